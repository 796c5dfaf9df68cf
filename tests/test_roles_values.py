"""roles.values: what a role file's values say, checked as the manifest's are."""

from __future__ import annotations

import datetime

import pytest

from assembler.config import Config
from assembler.diagnostics import KeyPath
from assembler.roles.parse import parse_role
from tests.conftest import role_file

TODAY = datetime.date(2026, 3, 1)
TAXONOMY = """
[taxonomy]
kingdom = "role"
mechanism = "{mechanism}"
domain = "agent"
layer = "agent-substrate"
stage = "design-time"
stability = "{stability}"
language = "toml"
"""


def found(text: str, stem: str = "r", config: Config | None = None) -> list[tuple[KeyPath, str, str]]:
    _, problems = parse_role(text, stem, config or Config(), TODAY)
    return [(p.path, p.code, p.message) for p in problems]


def test_name_equals_the_stem() -> None:
    assert found(role_file("r")) == []
    assert found(role_file("other")) == [
        (("role", "name"), "A011", "name `other` differs from the file name `r.toml`")
    ]


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("two\\nlines", "A014", "`role.description` holds a newline; it must be one line of plain text"),
        ("  ", "A016", "`role.description` is empty"),
        ("{{ WHAT }}", "A015", "`role.description` still holds the placeholder {{ WHAT }}"),
        (
            "right\\u202eleft",
            "A014",
            "`role.description` holds the character U+202E; it must be one line of plain text",
        ),
    ],
)
def test_every_string_is_one_line_of_plain_text(value: str, code: str, message: str) -> None:
    assert found(role_file("r", value)) == [(("role", "description"), code, message)]


def test_strings_inside_arrays_are_checked_too() -> None:
    assert found(role_file("r", required=["fs::read", ""])) == [
        (("capabilities", "required", 1), "A016", "`capabilities.required[1]` is empty")
    ]


def test_a_parent_name_that_could_leave_the_folder() -> None:
    assert found(role_file("r", extends="../base")) == [
        (("capabilities", "extends"), "A013", "parent role `../base` leads outside _roles/")
    ]


def test_tool_names() -> None:
    text = role_file("r", allowed=["Read", "Reed", "mcp__github__list_issues", "Shout"])
    problems = parse_role(text, "r", Config(), TODAY)[1]
    assert [(p.path, p.message, p.hint) for p in problems] == [
        (("tools", "allowed", 1), "unknown tool `Reed`",
         "did you mean `Read`? (more names: extra_tools in assembler.toml)"),
        (
            ("tools", "allowed", 3),
            "unknown tool `Shout`",
            "use a Claude Code tool name or mcp__server__tool (more names: extra_tools in assembler.toml)",
        ),
    ]  # fmt: skip
    assert (
        found(text.replace("Shout", "Deploy"), config=Config(tools=frozenset({"Read", "Reed", "Deploy"})))
        == []
    )


def test_shell_patterns_compile() -> None:
    text = role_file(
        "r",
        more="""
        [tools]
        bash-patterns-allowed = ['^cargo( |$)', '^git (diff', '[z-a]', '^rm -rf /tmp/']
        """,
    )
    assert found(text) == [
        (
            ("tools", "bash-patterns-allowed", 1),
            "A085",
            "`^git (diff` is not a valid regular expression: missing ), unterminated subpattern (at "
            "character 6)",
        ),
        (
            ("tools", "bash-patterns-allowed", 2),
            "A085",
            "`[z-a]` is not a valid regular expression: bad character range z-a (at character 2)",
        ),
    ]


def test_taxonomy_from_the_configured_vocabulary() -> None:
    text = role_file("r", more=TAXONOMY.format(mechanism="audit", stability="stable"))
    problems = parse_role(text, "r", Config(), TODAY)[1]
    assert [(p.path, p.code, p.message) for p in problems] == [
        (("taxonomy", "mechanism"), "A050", "`audit` is not a mechanism of the taxonomy")
    ]
    assert (
        problems[0].hint == "allowed: analyze, cache, compose, fetch, gate, router, store, transform, verify"
    )
    wider = Config(taxonomy={**Config().taxonomy, "mechanism": frozenset({"audit"})})
    assert found(text, config=wider) == []


@pytest.mark.parametrize(
    ("lineage", "expected"),
    [
        ('creator = "a-b"\ncreated = "2026-01-02"', []),
        ('creator = "A B"\ncreated = "2026-01-02"', [(("lineage", "creator"), "A060")]),
        ('creator = "a"\ncreated = "2026-02-30"', [(("lineage", "created"), "A061")]),
        ('creator = "a"\ncreated = "2.1.2026"', [(("lineage", "created"), "A061")]),
        ('creator = "a"\ncreated = 2026-03-02', [(("lineage", "created"), "A062")]),
        (
            'creator = "a"\ncreated = "2026-01-02"\nparents = ["base", "[[base]]"]',
            [(("lineage", "parents", 0), "A063")],
        ),
        ('creator = "a"\ncreated = "2026-01-02"\nfork_from = "[base]"', [(("lineage", "fork_from"), "A063")]),
    ],
)
def test_lineage(lineage: str, expected: list[tuple[KeyPath, str]]) -> None:
    text = role_file("r") + "[lineage]\n" + lineage + "\n"
    assert [(path, code) for path, code, _ in found(text)] == expected


def test_a_deprecated_role_names_its_successor() -> None:
    deprecated = role_file("r", more=TAXONOMY.format(mechanism="compose", stability="deprecated"))
    assert found(deprecated) == [
        (("taxonomy", "stability"), "A065", "`r` is deprecated but names no successor")
    ]
    with_successor = deprecated + '[lineage]\ncreator = "a"\ncreated = "2026-01-02"\nsuccessor = "[[s]]"\n'
    assert found(with_successor) == []
