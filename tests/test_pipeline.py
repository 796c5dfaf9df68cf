"""pipeline: a whole run through `plan_catalog`, from the catalog's files to the outputs in memory."""

from __future__ import annotations

import datetime
import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from assembler.diagnostics import Severity, format_text
from assembler.pipeline import Plan, plan_catalog
from tests.conftest import BLOCKS, manifest, role_file, write_tree

TODAY = datetime.date(2026, 3, 1)
HANDOFF_TRIGGER = 'trigger = "the patch needs changes"'


def plan_of(root: Path) -> Plan:
    return plan_catalog(root, today=TODAY)


def outputs(plan: Plan) -> dict[str, str]:
    assert plan.ok, format_text(plan.diagnostics)
    found: dict[str, str] = {}
    for output in plan.outputs:
        assert output.text is not None
        found[output.rel] = output.text
    return found


def frontmatter(text: str) -> dict[str, Any]:
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    data: dict[str, Any] = yaml.safe_load("\n".join(lines[1:end]))
    return data


def toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def toml_list(*values: str) -> str:
    return "[" + ", ".join(toml_str(v) for v in values) + "]"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every path opened during the test (`os.open`, `Path.read_text`, `Path.read_bytes`), resolved."""
    import os

    seen: list[Path] = []
    read_text, read_bytes, os_open = Path.read_text, Path.read_bytes, os.open

    def text(self: Path, *args: Any, **kwargs: Any) -> str:
        seen.append(self.resolve())
        return read_text(self, *args, **kwargs)

    def data(self: Path) -> bytes:
        seen.append(self.resolve())
        return read_bytes(self)

    def opened(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd = os_open(path, flags, *args, **kwargs)
        seen.append(Path(f"/proc/self/fd/{fd}").readlink())  # what was really opened
        return fd

    monkeypatch.setattr(Path, "read_text", text)
    monkeypatch.setattr(Path, "read_bytes", data)
    monkeypatch.setattr(os, "open", opened)
    yield seen


# all problems together, no outputs on error


def test_every_problem_of_the_run_is_reported_together(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_manifests/broken.toml": 'name = "broken"\nmodel = sonnet\n',
            "_manifests/fixer.toml": manifest("fixer", "reviewer").replace("name =", "nmae ="),
            "_manifests/reviewer.toml": manifest(
                "reviewer", "fixr", model='model = "sonet"', tools='tools = ["Read", "Grpe"]'
            ),
            "_blocks/memory-protocol.md": "# MEMORY\n\n```\nnever closed\n",
        }
    )
    plan = plan_of(root)
    assert not plan.ok
    assert plan.outputs == []
    text = format_text(plan.diagnostics)
    heads = [line for line in text.splitlines() if not line.startswith("    ")]
    assert heads == [
        "_blocks/memory-protocol.md:3:1: A023: code fence opened on line 3 of the block is never closed: "
        "it swallows every section after it",
        "_manifests/broken.toml:2:9: A001: TOML syntax error: string values must be quoted, "
        "expected literal string",
        "_manifests/fixer.toml:1:1: A002: unknown key `nmae`",
        "_manifests/fixer.toml:1:1: A003: missing required key `name`",
        "_manifests/reviewer.toml:3:18: A030: unknown tool `Grpe`",
        "_manifests/reviewer.toml:4:1: A031: unknown model `sonet`",
        "_manifests/reviewer.toml:14:1: A041: handoff target `fixr` is not an agent of the catalog",
    ]
    assert len(plan.diagnostics) == len(heads)


def test_a041_names_an_invalid_manifest_as_an_agent(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", model="model = 3")})
    codes = [d.code for d in plan_of(root).diagnostics]
    assert codes == ["A004"]  # reviewer's handoff to fixer is fine: fixer.toml exists


def test_no_outputs_when_any_error(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", model='model = "x"')})
    plan = plan_of(root)
    assert [d.code for d in plan.diagnostics] == ["A031"]
    assert plan.outputs == []


def test_warnings_do_not_stop_the_build(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_roles/read-only.toml": role_file("read-only", allowed=["Read"]),
            "_manifests/fixer.toml": 'substrate_role = "read-only"\n' + manifest("fixer", "reviewer"),
        }
    )
    plan = plan_of(root)
    assert [(d.code, d.severity) for d in plan.diagnostics] == [("A032", Severity.WARNING)]
    assert sorted(outputs(plan)) == ["_generated/fixer.md", "_generated/reviewer.md"]


def test_missing_manifests_folder(tmp_path: Path) -> None:
    plan = plan_of(tmp_path)
    assert [(d.code, d.file, d.message) for d in plan.diagnostics] == [
        ("A005", "_manifests", "_manifests/ cannot be read: the folder does not exist"),
    ]


def test_bad_configuration_stops_before_manifests(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": 'blocks_dir = "../elsewhere"\n'})
    plan = plan_of(root)
    assert [(d.code, d.file, d.line) for d in plan.diagnostics] == [("A090", "assembler.toml", 1)]
    assert plan.outputs == []


# nothing outside the catalog is read


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "../secret"])
def test_block_name_leaving_the_folder(catalog: Callable[..., Path], reads: list[Path], name: str) -> None:
    blocks = toml_list("baseline", "evidence-grading", "memory-protocol", name)
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", blocks=f"blocks = {blocks}")})
    write_tree(root.parent, {"secret.md": "SECRET\n"})
    plan = plan_of(root)
    assert [(d.code, d.file, d.line, d.column, d.message) for d in plan.diagnostics] == [
        ("A013", "_manifests/fixer.toml", 8, 62, f"block name `{name}` leads outside _blocks/"),
    ]
    assert plan.outputs == []
    assert Path("/etc/passwd").resolve() not in reads
    catalog_files = [p for p in reads if p.is_relative_to(root.parent.resolve())]
    assert all(p.is_relative_to(root.resolve()) for p in catalog_files)


def test_block_symlink_leading_out_is_not_read(catalog: Callable[..., Path], reads: list[Path]) -> None:
    blocks = toml_list("baseline", "evidence-grading", "memory-protocol", "leak")
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", blocks=f"blocks = {blocks}")})
    secret = write_tree(root.parent, {"secret.md": "SECRET\n"}) / "secret.md"
    (root / "_blocks" / "leak.md").symlink_to(secret)
    plan = plan_of(root)
    assert [(d.code, d.message) for d in plan.diagnostics] == [
        ("A013", "symbolic link `_blocks/leak.md` leads outside _blocks/"),
    ]
    assert secret.resolve() not in reads


def test_substrate_role_leaving_the_folder(catalog: Callable[..., Path], reads: list[Path]) -> None:
    root = catalog(
        {
            "_manifests/fixer.toml": 'substrate_role = "../x"\n' + manifest("fixer", "reviewer"),
            "x.toml": '[tools]\nallowed = ["Read"]\n',
        }
    )
    plan = plan_of(root)
    assert [(d.code, d.file, d.line, d.message) for d in plan.diagnostics] == [
        ("A013", "_manifests/fixer.toml", 1, "substrate role `../x` leads outside _roles/"),
    ]
    assert plan.outputs == []
    assert (root / "x.toml").resolve() not in reads


def test_manifest_symlink_leading_out(catalog: Callable[..., Path], reads: list[Path]) -> None:
    root = catalog()
    outside = write_tree(root.parent, {"other.toml": manifest("other", "fixer")}) / "other.toml"
    (root / "_manifests" / "other.toml").symlink_to(outside)
    plan = plan_of(root)
    assert [(d.code, d.file, d.message) for d in plan.diagnostics] == [
        ("A013", "_manifests/other.toml", "symbolic link `_manifests/other.toml` leads outside _manifests/"),
    ]
    assert outside.resolve() not in reads


# names


def test_names_render_only_the_named_agents(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/third.toml": manifest("third", "reviewer")})
    plan = plan_catalog(root, names=("reviewer", "third"), today=TODAY)
    assert sorted(outputs(plan)) == ["_generated/reviewer.md", "_generated/third.md"]
    assert plan.expected == {
        "_generated/fixer.md",
        "_generated/reviewer.md",
        "_generated/third.md",
    }


def test_names_still_validate_the_whole_catalog(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", model='model = "x"')})
    plan = plan_catalog(root, names=("reviewer",), today=TODAY)
    assert [d.code for d in plan.diagnostics] == ["A031"]
    assert plan.set_aside == ["fixer"]  # reported, and left out: the agent asked for is built
    assert [o.agent for o in plan.outputs] == ["reviewer"]


# hostile text is data, never template source, and frontmatter round-trips

HOSTILE_DESCRIPTION = (
    '[Reviews]: patches #1 --- it\'s "quoted" {% if x %}{# c #} & *alias !tag %p @at `t` > | ?'
)
HOSTILE_ITEMS = ("- [x]: a #b", "---", "{% raw %}", "key: value # comment", "'single'", '"double"')
HOSTILE_TRIGGER = "#1: 'it' [needs] \"changes\" {%- endif %} ---"
HOSTILE_ROLE = "You review {% if a %}patches{% endif %} {# hidden? #}.\n\n{%- raw %}\n---\n"
HOSTILE_BLOCK = "# BASELINE\n\n{% for x in y %}{{ x }}{% endfor %}\n{# comment #}\n{% include 'x' %}\n"


@pytest.fixture
def hostile(catalog: Callable[..., Path]) -> dict[str, str]:
    text = manifest(
        "reviewer",
        "fixer",
        description=f"description = {toml_str(HOSTILE_DESCRIPTION)}",
        domain_in=f"domain_in = {toml_list(*HOSTILE_ITEMS)}",
        forbidden_domain=f"forbidden_domain = {toml_list(*HOSTILE_ITEMS)}",
        output_extra_fields=f"output_extra_fields = {toml_list('Verdict: {% pass %}')}",
        tools='tools = ["Read", "mcp__github__create_issue"]',
        model='model = "claude-sonnet-4-5"',
    )
    text = text.replace(HANDOFF_TRIGGER, f"trigger = {toml_str(HOSTILE_TRIGGER)}")
    text = text.replace("You review patches.\n", HOSTILE_ROLE)
    root = catalog({"_manifests/reviewer.toml": text, "_blocks/baseline.md": HOSTILE_BLOCK})
    return outputs(plan_of(root))


def test_hostile_text_appears_verbatim(hostile: dict[str, str]) -> None:
    body = hostile["_generated/reviewer.md"]
    assert "You review {% if a %}patches{% endif %} {# hidden? #}.\n\n{%- raw %}\n---\n" in body
    assert "{% for x in y %}{{ x }}{% endfor %}\n{# comment #}\n{% include 'x' %}\n" in body
    for item in HOSTILE_ITEMS:
        assert f"\n- {item}\n" in body
    assert f"\n- `fixer`: {HOSTILE_TRIGGER}\n" in body
    assert f"\n- {HOSTILE_TRIGGER} → `fixer`\n" in body
    assert "\nVerdict: {% pass %}\n" in body


def test_hostile_frontmatter_round_trips(hostile: dict[str, str]) -> None:
    data = frontmatter(hostile["_generated/reviewer.md"])
    assert data == {
        "name": "reviewer",
        "description": HOSTILE_DESCRIPTION,
        "tools": "Read, mcp__github__create_issue",
        "model": "claude-sonnet-4-5",
    }


@pytest.mark.parametrize(
    "description",
    [
        "key: value",
        "value # not a comment",
        "[not a list]",
        "{not: a map}",
        "--- not a document",
        "... not an end",
        "- not an item",
        "? not a key",
        "it's",
        '"quoted"',
        "'single'",
        "yes",
        "null",
        "~",
        "1.5",
        "2026-01-02",
        " leading and trailing ",
        "é ü ß 日本語 – “smart” ‘quotes’",
        "a\\b",
        "@at %percent !bang &anchor *alias | > `tick`",
        "x" * 500,
    ],
)
def test_description_round_trips_through_yaml(catalog: Callable[..., Path], description: str) -> None:
    text = manifest("fixer", "reviewer", description=f"description = {toml_str(description)}")
    found = outputs(plan_of(catalog({"_manifests/fixer.toml": text})))
    data = frontmatter(found["_generated/fixer.md"])
    assert data["description"] == description
    assert list(data) == ["name", "description", "tools", "model"]


def test_legacy_keys_round_trip(catalog: Callable[..., Path]) -> None:
    text = 'memory_project = true\nproject_claudemd = "CLAUDE.md: #1"\nprovider = "anthropic"\n' + manifest(
        "fixer", "reviewer"
    )
    found = outputs(plan_of(catalog({"_manifests/fixer.toml": text})))
    assert frontmatter(found["_generated/fixer.md"]) == {
        "name": "fixer",
        "description": "Reviews patches: reads the diff, runs the tests and reports.",
        "tools": "Read, Grep",
        "model": "sonnet",
        "memory_project": True,
        "project_claudemd": "CLAUDE.md: #1",
        "provider": "anthropic",
    }


# determinism and line ends


def rendered(root: Path) -> list[tuple[str, str | None]]:
    plan = plan_of(root)
    assert plan.ok, format_text(plan.diagnostics)
    return [(o.rel, o.text) for o in plan.outputs]


def test_same_catalog_in_two_folders_renders_identically(
    catalog: Callable[..., Path], tmp_path: Path
) -> None:
    root = catalog({"_manifests/third.toml": manifest("third", "reviewer")})
    other = tmp_path / "somewhere" / "else entirely"
    shutil.copytree(root, other)
    first = rendered(root)
    assert len(first) == 3
    assert rendered(other) == first
    assert all(str(tmp_path) not in (text or "") for _, text in first)


def test_working_directory_does_not_matter(
    catalog: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    first = rendered(root)
    monkeypatch.chdir(root)
    assert rendered(Path()) == first
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert rendered(root) == first
    assert rendered(Path("..") / root.name) == first


def test_two_runs_render_identically(catalog: Callable[..., Path]) -> None:
    root = catalog()
    assert rendered(root) == rendered(root)


def test_output_does_not_depend_on_libyaml(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = manifest("fixer", "reviewer", description='description = "Ships it 🚀 fast"')
    root = catalog({"_manifests/fixer.toml": text})
    with_libyaml = rendered(root)
    monkeypatch.delattr(yaml, "CSafeDumper", raising=False)
    assert rendered(root) == with_libyaml


def test_lf_only_and_one_trailing_newline(catalog: Callable[..., Path]) -> None:
    crlf = {rel: text.replace("\n", "\r\n") for rel, text in BLOCKS.items()}
    reviewer = manifest("reviewer", "fixer").replace("You review patches.\n", "Line one.  \n\n\nTwo.\n\n")
    root = catalog(
        {
            **crlf,
            "_blocks/memory-protocol.md": "\n\n# MEMORY PROTOCOL\r\rRead memory first.   \n\n\n",
            "_manifests/reviewer.toml": reviewer.replace("\n", "\r\n"),
        }
    )
    found = outputs(plan_of(root))
    assert len(found) == 2
    for text in found.values():
        assert "\r" not in text
        assert text.endswith("\n")
        assert not text.endswith("\n\n")
    body = found["_generated/reviewer.md"]
    # Trailing spaces are Markdown hard line breaks: kept, byte for byte.
    assert "# ROLE\n\nLine one.  \n\n\nTwo.\n\n# BASELINE\n\nNo invented facts.\n\n# EVIDENCE" in body
    assert "# MEMORY PROTOCOL\n\nRead memory first.   \n\n# DOMAIN SCOPE" in body


def test_outputs_are_sealed_with_stamps(catalog: Callable[..., Path]) -> None:
    found = outputs(plan_of(catalog()))
    for text in found.values():
        assert "assembler-stamp: PENDING" not in text
        assert Counter(text.split())["assembler-stamp:"] == 1


# issue 9: one round of errors, stamps as structure, collisions


def test_seven_mistakes_are_reported_in_one_round(catalog: Callable[..., Path]) -> None:
    text = (
        manifest("fixer", "reviewer")
        .replace('description = "Reviews patches: reads the diff, runs the tests and reports."\n', "")
        .replace('tools = ["Read", "Grep"]', 'tools = ["Read", "Gerp"]')
        .replace('model = "sonnet"', 'model = "sonet"')
        .replace('mechanism = "verify"\n', "")
        .replace('stability = "stable"', 'stability = "stabel"')
        .replace('created = "2026-01-02"', 'created = "2026-02-30"')
        .replace('target = "reviewer"', 'target = "reviwer"')
    )
    text = text.replace('name = "fixer"', 'name = "fixer"\ncolour = "red"')
    root = catalog({"_manifests/fixer.toml": text})
    codes = sorted(
        (d.code, d.message) for d in plan_of(root).diagnostics if d.file == "_manifests/fixer.toml"
    )
    assert codes == [
        ("A002", "unknown key `colour`"),
        ("A003", "missing required key `description`"),
        ("A003", "missing required key `taxonomy.mechanism`"),
        ("A030", "unknown tool `Gerp`"),
        ("A031", "unknown model `sonet`"),
        ("A041", "handoff target `reviwer` is not an agent of the catalog"),
        ("A050", "`stabel` is not a stability of the taxonomy"),
        ("A061", "`2026-02-30` is not a real date"),
    ]


def test_every_missing_key_of_a_table(catalog: Callable[..., Path]) -> None:
    text = manifest("fixer", "reviewer")
    for facet in ("kingdom", "mechanism", "domain"):
        text = "\n".join(line for line in text.splitlines() if not line.startswith(f"{facet} =")) + "\n"
    root = catalog({"_manifests/fixer.toml": text})
    missing = [d.message for d in plan_of(root).diagnostics if d.code == "A003"]
    assert missing == [
        f"missing required key `taxonomy.{facet}`" for facet in ("kingdom", "mechanism", "domain")
    ]


def test_a_name_that_is_no_slug_gets_a_slug_in_its_hint(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/Doc_Writer.toml": manifest("doc-writer", "fixer")})
    [mismatch] = [d for d in plan_of(root).diagnostics if d.code == "A011"]
    assert mismatch.message == "name `doc-writer` differs from the file name `Doc_Writer.toml`"
    assert mismatch.hint == "rename the file to doc-writer.toml (file names are lowercase slugs too)"
    root = catalog({"_manifests/fixer.toml": manifest("Doc_Writer", "reviewer")})
    [slug] = [d for d in plan_of(root).diagnostics if d.code == "A010"]
    assert slug.hint == "use lowercase letters, digits and single hyphens, such as `doc-writer`"


def test_a_byte_order_mark_is_not_carried_into_the_agent(catalog: Callable[..., Path]) -> None:
    root = catalog()
    (root / "_blocks/baseline.md").write_bytes("\ufeff# BASELINE\n\nNo invented facts.\n".encode())
    plan = plan_of(root)
    assert plan.ok, plan.diagnostics
    texts = [o.text for o in plan.outputs if o.text is not None]
    assert texts and all("\ufeff" not in text for text in texts)


@pytest.mark.parametrize(
    "hostile",
    [
        "assembler-stamp: PENDING",
        "assembler-stamp: agent::claude::00000000::00000000",
        "<!-- Generated by assembler from _manifests/fixer.toml; assembler-stamp: PENDING -->",
    ],
)
def test_stamp_text_in_a_manifest_neither_breaks_the_build_nor_looks_like_an_edit(
    catalog: Callable[..., Path], hostile: str
) -> None:
    from click.testing import CliRunner

    from assembler.commands import cli

    text = manifest("fixer", "reviewer").replace("You review patches.", f"You review patches.\n\n{hostile}")
    text = text.replace('"Reviews patches: reads the diff', f'"Reviews patches ({hostile}): reads the diff')
    root = catalog({"_manifests/fixer.toml": text})
    built = CliRunner().invoke(cli, ["build", "--root", str(root)])
    assert built.exit_code == 0, built.output
    assert hostile in (root / "_generated/fixer.md").read_text()
    checked = CliRunner().invoke(cli, ["check", "--root", str(root), "--full"])
    assert checked.exit_code == 0, checked.output


def test_a_user_template_without_the_generated_comment(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "assembler.toml": 'templates_dir = "templates"\n',
            "templates/claude_agent.md.j2": "---\n{{ frontmatter }}---\n# {{ name }}\n",
        }
    )
    plan = plan_of(root)
    assert [(d.code, d.file) for d in plan.diagnostics] == [("A091", "templates")] * 1
    [d] = plan.diagnostics
    assert d.message == "template (agent) failed: the generated comment (with its stamp) is not at its place"
    assert d.hint == "put {{ generated_comment }} on the line right after the frontmatter's closing ---"
    assert plan.outputs == []


def test_two_manifests_writing_the_same_tool_module(catalog: Callable[..., Path]) -> None:
    module = '\n[tool_module]\nkind = "modal"\nname = "shared_runner"\n'
    root = catalog(
        {
            "_manifests/fixer.toml": manifest("fixer", "reviewer") + module,
            "_manifests/reviewer.toml": manifest("reviewer", "fixer") + module,
        }
    )
    found = [(d.code, d.file, d.message) for d in plan_of(root).diagnostics if d.code == "A019"]
    assert found == [
        (
            "A019",
            "_manifests/fixer.toml",
            "_generated/shared_runner.py is also written by _manifests/reviewer.toml",
        ),
        (
            "A019",
            "_manifests/reviewer.toml",
            "_generated/shared_runner.py is also written by _manifests/fixer.toml",
        ),
    ]


def _three(catalog: Callable[..., Path], broken: str) -> Path:
    """reviewer <-> fixer, plus a third agent `tester`; `broken` is given an unknown model."""
    extra = {"_manifests/tester.toml": manifest("tester", "reviewer")}
    root = catalog(extra)
    path = root / "_manifests" / f"{broken}.toml"
    path.write_text(path.read_text().replace('model = "sonnet"', 'model = "sonet"'), encoding="utf-8")
    return root


def test_named_agents_are_rendered_while_another_manifest_has_errors(catalog: Callable[..., Path]) -> None:
    plan = plan_catalog(_three(catalog, "tester"), names=("reviewer",), today=TODAY)
    assert not plan.ok  # the catalog as a whole is invalid
    assert plan.set_aside == ["tester"]
    assert [d.code for d in plan.diagnostics] == ["A031"]
    assert plan.deciding() == []
    assert [o.rel for o in plan.outputs if o.agent == "reviewer"] == ["_generated/reviewer.md"]


def test_a_named_agent_with_errors_stops_the_run(catalog: Callable[..., Path]) -> None:
    plan = plan_catalog(_three(catalog, "reviewer"), names=("reviewer", "fixer"), today=TODAY)
    assert [d.code for d in plan.deciding()] == ["A031"]
    assert plan.outputs == []


def test_checks_across_the_catalog_involving_a_named_agent_still_run(catalog: Callable[..., Path]) -> None:
    root = _three(catalog, "tester")
    fixer = root / "_manifests" / "fixer.toml"
    fixer.write_text(fixer.read_text().replace('target = "reviewer"', 'target = "nobody"'), encoding="utf-8")
    plan = plan_catalog(root, names=("fixer",), today=TODAY)
    assert sorted((d.file, d.code) for d in plan.deciding()) == [("_manifests/fixer.toml", "A041")]
    assert plan.outputs == []


def test_without_names_nothing_is_set_aside(catalog: Callable[..., Path]) -> None:
    plan = plan_catalog(_three(catalog, "tester"), today=TODAY)
    assert plan.set_aside == [] and plan.outputs == []
    assert [d.code for d in plan.deciding()] == ["A031"]


def test_a_broken_block_shared_with_a_named_agent_stops_it(catalog: Callable[..., Path]) -> None:
    root = _three(catalog, "tester")
    (root / "_blocks" / "baseline.md").write_text("# BASELINE\n\n```\nnever closed\n", encoding="utf-8")
    plan = plan_catalog(root, names=("reviewer",), today=TODAY)
    assert {d.code for d in plan.deciding()} == {"A023"}
    assert plan.outputs == []


def test_edited_texts_are_read_instead_of_the_files(catalog: Callable[..., Path]) -> None:
    root = catalog()
    fixer = (root / "_manifests/fixer.toml").read_text()
    edited = {"fixer.toml": fixer.replace('target = "reviewer"', 'target = "nobody"')}
    plan = plan_catalog(root, today=TODAY, edited=edited)
    assert [(d.code, d.file, d.line) for d in plan.diagnostics] == [("A041", "_manifests/fixer.toml", 14)]
    assert (root / "_manifests/fixer.toml").read_text() == fixer  # nothing written
    broken = plan_catalog(root, today=TODAY, edited={"fixer.toml": "name = [\n"})
    assert [(d.code, d.file) for d in broken.diagnostics] == [("A001", "_manifests/fixer.toml")]
    changed = plan_catalog(root, today=TODAY, edited={"fixer.toml": fixer.replace("sonnet", "opus")})
    assert "model: opus" in outputs(changed)["_generated/fixer.md"]


def test_without_render_the_catalog_is_validated_only(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", model='model = "sonet"')})
    checked = plan_catalog(root, today=TODAY, render=False)
    assert [d.code for d in checked.diagnostics] == ["A031"]
    clean = plan_catalog(catalog(), today=TODAY, render=False)
    assert clean.ok and clean.outputs == []


# targets


def test_two_targets_writing_the_same_files_stop_the_run(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": '[targets.claude]\ndir = "agents"\n[targets.cursor]\ndir = "agents"\n'})
    plan = plan_of(root)
    assert [(d.code, d.file, d.message) for d in plan.diagnostics] == [
        ("A133", "assembler.toml", "targets `claude` and `cursor` would both write agents/<name>.md")
    ]
    assert plan.outputs == []


def test_a_target_folder_linked_out_of_the_root_is_refused(
    catalog: Callable[..., Path], tmp_path: Path
) -> None:
    root = catalog({"assembler.toml": '[targets.claude]\n[targets.copilot]\ndir = "linked"\n'})
    (tmp_path / "elsewhere").mkdir()
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    plan = plan_of(root)
    assert [(d.code, d.file) for d in plan.diagnostics] == [("A013", "linked")]


def test_one_folder_under_two_names_is_refused(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": '[targets.claude]\n[targets.copilot]\ndir = "alias"\n'})
    (root / "_generated").mkdir()
    (root / "alias").symlink_to(root / "_generated")
    assert [d.code for d in plan_of(root).diagnostics] == ["A090"]


def test_a_target_folder_outside_the_root_named_explicitly(
    catalog: Callable[..., Path], tmp_path: Path
) -> None:
    root = catalog({"assembler.toml": '[targets.claude]\n[targets.codex]\ndir = "../shared-codex"\n'})
    found = outputs(plan_of(root))
    assert "../shared-codex/reviewer.toml" in found and "_generated/reviewer.md" in found


def test_without_targets_the_outputs_are_claudes_alone(catalog: Callable[..., Path]) -> None:
    plain = outputs(plan_of(catalog({"assembler.toml": "min_handoffs = 1\n"})))
    assert sorted(plain) == ["_generated/fixer.md", "_generated/reviewer.md"]
    root = catalog({"assembler.toml": "min_handoffs = 1\n[targets.claude]\n[targets.gemini]\n"})
    chosen = outputs(plan_of(root))
    assert {rel: chosen[rel] for rel in plain} == plain  # Claude's bytes, stamps included, do not change
    assert "_generated/gemini/reviewer.md" in chosen


def test_a_manifests_target_tables_are_checked_at_their_lines(catalog: Callable[..., Path]) -> None:
    text = (
        manifest("reviewer", "fixer")
        + '\n[targets.codex]\nsandbox_mode = "readonly"\n[targets.kiro]\nresources = ["x"]\n'
    )
    plan = plan_of(catalog({"_manifests/reviewer.toml": text}))
    found = [(d.code, d.line, d.message) for d in plan.diagnostics if d.file.endswith("reviewer.toml")]
    lines = text.splitlines()
    assert found == [
        (
            "A131",
            lines.index('sandbox_mode = "readonly"') + 1,
            "`readonly` is not a sandbox mode Codex knows",
        ),
        ("A131", lines.index('resources = ["x"]') + 1, "`x` is not a resource (file://PATH) Kiro knows"),
    ]
    assert plan.outputs == []
