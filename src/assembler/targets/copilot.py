"""GitHub Copilot and VS Code custom agents: `<name>.agent.md`, YAML frontmatter and the prompt as the body.

Followed: GitHub's `custom-agents-configuration.md` (github/docs at 03e038c) and VS Code's
`custom-agents.md` (microsoft/vscode-docs at 024cb9b, approved 2026-07-29). Projects keep them in
`.github/agents/`.

- `tools`: Copilot's aliases (`read`, `edit`, `search`, `execute`, `agent`, `web`, `todo`) and MCP tools
  as `server/tool` (`server/*` for a whole server). No `tools` key is every tool, as in Claude Code.
  Copilot has no deny list: a denied tool leaves its alias out (and the other tools behind it with it).
- `handoffs` (VS Code): one per manifest handoff, `label`, `agent`, `prompt` (the trigger), `send: false`,
  so the person sees the prompt before it goes. The prompt keeps its HANDOFFS section: Copilot's cloud
  agent ignores `handoffs`, and the model sees no buttons, only its prompt. `agents` lists the agents it
  may start: its `Agent(...)` names, else its handoff targets.
- `model` through `[targets.copilot.models]` (VS Code names such as `Claude Sonnet 4.5 (copilot)`); turns
  and effort have no field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from assembler.targetconfig import TargetConfig
from assembler.targets.common import APPROXIMATED, DROPPED, Loss, Rendering, Use, model_loss

if TYPE_CHECKING:
    from assembler.assemble import Agent
    from assembler.diagnostics import Problem
    from assembler.manifest import Manifest
    from assembler.targets.tooling import Entry, Toolset

ALIASES = ("read", "edit", "search", "execute", "agent", "web", "todo")
BEHIND: dict[str, tuple[str, ...]] = {  # Claude Code's tools behind each alias
    "read": ("Read",),
    "edit": ("Write", "Edit", "MultiEdit", "NotebookEdit"),
    "search": ("Glob", "Grep"),
    "execute": ("Bash", "PowerShell"),
    "agent": ("Agent",),
    "web": ("WebFetch", "WebSearch"),
    "todo": ("TodoWrite",),
}
ALIAS_OF = {tool: alias for alias, tools in BEHIND.items() for tool in tools}
_SERVER_TOOL = re.compile(r"[A-Za-z0-9_.-]+/(?:[A-Za-z0-9_.-]+|\*)")
TARGETS = ("vscode", "github-copilot")


def mcp_name(e: Entry) -> str | None:
    """`server/tool`, or `server/*` for a whole server (a tool prefix widens to the server)."""
    if e.server is None:
        return None
    tool = e.mcp_tool
    return f"{e.server}/*" if tool is None or tool.endswith("*") else f"{e.server}/{tool}"


def copilot_tools(tools: Toolset) -> list[str] | None:
    """Copilot's `tools`; None: no key (every tool)."""
    if tools.everything and not tools.denied:
        return None
    aliases = [
        alias
        for alias, behind in BEHIND.items()
        if any(tools.has(t) for t in behind) and not any(tools.denies(t) for t in behind)
    ]
    servers = [name for e in tools.mcp() if (name := mcp_name(e)) is not None]
    return list(dict.fromkeys([*aliases, *servers]))


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: the body",
    "tools": "mapped: aliases `read`, `edit`, `search`, `execute`, `agent`, `web`, `todo`, `server/tool`; "
    "`Tool(...)` rules widen to the whole alias, tools without an alias are dropped",
    "disallowed_tools": "approximated: a denied tool leaves its alias out, with the other tools behind it",
    "read-only": "mapped: no `edit`, no `execute`",
    "model": "mapped through `[targets.copilot.models]`",
    "max_turns": "dropped",
    "effort": "dropped",
    "handoff": "mapped: `handoffs` (VS Code) and `agents`",
}


class Copilot:
    name = "copilot"
    title = "GitHub Copilot / VS Code"
    kind = "agent"
    suffix = ".agent.md"
    project_dir = ".github/agents"
    follows = (
        "github/docs custom-agents-configuration.md @ 03e038c; vscode-docs custom-agents.md (2026-07-29)"
    )
    templates: tuple[str, ...] = ("copilot_agent.md.j2", "prompt.md.j2")
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import entries, one_line, one_of

        table = manifest.targets.copilot
        path = ("targets", self.name)
        if isinstance(table.model, str):
            problems = one_line((*path, "model"), table.model)
        else:
            problems = [
                p for i, model in enumerate(table.model or ()) for p in one_line((*path, "model", i), model)
            ]
        problems += one_of((*path, "target"), table.target, TARGETS, "a target", "Copilot")
        problems += one_line((*path, "argument_hint"), table.argument_hint)
        problems += entries(
            (*path, "tools"),
            table.tools,
            lambda t: t in ALIASES or t == "*" or bool(_SERVER_TOOL.fullmatch(t)),
            "a tool",
            "Copilot",
            (*ALIASES, "*"),
        )
        return problems

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        from assembler.targets.tooling import entry

        if use.field == "model":
            return model_loss(use, self.name, settings)
        if use.field in ("max_turns", "effort"):
            return Loss(DROPPED, "Copilot's agents have no such field")
        if use.field == "tools" and f"{self.name}.tools" not in use.overrides:
            e = entry(use.value)
            if e.server is not None:
                tool = e.mcp_tool
                widened = tool is not None and tool != "*" and tool.endswith("*")
                return Loss(APPROXIMATED, "a tool prefix widens to `server/*`") if widened else None
            if e.tool == "*":
                return None
            if e.tool not in ALIAS_OF:
                return Loss(DROPPED, "Copilot has no such tool")
            if not e.whole and e.tool != "Agent":
                return Loss(APPROXIMATED, f"`{ALIAS_OF[e.tool]}` allows every use, not only these")
            return None
        if use.field == "disallowed_tools" and f"{self.name}.tools" not in use.overrides:
            return Loss(
                APPROXIMATED, "Copilot has no deny list: an alias is left out when every tool behind it is"
            )
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        from assembler.claudecode.frontmatter import lines
        from assembler.targets.common import markdown_file, model_for
        from assembler.targets.tooling import delegates_to

        m = agent.manifest
        own = m.targets.copilot
        shared = job.shared
        data: dict[str, Any] = {"name": m.name, "description": lines(m.description)}
        if own.argument_hint is not None:
            data["argument-hint"] = own.argument_hint
        if own.target is not None:
            data["target"] = own.target
        tools = list(own.tools) if own.tools is not None else copilot_tools(shared.tools)
        if tools is not None:
            data["tools"] = tools
        subagents = delegates_to(shared.tools, shared.handoff_targets)
        if subagents is not None and (tools is None or "agent" in tools or "*" in tools):
            data["agents"] = subagents
        model = model_for(m.model, None, job.settings)
        if own.model is not None:
            data["model"] = own.model if isinstance(own.model, str) else list(own.model)
        elif model is not None:
            data["model"] = model
        for key, value in (
            ("user-invocable", own.user_invocable),
            ("disable-model-invocation", own.disable_model_invocation),
        ):
            if value is not None:
                data[key] = value
        if m.handoff:
            data["handoffs"] = [
                {"label": f"Hand off to {h.target}", "agent": h.target, "prompt": h.trigger, "send": False}
                for h in m.handoff
            ]
        return markdown_file(self.templates[0], job, data, shared.prompt())


COPILOT = Copilot()
