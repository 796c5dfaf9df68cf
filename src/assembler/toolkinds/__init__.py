"""Tool module kinds: a manifest's optional `[tool_module]` table, made into a program and a Markdown section.

`kind` in the table selects a plugin. The plugin validates the rest of the table (problems by key path,
relative to the table), names the generated file, renders the module and the agent's section from the same
data, and adds its report fields to the agent's OUTPUT FORMAT. The core calls these and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from assembler.toolkinds.modal import MODAL

if TYPE_CHECKING:
    import jinja2

    from assembler.diagnostics import Problem


class ToolKind(Protocol):
    kind: str
    templates: tuple[str, ...]  # the templates it renders from (part of the outputs' fingerprint)

    def parse(self, data: Mapping[str, object]) -> tuple[Any | None, list[Problem]]:
        """The spec of the raw table, or None and the problems (paths relative to the table)."""
        ...

    def filename(self, spec: Any) -> str:
        """The generated module's file name, such as `modal_runner.py`."""
        ...

    def render_module(self, spec: Any, *, header: str, env: jinja2.Environment) -> str:
        """The module's source; `header` (comment lines, each ending in a newline) comes first."""
        ...

    def render_section(self, spec: Any, *, module_path: str, env: jinja2.Environment) -> str:
        """The Markdown section of the agent: the figures and how to call each command."""
        ...

    def report_fields(self, spec: Any) -> list[str]:
        """Lines appended to the agent's OUTPUT FORMAT report."""
        ...

    def source_digest(self) -> str:
        """A digest of the code the kind puts into its module (part of the outputs' fingerprint), so a
        change to that code makes the generated module stale, as a template change does."""
        ...


KINDS: dict[str, ToolKind] = {MODAL.kind: MODAL}


def get_kind(kind: str) -> ToolKind | None:
    return KINDS.get(kind)
