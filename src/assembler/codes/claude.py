"""Codes for what a manifest says in Claude Code's terms, for the catalog's configurable rules, and for the
agent files `assembler import` reads."""

from __future__ import annotations

from assembler.codes import Code
from assembler.diagnostics import Severity

NOT_IN_VOCABULARY = Code(
    "A110",
    "value outside Claude Code's vocabulary",
    "`{value}` is not {what} Claude Code knows",
    "{suggestion}allowed: {allowed}",
    "A field that takes one of a fixed set of values (permissionMode, memory, effort, isolation, color, a "
    "hook event) holds another. Claude Code drops such a value without a word (and, for a hook event, the "
    "whole agent), so it is an error here. The vocabulary is Claude Code's, in `claudecode/vocab.py`.",
)
RETIRED_TOOL = Code(
    "A111",
    "tool name Claude Code no longer has",
    "tool `{tool}` is gone from Claude Code: an agent naming it does not get it",
    "{suggestion}",
    "An earlier Claude Code had this tool; the current one neither lists nor maps it, and drops it from "
    "the agent's tools (and refuses to start an agent none of whose tools remain). A warning: the agent "
    "still builds, and `assembler import` keeps the name so the agent reads as it did.",
    Severity.WARNING,
)
BAD_PERMISSION_RULE = Code(
    "A112",
    "malformed permission rule",
    "`{rule}` is not a permission rule Claude Code accepts: {problem}",
    "{suggestion}",
    "A tool entry written `Tool(specifier)` is checked as Claude Code checks permission rules: the "
    "specifier is not empty and ends the entry; Bash takes a command pattern (`Bash(git diff *)`, or the "
    "older prefix form `Bash(git:*)` with `:*` at the end only); file tools take path globs; WebFetch "
    "takes `domain:HOST`; WebSearch takes no wildcards; MCP tools (`mcp__server`, `mcp__server__tool`, "
    "`mcp__server__*`) take no parentheses.",
)
UNKNOWN_AGENT_IN_TOOLS = Code(
    "A113",
    "tool permission names an agent that is not in the catalog",
    "`{rule}` names agent `{agent}`, which is not an agent of the catalog",
    "{suggestion}",
    "`Agent(a, b)` (or its older name `Task(a)`) in `tools` limits which agents this one may start. Each "
    "name must be an agent of the catalog, or be declared in `external_agents` when it is defined "
    "elsewhere; Claude Code itself would only find out when the agent runs.",
)
BODY_WITH_SECTIONS = Code(
    "A114",
    "body together with composed sections",
    "`{key}` has no place in an agent written with `body`: its text is exactly the body",
    "{suggestion}",
    "A manifest gives its agent's text either as `role` with the sections composed around it (blocks, "
    "domain lists, handoffs, report fields, references, substrate role, tool module) or as `body`, "
    "rendered byte for byte and nothing else. The two cannot be mixed.",
)
BODY_BREAKS_RULES = Code(
    "A115",
    "body agent in a catalog whose rules require composed sections",
    "the catalog requires {requirements}, which an agent written with `body` cannot have",
    "write `role` and the sections instead of `body`, or relax the rules in assembler.toml "
    "(`assembler import --init` starts a catalog without them)",
    "The configuration's rules (`obligatory_blocks`, `min_handoffs`, `required_sections`) ask for parts "
    "that only a composed agent has. An agent given verbatim as `body`, as `assembler import` writes "
    "them, meets them only once it is rewritten as `role` and sections, or in a catalog whose "
    "configuration drops those rules.",
)
SECTION_REQUIRED = Code(
    "A116",
    "required section is empty",
    "`{key}` is empty, but the catalog requires it",
    "write it, or remove `{key}` from required_sections in assembler.toml",
    "The configuration's `required_sections` lists the sections every composed agent must fill in "
    "(by default role, domain_in and forbidden_domain). Sections without content are not rendered.",
)
CONTROL_IN_TEXT = Code(
    "A117",
    "description holds a control character",
    "`{key}` holds {char}; it may span lines but holds no other control character",
    "remove the character (a tab: write spaces)",
    "A description may span lines (it is written as a YAML block, which every YAML parser reads back "
    "exactly), but no other control character, no character that reorders text for display and no "
    "byte-order mark may stand in it.",
)
MALFORMED_FIELD = Code(
    "A118",
    "Claude Code field has the wrong shape",
    "`{key}` {problem}",
    "{suggestion}",
    "A Claude Code field holds a value of the right type but the wrong shape: hooks that are not a table "
    "of event to matcher groups with commands, an MCP server entry that is neither a name nor a table "
    "with one server, a count below its minimum, or a passed-through key that clashes with a field. "
    "Claude Code drops such values, and for hooks the whole agent.",
)
FRONTMATTER_INVALID = Code(
    "A120",
    "agent frontmatter is not valid",
    "the frontmatter cannot be read: {reason}",
    "{suggestion}",
    "The YAML between the `---` lines of an agent file does not parse, even the way Claude Code retries "
    "it, or is not a mapping of keys to values. Claude Code loads such an agent without any of its "
    "fields, so `assembler import` stops at it.",
)
READ_BY_FALLBACK = Code(
    "A121",
    "frontmatter line read only through Claude Code's fallback",
    "`{key}` is not valid YAML as written; Claude Code reads its value as plain text",
    'quote the value (`{key}: "..."`); the manifest keeps the text as Claude Code reads it',
    "A one-line value holding `: ` or a character YAML reserves (such as `#`, `{`, `@` or a backtick) "
    "makes the frontmatter invalid YAML. Claude Code then quotes such values and reads the frontmatter "
    "again; `assembler import` does the same and says where, since any other reader fails there.",
    Severity.WARNING,
)
NOT_AN_AGENT = Code(
    "A122",
    "file without frontmatter skipped",
    "{where} has no YAML frontmatter: not an agent file, skipped",
    "agent files start with a `---` line, the fields, and another `---` line",
    "A Markdown file that does not start with a frontmatter block (a README, an index) is not an agent; "
    "`assembler import` skips it and says so.",
    Severity.WARNING,
)
FRONTMATTER_CUT = Code(
    "A123",
    "`---` inside the frontmatter",
    "Claude Code ends the frontmatter at this `---`, {what}",
    "remove the `---` from the value, or quote the value and write one of its dashes as \\x2D",
    "Claude Code takes the frontmatter to end at the first `---` after the opening line, wherever it "
    "stands, even inside a value: the rest of the fields then read as the agent's prompt. assembler "
    "never writes `---` inside a frontmatter, and `assembler import` stops at a source that has one.",
)
UNKNOWN_FRONTMATTER_KEY = Code(
    "A124",
    "frontmatter key Claude Code does not read",
    "Claude Code does not read `{key}`: kept under [targets.claude.extra] and passed through",
    "{suggestion}",
    "A key of an agent's frontmatter that Claude Code ignores. `assembler import` keeps it, under "
    "`[targets.claude.extra]`, so the generated agent carries it as the source did.",
    Severity.WARNING,
)
VALUE_NOT_KEPT = Code(
    "A125",
    "frontmatter value TOML cannot hold",
    "`{key}` cannot be kept: {reason}",
    "{suggestion}",
    "TOML has no empty (null) value and only text keys; a frontmatter value that needs either is left "
    "out of the manifest, and the generated agent differs from its source there.",
    Severity.WARNING,
)
MANIFEST_EXISTS = Code(
    "A126",
    "manifest exists already",
    "{manifest} exists already and differs from the import",
    "{suggestion}",
    "`assembler import` does not overwrite a manifest someone may have edited, unless asked with "
    "`--force`, nor start a catalog with `--init` where a configuration exists. A file identical to "
    "the one the import would write is left as it is.",
)
DUPLICATE_FRONTMATTER_KEY = Code(
    "A127",
    "key written twice in the frontmatter",
    "`{key}` is written twice in the frontmatter",
    "keep one of them",
    "Two lines of one frontmatter set the same key. YAML does not allow it, and which value a reader "
    "keeps depends on the reader.",
)
