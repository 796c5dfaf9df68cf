"""manifest: the model of one agent, its validation problems, and the trusted fast path."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from assembler.diagnostics import Problem
from assembler.located import locate_problems
from assembler.manifest import (
    Handoff,
    Lineage,
    Manifest,
    References,
    parse_manifest,
)
from assembler.tomlparse import parse_toml
from tests.conftest import REPO, manifest, valid_or_problems

TYPE_HINT = "see the manifest format in README for the type of each key"
HANDOFF_TRIGGER = 'trigger = "the patch needs changes"'


def parse(text: str) -> tuple[Manifest | None, list[Problem]]:
    return valid_or_problems(parse_manifest(parse_toml(text)))


def problems_of(text: str) -> list[Problem]:
    model, problems = parse(text)
    assert model is None
    assert problems
    return problems


def by_code(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def test_good_manifest() -> None:
    model, problems = parse(manifest("reviewer", "fixer"))
    assert problems == []
    assert model is not None
    assert model.name == "reviewer"
    assert model.tools == ("Read", "Grep")
    assert model.role == "You review patches.\n"
    assert model.blocks == ("baseline", "evidence-grading", "memory-protocol")
    assert model.handoff == (Handoff(target="fixer", trigger="the patch needs changes"),)
    assert model.references == References()
    assert model.lineage == Lineage(creator="test-suite", created="2026-01-02", parents=("[[baseline]]",))
    assert model.taxonomy is not None and model.taxonomy.stability == "stable"
    assert model.substrate_role is None


def test_toml_date_is_accepted() -> None:
    model, problems = parse(
        manifest("a", "b", created="created = 2026-01-02"),
    )
    assert problems == []
    assert model is not None and model.lineage is not None
    assert model.lineage.created == datetime.date(2026, 1, 2)


def test_unknown_key_did_you_mean() -> None:
    problems = problems_of(manifest("a", "b").replace("name =", "nmae ="))
    unknown = by_code(problems, "A002")
    assert unknown.path == ("nmae",)
    assert unknown.message == "unknown key `nmae`"
    assert unknown.hint == "did you mean `name`?"
    missing = by_code(problems, "A003")
    assert missing.message == "missing required key `name`"
    assert missing.hint == "add `name = ...`"


def test_unknown_key_in_a_nested_table_did_you_mean() -> None:
    problems = problems_of(manifest("a", "b").replace("stage =", "stag ="))
    unknown = by_code(problems, "A002")
    assert unknown.path == ("taxonomy", "stag")
    assert unknown.message == "unknown key `taxonomy.stag`"
    assert unknown.hint == "did you mean `stage`?"
    missing = by_code(problems, "A003")
    assert missing.path == ("taxonomy",)
    assert missing.message == "missing required key `taxonomy.stage`"
    assert missing.hint == "add `stage = ...`"


def test_unknown_key_without_a_close_match() -> None:
    problem = by_code(problems_of("zzzzqqq = 1\n" + manifest("a", "b")), "A002")
    assert problem.hint == "remove it, or check the manifest format in README"


def test_top_level_key_after_a_handoff_table() -> None:
    text = manifest("a", "b").replace('forbidden_domain = ["Merging without tests"]\n', "")
    text = text.replace(HANDOFF_TRIGGER, HANDOFF_TRIGGER + '\nforbidden_domain = ["Merging"]')
    problems = problems_of(text)
    unknown = by_code(problems, "A002")
    assert unknown.path == ("handoff", 0, "forbidden_domain")
    assert unknown.message == "unknown key `handoff[0].forbidden_domain`"
    assert unknown.hint == (
        "`forbidden_domain` is a top-level key, but in TOML every key after a [[handoff]] header "
        "belongs to that handoff table: move it above the first [[handoff]]"
    )
    located = {d.code: d.line for d in locate_problems(problems, "a.toml", text)}
    assert located["A002"] == text.splitlines().index('forbidden_domain = ["Merging"]') + 1


def test_misspelt_handoff_key_did_you_mean() -> None:
    problems = problems_of(manifest("a", "b").replace("trigger =", "trigge ="))
    unknown = by_code(problems, "A002")
    assert unknown.path == ("handoff", 0, "trigge")
    assert unknown.hint == "did you mean `trigger`?"
    missing = by_code(problems, "A003")
    assert missing.path == ("handoff", 0)
    assert missing.message == "missing required key `handoff[0].trigger`"


@pytest.mark.parametrize("key", ["name", "description"])
def test_missing_key(key: str) -> None:
    text = "\n".join(line for line in manifest("a", "b").splitlines() if not line.startswith(f"{key} ="))
    problem = by_code(problems_of(text + "\n"), "A003")
    assert problem.path == ()
    assert problem.message == f"missing required key `{key}`"
    assert problem.hint == f"add `{key} = ...`"


@pytest.mark.parametrize(
    ("key", "default"),
    [
        ("model", None),
        ("tools", None),
        ("blocks", ()),
        ("domain_in", ()),
        ("forbidden_domain", ()),
        ("role", None),
        ("taxonomy", None),
        ("lineage", None),
    ],
)
def test_keys_claude_code_does_not_require_are_optional(key: str, default: object) -> None:
    """What only the catalog's rules require (validate_rules) is left out without a parse problem."""
    lines = manifest("a", "b").splitlines()
    if key in ("taxonomy", "lineage"):
        start = lines.index(f"[{key}]")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        lines = lines[:start] + lines[end:]
    else:
        lines = [line for line in lines if not line.startswith(f"{key} =")]
    text = "\n".join(lines) + "\n"
    if key == "role":
        text = text.replace('You review patches.\n"""\n', "")
    m, problems = parse(text)
    assert problems == [] and m is not None
    assert getattr(m, key) == default


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ('model = "sonnet"', "model = 3", ("model",), "`model` should be a string, not an integer"),
        ('model = "sonnet"', "model = true", ("model",), "`model` should be a string, not a boolean"),
        ('model = "sonnet"', "model = 1.5", ("model",), "`model` should be a string, not a number"),
        (
            'tools = ["Read", "Grep"]',
            'tools = "Read"',
            ("tools",),
            "`tools` should be an array, not a string",
        ),
        (
            'tools = ["Read", "Grep"]',
            'tools = ["Read", 3]',
            ("tools", 1),
            "`tools[1]` should be a string, not an integer",
        ),
        (
            'tools = ["Read", "Grep"]',
            'tools = ["Read", {a = 1}]',
            ("tools", 1),
            "`tools[1]` should be a string, not a table",
        ),
        (
            'description = "Reviews patches: reads the diff, runs the tests and reports."',
            'description = ["a"]',
            ("description",),
            "`description` should be a string, not an array",
        ),
        ("[[handoff]]", "[handoff]", ("handoff",), "`handoff` should be an array, not a table"),
        (
            'created = "2026-01-02"',
            "created = 5",
            ("lineage", "created"),
            "`lineage.created` should be a string, not an integer",
        ),
        (
            'parents = ["[[baseline]]"]',
            'parents = "[[baseline]]"',
            ("lineage", "parents"),
            "`lineage.parents` should be an array, not a string",
        ),
    ],
)
def test_wrong_type(old: str, new: str, path: tuple[str | int, ...], message: str) -> None:
    text = manifest("a", "b").replace(old, new, 1)
    assert text != manifest("a", "b")
    problem = by_code(problems_of(text), "A004")
    assert problem.path == path
    assert problem.message == message
    assert problem.hint == TYPE_HINT


def test_wrong_type_of_a_legacy_key() -> None:
    problem = by_code(problems_of("memory_project = 3\n" + manifest("a", "b")), "A004")
    assert problem.message == "`memory_project` should be a string, not an integer"


def test_datetime_created_message_does_not_reject_dates() -> None:
    text = manifest("a", "b", created="created = 2026-01-02T10:00:00")
    problem = by_code(problems_of(text), "A004")
    assert problem.path == ("lineage", "created")
    assert not problem.message.endswith("not a date")


def test_tool_module_of_the_wrong_type_says_table() -> None:
    problem = by_code(problems_of("tool_module = 3\n" + manifest("a", "b")), "A004")
    assert problem.message == "`tool_module` should be a table, not an integer"


def test_legacy_keys_are_accepted() -> None:
    text = (
        'memory_project = true\nproject_claudemd = "CLAUDE.md"\n'
        'produces_artifact = "spec"\nprovider = "anthropic"\n' + manifest("a", "b")
    )
    model, problems = parse(text)
    assert problems == []
    assert model is not None
    assert model.memory_project is True
    assert model.project_claudemd == "CLAUDE.md"
    assert model.produces_artifact == "spec"
    assert model.provider == "anthropic"


def test_one_problem_per_path_and_code() -> None:
    problems = problems_of(manifest("a", "b", model="model = 3"))
    assert len({(p.path, p.code) for p in problems}) == len(problems)


REPO_MANIFESTS = sorted((REPO / "_manifests").glob("*.toml"))


def test_repo_has_manifests() -> None:
    assert len(REPO_MANIFESTS) >= 2


@pytest.mark.parametrize("path", REPO_MANIFESTS, ids=lambda p: p.stem)
def test_every_repo_manifest_is_valid(path: Path) -> None:
    data: dict[str, Any] = parse_toml(path.read_text(encoding="utf-8"))
    model, problems = valid_or_problems(parse_manifest(data))
    assert problems == []
    assert model is not None and model.name == path.stem


def test_every_optional_key_is_read() -> None:
    text = (
        'substrate_role = "edit-local"\nmemory_project = "m"\n'
        + manifest("a", "b", created="created = 2026-01-02")
        + '\n[references]\nextra = ["path:docs/x.md"]\n'
    )
    text = text.replace(
        HANDOFF_TRIGGER, HANDOFF_TRIGGER + '\nexpects_artifact = "review"\nproduces_artifact = "patch"'
    )
    data = parse_toml(text)
    model, problems = valid_or_problems(parse_manifest(data))
    assert problems == []
    assert model is not None
    assert model.substrate_role == "edit-local" and model.memory_project == "m"
    assert model.references.extra == ("path:docs/x.md",)
    assert model.handoff[0].expects_artifact == "review" and model.handoff[0].produces_artifact == "patch"


def test_claude_code_fields_live_in_targets_claude_with_did_you_mean() -> None:
    text = manifest("a", "b") + '\n[targets.claude]\ncolour = "red"\n[targets.codx]\nmodel = "x"\n'
    text += '[targets.codex]\nsandbox = "read-only"\n[targets.zzzzzz]\nmodel = "x"\n'
    problems = problems_of(text)
    assert sorted((p.path, p.hint) for p in problems if p.code == "A002") == [
        (("targets", "claude", "colour"), "did you mean `color`?"),
        (("targets", "codex", "sandbox"), "did you mean `sandbox_mode`?"),
        (("targets", "codx"), "did you mean `codex`?"),
        (("targets", "zzzzzz"), "remove it, or check the manifest format in README"),
    ]
