"""Cursor subagents: `<name>.md`, YAML frontmatter (`name`, `description`, `model`, `readonly`,
`is_background`) and the prompt as the body.

Followed: cursor.com `/docs/agent/subagents` (read 2026; its field table through restatements of it, see
README). Projects keep them in `.cursor/agents/`; Cursor also reads `.claude/agents/`, so a project that
writes both targets there gives Cursor each agent twice (its own folder wins).

- Cursor has no tool list: `readonly: true` for an agent that neither edits files nor runs commands; every
  other tool choice is approximated by that one switch.
- `model` through `[targets.cursor.models]`; `inherit` is Cursor's own. Turns and effort have no field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from assembler.targetconfig import TargetConfig
from assembler.targets.common import APPROXIMATED, DROPPED, Loss, Rendering, Use, model_loss

if TYPE_CHECKING:
    from assembler.assemble import Agent
    from assembler.diagnostics import Problem
    from assembler.manifest import Manifest

NATIVE_MODELS = {"inherit": "inherit"}


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: the body",
    "tools": "approximated: `readonly` only",
    "disallowed_tools": "approximated: `readonly` only",
    "read-only": "mapped: `readonly: true`",
    "model": "mapped through `[targets.cursor.models]`; `inherit` as it is",
    "max_turns": "dropped",
    "effort": "dropped",
    "handoff": "mapped: the prompt's HANDOFFS section",
}


class Cursor:
    name = "cursor"
    title = "Cursor"
    kind = "agent"
    suffix = ".md"
    project_dir = ".cursor/agents"
    follows = "cursor.com /docs/agent/subagents (2026)"
    templates: tuple[str, ...] = ("cursor_agent.md.j2", "prompt.md.j2")
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import one_line

        return one_line(("targets", self.name, "model"), manifest.targets.cursor.model)

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        if use.field == "model":
            return model_loss(use, self.name, settings, NATIVE_MODELS)
        if use.field in ("max_turns", "effort"):
            return Loss(DROPPED, "Cursor's subagents have no such field")
        if use.field in ("tools", "disallowed_tools") and use.value != "*":
            return Loss(
                APPROXIMATED, "Cursor has no tool list, only `readonly` for an agent that cannot edit"
            )
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        from assembler.claudecode.frontmatter import lines
        from assembler.targets.common import markdown_file, model_for

        m = agent.manifest
        own = m.targets.cursor
        data: dict[str, Any] = {"name": m.name, "description": lines(m.description)}
        model = model_for(m.model, own.model, job.settings, NATIVE_MODELS)
        if model is not None:
            data["model"] = model
        readonly = own.readonly if own.readonly is not None else job.shared.tools.read_only
        if readonly or own.readonly is not None:
            data["readonly"] = readonly
        if own.is_background is not None:
            data["is_background"] = own.is_background
        return markdown_file(self.templates[0], job, data, job.shared.prompt())


CURSOR = Cursor()
