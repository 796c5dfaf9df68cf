"""config: defaults, assembler.toml and [tool.assembler], and bad configurations."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from assembler import vocab
from assembler.config import Config, canonical, load_config, parse_config
from assembler.diagnostics import Diagnostic, format_text
from tests.conftest import write_tree

FOLDER_HINT = 'write a path such as "_manifests", without ".." or a leading "/"'


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, format_text(diagnostics)
    return diagnostics[0]


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config, diagnostics = load_config(tmp_path)
    assert diagnostics == []
    assert config == Config()
    assert config.source is None
    assert (config.manifests_dir, config.blocks_dir, config.generated_dir) == (
        "_manifests",
        "_blocks",
        "_generated",
    )
    assert (config.roles_dir, config.capabilities_dir, config.templates_dir) == (
        "_roles",
        "_capabilities",
        None,
    )
    assert config.obligatory_blocks == ("baseline", "evidence-grading", "memory-protocol")
    assert config.artifacts == vocab.ARTIFACTS
    assert config.tools == frozenset(vocab.TOOLS)
    assert config.models == frozenset(vocab.MODELS)
    assert dict(config.taxonomy) == {k: frozenset(v) for k, v in vocab.TAXONOMY.items()}
    assert dict(config.path_aliases) == {}


def test_assembler_toml(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "assembler.toml": """\
                manifests_dir = "agents"
                blocks_dir = "parts/blocks"
                templates_dir = "templates"

                [path_aliases]
                docs = "docs"
                """,
            "templates/.keep": "",
        },
    )
    config, diagnostics = load_config(tmp_path)
    assert diagnostics == []
    assert config.manifests_dir == "agents"
    assert config.blocks_dir == "parts/blocks"
    assert config.templates_dir == "templates"
    assert config.generated_dir == "_generated"
    assert dict(config.path_aliases) == {"docs": "docs"}
    assert config.source == "assembler.toml"
    assert "'manifests_dir': 'agents'" in config.fingerprint_text


def test_pyproject_tool_section(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": """\
                [project]
                name = "catalog"

                [tool.assembler]
                generated_dir = "agents"
                extra_models = ["gpt-oss"]
                """
        },
    )
    config, diagnostics = load_config(tmp_path)
    assert diagnostics == []
    assert config.generated_dir == "agents"
    assert "gpt-oss" in config.models
    assert config.source == "pyproject.toml"
    assert "catalog" not in config.fingerprint_text


def test_pyproject_without_tool_section_gives_defaults(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n'})
    assert load_config(tmp_path) == (Config(), [])


def test_assembler_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "assembler.toml": 'blocks_dir = "from-assembler"\n',
            "pyproject.toml": '[tool.assembler]\nblocks_dir = "from-pyproject"\n',
        },
    )
    config, _ = load_config(tmp_path)
    assert config.blocks_dir == "from-assembler"


def test_extend_taxonomy_tools_and_models() -> None:
    config, problems = parse_config(
        {
            "taxonomy": {"domain": ["billing"], "language": ["go"]},
            "extra_tools": ["MyTool"],
            "extra_models": ["gpt-oss"],
        }
    )
    assert problems == []
    assert config.taxonomy["domain"] == frozenset((*vocab.TAXONOMY["domain"], "billing"))
    assert config.taxonomy["language"] == frozenset((*vocab.TAXONOMY["language"], "go"))
    assert config.taxonomy["kingdom"] == frozenset(vocab.TAXONOMY["kingdom"])
    assert config.tools == frozenset((*vocab.TOOLS, "MyTool"))
    assert config.models == frozenset((*vocab.MODELS, "gpt-oss"))


def test_replace_artifacts_and_obligatory_blocks() -> None:
    config, problems = parse_config({"artifacts": ["doc"], "obligatory_blocks": ["baseline"]})
    assert problems == []
    assert config.artifacts == ("doc",)
    assert config.obligatory_blocks == ("baseline",)


def test_empty_obligatory_blocks_is_allowed() -> None:
    config, problems = parse_config({"obligatory_blocks": []})
    assert problems == []
    assert config.obligatory_blocks == ()


def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    write_tree(tmp_path, {"assembler.toml": '# config\n\nmanifest_dir = "agents"\n'})
    config, diagnostics = load_config(tmp_path)
    d = only(diagnostics)
    assert (d.code, d.file, d.line, d.column) == ("A002", "assembler.toml", 3, 1)
    assert d.message == "unknown configuration key `manifest_dir`"
    assert d.hint == "did you mean `manifests_dir`?"
    assert config.manifests_dir == "_manifests"


def test_unknown_key_without_a_close_match() -> None:
    _, problems = parse_config({"zzzzzz": 1})
    assert len(problems) == 1
    assert problems[0].hint is not None
    assert problems[0].hint.startswith("known keys: manifests_dir, blocks_dir, generated_dir")


@pytest.mark.parametrize("value", ["../x", "a/../../x", "/etc", "~/x", "", 3])
def test_bad_folder_is_a090_at_its_line(tmp_path: Path, value: object) -> None:
    written = f'"{value}"' if isinstance(value, str) else str(value)
    write_tree(tmp_path, {"assembler.toml": f'generated_dir = "ok"\n\nblocks_dir = {written}\n'})
    config, diagnostics = load_config(tmp_path)
    d = only(diagnostics)
    assert (d.code, d.file, d.line, d.column) == ("A090", "assembler.toml", 3, 1)
    assert d.message == "`blocks_dir` must be a relative folder inside the root"
    assert d.hint == FOLDER_HINT
    assert config.blocks_dir == "_blocks"


@pytest.mark.parametrize("value", ["../shared-agents", "/srv/agents", "~/.claude/agents"])
def test_generated_dir_may_name_an_outside_folder_explicitly(tmp_path: Path, value: str) -> None:
    write_tree(tmp_path, {"assembler.toml": f'generated_dir = "{value}"\n'})
    config, diagnostics = load_config(tmp_path)
    assert diagnostics == []
    assert config.generated_dir == value


@pytest.mark.parametrize("value", ["", " ", 3])
def test_generated_dir_must_be_a_folder_name(tmp_path: Path, value: object) -> None:
    written = f'"{value}"' if isinstance(value, str) else str(value)
    write_tree(tmp_path, {"assembler.toml": f"generated_dir = {written}\n"})
    d = only(load_config(tmp_path)[1])
    assert (d.code, d.line) == ("A090", 1)


def test_templates_dir_that_does_not_exist(tmp_path: Path) -> None:
    write_tree(tmp_path, {"assembler.toml": 'templates_dir = "my-templates"\n'})
    d = only(load_config(tmp_path)[1])
    assert (d.code, d.file, d.line, d.column) == ("A090", "assembler.toml", 1, 1)
    assert d.message == "`templates_dir` must be an existing folder (my-templates/ does not exist)"
    assert d.hint == "create the folder, or remove templates_dir to use the built-in templates"


@pytest.mark.parametrize("table", ["path_aliases", "taxonomy"])
def test_a_top_level_key_written_after_a_table_is_named(tmp_path: Path, table: str) -> None:
    shipped = tmp_path / "assembler.toml"
    shipped.write_text(f'[{table}]\nuser-rules = ["x"]\ntemplates_dir = "templates"\n', encoding="utf-8")
    (tmp_path / "templates").mkdir()
    config, diagnostics = load_config(tmp_path)
    d = next(x for x in diagnostics if x.line == 3)
    assert (d.code, d.file, d.column) == ("A002", "assembler.toml", 1)
    assert d.message == f"unknown key in [{table}] `templates_dir`"
    assert d.hint is not None and f"after the [{table}] header" in d.hint and "move it above" in d.hint
    assert config.templates_dir is None


def test_configuration_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "assembler.toml").write_bytes(b'blocks_dir = "caf\xe9"\n')
    config, diagnostics = load_config(tmp_path)
    d = only(diagnostics)
    assert (d.code, d.file, d.line) == ("A005", "assembler.toml", None)
    assert d.message == "assembler.toml cannot be read: byte 17 is not UTF-8"
    assert config == Config()


def test_pyproject_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "\xff"\n')
    assert [d.code for d in load_config(tmp_path)[1]] == ["A005"]


def test_configuration_with_a_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "assembler.toml").write_bytes(b'\xef\xbb\xbfblocks_dir = "b"\n')
    config, diagnostics = load_config(tmp_path)
    assert diagnostics == [] and config.blocks_dir == "b"


def test_configuration_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "assembler.toml")
    d = only(load_config(tmp_path)[1])
    assert (d.code, d.file) == ("F003", "assembler.toml")
    assert d.message == "assembler.toml is a FIFO (named pipe), not a regular file"


def test_configuration_linked_from_outside_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('blocks_dir = "b"\n', encoding="utf-8")
    root = tmp_path / "catalog"
    root.mkdir()
    (root / "assembler.toml").symlink_to(outside)
    d = only(load_config(root)[1])
    assert (d.code, d.file) == ("A013", "assembler.toml")


def test_bad_folder_in_pyproject_is_located_there(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"pyproject.toml": '[project]\nname = "x"\n\n[tool.assembler]\ntemplates_dir = "/tmp/t"\n'},
    )
    d = only(load_config(tmp_path)[1])
    assert (d.code, d.file, d.line) == ("A090", "pyproject.toml", 5)
    assert d.message == "`templates_dir` must be a relative folder inside the root"


def test_all_problems_reported_together_and_located(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "assembler.toml": """\
                blocks_dir = "/abs"
                roles_dir = "../out"

                [taxonomy]
                colour = ["red"]
                """
        },
    )
    diagnostics = load_config(tmp_path)[1]
    assert [(d.code, d.line) for d in sorted(diagnostics, key=Diagnostic.sort_key)] == [
        ("A090", 1),
        ("A090", 2),
        ("A002", 5),
    ]


def test_syntax_error_in_configuration(tmp_path: Path) -> None:
    write_tree(tmp_path, {"assembler.toml": "blocks_dir = blocks\n"})
    config, diagnostics = load_config(tmp_path)
    d = only(diagnostics)
    assert (d.code, d.file, d.line, d.column) == ("A001", "assembler.toml", 1, 14)
    assert config == Config()


def test_fingerprint_ignores_formatting(tmp_path: Path) -> None:
    a = write_tree(tmp_path / "a", {"assembler.toml": 'blocks_dir = "b"\nroles_dir = "r"\n'})
    b = write_tree(tmp_path / "b", {"assembler.toml": '# c\nroles_dir="r"\nblocks_dir = "b"\n'})
    c = write_tree(tmp_path / "c", {"assembler.toml": 'blocks_dir = "b"\nroles_dir = "s"\n'})
    fingerprint = load_config(a)[0].fingerprint_text
    assert fingerprint == load_config(b)[0].fingerprint_text
    assert fingerprint != load_config(c)[0].fingerprint_text


def test_canonical_text_is_independent_of_key_order() -> None:
    a = {"b": [1, {"y": True, "x": "s"}], "a": datetime.date(2026, 1, 2)}
    b = {"a": datetime.date(2026, 1, 2), "b": [1, {"x": "s", "y": True}]}
    assert canonical(a) == canonical(b) == "{'a': datetime.date(2026, 1, 2), 'b': [1, {'x': 's', 'y': True}]}"
    assert canonical({"a": "1"}) != canonical({"a": 1})


def test_external_agents() -> None:
    config, problems = parse_config({"external_agents": ["physics-deriver", "Not A Slug", "keimd-expert"]})
    assert config.external_agents == frozenset({"physics-deriver", "keimd-expert"})
    assert [(p.path, p.code, p.message) for p in problems] == [
        (("external_agents", 1), "A090", "`external_agents[1]` must be an agent name (a lowercase slug)")
    ]


@pytest.mark.parametrize("value", ["a\\u0000b", "tab\\there", "line\\nbreak"])
def test_a_folder_with_a_control_character(tmp_path: Path, value: str) -> None:
    write_tree(tmp_path, {"assembler.toml": f'blocks_dir = "{value}"\ngenerated_dir = "{value}"\n'})
    diagnostics = load_config(tmp_path)[1]
    assert [(d.code, d.line, d.message) for d in diagnostics] == [
        ("A090", 1, "`blocks_dir` must be a folder name without control characters"),
        ("A090", 2, "`generated_dir` must be a folder name without control characters"),
    ]


def test_the_rules_default_to_the_seed_discipline() -> None:
    config = Config()
    assert (config.min_handoffs, config.required_sections) == (1, ("role", "domain_in", "forbidden_domain"))
    assert config.require_taxonomy and config.require_lineage
    assert config.placeholder_pattern
