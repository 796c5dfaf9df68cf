"""targetconfig: the [targets] table of the configuration, through parse_config and load_config."""

from __future__ import annotations

from pathlib import Path

from assembler.config import load_config, parse_config
from assembler.diagnostics import Problem
from assembler.targetconfig import TargetConfig, parse_targets
from tests.conftest import write_tree

KNOWN = ("claude", "copilot", "codex", "opencode")


def codes(problems: list[Problem]) -> list[tuple[tuple[str | int, ...], str, str | None]]:
    return [(p.path, p.code, p.hint) for p in problems]


def test_no_table_means_none() -> None:
    problems: list[Problem] = []
    assert parse_targets(None, KNOWN, problems) is None
    assert problems == []
    assert parse_config({})[0].targets is None


def test_each_table_with_its_folder_and_models() -> None:
    data = {
        "targets": {
            "claude": {},
            "copilot": {"dir": "./.github/agents/", "models": {"sonnet": "Claude Sonnet 4.5 (copilot)"}},
            "codex": {"dir": "~/.codex/agents/"},
        }
    }
    config, problems = parse_config(data, known_targets=KNOWN)
    assert problems == []
    assert config.targets is not None
    assert config.targets["claude"] == TargetConfig()
    assert config.targets["copilot"].dir == ".github/agents"
    assert dict(config.targets["copilot"].models) == {"sonnet": "Claude Sonnet 4.5 (copilot)"}
    assert config.targets["codex"].dir == "~/.codex/agents"
    assert config.targets["claude"].fingerprint == ""
    assert "Claude Sonnet 4.5" in config.targets["copilot"].fingerprint


def test_unknown_targets_and_keys_get_did_you_mean() -> None:
    data = {"targets": {"copilt": {}, "codex": {"folder": "x", "modles": {}}, "zzzz": {}}}
    _, problems = parse_config(data, known_targets=KNOWN)
    assert codes(problems) == [
        (("targets", "copilt"), "A002", "did you mean `copilot`?"),
        (("targets", "codex", "folder"), "A002", "known keys: dir, models"),
        (("targets", "codex", "modles"), "A002", "did you mean `models`?"),
        (("targets", "zzzz"), "A002", "targets: claude, copilot, codex, opencode"),
    ]


def test_any_name_is_taken_when_the_caller_knows_none() -> None:
    config, problems = parse_config({"targets": {"someday": {}}})
    assert problems == [] and config.targets is not None and "someday" in config.targets


def test_wrong_shapes_are_a090() -> None:
    data = {
        "targets": {
            "claude": "yes",
            "copilot": {"dir": "a\nb", "models": ["sonnet"]},
            "codex": {"dir": 3, "models": {"sonnet": "", "opus": "x\ty"}},
        }
    }
    _, problems = parse_config(data, known_targets=KNOWN)
    assert [(p.path, p.code) for p in problems] == [
        (("targets", "claude"), "A090"),
        (("targets", "copilot", "dir"), "A090"),
        (("targets", "copilot", "models"), "A090"),
        (("targets", "codex", "dir"), "A090"),
        (("targets", "codex", "models", "sonnet"), "A090"),
        (("targets", "codex", "models", "opus"), "A090"),
    ]


def test_an_empty_targets_table_names_no_target() -> None:
    config, problems = parse_config({"targets": {}}, known_targets=KNOWN)
    assert config.targets is None
    assert [(p.path, p.code, p.message) for p in problems] == [
        (
            ("targets",),
            "A090",
            "`targets` must be a table of [targets.NAME] tables naming at least one target",
        )
    ]


def test_problems_are_located_in_the_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"assembler.toml": '[targets.claude]\n\n[targets.copilot]\ndirr = "x"\n'})
    _, diagnostics = load_config(tmp_path, KNOWN)
    assert [(d.file, d.line, d.code) for d in diagnostics] == [("assembler.toml", 4, "A002")]


def test_the_shared_fingerprint_leaves_the_targets_out(tmp_path: Path) -> None:
    """Each target's table is part of its own files' fingerprint only: choosing another target stales no
    file of the others."""
    write_tree(tmp_path, {"assembler.toml": "min_handoffs = 0\n"})
    plain, _ = load_config(tmp_path, KNOWN)
    write_tree(
        tmp_path, {"assembler.toml": 'min_handoffs = 0\n[targets.claude]\n[targets.codex]\ndir = "x"\n'}
    )
    chosen, _ = load_config(tmp_path, KNOWN)
    assert plain.fingerprint_text == chosen.fingerprint_text
    assert chosen.targets is not None and chosen.targets["codex"].fingerprint == "{'dir': 'x'}"
