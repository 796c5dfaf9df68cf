"""Stage 1 of a manifest's job: read its file and parse it, and read the generated files it owns."""

from __future__ import annotations

import os
from typing import Any

from assembler.diagnostics import Diagnostic
from assembler.disk import FileProblem, Folder
from assembler.layout import Layout
from assembler.sources import Text, decode
from assembler.tomlparse import TomlError, parse_toml


def read_manifest(
    folder: Folder, name: str, edited: str | None = None
) -> tuple[Text | None, dict[str, Any] | None, list[Diagnostic]]:
    """The manifest's text and parsed data, or the diagnostics saying why there are none. `edited`: the
    text to read instead of the file's (`assembler set` validates its edits before writing them)."""
    rel = folder.file(name)
    if edited is not None:
        source = Text(rel, edited)
        try:
            return source, parse_toml(edited), []
        except TomlError as err:
            return source, None, [err.diagnostic(rel)]
    try:
        raw = folder.read(name)
        if raw is None:
            raise FileNotFoundError(rel)
        source = Text(rel, decode(raw, rel))
    except FileProblem as problem:
        return None, None, [problem.diagnostic]
    except FileNotFoundError:  # removed while the run lists the folder: nothing to check any more
        return None, None, []
    try:
        return source, parse_toml(source.text), []
    except TomlError as err:
        return source, None, [err.diagnostic(rel)]


def output_folder(layout: Layout, rel: str) -> tuple[Folder, str]:
    """The folder of an output path and the file's name in it."""
    parent, _, name = rel.rpartition("/")
    if parent == layout.generated.rel:
        return layout.generated, name
    for folder in layout.outputs:
        if parent == folder.rel:
            return folder, name
    raise KeyError(rel)  # a bug: every output lies in a folder of the layout


def output_path(layout: Layout, rel: str) -> str:
    """The file system path of an output."""
    folder, name = output_folder(layout, rel)
    return os.path.join(folder.path, name)  # noqa: PTH118 (plain os: once per file)


def read_outputs(layout: Layout, paths: list[str]) -> tuple[dict[str, bytes | None], list[Diagnostic]]:
    """What stands at each output path now (None: nothing); faults for what cannot be read."""
    found: dict[str, bytes | None] = {}
    faults: list[Diagnostic] = []
    for rel in paths:
        folder, name = output_folder(layout, rel)
        try:
            found[rel] = folder.read(name)
        except FileProblem as problem:
            found[rel] = None
            faults.append(problem.diagnostic)
    return found, faults
