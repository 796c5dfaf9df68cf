"""validate_fields: every per-manifest check, by code, key path and message."""

from __future__ import annotations

import datetime

import pytest

from assembler.config import Config, parse_config
from assembler.diagnostics import Problem, Severity
from assembler.manifest import Manifest, parse_manifest
from assembler.tomlparse import parse_toml
from assembler.validate_fields import (
    check_blocks,
    check_handoffs,
    check_identity,
    check_lineage,
    check_manifest,
    check_references,
    check_taxonomy,
    check_tools_and_model,
)
from assembler.validate_text import check_text
from tests.conftest import manifest, valid_or_problems

TODAY = datetime.date(2026, 3, 1)
CONFIG = Config()
ALIASES = parse_config({"path_aliases": {"docs": "docs", "user-rules": "~/.claude/rules"}})[0]
HANDOFF = '[[handoff]]\ntarget = "fixer"\ntrigger = "the patch needs changes"\n'
ONE_LINE_HINT = "join the text into one line without control characters"
LINK_HINT = 'write links as "[[agent-or-block-name]]"'


def model(text: str) -> Manifest:
    m, problems = valid_or_problems(parse_manifest(parse_toml(text)))
    assert problems == []
    assert m is not None
    return m


def base(**replace: str) -> str:
    return manifest("reviewer", "fixer", **replace)


def summary(problems: list[Problem]) -> list[tuple[tuple[str | int, ...], str, str]]:
    return [(p.path, p.code, p.message) for p in problems]


def test_valid_manifest_has_no_problems() -> None:
    assert check_manifest(model(base()), "reviewer", CONFIG, TODAY) == []


def test_problems_are_errors_unless_stated() -> None:
    problems = check_manifest(model(manifest("Bad", "Bad")), "bad", CONFIG, TODAY)
    assert problems
    assert all(p.severity is Severity.ERROR for p in problems)


# identity


def test_a010_name_not_a_slug() -> None:
    problems = check_identity(model(manifest("Code_Reviewer", "fixer")), "Code_Reviewer")
    assert summary(problems) == [
        (("name",), "A010", "name `Code_Reviewer` is not a lowercase slug"),
    ]
    assert problems[0].hint == ("use lowercase letters, digits and single hyphens, such as `code-reviewer`")


@pytest.mark.parametrize("name", ["a--b", "-a", "a-", "a b", "é"])
def test_a010_other_bad_slugs(name: str) -> None:
    codes = [p.code for p in check_identity(model(manifest(name, "x")), name)]
    assert codes == ["A010"]


def test_a011_name_differs_from_file() -> None:
    problems = check_identity(model(base()), "review")
    assert summary(problems) == [
        (("name",), "A011", "name `reviewer` differs from the file name `review.toml`"),
    ]
    assert problems[0].hint == 'write name = "review", or rename the file to reviewer.toml'


# text


def test_a_description_may_span_lines() -> None:
    text = base(description='description = "Reviews patches.\\nThen reports.\\r\\nDone."')
    assert check_text(model(text)) == []


def test_a117_tab_in_description() -> None:
    text = base(description='description = "Reviews patches.\\n\\tThen reports."')
    problems = check_text(model(text))
    assert summary(problems) == [
        (
            ("description",),
            "A117",
            "`description` holds a tab; it may span lines but holds no other control character",
        ),
    ]


def test_a014_newline_in_a_trigger() -> None:
    text = base().replace('trigger = "the patch', 'trigger = """the\npatch')
    text = text.replace('needs changes"', 'needs changes"""')
    problems = check_text(model(text))
    assert summary(problems) == [
        (
            ("handoff", 0, "trigger"),
            "A014",
            "`handoff[0].trigger` holds a newline; it must be one line of plain text",
        ),
    ]


def test_a014_newline_in_a_list_item() -> None:
    text = base(domain_in='domain_in = ["Reviewing patches", "and\\nmore"]')
    assert summary(check_text(model(text))) == [
        (
            ("domain_in", 1),
            "A014",
            "`domain_in[1]` holds a newline; it must be one line of plain text",
        ),
    ]


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\t", "a tab"),
        ("\\r", "a carriage return"),
        ("\\u2028", "the character U+2028"),
        ("\\u0085", "the character U+0085"),
        ("\\ufeff", "the character U+FEFF"),
        ("\\u001b", "the character U+001B"),
        ("\\u202e", "the character U+202E"),
        ("\\u2067", "the character U+2067"),
    ],
)
def test_a014_control_characters(escape: str, name: str) -> None:
    text = base(forbidden_domain=f'forbidden_domain = ["Merging{escape}now"]')
    assert summary(check_text(model(text))) == [
        (
            ("forbidden_domain", 0),
            "A014",
            f"`forbidden_domain[0]` holds {name}; it must be one line of plain text",
        ),
    ]


def test_a014_not_for_role_prose() -> None:
    assert check_text(model(base())) == []  # role has newlines of its own


def test_a015_placeholder_in_role() -> None:
    text = base().replace("You review patches.", "You review {{ PROJECT_NAME }} patches.")
    problems = check_text(model(text))
    assert summary(problems) == [
        (("role",), "A015", "`role` still holds the placeholder {{ PROJECT_NAME }}"),
    ]
    assert problems[0].hint == "replace the placeholder with the real value"


def test_a015_placeholder_in_a_list_item() -> None:
    text = base(output_extra_fields='output_extra_fields = ["Verdict: {{VERDICT}}"]')
    assert summary(check_text(model(text))) == [
        (
            ("output_extra_fields", 0),
            "A015",
            "`output_extra_fields[0]` still holds the placeholder {{VERDICT}}",
        ),
    ]


def test_a015_not_for_other_braces() -> None:
    text = base().replace("You review patches.", "Use {x} and {{ 1 + 2 }} and {% if %}.")
    assert check_text(model(text)) == []


def test_a016_empty_values() -> None:
    text = base(
        description='description = "   "',
        domain_in='domain_in = ["Reviewing patches", ""]',
    )
    problems = check_text(model(text))
    assert summary(problems) == [
        (("description",), "A016", "`description` is empty"),
        (("domain_in", 1), "A016", "`domain_in[1]` is empty"),
    ]
    assert problems[0].hint == "write a value or remove the entry"


# blocks


def test_a021_block_listed_twice() -> None:
    text = base(blocks='blocks = ["baseline", "evidence-grading", "baseline", "memory-protocol"]')
    problems = check_blocks(model(text), CONFIG)
    assert summary(problems) == [(("blocks", 2), "A021", "block `baseline` is listed twice")]
    assert problems[0].hint == "remove the second entry"


def test_a022_obligatory_block_missing() -> None:
    problems = check_blocks(model(base(blocks='blocks = ["baseline"]')), CONFIG)
    assert summary(problems) == [
        (("blocks",), "A022", "obligatory block `evidence-grading` is missing"),
        (("blocks",), "A022", "obligatory block `memory-protocol` is missing"),
    ]
    assert problems[0].hint == (
        'add "evidence-grading" to blocks (obligatory: baseline, evidence-grading, memory-protocol)'
    )


def test_a022_follows_configuration() -> None:
    config = parse_config({"obligatory_blocks": ["house-rules"]})[0]
    problems = check_blocks(model(base()), config)
    assert summary(problems) == [
        (("blocks",), "A022", "obligatory block `house-rules` is missing"),
    ]


# tools and model


def test_a030_unknown_tool_with_suggestion() -> None:
    problems = check_tools_and_model(model(base(tools='tools = ["Read", "Grpe"]')), CONFIG)
    assert summary(problems) == [(("tools", 1), "A030", "unknown tool `Grpe`")]
    assert problems[0].hint == ("did you mean `Grep`? (more names: extra_tools in assembler.toml)")


def test_a030_unknown_tool_without_suggestion() -> None:
    problems = check_tools_and_model(model(base(tools='tools = ["Zzyzx"]')), CONFIG)
    assert [p.hint for p in problems] == [
        "use a Claude Code tool name or mcp__server__tool (more names: extra_tools in assembler.toml)"
    ]


@pytest.mark.parametrize(
    "tool", ["mcp__github__create_issue", "mcp__my-server__do_it", "mcp__github", "mcp__github__*"]
)
def test_a030_mcp_tools_accepted(tool: str) -> None:
    assert check_tools_and_model(model(base(tools=f'tools = ["Read", "{tool}"]')), CONFIG) == []


@pytest.mark.parametrize(
    ("tool", "code"), [("mcp__a__b c", "A112"), ("mcp__", "A112"), ("MCP__a__b", "A030")]
)
def test_malformed_mcp_tools(tool: str, code: str) -> None:
    problems = check_tools_and_model(model(base(tools=f'tools = ["{tool}"]')), CONFIG)
    assert [p.code for p in problems] == [code]


def test_a030_extra_tools_from_configuration() -> None:
    config = parse_config({"extra_tools": ["Frobnicate"]})[0]
    assert check_tools_and_model(model(base(tools='tools = ["Frobnicate"]')), config) == []


def test_a031_unknown_model() -> None:
    problems = check_tools_and_model(model(base(model='model = "sonet"')), CONFIG)
    assert summary(problems) == [(("model",), "A031", "unknown model `sonet`")]
    assert problems[0].hint == (
        "use best, fable, haiku, inherit, opus, opusplan, sonnet or a full model id such as "
        "claude-sonnet-4-5 (more: extra_models in assembler.toml)"
    )


@pytest.mark.parametrize(
    "name", ["opus", "inherit", "claude-sonnet-4-5", "claude-opus-4-1-20250805", "claude-3.5-haiku"]
)
def test_a031_aliases_and_full_ids_accepted(name: str) -> None:
    assert check_tools_and_model(model(base(model=f'model = "{name}"')), CONFIG) == []


@pytest.mark.parametrize("name", ["claude-", "Claude-sonnet", "gpt-4"])
def test_a031_not_model_ids(name: str) -> None:
    codes = [p.code for p in check_tools_and_model(model(base(model=f'model = "{name}"')), CONFIG)]
    assert codes == ["A031"]


# handoffs


def test_a040_no_handoff() -> None:
    problems = check_handoffs(model(base().replace(HANDOFF, "")), CONFIG)
    assert summary(problems) == [
        ((), "A040", "agent `reviewer` declares 0 handoff(s); the catalog requires at least 1")
    ]
    assert problems[0].hint == (
        "add a [[handoff]] table with target and trigger at the end of the manifest "
        "(or lower min_handoffs in assembler.toml)"
    )


def test_a042_handoff_to_itself() -> None:
    problems = check_handoffs(model(manifest("reviewer", "reviewer")), CONFIG)
    assert summary(problems) == [
        (("handoff", 0, "target"), "A042", "`reviewer` hands off to itself"),
    ]
    assert problems[0].hint == "name another agent of the catalog"


def test_a043_handoff_target_twice() -> None:
    problems = check_handoffs(model(base().replace(HANDOFF, HANDOFF + "\n" + HANDOFF)), CONFIG)
    assert summary(problems) == [
        (("handoff", 1, "target"), "A043", "handoff target `fixer` is listed twice"),
    ]
    assert problems[0].hint == "merge the triggers into one [[handoff]] table"


def test_a044_unknown_artifacts() -> None:
    text = base().replace(HANDOFF, HANDOFF + 'expects_artifact = "specs"\nproduces_artifact = "patch"\n')
    text = 'produces_artifact = "doc"\n' + text
    problems = check_handoffs(model(text), CONFIG)
    assert summary(problems) == [
        (("handoff", 0, "expects_artifact"), "A044", "unknown artifact `specs`"),
        (("produces_artifact",), "A044", "unknown artifact `doc`"),
    ]
    assert problems[0].hint == (
        "use one of spec, plan, patch, review, research (or set artifacts in assembler.toml)"
    )


def test_a044_artifacts_from_configuration() -> None:
    config = parse_config({"artifacts": ["doc"]})[0]
    text = base().replace(HANDOFF, HANDOFF + 'expects_artifact = "doc"\n')
    assert check_handoffs(model(text), config) == []
    text = base().replace(HANDOFF, HANDOFF + 'expects_artifact = "spec"\n')
    assert [p.code for p in check_handoffs(model(text), config)] == ["A044"]


# taxonomy


def test_a050_taxonomy_value_with_suggestion() -> None:
    text = base().replace('domain = "quality"', 'domain = "qualty"')
    problems = check_taxonomy(model(text), CONFIG)
    assert summary(problems) == [
        (("taxonomy", "domain"), "A050", "`qualty` is not a domain of the taxonomy"),
    ]
    assert problems[0].hint == (
        "did you mean `quality`? allowed: agent, content, output, policy, quality, research, "
        "safety, sage, scope, social, task, tools"
    )


def test_a050_without_suggestion_and_extended_vocabulary() -> None:
    text = base().replace('stage = "design-time"', 'stage = "zzz"')
    problems = check_taxonomy(model(text), CONFIG)
    assert [p.hint for p in problems] == ["allowed: design-time, ephemeral, runtime"]
    config = parse_config({"taxonomy": {"stage": ["zzz"]}})[0]
    assert check_taxonomy(model(text), config) == []


# lineage


def test_a060_creator_not_a_slug() -> None:
    problems = check_lineage(model(base(creator='creator = "Test Suite"')), TODAY)
    assert summary(problems) == [
        (("lineage", "creator"), "A060", "creator `Test Suite` is not a slug"),
    ]


@pytest.mark.parametrize("value", ["2026-02-30", "yesterday", "2026-3-1", "2026-02-28T10:00:00"])
def test_a061_not_a_real_date(value: str) -> None:
    problems = check_lineage(model(base(created=f'created = "{value}"')), TODAY)
    assert summary(problems) == [
        (("lineage", "created"), "A061", f"`{value}` is not a real date"),
    ]
    assert problems[0].hint == 'write the date as YYYY-MM-DD, e.g. created = "2026-04-23"'


@pytest.mark.parametrize("written", ['"2026-03-02"', "2026-03-02"])
def test_a062_future_date(written: str) -> None:
    problems = check_lineage(model(base(created=f"created = {written}")), TODAY)
    assert summary(problems) == [
        (("lineage", "created"), "A062", "created date 2026-03-02 lies in the future"),
    ]
    assert problems[0].hint == "use the date the agent was created (today is 2026-03-01)"


def test_a062_today_is_not_the_future() -> None:
    assert check_lineage(model(base(created='created = "2026-03-01"')), TODAY) == []


def test_a063_links_must_be_slug_links() -> None:
    text = base(parents='parents = ["baseline", "[[Bad]]", "[[ok-link]]"]')
    text += 'fork_from = "x"\nsuccessor = "[[fine]]"\n'
    problems = check_lineage(model(text), TODAY)
    assert summary(problems) == [
        (("lineage", "parents", 0), "A063", "`baseline` is not a [[slug]] link"),
        (("lineage", "parents", 1), "A063", "`[[Bad]]` is not a [[slug]] link"),
        (("lineage", "fork_from"), "A063", "`x` is not a [[slug]] link"),
    ]
    assert problems[0].hint == LINK_HINT


def test_a065_deprecated_without_successor() -> None:
    text = base().replace('stability = "stable"', 'stability = "deprecated"')
    problems = check_lineage(model(text), TODAY)
    assert summary(problems) == [
        (("taxonomy", "stability"), "A065", "`reviewer` is deprecated but names no successor"),
    ]
    assert problems[0].hint == 'add successor = "[[agent-that-replaces-it]]" under [lineage]'
    assert check_lineage(model(text + 'successor = "[[fixer]]"\n'), TODAY) == []


# references


def references(*items: str) -> str:
    quoted = ", ".join(f'"{item}"' for item in items)
    return base() + f"\n[references]\nextra = [{quoted}]\n"


def test_a070_undeclared_alias() -> None:
    problems = check_references(model(references("path:nope/x.md")), ALIASES)
    assert summary(problems) == [
        (("references", "extra", 0), "A070", "path alias `nope` is not declared"),
    ]
    assert problems[0].hint == ("declare it under [path_aliases] in assembler.toml (known: docs, user-rules)")
    problems = check_references(model(references("path:nope/x.md")), CONFIG)
    assert problems[0].hint == "declare it under [path_aliases] in assembler.toml (known: none declared)"


def test_declared_aliases_and_other_references_accepted() -> None:
    text = references("path:docs/README.md", "path:user-rules/a/b.md", "https://x.org/a/../b", "docs")
    assert check_references(model(text), ALIASES) == []


@pytest.mark.parametrize("ref", ["path:docs/../x", "path:docs/a/../../etc/passwd", "path:docs/.."])
def test_a013_reference_leaves_its_alias(ref: str) -> None:
    problems = check_references(model(references("path:docs/ok.md", ref)), ALIASES)
    assert summary(problems) == [
        (("references", "extra", 1), "A013", f"reference `{ref}` leads outside its alias folder"),
    ]
    assert problems[0].hint == "remove the `..` segments"


def test_a070_message_does_not_deny_a_declared_alias() -> None:
    problems = check_references(model(references("path:docs")), ALIASES)
    assert all("`docs` is not declared" not in p.message for p in problems)


# all together


def test_check_manifest_reports_every_problem() -> None:
    text = manifest("Reviewer", "Reviewer", model='model = "gpt"', creator='creator = "X"')
    codes = sorted(p.code for p in check_manifest(model(text), "reviewer", CONFIG, TODAY))
    assert codes == ["A010", "A011", "A031", "A042", "A060"]


def test_a015_inside_tool_module_data() -> None:
    text = base() + '\n[tool_module]\nkind = "modal"\n[[tool_module.gpu]]\nname = "{{GPU}}"\n'
    assert summary(check_text(model(text))) == [
        (
            ("tool_module", "gpu", 0, "name"),
            "A015",
            "`tool_module.gpu[0].name` still holds the placeholder {{GPU}}",
        ),
    ]
