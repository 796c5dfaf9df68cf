"""What each key of a manifest means, by dotted key path: the descriptions of the manifest's JSON Schema,
and the comments `assembler new` writes above the keys. Kept here rather than in the models so that the
models stay plain; a test fails when a key of the models has no entry or an entry names no key."""

from __future__ import annotations

from assembler.schemas.targets_docs import MANIFEST as _TARGETS

DESCRIPTIONS: dict[str, str] = {
    "name": "The agent's name: a lowercase slug (letters, digits, single hyphens), equal to the file's stem "
    "and unique in the catalog.",
    "description": "What the agent does and when to use it. Claude Code reads it to decide when to start "
    "the agent; it may span lines.",
    "tools": "The tools the agent may use, such as Read, Grep, Bash(git diff *) or mcp__server__tool. "
    "Leave the key out for every tool; [] means no tool at all.",
    "disallowed_tools": "Tools taken away from the set the agent would otherwise get.",
    "model": "The model: an alias (sonnet, opus, haiku, inherit...), sonnet[1m], or a full model id. "
    "extra_models in assembler.toml adds names.",
    "max_turns": "The most turns the agent may take: a whole number, at least 1.",
    "effort": "How hard the model thinks: low, medium, high, xhigh or max, or a whole number of at least 1.",
    "role": "Who the agent is and how it works, in Markdown paragraphs. The sections listed below "
    "(blocks, domain, handoffs, report fields, references) are composed around it.",
    "body": "The agent's whole text, rendered byte for byte, instead of role and the composed sections "
    "(what assembler import writes). It cannot be mixed with them.",
    "blocks": "Markdown blocks of _blocks/, by name, rendered in this order. The catalog's obligatory "
    "blocks must be among them.",
    "domain_in": "What the agent does: one line each, rendered under DOMAIN SCOPE.",
    "forbidden_domain": "What the agent must never do: one line each, rendered under FORBIDDEN.",
    "output_extra_fields": "Fields the agent's report adds to the common ones, one line each, such as "
    '"Verdict: PASS | FAIL".',
    "handoff": "The agents this one passes its work to, one [[handoff]] table each, written after every "
    "top-level key.",
    "handoff.target": "The agent handed off to: an agent of the catalog or one declared in "
    "external_agents, not this agent, not twice.",
    "handoff.trigger": "When to hand off, in one line.",
    "handoff.expects_artifact": "What the agent expects back, from the catalog's artifact names (spec, "
    "plan, patch, review, research unless assembler.toml says otherwise).",
    "handoff.produces_artifact": "What the agent hands over, from the catalog's artifact names.",
    "references": "Documents the agent should know of, rendered under REFERENCES.",
    "references.extra": "Paths and links: path:ALIAS/file for an alias declared in assembler.toml's "
    "[path_aliases], or a URL.",
    "taxonomy": "Where the agent sits in the catalog's classification: seven facets, each a value from its "
    "vocabulary (the built-in values plus those assembler.toml adds).",
    "taxonomy.kingdom": "What kind of thing this is (manifest for an agent).",
    "taxonomy.mechanism": "How it works: gate, verify, transform, compose...",
    "taxonomy.domain": "What it is about: quality, research, tools, agent...",
    "taxonomy.layer": "Which layer it belongs to: atom-substrate, agent-substrate, cross or tooling.",
    "taxonomy.stage": "When it acts: runtime, design-time or ephemeral.",
    "taxonomy.stability": "How settled it is: experimental, beta, stable or deprecated (deprecated needs "
    "lineage.successor).",
    "taxonomy.language": "The language of its source: toml for a manifest.",
    "lineage": "Where the agent comes from: who wrote it, when, and what it derives from.",
    "lineage.creator": "Who wrote the agent: a lowercase slug.",
    "lineage.created": "When the agent was written: a real date, YYYY-MM-DD, not in the future.",
    "lineage.parents": "What the agent builds on: [[slug]] links to agents or blocks of the catalog, "
    "without cycles.",
    "lineage.fork_from": "The agent this one was copied from: a [[slug]] link.",
    "lineage.successor": "The agent that replaces this one: a [[slug]] link, required when "
    'taxonomy.stability is "deprecated".',
    "substrate_role": "The substrate role in _roles/: the capabilities, tools and shell commands of this "
    "kind of worker.",
    "tool_module": "A runnable Python program generated from this table beside the agent; kind selects "
    "the plugin that renders it.",
    "tool_module.kind": 'The plugin that renders the program: "modal" for a cost-safe Modal GPU launcher.',
    "tool_module.name": "The module's name, a Python identifier: the build writes _generated/<name>.py.",
    "tool_module.pricing_url": "Where the GPU prices were read.",
    "tool_module.daily_cap_usd": "The most the program lets launches spend in a day, in US dollars.",
    "tool_module.confirm_stop_phrase": "The words a person types to let the program stop a running app; "
    "the program keeps only their digest.",
    "tool_module.tiers": "The cost tiers of a launch: AUTO below auto_below_usd, STOP above "
    "stop_above_usd, WARN in between.",
    "tool_module.tiers.auto_below_usd": "Launches estimated below this many dollars go ahead (AUTO).",
    "tool_module.tiers.stop_above_usd": "Launches estimated above this many dollars are refused (STOP); "
    "at most daily_cap_usd.",
    "tool_module.any_gpu": 'The GPUs gpu="any" may get; priced at the dearest of them.',
    "tool_module.gpu": "Every GPU type Modal offers, one [[tool_module.gpu]] table each.",
    "tool_module.gpu.name": "The GPU's name as Modal writes it, such as A10G or H100.",
    "tool_module.gpu.aliases": "Other names Modal accepts for this GPU.",
    "tool_module.gpu.min_torch": "The oldest torch version that supports the GPU, such as 2.0.",
    "tool_module.gpu.usd_per_hour": "Modal's list price per GPU-hour in US dollars.",
    "tool_module.gpu.max_count": "How many of these GPUs one container may have (default 8).",
    "tool_module.gpu.verified": "When the price was last confirmed, as a TOML date; left out, the program "
    "says the price is unconfirmed.",
    "tool_module.step": "The pre-launch checklist, in order, one [[tool_module.step]] table each.",
    "tool_module.step.label": "A short name for the step.",
    "tool_module.step.text": "What the step asks for, in one line.",
    "tool_module.step.checks": "What the program's preflight checks for this step (app-list, gpu-compat, "
    "file-verify, entrypoint, cost, or a lint rule); none: the agent does it.",
    "tool_module.invariant": "Correctness rules for training scripts, one [[tool_module.invariant]] table "
    "each.",
    "tool_module.invariant.text": "The rule, in one line.",
    "tool_module.invariant.rule": "The lint rule that checks it, if there is one.",
    "tool_module.report_field": "The report card's fields, one [[tool_module.report_field]] table each.",
    "tool_module.report_field.key": "Which figure the field shows.",
    "tool_module.report_field.label": "The field's label in the report.",
    "targets": "What the manifest says to one output target only, one table per target.",
    "targets.claude": "Frontmatter fields only Claude Code has, under Claude Code's own names.",
    "targets.claude.permissionMode": "How the agent asks for permission: default, acceptEdits, auto, "
    "dontAsk, bypassPermissions, plan or manual.",
    "targets.claude.skills": "Skills loaded into the agent, by name.",
    "targets.claude.mcpServers": "MCP servers the agent may use: a server's name, or a table holding one "
    "server, { name = { command = ..., args = [...] } }.",
    "targets.claude.hooks": "Hooks, as in Claude Code's settings: an event (PreToolUse, Stop...) maps to "
    "matcher groups, [[targets.claude.hooks.EVENT]].",
    "targets.claude.hooks.matcher": "Which tool calls the group's hooks run for, such as Bash.",
    "targets.claude.hooks.hooks": "The hooks of the group, each a table with a type.",
    "targets.claude.hooks.hooks.type": 'The hook\'s type; "command" runs a shell command.',
    "targets.claude.hooks.hooks.command": "The shell command a command hook runs.",
    "targets.claude.memory": "Which persistent memory the agent keeps: user, project or local.",
    "targets.claude.background": "Whether the agent runs in the background.",
    "targets.claude.isolation": "Where the agent works: worktree (a git worktree of its own) or remote.",
    "targets.claude.color": "The colour Claude Code shows the agent in: red, blue, green, yellow, purple, "
    "orange, pink or cyan.",
    "targets.claude.initialPrompt": "A first prompt the agent starts with.",
    "targets.claude.autoCompactWindow": "Claude Code's autoCompactWindow for the agent, in tokens: at "
    "least 100,000.",
    "targets.claude.omitClaudeMd": "Claude Code's omitClaudeMd for the agent: whether CLAUDE.md is left "
    "out of its context.",
    "targets.claude.observer": "Claude Code's observer field, written into the frontmatter as given.",
    "targets.claude.observerMessage": "Claude Code's observerMessage field, written into the frontmatter as "
    "given.",
    "targets.claude.observeSubagents": "Claude Code's observeSubagents field, written into the frontmatter "
    "as given.",
    "targets.claude.observeToolResults": "Claude Code's observeToolResults field, written into the "
    "frontmatter as given.",
    "targets.claude.experimental": "Claude Code's experimental settings for the agent, as a table.",
    "targets.claude.extra": "Keys Claude Code does not read, passed into the frontmatter as they are (kept "
    "by assembler import); none may be a field the manifest writes itself.",
    "memory_project": "Accepted from catalogs of the Rust _assembler and copied into the frontmatter.",
    "project_claudemd": "Accepted from catalogs of the Rust _assembler and copied into the frontmatter.",
    "produces_artifact": "Accepted from catalogs of the Rust _assembler and copied into the frontmatter.",
    "provider": "Accepted from catalogs of the Rust _assembler and copied into the frontmatter.",
    **_TARGETS,
}
