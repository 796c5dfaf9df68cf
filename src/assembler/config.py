"""Configuration: `assembler.toml` at the catalog root, or `[tool.assembler]` in its `pyproject.toml`.

Every key is optional. Folders are relative to the root; vocabularies, tools and models extend the built-in
lists; `artifacts` and `obligatory_blocks` replace theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assembler import vocab
from assembler.diagnostics import Diagnostic, Problem, did_you_mean
from assembler.tomlparse import TomlError, parse_toml

CONFIG_FILE = "assembler.toml"

_FOLDERS = ("manifests_dir", "blocks_dir", "generated_dir", "roles_dir", "capabilities_dir")
_LISTS = ("obligatory_blocks", "artifacts", "extra_tools", "extra_models")
_KEYS = (*_FOLDERS, "templates_dir", *_LISTS, "taxonomy", "path_aliases")


@dataclass(frozen=True)
class Config:
    manifests_dir: str = "_manifests"
    blocks_dir: str = "_blocks"
    generated_dir: str = "_generated"
    roles_dir: str = "_roles"
    capabilities_dir: str = "_capabilities"
    templates_dir: str | None = None
    obligatory_blocks: tuple[str, ...] = vocab.OBLIGATORY_BLOCKS
    artifacts: tuple[str, ...] = vocab.ARTIFACTS
    tools: frozenset[str] = frozenset(vocab.TOOLS)
    models: frozenset[str] = frozenset(vocab.MODELS)
    taxonomy: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: {k: frozenset(v) for k, v in vocab.TAXONOMY.items()}
    )
    path_aliases: Mapping[str, str] = field(default_factory=dict)
    # Where the configuration came from and its bytes: part of every output's fingerprint.
    source: str | None = None
    fingerprint_text: str = ""


def _str_list(data: Mapping[str, Any], key: str, problems: list[Problem]) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.append(
            Problem(
                (key,),
                "A090",
                f"`{key}` must be a list of non-empty strings",
                f'write it as {key} = ["...", "..."]',
            )
        )
        return None
    return tuple(value)


def parse_config(data: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> tuple[Config, list[Problem]]:
    """Build a Config from a parsed table; problems name key paths (under `prefix`)."""
    problems: list[Problem] = []
    kwargs: dict[str, Any] = {}
    for key in data:
        if key not in _KEYS:
            hint = did_you_mean(key, _KEYS) or f"known keys: {', '.join(_KEYS)}"
            problems.append(Problem((key,), "A002", f"unknown configuration key `{key}`", hint))
    for key in (*_FOLDERS, "templates_dir"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value or Path(value).is_absolute() or ".." in Path(value).parts:
            problems.append(
                Problem(
                    (key,),
                    "A090",
                    f"`{key}` must be a relative folder inside the root",
                    'write a path such as "_manifests", without ".." or a leading "/"',
                )
            )
        else:
            kwargs[key] = value
    lists = {key: _str_list(data, key, problems) for key in _LISTS}
    if lists["obligatory_blocks"] is not None:
        kwargs["obligatory_blocks"] = lists["obligatory_blocks"]
    if lists["artifacts"] is not None:
        kwargs["artifacts"] = lists["artifacts"]
    kwargs["tools"] = frozenset((*vocab.TOOLS, *(lists["extra_tools"] or ())))
    kwargs["models"] = frozenset((*vocab.MODELS, *(lists["extra_models"] or ())))
    kwargs["taxonomy"] = _taxonomy(data.get("taxonomy", {}), ("taxonomy",), problems)
    kwargs["path_aliases"] = _aliases(data.get("path_aliases", {}), ("path_aliases",), problems)
    located = [Problem((*prefix, *p.path), p.code, p.message, p.hint) for p in problems]
    return Config(**kwargs), located


def _taxonomy(value: Any, path: tuple[str, ...], problems: list[Problem]) -> dict[str, frozenset[str]]:
    merged = {k: set(v) for k, v in vocab.TAXONOMY.items()}
    if not isinstance(value, dict):
        problems.append(
            Problem(
                path,
                "A090",
                "`taxonomy` must be a table of facet = [values]",
                '[taxonomy]\ndomain = ["billing"]',
            )
        )
        value = {}
    for facet, extra in value.items():
        if facet not in merged:
            problems.append(
                Problem(
                    (*path, facet),
                    "A002",
                    f"unknown taxonomy facet `{facet}`",
                    f"facets: {', '.join(vocab.TAXONOMY)}",
                )
            )
        elif not isinstance(extra, list) or not all(isinstance(v, str) and v for v in extra):
            problems.append(
                Problem(
                    (*path, facet),
                    "A090",
                    f"`taxonomy.{facet}` must be a list of strings",
                    f'{facet} = ["value"]',
                )
            )
        else:
            merged[facet].update(extra)
    return {k: frozenset(v) for k, v in merged.items()}


def _aliases(value: Any, path: tuple[str, ...], problems: list[Problem]) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.append(
            Problem(
                path,
                "A090",
                '`path_aliases` must be a table of NAME = "location"',
                '[path_aliases]\nuser-rules = "~/.claude/rules"',
            )
        )
        return {}
    return dict(value)


def load_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    """Read the configuration of the catalog at `root` (defaults when there is none)."""
    from assembler.located import locate_problems

    own = root / CONFIG_FILE
    prefix: tuple[str, ...]
    if own.is_file():
        source, prefix = CONFIG_FILE, ()
    elif (root / "pyproject.toml").is_file():
        source, prefix = "pyproject.toml", ("tool", "assembler")
    else:
        return Config(), []
    text = (root / source).read_text(encoding="utf-8")
    try:
        data = parse_toml(text)
    except TomlError as err:
        return Config(), [err.diagnostic(source)]
    section: Any = data
    for part in prefix:
        section = section.get(part, {}) if isinstance(section, dict) else {}
    if prefix and not section:
        return Config(), []
    config, problems = parse_config(section, prefix)
    config = replace(config, source=source, fingerprint_text=canonical(section))
    return config, locate_problems(problems, source, text)


def canonical(value: Any) -> str:
    """One text for equal TOML data, whatever the order of its keys (the configuration's fingerprint)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {canonical(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(canonical(v) for v in value) + "]"
    return repr(value)
