"""Entries of an agent's `tools` and `disallowedTools`, read as Claude Code reads permission rules: a tool
name, `Tool(specifier)`, or an MCP name (`mcp__server`, `mcp__server__tool`, `mcp__server__*`). Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assembler.claudecode.vocab import ALIASES, ALL_TOOLS

MCP = re.compile(r"mcp__(?P<server>[A-Za-z0-9_-]+?)(?:__(?P<tool>[A-Za-z0-9_-]+\*?|\*))?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FILE_TOOLS = frozenset({"Read", "Write", "Edit", "Glob", "NotebookEdit", "NotebookRead", "MultiEdit"})


@dataclass(frozen=True, slots=True)
class Rule:
    tool: str  # as written (`Task`, `mcp__github__get_issue`)
    specifier: str | None  # what stands inside the parentheses
    mcp: bool = False


@dataclass(frozen=True, slots=True)
class Malformed:
    problem: str
    suggestion: str


def parse_rule(entry: str) -> Rule | Malformed:
    """The rule an entry states, or what is wrong with its form (its tool name is checked elsewhere)."""
    if entry == ALL_TOOLS:
        return Rule(ALL_TOOLS, None)
    open_at = entry.find("(")
    if open_at < 0:
        if MCP.fullmatch(entry):
            return Rule(entry, None, mcp=True)
        if entry.startswith("mcp__"):
            return Malformed(
                "an MCP tool is `mcp__server`, `mcp__server__tool` or `mcp__server__*`",
                "write the server's name after `mcp__`, then `__` and the tool's name "
                "(a `*` only at its end)",
            )
        if not _NAME.fullmatch(entry):
            return Malformed("a tool name is one word", "write a name such as `Read`, or `Bash(git *)`")
        return Rule(entry, None)
    name, specifier = entry[:open_at], entry[open_at + 1 : -1]
    if not entry.endswith(")"):
        return Malformed(
            "the rule must end at its closing parenthesis", f"write `{name}(...)` and nothing after"
        )
    if name.startswith("mcp__"):
        return Malformed("MCP rules take no parentheses", "write `mcp__server__tool` or `mcp__server__*`")
    if not _NAME.fullmatch(name):
        return Malformed("a tool name is one word", "write a name such as `Bash` before the parenthesis")
    if not specifier.strip():
        return Malformed("the parentheses are empty", f"write `{name}` alone to allow every use of it")
    if not _balanced(specifier):
        return Malformed("its parentheses are unbalanced", r"escape a literal parenthesis as \( or \)")
    problem = _by_tool(ALIASES.get(name, name), specifier)
    return problem or Rule(name, specifier)


def _balanced(text: str) -> bool:
    depth = 0
    plain = text.replace("\\(", "").replace("\\)", "")
    for ch in plain:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _by_tool(tool: str, specifier: str) -> Malformed | None:
    """What Claude Code's permission checker says about the specifier of this tool."""
    if tool == "Bash":
        if specifier.endswith(":*") and not specifier[:-2].strip():
            return Malformed(
                "the prefix before `:*` is empty", "write the command, such as `Bash(git diff:*)`"
            )
        return None
    if tool in _FILE_TOOLS and ":*" in specifier:
        return Malformed(
            "the `:*` form is for Bash prefixes only",
            f"write a path glob, such as `{tool}(src/**)`",
        )
    if tool == "WebFetch":
        if "://" in specifier:
            return Malformed(
                "WebFetch rules name a domain, not a URL", "write `WebFetch(domain:example.com)`"
            )
        if not specifier.startswith("domain:"):
            return Malformed("a WebFetch rule starts with `domain:`", "write `WebFetch(domain:example.com)`")
    if tool == "WebSearch" and any(ch in specifier for ch in "*?"):
        return Malformed("WebSearch rules take no wildcards", "write the search term itself")
    if tool == "Agent" and specifier.strip() != ALL_TOOLS and not agents_named(specifier):
        return Malformed("it names no agent", "write `Agent(name, other-name)`")
    return None


def agents_named(specifier: str) -> list[str]:
    """The agents an `Agent(...)` rule names (`*`, every agent, is none in particular)."""
    return [part.strip() for part in specifier.split(",") if part.strip() and part.strip() != ALL_TOOLS]


def spawned(entry: str) -> list[str]:
    """The agents an entry of `tools` allows this agent to start: `Agent(a, b)` or `Task(a)`."""
    rule = parse_rule(entry)
    if isinstance(rule, Malformed) or rule.specifier is None:
        return []
    return agents_named(rule.specifier) if ALIASES.get(rule.tool, rule.tool) == "Agent" else []


def split_tools(text: str) -> list[str]:
    """A `tools` string as Claude Code splits it: at commas and spaces outside parentheses."""
    entries: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in ", \t\n" and depth == 0:
            if current:
                entries.append("".join(current))
            current = []
        else:
            current.append(ch)
    if current:
        entries.append("".join(current))
    return entries
