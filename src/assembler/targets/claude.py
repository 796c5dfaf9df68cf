"""Claude Code subagents: `<generated_dir>/<name>.md`, Markdown with YAML frontmatter (Claude Code 2.1.332,
read from its npm package; see `claudecode/`).

An agent composed from `role` and sections renders through `claude_agent.md.j2`; one written as `body`
through `claude_body.md.j2`, which places the body after the generated comment exactly as written (line ends
aside), so that the file ends as the body does (with one newline added when it has none). The manifest's
fields are Claude Code's own, so nothing is lost: the canonical tool and model names are Claude Code's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from assembler.targetconfig import TargetConfig

if TYPE_CHECKING:
    from assembler.assemble import Agent
    from assembler.diagnostics import Problem
    from assembler.manifest import Manifest
    from assembler.targets.common import Loss, Rendering, Use


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: the body",
    "tools": "mapped: `tools`",
    "disallowed_tools": "mapped: `disallowedTools`",
    "read-only": "mapped: the tools",
    "model": "mapped: `model` (through `[targets.claude.models]` when given)",
    "max_turns": "mapped: `maxTurns`",
    "effort": "mapped: `effort`",
    "handoff": "mapped: the prompt's HANDOFFS section; `Agent(...)` tools limit whom it starts",
}


class Claude:
    name = "claude"
    title = "Claude Code"
    kind = "agent"
    suffix = ".md"
    project_dir = ".claude/agents"
    follows = "Claude Code 2.1.332 (npm package, its own schemas and validator)"
    templates: tuple[str, ...] = ("claude_agent.md.j2", "claude_body.md.j2")
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return generated_dir

    def check(self, manifest: Manifest) -> list[Problem]:
        """Nothing more: `[targets.claude]` is checked with the canonical fields, whose vocabulary is
        Claude Code's (`claudecode.checks.check_claude`)."""
        return []

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        from dataclasses import replace

        from assembler.claudecode.frontmatter import frontmatter_of
        from assembler.frontmatter import to_yaml

        m = agent.manifest
        mapped = job.settings.models.get(m.model) if m.model is not None else None
        if mapped is not None:
            m = replace(m, model=mapped)
        context = {**job.shared.context, "frontmatter": to_yaml(frontmatter_of(m))}
        env = job.shared.env
        if m.body is not None:
            text = env.get_template(self.templates[1]).render(context)
            return text if text.endswith("\n") else text + "\n"
        text = env.get_template(self.templates[0]).render(context)
        return text.rstrip("\n") + "\n"


CLAUDE = Claude()
