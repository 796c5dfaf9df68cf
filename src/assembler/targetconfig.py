"""The `[targets]` table of the configuration: which coding agents the catalog is written for, where each
target's files go and how it names the catalog's models. Pure: parsed TOML in, settings and problems out.

```toml
[targets.claude]                  # Claude Code, as without a [targets] table
[targets.copilot]
dir = ".github/agents"            # default: <generated_dir>/copilot
[targets.copilot.models]
sonnet = "Claude Sonnet 4.5 (copilot)"
```

Without a `[targets]` table the catalog is written for Claude Code alone, into `<generated_dir>`, exactly as
before targets existed. The names a table may use are the registry's (`assembler.targets.TARGETS`), which
the caller passes in: this module sits below the targets and cannot import them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from assembler.codes import general
from assembler.codes.config import BAD_CONFIG
from assembler.diagnostics import KeyPath, Problem, did_you_mean

KEYS = ("dir", "models")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class TargetConfig:
    """One `[targets.NAME]` table."""

    dir: str | None = None  # None: the target's default folder
    models: Mapping[str, str] = field(default_factory=dict)  # catalog model -> the target's name for it
    fingerprint: str = ""  # the table's canonical text (config.canonical): part of its files' fingerprint


def parse_targets(
    value: Any, known: Collection[str] | None, problems: list[Problem]
) -> dict[str, TargetConfig] | None:
    """The targets a `[targets]` table chooses (None: no table). `known`: the target names there are (None:
    any name is taken, for callers that do not build outputs)."""
    if value is None:
        return None
    path: KeyPath = ("targets",)
    if not isinstance(value, dict) or not value:
        problems.append(
            BAD_CONFIG.at(
                path,
                key="targets",
                expected="a table of [targets.NAME] tables naming at least one target",
                example="[targets.claude] (remove [targets] to write for Claude Code alone)",
            )
        )
        return None
    found: dict[str, TargetConfig] = {}
    for name, table in value.items():
        if known is not None and name not in known:
            hint = did_you_mean(name, known) or f"targets: {', '.join(known)}"
            problems.append(general.UNKNOWN_KEY.at((*path, name), what="target", key=name, suggestion=hint))
            continue
        if not isinstance(table, dict):
            problems.append(
                BAD_CONFIG.at(
                    (*path, name),
                    key=f"targets.{name}",
                    expected="a table",
                    example=f"[targets.{name}], with dir and models when they differ from the defaults",
                )
            )
            continue
        found[name] = _one(name, table, (*path, name), problems)
    return found


def _one(name: str, table: dict[str, Any], path: KeyPath, problems: list[Problem]) -> TargetConfig:
    for key in table:
        if key not in KEYS:
            hint = did_you_mean(key, KEYS) or f"known keys: {', '.join(KEYS)}"
            problems.append(
                general.UNKNOWN_KEY.at(
                    (*path, key), what=f"key of [targets.{name}]", key=key, suggestion=hint
                )
            )
    folder = table.get("dir")
    if folder is not None and (not isinstance(folder, str) or not folder.strip() or _CONTROL.search(folder)):
        problems.append(
            BAD_CONFIG.at(
                (*path, "dir"),
                key=f"targets.{name}.dir",
                expected="a folder name without control characters",
                example=f'dir = ".{name}/agents"',
            )
        )
        folder = None
    models = _models(name, table.get("models", {}), (*path, "models"), problems)
    return TargetConfig(dir=None if folder is None else _normal(folder), models=models)


def _normal(folder: str) -> str:
    """One spelling per folder (`./a/b/` is `a/b`), so that a file is never known by two paths."""
    if folder.startswith("~"):
        return folder.rstrip("/") or folder
    return posixpath.normpath(folder)


def _models(name: str, value: Any, path: KeyPath, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(
            BAD_CONFIG.at(
                path,
                key=f"targets.{name}.models",
                expected='a table of catalog model = "the target\'s model"',
                example=f'[targets.{name}.models] sonnet = "..."',
            )
        )
        return {}
    models: dict[str, str] = {}
    for model, named in value.items():
        if isinstance(named, str) and named.strip() and not _CONTROL.search(named):
            models[model] = named
        else:
            problems.append(
                BAD_CONFIG.at(
                    (*path, model),
                    key=f"targets.{name}.models.{model}",
                    expected="a one-line, non-empty model name",
                    example=f'{model} = "..."',
                )
            )
    return models
