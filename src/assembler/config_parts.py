"""The groups of keys of the configuration and the parsers of its lists, rules and tables (`taxonomy`,
`path_aliases`), each checked for its type; `config.parse_config` puts them together. Pure: parsed TOML in,
values and problems out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assembler import vocab
from assembler.codes import general
from assembler.codes.config import BAD_CONFIG
from assembler.diagnostics import Problem, did_you_mean

FOLDER_KEYS = (
    "manifests_dir",
    "blocks_dir",
    "generated_dir",
    "roles_dir",
    "capabilities_dir",
    "templates_dir",
)
LIST_KEYS = ("obligatory_blocks", "artifacts", "extra_tools", "extra_models", "external_agents")
RULE_KEYS = (
    "min_handoffs",
    "required_sections",
    "require_taxonomy",
    "require_lineage",
    "placeholder_pattern",
)
KEYS = (*FOLDER_KEYS, *LIST_KEYS, "taxonomy", "path_aliases", *RULE_KEYS, "targets")  # in the schema's order
SECTIONS = ("role", "domain_in", "forbidden_domain", "output_extra_fields", "references")


def str_list(data: Mapping[str, Any], key: str, problems: list[Problem]) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.append(
            BAD_CONFIG.at(
                (key,), key=key, expected="a list of non-empty strings", example=f'{key} = ["...", "..."]'
            )
        )
        return None
    return tuple(value)


def rules(data: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """The configurable rules, each checked for its type."""
    found: dict[str, Any] = {}
    minimum = data.get("min_handoffs")
    if minimum is not None:
        if isinstance(minimum, int) and not isinstance(minimum, bool) and minimum >= 0:
            found["min_handoffs"] = minimum
        else:
            problems.append(
                BAD_CONFIG.at(
                    ("min_handoffs",), key="min_handoffs", expected="a whole number, 0 or more", example="0"
                )
            )
    sections = str_list(data, "required_sections", problems)
    if sections is not None:
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown:
            problems.append(
                BAD_CONFIG.at(
                    ("required_sections",),
                    key="required_sections",
                    expected=f"a list of {', '.join(SECTIONS)} (not {', '.join(unknown)})",
                    example='required_sections = ["role"]',
                )
            )
        else:
            found["required_sections"] = sections
    for key in ("require_taxonomy", "require_lineage"):
        value = data.get(key)
        if isinstance(value, bool):
            found[key] = value
        elif value is not None:
            problems.append(
                BAD_CONFIG.at((key,), key=key, expected="true or false", example=f"{key} = false")
            )
    pattern = data.get("placeholder_pattern")
    if pattern is not None:
        if isinstance(pattern, str) and _compiles(pattern):
            found["placeholder_pattern"] = pattern
        else:
            problems.append(
                BAD_CONFIG.at(
                    ("placeholder_pattern",),
                    key="placeholder_pattern",
                    expected='a Python regular expression, or "" for no placeholder check',
                    example="placeholder_pattern = '\\{\\{\\s*[A-Z][A-Z0-9_]*\\s*\\}\\}'",
                )
            )
    return found


def _compiles(pattern: str) -> bool:
    import re

    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def _misplaced(key: str, table: str) -> Problem:
    """A top-level key written after a table header, where TOML puts it inside that table."""
    return general.UNKNOWN_KEY.at(
        (table, key),
        what=f"key in [{table}]",
        key=key,
        suggestion=f"`{key}` is a top-level key, but TOML puts every key written after the [{table}] header "
        f"into that table: move it above the first [table] header",
    )


def taxonomy(value: Any, path: tuple[str, ...], problems: list[Problem]) -> dict[str, frozenset[str]]:
    merged = {k: set(v) for k, v in vocab.TAXONOMY.items()}
    if not isinstance(value, dict):
        problems.append(
            BAD_CONFIG.at(
                path,
                key="taxonomy",
                expected="a table of facet = [values]",
                example='[taxonomy] domain = ["billing"]',
            )
        )
        value = {}
    for facet, extra in value.items():
        if facet in KEYS:
            problems.append(_misplaced(facet, "taxonomy"))
        elif facet not in merged:
            hint = did_you_mean(facet, vocab.TAXONOMY) or f"facets: {', '.join(vocab.TAXONOMY)}"
            problems.append(
                general.UNKNOWN_KEY.at((*path, facet), what="taxonomy facet", key=facet, suggestion=hint)
            )
        elif not isinstance(extra, list) or not all(isinstance(v, str) and v for v in extra):
            problems.append(
                BAD_CONFIG.at(
                    (*path, facet),
                    key=f"taxonomy.{facet}",
                    expected="a list of strings",
                    example=f'{facet} = ["value"]',
                )
            )
        else:
            merged[facet].update(extra)
    return {k: frozenset(v) for k, v in merged.items()}


def aliases(value: Any, path: tuple[str, ...], problems: list[Problem]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(
            BAD_CONFIG.at(
                path,
                key="path_aliases",
                expected='a table of NAME = "location"',
                example='[path_aliases] user-rules = "~/.claude/rules"',
            )
        )
        return {}
    aliases: dict[str, str] = {}
    for name, location in value.items():
        if name in KEYS:
            problems.append(_misplaced(name, "path_aliases"))
        elif not isinstance(location, str):
            problems.append(
                BAD_CONFIG.at(
                    (*path, name),
                    key=f"path_aliases.{name}",
                    expected="a string naming a location",
                    example=f'{name} = "~/.claude/rules"',
                )
            )
        else:
            aliases[name] = location
    return aliases
