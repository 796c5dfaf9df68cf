"""read: a manifest's text and data, or diagnostics saying why not; what stands at its outputs now."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from assembler.config import Config
from assembler.layout import Layout, layout
from assembler.read import output_folder, read_manifest, read_outputs


def _layout(root: Path) -> Layout:
    found, problems = layout(str(root), Config())
    assert found is not None, problems
    return found


def test_a_manifest_read_and_parsed(catalog: Callable[..., Path]) -> None:
    root = catalog()
    source, data, problems = read_manifest(_layout(root).manifests, "fixer.toml")
    assert problems == [] and source is not None and data is not None
    assert source.rel == "_manifests/fixer.toml" and data["name"] == "fixer"


def test_syntax_errors_encoding_and_fifos(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/broken.toml": "name = \n", "_manifests/latin.toml": ""})
    (root / "_manifests/latin.toml").write_bytes(b'name = "caf\xe9"\n')
    os.mkfifo(root / "_manifests/pipe.toml")
    folder = _layout(root).manifests
    source, data, problems = read_manifest(folder, "broken.toml")
    assert source is not None and data is None and [d.code for d in problems] == ["A001"]
    assert read_manifest(folder, "latin.toml")[2][0].code == "A005"
    assert read_manifest(folder, "pipe.toml")[2][0].code == "F003"
    assert read_manifest(folder, "gone.toml") == (None, None, [])


def test_outputs_now(catalog: Callable[..., Path]) -> None:
    root = catalog({"_generated/fixer.md": "# mine\n"})
    os.mkfifo(root / "_generated/reviewer.md")
    found = _layout(root)
    assert output_folder(found, "_generated/fixer.md") == (found.generated, "fixer.md")
    on_disk, faults = read_outputs(
        found, ["_generated/fixer.md", "_generated/reviewer.md", "_generated/x.md"]
    )
    assert on_disk == {
        "_generated/fixer.md": b"# mine\n",
        "_generated/reviewer.md": None,
        "_generated/x.md": None,
    }
    assert [(d.code, d.file) for d in faults] == [("F003", "_generated/reviewer.md")]
