"""schemas.manifest: the manifest's JSON Schema describes every key, and taplo, run with it as an editor
runs it, passes every manifest the validator passes and flags what the validator refuses."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler import toolkinds
from assembler.commands import cli
from assembler.schemas.manifest import manifest_schema, tool_models
from assembler.schemas.manifest_docs import DESCRIPTIONS
from assembler.schemas.shape import keys
from tests.claude_catalog import write_catalog
from tests.conftest import REPO, manifest
from tests.taplo import taplo_check, write_schema


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_schema(tmp_path_factory.mktemp("schema"), "manifest.json", manifest_schema())


def test_every_key_is_described_and_every_description_names_a_key() -> None:
    found = {path for path, _ in keys(manifest_schema())}
    assert found - set(DESCRIPTIONS) == set(), "keys without a description in manifest_docs"
    assert set(DESCRIPTIONS) - found == set(), "descriptions of keys the models do not have"
    assert all(sub["description"] == DESCRIPTIONS[path] for path, sub in keys(manifest_schema()))


def test_every_tool_module_kind_has_its_model() -> None:
    assert set(tool_models()) == set(toolkinds.KINDS)


def test_body_excludes_the_composed_sections_and_nothing_is_nullable() -> None:
    schema = manifest_schema()
    assert schema["if"] == {"required": ["body"]}
    assert schema["then"]["properties"]["role"] is False
    assert "null" not in json.dumps(schema)


def test_taplo_passes_every_valid_manifest(schema_file: Path, tmp_path: Path) -> None:
    every_field = write_catalog(tmp_path / "claude")
    files = [
        *sorted((REPO / "_manifests").glob("*.toml")),
        *sorted((REPO / "tests/fixtures/roles_catalog/_manifests").glob("*.toml")),
        *sorted((every_field / "_manifests").glob("*.toml")),
    ]
    assert len(files) > 25
    assert taplo_check(files, cwd=tmp_path, schema=schema_file) == (0, [])


def _edit(text: str, after: str, line: str) -> str:
    """`text` with `line` inserted after the first line starting with `after` ("" appends it)."""
    if not after:
        return text + line + "\n"
    lines = text.splitlines()
    at = next(i for i, existing in enumerate(lines) if existing.startswith(after))
    return "\n".join([*lines[: at + 1], line, *lines[at + 1 :]]) + "\n"


def _replace(text: str, key: str, line: str) -> str:
    return "\n".join(line if x.startswith(f"{key} =") else x for x in text.splitlines()) + "\n"


BASE = manifest("fixer", "reviewer")
FLAGGED = [
    ("unknown key", _edit(BASE, "model", 'modle = "opus"'), "'modle' was unexpected", "A002"),
    ("unknown key in a table", _edit(BASE, "", "successr = 1"), "'successr' was unexpected", "A002"),
    ("key after [[handoff]]", _edit(BASE, "trigger", "max_turns = 5"), "'max_turns' was unexpected", "A002"),
    ("wrong type", _replace(BASE, "tools", 'tools = "Read"'), '"Read" is not of type "array"', "A004"),
    ("name not a slug", _replace(BASE, "name", 'name = "Fixer_Bot"'), '"Fixer_Bot" does not match', "A010"),
    ("turns below 1", _edit(BASE, "model", "max_turns = 0"), "0 is less than the minimum of 1", "A118"),
    ("effort level", _edit(BASE, "model", 'effort = "mid"'), '"mid" is not valid under any', "A110"),
    ("date", _replace(BASE, "created", 'created = "2026-13-40"'), '"2026-13-40" is not a "date"', "A061"),
    ("link", _replace(BASE, "parents", 'parents = ["baseline"]'), '"baseline" does not match', "A063"),
    ("body and role", _edit(BASE, "model", 'body = "All of it."'), "False schema does not allow", "A114"),
    (
        "permission mode",
        _edit(BASE, "", '[targets.claude]\npermissionMode = "yolo"'),
        '"yolo" is not one of',
        "A110",
    ),
    (
        "hook event",
        _edit(BASE, "", '[[targets.claude.hooks.OnSave]]\nhooks = [{ type = "command", command = "x" }]'),
        '"OnSave" is not one of',
        "A110",
    ),
    (
        "command hook without a command",
        _edit(BASE, "", '[[targets.claude.hooks.Stop]]\nhooks = [{ type = "command" }]'),
        '"command" is a required property',
        "A118",
    ),
    (
        "extra key the manifest writes itself",
        _edit(BASE, "", "[targets.claude.extra]\nmaxTurns = 3"),
        "is not allowed for",
        "A118",
    ),
]


@pytest.mark.parametrize(("text", "says", "code"), [f[1:] for f in FLAGGED], ids=[f[0] for f in FLAGGED])
def test_taplo_flags_what_the_validator_refuses(
    text: str, says: str, code: str, schema_file: Path, catalog: Callable[..., Path]
) -> None:
    root = catalog({"_manifests/fixer.toml": text})
    status, errors = taplo_check([root / "_manifests/fixer.toml"], cwd=root, schema=schema_file)
    assert status == 1 and any(says in e for e in errors), errors
    validated = CliRunner().invoke(cli, ["--root", str(root), "validate", "--format", "json"])
    assert code in {d["code"] for d in json.loads(validated.output)["diagnostics"]}


def test_vocabularies_a_configuration_extends_are_suggested_never_enforced(
    schema_file: Path, catalog: Callable[..., Path]
) -> None:
    text = _replace(BASE, "model", 'model = "house-model"')
    text = _replace(text, "tools", 'tools = ["Read", "HouseTool"]')
    text = _replace(text, "domain", 'domain = "billing"')
    text = _edit(text, "trigger", 'expects_artifact = "design"')
    config = (
        'extra_models = ["house-model"]\nextra_tools = ["HouseTool"]\n'
        'artifacts = ["design"]\n[taxonomy]\ndomain = ["billing"]\n'
    )
    root = catalog({"_manifests/fixer.toml": text, "assembler.toml": config})
    assert taplo_check([root / "_manifests/fixer.toml"], cwd=root, schema=schema_file) == (0, [])
    assert CliRunner().invoke(cli, ["--root", str(root), "validate"]).exit_code == 0
    properties = manifest_schema()["properties"]
    assert "enum" not in properties["model"] and "house-model" not in properties["model"]["examples"]
    assert "sonnet" in properties["model"]["examples"]
