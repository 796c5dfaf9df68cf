"""trust: the fingerprints of an agent's outputs, and whether the files on disk carry them."""

from __future__ import annotations

from pathlib import Path

from assembler.config import parse_config
from assembler.layout import layout
from assembler.sources import Sources
from assembler.stamp import header, seal
from assembler.targets import TARGETS, selected
from assembler.trust import current, target_scopes


def _scopes(tmp_path: Path, targets: dict[str, dict[str, object]]) -> dict[str, str] | None:
    config, _ = parse_config({"targets": targets}, known_targets=tuple(TARGETS))
    found, _ = layout(str(tmp_path), config)
    assert found is not None
    return target_scopes("abcd1234", selected(config), Sources(found, config))


def test_claude_keeps_the_manifests_fingerprint_the_others_add_their_own(tmp_path: Path) -> None:
    scopes = _scopes(tmp_path, {"claude": {}, "copilot": {}, "codex": {}})
    assert scopes is not None and scopes["claude"] == "abcd1234"
    assert len({scopes["copilot"], scopes["codex"], "abcd1234"}) == 3
    mapped = _scopes(tmp_path, {"claude": {}, "copilot": {"models": {"sonnet": "x"}}, "codex": {}})
    assert (
        mapped is not None and mapped["copilot"] != scopes["copilot"] and mapped["codex"] == scopes["codex"]
    )
    renamed = _scopes(tmp_path, {"claude": {"models": {"sonnet": "x"}}})
    assert renamed is not None and renamed["claude"] != "abcd1234"


def test_current_needs_each_files_own_fingerprint() -> None:
    text = seal("# a\n# b\n# assembler-stamp: PENDING\nx\n", "agent", "codex", "1111aaaa", header(3))
    assert current({"a.toml": text.encode()}, {"a.toml": "1111aaaa"})
    assert not current({"a.toml": text.encode()}, {"a.toml": "2222bbbb"})
    assert not current({"a.toml": None}, {"a.toml": "1111aaaa"})
