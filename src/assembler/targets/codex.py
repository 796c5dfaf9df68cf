"""OpenAI Codex CLI custom agents (subagent roles): `<name>.toml`, one TOML table per agent.

Followed: openai/codex `codex-rs/core/src/config/agent_roles.rs` (at 1373047) and `config.schema.json` (at
000c857). Projects keep them in `.codex/agents/`. The file is written with rtoml (a TOML writer, not a
template: TOML structure never comes from text), after a header of three comment lines that holds the
stamp. Only keys the schema knows are written.

- `developer_instructions` is the prompt; handoffs stay in its HANDOFFS section (Codex has no handoffs).
- Codex has no tool list: reading and the shell are always there. The tools decide `sandbox_mode`
  (`read-only` for an agent that neither edits nor runs commands, else `workspace-write`), `web_search`
  (`live` with WebSearch, `disabled` without, when the manifest lists its tools) and network access for
  WebFetch (`[sandbox_workspace_write] network_access`).
- `effort` is `model_reasoning_effort` (`max` becomes `xhigh`); `model` through `[targets.codex.models]`.
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

SANDBOX_MODES = ("read-only", "workspace-write", "danger-full-access")
EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh")
APPROVALS = ("untrusted", "on-failure", "on-request", "never")
WEB_SEARCH = ("disabled", "cached", "live")
EFFORT_OF = {"low": "low", "medium": "medium", "high": "high", "xhigh": "xhigh", "max": "xhigh"}
ALWAYS = frozenset({"Read", "Glob", "Grep"})  # reading and searching files: always there
_NICKNAME = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_")


COVERAGE: dict[str, str] = {
    "description": "mapped: `description`",
    "prompt": "mapped: `developer_instructions`",
    "tools": "approximated: `sandbox_mode`, `web_search`, network access; reading is always there; "
    "Agent, MCP and other tools dropped",
    "disallowed_tools": "dropped (but denying every edit and command tool gives `read-only`)",
    "read-only": 'mapped: `sandbox_mode = "read-only"`',
    "model": "mapped through `[targets.codex.models]`",
    "max_turns": "dropped",
    "effort": "mapped: `model_reasoning_effort` (`max` approximated as `xhigh`, numbers dropped)",
    "handoff": "mapped: the prompt's HANDOFFS section",
}


class Codex:
    name = "codex"
    title = "OpenAI Codex CLI"
    kind = "agent"
    suffix = ".toml"
    project_dir = ".codex/agents"
    follows = "openai/codex agent_roles.rs @ 1373047, config.schema.json @ 000c857"
    templates: tuple[str, ...] = ("prompt.md.j2",)
    coverage: Mapping[str, str] = COVERAGE

    def default_dir(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.name}"

    def check(self, manifest: Manifest) -> list[Problem]:
        from assembler.targets.checks import entries, one_line, one_of

        table = manifest.targets.codex
        path = ("targets", self.name)
        return [
            *one_line((*path, "model"), table.model),
            *one_of((*path, "sandbox_mode"), table.sandbox_mode, SANDBOX_MODES, "a sandbox mode", "Codex"),
            *one_of(
                (*path, "model_reasoning_effort"), table.model_reasoning_effort, EFFORTS, "an effort", "Codex"
            ),
            *one_of(
                (*path, "approval_policy"), table.approval_policy, APPROVALS, "an approval policy", "Codex"
            ),
            *one_of((*path, "web_search"), table.web_search, WEB_SEARCH, "a web search mode", "Codex"),
            *entries(
                (*path, "nickname_candidates"),
                table.nickname_candidates,
                lambda n: bool(n.strip()) and set(n) <= _NICKNAME,
                "a nickname (ASCII letters, digits, spaces, - and _)",
                "Codex",
                (),
            ),
        ]

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        from assembler.targets.tooling import EDITS, RUNS, entry

        if use.field == "model":
            return model_loss(use, self.name, settings)
        if use.field == "max_turns":
            return Loss(DROPPED, "Codex sets a turn limit for no agent")
        if use.field == "effort":
            if f"{self.name}.model_reasoning_effort" in use.overrides or use.value in (
                "low",
                "medium",
                "high",
                "xhigh",
            ):
                return None
            if use.value == "max":
                return Loss(APPROXIMATED, "written as `xhigh`, Codex's highest")
            return Loss(DROPPED, "Codex takes effort levels, not numbers")
        if use.field == "tools":
            e = entry(use.value)
            if e.tool == "*" or (e.tool in ALWAYS and e.whole) or (e.tool == "WebSearch" and e.whole):
                return None
            if e.tool in EDITS or e.tool in RUNS:
                return Loss(APPROXIMATED, 'as `sandbox_mode = "workspace-write"`, for every file and command')
            if e.tool in ALWAYS or e.tool == "WebSearch":
                return Loss(APPROXIMATED, "Codex has it for every use, not only these")
            if e.tool == "WebFetch":
                return Loss(APPROXIMATED, "as network access for the shell, in `workspace-write`")
            return Loss(DROPPED, "Codex has no per-agent choice of this tool")
        if use.field == "disallowed_tools":
            e = entry(use.value)
            if e.whole and (e.tool in EDITS or e.tool in RUNS):
                return Loss(APPROXIMATED, "only denying every edit and command tool is written (`read-only`)")
            return Loss(DROPPED, "Codex has no deny list")
        return None

    def render(self, agent: Agent, job: Rendering) -> str:
        import rtoml

        from assembler.claudecode.frontmatter import lines
        from assembler.stamp import PENDING
        from assembler.targets.common import model_for

        m = agent.manifest
        own = m.targets.codex
        tools = job.shared.tools
        data: dict[str, Any] = {"name": m.name, "description": lines(m.description)}
        if own.nickname_candidates is not None:
            data["nickname_candidates"] = list(own.nickname_candidates)
        model = model_for(m.model, own.model, job.settings)
        if model is not None:
            data["model"] = model
        effort = own.model_reasoning_effort or (
            EFFORT_OF.get(m.effort) if isinstance(m.effort, str) else None
        )
        if effort is not None:
            data["model_reasoning_effort"] = effort
        sandbox = own.sandbox_mode or ("read-only" if tools.read_only else "workspace-write")
        data["sandbox_mode"] = sandbox
        if own.approval_policy is not None:
            data["approval_policy"] = own.approval_policy
        web = own.web_search or (
            None if tools.everything else "live" if tools.has("WebSearch") else "disabled"
        )
        if web is not None:
            data["web_search"] = web
        prompt = job.shared.prompt()
        data["developer_instructions"] = prompt if m.body is not None else prompt[1:]
        if sandbox == "workspace-write" and tools.has("WebFetch"):
            data["sandbox_workspace_write"] = {"network_access": True}
        header = (
            f"# Generated by assembler from {agent.source.rel}.\n"
            "# Do not edit: change the manifest and run `make build`.\n"
            f"# {PENDING}\n"
        )
        return header + rtoml.dumps(data)


CODEX = Codex()
