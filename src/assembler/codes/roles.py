"""Codes for substrate roles, the capabilities they require (texts and alias stubs), and agents that live
outside the catalog."""

from __future__ import annotations

from assembler.codes import Code
from assembler.diagnostics import Severity

ROLE_NOT_FOUND = Code(
    "A080",
    "substrate role not found",
    "{what} `{role}` not found",
    "{suggestion}",
    "A manifest's `substrate_role`, a role's `[capabilities] extends` or a role's `[pipeline] handoff` "
    "names a role that has no file in the roles folder. The hint names the closest role that exists.",
)
CAPABILITY_NOT_FOUND = Code(
    "A081",
    "capability text not found",
    "capability `{capability}` has no text",
    "{suggestion}",
    "A role requires a capability (`category::slug`) whose folder holds neither a `text.md` nor an alias "
    "stub (`capability.toml` with `alias`), or whose name is not written `category::slug`; or an alias "
    "stub points at such a capability.",
)
ROLE_CYCLE = Code(
    "A082",
    "cycle through role extends",
    "roles extend each other in a cycle: {cycle}",
    "remove one `extends` so the chain ends",
    "Following `[capabilities] extends` from role to role comes back to where it started. Reported at the "
    "`extends` that closes the cycle.",
)
FLAT_ROLE = Code(
    "A083",
    "role file in the retired flat format",
    "role file in the flat format of assembler 0.1, which is no longer read",
    "move the keys into tables: [role] name = {stem} and description, [capabilities] required, extends "
    "and relaxes, [tools] allowed (README, Substrate roles)",
    "assembler 0.1 read role files with `description` and `extends` at the top level. Role files now have "
    "the format of the KeiSeiKit catalog: `[role]`, `[capabilities]` (which holds `extends`), `[tools]`, "
    "`[escalation]`, `[taxonomy]`, `[lineage]`, `[pipeline]`. The old format is refused as a whole, once "
    "per file, rather than key by key.",
)
RELAXES_UNKNOWN = Code(
    "A084",
    "relaxes names a capability the role does not have",
    "`relaxes` drops `{capability}`, which the role and its parents do not require",
    "{suggestion}",
    "`[capabilities] relaxes` removes capabilities from the list the role inherits through `extends` and "
    "its own `required`. A name that is not on that list removes nothing, which is a mistake: most often "
    "a misspelt name, or a capability that moved to another role.",
)
BAD_PATTERN = Code(
    "A085",
    "shell pattern is not a valid regular expression",
    "`{pattern}` is not a valid regular expression: {reason}",
    "fix the expression; write it as a TOML literal string ('...') so backslashes stay as written",
    "Each entry of `[tools] bash-patterns-allowed` is a regular expression that a shell command line must "
    "match. It is checked with Python's `re` module; an expression that does not compile would allow "
    "nothing, or everything, depending on the program that reads it.",
)
ALIAS_CYCLE = Code(
    "A086",
    "cycle through capability aliases",
    "capability aliases form a cycle: {cycle}",
    "point one `alias` at a capability that has a text.md",
    "Following the `alias` of capability stubs (`capability.toml` without `text.md`) from one to the next "
    "comes back to where it started, so no text is ever reached.",
)
DEPRECATED_ALIAS = Code(
    "A087",
    "capability named by a deprecated alias",
    "capability `{capability}` is an alias of `{target}`{note}",
    "name `{target}` instead",
    "The role names a capability whose folder holds only an alias stub. The alias still works: the "
    "target's text is rendered, once, in the alias's place. The warning carries the stub's `deprecated` "
    "note, when it has one.",
    Severity.WARNING,
)
NOT_SPAWNABLE = Code(
    "A088",
    "substrate role is not spawnable",
    "substrate role `{role}` is not spawnable",
    "choose a spawnable role, or set spawnable = true in {role_file} if agents may be started with it",
    "The role says `spawnable = false`: a runtime that honours it refuses to start an agent with this role "
    "as a subagent. The agent still builds, and its substrate section says that it is not spawnable.",
    Severity.WARNING,
)
EXTERNAL_AND_MANIFEST = Code(
    "A089",
    "external agent also has a manifest",
    "agent `{name}` is declared in external_agents but also has a manifest",
    "remove `{name}` from external_agents in the configuration, or remove its manifest",
    "`external_agents` in the configuration names agents defined outside the catalog; handoffs to them are "
    "marked as such in the generated agents. A name there that is also an agent of the catalog would be "
    "marked wrongly.",
)
