"""targets: the registry, the choice of targets, and what every target holds to: its coverage of every
canonical field, its stamp place, and hostile text read back exactly from its format."""

from __future__ import annotations

import json
import tomllib

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assembler.config import Config, parse_config
from assembler.manifest_targets import TARGET_FIELDS
from assembler.stamp import LOCATORS, locator
from assembler.targetconfig import TargetConfig
from assembler.targets import FIELDS, TARGETS, Target, clashes, scanned_folders, selected
from assembler.templating import BUILT_IN
from tests.target_cases import agent_of, sealed, stamp_intact

STATUSES = ("mapped", "approximated", "dropped")


def test_the_registry() -> None:
    assert list(TARGETS) == [
        "claude",
        "copilot",
        "codex",
        "opencode",
        "cursor",
        "kiro",
        "gemini",
        "qwen",
        "factory",
        "kilo",
    ]
    assert all(name == target.name for name, target in TARGETS.items())
    assert set(TARGET_FIELDS) == set(TARGETS) - {"claude"}  # each has a [targets.NAME] table
    assert len({t.project_dir for t in TARGETS.values()}) == len(TARGETS)


@pytest.mark.parametrize("target", TARGETS.values(), ids=list(TARGETS))
def test_every_target_says_how_it_writes_every_field(target: Target) -> None:
    assert list(target.coverage) == list(FIELDS)
    assert all(text.startswith(STATUSES) for text in target.coverage.values()), target.coverage
    assert target.kind == "agent" and target.follows and target.title
    assert locator(f"x{target.suffix}") is not None
    assert all((BUILT_IN / name).is_file() for name in target.templates)
    assert target.default_dir("_generated") in ("_generated", f"_generated/{target.name}")


def test_no_targets_table_is_claude_alone() -> None:
    chosen = selected(Config())
    assert [(c.target.name, c.folder, c.path("a")) for c in chosen] == [
        ("claude", "_generated", "_generated/a.md")
    ]


def test_chosen_targets_in_the_registrys_order_with_their_folders() -> None:
    data = {
        "generated_dir": "out",
        "targets": {"kiro": {}, "copilot": {"dir": ".github/agents"}, "claude": {}},
    }
    config, problems = parse_config(data, known_targets=tuple(TARGETS))
    assert problems == []
    assert [(c.target.name, c.path("a")) for c in selected(config)] == [
        ("claude", "out/a.md"),
        ("copilot", ".github/agents/a.agent.md"),
        ("kiro", "out/kiro/a.json"),
    ]
    assert clashes(selected(config)) == []


def test_two_targets_writing_the_same_files_clash() -> None:
    data = {
        "targets": {"claude": {"dir": "agents"}, "cursor": {"dir": "./agents/"}, "copilot": {"dir": "agents"}}
    }
    config, _ = parse_config(data, known_targets=tuple(TARGETS))
    assert clashes(selected(config)) == [("claude", "cursor", "agents/<name>.md")]


def test_folders_searched_for_orphans() -> None:
    folders = scanned_folders(Config())
    assert "_generated/copilot" in folders and ".github/agents" in folders and ".claude/agents" in folders
    assert "_generated" in folders and len(folders) == len(set(folders))


def test_every_format_has_a_stamp_place() -> None:
    assert {t.suffix.rsplit(".", 1)[-1] for t in TARGETS.values()} <= {s.lstrip(".") for s in LOCATORS}


# Hostile text: YAML, TOML and JSON syntax, the frontmatter fence, stamps, templates, line separators.
PIECES = [
    "---",
    "...",
    '"""',
    "'''",
    "\\",
    '"',
    "'",
    "{{ x }}",
    "{% raw %}",
    "#",
    ": ",
    "- ",
    "[",
    "{",
    "&a",
    "*a",
    "!tag",
    "%YAML",
    "@",
    "`",
    "|",
    ">",
    "yes",
    "null",
    "1e3",
    "0o17",
    "\u2028",
    "\u0085",
    "é",
    "😀",
    "assembler-stamp: agent::claude::deadbeef::deadbeef",
    '{\n  "prompt": "',
    "<!-- -->",
    "\t",
    " ",
]
ONE_LINE = (
    st.lists(st.sampled_from([p for p in PIECES if p not in ("\u2028", "\u0085")] + ["a", "b"]), max_size=8)
    .map("".join)
    .filter(lambda s: bool(s.strip()) and "\n" not in s)
)
TEXT = (
    st.lists(st.sampled_from([*PIECES, "\n", "a", "b"]), min_size=1, max_size=14)
    .map("".join)
    .filter(lambda s: bool(s.strip()))
)


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's (`ensure_ascii` off: no surrogate pairs)."""
    return json.dumps(value, ensure_ascii=False)


def _front(text: str) -> dict[str, object]:
    end = text.index("\n---\n", 3)
    assert "\n---\n" not in text[4:end]
    data = yaml.safe_load(text[4 : end + 1])
    assert isinstance(data, dict)
    return data


def _read_back(target: Target, text: str) -> tuple[str, str]:
    """(description, prompt) as the target's own format reads them."""
    if target.suffix == ".toml":
        data = tomllib.loads(text)
        return data["description"], data["developer_instructions"]
    if target.suffix == ".json":
        data = json.loads(text)
        return data["description"], data["prompt"].split("\n", 3)[3]
    front = _front(text)
    description = front["description"]
    assert isinstance(description, str)
    body = text[text.index("\n---\n", 3) + 5 :].split("\n", 1)[1]
    return description, body


@pytest.mark.parametrize("target", TARGETS.values(), ids=list(TARGETS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(description=TEXT, body=TEXT, model=ONE_LINE)
@example(description="...\n\n", body="---", model="---")  # a block kept open: the emitter ends the document
def test_hostile_text_reads_back_exactly(target: Target, description: str, body: str, model: str) -> None:
    source = (
        f'name = "hostile"\ndescription = {_toml_string(description)}\nmodel = "sonnet"\n'
        f"body = {_toml_string(body)}\n"
    )
    agent = agent_of(source)
    rel, text = sealed(target, agent, TargetConfig(models={"sonnet": model}))
    assert stamp_intact(rel, text)
    found_description, found_body = _read_back(target, text)
    normal = description.replace("\r\n", "\n")
    assert found_description == normal
    expected = body if body.endswith("\n") else body + "\n"
    assert found_body == expected
    if target.suffix.endswith(".md") and target.name not in ("claude", "opencode", "kilo"):
        front = _front(text)
        if "model" in front:
            assert front["model"] == model


@pytest.mark.parametrize("target", TARGETS.values(), ids=list(TARGETS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(role=TEXT, trigger=ONE_LINE)
def test_hostile_composed_agents_read_back(target: Target, role: str, trigger: str) -> None:
    from assembler.context import normalize

    source = (
        f'name = "hostile"\ndescription = "d"\nrole = {_toml_string(role)}\n'
        f'[[handoff]]\ntarget = "other"\ntrigger = {_toml_string(trigger)}\n'
    )
    rel, text = sealed(target, agent_of(source))
    assert stamp_intact(rel, text)
    _, prompt = _read_back(target, text)
    assert normalize(role) in prompt
    if target.name == "copilot":
        handoffs = _front(text)["handoffs"]
        assert isinstance(handoffs, list) and handoffs[0]["prompt"] == trigger
    else:
        assert f"- `other`: {trigger}\n" in prompt
