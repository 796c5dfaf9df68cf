"""Factory droids: `<name>.md`, YAML frontmatter (`name`, `description`, `model`, `reasoningEffort`,
`tools`) and the prompt as the body (which Factory requires to be non-empty).

Followed: Factory-AI/factory `docs/cli/configuration/custom-droids.mdx` (at 153c5a7). Projects keep them
in `.factory/droids/`.

- `tools` in Factory's ids (`Read`, `Grep`, `Glob`, `Create`, `Edit`, `Execute`, `WebSearch`, `FetchUrl`);
  its todo tool is always there. MCP tools, Agent and others have no id: dropped.
- `effort` is `reasoningEffort` (`xhigh` and `max` approximated as `high`); `model` through
  `[targets.factory.models]` (`inherit` as it is); turns dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from assembler.targetconfig import TargetConfig
from assembler.targets.common import APPROXIMATED, DROPPED, Loss, Rendering, Use, model_loss, named_loss

if TYPE_CHECKING:
    from assembler.assemble import Agent
    from assembler.diagnostics import Problem
    from assembler.manifest import Manifest

NAMES: dict[str, tuple[str, ...]] = {
    "Read": ("Read",),
    "Glob": ("Glob",),
    "Grep": ("Grep",),
    "Write": ("Create",),
    "Edit": ("Edit",),
    "MultiEdit": ("Edit",),
    "NotebookEdit": ("Edit",),
    "Bash": ("Execute",),
    "WebSearch": ("WebSearch",),
    "WebFetch": ("FetchUrl",),
    "TodoWrite": (),
}
IDS = ("Read", "LS", "Grep", "Glob", "Create", "Edit", "ApplyPatch", "Execute", "WebSearch", "FetchUrl")
CATEGORIES = ("read-only", "edit", "execute", "web", "mcp")
EFFORTS = ("low", "medium", "high")
EFFORT_OF = {"low": "low", "medium": "medium", "high": "high", "xhigh": "high", "max": "high"}
NATIVE_MODELS = {"inherit": "inherit"}
NEAR = {"Write": "as `Create`, which makes new files", "NotebookEdit": "as `Edit`"}


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: the body",
    "tools": "mapped: `tools` in Factory's ids (Write approximated as `Create`); MCP tools, Agent and "
    "others dropped",
    "disallowed_tools": "approximated: left out of `tools`",
    "read-only": "mapped: no `Create`, `Edit`, `Execute`",
    "model": "mapped through `[targets.factory.models]`; `inherit` as it is",
    "max_turns": "dropped",
    "effort": "mapped: `reasoningEffort` (`xhigh`, `max` approximated as `high`, numbers dropped)",
    "handoff": "mapped: the prompt's HANDOFFS section",
}


class Factory:
    name = "factory"
    title = "Factory"
    kind = "agent"
    suffix = ".md"
    project_dir = ".factory/droids"
    follows = "Factory-AI/factory docs/cli/configuration/custom-droids.mdx @ 153c5a7"
    templates: tuple[str, ...] = ("factory_agent.md.j2", "prompt.md.j2")
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import entries, one_line, one_of

        table = manifest.targets.factory
        path = ("targets", self.name)
        problems = [
            *one_line((*path, "model"), table.model),
            *one_of((*path, "reasoningEffort"), table.reasoningEffort, EFFORTS, "an effort", self.title),
        ]
        if isinstance(table.tools, str):
            problems += one_of((*path, "tools"), table.tools, CATEGORIES, "a tool category", self.title)
        else:
            problems += entries(
                (*path, "tools"), table.tools, lambda t: t in IDS, "a tool id", self.title, IDS
            )
        return problems

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        if use.field == "model":
            return model_loss(use, self.name, settings, NATIVE_MODELS)
        if use.field == "max_turns":
            return Loss(DROPPED, "droids have no turn limit")
        if use.field == "effort":
            if f"{self.name}.reasoningEffort" in use.overrides or use.value in EFFORTS:
                return None
            if use.value in EFFORT_OF:
                return Loss(APPROXIMATED, "as `high`, Factory's highest")
            return Loss(DROPPED, "Factory takes effort levels, not numbers")
        if use.field in ("tools", "disallowed_tools") and f"{self.name}.tools" not in use.overrides:
            return named_loss(use, self.title, NAMES, mcp=False, near=NEAR)
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        from assembler.claudecode.frontmatter import lines
        from assembler.targets.common import markdown_file, model_for, named_tools

        m = agent.manifest
        own = m.targets.factory
        data: dict[str, Any] = {"name": m.name, "description": lines(m.description)}
        model = model_for(m.model, own.model, job.settings, NATIVE_MODELS)
        if model is not None:
            data["model"] = model
        effort = own.reasoningEffort or (EFFORT_OF.get(m.effort) if isinstance(m.effort, str) else None)
        if effort is not None:
            data["reasoningEffort"] = effort
        if own.tools is not None:
            data["tools"] = own.tools if isinstance(own.tools, str) else list(own.tools)
        else:
            tools = named_tools(job.shared.tools, NAMES)
            if tools is not None:
                data["tools"] = tools
        return markdown_file(self.templates[0], job, data, job.shared.prompt())


FACTORY = Factory()
