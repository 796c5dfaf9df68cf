"""What each key of a manifest's `[targets.NAME]` tables and of the configuration's `[targets]` table
means: the descriptions of those keys in the JSON Schemas (merged into `manifest_docs` and `config_docs`).
The configuration's entries are made for every target of the registry, so a new target is described there
without an edit here; a test fails when a manifest key of a target has no entry."""

from __future__ import annotations

_OWN_MODEL = "The model in {tool}'s own terms; replaces what the manifest's model maps to."
_OWN_TOOLS = "The tools in {tool}'s own names; replaces what the manifest's tools map to."

_TABLES = {
    "copilot": "GitHub Copilot and VS Code custom agents",
    "codex": "the OpenAI Codex CLI",
    "opencode": "OpenCode",
    "cursor": "Cursor",
    "kiro": "the Kiro CLI",
    "gemini": "the Gemini CLI",
    "qwen": "Qwen Code",
    "factory": "Factory droids",
    "kilo": "Kilo Code",
}

MANIFEST: dict[str, str] = {
    **{
        f"targets.{name}": f"Fields only {tool} has, or values in its own terms."
        for name, tool in _TABLES.items()
    },
    **{f"targets.{name}.model": _OWN_MODEL.format(tool=tool) for name, tool in _TABLES.items()},
    "targets.copilot.model": "The model in Copilot's own terms, or a list tried in order (VS Code); "
    "replaces what the manifest's model maps to.",
    "targets.copilot.tools": "Copilot's tool names (read, edit, search, execute, agent, web, todo, "
    "server/tool); replaces what the manifest's tools map to.",
    "targets.copilot.target": "Where the agent runs: vscode or github-copilot (both when left out).",
    "targets.copilot.argument_hint": "The hint Copilot shows for the agent's argument (argument-hint).",
    "targets.copilot.user_invocable": "Whether a person may pick the agent (user-invocable).",
    "targets.copilot.disable_model_invocation": "Whether other agents are kept from starting it "
    "(disable-model-invocation).",
    "targets.codex.sandbox_mode": "read-only, workspace-write or danger-full-access; replaces the mode "
    "derived from the tools.",
    "targets.codex.model_reasoning_effort": "none, minimal, low, medium, high or xhigh; replaces the one "
    "derived from effort.",
    "targets.codex.approval_policy": "When Codex asks before acting: untrusted, on-failure, on-request or "
    "never.",
    "targets.codex.web_search": "disabled, cached or live; replaces the one derived from WebSearch.",
    "targets.codex.nickname_candidates": "Names Codex may show for the agent's runs (letters, digits, "
    "spaces, hyphens, underscores).",
    "targets.opencode.mode": "subagent (the default), primary or all.",
    "targets.opencode.temperature": "The sampling temperature, from 0 to 2.",
    "targets.opencode.top_p": "Nucleus sampling, from 0 to 1.",
    "targets.opencode.steps": "The most steps the agent may take; replaces max_turns.",
    "targets.opencode.hidden": "Whether the agent is left out of the @ menu.",
    "targets.opencode.color": "The agent's colour in the interface.",
    "targets.cursor.readonly": "Whether the agent may not edit; replaces what the tools say.",
    "targets.cursor.is_background": "Whether the agent runs in the background.",
    "targets.kiro.tools": "Kiro's tool names (fs_read, fs_write, execute_bash, @server...); replaces what "
    "the manifest's tools map to.",
    "targets.kiro.allowedTools": "Tools the agent may use without asking; replaces the read-only tools "
    "allowed by default.",
    "targets.kiro.resources": "Files loaded into the agent's context, as file://PATH.",
    "targets.kiro.useLegacyMcpJson": "Whether the agent also reads the MCP servers of the legacy mcp.json.",
    "targets.gemini.tools": _OWN_TOOLS.format(tool="the Gemini CLI"),
    "targets.gemini.temperature": "The sampling temperature, from 0 to 2.",
    "targets.gemini.timeout_mins": "The most minutes a run may take, at least 1.",
    "targets.qwen.tools": _OWN_TOOLS.format(tool="Qwen Code"),
    "targets.qwen.approvalMode": "default, plan, auto-edit, yolo or bubble.",
    "targets.qwen.color": "red, blue, green, yellow, purple, orange, pink, cyan or auto.",
    "targets.factory.tools": "A category (read-only, edit, execute, web, mcp) or a list of Factory's tool "
    "ids; replaces what the manifest's tools map to.",
    "targets.factory.reasoningEffort": "low, medium or high; replaces the one derived from effort.",
    "targets.kilo.mode": "subagent (the default), primary or all.",
    "targets.kilo.temperature": "The sampling temperature, from 0 to 2.",
    "targets.kilo.top_p": "Nucleus sampling, from 0 to 1.",
    "targets.kilo.steps": "The most steps the agent may take; replaces max_turns.",
    "targets.kilo.hidden": "Whether the agent is left out of the @ menu.",
    "targets.kilo.color": "The agent's colour in the interface.",
}


def config_descriptions() -> dict[str, str]:
    """The configuration's `[targets]` keys, one set for each target of the registry."""
    from assembler.targets import TARGETS

    out = {
        "targets": "The coding agents the catalog is written for, one [targets.NAME] table each; without "
        "it, Claude Code alone into generated_dir.",
    }
    for name, target in TARGETS.items():
        out[f"targets.{name}"] = f"Write the catalog for {target.title}."
        out[f"targets.{name}.dir"] = (
            f"The folder of its files (default {target.default_dir('<generated_dir>')}; "
            f"{target.project_dir} is where the tool reads a project's agents)."
        )
        out[f"targets.{name}.models"] = "The target's name for each of the catalog's models, model = name."
    return out
