"""trust: the fingerprints cover every source of an agent's outputs, per target, and only intact stamps of
them count."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assembler.config import Config, parse_config
from assembler.layout import layout
from assembler.pipeline import plan_catalog
from assembler.sources import Sources
from assembler.stamp import PENDING, after_frontmatter, header, seal
from assembler.targets import TARGETS, selected
from assembler.tomlparse import parse_toml
from assembler.trust import current, scope, target_scopes


def _scope(root: Path, config: Config | None = None) -> str | None:
    text = (root / "_manifests/fixer.toml").read_text()
    config = config or Config()
    return scope(text, parse_toml(text), config, Sources.of(root, config), None)


def test_every_source_changes_the_fingerprint(catalog: Callable[..., Path]) -> None:
    root = catalog()
    first = _scope(root)
    assert first is not None and len(first) == 8 and _scope(root) == first
    (root / "_blocks/baseline.md").write_text("# BASELINE\n\nChanged.\n")
    second = _scope(root)
    assert second != first
    assert _scope(root, Config(fingerprint_text="other configuration")) != second
    manifest = root / "_manifests/fixer.toml"
    manifest.write_text(manifest.read_text() + "\n")
    assert _scope(root) != second


def test_a_source_that_cannot_be_read_gives_no_fingerprint(catalog: Callable[..., Path]) -> None:
    root = catalog()
    (root / "_blocks/baseline.md").write_bytes(b"\xff not utf-8")
    assert _scope(root) is None


def test_current_needs_every_output_stamped_intact_with_this_fingerprint() -> None:
    good = seal(
        f"---\na: 1\n---\n<!-- {PENDING} -->\nbody\n", "agent", "claude", "0123abcd", after_frontmatter
    )
    ONE = {"x.md": "0123abcd"}
    assert current({"x.md": good.encode()}, ONE)
    assert not current({"x.md": good.encode()}, {"x.md": "ffffffff"})  # stale
    assert not current({"x.md": good.replace("body", "edited").encode()}, ONE)  # hand-edited
    assert not current({"x.md": None}, ONE)  # missing
    mine = {"x.md": good.encode(), "y.md": b"# mine\n"}
    assert not current(mine, {**ONE, "y.md": "0123abcd"})  # one not ours


def test_a_trusted_run_and_a_full_run_agree(catalog: Callable[..., Path]) -> None:
    from assembler.write import apply_plan

    root = catalog()
    apply_plan(plan_catalog(root))
    trusted = plan_catalog(root)
    assert all(o.text is None for o in trusted.outputs)  # nothing validated or rendered again
    full = plan_catalog(root, trust=False)
    assert [o.rel for o in full.outputs] == [o.rel for o in trusted.outputs]
    assert all((root / o.rel).read_text() == o.text for o in full.outputs)


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
