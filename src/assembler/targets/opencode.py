"""OpenCode agents: `<name>.md`, YAML frontmatter and the prompt as the body, `mode: subagent`.

Followed: OpenCode's `agents.mdx` (anomalyco/opencode at 0239fd0) and `permissions.mdx` (sst/opencode at
9dc1388, v1.1.1 and later: `permission`, not the deprecated `tools` map; `steps`). OpenCode 2 reads these
files too (its `permissions` list is the same rules in another shape). Projects keep them in
`.opencode/agents/`. Kilo Code 1.0 reads the same format (`kilo.py`).

- The tools become `permission` rules, evaluated last match first: a listed set starts with `"*": deny`,
  then `allow` for each permission the tools grant (`read`, `edit`, `glob`, `grep`, `bash`, `webfetch`,
  `websearch`, `task`, `skill`, `lsp`, `question`, `todowrite`, MCP tools as `server_tool`), each rule of a
  `Tool(...)` entry as a pattern (`Bash(git diff *)` is `bash: {"*": deny, "git diff *": allow}`), then
  `deny` for what `disallowed_tools` takes away.
- `task` lists the agents it may start (`"*": deny`, then each `allow`): its `Agent(...)` names, else its
  handoff targets; the triggers stay in the prompt's HANDOFFS section.
- `max_turns` is `steps`; `model` through `[targets.opencode.models]` (`provider/model`); effort dropped.
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
    from assembler.manifest_targets import KiloFields, OpenCodeFields
    from assembler.targets.tooling import Toolset

# Permission keys, in the order they are written, and Claude Code's tools behind each.
PERMISSIONS: dict[str, tuple[str, ...]] = {
    "read": ("Read",),
    "edit": ("Write", "Edit", "MultiEdit", "NotebookEdit"),
    "glob": ("Glob",),
    "grep": ("Grep",),
    "bash": ("Bash", "PowerShell"),
    "webfetch": ("WebFetch",),
    "websearch": ("WebSearch",),
    "task": ("Agent",),
    "skill": ("Skill",),
    "lsp": ("LSP",),
    "question": ("AskUserQuestion",),
    "todowrite": ("TodoWrite",),
}
KEY_OF = {tool: key for key, tools in PERMISSIONS.items() for tool in tools}
PATTERNED = frozenset({"Bash", "PowerShell"})  # rules whose patterns read as Claude Code's
MODES = ("subagent", "primary", "all")
Rules = dict[str, Any]


def pattern(tool: str, specifier: str) -> str:
    """A Claude Code rule's specifier as an OpenCode pattern: `git diff:*` (the prefix form) is `git diff *`,
    `domain:example.com` is the URLs of that host."""
    if tool in PATTERNED and specifier.endswith(":*"):
        return specifier[:-2].rstrip() + " *"
    if tool == "WebFetch" and specifier.startswith("domain:"):
        return f"https://{specifier.removeprefix('domain:')}/*"
    return specifier


def _rule(allowed: list[str] | None) -> str | Rules:
    return "allow" if allowed is None else {"*": "deny", **dict.fromkeys(allowed, "allow")}


def permissions(tools: Toolset, subagents: list[str] | None) -> Rules:
    """The `permission` map of an agent's tools; `subagents`: the agents it may start (None: any; []: none,
    which the tools already say)."""
    rules: Rules = {}
    if not tools.everything:
        rules["*"] = "deny"
        for key, behind in PERMISSIONS.items():
            granted = [t for t in behind if tools.has(t)]
            if not granted:
                continue
            uses = {t: tools.uses(t) for t in granted}
            whole = any(u is None for u in uses.values())
            rules[key] = _rule(None if whole else [pattern(t, s) for t, u in uses.items() for s in u or ()])
        for e in tools.mcp():
            tool = "*" if e.mcp_tool is None else e.mcp_tool
            rules[f"{e.server}_{tool}"] = "allow"
    for key, behind in PERMISSIONS.items():
        if any(tools.denies(t) for t in behind):
            rules[key] = "deny"
            continue
        denied = [pattern(t, s) for t in behind for s in tools.denied_uses(t)]
        if denied:
            current = rules.get(key, "allow")
            base: Rules = {"*": current} if isinstance(current, str) else dict(current)
            rules[key] = {**base, **dict.fromkeys(denied, "deny")}
    for e in tools.denied:
        if e.server is not None and e.specifier is None:
            rules[f"{e.server}_{'*' if e.mcp_tool is None else e.mcp_tool}"] = "deny"
    if subagents and rules.get("task", "allow") != "deny":
        rules["task"] = {"*": "deny", **dict.fromkeys(subagents, "allow")}
    return rules


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: the body",
    "tools": 'mapped: `permission` rules (`"*": deny`, then `allow` per tool, `Tool(...)` rules as '
    "patterns); tools without a permission key dropped",
    "disallowed_tools": "mapped: `deny` rules (denying one tool behind `edit` or `bash` denies the key)",
    "read-only": "mapped: `edit: deny`, `bash: deny`",
    "model": "mapped through `[targets.NAME.models]` (`provider/model`)",
    "max_turns": "mapped: `steps`",
    "effort": "dropped",
    "handoff": "mapped: `permission.task` allows the handoff targets; triggers in the HANDOFFS section",
}


class OpenCode:
    """OpenCode's format; Kilo Code's is the same under another name (`kilo.py`)."""

    kind = "agent"
    suffix = ".md"
    coverage: Mapping[str, str] = COVERAGE

    def __init__(self, name: str, title: str, project_dir: str, follows: str) -> None:
        self.name = name
        self.title = title
        self.project_dir = project_dir
        self.follows = follows
        self.templates: tuple[str, ...] = (f"{name}_agent.md.j2", "prompt.md.j2")

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def own(self, manifest: Manifest) -> OpenCodeFields | KiloFields:
        table: OpenCodeFields | KiloFields = getattr(manifest.targets, self.name)
        return table

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import in_range, one_line, one_of

        table = self.own(manifest)
        path = ("targets", self.name)
        return [
            *one_line((*path, "model"), table.model),
            *one_of((*path, "mode"), table.mode, MODES, "an agent mode", self.title),
            *in_range((*path, "temperature"), table.temperature, 0, 2),
            *in_range((*path, "top_p"), table.top_p, 0, 1),
            *in_range((*path, "steps"), table.steps, 1),
            *one_line((*path, "color"), table.color),
        ]

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        from assembler.targets.tooling import entry

        if use.field == "model":
            return model_loss(use, self.name, settings)
        if use.field == "effort":
            return Loss(DROPPED, f"{self.title} has no effort field")
        if use.field not in ("tools", "disallowed_tools"):
            return None
        e = entry(use.value)
        if e.tool == "*":
            return None
        if e.server is not None:
            return Loss(APPROXIMATED, "MCP tools are named `server_tool`, as OpenCode's examples write them")
        if e.tool not in KEY_OF:
            return Loss(DROPPED, f"{self.title} has no permission for this tool")
        if e.tool == "TodoWrite":
            return Loss(APPROXIMATED, "`todowrite` is not among the permissions OpenCode documents")
        if not e.whole and e.tool not in PATTERNED and e.tool != "Agent":
            return Loss(APPROXIMATED, "a pattern: OpenCode's `*` matches any character, `/` too")
        if use.field == "disallowed_tools" and e.whole and len(PERMISSIONS[KEY_OF[e.tool]]) > 1:
            key = KEY_OF[e.tool]
            return Loss(APPROXIMATED, f"`{key}: deny`, for every tool behind `{key}`")
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        from assembler.claudecode.frontmatter import lines
        from assembler.targets.common import markdown_file, model_for
        from assembler.targets.tooling import delegates_to

        m = agent.manifest
        own = self.own(m)
        shared = job.shared
        data: dict[str, Any] = {"description": lines(m.description), "mode": own.mode or "subagent"}
        model = model_for(m.model, own.model, job.settings)
        if model is not None:
            data["model"] = model
        for key, value in (("temperature", own.temperature), ("top_p", own.top_p)):
            if value is not None:
                data[key] = value
        steps = own.steps if own.steps is not None else m.max_turns
        if steps is not None:
            data["steps"] = steps
        if own.hidden is not None:
            data["hidden"] = own.hidden
        if own.color is not None:
            data["color"] = own.color
        rules = permissions(shared.tools, delegates_to(shared.tools, shared.handoff_targets))
        if rules:
            data["permission"] = rules
        return markdown_file(self.templates[0], job, data, shared.prompt())


OPENCODE = OpenCode(
    "opencode",
    "OpenCode",
    ".opencode/agents",
    "opencode.ai agents.mdx @ 0239fd0, permissions.mdx @ 9dc1388 (v1.1.1+)",
)
