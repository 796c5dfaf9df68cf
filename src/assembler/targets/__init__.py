"""Output targets: the coding agents a catalog is written for. Each is a module with one `Target` instance;
a new target is a module, a template and a line in TARGETS."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from assembler.config import Config
from assembler.targets.claude import CLAUDE

if TYPE_CHECKING:
    import jinja2

    from assembler.assemble import Agent


class Target(Protocol):
    name: str  # as in the configuration and in the stamp's caps: `claude`
    kind: str  # the stamp's kind: `agent`
    templates: tuple[str, ...]  # the templates it renders from (part of the outputs' fingerprint)

    def path(self, name: str, config: Config) -> str:
        """The agent's file, relative to the catalog root (or as configured)."""
        ...

    def render(
        self,
        agent: Agent,
        config: Config,
        env: jinja2.Environment,
        *,
        tool_section: str | None,
        tool_report_fields: tuple[str, ...],
    ) -> str:
        """The file's text with the PENDING stamp marker at its place (the caller seals it)."""
        ...


TARGETS: dict[str, Target] = {CLAUDE.name: CLAUDE}
