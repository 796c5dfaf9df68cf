"""authoring.template: the manifest `assembler new` writes builds under any configuration it can, explains
every key it writes with the schema's description, and says what to replace."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.authoring.template import TEXTS, handoffs_needed, new_manifest
from assembler.commands import cli
from assembler.config import Config, parse_config
from assembler.importer.run import INIT_CONFIG
from assembler.schemas.manifest_docs import DESCRIPTIONS
from assembler.tomlparse import parse_toml

TODAY = datetime.date(2026, 6, 1)


def _config(text: str) -> Config:
    config, problems = parse_config(parse_toml(text))
    assert not problems
    return config


def _builds(root: Path, name: str) -> None:
    """The agent builds and checks clean (the catalog's other agents may break a configuration's rules)."""
    built = CliRunner().invoke(cli, ["--root", str(root), "build", name])
    assert built.exit_code == 0, built.output
    assert CliRunner().invoke(cli, ["--root", str(root), "check", name]).exit_code == 0


CONFIGS = {
    "default": ("", ["reviewer"]),
    "relaxed, no agent to name": (INIT_CONFIG, []),
    "two handoffs, references required": (
        'min_handoffs = 2\nrequired_sections = ["role", "references"]\n',
        ["fixer", "reviewer"],
    ),
    "no obligatory blocks": ("obligatory_blocks = []\n", ["reviewer"]),
}


@pytest.mark.parametrize(("config_text", "targets"), CONFIGS.values(), ids=CONFIGS.keys())
def test_the_template_builds_under_the_configuration(
    config_text: str, targets: list[str], catalog: Callable[..., Path]
) -> None:
    config = _config(config_text)
    assert handoffs_needed(config, len(targets)) == len(targets)
    text = new_manifest("newcomer", config, targets, TODAY)
    root = catalog({"_manifests/newcomer.toml": text, "assembler.toml": config_text})
    _builds(root, "newcomer")
    data = parse_toml(text)
    assert [h["target"] for h in data.get("handoff", [])] == targets
    assert data["blocks"] == list(config.obligatory_blocks)
    assert ("references" in data) == ("references" in config.required_sections)
    assert data["lineage"]["created"] == "2026-06-01"


def test_every_key_written_is_explained_by_its_description_just_above() -> None:
    text = new_manifest("newcomer", _config('required_sections = ["references"]\n'), ["a", "b"], TODAY)
    lines = text.splitlines()
    table = ""
    explained = []
    for i, line in enumerate(lines):
        if line.startswith("["):
            table = line.strip("[]") + "."
            continue
        if " = " not in line or line.startswith(("#", " ")):
            continue
        key = table + line.split(" = ")[0]
        if key.startswith("handoff.") and key in explained:
            continue  # the second handoff: its keys are explained once, in the first
        wrapped = textwrap.wrap(DESCRIPTIONS[key], 98)
        above = [x.removeprefix("# ") for x in lines[i - len(wrapped) : i]]
        assert above == wrapped, key
        explained.append(key)
    assert "name" in explained and "lineage.created" in explained and "references.extra" in explained
    for table_name in ("handoff", "references", "taxonomy", "lineage"):  # and every table, above its header
        header = next(i for i, x in enumerate(lines) if x.strip("[]") == table_name)
        assert lines[header - 1] == "# " + textwrap.wrap(DESCRIPTIONS[table_name], 98)[-1]


def test_its_texts_say_what_to_replace() -> None:
    data = parse_toml(new_manifest("newcomer", Config(), ["a"], TODAY))
    texts = [data["description"], data["role"], *data["domain_in"], *data["forbidden_domain"]]
    texts += [*data["output_extra_fields"], data["handoff"][0]["trigger"], data["lineage"]["creator"]]
    assert all("replace" in t.lower() for t in texts), texts
    assert set(TEXTS) >= {"description", "role", "trigger"}


def test_same_inputs_same_bytes_and_hostile_names_stay_data() -> None:
    hostile = ('qu"ote', 'tri"""ple', "back\\slash", "new\nline", "tab\tx", "[[x]]", "# not a comment")
    config = Config(obligatory_blocks=hostile)
    text = new_manifest("newcomer", config, ["a"], TODAY)
    assert text == new_manifest("newcomer", config, ["a"], TODAY)
    data = parse_toml(text)
    assert data["blocks"] == list(hostile)
    assert data["lineage"]["parents"] == ['[[qu"ote]]']
