"""targets/losses: what the chosen targets cannot express, once per target and field (A130), listed by
build and check, never failing a run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from assembler.commands import cli
from assembler.config import parse_config
from assembler.targets import TARGETS, selected
from assembler.targets.common import Use
from assembler.targets.losses import report, uses_of

TARGETS_TOML = "min_handoffs = 1\n[targets.claude]\n[targets.kiro]\n[targets.codex]\n"


def test_uses_of_raw_data() -> None:
    data = {
        "tools": ["Read", 3, "WebFetch"],
        "disallowed_tools": "Bash",
        "model": "sonnet",
        "max_turns": 4,
        "effort": True,
        "targets": {"kiro": {"model": "x"}, "codex": "not a table"},
    }
    over = frozenset({"kiro.model"})
    assert uses_of(data) == (
        (Use("tools", "Read", over), ("tools", 0)),
        (Use("tools", "WebFetch", over), ("tools", 2)),
        (Use("model", "sonnet", over), ("model",)),
        (Use("max_turns", "", over), ("max_turns",)),
    )
    assert uses_of({}) == ()


def chosen(*names: str) -> tuple:  # type: ignore[type-arg]
    config, _ = parse_config({"targets": {n: {} for n in names}}, known_targets=tuple(TARGETS))
    return selected(config)


def test_once_per_target_and_field_at_the_first_manifest() -> None:
    a = uses_of({"tools": ["Read", "WebFetch"], "model": "sonnet"})
    b = uses_of({"tools": ["WebSearch", "Grep"], "model": "opus", "max_turns": 3})
    found = report(chosen("claude", "kiro"), [("a", a), ("b", b)])
    assert list(found) == ["a", "b"]
    by_key = {(p.path, p.message.split(" cannot")[0]): p for stem in found for p in found[stem]}
    tools = by_key[(("tools", 1), "Kiro CLI")]
    assert tools.severity.value == "info" and tools.code == "A130"
    assert tools.message == (
        "Kiro CLI cannot express every `tools` value (2 agents): `WebFetch`, `WebSearch` dropped (Kiro's v1 "
        "tools have no such tool); `Grep` approximated (as `fs_read`)"
    )
    assert by_key[(("model",), "Kiro CLI")].message.startswith(
        "Kiro CLI cannot express every `model` value (2 agents): `sonnet`, `opus` dropped"
    )
    assert [p.path for p in found["b"]] == [("max_turns",)]  # claude loses nothing
    assert report(chosen("claude"), [("a", a), ("b", b)]) == {}


def test_a_targets_own_field_or_model_map_stops_the_report() -> None:
    uses = uses_of({"model": "sonnet", "targets": {"kiro": {"model": "claude-sonnet-4"}}})
    assert report(chosen("kiro"), [("a", uses)]) == {}
    config, _ = parse_config(
        {"targets": {"kiro": {"models": {"sonnet": "claude-sonnet-4"}}}}, known_targets=tuple(TARGETS)
    )
    assert report(selected(config), [("a", uses_of({"model": "sonnet"}))]) == {}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_and_check_list_them_and_never_fail(catalog: Callable[..., Path]) -> None:
    root = str(catalog({"assembler.toml": TARGETS_TOML}))
    code, _, err = run("--root", root, "--strict", "build")
    assert code == 0, err
    assert "_manifests/fixer.toml:3:18: A130: info: Kiro CLI cannot express every `tools` value" in err
    assert (Path(root) / "_generated/kiro/reviewer.json").is_file()
    code, out, _ = run("--root", root, "--strict", "--format", "json", "check")  # trusts the stamps
    assert code == 0
    infos = [d for d in json.loads(out)["diagnostics"] if d["code"] == "A130"]
    assert {d["severity"] for d in infos} == {"info"} and len(
        infos
    ) == 3  # kiro tools, kiro model, codex model
    code, _, err = run("--root", root, "validate")
    assert code == 0 and "A130" in err
