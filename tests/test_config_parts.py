"""config_parts: the key groups, and the lists, rules and tables of the configuration each checked for
its type, on their own and through parse_config."""

from __future__ import annotations

import pytest

from assembler import vocab
from assembler.config import Config, parse_config
from assembler.config_parts import FOLDER_KEYS, KEYS, LIST_KEYS, RULE_KEYS, aliases, rules, taxonomy
from assembler.diagnostics import Problem


def test_every_key_is_in_one_group_once() -> None:
    assert len(KEYS) == len(set(KEYS))
    grouped = {*FOLDER_KEYS, *LIST_KEYS, *RULE_KEYS, "taxonomy", "path_aliases", "targets"}
    assert grouped == set(KEYS)


def test_the_parsers_on_their_own() -> None:
    problems: list[Problem] = []
    assert aliases({"docs": "~/docs"}, ("path_aliases",), problems) == {"docs": "~/docs"}
    merged = taxonomy({"domain": ["billing"]}, ("taxonomy",), problems)
    assert "billing" in merged["domain"] and merged["layer"] == frozenset(vocab.TAXONOMY["layer"])
    assert rules({"min_handoffs": 2, "require_lineage": False}, problems) == {
        "min_handoffs": 2,
        "require_lineage": False,
    }
    assert problems == []
    aliases({"generated_dir": "x"}, ("path_aliases",), problems)  # a top-level key after the header
    [misplaced] = problems
    assert (misplaced.code, misplaced.path) == ("A002", ("path_aliases", "generated_dir"))
    assert misplaced.hint is not None and misplaced.hint.endswith("move it above the first [table] header")


def test_bad_lists_and_tables() -> None:
    _, problems = parse_config(
        {
            "artifacts": "doc",
            "extra_tools": ["", "X"],
            "taxonomy": {"colour": ["red"], "layer": "x"},
            "path_aliases": {"docs": 1},
        }
    )
    found = {(p.path, p.code, p.message) for p in problems}
    assert found == {
        (("artifacts",), "A090", "`artifacts` must be a list of non-empty strings"),
        (("extra_tools",), "A090", "`extra_tools` must be a list of non-empty strings"),
        (("taxonomy", "colour"), "A002", "unknown taxonomy facet `colour`"),
        (("taxonomy", "layer"), "A090", "`taxonomy.layer` must be a list of strings"),
        (("path_aliases", "docs"), "A090", "`path_aliases.docs` must be a string naming a location"),
    }


def test_path_aliases_not_a_table() -> None:
    _, problems = parse_config({"path_aliases": ["x"]})
    assert [(p.path, p.code, p.message) for p in problems] == [
        (("path_aliases",), "A090", '`path_aliases` must be a table of NAME = "location"')
    ]


def test_taxonomy_not_a_table() -> None:
    config, problems = parse_config({"taxonomy": ["x"]})
    assert [(p.path, p.code) for p in problems] == [(("taxonomy",), "A090")]
    assert config.taxonomy["domain"] == frozenset(vocab.TAXONOMY["domain"])


def test_the_rules_can_be_relaxed() -> None:
    config, problems = parse_config(
        {
            "min_handoffs": 0,
            "required_sections": [],
            "require_taxonomy": False,
            "require_lineage": False,
            "placeholder_pattern": "",
        }
    )
    assert problems == []
    assert (config.min_handoffs, config.required_sections, config.placeholder_pattern) == (0, (), "")
    assert not config.require_taxonomy and not config.require_lineage


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("min_handoffs", -1, "a whole number, 0 or more"),
        ("min_handoffs", True, "a whole number, 0 or more"),
        ("required_sections", ["role", "handoffs"], "a list of role, domain_in, forbidden_domain, "),
        ("require_taxonomy", "no", "true or false"),
        ("placeholder_pattern", "{{(", 'a Python regular expression, or "" for no placeholder check'),
    ],
)
def test_bad_rules_are_a090(key: str, value: object, expected: str) -> None:
    config, problems = parse_config({key: value})
    assert [(p.code, p.path) for p in problems] == [("A090", (key,))]
    assert expected in problems[0].message
    assert getattr(config, key) == getattr(Config(), key)
