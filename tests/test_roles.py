"""roles: the extends chain, relaxed capabilities, allowed tools, and the problems of role files."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from assembler.config import Config
from assembler.diagnostics import Diagnostic, Severity, format_text
from assembler.manifest import parse_manifest
from assembler.pipeline import plan_catalog
from assembler.roles import Role, check_role_tools, resolve_role
from assembler.sources import Sources
from assembler.tomlparse import parse_toml
from tests.conftest import manifest, write_tree

TODAY = datetime.date(2026, 3, 1)

CAPABILITIES = {
    f"_capabilities/{cat}/{slug}/text.md": f"{cat.upper()} {slug.upper()}\n"
    for cat, slug in [("fs", "read"), ("fs", "edit"), ("sh", "run"), ("git", "read"), ("net", "get")]
}


def resolve(
    tmp_path: Path, roles: Mapping[str, str], name: str
) -> tuple[Role | None, list[Diagnostic], str | None]:
    files = {**CAPABILITIES, **{f"_roles/{k}.toml": v for k, v in roles.items()}}
    return resolve_role(name, Sources.of(write_tree(tmp_path, files), Config()))


def role_of(tmp_path: Path, roles: Mapping[str, str], name: str) -> Role:
    role, diagnostics, missing = resolve(tmp_path, roles, name)
    assert diagnostics == []
    assert missing is None
    assert role is not None
    return role


def names(role: Role) -> list[str]:
    return [name for name, _ in role.capabilities]


BASE = """\
    description = "Reads and edits."
    [capabilities]
    required = ["fs::read", "fs::edit"]
    [tools]
    allowed = ["Read", "Edit"]
    """


def test_single_role(tmp_path: Path) -> None:
    role = role_of(tmp_path, {"base": BASE}, "base")
    assert role.name == "base"
    assert names(role) == ["fs::read", "fs::edit"]
    assert [text.text for _, text in role.capabilities] == ["FS READ\n", "FS EDIT\n"]
    assert role.allowed_tools == frozenset({"Read", "Edit"})
    assert [t.rel for t in role.texts] == [
        "_roles/base.toml",
        "_capabilities/fs/read/text.md",
        "_capabilities/fs/edit/text.md",
    ]


def test_extends_chain_order_duplicates_and_relaxes(tmp_path: Path) -> None:
    roles = {
        "root": '[capabilities]\nrequired = ["git::read", "fs::read"]\n',
        "base": 'extends = "root"\n' + BASE,
        "child": """\
            extends = "base"
            [capabilities]
            required = ["sh::run", "fs::read", "net::get"]
            relaxes = ["fs::edit", "git::read"]
            """,
    }
    role = role_of(tmp_path, roles, "child")
    # the root ancestor's capabilities first, each once, then relaxed ones removed
    assert names(role) == ["fs::read", "sh::run", "net::get"]
    assert [t.rel for t in role.texts][:3] == ["_roles/child.toml", "_roles/base.toml", "_roles/root.toml"]
    assert role.allowed_tools == frozenset({"Read", "Edit"})  # inherited from base


def test_child_allowed_tools_replace_the_parents(tmp_path: Path) -> None:
    roles = {"base": BASE, "child": 'extends = "base"\n[tools]\nallowed = ["Read"]\n'}
    assert role_of(tmp_path, roles, "child").allowed_tools == frozenset({"Read"})


def test_role_without_tools_sets_no_limit(tmp_path: Path) -> None:
    assert role_of(tmp_path, {"free": 'description = "x"\n'}, "free").allowed_tools is None


def test_duplicate_in_one_required_list_dropped(tmp_path: Path) -> None:
    roles = {"base": '[capabilities]\nrequired = ["fs::read", "fs::edit", "fs::read"]\n'}
    assert names(role_of(tmp_path, roles, "base")) == ["fs::read", "fs::edit"]


def test_a082_cycle(tmp_path: Path) -> None:
    roles = {"a": 'extends = "b"\n', "b": 'extends = "c"\n', "c": 'extends = "a"\n'}
    role, diagnostics, missing = resolve(tmp_path, roles, "a")
    assert role is None
    assert missing is None
    assert diagnostics == [
        Diagnostic(
            code="A082",
            message="roles extend each other in a cycle: a -> b -> c -> a",
            file="_roles/a.toml",
            line=1,
            column=1,
            hint="remove one `extends` so the chain ends",
        )
    ]


def test_a082_role_extends_itself(tmp_path: Path) -> None:
    _, diagnostics, _ = resolve(tmp_path, {"a": 'extends = "a"\n'}, "a")
    assert [(d.code, d.message) for d in diagnostics] == [
        ("A082", "roles extend each other in a cycle: a -> a"),
    ]


def test_a080_missing_role(tmp_path: Path) -> None:
    assert resolve(tmp_path, {}, "nope") == (None, [], "nope")


def test_a080_role_name_leaving_the_folder(tmp_path: Path) -> None:
    write_tree(tmp_path, {"x.toml": 'description = "outside"\n'})
    assert resolve(tmp_path, {}, "../x") == (None, [], "../x")


def test_a080_missing_parent(tmp_path: Path) -> None:
    role, diagnostics, missing = resolve(tmp_path, {"child": 'extends = "gone"\n'}, "child")
    assert (role, missing) == (None, None)
    assert diagnostics == [
        Diagnostic(
            code="A080",
            message="parent role `gone` not found",
            file="_roles/child.toml",
            line=1,
            column=1,
            hint="create _roles/gone.toml or fix the name",
        )
    ]


def test_a081_missing_capability_text(tmp_path: Path) -> None:
    text = '[capabilities]\nrequired = [\n  "fs::read",\n  "fs::write",\n  "nocategory",\n]\n'
    role, diagnostics, _ = resolve(tmp_path, {"base": text}, "base")
    assert role is None
    assert [(d.code, d.file, d.line, d.column, d.message, d.hint) for d in diagnostics] == [
        (
            "A081",
            "_roles/base.toml",
            4,
            3,
            "capability `fs::write` has no text",
            "write _capabilities/fs/write/text.md, or fix the name (category::slug)",
        ),
        (
            "A081",
            "_roles/base.toml",
            5,
            3,
            "capability `nocategory` has no text",
            "write _capabilities/nocategory//text.md, or fix the name (category::slug)",
        ),
    ]


def test_a081_located_in_the_role_that_requires_it(tmp_path: Path) -> None:
    roles = {
        "base": '# base\n[capabilities]\nrequired = ["fs::read", "fs::gone"]\n',
        "child": 'extends = "base"\n[capabilities]\nrequired = ["sh::run"]\n',
    }
    _, diagnostics, _ = resolve(tmp_path, roles, "child")
    assert [(d.code, d.file, d.line, d.column) for d in diagnostics] == [
        ("A081", "_roles/base.toml", 3, 25),
    ]


def test_a081_capability_name_leaving_the_folder(tmp_path: Path) -> None:
    write_tree(tmp_path, {"secret/text.md": "SECRET\n"})
    roles = {"base": '[capabilities]\nrequired = ["..::secret"]\n'}
    _, diagnostics, _ = resolve(tmp_path / "cat", roles, "base")
    assert [d.code for d in diagnostics] == ["A081"]


def test_role_file_problems_are_located(tmp_path: Path) -> None:
    text = 'description = "x"\nallowed = ["Read"]\n[capabilities]\nrequired = "fs::read"\n'
    role, diagnostics, _ = resolve(tmp_path, {"base": text}, "base")
    assert role is None
    assert [(d.code, d.file, d.line, d.message) for d in diagnostics] == [
        ("A002", "_roles/base.toml", 2, "unknown role key `allowed`"),
        (
            "A004",
            "_roles/base.toml",
            4,
            "`capabilities.required` should be an array of strings, not a string",
        ),
    ]


def test_role_type_problems(tmp_path: Path) -> None:
    text = "extends = 3\n[tools]\nallowed = [1]\n"
    _, diagnostics, _ = resolve(tmp_path, {"base": text}, "base")
    assert sorted((d.line, d.message) for d in diagnostics) == [
        (1, "`extends` should be a role name, not an integer"),
        (3, "`tools.allowed` should be an array of strings, not an array"),
    ]


def test_role_syntax_error(tmp_path: Path) -> None:
    _, diagnostics, _ = resolve(tmp_path, {"base": "extends = base\n"}, "base")
    assert [(d.code, d.file, d.line) for d in diagnostics] == [("A001", "_roles/base.toml", 1)]


@pytest.mark.parametrize(
    "text", ['capabilities = ["fs::read"]\n', 'tools = "allowed"\n', 'tools = ["Read"]\n']
)
def test_role_tables_of_the_wrong_type(tmp_path: Path, text: str) -> None:
    role, diagnostics, _ = resolve(tmp_path, {"base": text}, "base")
    assert role is None
    assert [d.code for d in diagnostics] == ["A004"]


# A032: tools the role does not allow


def test_a032_tool_not_allowed_is_a_warning(tmp_path: Path) -> None:
    role = role_of(tmp_path, {"base": BASE}, "base")
    text = manifest("a", "b", tools='tools = ["Read", "Bash", "Edit", "Write"]')
    m = parse_manifest(parse_toml(text)).manifest
    assert m is not None
    problems = check_role_tools(m.tools or (), role)
    assert [(p.path, p.code, p.message, p.severity) for p in problems] == [
        (("tools", 1), "A032", "tool `Bash` is not allowed by substrate role `base`", Severity.WARNING),
        (("tools", 3), "A032", "tool `Write` is not allowed by substrate role `base`", Severity.WARNING),
    ]
    assert problems[0].hint == "remove it, or allow it under [tools] in the role file"


def test_a032_not_without_a_limit(tmp_path: Path) -> None:
    role = role_of(tmp_path, {"free": 'description = "x"\n'}, "free")
    m = parse_manifest(parse_toml(manifest("a", "b", tools='tools = ["Bash"]'))).manifest
    assert m is not None
    assert check_role_tools(m.tools or (), role) == []


def test_a032_through_the_pipeline_does_not_stop_the_build(
    catalog: Callable[..., Path],
) -> None:
    root = catalog(
        {
            **CAPABILITIES,
            "_roles/base.toml": BASE,
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


def test_a080_through_the_pipeline(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/reviewer.toml": 'substrate_role = "gone"\n' + manifest("reviewer", "fixer")})
    plan = plan_catalog(root, today=TODAY)
    assert [(d.code, d.file, d.line, d.message, d.hint) for d in plan.diagnostics] == [
        (
            "A080",
            "_manifests/reviewer.toml",
            1,
            "substrate role `gone` not found",
            "create _roles/gone.toml or fix the name",
        )
    ]
    assert plan.outputs == []
