from __future__ import annotations

import os
from pathlib import Path

import pytest

from assembler.importer.sources import find_sources
from tests.conftest import write_tree


def test_folders_are_searched_for_markdown_files_hidden_ones_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        tmp_path,
        {
            "agents/a.md": "A",
            "agents/sub/b.md": "B",
            "agents/.hidden/c.md": "C",
            "agents/.d.md": "D",
            "agents/notes.txt": "T",
            "single.md": "S",
        },
    )
    monkeypatch.chdir(tmp_path)
    found, problems = find_sources(["agents", "single.md", "agents/a.md"], str(tmp_path / "cat"))
    assert problems == []
    assert [(s.rel, s.origin, s.text) for s in found] == [
        ("agents/a.md", "agents/a.md", "A"),
        ("agents/sub/b.md", "agents/sub/b.md", "B"),
        ("single.md", "single.md", "S"),
    ]


def test_a_source_inside_the_catalog_is_named_from_its_root(tmp_path: Path) -> None:
    write_tree(tmp_path, {"cat/legacy/a.md": "A"})
    found, _ = find_sources([str(tmp_path / "cat" / "legacy")], str(tmp_path / "cat"))
    assert [(s.rel, s.origin) for s in found] == [(f"{tmp_path}/cat/legacy/a.md", "legacy/a.md")]


def test_what_cannot_be_read_is_reported(tmp_path: Path) -> None:
    write_tree(tmp_path, {"agents/ok.md": "fine", "outside.md": "secret"})
    (tmp_path / "agents" / "latin1.md").write_bytes(b"caf\xe9")
    (tmp_path / "agents" / "link.md").symlink_to(tmp_path / "outside.md")
    os.mkfifo(tmp_path / "agents" / "pipe.md")
    found, problems = find_sources([str(tmp_path / "agents"), str(tmp_path / "missing")], str(tmp_path))
    assert [s.text for s in found] == ["fine"]
    assert sorted((Path(d.file).name, d.code) for d in problems) == [
        ("latin1.md", "A005"),
        ("link.md", "A013"),
        ("missing", "A005"),
        ("pipe.md", "F003"),
    ]
