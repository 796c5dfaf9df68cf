"""trust: the fingerprint covers every source of an agent's outputs, and only intact stamps of it count."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assembler.config import Config
from assembler.pipeline import plan_catalog
from assembler.sources import Sources
from assembler.stamp import PENDING, after_frontmatter, seal
from assembler.tomlparse import parse_toml
from assembler.trust import current, scope


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
    assert current({"x.md": good.encode()}, "0123abcd")
    assert not current({"x.md": good.encode()}, "ffffffff")  # stale
    assert not current({"x.md": good.replace("body", "edited").encode()}, "0123abcd")  # hand-edited
    assert not current({"x.md": None}, "0123abcd")  # missing
    assert not current({"x.md": good.encode(), "y.md": b"# mine\n"}, "0123abcd")  # one not ours


def test_a_trusted_run_and_a_full_run_agree(catalog: Callable[..., Path]) -> None:
    from assembler.write import apply_plan

    root = catalog()
    apply_plan(plan_catalog(root))
    trusted = plan_catalog(root)
    assert all(o.text is None for o in trusted.outputs)  # nothing validated or rendered again
    full = plan_catalog(root, trust=False)
    assert [o.rel for o in full.outputs] == [o.rel for o in trusted.outputs]
    assert all((root / o.rel).read_text() == o.text for o in full.outputs)
