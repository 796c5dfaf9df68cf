"""Every Claude Code field is checked for its allowed values, with the place and a "did you mean"."""

from __future__ import annotations

import pytest

from assembler.claudecode.checks import check_claude, known_model
from assembler.config import Config, parse_config
from assembler.manifest import Manifest, parse_manifest
from assembler.tomlparse import parse_toml
from tests.claude_catalog import MODELS

CONFIG = Config()


def agent(extra: str = "", claude: str = "") -> Manifest:
    text = f'name = "a"\ndescription = "d"\nbody = "b"\n{extra}\n[targets.claude]\n{claude}\n'
    parsed = parse_manifest(parse_toml(text))
    assert parsed.problems == [] and parsed.manifest is not None, parsed.problems
    return parsed.manifest


def found(m: Manifest, config: Config = CONFIG) -> list[tuple[tuple[str | int, ...], str, str]]:
    return [(p.path, p.code, p.message) for p in check_claude(m, config)]


@pytest.mark.parametrize("model", [*MODELS, "sonnet", "sonnet[1M]", "claude-haiku-4-5"])
def test_every_model_form_is_known(model: str) -> None:
    assert known_model(model, CONFIG.models)


@pytest.mark.parametrize("model", ["sonet", "haiku[1m]", "gpt-4", "claude", "us.claude-", "arn:aws:s3:::x"])
def test_unknown_models(model: str) -> None:
    assert found(agent(f'model = "{model}"')) == [(("model",), "A031", f"unknown model `{model}`")]


def test_extra_models_from_configuration() -> None:
    config = parse_config({"extra_models": ["gpt-oss"]})[0]
    assert found(agent('model = "gpt-oss"'), config) == []


def test_tools_every_form_and_its_problems() -> None:
    m = agent(
        'tools = ["Read", "TaskCreate", "Task(x)", "mcp__s", "MultiEdit", "Grpe", "Bash()", "*"]\n'
        'disallowed_tools = ["KillShell", "LS", "WebFetch(http://x)"]'
    )
    assert found(m) == [
        (
            ("tools", 4),
            "A111",
            "tool `MultiEdit` is gone from Claude Code: an agent naming it does not get it",
        ),
        (("tools", 5), "A030", "unknown tool `Grpe`"),
        (
            ("tools", 6),
            "A112",
            "`Bash()` is not a permission rule Claude Code accepts: the parentheses are empty",
        ),
        (
            ("disallowed_tools", 1),
            "A111",
            "tool `LS` is gone from Claude Code: an agent naming it does not get it",
        ),
        (
            ("disallowed_tools", 2),
            "A112",
            "`WebFetch(http://x)` is not a permission rule Claude Code accepts: "
            "WebFetch rules name a domain, not a URL",
        ),
    ]
    hints = [p.hint for p in check_claude(m, CONFIG)]
    assert hints[0] == "use `Edit` instead"
    assert hints[1] == "did you mean `Grep`? (more names: extra_tools in assembler.toml)"
    assert hints[3] == "use `Glob` instead"


def test_a_retired_name_is_a_warning() -> None:
    [problem] = check_claude(agent('tools = ["BashOutput"]'), CONFIG)
    assert problem.severity.value == "warning" and problem.hint == "remove it"


@pytest.mark.parametrize(
    ("key", "value", "what", "hint"),
    [
        ("permissionMode", "acceptedits", "a permission mode", "did you mean `acceptEdits`? "),
        ("memory", "projects", "a memory scope", "did you mean `project`? "),
        ("isolation", "sandbox", "an isolation mode", ""),
        ("color", "magenta", "a colour", ""),
    ],
)
def test_values_outside_the_vocabulary(key: str, value: str, what: str, hint: str) -> None:
    [problem] = check_claude(agent(claude=f'{key} = "{value}"'), CONFIG)
    assert (problem.path, problem.code) == (("targets", "claude", key), "A110")
    assert problem.message == f"`{value}` is not {what} Claude Code knows"
    assert problem.hint is not None and problem.hint.startswith(f"{hint}allowed: ")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("permissionMode", "manual"),
        ("permissionMode", "bypassPermissions"),
        ("memory", "local"),
        ("isolation", "worktree"),
        ("color", "cyan"),
    ],
)
def test_values_inside_the_vocabulary(key: str, value: str) -> None:
    assert found(agent(claude=f'{key} = "{value}"')) == []


def test_effort_and_turns() -> None:
    assert found(agent('effort = "max"\nmax_turns = 1')) == []
    assert found(agent("effort = 3")) == []
    assert [c for _, c, _ in found(agent('effort = "hihg"'))] == ["A110"]
    assert (
        found(agent("effort = 0\nmax_turns = 0"))
        == [
            (("max_turns",), "A118", "`max_turns` is below 1"),
            (("effort",), "A118", "`effort` is below 1"),
        ][::-1]
    )


def test_auto_compact_window_minimum() -> None:
    assert found(agent(claude="autoCompactWindow = 100000")) == []
    assert found(agent(claude="autoCompactWindow = 99999")) == [
        (("targets", "claude", "autoCompactWindow"), "A118", "`autoCompactWindow` is below 100,000")
    ]


def test_mcp_servers_names_or_one_server_tables() -> None:
    good = 'mcpServers = ["github", { local = { command = "npx" } }]'
    assert found(agent(claude=good)) == []
    bad = 'mcpServers = [{ a = { command = "x" }, b = { command = "y" } }, { c = "npx" }]'
    assert [(p, c) for p, c, _ in found(agent(claude=bad))] == [
        (("targets", "claude", "mcpServers", 0), "A118"),
        (("targets", "claude", "mcpServers", 1), "A118"),
    ]


def test_hooks_shape_and_events() -> None:
    good = (
        "[[targets.claude.hooks.PreToolUse]]\n"
        'matcher = "Bash"\n'
        'hooks = [{ type = "command", command = "echo hi" }, { type = "prompt", prompt = "x" }]\n'
    )
    assert found(agent(claude=good)) == []
    bad = (
        "[targets.claude.hooks]\n"
        'PreToolUse = "echo"\n'
        'Stop = [{ matcher = 1, hooks = [] }, { hooks = [{ type = "command" }, 5] }, 3]\n'
        "PreTooluse = []\n"
    )
    problems = check_claude(agent(claude=bad), CONFIG)
    assert [(p.path, p.code) for p in problems] == [
        (("targets", "claude", "hooks", "PreToolUse"), "A118"),
        (("targets", "claude", "hooks", "Stop", 0, "matcher"), "A118"),
        (("targets", "claude", "hooks", "Stop", 1, "hooks", 0), "A118"),
        (("targets", "claude", "hooks", "Stop", 1, "hooks", 1), "A118"),
        (("targets", "claude", "hooks", "Stop", 2), "A118"),
        (("targets", "claude", "hooks", "PreTooluse"), "A110"),
    ]
    assert problems[2].message == "`hooks.Stop[1].hooks[0]` is a command hook without a `command`"
    assert problems[-1].hint is not None and problems[-1].hint.startswith("did you mean `PreToolUse`? ")


def test_passed_through_keys_may_not_shadow_fields() -> None:
    m = agent(claude='[targets.claude.extra]\ntools = "Read"\ncolor = "red"\nmemory_project = true\nfine = 1')
    problems = check_claude(m, CONFIG)
    assert [(p.path[-1], p.hint) for p in problems] == [
        ("tools", "write it as tools"),
        ("color", "write it as [targets.claude] color"),
        ("memory_project", "write it as [targets.claude] memory_project"),
    ]
