"""sources: texts are read inside their folders only, and each at most once per run."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assembler.config import Config
from assembler.disk import FileProblem
from assembler.names import NAME_LIMIT
from assembler.pipeline import plan_catalog
from assembler.sources import Escape, Sources, Text
from tests.conftest import manifest, role_file, write_tree

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[Path]]:
    """Every file the test opens (`os.open` or `Path.read_text`), counted by what was really opened."""
    import os

    counter: Counter[Path] = Counter()
    read_text, os_open = Path.read_text, os.open

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        counter[self.resolve()] += 1
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    def opened(path: str, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        fd = os_open(path, flags, mode, dir_fd=dir_fd)
        counter[Path(f"/proc/self/fd/{fd}").readlink()] += 1
        return fd

    monkeypatch.setattr(Path, "read_text", counting)
    monkeypatch.setattr(os, "open", opened)
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
            "cat/_roles/Not_A_Slug.toml": 'description = "x"\n',
            "cat/_roles/notes.txt": "x\n",
            "cat/_capabilities/fs/old/capability.toml": "[capability]\n",
            "cat/_capabilities/fs/read/text.md": "READ\n",
        },
    )
    return tmp_path / "cat"


# Sources


@pytest.mark.parametrize(
    "name", ["../secret", "../../etc/passwd", "/etc/passwd", "sub/inner", "Baseline", ""]
)
def test_block_names_that_leave_the_folder_read_nothing(tree: Path, reads: Counter[Path], name: str) -> None:
    sources = Sources.of(tree, Config())
    with pytest.raises(Escape):
        sources.block(name)
    assert reads == Counter()


def test_role_and_capability_names_that_leave_read_nothing(tree: Path, reads: Counter[Path]) -> None:
    sources = Sources.of(tree, Config())
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
    with pytest.raises(FileProblem) as raised:
        Sources.of(tree, Config()).block("leak")
    assert raised.value.diagnostic.code == "A013"
    assert reads[(tree.parent / "secret.md").resolve()] == 0


def test_a_symlinked_capability_folder_leading_out_is_not_read(tree: Path, reads: Counter[Path]) -> None:
    (tree.parent / "outside").mkdir()
    (tree.parent / "outside" / "text.md").write_text("SECRET\n", encoding="utf-8")
    (tree / "_capabilities" / "evil").symlink_to(tree.parent / "outside")
    with pytest.raises(FileProblem) as raised:
        Sources.of(tree, Config()).capability("evil", "text")
    assert raised.value.diagnostic.code == "A013"
    assert reads[(tree.parent / "outside" / "text.md").resolve()] == 0


def test_a_symlink_staying_inside_is_followed(tree: Path) -> None:
    (tree / "_blocks" / "alias.md").symlink_to(tree / "_blocks" / "baseline.md")
    assert Sources.of(tree, Config()).block("alias") == Text("_blocks/alias.md", "# BASELINE\n")


def test_a_byte_order_mark_is_not_part_of_the_text(tree: Path) -> None:
    (tree / "_blocks" / "bom.md").write_bytes(b"\xef\xbb\xbf# WITH BOM\n")
    assert Sources.of(tree, Config()).block("bom") == Text("_blocks/bom.md", "# WITH BOM\n")


def test_a_name_too_long_for_a_file_reads_nothing(tree: Path, reads: Counter[Path]) -> None:
    with pytest.raises(Escape):
        Sources.of(tree, Config()).block("a" * (NAME_LIMIT + 1))
    assert reads == Counter()


def test_a_folder_linked_from_outside_the_root_cannot_be_used(tree: Path) -> None:
    (tree.parent / "outside").mkdir()
    (tree / "_roles").rename(tree / "_roles-old")
    (tree / "_roles").symlink_to(tree.parent / "outside")
    with pytest.raises(FileProblem) as raised:
        Sources.of(tree, Config())
    assert raised.value.diagnostic.code == "A013"


def test_texts_and_their_relative_paths(tree: Path) -> None:
    sources = Sources.of(tree, Config())
    assert sources.block("baseline") == Text("_blocks/baseline.md", "# BASELINE\n")
    assert sources.role("base") == Text("_roles/base.toml", 'description = "x"\n')
    assert sources.capability("fs", "read") == Text("_capabilities/fs/read/text.md", "READ\n")
    assert sources.block("missing") is None
    assert sources.capability("fs", "write") is None
    assert sources.capability_stub("fs", "old") == Text(
        "_capabilities/fs/old/capability.toml", "[capability]\n"
    )
    assert sources.capability_stub("fs", "read") is None


def test_role_names_are_the_slug_stems_of_toml_files(tree: Path, reads: Counter[Path]) -> None:
    sources = Sources.of(tree, Config())
    assert sources.role_names() == frozenset({"base"})
    (tree / "_roles" / "late.toml").write_text("x", encoding="utf-8")
    assert sources.role_names() == frozenset({"base"})  # listed once per run
    assert reads == Counter()  # listing reads no file
    assert Sources.of(tree, Config(roles_dir="nope")).role_names() == frozenset()


def test_capability_stub_names_that_leave_read_nothing(tree: Path, reads: Counter[Path]) -> None:
    sources = Sources.of(tree, Config())
    for category, slug in [("..", "secret"), ("fs", "../../secret"), ("FS", "old")]:
        with pytest.raises(Escape):
            sources.capability_stub(category, slug)
    assert reads == Counter()


def test_configured_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {"parts/b.md": "B\n"})
    config = Config(blocks_dir="parts")
    assert Sources.of(tmp_path, config).block("b") == Text("parts/b.md", "B\n")


def test_each_text_read_once(tree: Path, reads: Counter[Path]) -> None:
    sources = Sources.of(tree, Config())
    first = sources.block("baseline")
    (tree / "_blocks" / "baseline.md").unlink()
    assert sources.block("baseline") == first
    assert sources.block("missing") is None
    (tree / "_blocks" / "missing.md").write_text("late\n", encoding="utf-8")
    assert sources.block("missing") is None  # the run already knows it is missing
    assert reads[(tree / "_blocks").resolve() / "baseline.md"] == 1


def test_undecodable_text_is_a005(tree: Path) -> None:
    (tree / "_blocks" / "binary.md").write_bytes(b"\xff\xfe\x00bad")
    sources = Sources.of(tree, Config())
    for _ in range(2):  # the problem is remembered like a text
        with pytest.raises(FileProblem) as raised:
            sources.block("binary")
        d = raised.value.diagnostic
        assert (d.code, d.file, d.message) == (
            "A005",
            "_blocks/binary.md",
            "_blocks/binary.md cannot be read: byte 0 is not UTF-8",
        )


def test_block_names(tree: Path) -> None:
    (tree / "_blocks" / "notes.txt").write_text("x", encoding="utf-8")
    assert Sources.of(tree, Config()).block_names() == frozenset({"baseline"})
    assert Sources.of(tree, Config(blocks_dir="nope")).block_names() == frozenset()


def test_blocks_read_once_per_plan(catalog: Callable[..., Path], reads: Counter[Path]) -> None:
    root = catalog(
        {
            "_manifests/third.toml": manifest("third", "reviewer"),
            "_roles/base.toml": role_file("base", required=["fs::read"]),
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
