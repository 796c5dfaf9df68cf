"""A manifest's `[targets.NAME]` tables for the targets other than Claude Code (whose table is
`manifest.ClaudeFields`): fields one coding agent has, or a value in its own terms that replaces what the
canonical fields map to. Each table is typed here (unknown keys are A002 with "did you mean", types A004);
its values are checked against the target's vocabulary in the target's module (`targets/`).

Keys are the target's own names where they are words (`sandbox_mode`, `approvalMode`); Copilot's keys with
dashes are written with underscores (`argument_hint` for `argument-hint`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

_FORBID: Any = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class CopilotFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | tuple[str, ...] | None = None  # a model, or several tried in order (VS Code)
    tools: tuple[str, ...] | None = None  # in Copilot's names: replaces the mapped tools
    target: str | None = None  # vscode | github-copilot
    argument_hint: str | None = None
    user_invocable: bool | None = None
    disable_model_invocation: bool | None = None


@dataclass(frozen=True, slots=True)
class CodexFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None
    sandbox_mode: str | None = None  # replaces the mode derived from the tools
    model_reasoning_effort: str | None = None  # replaces the one derived from `effort`
    approval_policy: str | None = None
    web_search: str | None = None  # replaces the one derived from WebSearch
    nickname_candidates: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class OpenCodeFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None  # provider/model
    mode: str | None = None  # default subagent
    temperature: float | None = None
    top_p: float | None = None
    steps: int | None = None  # replaces max_turns
    hidden: bool | None = None
    color: str | None = None


@dataclass(frozen=True, slots=True)
class KiloFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None
    mode: str | None = None
    temperature: float | None = None
    top_p: float | None = None
    steps: int | None = None
    hidden: bool | None = None
    color: str | None = None


@dataclass(frozen=True, slots=True)
class CursorFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None
    readonly: bool | None = None  # replaces the one derived from the tools
    is_background: bool | None = None


@dataclass(frozen=True, slots=True)
class KiroFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None
    tools: tuple[str, ...] | None = None  # in Kiro's names: replaces the mapped tools
    allowedTools: tuple[str, ...] | None = None  # replaces the read-only tools allowed without asking
    resources: tuple[str, ...] | None = None  # file:// paths
    useLegacyMcpJson: bool | None = None


@dataclass(frozen=True, slots=True)
class GeminiFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None
    tools: tuple[str, ...] | None = None  # in Gemini CLI's names: replaces the mapped tools
    temperature: float | None = None
    timeout_mins: int | None = None


@dataclass(frozen=True, slots=True)
class QwenFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None
    tools: tuple[str, ...] | None = None  # in Qwen Code's names: replaces the mapped tools
    approvalMode: str | None = None
    color: str | None = None


@dataclass(frozen=True, slots=True)
class FactoryFields:
    __pydantic_config__: ClassVar[Any] = _FORBID
    model: str | None = None
    tools: str | tuple[str, ...] | None = None  # a category or Factory's tool ids: replaces the mapped tools
    reasoningEffort: str | None = None  # replaces the one derived from `effort`


TARGET_FIELDS: dict[str, type] = {
    "copilot": CopilotFields,
    "codex": CodexFields,
    "opencode": OpenCodeFields,
    "cursor": CursorFields,
    "kiro": KiroFields,
    "gemini": GeminiFields,
    "qwen": QwenFields,
    "factory": FactoryFields,
    "kilo": KiloFields,
}
