"""Checks of what a manifest says in Claude Code's terms: its tools, model, effort and turns, and the
`[targets.claude]` table. Pure: the model and configuration in, problems (by key path) out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from assembler.claudecode import vocab
from assembler.codes import claude as codes
from assembler.codes import content
from assembler.config import Config
from assembler.diagnostics import KeyPath, Problem, did_you_mean
from assembler.manifest import LEGACY_KEYS, ClaudeFields, Manifest

_CLAUDE: KeyPath = ("targets", "claude")


def check_claude(m: Manifest, config: Config) -> list[Problem]:
    problems: list[Problem] = []
    for key in ("tools", "disallowed_tools"):
        for i, entry in enumerate(getattr(m, key) or ()):
            problems += check_tool((key, i), entry, config)
    if m.model is not None and not known_model(m.model, config.models):
        problems.append(
            content.UNKNOWN_MODEL.at(("model",), model=m.model, known=", ".join(sorted(config.models)))
        )
    if isinstance(m.effort, str):
        problems += _one_of(
            ("effort",), m.effort, vocab.EFFORT_LEVELS, "an effort level", "or a whole number"
        )
    elif m.effort is not None and m.effort < 1:
        problems.append(_malformed(("effort",), "effort", "is below 1", "use a level such as high"))
    if m.max_turns is not None and m.max_turns < 1:
        problems.append(_malformed(("max_turns",), "max_turns", "is below 1", "allow at least one turn"))
    return problems + check_fields(m.targets.claude)


def known_model(model: str, aliases: Iterable[str]) -> bool:
    """An alias (also with `[1m]` after sonnet, opus or fable), a full model id, or a Bedrock ARN."""
    if model in aliases:
        return True
    base, suffix = model[:-4], model[-4:].lower()
    if suffix == "[1m]" and base in vocab.LONG_CONTEXT:
        return True
    return bool(_MODEL_ID.fullmatch(model) or _MODEL_ARN.fullmatch(model))


_MODEL_ID = re.compile(vocab.MODEL_ID)
_MODEL_ARN = re.compile(vocab.MODEL_ARN)


def check_tool(path: KeyPath, entry: str, config: Config) -> list[Problem]:
    """One entry of `tools` or `disallowed_tools`: a known tool, in a form Claude Code accepts."""
    if not entry.strip() or entry in config.tools:
        return []  # empty: reported by the text checks; a plain known name: nothing to parse
    from assembler.claudecode.rules import Malformed, parse_rule

    rule = parse_rule(entry)
    if isinstance(rule, Malformed):
        return [
            codes.BAD_PERMISSION_RULE.at(path, rule=entry, problem=rule.problem, suggestion=rule.suggestion)
        ]
    if rule.mcp or rule.tool == vocab.ALL_TOOLS or rule.tool in config.tools:
        return []
    if rule.tool in vocab.RETIRED:
        instead = vocab.RETIRED[rule.tool]
        hint = f"use `{instead}` instead" if instead else "remove it"
        return [codes.RETIRED_TOOL.at(path, tool=rule.tool, suggestion=hint)]
    hint = did_you_mean(rule.tool, config.tools) or "use a Claude Code tool name or mcp__server__tool"
    return [content.UNKNOWN_TOOL.at(path, tool=rule.tool, suggestion=hint)]


def check_fields(claude: ClaudeFields) -> list[Problem]:
    """The values of `[targets.claude]`."""
    problems: list[Problem] = []
    for key, allowed, what in (
        ("permissionMode", vocab.PERMISSION_MODES, "a permission mode"),
        ("memory", vocab.MEMORY_SCOPES, "a memory scope"),
        ("isolation", vocab.ISOLATION_MODES, "an isolation mode"),
        ("color", vocab.COLORS, "a colour"),
    ):
        value = getattr(claude, key)
        if value is not None:
            problems += _one_of((*_CLAUDE, key), value, allowed, what)
    if claude.autoCompactWindow is not None and claude.autoCompactWindow < vocab.AUTO_COMPACT_MINIMUM:
        problems.append(
            _malformed(
                (*_CLAUDE, "autoCompactWindow"),
                "autoCompactWindow",
                f"is below {vocab.AUTO_COMPACT_MINIMUM:,}",
                f"use {vocab.AUTO_COMPACT_MINIMUM} tokens or more",
            )
        )
    for i, server in enumerate(claude.mcpServers or ()):
        if isinstance(server, dict) and not (
            len(server) == 1 and isinstance(next(iter(server.values())), dict)
        ):
            problems.append(
                _malformed(
                    (*_CLAUDE, "mcpServers", i),
                    f"mcpServers[{i}]",
                    "is a table that does not hold exactly one server",
                    "write a server's name, or { name = { command = ..., args = [...] } }",
                )
            )
    if claude.hooks is not None:
        problems += check_hooks(claude.hooks)
    problems += _clashes(claude.extra or {})
    return problems


def check_hooks(hooks: Mapping[str, Any]) -> list[Problem]:
    """`hooks`: event -> [ {matcher?, hooks = [ {type, command?, ...} ]} ], as in Claude Code's settings."""
    problems: list[Problem] = []
    for event, groups in hooks.items():
        path: KeyPath = (*_CLAUDE, "hooks", event)
        if event not in vocab.HOOK_EVENTS:
            problems += _one_of(path, event, vocab.HOOK_EVENTS, "a hook event")
            continue
        if not isinstance(groups, list):
            problems.append(_hook(path, f"hooks.{event}", "is not an array of matcher groups"))
            continue
        for i, group in enumerate(groups):
            where = f"hooks.{event}[{i}]"
            if not isinstance(group, dict) or not isinstance(group.get("hooks"), list):
                problems.append(_hook((*path, i), where, "is not a table with a `hooks` array"))
                continue
            if not isinstance(group.get("matcher", ""), str):
                problems.append(_hook((*path, i, "matcher"), f"{where}.matcher", "is not text"))
            for j, hook in enumerate(group["hooks"]):
                problems += _one_hook((*path, i, "hooks", j), f"{where}.hooks[{j}]", hook)
    return problems


def _one_hook(path: KeyPath, where: str, hook: Any) -> list[Problem]:
    if not isinstance(hook, dict) or not isinstance(hook.get("type"), str) or not hook["type"]:
        return [_hook(path, where, "is not a table with a `type`")]
    if hook["type"] == "command" and not (isinstance(hook.get("command"), str) and hook["command"].strip()):
        return [_hook(path, where, "is a command hook without a `command`")]
    return []


def _hook(path: KeyPath, key: str, problem: str) -> Problem:
    return _malformed(
        path,
        key,
        problem,
        'write hooks as [[targets.claude.hooks.EVENT]] with matcher = "..." and '
        'hooks = [{ type = "command", command = "..." }]',
    )


def emitted_keys() -> frozenset[str]:
    """Every frontmatter key the manifest's own fields write."""
    return frozenset((*vocab.TOP_LEVEL_KEYS.values(), *vocab.CLAUDE_KEYS, *LEGACY_KEYS))


def _clashes(extra: Mapping[str, Any]) -> list[Problem]:
    problems = []
    taken = emitted_keys()
    for key in extra:
        if key in taken:
            field = next((k for k, v in vocab.TOP_LEVEL_KEYS.items() if v == key), key)
            place = field if field in vocab.TOP_LEVEL_KEYS else f"[targets.claude] {key}"
            problems.append(
                _malformed(
                    (*_CLAUDE, "extra", key),
                    f"extra.{key}",
                    "is a field of the manifest, not an unknown key",
                    f"write it as {place}",
                )
            )
    return problems


def _one_of(path: KeyPath, value: str, allowed: tuple[str, ...], what: str, also: str = "") -> list[Problem]:
    if value in allowed:
        return []
    close = did_you_mean(value, allowed)
    return [
        codes.NOT_IN_VOCABULARY.at(
            path,
            value=value,
            what=what,
            suggestion=f"{close} " if close else "",
            allowed=", ".join(allowed) + (f" {also}" if also else ""),
        )
    ]


def _malformed(path: KeyPath, key: str, problem: str, suggestion: str) -> Problem:
    return codes.MALFORMED_FIELD.at(path, key=key, problem=problem, suggestion=suggestion)
