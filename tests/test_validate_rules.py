from __future__ import annotations

from assembler.config import Config, parse_config
from assembler.manifest import Manifest, parse_manifest
from assembler.tomlparse import parse_toml
from assembler.validate_rules import check_rules
from tests.conftest import manifest

RELAXED = parse_config(
    {
        "obligatory_blocks": [],
        "min_handoffs": 0,
        "required_sections": [],
        "require_taxonomy": False,
        "require_lineage": False,
    }
)[0]


def model(text: str) -> Manifest:
    parsed = parse_manifest(parse_toml(text))
    assert parsed.problems == [] and parsed.manifest is not None, parsed.problems
    return parsed.manifest


def found(m: Manifest, config: Config) -> list[tuple[tuple[str | int, ...], str, str]]:
    return [(p.path, p.code, p.message) for p in check_rules(m, config)]


BODY = 'name = "a"\ndescription = "d"\nbody = """\nThe agent.\n"""\n'


def test_the_seed_discipline_is_the_default() -> None:
    assert found(model(manifest("a", "b")), Config()) == []
    assert found(model(BODY), Config()) == [
        (
            ("body",),
            "A115",
            "the catalog requires the blocks baseline, evidence-grading, memory-protocol; at least 1 "
            "handoff(s); the sections role, domain_in, forbidden_domain, which an agent written with "
            "`body` cannot have",
        ),
        ((), "A003", "missing required key `taxonomy`"),
        ((), "A003", "missing required key `lineage`"),
    ]


def test_a_catalog_requiring_only_what_claude_code_requires() -> None:
    assert found(model(BODY), RELAXED) == []
    assert found(model('name = "a"\ndescription = "d"\nrole = "r"\n'), RELAXED) == []


def test_body_and_composed_sections_do_not_mix() -> None:
    text = (
        BODY
        + 'role = "r"\nblocks = ["baseline"]\ndomain_in = ["x"]\n[[handoff]]\ntarget = "b"\ntrigger = "t"\n'
    )
    assert [(p, c) for p, c, _ in found(model(text), RELAXED)] == [
        (("role",), "A114"),
        (("blocks",), "A114"),
        (("domain_in",), "A114"),
        (("handoff",), "A114"),
    ]


def test_an_agent_needs_role_or_body() -> None:
    [problem] = check_rules(model('name = "a"\ndescription = "d"\n'), RELAXED)
    assert (problem.code, problem.message) == ("A003", "missing required key `role`")
    assert problem.hint is not None and "body" in problem.hint


def test_required_sections_must_have_content() -> None:
    config = parse_config({"required_sections": ["role", "output_extra_fields", "references"]})[0]
    text = manifest("a", "b").replace('role = """\nYou review patches.\n"""', 'role = "  "')
    assert found(model(text), config) == [
        (("role",), "A116", "`role` is empty, but the catalog requires it"),
        (("references",), "A116", "`references` is empty, but the catalog requires it"),
    ]


def test_taxonomy_and_lineage_rules() -> None:
    text = 'name = "a"\ndescription = "d"\nrole = "r"\n'
    config = parse_config({"required_sections": [], "require_lineage": False})[0]
    [problem] = check_rules(model(text), config)
    assert problem.message == "missing required key `taxonomy`"
    assert (
        problem.hint
        == "add a [taxonomy] table (see README), or set require_taxonomy = false in assembler.toml"
    )
