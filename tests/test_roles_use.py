"""roles.use: what a manifest is warned of by its role, and every role file of the folder checked once."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler.config import Config
from assembler.diagnostics import Severity, format_text
from assembler.manifest import parse_manifest
from assembler.pipeline import plan_catalog
from assembler.roles import Role, RoleResult, check_role_tools, check_roles, resolve_role, role_warnings
from assembler.sources import Sources, Text
from assembler.tomlparse import parse_toml
from tests.conftest import manifest, role_file, write_tree

TODAY = datetime.date(2026, 3, 1)


def role(allowed: tuple[str, ...] | None, spawnable: bool = True) -> Role:
    return Role(
        name="base",
        display_name="base",
        description="d",
        spawnable=spawnable,
        subagent_type=None,
        escalation=None,
        capabilities=(),
        allowed_tools=allowed,
        bash_patterns=(),
        pipeline=(),
        texts=(Text("_roles/base.toml", ""),),
        rel="_roles/base.toml",
    )


def tools_of(text: str) -> tuple[str, ...]:
    m = parse_manifest(parse_toml(text)).manifest
    assert m is not None and m.tools is not None
    return m.tools


def test_a032_tool_not_allowed_is_a_warning() -> None:
    problems = check_role_tools(["Read", "Bash", "Edit", "Write"], role(("Read", "Edit")))
    assert [(p.path, p.code, p.message, p.severity) for p in problems] == [
        (("tools", 1), "A032", "tool `Bash` is not allowed by substrate role `base`", Severity.WARNING),
        (("tools", 3), "A032", "tool `Write` is not allowed by substrate role `base`", Severity.WARNING),
    ]
    assert problems[0].hint == "remove it, or allow it under [tools] in the role file"


def test_a032_not_without_a_limit() -> None:
    assert check_role_tools(tools_of(manifest("a", "b", tools='tools = ["Bash"]')), role(None)) == []


def test_a088_a_role_that_is_not_spawnable() -> None:
    problems = role_warnings(["Read", "Bash"], role(("Read",), spawnable=False))
    assert [(p.path, p.code, p.message, p.severity) for p in problems] == [
        (("substrate_role",), "A088", "substrate role `base` is not spawnable", Severity.WARNING),
        (("tools", 1), "A032", "tool `Bash` is not allowed by substrate role `base`", Severity.WARNING),
    ]
    assert problems[0].hint == (
        "choose a spawnable role, or set spawnable = true in _roles/base.toml if agents may be started "
        "with it"
    )
    assert role_warnings(["Read"], role(("Read",))) == []


def test_check_roles_resolves_every_role_file(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "_roles/a.toml": role_file("a", required=["x::gone"]),
            "_roles/b.toml": role_file("b", extends="a"),
            "_roles/c.toml": role_file("c"),
            "_roles/notes.md": "not a role\n",
        },
    )
    sources = Sources.of(root, Config())
    asked: list[str] = []

    def resolve(name: str) -> RoleResult:
        asked.append(name)
        return resolve_role(name, sources, TODAY)

    found = check_roles(sources, resolve)
    assert asked == ["a", "b", "c"]
    # the problem of a is found for a and again for b, which extends it: the pipeline reports it once
    assert [(d.code, d.file) for d in found] == [("A081", "_roles/a.toml"), ("A081", "_roles/a.toml")]


def test_check_roles_reports_a_folder_that_cannot_be_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assembler.codes import fault
    from assembler.disk import FileProblem, Folder

    sources = Sources.of(write_tree(tmp_path, {"_roles/a.toml": role_file("a")}), Config())
    refused = fault.READ_FAILED.located("_roles", where="_roles/", reason="Permission denied", suggestion="x")

    def names(self: Folder) -> list[str]:
        raise FileProblem(refused)

    monkeypatch.setattr(Folder, "names", names)
    assert check_roles(sources, lambda name: resolve_role(name, sources, TODAY)) == [refused]


def test_a032_through_the_pipeline_does_not_stop_the_build(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_capabilities/fs/read/text.md": "FS READ\n",
            "_capabilities/fs/edit/text.md": "FS EDIT\n",
            "_roles/base.toml": role_file(
                "base", required=["fs::read", "fs::edit"], allowed=["Read", "Edit"]
            ),
            "_manifests/reviewer.toml": 'substrate_role = "base"\n' + manifest("reviewer", "fixer"),
        }
    )
    plan = plan_catalog(root, today=TODAY)
    assert plan.ok
    assert format_text(plan.diagnostics) == (
        "_manifests/reviewer.toml:4:18: A032: warning: tool `Grep` is not allowed by substrate "
        "role `base`\n    hint: remove it, or allow it under [tools] in the role file"
    )
    text = {o.rel: o.text for o in plan.outputs}["_generated/reviewer.md"]
    assert text is not None
    assert "# SUBSTRATE: base" in text
    assert text.index("FS READ") < text.index("FS EDIT")


def test_a_broken_role_no_manifest_names_stops_the_build(catalog: Callable[..., Path]) -> None:
    root = catalog({"_roles/unused.toml": role_file("unused", required=["fs::gone"])})
    plan = plan_catalog(root, today=TODAY)
    assert [(d.code, d.file) for d in plan.diagnostics] == [("A081", "_roles/unused.toml")]
    assert plan.outputs == []


def test_a_broken_role_is_reported_once(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_roles/base.toml": role_file("base", required=["fs::gone"]),
            "_roles/child.toml": role_file("child", extends="base"),
            "_manifests/reviewer.toml": 'substrate_role = "child"\n' + manifest("reviewer", "fixer"),
            "_manifests/fixer.toml": 'substrate_role = "base"\n' + manifest("fixer", "reviewer"),
        }
    )
    plan = plan_catalog(root, today=TODAY)
    assert [(d.code, d.file) for d in plan.diagnostics] == [("A081", "_roles/base.toml")]


def test_a080_through_the_pipeline(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_roles/reviewing.toml": role_file("reviewing"),
            "_manifests/reviewer.toml": 'substrate_role = "reviewng"\n' + manifest("reviewer", "fixer"),
        }
    )
    plan = plan_catalog(root, today=TODAY)
    assert [(d.code, d.file, d.line, d.message, d.hint) for d in plan.diagnostics] == [
        (
            "A080",
            "_manifests/reviewer.toml",
            1,
            "substrate role `reviewng` not found",
            "did you mean `reviewing`?",
        )
    ]
    assert plan.outputs == []
