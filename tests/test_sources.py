"""sources: texts are read inside their folders only, and each at most once per run."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assembler.config import Config
from assembler.pipeline import plan_catalog
from assembler.sources import Escape, Sources, Text, inside
from tests.conftest import manifest, write_tree

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[Path]]:
    """Every `Path.read_text` call of the test, counted by resolved path."""
    counter: Counter[Path] = Counter()
    original = Path.read_text

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        counter[self.resolve()] += 1
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counting)
    yield counter


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A catalog root with a blocks folder, and a secret file next to (outside) it."""
    write_tree(
        tmp_path,
        {
            "secret.md": "SECRET\n",
            "cat/_blocks/baseline.md": "# BASELINE\n",
            "cat/_blocks/sub/inner.md": "inner\n",
            "cat/_roles/base.toml": 'description = "x"\n',
            "cat/_capabilities/fs/read/text.md": "READ\n",
        },
    )
    return tmp_path / "cat"


# inside()


@pytest.mark.parametrize(
    "parts",
    [
        ("..", "secret.md"),
        ("../secret.md",),
        ("sub", "..", "..", "secret.md"),
        ("/etc/passwd",),
        ("\\windows",),
        ("",),
        ("c:secret.md",),
    ],
)
def test_inside_rejects_escapes(tree: Path, parts: tuple[str, ...]) -> None:
    with pytest.raises(Escape):
        inside(tree / "_blocks", *parts)


def test_inside_accepts_plain_names(tree: Path) -> None:
    folder = tree / "_blocks"
    assert inside(folder, "baseline.md") == folder / "baseline.md"
    assert inside(folder, "sub", "inner.md") == folder / "sub" / "inner.md"
    assert inside(folder, "missing.md") == folder / "missing.md"


def test_inside_rejects_a_symlink_leading_out(tree: Path) -> None:
    link = tree / "_blocks" / "leak.md"
    link.symlink_to(tree.parent / "secret.md")
    with pytest.raises(Escape):
        inside(tree / "_blocks", "leak.md")


def test_inside_rejects_a_symlinked_folder_leading_out(tree: Path) -> None:
    (tree.parent / "outside").mkdir()
    (tree.parent / "outside" / "text.md").write_text("SECRET\n", encoding="utf-8")
    (tree / "_capabilities" / "evil").symlink_to(tree.parent / "outside")
    with pytest.raises(Escape):
        inside(tree / "_capabilities", "evil", "text.md")


def test_inside_accepts_a_symlink_staying_inside(tree: Path) -> None:
    link = tree / "_blocks" / "alias.md"
    link.symlink_to(tree / "_blocks" / "baseline.md")
    assert inside(tree / "_blocks", "alias.md") == link


# Sources


@pytest.mark.parametrize(
    "name", ["../secret", "../../etc/passwd", "/etc/passwd", "sub/inner", "Baseline", ""]
)
def test_block_names_that_leave_the_folder_read_nothing(tree: Path, reads: Counter[Path], name: str) -> None:
    sources = Sources(tree, Config())
    with pytest.raises(Escape):
        sources.block(name)
    assert reads == Counter()


def test_role_and_capability_names_that_leave_read_nothing(tree: Path, reads: Counter[Path]) -> None:
    sources = Sources(tree, Config())
    calls: list[Callable[[], object]] = [
        lambda: sources.role("../secret"),
        lambda: sources.role("/etc/passwd"),
        lambda: sources.capability("..", "secret"),
        lambda: sources.capability("fs", "../../secret"),
    ]
    for call in calls:
        with pytest.raises(Escape):
            call()
    assert reads == Counter()


def test_block_symlink_leading_out_is_not_read(tree: Path, reads: Counter[Path]) -> None:
    (tree / "_blocks" / "leak.md").symlink_to(tree.parent / "secret.md")
    with pytest.raises(Escape):
        Sources(tree, Config()).block("leak")
    assert reads[(tree.parent / "secret.md").resolve()] == 0


def test_texts_and_their_relative_paths(tree: Path) -> None:
    sources = Sources(tree, Config())
    assert sources.block("baseline") == Text("_blocks/baseline.md", "# BASELINE\n")
    assert sources.role("base") == Text("_roles/base.toml", 'description = "x"\n')
    assert sources.capability("fs", "read") == Text("_capabilities/fs/read/text.md", "READ\n")
    assert sources.block("missing") is None
    assert sources.capability("fs", "write") is None


def test_configured_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {"parts/b.md": "B\n"})
    config = Config(blocks_dir="parts")
    assert Sources(tmp_path, config).block("b") == Text("parts/b.md", "B\n")


def test_each_text_read_once(tree: Path, reads: Counter[Path]) -> None:
    sources = Sources(tree, Config())
    first = sources.block("baseline")
    (tree / "_blocks" / "baseline.md").unlink()
    assert sources.block("baseline") == first
    assert sources.block("missing") is None
    (tree / "_blocks" / "missing.md").write_text("late\n", encoding="utf-8")
    assert sources.block("missing") is None  # the run already knows it is missing
    assert reads[(tree / "_blocks").resolve() / "baseline.md"] == 1


def test_undecodable_text_is_missing(tree: Path) -> None:
    (tree / "_blocks" / "binary.md").write_bytes(b"\xff\xfe\x00bad")
    assert Sources(tree, Config()).block("binary") is None


def test_block_names(tree: Path) -> None:
    (tree / "_blocks" / "notes.txt").write_text("x", encoding="utf-8")
    assert Sources(tree, Config()).block_names() == frozenset({"baseline"})
    assert Sources(tree, Config(blocks_dir="nope")).block_names() == frozenset()


def test_blocks_read_once_per_plan(catalog: Callable[..., Path], reads: Counter[Path]) -> None:
    root = catalog(
        {
            "_manifests/third.toml": manifest("third", "reviewer"),
            "_roles/base.toml": '[capabilities]\nrequired = ["fs::read"]\n',
            "_capabilities/fs/read/text.md": "READ\n",
            "_manifests/fixer.toml": 'substrate_role = "base"\n' + manifest("fixer", "reviewer"),
            "_manifests/reviewer.toml": 'substrate_role = "base"\n' + manifest("reviewer", "fixer"),
        }
    )
    plan = plan_catalog(root, today=TODAY)
    assert plan.ok, plan.diagnostics
    assert len(plan.outputs) == 3
    real = root.resolve()
    shared = [
        real / "_blocks" / "baseline.md",
        real / "_blocks" / "evidence-grading.md",
        real / "_blocks" / "memory-protocol.md",
        real / "_roles" / "base.toml",
        real / "_capabilities" / "fs" / "read" / "text.md",
    ]
    assert {path: reads[path] for path in shared} == {path: 1 for path in shared}
    beside = [p for p in reads if p.is_relative_to(real.parent) and not p.is_relative_to(real)]
    assert beside == []
