"""roles.resolve: the extends chain, relaxed capabilities, keys a role takes from its parent, alias stubs, and
the problems of role files, each located where it is written."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

from assembler.config import Config
from assembler.diagnostics import Diagnostic
from assembler.roles import Role, resolve_role
from assembler.sources import Sources
from tests.conftest import role_file, write_tree

TODAY = datetime.date(2026, 3, 1)

CAPABILITIES = {
    f"_capabilities/{cat}/{slug}/text.md": f"{cat.upper()} {slug.upper()}\n"
    for cat, slug in [("fs", "read"), ("fs", "edit"), ("sh", "run"), ("git", "read"), ("net", "get")]
}


def resolve(
    tmp_path: Path, roles: Mapping[str, str], name: str, files: Mapping[str, str] | None = None
) -> tuple[Role | None, list[Diagnostic], str | None]:
    tree = {**CAPABILITIES, **(files or {}), **{f"_roles/{k}.toml": v for k, v in roles.items()}}
    return resolve_role(name, Sources.of(write_tree(tmp_path, tree), Config()), TODAY)


def role_of(
    tmp_path: Path, roles: Mapping[str, str], name: str, files: Mapping[str, str] | None = None
) -> Role:
    role, diagnostics, missing = resolve(tmp_path, roles, name, files)
    assert [d for d in diagnostics if d.severity.value == "error"] == []
    assert missing is None
    assert role is not None
    return role


def names(role: Role) -> list[str]:
    return [name for name, _ in role.capabilities]


def located(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int | None, int | None, str]]:
    return [(d.code, d.file, d.line, d.column, d.message) for d in diagnostics]


BASE = role_file("base", "Reads and edits.", required=["fs::read", "fs::edit"], allowed=["Read", "Edit"])


def test_single_role(tmp_path: Path) -> None:
    role = role_of(tmp_path, {"base": BASE}, "base")
    assert (role.name, role.display_name, role.description, role.rel) == (
        "base",
        "base",  # no display-name: the name
        "Reads and edits.",
        "_roles/base.toml",
    )
    assert names(role) == ["fs::read", "fs::edit"]
    assert [text.text for _, text in role.capabilities] == ["FS READ\n", "FS EDIT\n"]
    assert role.allowed_tools == ("Read", "Edit")
    assert (role.spawnable, role.subagent_type, role.escalation, role.bash_patterns, role.pipeline) == (
        True,
        None,
        None,
        (),
        (),
    )
    assert [t.rel for t in role.texts] == [
        "_roles/base.toml",
        "_capabilities/fs/read/text.md",
        "_capabilities/fs/edit/text.md",
    ]


def test_extends_chain_order_duplicates_and_relaxes(tmp_path: Path) -> None:
    roles = {
        "root": role_file("root", required=["git::read", "fs::read"]),
        "base": role_file("base", extends="root", required=["fs::read", "fs::edit"], allowed=["Read"]),
        "child": role_file(
            "child",
            extends="base",
            required=["sh::run", "fs::read", "net::get"],
            relaxes=["fs::edit", "git::read"],
        ),
    }
    role = role_of(tmp_path, roles, "child")
    # the root ancestor's capabilities first, each once, then relaxed ones removed
    assert names(role) == ["fs::read", "sh::run", "net::get"]
    assert [t.rel for t in role.texts][:3] == ["_roles/child.toml", "_roles/base.toml", "_roles/root.toml"]
    assert role.allowed_tools == ("Read",)  # inherited from base


def test_a_child_may_require_again_what_its_parent_relaxed(tmp_path: Path) -> None:
    roles = {
        "root": role_file("root", required=["fs::read", "fs::edit"]),
        "base": role_file("base", extends="root", relaxes=["fs::read"]),
        "child": role_file("child", extends="base", required=["fs::read"]),
    }
    assert names(role_of(tmp_path, roles, "child")) == ["fs::edit", "fs::read"]


def test_keys_a_child_leaves_out_come_from_its_parent(tmp_path: Path) -> None:
    parent = role_file(
        "parent",
        allowed=["Read", "Bash"],
        more="""\
        bash-patterns-allowed = ['^make( |$)']
        [escalation]
        policy = "ask-via-return"
        [pipeline]
        handoff = ["parent"]
        """,
    ).replace(
        'description = "Reads and reports."',
        'description = "P"\nspawnable = false\nclaude-subagent-type = "x"',
    )
    roles = {"parent": parent, "child": role_file("child", "C", extends="parent")}
    role = role_of(tmp_path, roles, "child")
    assert (role.name, role.display_name, role.description) == ("child", "child", "C")
    assert (role.spawnable, role.subagent_type, role.escalation) == (False, "x", "ask-via-return")
    assert (role.allowed_tools, role.bash_patterns, role.pipeline) == (
        ("Read", "Bash"),
        ("^make( |$)",),
        ("parent",),
    )


def test_keys_a_child_sets_replace_its_parents(tmp_path: Path) -> None:
    parent = role_file("parent", allowed=["Read", "Bash"], more="bash-patterns-allowed = ['^make']\n")
    child = role_file(
        "child",
        extends="parent",
        allowed=["Read"],
        more='bash-patterns-allowed = []\n[escalation]\npolicy = "fail-fast"\n[pipeline]\nhandoff = []\n',
    ).replace('name = "child"', 'name = "child"\nspawnable = true')
    role = role_of(tmp_path, {"parent": parent, "child": child}, "child")
    assert (role.allowed_tools, role.bash_patterns, role.escalation, role.pipeline) == (
        ("Read",),
        (),
        "fail-fast",
        (),
    )


def test_role_without_tools_sets_no_limit(tmp_path: Path) -> None:
    assert role_of(tmp_path, {"free": role_file("free")}, "free").allowed_tools is None


def test_duplicate_in_one_required_list_dropped(tmp_path: Path) -> None:
    roles = {"base": role_file("base", required=["fs::read", "fs::edit", "fs::read"])}
    assert names(role_of(tmp_path, roles, "base")) == ["fs::read", "fs::edit"]


def test_an_alias_renders_its_target_once_and_warns_where_it_is_named(tmp_path: Path) -> None:
    files = {
        "_capabilities/fs/view/capability.toml": '[capability]\nname = "fs::view"\nalias = "fs::read"\n'
        'deprecated = "renamed; use fs::read"\n'
    }
    roles = {
        "base": role_file("base", required=["fs::view"]),
        "child": role_file("child", extends="base", required=["fs::edit", "fs::read"]),
    }
    role, diagnostics, _ = resolve(tmp_path, roles, "child", files)
    assert role is not None
    assert names(role) == ["fs::read", "fs::edit"]  # where the alias stands, and once
    assert "_capabilities/fs/view/capability.toml" in [t.rel for t in role.texts]
    assert located(diagnostics) == [
        (
            "A087",
            "_roles/base.toml",
            6,
            13,
            "capability `fs::view` is an alias of `fs::read`: renamed; use fs::read",
        )
    ]
    assert diagnostics[0].severity.value == "warning"


def test_a082_cycle_through_extends_in_capabilities(tmp_path: Path) -> None:
    roles = {
        "a": role_file("a", extends="b"),
        "b": role_file("b", extends="c"),
        "c": role_file("c", extends="a"),
        "d": role_file("d", extends="b"),
    }
    expected = [("A082", "_roles/c.toml", 6, 1, "roles extend each other in a cycle: a -> b -> c -> a")]
    for start in ("a", "b", "c", "d"):  # the same diagnostic from anywhere, so it is reported once
        role, diagnostics, missing = resolve(tmp_path / start, roles, start)
        assert (role, missing) == (None, None)
        assert located(diagnostics) == expected
    assert diagnostics[0].hint == "remove one `extends` so the chain ends"


def test_a082_role_extends_itself(tmp_path: Path) -> None:
    _, diagnostics, _ = resolve(tmp_path, {"a": role_file("a", extends="a")}, "a")
    assert [(d.code, d.message) for d in diagnostics] == [
        ("A082", "roles extend each other in a cycle: a -> a"),
    ]


def test_a080_missing_role(tmp_path: Path) -> None:
    assert resolve(tmp_path, {}, "nope") == (None, [], "nope")


def test_a080_role_name_leaving_the_folder(tmp_path: Path) -> None:
    write_tree(tmp_path, {"x.toml": role_file("x")})
    assert resolve(tmp_path, {}, "../x") == (None, [], "../x")


def test_a080_missing_parent(tmp_path: Path) -> None:
    roles = {"child": role_file("child", extends="gone"), "gonne": role_file("gonne")}
    role, diagnostics, missing = resolve(tmp_path, roles, "child")
    assert (role, missing) == (None, None)
    assert located(diagnostics) == [("A080", "_roles/child.toml", 6, 1, "parent role `gone` not found")]
    assert diagnostics[0].hint == "did you mean `gonne`?"
    _, diagnostics, _ = resolve(tmp_path / "2", {"child": role_file("child", extends="zzz")}, "child")
    assert diagnostics[0].hint == "create _roles/zzz.toml or fix the name"


def test_a080_pipeline_handoff_to_a_missing_role(tmp_path: Path) -> None:
    roles = {
        "audit": role_file("audit", more='[pipeline]\nhandoff = ["merger", "mergr"]\n'),
        "merger": role_file("merger"),
    }
    role, diagnostics, _ = resolve(tmp_path, roles, "audit")
    assert role is None
    assert located(diagnostics) == [
        ("A080", "_roles/audit.toml", 8, 22, "pipeline handoff role `mergr` not found")
    ]
    assert diagnostics[0].hint == "did you mean `merger`?"


def test_a063_lineage_link_to_no_role(tmp_path: Path) -> None:
    lineage = '[lineage]\ncreator = "a"\ncreated = "2026-01-01"\nparents = ["[[base]]", "[[gone]]"]\n'
    roles = {"base": role_file("base"), "child": role_file("child", more=lineage)}
    _, diagnostics, _ = resolve(tmp_path, roles, "child")
    assert located(diagnostics) == [
        ("A063", "_roles/child.toml", 10, 24, "lineage link [[gone]] names no role")
    ]


def test_a081_missing_capability_text(tmp_path: Path) -> None:
    text = role_file("base").replace(
        "required = []", 'required = [\n  "fs::read",\n  "fs::write",\n  "nocategory",\n]'
    )
    role, diagnostics, _ = resolve(tmp_path, {"base": text}, "base")
    assert role is None
    assert [(d.code, d.file, d.line, d.column, d.message, d.hint) for d in diagnostics] == [
        (
            "A081",
            "_roles/base.toml",
            8,
            3,
            "capability `fs::write` has no text",
            "write _capabilities/fs/write/text.md, or fix the name",
        ),
        (
            "A081",
            "_roles/base.toml",
            9,
            3,
            "capability `nocategory` has no text",
            "write the name as category::slug, two lowercase slugs, such as fs::read-workspace",
        ),
    ]


def test_a081_located_in_the_role_that_requires_it(tmp_path: Path) -> None:
    roles = {
        "base": "# base\n" + role_file("base", required=["fs::read", "fs::gone"]),
        "child": role_file("child", extends="base", required=["sh::run"]),
    }
    _, diagnostics, _ = resolve(tmp_path, roles, "child")
    assert [(d.code, d.file, d.line, d.column) for d in diagnostics] == [("A081", "_roles/base.toml", 7, 25)]


def test_a081_capability_name_leaving_the_folder(tmp_path: Path) -> None:
    write_tree(tmp_path, {"secret/text.md": "SECRET\n"})
    roles = {"base": role_file("base", required=["..::secret"])}
    _, diagnostics, _ = resolve(tmp_path / "cat", roles, "base")
    assert [d.code for d in diagnostics] == ["A081"]


def test_a084_relaxes_a_capability_the_chain_lacks(tmp_path: Path) -> None:
    roles = {
        "base": role_file("base", required=["fs::read", "fs::edit"]),
        "child": role_file("child", extends="base", relaxes=["fs::edit", "fs::eddit", "sh::run"]),
    }
    role, diagnostics, _ = resolve(tmp_path, roles, "child")
    assert role is None
    assert located(diagnostics) == [
        (
            "A084",
            "_roles/child.toml",
            8,
            24,
            "`relaxes` drops `fs::eddit`, which the role and its parents do not require",
        ),
        (
            "A084",
            "_roles/child.toml",
            8,
            37,
            "`relaxes` drops `sh::run`, which the role and its parents do not require",
        ),
    ]
    assert [d.hint for d in diagnostics] == ["did you mean `fs::read`?", "remove it from relaxes"]


def test_a023_unclosed_fence_in_a_capability_text(tmp_path: Path) -> None:
    files = {"_capabilities/fs/read/text.md": "## Read\n\n```sh\ncat x\n"}
    role, diagnostics, _ = resolve(
        tmp_path, {"base": role_file("base", required=["fs::read"])}, "base", files
    )
    assert role is None
    assert located(diagnostics) == [
        (
            "A023",
            "_capabilities/fs/read/text.md",
            3,
            1,
            "code fence opened on line 3 of the capability text is never closed: it swallows every section "
            "after it",
        )
    ]


def test_problems_of_every_file_in_one_round(tmp_path: Path) -> None:
    roles = {"base": role_file("base", "two\\nlines", required=["fs::gone"], allowed=["Reed"])}
    _, diagnostics, _ = resolve(tmp_path, roles, "base")
    assert [d.code for d in diagnostics] == ["A014", "A030", "A081"]


def test_role_file_problems_stop_the_chain(tmp_path: Path) -> None:
    roles = {"base": role_file("base", extends="../up"), "child": role_file("child", extends="base")}
    role, diagnostics, missing = resolve(tmp_path, roles, "child")
    assert (role, missing) == (None, None)
    assert [(d.code, d.file) for d in diagnostics] == [("A013", "_roles/base.toml")]


def test_role_syntax_error(tmp_path: Path) -> None:
    _, diagnostics, _ = resolve(tmp_path, {"base": "[role]\nname = base\n"}, "base")
    assert [(d.code, d.file, d.line) for d in diagnostics] == [("A001", "_roles/base.toml", 2)]


def test_a_role_file_that_cannot_be_read(tmp_path: Path) -> None:
    write_tree(tmp_path, {"_roles/base.toml": ""})
    (tmp_path / "_roles/base.toml").write_bytes(b"\xff\xfe")
    role, diagnostics, missing = resolve(tmp_path, {}, "base")
    assert (role, missing) == (None, None)
    assert [(d.code, d.file) for d in diagnostics] == [("A005", "_roles/base.toml")]
