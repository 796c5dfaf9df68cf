"""`assembler init [DIR]`: a new catalog that builds and checks clean at once. It writes the configuration,
the obligatory blocks, one example agent (the template of `assembler new`, handing off to Claude Code's
built-in general-purpose agent) and the editor set-up (`.taplo.toml` and the JSON Schemas), then builds,
so that `assembler check` passes straight away. It writes into a folder that holds no catalog and none of
those files, and never replaces a file."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from assembler.diagnostics import Diagnostic, has_errors

STARTER = Path(__file__).resolve().parent.parent / "starter"  # package data: the texts init writes
EXAMPLE = "example"  # the example agent's name
OUTSIDE = "general-purpose"  # the agent it hands off to, declared in the starter configuration


class Taken(Exception):
    """The folder holds a catalog, or files init would write: their paths."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


@dataclass
class InitResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # relative to the catalog, sources then outputs


def starter_files(today: datetime.date) -> dict[str, str]:
    """The files of a new catalog, by path relative to its root. Pure."""
    from assembler import schemas
    from assembler.authoring.template import new_manifest
    from assembler.config import CONFIG_FILE, parse_config
    from assembler.tomlparse import parse_toml

    config_text = (STARTER / "assembler.toml").read_text(encoding="utf-8")
    config, mistakes = parse_config(parse_toml(config_text))
    assert not mistakes, mistakes  # our own text
    files = {CONFIG_FILE: config_text}
    for block in config.obligatory_blocks:
        files[f"{config.blocks_dir}/{block}.md"] = (STARTER / "blocks" / f"{block}.md").read_text("utf-8")
    files[f"{config.manifests_dir}/{EXAMPLE}.toml"] = new_manifest(EXAMPLE, config, [OUTSIDE], today)
    files[".taplo.toml"] = (STARTER / "taplo.toml").read_text(encoding="utf-8")
    for kind in schemas.KINDS:
        files[f"schemas/{kind}.json"] = schemas.dumps(schemas.derive(kind))
    return files


def taken(root: Path, files: dict[str, str]) -> list[str]:
    """What stands in the way at `root`: a catalog (its manifests folder or configuration), or any file
    init would write, or an output the build would write."""
    from assembler.config import Config

    defaults = Config()
    wanted = [defaults.manifests_dir, *files, f"{defaults.generated_dir}/{EXAMPLE}.md"]
    return [rel for rel in wanted if os.path.lexists(root / rel)]


def init_catalog(root: Path, *, today: datetime.date | None = None) -> InitResult:
    """Start a catalog at `root` (created when missing) and build it. Raises Taken, writing nothing, when
    something stands in the way."""
    from assembler.atomic import atomic_create
    from assembler.disk import FileProblem

    files = starter_files(today or datetime.date.today())
    in_the_way = taken(root, files)
    if in_the_way:
        raise Taken(in_the_way)
    result = InitResult()
    try:
        for rel, text in files.items():
            if not atomic_create(str(root / rel), rel, text.encode("utf-8")):
                raise Taken([rel])  # written by someone else meanwhile
            result.written.append(rel)
    except FileProblem as problem:
        result.diagnostics.append(problem.diagnostic)
        return result
    _build(root, result)
    return result


def _build(root: Path, result: InitResult) -> None:
    from assembler.pipeline import plan_catalog
    from assembler.write import apply_plan

    plan = plan_catalog(root.resolve())
    result.diagnostics += plan.diagnostics
    if has_errors(plan.diagnostics):
        return
    built = apply_plan(plan)
    result.diagnostics += built.faults
    result.written += built.written
