"""roles.parse: a role file in the role format read into a RoleFile; the flat format of 0.1 refused once."""

from __future__ import annotations

import datetime

import pytest

from assembler.config import Config
from assembler.roles.parse import parse_role
from assembler.tomlparse import TomlError

TODAY = datetime.date(2026, 3, 1)

EVERY_TABLE = """\
[role]
name = "shared"
display-name = "shared editor"
description = "Edits shared files."
spawnable = false
claude-subagent-type = "code-implementer"

[capabilities]
extends = "local"
required = ["scope::shared", "output::report"]
relaxes = ["scope::local-only"]

[tools]
allowed = ["Read", "Edit", "Bash"]
bash-patterns-allowed = ['^cargo( |$)', '^git diff']

[escalation]
policy = "orchestrator-notify"

[taxonomy]
kingdom = "role"
mechanism = "compose"
domain = "agent"
layer = "agent-substrate"
stage = "design-time"
stability = "stable"
language = "toml"

[lineage]
creator = "someone"
created = 2026-01-02
parents = ["[[local]]"]
successor = "[[newer]]"

[pipeline]
handoff = ["merger"]
"""


def test_every_table_read() -> None:
    role, problems = parse_role(EVERY_TABLE, "shared", Config(), TODAY)
    assert problems == []
    assert role is not None
    assert (role.name, role.display_name, role.description) == (
        "shared",
        "shared editor",
        "Edits shared files.",
    )
    assert (role.spawnable, role.subagent_type, role.escalation) == (
        False,
        "code-implementer",
        "orchestrator-notify",
    )
    assert (role.extends, role.required, role.relaxes) == (
        "local",
        ("scope::shared", "output::report"),
        ("scope::local-only",),
    )
    assert role.allowed_tools == ("Read", "Edit", "Bash")
    assert role.bash_patterns == ("^cargo( |$)", "^git diff")
    assert role.pipeline == ("merger",)
    assert role.lineage_links == (
        (("lineage", "parents", 0), "[[local]]"),
        (("lineage", "successor"), "[[newer]]"),
    )


def test_keys_left_out_are_none_so_a_parent_can_give_them() -> None:
    role, problems = parse_role('[role]\nname = "r"\ndescription = "d"\n', "r", Config(), TODAY)
    assert problems == [] and role is not None
    assert (role.display_name, role.spawnable, role.subagent_type, role.escalation) == (
        None,
        None,
        None,
        None,
    )
    assert (role.allowed_tools, role.bash_patterns, role.pipeline) == (None, None, None)
    assert (role.extends, role.required, role.relaxes, role.lineage_links) == (None, (), (), ())


@pytest.mark.parametrize(
    ("text", "line_key"),
    [
        ('description = "Edits."\n[capabilities]\nrequired = ["fs::read"]\n', ("description",)),
        ('extends = "base"\n[tools]\nallowed = ["Read"]\n', ("extends",)),
    ],
)
def test_the_flat_format_is_refused_once(text: str, line_key: tuple[str]) -> None:
    role, problems = parse_role(text, "old", Config(), TODAY)
    assert role is None
    assert [(p.path, p.code, p.message) for p in problems] == [
        (line_key, "A083", "role file in the flat format of assembler 0.1, which is no longer read")
    ]
    assert problems[0].hint == (
        'move the keys into tables: [role] name = "old" and description, [capabilities] required, extends '
        "and relaxes, [tools] allowed (README, Substrate roles)"
    )


def test_a_file_without_role_table_is_not_taken_for_the_flat_format() -> None:
    role, problems = parse_role('[tools]\nallowed = ["Read"]\n', "r", Config(), TODAY)
    assert role is None
    assert [(p.code, p.message) for p in problems] == [("A003", "missing required key `[role]`")]


def test_shape_problems_leave_no_role_value_problems_do() -> None:
    role, problems = parse_role('[role]\nname = "r"\ndescription = 3\n', "r", Config(), TODAY)
    assert role is None and [p.code for p in problems] == ["A004"]
    role, problems = parse_role('[role]\nname = "other"\ndescription = "d"\n', "r", Config(), TODAY)
    assert role is not None and [p.code for p in problems] == ["A011"]


def test_a_syntax_error_raises() -> None:
    with pytest.raises(TomlError):
        parse_role("[role\n", "r", Config(), TODAY)
