"""Gemini CLI subagents: `<name>.md`, YAML frontmatter (`name`, `description`, `kind: local`, `tools`,
`model`, `temperature`, `max_turns`, `timeout_mins`) and the prompt as the body.

Followed: google-gemini/gemini-cli `docs/core/subagents.md` (at 0badfc2) and `docs/reference/tools.md` (at
052a146) for the tool names. Projects keep them in `.gemini/agents/`.

- `tools` in Gemini CLI's names (`read_file`, `grep_search`, `run_shell_command`, ...); MCP tools as
  `mcp_server_tool` (`mcp_server_*` for a server). A subagent cannot start subagents: Agent is dropped.
- `max_turns` as it is; `model` through `[targets.gemini.models]` (`inherit` as it is); effort dropped.
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
    "Read": ("read_file", "read_many_files"),
    "Glob": ("glob", "list_directory"),
    "Grep": ("grep_search",),
    "Write": ("write_file",),
    "Edit": ("replace",),
    "MultiEdit": ("replace",),
    "Bash": ("run_shell_command",),
    "WebFetch": ("web_fetch",),
    "WebSearch": ("google_web_search",),
    "TodoWrite": ("write_todos",),
    "AskUserQuestion": ("ask_user",),
    "Skill": ("activate_skill",),
    "EnterPlanMode": ("enter_plan_mode",),
    "ExitPlanMode": ("exit_plan_mode",),
}
KNOWN = tuple(dict.fromkeys(n for names in NAMES.values() for n in names))
NATIVE_MODELS = {"inherit": "inherit"}
_MCP = re.compile(r"mcp_[A-Za-z0-9_-]+\*?|mcp_\*")


def mcp_name(e: Entry) -> str:
    tool = e.mcp_tool
    return f"mcp_{e.server}_*" if tool is None else f"mcp_{e.server}_{tool}"


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: the body",
    "tools": "mapped: `tools` in Gemini CLI's names, MCP as `mcp_server_tool`; Agent, NotebookEdit and "
    "others dropped, `Tool(...)` rules widen to the tool",
    "disallowed_tools": "approximated: left out of `tools`",
    "read-only": "mapped: no `write_file`, `replace`, `run_shell_command`",
    "model": "mapped through `[targets.gemini.models]`; `inherit` as it is",
    "max_turns": "mapped: `max_turns`",
    "effort": "dropped",
    "handoff": "mapped: the prompt's HANDOFFS section",
}


class Gemini:
    name = "gemini"
    title = "Gemini CLI"
    kind = "agent"
    suffix = ".md"
    project_dir = ".gemini/agents"
    follows = "google-gemini/gemini-cli docs/core/subagents.md @ 0badfc2, docs/reference/tools.md @ 052a146"
    templates: tuple[str, ...] = ("gemini_agent.md.j2", "prompt.md.j2")
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import entries, in_range, one_line

        table = manifest.targets.gemini
        path = ("targets", self.name)
        return [
            *one_line((*path, "model"), table.model),
            *entries(
                (*path, "tools"),
                table.tools,
                lambda t: t in KNOWN or t == "*" or bool(_MCP.fullmatch(t)),
                "a tool",
                "Gemini CLI",
                (*KNOWN, "*"),
            ),
            *in_range((*path, "temperature"), table.temperature, 0, 2),
            *in_range((*path, "timeout_mins"), table.timeout_mins, 1),
        ]

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        if use.field == "model":
            return model_loss(use, self.name, settings, NATIVE_MODELS)
        if use.field == "effort":
            return Loss(DROPPED, "Gemini CLI's subagents have no effort field")
        if use.field in ("tools", "disallowed_tools") and f"{self.name}.tools" not in use.overrides:
            return named_loss(use, self.title, NAMES, mcp=True)
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        from assembler.claudecode.frontmatter import lines
        from assembler.targets.common import markdown_file, model_for, named_tools

        m = agent.manifest
        own = m.targets.gemini
        data: dict[str, Any] = {"name": m.name, "description": lines(m.description), "kind": "local"}
        tools = list(own.tools) if own.tools is not None else named_tools(job.shared.tools, NAMES, mcp_name)
        if tools is not None:
            data["tools"] = tools
        model = model_for(m.model, own.model, job.settings, NATIVE_MODELS)
        for key, value in (
            ("model", model),
            ("temperature", own.temperature),
            ("max_turns", m.max_turns),
            ("timeout_mins", own.timeout_mins),
        ):
            if value is not None:
                data[key] = value
        return markdown_file(self.templates[0], job, data, job.shared.prompt())


GEMINI = Gemini()
