"""What each key of a role file means, by dotted key path: the descriptions of the role file's JSON Schema.
A test fails when a key of the role parser's table has no entry or an entry names no key."""

from __future__ import annotations

DESCRIPTIONS: dict[str, str] = {
    "role": "The role itself: its name and what it is.",
    "role.name": "The role's name, equal to the file's stem.",
    "role.display-name": "The name shown in the agent's SUBSTRATE heading; default: the name.",
    "role.description": "What a worker of this role does, in one line.",
    "role.spawnable": "Whether an orchestrator may start agents of this role as subagents (default true); "
    "from the parent when left out.",
    "role.claude-subagent-type": "The Claude Code subagent type a spawnable role runs as, such as "
    "general-purpose; from the parent when left out.",
    "capabilities": "The capabilities the role works under.",
    "capabilities.required": "Capabilities as category::slug, in order; each one's text is "
    "_capabilities/<category>/<slug>/text.md.",
    "capabilities.extends": "A parent role: its capabilities come first, and the keys this role leaves out "
    "are taken from it.",
    "capabilities.relaxes": "Capabilities of the combined list this role drops.",
    "tools": "What the role may use.",
    "tools.allowed": "The tools agents of this role may use; left out, the role sets no limit.",
    "tools.bash-patterns-allowed": "Python regular expressions; a shell command line runs only when one "
    "of them matches it from its start. Literal strings keep backslashes.",
    "escalation": "What a worker of this role does when it is stuck.",
    "escalation.policy": "The escalation policy's name, such as ask-via-return.",
    "taxonomy": "Where the role sits in the catalog's classification: all seven facets, each a value from "
    "its vocabulary.",
    "taxonomy.kingdom": "What kind of thing this is (role for a role).",
    "taxonomy.mechanism": "How it works: gate, verify, transform, compose...",
    "taxonomy.domain": "What it is about: quality, research, tools, agent...",
    "taxonomy.layer": "Which layer it belongs to: atom-substrate, agent-substrate, cross or tooling.",
    "taxonomy.stage": "When it acts: runtime, design-time or ephemeral.",
    "taxonomy.stability": "How settled it is: experimental, beta, stable or deprecated.",
    "taxonomy.language": "The language of its source: toml for a role file.",
    "lineage": "Where the role comes from; its links name roles.",
    "lineage.creator": "Who wrote the role: a lowercase slug.",
    "lineage.created": "When the role was written: a real date, YYYY-MM-DD, not in the future.",
    "lineage.parents": "What the role builds on: [[slug]] links to roles.",
    "lineage.fork_from": "The role this one was copied from: a [[slug]] link.",
    "lineage.successor": "The role that replaces this one: a [[slug]] link.",
    "pipeline": "Where the work goes next.",
    "pipeline.handoff": "Roles this role's work goes to when it is done.",
}
