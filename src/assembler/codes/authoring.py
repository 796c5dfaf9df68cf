"""Codes for the commands that write a catalog's sources: `assembler init` and `assembler new`."""

from __future__ import annotations

from assembler.codes import Code

NO_HANDOFF_TARGET = Code(
    "A140",
    "no agent a new agent could hand off to",
    "every agent must hand off to {required} agent(s), and the catalog has {available} a new one could name",
    "{suggestion}",
    "`assembler new` writes a manifest that validates as it stands, so it fills in as many handoffs as the "
    "configuration's `min_handoffs` requires, each to an agent of the catalog or to one declared in "
    "`external_agents`. When there are not enough of those, no valid manifest can be written yet.",
)
NOT_COPYABLE = Code(
    "A141",
    "manifest cannot be copied with its layout",
    "{manifest} cannot be copied keeping its comments and layout: {reason}",
    "copy the file by hand and change its name, or simplify the TOML construct named here",
    "`assembler new --from` edits a copy of the manifest with tomlkit, which keeps comments, key order and "
    "layout, and reads the result back with the parser the build uses. When tomlkit cannot read the file, "
    "or the copy would not read back as the same data with the new name, nothing is written rather than a "
    "file the tool cannot vouch for.",
)
