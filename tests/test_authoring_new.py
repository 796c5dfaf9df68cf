"""authoring.new: a new agent's manifest is written only when it validates and builds, never over a file,
and every refusal says why."""

from __future__ import annotations

import datetime
import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler import atomic
from assembler.authoring.new import Refused, new_agent
from assembler.commands import cli
from assembler.importer.run import INIT_CONFIG

TODAY = datetime.date(2026, 6, 1)


def _clean(root: Path) -> None:
    built = CliRunner().invoke(cli, ["--root", str(root), "build"])
    assert built.exit_code == 0, built.output
    assert CliRunner().invoke(cli, ["--root", str(root), "check"]).exit_code == 0


def test_the_template_hands_off_to_an_agent_of_the_catalog_and_builds(catalog: Callable[..., Path]) -> None:
    root = catalog()
    result = new_agent(root, "newcomer", today=TODAY)
    assert (result.written, result.rel, result.diagnostics) == (True, "_manifests/newcomer.toml", [])
    assert 'target = "fixer"' in (root / "_manifests/newcomer.toml").read_text()
    _clean(root)


def test_a_copy_of_the_tool_module_agent_builds_beside_it(repo_copy: Path) -> None:
    result = new_agent(repo_copy, "gpu-runner", source="modal-runner", today=TODAY)
    assert result.written and result.diagnostics == []
    _clean(repo_copy)
    assert (repo_copy / "_generated/gpu_runner.py").is_file()


def test_refusals_are_usage_errors(catalog: Callable[..., Path]) -> None:
    root = catalog()
    with pytest.raises(Refused, match="lowercase slug of at most 128 characters, such as code-reviewer"):
        new_agent(root, "Code_Reviewer")
    with pytest.raises(Refused, match=r"_manifests/fixer.toml exists already: choose another name"):
        new_agent(root, "fixer")
    with pytest.raises(Refused, match="no manifest named nobody"):
        new_agent(root, "third", source="nobody")
    with pytest.raises(Refused, match=r"no manifest named \.\./fixer"):
        new_agent(root, "third", source="../fixer")
    assert sorted(p.name for p in (root / "_manifests").iterdir()) == ["fixer.toml", "reviewer.toml"]


def test_no_agent_to_hand_off_to(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    (root / "_manifests").mkdir(parents=True)
    result = new_agent(root, "first", today=TODAY)
    assert not result.written
    assert [(d.code, d.file, d.message) for d in result.diagnostics] == [
        (
            "A140",
            "_manifests/",
            "every agent must hand off to 1 agent(s), and the catalog has 0 a new one could name",
        )
    ]
    (root / "assembler.toml").write_text(INIT_CONFIG)  # requires no handoff: the first agent can be written
    assert new_agent(root, "first", today=TODAY).written


def test_a_source_that_is_not_valid_writes_nothing(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/broken.toml": 'name = "broken"\nname = "twice"\n'})
    result = new_agent(root, "third", source="broken", today=TODAY)
    assert [(d.code, d.file, d.line) for d in result.diagnostics] == [("A001", "_manifests/broken.toml", 2)]
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\ndescription = "d"\nmodel = "gpt-9"\n'})
    result = new_agent(root, "third", source="fixer", today=TODAY)
    assert not result.written and "A031" in {d.code for d in result.diagnostics}
    assert {d.file for d in result.diagnostics} == {"_manifests/third.toml"}
    assert not (root / "_manifests/third.toml").exists()


def test_configuration_errors_and_strict_warnings_write_nothing(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": "min_handoffs = -1\n"})
    result = new_agent(root, "third", today=TODAY)
    assert [d.code for d in result.diagnostics] == ["A090"] and not result.written
    role = '[role]\nname = "narrow"\ndescription = "d"\n[tools]\nallowed = ["Read"]\n'
    root = catalog({"_roles/narrow.toml": role, "assembler.toml": ""})
    source = (root / "_manifests/fixer.toml").read_text()
    (root / "_manifests/fixer.toml").write_text(
        source.replace('model = "sonnet"', 'substrate_role = "narrow"')
    )
    result = new_agent(root, "third", source="fixer", strict=True, today=TODAY)
    assert [d.code for d in result.diagnostics] == ["A032"] and not result.written  # Grep beyond the role
    assert new_agent(root, "third", source="fixer", today=TODAY).written


def test_a_file_written_meanwhile_is_left_alone(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()

    def someone_else(path: str, rel: str, data: bytes) -> bool:
        Path(path).write_text("theirs\n")
        return real(path, rel, data)

    real = atomic.atomic_create
    monkeypatch.setattr(atomic, "atomic_create", someone_else)
    with pytest.raises(Refused, match="written by someone else meanwhile"):
        new_agent(root, "third", today=TODAY)
    assert (root / "_manifests/third.toml").read_text() == "theirs\n"


def test_a_write_the_system_refuses_is_a_fault(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    root = catalog()
    monkeypatch.setattr(os, "link", full)
    result = new_agent(root, "third", today=TODAY)
    assert [d.code for d in result.diagnostics] == ["F002"] and not result.written
    assert sorted(p.name for p in (root / "_manifests").iterdir()) == ["fixer.toml", "reviewer.toml"]
