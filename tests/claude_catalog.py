"""A catalog of our own that uses every Claude Code field, every tool and model form, descriptions of
several lines, hard line breaks, `{{ }}` in code and in prose, and hostile text, for the tests that run the
real clients (tests/test_bench_claude_code.py) and the import round trip (tests/test_importer_run.py).

`<HARD BREAK>` stands for two trailing spaces (a Markdown hard line break), which the linter would strip
from this file."""

from __future__ import annotations

from pathlib import Path

CONFIG = """\
obligatory_blocks = []
min_handoffs = 0
required_sections = []
require_taxonomy = false
require_lineage = false
external_agents = ["outside-helper"]
"""

EVERY_FIELD = '''\
name = "every-field"
description = """
Use this agent for everything a subagent can declare.

<example>
user: "review this: it has --- dashes, # hashes and {braces}"
assistant: "I will use the every-field agent."
</example>"""
tools = [
    "Read",
    "Grep",
    "Bash",
    "Bash(git diff:*)",
    "Bash(npm run test *)",
    "Edit(src/**)",
    "Read(./docs/**/*.md)",
    "WebFetch(domain:example.com)",
    "WebFetch(domain:*.example.org)",
    "WebSearch(claude code subagents)",
    "Agent(helper, reviewer)",
    "Task(outside-helper)",
    "Skill(pdf)",
    "mcp__github",
    "mcp__github__create_issue",
    "mcp__github__*",
    "mcp__playwright__browser_*",
    "TaskCreate",
    "TaskGet",
    "TaskList",
    "TaskUpdate",
    "SendMessage",
    "AskUserQuestion",
    "Skill",
    "KillShell",
]
disallowed_tools = ["Write", "Bash(rm *)", "mcp__github__delete_repo"]
model = "sonnet[1m]"
max_turns = 12
effort = "xhigh"
body = """
You do everything.<HARD BREAK>
This line follows a hard line break.

In prose, a Vue template reads {{ message }} and a workflow ${{ matrix.python-version }}.

```yaml
name: ci
run: echo "${{ secrets.TOKEN }} {{PLACEHOLDER}}"
---
assembler-stamp: agent::claude::deadbeef::deadbeef
```

Inline code `{{NAME}}` is an example, not a placeholder.
"""

[targets.claude]
permissionMode = "acceptEdits"
skills = ["pdf", "xlsx"]
mcpServers = ["github", { local = { command = "npx", args = ["-y", "some-server"] } }]
memory = "project"
background = false
isolation = "worktree"
color = "purple"
initialPrompt = """
Start by reading the README.
Then: report --- in one line."""
autoCompactWindow = 200000
omitClaudeMd = true
observer = "watcher"
observerMessage = "Watch the tool calls: note any # comment or : colon."
observeSubagents = true
observeToolResults = false
experimental = { cacheTtl = "5m" }

[[targets.claude.hooks.PreToolUse]]
matcher = "Bash"
hooks = [{ type = "command", command = "echo '--- checked: yes' >> /tmp/log" }]

[[targets.claude.hooks.Stop]]
hooks = [{ type = "command", command = "true", timeout = 30 }]

[targets.claude.extra]
expertise_level = "senior"
"odd key: with --- dashes" = ["a # b", "1e3", "yes", "null", "- item"]
level = 3
'''

HELPER = '''\
name = "helper"
description = "Helps: with the one thing (# not a comment)"
body = """
Help.
"""
'''

NO_TOOLS = """\
name = "no-tools"
description = "Has no tools at all."
tools = []
model = "haiku"
body = "Think, do not act.\\r\\nTwo lines, CRLF in the manifest.\\r\\n"
"""

ALL_TOOLS = '''\
name = "all-tools"
description = "No tools key: every tool."
body = """
Everything is allowed.
"""
'''

REVIEWER = '''\
name = "reviewer"
description = "Reviews patches: reads the diff, runs the tests and reports."
tools = ["Read", "Grep", "Bash(pytest *)"]
model = "opus"
role = """
You review patches.<HARD BREAK>
Hard break above; a {{ vue }} binding and `{{CODE}}` in code are fine.
"""
blocks = ["baseline"]
domain_in = ["Reviewing patches"]
forbidden_domain = ["Merging without tests"]

[[handoff]]
target = "helper"
trigger = "the patch needs a helping hand"
'''

MODELS = (
    "opus",
    "haiku",
    "fable",
    "best",
    "opusplan",
    "inherit",
    "opus[1m]",
    "fable[1m]",
    "claude-sonnet-4-5-20250929",
    "claude-opus-4-7",
    "claude-3-5-sonnet-v2@20241022",
    "claude-sonnet-4-5@20250929",
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "global.anthropic.claude-opus-4-6-v1",
    "anthropic.claude-opus-4-7",
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
)


def model_agent(index: int, model: str) -> tuple[str, str]:
    name = f"model-{index}"
    text = (
        f'name = "{name}"\ndescription = "Runs on {model}."\nmodel = "{model}"\nbody = "Model {index}.\\n"\n'
    )
    return f"_manifests/{name}.toml", text


FILES: dict[str, str] = {
    "assembler.toml": CONFIG,
    "_blocks/baseline.md": "# BASELINE\n\nNo invented facts.  \nNot one.\n",
    "_manifests/every-field.toml": EVERY_FIELD.replace("<HARD BREAK>", "  "),
    "_manifests/helper.toml": HELPER,
    "_manifests/no-tools.toml": NO_TOOLS,
    "_manifests/all-tools.toml": ALL_TOOLS,
    "_manifests/reviewer.toml": REVIEWER.replace("<HARD BREAK>", "  "),
    **dict(model_agent(i, m) for i, m in enumerate(MODELS)),
}


# Every target, each (but Claude Code) into its own folder: the same agents in every format.
TARGETS_CONFIG = "".join(
    f"[targets.{name}]\n"
    for name in (
        *("claude", "copilot", "codex", "opencode", "cursor"),
        *("kiro", "gemini", "qwen", "factory", "kilo"),
    )
)


def write_catalog(root: Path, *, targets: bool = False) -> Path:
    """The catalog, written under `root` (the texts are written as they are: no dedent applies);
    `targets`: for every target."""
    files = dict(FILES)
    if targets:
        files["assembler.toml"] = files["assembler.toml"] + TARGETS_CONFIG
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
