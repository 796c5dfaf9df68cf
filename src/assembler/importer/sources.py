"""Find and read the agent files named on the command line: files as given, folders searched for `*.md`
(hidden files and folders left out), every file read through `disk` (regular files only; a link is
followed only when it stays inside the folder searched)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from assembler.codes import general
from assembler.diagnostics import Diagnostic
from assembler.disk import FileProblem, Folder


@dataclass(frozen=True, slots=True)
class Source:
    rel: str  # as the user named it (a folder's files: the folder, then the path inside it)
    origin: str  # for the manifest's comment: relative to the catalog root when inside it, else `rel`
    text: str


def find_sources(paths: list[str], root: str) -> tuple[list[Source], list[Diagnostic]]:
    from assembler.sources import decode

    sources: list[Source] = []
    problems: list[Diagnostic] = []
    for rel, folder, name in _files(paths, problems):
        try:
            data = folder.read(name)
            if data is None:
                continue  # gone since it was listed
            text = decode(data, rel)
        except FileProblem as problem:
            problems.append(problem.diagnostic)
            continue
        sources.append(Source(rel, _origin(Path(folder.path, name), rel, root), text))
    return sources, problems


def _files(paths: list[str], problems: list[Diagnostic]) -> list[tuple[str, Folder, str]]:
    """(shown path, folder, name in it) of every file to read, each once, in a stable order."""
    found: dict[str, tuple[str, Folder, str]] = {}
    for given in paths:
        shown = os.path.normpath(given)
        path = Path(given).absolute()
        if path.is_dir():
            for rel_dir, names in _walk(str(path)):
                here = path / rel_dir
                folder = Folder(shown if rel_dir == "." else f"{shown}/{rel_dir}", str(here), _real(here))
                for name in names:
                    found.setdefault(_real(here / name), (folder.file(name), folder, name))
        elif path.is_symlink() or path.exists():
            folder = Folder(str(Path(shown).parent), str(path.parent), _real(path.parent))
            found.setdefault(_real(path), (shown, folder, path.name))
        else:
            problems.append(
                general.UNREADABLE.located(
                    shown, where=shown, reason="it does not exist", suggestion="check the path"
                )
            )
    return sorted(found.values(), key=lambda item: item[0])


def _real(path: Path) -> str:
    return str(path.resolve())


def _walk(top: str) -> list[tuple[str, list[str]]]:
    """(folder relative to `top`, its `*.md` file names) for `top` and every folder under it, sorted."""
    out = []
    for here, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = sorted(f for f in files if f.endswith(".md") and not f.startswith("."))
        rel = os.path.relpath(here, top)
        if names:
            out.append((rel.replace(os.sep, "/"), names))
    return out


def _origin(path: Path, shown: str, root: str) -> str:
    real = path.resolve()
    base = Path(root).resolve()
    if real.is_relative_to(base):
        return real.relative_to(base).as_posix()
    return shown.replace(os.sep, "/")
