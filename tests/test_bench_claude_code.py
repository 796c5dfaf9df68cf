"""The real clients on what we generate: Claude Code's validator accepts every generated agent, and Claude
Code's YAML parser (Bun's) reads back every frontmatter value exactly, hostile text included. Skipped,
saying so, where `make claude-validator` could not install them (no npm)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assembler.claudecode.frontmatter import frontmatter_of, plain
from assembler.frontmatter import to_yaml
from assembler.manifest import parse_manifest
from assembler.pipeline import plan_catalog
from assembler.tomlparse import parse_toml
from benchmarks.claude_code import bun_bin, claude_bin, read_frontmatters, validate
from tests.claude_catalog import write_catalog
from tests.conftest import REPO

MISSING = "needs {what} from npm: run `make claude-validator` (npm was not found or the install failed)"


def _claude() -> Path:
    found = claude_bin()
    if found is None:
        pytest.skip(MISSING.format(what="Claude Code (@anthropic-ai/claude-code)"))
    return found


def _bun() -> Path:
    found = bun_bin()
    if found is None:
        pytest.skip(MISSING.format(what="Bun, the YAML parser Claude Code embeds"))
    return found


def _claudes(rel: str) -> bool:
    """A Claude Code agent file: `_generated/<name>.md` (the other targets write into subfolders)."""
    return rel.endswith(".md") and rel.count("/") == 1


def _generated(tmp_path: Path) -> dict[str, str]:
    """Every agent of the shipped catalog and of our catalog of every field, as `build` writes it."""
    agents: dict[str, str] = {}
    for label, root in (("shipped", REPO), ("every-field", write_catalog(tmp_path / "catalog"))):
        plan = plan_catalog(root, trust=False)
        assert plan.ok, plan.diagnostics
        for output in plan.outputs:
            if _claudes(output.rel) and output.text is not None:
                agents[f"{label}/{Path(output.rel).name}"] = output.text
    return agents


def test_claude_code_validator_accepts_every_generated_agent(tmp_path: Path) -> None:
    agents = _generated(tmp_path)
    assert len(agents) > 20
    report = validate(agents, _claude())
    assert report.problems == {}, report.output
    assert report.passed, report.output


def test_the_validator_is_real_and_can_fail(tmp_path: Path) -> None:
    """A frontmatter Claude Code cannot parse fails, so a pass above means something."""
    broken = "---\r\nname: broken\r\ndescription: Use it: when needed\r\n---\r\nBody\r\n"
    report = validate(
        {"broken.md": broken, "fine.md": "---\nname: fine\ndescription: ok\n---\nBody\n"}, _claude()
    )
    assert not report.passed
    assert list(report.problems) == ["broken.md"]


def test_claude_code_reads_every_frontmatter_and_body_exactly(tmp_path: Path) -> None:
    roots = [REPO, write_catalog(tmp_path / "catalog")]
    expected: list[tuple[dict[str, object], str]] = []
    texts: list[str] = []
    for root in roots:
        plan = plan_catalog(root, trust=False)
        for output in plan.outputs:
            if not _claudes(output.rel) or output.text is None:
                continue
            source = (root / "_manifests" / f"{output.agent}.toml").read_text(encoding="utf-8")
            m = parse_manifest(parse_toml(source)).manifest
            assert m is not None
            texts.append(output.text)
            expected.append((plain(frontmatter_of(m)), output.text.split("\n", 1)[1].split("---\n", 1)[1]))
    read = read_frontmatters(texts, _bun())
    for (data, body), found in zip(expected, read, strict=True):
        assert found["ok"], found
        assert found["value"] == data
        assert found["body"] == body


def test_every_markdown_targets_frontmatter_reads_alike_in_bun_and_pyyaml(tmp_path: Path) -> None:
    """Copilot, OpenCode, Cursor, Gemini CLI, Qwen Code, Factory and Kilo Code read their frontmatter with
    JavaScript YAML parsers; Bun's (YAML 1.2) reads every one of ours as PyYAML does, body included."""
    import yaml

    texts: list[str] = []
    for root in (REPO, write_catalog(tmp_path / "catalog", targets=True)):
        plan = plan_catalog(root, trust=False)
        assert plan.ok, plan.diagnostics
        texts += [o.text for o in plan.outputs if o.rel.endswith(".md") and not _claudes(o.rel) and o.text]
    assert len(texts) > 40
    for text, found in zip(texts, read_frontmatters(texts, _bun()), strict=True):
        end = text.index("\n---\n", 3)
        assert found["ok"], found
        assert found["value"] == yaml.safe_load(text[4 : end + 1])
        assert found["body"] == text[end + 5 :]


HOSTILE = "-:#{}[],&*!|>'\"%@`?~\\ \t\n\r\u2028\u0085é🚀0123456789eE.+xoyesnulltrue"


def test_claude_code_reads_back_hostile_values_exactly() -> None:
    """Random text over YAML's special characters, as values and as keys, in one run of the parser."""
    rng = random.Random(11)
    values = ["---", "a---b", "1e3", "0o17", "yes", "null", "~", "", " ", "\n", "x\n", "  x", "- x"]
    values += ["".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 24))) for _ in range(400)]
    texts = [
        "---\n" + to_yaml({"name": "x", "description": v, "extra": {v: [v]}}) + "---\nbody\n" for v in values
    ]
    for value, text, found in zip(values, texts, read_frontmatters(texts, _bun()), strict=True):
        assert found["ok"], (value, text, found)
        assert found["value"] == {"name": "x", "description": value, "extra": {value: [value]}}, text
        assert found["body"] == "body\n"


def test_our_tool_list_is_the_one_in_the_installed_claude_code() -> None:
    """Claude Code's program holds the list of its tool names; ours must be that list."""
    import json
    import mmap

    from assembler.claudecode import vocab

    with _claude().open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        start = data.find(b'["Agent","Artifact","AskUserQuestion"')
        assert start >= 0, "the tool list was not found in the program"
        found = json.loads(data[start : data.find(b"]", start) + 1])
    assert tuple(found) == vocab.TOOLS
