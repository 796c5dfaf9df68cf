"""Kiro CLI agents (and Amazon Q Developer CLI's, their predecessor): `<name>.json`.

Followed: Kiro's published agent schema, `agent-v1.json` of aws/amazon-q-developer-cli (a copy in
`tests/fixtures/kiro-agent-v1.json`), and its `docs/agent-format.md` (at 0765b94) and `docs/built-in-tools.md`
(at 097149c): the v1 tool names (`fs_read`, `fs_write`, `execute_bash`, `todo_list`, `@server/tool`), which
the schema's examples use. Projects keep them in `.kiro/agents/`.

The file is written with `json`, not a template: JSON structure never comes from text. JSON has no
comments and the schema forbids keys of our own, so the stamp stands in the data, at a fixed place: `prompt`
is the first key, and the first line of its value is the stamp (see `stamp.in_json_prompt`); the prompt
the agent reads follows after a line saying where the file comes from.

- `tools` in Kiro's names (`["*"]` for every tool); `allowedTools` (run without asking) the listed tools
  that change nothing (`fs_read`, `todo_list`); `Tool(...)` rules become `toolsSettings` (`allowedCommands`
  and `deniedCommands` as anchored regular expressions, `allowedPaths` and `deniedPaths` as globs).
- WebFetch, WebSearch and Agent have no v1 tool: dropped (Kiro 2's `web_fetch`, `web_search` and
  subagents are not in the schema this follows). Handoffs stay in the prompt; turns and effort are dropped.
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

BUILT_IN = (
    "fs_read",
    "fs_write",
    "execute_bash",
    "use_aws",
    "knowledge",
    "thinking",
    "todo_list",
    "report_issue",
    "introspect",
)
TOOL_OF = {
    "Read": "fs_read",
    "Glob": "fs_read",
    "Grep": "fs_read",
    "Write": "fs_write",
    "Edit": "fs_write",
    "MultiEdit": "fs_write",
    "NotebookEdit": "fs_write",
    "Bash": "execute_bash",
    "PowerShell": "execute_bash",
    "TodoWrite": "todo_list",
}
EXACT = frozenset({"Read", "Write", "Edit", "MultiEdit", "Bash", "TodoWrite"})
SAFE = ("fs_read", "todo_list")  # change nothing: allowed without asking
_MCP = re.compile(r"@[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.*?-]+)?")
_PATTERN = re.compile(r"[@A-Za-z0-9_./*?-]+")


def mcp_name(e: Entry) -> str:
    tool = e.mcp_tool
    return f"@{e.server}" if tool is None or tool.endswith("*") else f"@{e.server}/{tool}"


def command_pattern(specifier: str) -> str:
    """A Claude Code command rule (`git diff *`, or the prefix form `git diff:*`) as the anchored regular
    expression Kiro matches commands with."""
    if specifier.endswith(":*"):
        specifier = specifier[:-2].rstrip() + "*"
    return ".*".join(re.escape(part) for part in specifier.split("*"))


def kiro_tools(tools: Toolset) -> list[str]:
    """Kiro's `tools`: every tool (`*`), or the built-in tools behind Claude Code's, then MCP tools."""
    if tools.everything and not tools.denied:
        return ["*"]
    if tools.everything:
        return [t for t in BUILT_IN if not _any_denied(tools, t)]
    names = {TOOL_OF[t] for t in TOOL_OF if tools.has(t)} - {n for n in BUILT_IN if _any_denied(tools, n)}
    return [t for t in BUILT_IN if t in names] + list(dict.fromkeys(mcp_name(e) for e in tools.mcp()))


def _any_denied(tools: Toolset, kiro: str) -> bool:
    behind = [claude for claude, name in TOOL_OF.items() if name == kiro]
    return any(tools.denies(t) for t in behind)


def settings_of(tools: Toolset) -> dict[str, Any]:
    """`toolsSettings` from the rules of `Tool(...)` entries."""
    found: dict[str, Any] = {}
    commands = [command_pattern(s) for t in ("Bash", "PowerShell") for s in tools.uses(t) or ()]
    refused = [command_pattern(s) for t in ("Bash", "PowerShell") for s in tools.denied_uses(t)]
    if commands or refused:
        found["execute_bash"] = {
            **({"allowedCommands": commands} if commands else {}),
            **({"deniedCommands": refused} if refused else {}),
        }
    for kiro, claude in (
        ("fs_read", ("Read",)),
        ("fs_write", ("Write", "Edit", "MultiEdit", "NotebookEdit")),
    ):
        paths = [s for t in claude for s in tools.uses(t) or ()]
        denied = [s for t in claude for s in tools.denied_uses(t)]
        if paths or denied:
            found[kiro] = {
                **({"allowedPaths": paths} if paths else {}),
                **({"deniedPaths": denied} if denied else {}),
            }
    return found


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: `prompt` (after the stamp line and a line saying where it comes from)",
    "tools": "mapped: `tools` in v1 names, `toolsSettings` for `Tool(...)` rules; Glob and Grep "
    "approximated as `fs_read`; WebFetch, WebSearch, Agent and others dropped",
    "disallowed_tools": "approximated: left out of `tools`, rules as `deniedCommands`, `deniedPaths`",
    "read-only": "mapped: no `fs_write`, no `execute_bash`",
    "model": "mapped through `[targets.kiro.models]`",
    "max_turns": "dropped",
    "effort": "dropped",
    "handoff": "mapped: the prompt's HANDOFFS section",
}


class Kiro:
    name = "kiro"
    title = "Kiro CLI"
    kind = "agent"
    suffix = ".json"
    project_dir = ".kiro/agents"
    follows = "agent-v1.json schema; amazon-q-developer-cli docs/agent-format.md @ 0765b94"
    templates: tuple[str, ...] = ("prompt.md.j2",)
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import entries, one_line

        table = manifest.targets.kiro
        path = ("targets", self.name)
        known = (*BUILT_IN, "*", "@builtin")
        return [
            *one_line((*path, "model"), table.model),
            *entries(
                (*path, "tools"),
                table.tools,
                lambda t: t in known or bool(_MCP.fullmatch(t)),
                "a tool",
                "Kiro",
                known,
            ),
            *entries(
                (*path, "allowedTools"),
                table.allowedTools,
                lambda t: t != "*" and bool(_PATTERN.fullmatch(t)),
                "a tool or tool pattern (not `*` alone)",
                "Kiro",
                BUILT_IN,
            ),
            *entries(
                (*path, "resources"),
                table.resources,
                lambda r: r.startswith("file://") and len(r) > len("file://"),
                "a resource (file://PATH)",
                "Kiro",
                (),
            ),
        ]

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        from assembler.targets.tooling import entry

        if use.field == "model":
            return model_loss(use, self.name, settings)
        if use.field in ("max_turns", "effort"):
            return Loss(DROPPED, "Kiro's agent schema has no such field")
        if use.field not in ("tools", "disallowed_tools") or f"{self.name}.tools" in use.overrides:
            return None
        e = entry(use.value)
        if e.tool == "*":
            return None
        if e.server is not None:
            prefix = e.mcp_tool is not None and e.mcp_tool != "*" and e.mcp_tool.endswith("*")
            return Loss(APPROXIMATED, "a tool prefix widens to the whole server") if prefix else None
        if e.tool not in TOOL_OF:
            return Loss(DROPPED, "Kiro's v1 tools have no such tool")
        if e.tool not in EXACT:
            return Loss(APPROXIMATED, f"as `{TOOL_OF[e.tool]}`")
        if use.field == "disallowed_tools" and e.whole and e.tool in ("Write", "Edit", "MultiEdit", "Read"):
            return Loss(APPROXIMATED, "`fs_write` is left out, with every tool that writes")
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        import json

        from assembler.claudecode.frontmatter import lines
        from assembler.stamp import PENDING
        from assembler.targets.common import model_for

        m = agent.manifest
        own = m.targets.kiro
        tools = job.shared.tools
        note = (
            f"Generated by assembler from {agent.source.rel}; do not edit: change the manifest and run "
            "`make build`."
        )
        prompt = job.shared.prompt()
        text = f"{PENDING}\n{note}\n\n{prompt if m.body is not None else prompt[1:]}"
        data: dict[str, Any] = {"prompt": text, "name": m.name, "description": lines(m.description)}
        listed = list(own.tools) if own.tools is not None else kiro_tools(tools)
        data["tools"] = listed
        allowed = (
            list(own.allowedTools)
            if own.allowedTools is not None
            else [t for t in SAFE if t in listed or "*" in listed]
        )
        if allowed:
            data["allowedTools"] = allowed
        if own.tools is None:
            found = settings_of(tools)
            if found:
                data["toolsSettings"] = found
        if own.resources is not None:
            data["resources"] = list(own.resources)
        if own.useLegacyMcpJson is not None:
            data["useLegacyMcpJson"] = own.useLegacyMcpJson
        model = model_for(m.model, own.model, job.settings)
        if model is not None:
            data["model"] = model
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


KIRO = Kiro()
