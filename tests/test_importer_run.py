"""`assembler import`: every diagnostic at its source line, nothing written on an error, and a lossless
round trip (import, build, compare) on a catalog of our own and on hostile text."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.diagnostics import Diagnostic
from assembler.importer.roundtrip import differences
from assembler.importer.run import INIT_CONFIG, import_agents
from assembler.pipeline import plan_catalog
from tests.claude_catalog import CONFIG, write_catalog
from tests.conftest import write_tree

AGENT = "---\nname: {name}\ndescription: Reviews patches.\ntools: Read, Grep\n---\nYou review.\n"


def sources(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "agents"
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return folder


def where(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int | None]]:
    return sorted((Path(d.file).name, d.code, d.line) for d in diagnostics)


def test_init_writes_the_configuration_and_the_manifests(tmp_path: Path) -> None:
    folder = sources(tmp_path, {"a.md": AGENT.format(name="a"), "sub/b.md": AGENT.format(name="b")})
    root = tmp_path / "cat"
    root.mkdir()
    result = import_agents(root, [str(folder)], init=True)
    assert result.ok and result.written and result.diagnostics == []
    assert (root / "assembler.toml").read_text() == INIT_CONFIG
    assert [(m.rel, m.state) for m in result.manifests] == [
        ("_manifests/a.toml", "new"),
        ("_manifests/b.toml", "new"),
    ]
    text = (root / "_manifests" / "b.toml").read_text()
    assert text.startswith(f"# Imported by `assembler import` from {folder}/sub/b.md.\n")
    again = import_agents(root, [str(folder)], init=True)
    assert [m.state for m in again.manifests] == ["unchanged", "unchanged"]


def test_the_default_rules_say_what_the_sources_lack_and_nothing_is_written(tmp_path: Path) -> None:
    folder = sources(tmp_path, {"a.md": AGENT.format(name="a")})
    root = write_tree(tmp_path / "cat", {"_manifests/.keep": ""})
    result = import_agents(root, [str(folder)])
    assert not result.ok and not result.written
    assert where(result.diagnostics) == [("a.md", "A003", 1), ("a.md", "A003", 1), ("a.md", "A115", 6)]
    assert sorted(p.name for p in (root / "_manifests").iterdir()) == [".keep"]


def test_every_source_problem_at_its_file_and_line(tmp_path: Path) -> None:
    folder = sources(
        tmp_path,
        {
            "bad-yaml.md": "---\nname: bad-yaml\ndescription: x\n  oops: [\n---\nBody\n",
            "cut.md": "---\nname: cut\ndescription: a --- b\n---\nBody\n",
            "twice-key.md": "---\nname: twice-key\nname: again\ndescription: x\n---\n",
            "Not Slug.md": "---\nname: Not Slug\ndescription: x\n---\nBody\n",
            "one.md": AGENT.format(name="same"),
            "two.md": AGENT.format(name="same"),
            "no-description.md": "---\nname: no-description\ntools: Read\n---\nBody\n",
            "typed.md": "---\nname: typed\ndescription: [a, b]\nmaxTurns: many\n---\nBody\n",
            "vocab.md": "---\nname: vocab\ndescription: x\ntools:\n  - Read\n  - Frobnicate\n  - MultiEdit\n"
            "  - Agent(nobody)\ncolor: magenta\npermissionMode: acceptedits\n---\nBody {{TODO}}\n",
            "README.md": "# Agents\n\nNot an agent.\n",
            "fallback.md": "---\nname: fallback\ndescription: Use it: when asked\nlevel: senior\n---\nBody\n",
        },
    )
    root = tmp_path / "cat"
    root.mkdir()
    result = import_agents(root, [str(folder)], init=True)
    assert not result.written and not (root / "assembler.toml").exists()
    assert where(result.diagnostics) == [
        ("Not Slug.md", "A010", 2),
        ("README.md", "A122", 1),
        ("bad-yaml.md", "A120", 4),
        ("cut.md", "A123", 3),
        ("fallback.md", "A121", 3),
        ("fallback.md", "A124", 4),
        ("no-description.md", "A003", 1),
        ("one.md", "A012", 2),
        ("twice-key.md", "A127", 3),
        ("two.md", "A012", 2),
        ("typed.md", "A004", 3),
        ("typed.md", "A004", 4),
        ("vocab.md", "A015", 12),
        ("vocab.md", "A030", 6),
        ("vocab.md", "A110", 9),
        ("vocab.md", "A110", 10),
        ("vocab.md", "A111", 7),
        ("vocab.md", "A113", 8),
    ]
    by_code = {d.code: d for d in result.diagnostics}
    assert by_code["A015"].column == 6
    assert by_code["A030"].hint is not None and by_code["A113"].hint is not None


def test_an_existing_manifest_is_replaced_only_with_force(tmp_path: Path) -> None:
    folder = sources(tmp_path, {"a.md": AGENT.format(name="a")})
    root = tmp_path / "cat"
    root.mkdir()
    assert import_agents(root, [str(folder)], init=True).written
    manifest = root / "_manifests" / "a.toml"
    manifest.write_text(manifest.read_text() + 'model = "opus"\n')
    refused = import_agents(root, [str(folder)])
    assert [(d.code, d.file) for d in refused.diagnostics] == [("A126", f"{folder}/a.md")]
    assert "opus" in manifest.read_text()
    forced = import_agents(root, [str(folder)], force=True)
    assert [m.state for m in forced.manifests] == ["replaced"] and "opus" not in manifest.read_text()


def test_init_refuses_a_catalog_that_exists(tmp_path: Path) -> None:
    folder = sources(tmp_path, {"a.md": AGENT.format(name="a")})
    root = write_tree(tmp_path / "cat", {"assembler.toml": "min_handoffs = 0\n"})
    result = import_agents(root, [str(folder)], init=True)
    assert [(d.code, d.hint) for d in result.diagnostics] == [
        ("A126", "a catalog is here already: import into it without --init")
    ]


def test_dry_run_and_strict_write_nothing(tmp_path: Path) -> None:
    folder = sources(tmp_path, {"a.md": "---\nname: a\ndescription: d\nlevel: 3\n---\nB\n"})
    root = tmp_path / "cat"
    root.mkdir()
    assert not import_agents(root, [str(folder)], init=True, dry_run=True).written
    strict = import_agents(root, [str(folder)], init=True, strict=True)
    assert strict.ok and not strict.written and [d.code for d in strict.diagnostics] == ["A124"]
    assert list(root.iterdir()) == []


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    result = import_agents(tmp_path, [str(tmp_path / "nowhere")], init=True)
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("A005", f"{tmp_path}/nowhere cannot be read: it does not exist")
    ]


def _built(root: Path) -> dict[str, str]:
    plan = plan_catalog(root, trust=False)
    assert plan.ok, plan.diagnostics
    return {o.agent: o.text for o in plan.outputs if o.rel.endswith(".md") and o.text is not None}


def test_lossless_round_trip_of_every_field(tmp_path: Path) -> None:
    """Agents built from our catalog of every field, imported into a new catalog, built again: each is
    its source again, and so is each of their sources once more (a fixed point)."""
    first = _built(write_catalog(tmp_path / "first"))
    folder = sources(tmp_path, {f"{name}.md": text for name, text in first.items()})
    root = write_tree(tmp_path / "second", {"assembler.toml": CONFIG})  # external_agents too
    result = import_agents(root, [str(folder)])
    assert result.ok, result.diagnostics
    second = _built(root)
    assert sorted(second) == sorted(first)
    for name, text in first.items():
        assert differences(text, second[name]) == [], name


BODY_TEXT = st.text(string.printable + "é🚀\u00a0—{}`#:-|>", max_size=200)
ONE_LINE = st.text(string.ascii_letters + string.digits + " :#-'\"{}[]@`|>*&!%?,", min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(ONE_LINE, BODY_TEXT, st.booleans())
def test_lossless_round_trip_of_hostile_text(description: str, body: str, crlf: bool) -> None:
    import tempfile

    from assembler.frontmatter import to_yaml

    if not description.strip():
        return
    text = (
        "---\n" + to_yaml({"name": "hostile", "description": description, "tools": "Read"}) + "---\n" + body
    )
    if crlf:
        text = text.replace("\n", "\r\n")
    with tempfile.TemporaryDirectory() as work:
        folder = sources(Path(work), {"hostile.md": text})
        root = Path(work) / "cat"
        root.mkdir()
        result = import_agents(root, [str(folder)], init=True, today=None)
        if not result.ok:  # a placeholder in the body is a problem to report, not to import
            assert {d.code for d in result.diagnostics} <= {"A015"}, result.diagnostics
            return
        assert differences(text, _built(root)["hostile"]) == []
