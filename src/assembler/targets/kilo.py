"""Kilo Code (1.0 and later, the VS Code extension and the `kilo` CLI): `<name>.md`, OpenCode's agent format,
which Kilo Code adopted; `opencode.py` writes it, under Kilo's name, folder and `[targets.kilo]` table.

Followed: Kilo-Org/kilocode `packages/kilo-docs/pages/customize/custom-subagents.md` (at 1612605). Projects
keep them in `.kilo/agents/`. Kilo Code before 1.0 read "custom modes" (`.kilocodemodes`), not written here.
"""

from __future__ import annotations

from assembler.targets.opencode import OpenCode

KILO = OpenCode(
    "kilo",
    "Kilo Code",
    ".kilo/agents",
    "Kilo-Org/kilocode custom-subagents.md @ 1612605 (Kilo Code 1.0+)",
)
