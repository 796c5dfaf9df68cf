"""Codes for a manifest's `[tool_module]` table."""

from __future__ import annotations

from assembler.codes import Code

BAD_TOOL_DATA = Code(
    "A100",
    "invalid tool module data",
    "{issue}",
    "{suggestion}",
    "The `[tool_module]` table does not fit its kind's format: an unknown, missing or wrongly typed key. "
    "The message names the key.",
)
UNKNOWN_TOOL_KIND = Code(
    "A101",
    "unknown tool module kind",
    "unknown tool module kind `{kind}`",
    "use kind = {known}",
    "`tool_module.kind` selects the plug-in that renders the module; the value names none.",
)
BAD_MODULE_NAME = Code(
    "A102",
    "tool module name is not a Python identifier",
    "tool module name `{name}` {problem}",
    "{suggestion}",
    "`tool_module.name` becomes a Python module's file name, so it is an identifier that is not a keyword "
    "and does not shadow a module of the standard library.",
)
INCONSISTENT_FIGURES = Code(
    "A103",
    "tool module figures are inconsistent",
    "{issue}",
    "{suggestion}",
    "The figures of the tool module contradict each other or themselves: amounts that must be positive, "
    "tiers that must be ordered below the daily cap, names that must be unique, rules that must be "
    "declared.",
)
