"""Codes for what a manifest says: blocks, tools and model, handoffs, taxonomy, lineage, references."""

from __future__ import annotations

from assembler.codes import Code
from assembler.diagnostics import Severity

BLOCK_NOT_FOUND = Code(
    "A020",
    "block not found",
    "block `{name}` not found",
    "create {folder}/{name}.md or fix the name",
    "A manifest lists a block that has no file in the blocks folder.",
)
BLOCK_TWICE = Code(
    "A021",
    "block listed twice",
    "block `{name}` is listed twice",
    "remove the second entry",
    "A block appears twice in `blocks`; its text would be composed into the agent twice.",
)
OBLIGATORY_BLOCK = Code(
    "A022",
    "obligatory block missing",
    "obligatory block `{name}` is missing",
    'add "{name}" to blocks (obligatory: {required})',
    "The configuration's `obligatory_blocks` must appear in every manifest's `blocks`.",
)
UNCLOSED_FENCE = Code(
    "A023",
    "unclosed code fence in Markdown",
    "code fence opened on line {opened} of {what} is never closed: it swallows every section after it",
    "close the fence with a line of the same backticks",
    "A code fence (three or more backticks or tildes) that is never closed turns every section after it "
    "into code. Blocks, role prose and capability texts are parsed with markdown-it-py to find it.",
)
UNKNOWN_TOOL = Code(
    "A030",
    "unknown tool name",
    "unknown tool `{tool}`",
    "{suggestion} (more names: extra_tools in assembler.toml)",
    "A tool name is not one the target knows. MCP tools are written `mcp__server__tool`. A catalog can "
    "declare further names with `extra_tools` in its configuration.",
)
UNKNOWN_MODEL = Code(
    "A031",
    "unknown model",
    "unknown model `{model}`",
    "use {known} or a full model id such as claude-sonnet-4-5 (more: extra_models in assembler.toml)",
    "The model is neither a known alias nor a full model id. A catalog can declare further models with "
    "`extra_models`.",
)
TOOL_NOT_ALLOWED = Code(
    "A032",
    "tool not allowed by the substrate role",
    "tool `{tool}` is not allowed by substrate role `{role}`",
    "remove it, or allow it under [tools] in the role file",
    "The manifest grants a tool that its substrate role's `[tools] allowed` list does not hold. A warning: "
    "the agent still builds, but it can do more than its role says.",
    Severity.WARNING,
)
NO_HANDOFF = Code(
    "A040",
    "too few handoffs",
    "agent `{name}` declares {count} handoff(s); the catalog requires at least {minimum}",
    "add a [[handoff]] table with target and trigger at the end of the manifest (or lower min_handoffs "
    "in assembler.toml)",
    "Every agent says who takes over what it must not do: at least `min_handoffs` `[[handoff]]` tables "
    "(one unless the configuration says otherwise).",
)
UNKNOWN_HANDOFF_TARGET = Code(
    "A041",
    "handoff target is not an agent of the catalog",
    "handoff target `{target}` is not an agent of the catalog",
    "{suggestion}",
    "A handoff names an agent that has no manifest. Write its manifest, fix the name, or, for an agent "
    "defined outside the catalog, declare it in the configuration.",
)
SELF_HANDOFF = Code(
    "A042",
    "handoff to the agent itself",
    "`{name}` hands off to itself",
    "name another agent of the catalog",
    "A handoff's target is the agent that declares it: an agent cannot hand work it must not do to itself.",
)
HANDOFF_TWICE = Code(
    "A043",
    "handoff target listed twice",
    "handoff target `{target}` is listed twice",
    "merge the triggers into one [[handoff]] table",
    "Two handoff tables name the same target; the rendered HANDOFFS section would list the agent twice.",
)
UNKNOWN_ARTIFACT = Code(
    "A044",
    "unknown artifact name",
    "unknown artifact `{artifact}`",
    "use one of {known} (or set artifacts in assembler.toml)",
    "`expects_artifact` and `produces_artifact` name one of the configuration's `artifacts`.",
)
TAXONOMY_VALUE = Code(
    "A050",
    "taxonomy value outside its vocabulary",
    "`{value}` is not a {facet} of the taxonomy",
    "{suggestion}allowed: {allowed}",
    "Each taxonomy facet takes a value from its vocabulary. The configuration's `[taxonomy]` table adds "
    "values to a facet.",
)
CREATOR_NOT_SLUG = Code(
    "A060",
    "lineage creator is not a slug",
    "creator `{creator}` is not a slug",
    "use lowercase letters, digits and hyphens",
    "`lineage.creator` names who created the agent, as a slug (lowercase letters, digits, hyphens).",
)
BAD_DATE = Code(
    "A061",
    "lineage date is not a real ISO date",
    "`{value}` is not a real date",
    'write the date as YYYY-MM-DD, e.g. created = "2026-04-23"',
    "`lineage.created` is a calendar date in ISO form that exists (no 2026-02-30).",
)
FUTURE_DATE = Code(
    "A062",
    "lineage date lies in the future",
    "created date {value} lies in the future",
    "use the date the agent was created (today is {today})",
    "`lineage.created` cannot be later than today: a date in the future is a typing mistake.",
)
BAD_LINK = Code(
    "A063",
    "lineage link is not a [[slug]] link to an agent or block",
    "{problem}",
    "{suggestion}",
    "Lineage links (`parents`, `fork_from`, `successor`) are written `[[name]]` and name an agent or a "
    "block of the catalog.",
)
LINEAGE_CYCLE = Code(
    "A064",
    "cycle through lineage parents",
    "lineage parents form a cycle: {cycle}",
    "an agent cannot descend from itself: remove one parent link",
    "Following `lineage.parents` from agent to agent comes back to where it started. Reported once, at "
    "the link that closes the cycle.",
)
NO_SUCCESSOR = Code(
    "A065",
    "deprecated agent names no successor",
    "`{name}` is deprecated but names no successor",
    'add successor = "[[agent-that-replaces-it]]" under [lineage]',
    "An agent whose taxonomy stability is `deprecated` names what replaces it in `lineage.successor`.",
)
UNKNOWN_ALIAS = Code(
    "A070",
    "path alias not declared in configuration",
    "path alias `{alias}` is not declared",
    "declare it under [path_aliases] in assembler.toml (known: {known})",
    "A reference `path:ALIAS/...` uses an alias the configuration's `[path_aliases]` does not declare.",
)
