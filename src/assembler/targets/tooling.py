"""The canonical tool list of a manifest (`tools` and `disallowed_tools`, in Claude Code's names) read as
facts every target maps into its own vocabulary: which tools the agent has, with which restrictions, what
it may not do, and whether it can change files. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assembler.claudecode.vocab import ALIASES, ALL_TOOLS

# Claude Code's tools that change files, and those that run commands (which can change files too).
EDITS = frozenset({"Write", "Edit", "MultiEdit", "NotebookEdit"})
RUNS = frozenset({"Bash", "PowerShell"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of `tools` or `disallowed_tools`."""

    text: str  # as written
    tool: str  # the tool it names, former names resolved (`Task` is `Agent`); `mcp__...` as written
    specifier: str | None = None  # what stands inside `Tool(...)`
    server: str | None = None  # an MCP entry's server
    mcp_tool: str | None = None  # an MCP entry's tool (`*` or a prefix ending in `*` for several; None: all)

    @property
    def whole(self) -> bool:
        """The entry names the whole tool, not some uses of it."""
        return self.specifier is None


def entry(text: str) -> Entry:
    """An entry of a valid manifest (its form has been checked)."""
    from assembler.claudecode.rules import MCP

    found = MCP.fullmatch(text)
    if found is not None:
        tool = found.group("tool")
        return Entry(text, text, server=found.group("server"), mcp_tool=None if tool == "*" else tool)
    open_at = text.find("(")
    if open_at < 0 or not text.endswith(")"):
        return Entry(text, ALIASES.get(text, text))
    name = text[:open_at]
    return Entry(text, ALIASES.get(name, name), specifier=text[open_at + 1 : -1])


class Toolset:
    """`allowed` None: the agent has every tool (the manifest has no `tools`). Asked many times per agent
    (once per target and tool), so the names are gathered once."""

    __slots__ = ("_denied", "_named", "allowed", "denied", "everything")

    def __init__(self, allowed: tuple[Entry, ...] | None, denied: tuple[Entry, ...] = ()) -> None:
        self.allowed = allowed
        self.denied = denied
        self.everything = allowed is None or any(e.tool == ALL_TOOLS for e in allowed)
        self._named = frozenset(e.tool for e in allowed or ())
        self._denied = frozenset(e.tool for e in denied if e.whole)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Toolset) and (self.allowed, self.denied) == (other.allowed, other.denied)

    def __hash__(self) -> int:
        return hash((self.allowed, self.denied))

    def __repr__(self) -> str:
        return f"Toolset({self.allowed!r}, {self.denied!r})"

    def denies(self, tool: str) -> bool:
        """The whole tool is denied."""
        return tool in self._denied

    def has(self, tool: str) -> bool:
        """The agent can use the tool at all (in some or all of its uses)."""
        return tool not in self._denied and (self.everything or tool in self._named)

    def uses(self, tool: str) -> list[str] | None:
        """The specifiers the agent may use the tool with; None: every use (or not the tool at all)."""
        if self.everything or not self.has(tool):
            return None
        entries = [e for e in self.allowed or () if e.tool == tool]
        if any(e.whole for e in entries):
            return None
        return [e.specifier for e in entries if e.specifier is not None]

    def denied_uses(self, tool: str) -> list[str]:
        """The specifiers of the uses denied (`Bash(rm *)` in `disallowed_tools`)."""
        return [e.specifier for e in self.denied if e.tool == tool and e.specifier is not None]

    @property
    def can_edit(self) -> bool:
        return any(self.has(t) for t in EDITS)

    @property
    def can_run(self) -> bool:
        return any(self.has(t) for t in RUNS)

    @property
    def read_only(self) -> bool:
        """Neither edits files nor runs commands (a command can change files)."""
        return not self.can_edit and not self.can_run

    def listed(self) -> list[Entry]:
        """The allowed entries, in order, those wholly denied left out (empty when every tool)."""
        return [e for e in self.allowed or () if not (e.tool != ALL_TOOLS and self.denies(e.tool))]

    def mcp(self) -> list[Entry]:
        return [e for e in self.listed() if e.server is not None]

    def spawns(self) -> list[str] | None:
        """The agents `Agent(a, b)` entries name (None: no such entry restricts them)."""
        from assembler.claudecode.rules import agents_named

        named = [
            name
            for e in self.allowed or ()
            if e.tool == "Agent" and e.specifier
            for name in agents_named(e.specifier)
        ]
        return named or None


def toolset(tools: Iterable[str] | None, disallowed: Iterable[str] | None) -> Toolset:
    return Toolset(
        None if tools is None else tuple(entry(t) for t in tools),
        tuple(entry(t) for t in disallowed or ()),
    )


def delegates_to(tools: Toolset, handoffs: Iterable[str]) -> list[str] | None:
    """The agents this one may start, as a target's allowed-subagent list: the names of its `Agent(...)`
    entries, else its handoff targets; [] when it cannot start agents, None when it may start any."""
    if not tools.has("Agent"):
        return []
    named = tools.spawns()
    if named is not None:
        return list(dict.fromkeys(named))
    targets = list(dict.fromkeys(handoffs))
    return targets or None
