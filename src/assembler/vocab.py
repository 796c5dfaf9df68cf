"""Built-in vocabularies: the one place their default values live. Configuration extends them."""

from __future__ import annotations

TAXONOMY: dict[str, tuple[str, ...]] = {
    "kingdom": (
        "capability",
        "atom",
        "skill",
        "block",
        "runtime",
        "schema",
        "role",
        "manifest",
    ),
    "mechanism": (
        "gate",
        "verify",
        "transform",
        "store",
        "compose",
        "fetch",
        "analyze",
        "router",
        "cache",
    ),
    "domain": (
        "policy",
        "quality",
        "scope",
        "safety",
        "output",
        "tools",
        "research",
        "content",
        "social",
        "task",
        "sage",
        "agent",
    ),
    "layer": ("atom-substrate", "agent-substrate", "cross", "tooling"),
    "stage": ("runtime", "design-time", "ephemeral"),
    "stability": ("experimental", "beta", "stable", "deprecated"),
    "language": ("rust", "shell", "md", "toml", "json", "jsonschema", "python"),
}

# Claude Code's built-in tools. MCP tools are accepted by their `mcp__server__tool` form.
TOOLS: tuple[str, ...] = (
    "Agent",
    "Bash",
    "BashOutput",
    "Edit",
    "ExitPlanMode",
    "Glob",
    "Grep",
    "KillShell",
    "LS",
    "MultiEdit",
    "NotebookEdit",
    "NotebookRead",
    "Read",
    "SlashCommand",
    "Task",
    "TodoWrite",
    "WebFetch",
    "WebSearch",
    "Write",
)

# Model aliases; a full model id (`claude-...`) is accepted too.
MODELS: tuple[str, ...] = ("opus", "sonnet", "haiku", "inherit")

ARTIFACTS: tuple[str, ...] = ("spec", "plan", "patch", "review", "research")

OBLIGATORY_BLOCKS: tuple[str, ...] = ("baseline", "evidence-grading", "memory-protocol")
