"""Built-in vocabularies: the one place their default values live. Configuration extends them."""

from __future__ import annotations

from assembler.claudecode import vocab as claude

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

# Tool names and model aliases: Claude Code's, kept with the rest of its vocabulary (claudecode/vocab.py).
# Former tool names Claude Code still maps to current ones count as known.
TOOLS: tuple[str, ...] = (*claude.TOOLS, *claude.ALIASES)
MODELS: tuple[str, ...] = claude.MODEL_ALIASES

ARTIFACTS: tuple[str, ...] = ("spec", "plan", "patch", "review", "research")

OBLIGATORY_BLOCKS: tuple[str, ...] = ("baseline", "evidence-grading", "memory-protocol")
