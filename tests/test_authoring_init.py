"""authoring.init: a new catalog builds and checks clean at once, passes Claude Code's validator and the
editor set-up it ships, and init never writes over anything."""

from __future__ import annotations

import datetime
import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.authoring.init import STARTER, Taken, init_catalog, starter_files
from assembler.commands import cli
from benchmarks.claude_code import claude_bin, validate
from tests.conftest import REPO
from tests.taplo import taplo_check

TODAY = datetime.date(2026, 6, 1)


def test_a_new_catalog_builds_and_checks_clean_at_once(tmp_path: Path) -> None:
    root = tmp_path / "new" / "catalog"
    result = init_catalog(root, today=TODAY)
    assert result.diagnostics == []
    assert result.written == [*starter_files(TODAY), "_generated/example.md"]
    for command in ("validate", "check", "build"):
        done = CliRunner().invoke(cli, ["--root", str(root), "--strict", command])
        assert done.exit_code == 0, (command, done.output)
    assert "0 written, 1 unchanged." in done.output


def test_the_example_agent_passes_claude_codes_validator(tmp_path: Path) -> None:
    claude = claude_bin()
    if claude is None:
        pytest.skip("needs Claude Code from npm: run `make claude-validator`")
    init_catalog(tmp_path, today=TODAY)
    report = validate({"example.md": (tmp_path / "_generated/example.md").read_text()}, claude)
    assert report.passed and report.problems == {}, report.output


def test_the_editor_set_up_it_writes_checks_its_files(tmp_path: Path) -> None:
    init_catalog(tmp_path, today=TODAY)
    files = ["assembler.toml", "_manifests/example.toml"]
    assert taplo_check(files, cwd=tmp_path) == (0, [])
    example = tmp_path / "_manifests/example.toml"
    example.write_text(example.read_text().replace('model = "sonnet"', 'model = "sonnet"\nmodle = 1'))
    assert taplo_check(files, cwd=tmp_path) == (
        1,
        ["Additional properties are not allowed ('modle' was unexpected)"],
    )


def test_its_texts_are_this_repositorys_own() -> None:
    files = starter_files(TODAY)
    for block in ("baseline", "evidence-grading", "memory-protocol"):
        assert files[f"_blocks/{block}.md"] == (REPO / "_blocks" / f"{block}.md").read_text(encoding="utf-8")
    assert files[".taplo.toml"] == (REPO / ".taplo.toml").read_text(encoding="utf-8")
    for kind in ("manifest", "role", "config"):
        assert files[f"schemas/{kind}.json"] == (REPO / "schemas" / f"{kind}.json").read_text(
            encoding="utf-8"
        )
    assert sorted(p.name for p in STARTER.iterdir()) == ["assembler.toml", "blocks", "taplo.toml"]


@pytest.mark.parametrize(
    "standing", ["_manifests/", "assembler.toml", ".taplo.toml", "_generated/example.md"]
)
def test_nothing_is_written_where_something_stands(tmp_path: Path, standing: str) -> None:
    path = tmp_path / standing
    path.parent.mkdir(parents=True, exist_ok=True)
    if standing.endswith("/"):
        path.mkdir()
    else:
        path.write_text("mine\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(Taken) as taken:
        init_catalog(tmp_path, today=TODAY)
    assert taken.value.paths == [standing.rstrip("/")]
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_write_the_system_refuses_is_a_fault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(src: str, dst: str) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "link", read_only)
    result = init_catalog(tmp_path, today=TODAY)
    assert [d.code for d in result.diagnostics] == ["F002"] and result.written == []
