"""The role models: one role file as written (`RoleFile`) and a role resolved through its parents (`Role`).

Named tuples rather than dataclasses: a role is resolved on every run, and a frozen dataclass of a dozen
fields costs 7 million instructions (2 ms) to define at import, a named tuple one million."""

from __future__ import annotations

from typing import NamedTuple

from assembler.diagnostics import Diagnostic, KeyPath
from assembler.sources import Text


class RoleFile(NamedTuple):
    """The data of one `_roles/<role>.toml`, checked in shape. None: the file does not set the key (a role
    that extends another then takes its parent's value)."""

    name: str
    display_name: str | None
    description: str
    spawnable: bool | None
    subagent_type: str | None  # `claude-subagent-type`
    required: tuple[str, ...]
    extends: str | None
    relaxes: tuple[str, ...]
    allowed_tools: tuple[str, ...] | None
    bash_patterns: tuple[str, ...] | None
    escalation: str | None
    pipeline: tuple[str, ...] | None  # `[pipeline] handoff`: roles the work goes to next
    lineage_links: tuple[tuple[KeyPath, str], ...]  # `[lineage]` parents, fork_from, successor, by key path


class Role(NamedTuple):
    """A role with everything its parents give it: what an agent of this role is rendered with."""

    name: str
    display_name: str
    description: str
    spawnable: bool
    subagent_type: str | None
    escalation: str | None
    capabilities: tuple[tuple[str, Text], ...]  # ("category::slug", its text) in order, aliases resolved
    allowed_tools: tuple[str, ...] | None  # in the order written; None: the role sets no limit
    bash_patterns: tuple[str, ...]
    pipeline: tuple[str, ...]
    texts: tuple[
        Text, ...
    ]  # every file read (role files, capability texts, alias stubs), for the fingerprint
    rel: str = ""  # the role's own file


RoleResult = tuple[
    Role | None, list[Diagnostic], str | None
]  # the role, problems in role and capability files, the name when the role itself has no file
