"""Claude Code's vocabulary, as of Claude Code 2.1.332: the one place it lives. Configuration extends the
tools (`extra_tools`) and models (`extra_models`)."""

from __future__ import annotations

# The tools Claude Code 2.1.332 lists as its own.
TOOLS: tuple[str, ...] = (
    "Agent",
    "Artifact",
    "AskUserQuestion",
    "Bash",
    "ClaudeDesign",
    "CronCreate",
    "CronDelete",
    "CronList",
    "Edit",
    "EndConversation",
    "EnterPlanMode",
    "EnterWorktree",
    "ExitPlanMode",
    "ExitWorktree",
    "Glob",
    "Grep",
    "ListAgents",
    "ListMcpResourcesTool",
    "LSP",
    "Monitor",
    "NotebookEdit",
    "OfferChromeSetup",
    "PowerShell",
    "Projects",
    "propose_skills",
    "PushNotification",
    "Read",
    "ReadMcpResourceDirTool",
    "ReadMcpResourceTool",
    "ReadNotifications",
    "RemoteTrigger",
    "ReportFindings",
    "ScheduleWakeup",
    "SendFeedback",
    "SendMessage",
    "SendUserFile",
    "SendUserMessage",
    "SetGoal",
    "ShareOnboardingGuide",
    "ShowOnboardingRolePicker",
    "Skill",
    "SubagentHandback",
    "TaskCreate",
    "TaskGet",
    "TaskList",
    "TaskStop",
    "TaskUpdate",
    "TodoWrite",
    "ToolSearch",
    "WaitForMcpServers",
    "WebFetch",
    "WebSearch",
    "Workflow",
    "Write",
)

# Former names Claude Code still accepts, and the tool each now means.
ALIASES: dict[str, str] = {
    "Task": "Agent",
    "KillShell": "TaskStop",
    "KillBash": "TaskStop",
    "ListPeers": "ListAgents",
    "Brief": "SendUserMessage",
    "ListMcpResources": "ListMcpResourcesTool",
    "ReadMcpResource": "ReadMcpResourceTool",
    "ReadMcpResourceDir": "ReadMcpResourceDirTool",
    "ProposeGoal": "SetGoal",
}

# Names earlier releases had and 2.1.332 neither lists nor maps: an agent naming one does not get it. The
# value says what to use instead, where there is something.
RETIRED: dict[str, str] = {
    "MultiEdit": "Edit",
    "LS": "Glob",
    "NotebookRead": "Read",
    "TodoRead": "TodoWrite",
    "SlashCommand": "Skill",
    "BashOutput": "",
    "BashOutputTool": "",
    "TaskOutput": "",
    "AgentOutput": "",
    "AgentOutputTool": "",
    "TeamCreate": "",
    "TeamDelete": "",
}

ALL_TOOLS = "*"  # in `tools`, every tool

# Model aliases an agent's `model` may name; `sonnet[1m]` and the like add the one-million-token context.
MODEL_ALIASES: tuple[str, ...] = ("sonnet", "opus", "haiku", "fable", "best", "opusplan", "inherit")
LONG_CONTEXT = ("sonnet", "opus", "fable")
# Full model ids: Anthropic's (`claude-sonnet-4-5-20250929`), Vertex's (`claude-sonnet-4-5@20250929`) and
# Bedrock's (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`, `anthropic.claude-opus-4-7`), each optionally
# with the `[1m]` suffix; and Bedrock inference profile ARNs.
# (Patterns as text: they are compiled where models are checked, not on every run that loads this list.)
MODEL_ID = (
    r"(?:(?:us|eu|apac|jp|au|us-gov|global)\.)?(?:anthropic\.)?"
    r"claude-[a-z0-9]+(?:[-.][a-z0-9]+)*(?::[0-9]+)?(?:@[0-9]{8})?(?:\[1[mM]\])?"
)
MODEL_ARN = r"arn:aws:bedrock:[a-z0-9-]+:[0-9]{12}:[a-z-]+/[A-Za-z0-9._:/-]+"

PERMISSION_MODES = ("default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan", "manual")
MEMORY_SCOPES = ("user", "project", "local")
EFFORT_LEVELS = ("low", "medium", "high", "xhigh", "max")
ISOLATION_MODES = ("worktree", "remote")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")
AUTO_COMPACT_MINIMUM = 100_000

HOOK_EVENTS: tuple[str, ...] = (
    "PreToolUse",
    "PostToolUse",
    "PostToolUseFailure",
    "PostToolBatch",
    "Notification",
    "UserPromptSubmit",
    "UserPromptExpansion",
    "SessionStart",
    "SessionEnd",
    "Stop",
    "StopFailure",
    "SubagentStart",
    "SubagentStop",
    "PreCompact",
    "PostCompact",
    "PreModelSwitch",
    "PostModelSwitch",
    "PermissionRequest",
    "PermissionDenied",
    "Setup",
    "TeammateIdle",
    "TaskCreated",
    "TaskCompleted",
    "Elicitation",
    "ElicitationResult",
    "ConfigChange",
    "WorktreeCreate",
    "WorktreeRemove",
    "InstructionsLoaded",
    "CwdChanged",
    "FileChanged",
    "DirectoryAdded",
    "MessageDisplay",
    "PreSkillShellCommand",
)

# The frontmatter keys of the fields a manifest holds at its top level (they mean the same in other tools),
# by manifest key.
TOP_LEVEL_KEYS: dict[str, str] = {
    "name": "name",
    "description": "description",
    "tools": "tools",
    "disallowed_tools": "disallowedTools",
    "model": "model",
    "max_turns": "maxTurns",
    "effort": "effort",
}

# The frontmatter keys only Claude Code has: a manifest sets them under [targets.claude], by these names.
CLAUDE_KEYS: tuple[str, ...] = (
    "permissionMode",
    "skills",
    "mcpServers",
    "hooks",
    "memory",
    "background",
    "isolation",
    "color",
    "initialPrompt",
    "autoCompactWindow",
    "omitClaudeMd",
    "observer",
    "observerMessage",
    "observeSubagents",
    "observeToolResults",
    "experimental",
)
