"""Configuration: `assembler.toml` at the catalog root, or `[tool.assembler]` in its `pyproject.toml`.

Every key is optional. Folders are relative to the root; vocabularies, tools and models extend the built-in
lists; `artifacts` and `obligatory_blocks` replace theirs. The rules a manifest must meet beyond what Claude
Code requires (`obligatory_blocks`, `min_handoffs`, `required_sections`, `require_taxonomy`,
`require_lineage`) default to the seed catalog's discipline; `assembler import --init` writes a configuration
that drops them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assembler import vocab
from assembler.codes import general
from assembler.codes.config import BAD_CONFIG

# The keys by how they are parsed, for the configuration's JSON Schema (schemas/config.py).
from assembler.config_parts import FOLDER_KEYS as FOLDER_KEYS
from assembler.config_parts import KEYS, aliases, rules, str_list, taxonomy
from assembler.config_parts import LIST_KEYS as LIST_KEYS
from assembler.config_parts import RULE_KEYS as RULE_KEYS
from assembler.config_parts import SECTIONS as SECTIONS
from assembler.diagnostics import Diagnostic, Problem, did_you_mean
from assembler.names import SLUG
from assembler.targetconfig import TargetConfig, parse_targets
from assembler.tomlparse import TomlError, parse_toml

CONFIG_FILE = "assembler.toml"
_CONTROL = re.compile(
    "[\x00-\x1f\x7f]"
)  # no file name holds these; a NUL cannot even be passed to the system

# What the upstream's wizard leaves behind: `{{NAME}}` with an upper-case name (not `${{ ... }}`, GitHub's).
PLACEHOLDER_PATTERN = r"(?<!\$)\{\{\s*[A-Z][A-Z0-9_]*\s*\}\}"


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
    external_agents: frozenset[str] = (
        frozenset()
    )  # agents defined outside the catalog, which handoffs may name
    min_handoffs: int = 1
    required_sections: tuple[str, ...] = ("role", "domain_in", "forbidden_domain")
    require_taxonomy: bool = True
    require_lineage: bool = True
    placeholder_pattern: str = PLACEHOLDER_PATTERN  # "": no placeholder check
    # The coding agents the catalog is written for (see targetconfig); None: Claude Code alone.
    targets: Mapping[str, TargetConfig] | None = None
    # Where the configuration came from and its text but [targets]: part of every output's fingerprint
    # (each target's own table is part of its files' fingerprint only).
    source: str | None = None
    fingerprint_text: str = ""


def parse_config(
    data: Mapping[str, Any], prefix: tuple[str, ...] = (), known_targets: Collection[str] | None = None
) -> tuple[Config, list[Problem]]:
    """Build a Config from a parsed table; problems name key paths (under `prefix`). `known_targets`: the
    target names `[targets]` may use (None: any)."""
    problems: list[Problem] = []
    kwargs: dict[str, Any] = {}
    for key in data:
        if key not in KEYS:
            hint = did_you_mean(key, KEYS) or f"known keys: {', '.join(KEYS)}"
            problems.append(
                general.UNKNOWN_KEY.at((key,), what="configuration key", key=key, suggestion=hint)
            )
    for key in FOLDER_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str) and _CONTROL.search(value):
            problems.append(
                BAD_CONFIG.at(
                    (key,),
                    key=key,
                    expected="a folder name without control characters",
                    example='write a path such as "_manifests"',
                )
            )
        elif key == "generated_dir" and isinstance(value, str) and value.strip():
            kwargs[key] = value  # outputs may go outside the root, where the configuration says so
        elif not isinstance(value, str) or not value.strip() or not _inside_root(value):
            problems.append(
                BAD_CONFIG.at(
                    (key,),
                    key=key,
                    expected="a relative folder inside the root",
                    example='write a path such as "_manifests", without ".." or a leading "/"',
                )
            )
        else:
            kwargs[key] = value
    lists = {key: str_list(data, key, problems) for key in LIST_KEYS}
    if lists["obligatory_blocks"] is not None:
        kwargs["obligatory_blocks"] = lists["obligatory_blocks"]
    if lists["artifacts"] is not None:
        kwargs["artifacts"] = lists["artifacts"]
    kwargs["tools"] = frozenset((*vocab.TOOLS, *(lists["extra_tools"] or ())))
    kwargs["models"] = frozenset((*vocab.MODELS, *(lists["extra_models"] or ())))
    external = lists["external_agents"] or ()
    for i, name in enumerate(external):
        if not SLUG.fullmatch(name):
            problems.append(
                BAD_CONFIG.at(
                    ("external_agents", i),
                    key=f"external_agents[{i}]",
                    expected="an agent name (a lowercase slug)",
                    example='external_agents = ["physics-deriver"]',
                )
            )
    kwargs["external_agents"] = frozenset(n for n in external if SLUG.fullmatch(n))
    kwargs.update(rules(data, problems))
    kwargs["taxonomy"] = taxonomy(data.get("taxonomy", {}), ("taxonomy",), problems)
    kwargs["path_aliases"] = aliases(data.get("path_aliases", {}), ("path_aliases",), problems)
    targets = parse_targets(data.get("targets"), known_targets, problems)
    if targets is not None:
        raw = data["targets"]
        kwargs["targets"] = {
            name: replace(target, fingerprint=canonical(raw[name]) if raw[name] else "")
            for name, target in targets.items()
        }
    located = [replace(p, path=(*prefix, *p.path)) for p in problems]
    return Config(**kwargs), located


def _inside_root(value: str) -> bool:
    path = Path(value)
    return not path.is_absolute() and ".." not in path.parts and not value.startswith("~")


def load_config(root: Path, known_targets: Collection[str] | None = None) -> tuple[Config, list[Diagnostic]]:
    """Read the configuration of the catalog at `root` (defaults when there is none). Never raises: a file
    that cannot be read or parsed is a diagnostic, and the defaults stand in. `known_targets`: the target
    names `[targets]` may use (None: any)."""
    from assembler.disk import FileProblem, decode, folder
    from assembler.located import locate_problems

    try:
        top = folder(str(root.resolve()), ".")
        source: str = CONFIG_FILE
        prefix: tuple[str, ...] = ()
        raw = top.read(CONFIG_FILE)
        if raw is None:
            source, prefix = "pyproject.toml", ("tool", "assembler")
            raw = top.read(source)
    except FileProblem as problem:
        return Config(), [problem.diagnostic]
    if raw is None:
        return Config(), []
    try:
        text = decode(raw, source)
    except FileProblem as problem:
        return Config(), [problem.diagnostic]
    try:
        data = parse_toml(text)
    except TomlError as err:
        return Config(), [err.diagnostic(source)]
    section: Any = data
    part: str
    for part in prefix:
        section = section.get(part, {}) if isinstance(section, dict) else {}
    if prefix and not isinstance(section, dict):
        section = {}
    if prefix and not section:
        return Config(), []
    config, problems = parse_config(section, prefix, known_targets)
    if config.templates_dir is not None and not (root / config.templates_dir).is_dir():
        problems.append(
            BAD_CONFIG.at(
                (*prefix, "templates_dir"),
                key="templates_dir",
                expected=f"an existing folder ({config.templates_dir}/ does not exist)",
                example="create the folder, or remove templates_dir to use the built-in templates",
            )
        )
    shared = {k: v for k, v in section.items() if k != "targets"}
    config = replace(config, source=source, fingerprint_text=canonical(shared))
    return config, locate_problems(problems, source, text)


def canonical(value: Any) -> str:
    """One text for equal TOML data, whatever the order of its keys (the configuration's fingerprint)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {canonical(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(canonical(v) for v in value) + "]"
    return repr(value)
