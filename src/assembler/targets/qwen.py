"""Qwen Code subagents: `<name>.md`, YAML frontmatter (`name`, `description`, `model`, `approvalMode`,
`tools`, `disallowedTools`, `maxTurns`, `color`) and the prompt as the body.

Followed: QwenLM/qwen-code `docs/users/features/sub-agents.md` (at 0c16d2d) and Qwen Code's file-system tool
docs for the tool names. Projects keep them in `.qwen/agents/`.

- `tools` and `disallowedTools` in Qwen Code's names (`read_file`, `grep_search`, `run_shell_command`,
  `edit`, ...); MCP tools keep Claude Code's names (`mcp__server__tool`), as Qwen Code reads them.
- `maxTurns` as it is; `model` through `[targets.qwen.models]` (`inherit` as it is); effort dropped (Qwen
  Code lists it as a follow-up).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from assembler.targetconfig import TargetConfig
from assembler.targets.common import DROPPED, Loss, Rendering, Use, model_loss, named_loss

if TYPE_CHECKING:
    from assembler.assemble import Agent
    from assembler.diagnostics import Problem
    from assembler.manifest import Manifest
    from assembler.targets.tooling import Entry

NAMES: dict[str, tuple[str, ...]] = {
    "Read": ("read_file",),
    "Glob": ("glob",),
    "Grep": ("grep_search",),
    "Write": ("write_file",),
    "Edit": ("edit",),
    "MultiEdit": ("edit",),
    "Bash": ("run_shell_command",),
    "WebFetch": ("web_fetch",),
    "WebSearch": ("web_search",),
    "TodoWrite": ("todo_write",),
    "AskUserQuestion": ("ask_user_question",),
    "Agent": ("agent",),
    "Skill": ("skill",),
}
KNOWN = tuple(dict.fromkeys(n for names in NAMES.values() for n in names))
APPROVAL_MODES = ("default", "plan", "auto-edit", "yolo", "bubble")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan", "auto")
NATIVE_MODELS = {"inherit": "inherit"}
_MCP = re.compile(r"mcp__[A-Za-z0-9_-]+?(?:__[A-Za-z0-9_-]+\*?|__\*)?|mcp__\*")


def mcp_name(e: Entry) -> str:
    return e.text


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: the body",
    "tools": "mapped: `tools` in Qwen Code's names, MCP as in Claude Code; NotebookEdit and others "
    "dropped, `Tool(...)` rules widen to the tool",
    "disallowed_tools": "mapped: `disallowedTools`",
    "read-only": "mapped: no `write_file`, `edit`, `run_shell_command`",
    "model": "mapped through `[targets.qwen.models]`; `inherit` as it is",
    "max_turns": "mapped: `maxTurns`",
    "effort": "dropped",
    "handoff": "mapped: the prompt's HANDOFFS section",
}


class Qwen:
    name = "qwen"
    title = "Qwen Code"
    kind = "agent"
    suffix = ".md"
    project_dir = ".qwen/agents"
    follows = "QwenLM/qwen-code docs/users/features/sub-agents.md @ 0c16d2d"
    templates: tuple[str, ...] = ("qwen_agent.md.j2", "prompt.md.j2")
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import entries, one_line, one_of

        table = manifest.targets.qwen
        path = ("targets", self.name)
        return [
            *one_line((*path, "model"), table.model),
            *entries(
                (*path, "tools"),
                table.tools,
                lambda t: t in KNOWN or bool(_MCP.fullmatch(t)),
                "a tool",
                self.title,
                KNOWN,
            ),
            *one_of(
                (*path, "approvalMode"), table.approvalMode, APPROVAL_MODES, "an approval mode", self.title
            ),
            *one_of((*path, "color"), table.color, COLORS, "a colour", self.title),
        ]

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        if use.field == "model":
            return model_loss(use, self.name, settings, NATIVE_MODELS)
        if use.field == "effort":
            return Loss(DROPPED, "Qwen Code's subagents have no effort field yet")
        if use.field in ("tools", "disallowed_tools") and f"{self.name}.tools" not in use.overrides:
            return named_loss(use, self.title, NAMES, mcp=True, deny_list=True)
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        from assembler.claudecode.frontmatter import lines
        from assembler.targets.common import markdown_file, model_for, named_tools
        from assembler.targets.tooling import Toolset

        m = agent.manifest
        own = m.targets.qwen
        tools = job.shared.tools
        data: dict[str, Any] = {"name": m.name, "description": lines(m.description)}
        model = model_for(m.model, own.model, job.settings, NATIVE_MODELS)
        if model is not None:
            data["model"] = model
        if own.approvalMode is not None:
            data["approvalMode"] = own.approvalMode
        allowed = (
            list(own.tools) if own.tools is not None else named_tools(Toolset(tools.allowed), NAMES, mcp_name)
        )
        if allowed is not None:
            data["tools"] = allowed
        whole = tuple(e for e in tools.denied if e.whole)
        denied = named_tools(Toolset(whole), NAMES, mcp_name) if whole else None
        if denied:
            data["disallowedTools"] = denied
        if m.max_turns is not None:
            data["maxTurns"] = m.max_turns
        if own.color is not None:
            data["color"] = own.color
        return markdown_file(self.templates[0], job, data, job.shared.prompt())


QWEN = Qwen()
