"""Codes for substrate roles and the capability texts they require."""

from __future__ import annotations

from assembler.codes import Code

ROLE_NOT_FOUND = Code(
    "A080",
    "substrate role not found",
    "{what} `{role}` not found",
    "create {folder}/{role}.toml or fix the name",
    "A manifest's `substrate_role`, or a role's `extends`, names a role that has no file in the roles "
    "folder.",
)
CAPABILITY_NOT_FOUND = Code(
    "A081",
    "capability text not found",
    "capability `{capability}` has no text",
    "write {folder}/{category}/{slug}/text.md, or fix the name (category::slug)",
    "A role requires a capability (`category::slug`) whose text file does not exist in the "
    "capabilities folder.",
)
ROLE_CYCLE = Code(
    "A082",
    "cycle through role extends",
    "roles extend each other in a cycle: {cycle}",
    "remove one `extends` so the chain ends",
    "Following `extends` from role to role comes back to where it started.",
)
