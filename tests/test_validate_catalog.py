"""validate_catalog: checks across manifests (targets, names, lineage links and cycles)."""

from __future__ import annotations

from assembler.diagnostics import Problem
from assembler.manifest import parse_manifest
from assembler.tomlparse import parse_toml
from assembler.validate_catalog import Facts, check_catalog, facts_of
from tests.conftest import manifest, valid_or_problems

BLOCKS = frozenset({"baseline", "evidence-grading", "memory-protocol"})
CYCLE_HINT = "an agent cannot descend from itself: remove one parent link"


def agent(name: str, target: str, *parents: str, extra: str = "") -> Facts:
    links = ", ".join(f'"[[{p}]]"' for p in parents or ("baseline",))
    text = manifest(name, target, parents=f"parents = [{links}]") + extra
    data = parse_toml(text)
    m, problems = valid_or_problems(parse_manifest(data))
    assert problems == []
    assert m is not None
    return facts_of(data)


def summary(found: list[tuple[str, Problem]]) -> list[tuple[str, tuple[str | int, ...], str, str]]:
    return [(stem, p.path, p.code, p.message) for stem, p in found]


def test_consistent_catalog() -> None:
    assert check_catalog({"a": agent("a", "b"), "b": agent("b", "a")}, BLOCKS) == []


def test_a041_unknown_target_with_suggestion() -> None:
    found = check_catalog(
        {"a": agent("a", "reviewr"), "reviewer": agent("reviewer", "a")},
        BLOCKS,
    )
    assert summary(found) == [
        (
            "a",
            ("handoff", 0, "target"),
            "A041",
            "handoff target `reviewr` is not an agent of the catalog",
        ),
    ]
    assert found[0][1].hint == (
        "did you mean `reviewer`? If it is defined outside the catalog, declare it in external_agents "
        "(assembler.toml)"
    )


def test_a041_unknown_target_without_suggestion() -> None:
    found = check_catalog({"a": agent("a", "zzz"), "b": agent("b", "a")}, BLOCKS)
    assert [p.hint for _, p in found] == [
        "write a manifest for it, fix the name, or declare it in external_agents (assembler.toml) if it "
        "is defined outside the catalog"
    ]


def test_a041_not_for_an_external_agent() -> None:
    catalog = {"a": agent("a", "physics-deriver"), "b": agent("b", "a")}
    assert check_catalog(catalog, BLOCKS, frozenset(catalog), frozenset({"physics-deriver"})) == []
    found = check_catalog(
        {"a": agent("a", "physics-derivr"), "b": agent("b", "a")},
        BLOCKS,
        external=frozenset({"physics-deriver"}),
    )
    assert [p.hint for _, p in found] == [
        "did you mean `physics-deriver`? If it is defined outside the catalog, declare it in "
        "external_agents (assembler.toml)"
    ]


def test_a089_external_agent_that_has_a_manifest() -> None:
    catalog = {"a": agent("a", "b"), "b": agent("b", "a")}
    found = check_catalog(catalog, BLOCKS, external=frozenset({"b", "elsewhere"}))
    assert summary(found) == [
        ("b", ("name",), "A089", "agent `b` is declared in external_agents but also has a manifest"),
    ]
    assert found[0][1].hint == "remove `b` from external_agents in the configuration, or remove its manifest"


def test_a041_not_for_a_handoff_to_itself() -> None:
    # A042 (per manifest) covers it
    assert check_catalog({"a": agent("a", "a"), "b": agent("b", "a")}, BLOCKS) == []


def test_a012_name_used_twice() -> None:
    found = check_catalog({"a": agent("a", "b"), "b": agent("a", "b")}, BLOCKS)
    assert summary(found) == [
        ("b", ("name",), "A012", "name `a` is also used by a.toml"),
    ]
    assert found[0][1].hint == "give every agent its own name"


def test_a063_link_to_a_missing_agent() -> None:
    extra = 'fork_from = "[[gone]]"\nsuccessor = "[[b]]"\n'
    found = check_catalog(
        {"a": agent("a", "b", "nope", "b", "baseline", extra=extra), "b": agent("b", "a")},
        BLOCKS,
    )
    assert summary(found) == [
        ("a", ("lineage", "parents", 0), "A063", "lineage link [[nope]] names no agent or block"),
        ("a", ("lineage", "fork_from"), "A063", "lineage link [[gone]] names no agent or block"),
    ]
    assert found[0][1].hint == "link an existing agent (a manifest name) or block"


def test_a063_links_to_existing_blocks_and_agents_accepted() -> None:
    agents = {"a": agent("a", "b", "memory-protocol", "b"), "b": agent("b", "a", "baseline")}
    assert check_catalog(agents, BLOCKS) == []


def test_a063_link_to_a_block_that_does_not_exist() -> None:
    found = check_catalog({"a": agent("a", "b"), "b": agent("b", "a")}, frozenset())
    assert [(stem, p.code) for stem, p in found] == [("a", "A063"), ("b", "A063")]


def test_malformed_links_are_left_to_the_field_checks() -> None:
    text = manifest("a", "b", parents='parents = ["not a link"]')
    data = parse_toml(text)
    assert parse_manifest(data).manifest is not None
    assert check_catalog({"a": facts_of(data), "b": agent("b", "a")}, BLOCKS) == []


def test_a064_two_cycle_reported_once() -> None:
    found = check_catalog({"a": agent("a", "b", "b"), "b": agent("b", "a", "a")}, BLOCKS)
    assert summary(found) == [
        ("b", ("lineage", "parents", 0), "A064", "lineage parents form a cycle: a -> b -> a"),
    ]
    assert found[0][1].hint == CYCLE_HINT


def test_a064_three_cycle_reported_once() -> None:
    agents = {
        "a": agent("a", "b", "b"),
        "b": agent("b", "a", "c"),
        "c": agent("c", "a", "a"),
    }
    assert summary(check_catalog(agents, BLOCKS)) == [
        ("c", ("lineage", "parents", 0), "A064", "lineage parents form a cycle: a -> b -> c -> a"),
    ]


def test_a064_cycle_entered_from_outside_reported_once() -> None:
    agents = {
        "a": agent("a", "b", "baseline", "b"),
        "b": agent("b", "a", "c"),
        "c": agent("c", "a", "b"),
    }
    assert summary(check_catalog(agents, BLOCKS)) == [
        ("c", ("lineage", "parents", 0), "A064", "lineage parents form a cycle: b -> c -> b"),
    ]


def test_a064_self_parent() -> None:
    found = check_catalog({"a": agent("a", "b", "a"), "b": agent("b", "a")}, BLOCKS)
    assert summary(found) == [
        ("a", ("lineage", "parents", 0), "A064", "lineage parents form a cycle: a -> a"),
    ]


def test_a064_diamond_is_not_a_cycle() -> None:
    agents = {
        "a": agent("a", "b", "b", "c"),
        "b": agent("b", "a", "d"),
        "c": agent("c", "a", "d"),
        "d": agent("d", "a"),
    }
    assert check_catalog(agents, BLOCKS) == []


def test_a064_long_chain_without_recursion_limit() -> None:
    n = 3000
    agents = {f"a{i}": agent(f"a{i}", "a0", f"a{i + 1}") for i in range(n)}
    agents[f"a{n}"] = agent(f"a{n}", "a0", "a0")
    found = check_catalog(agents, BLOCKS)
    assert [p.code for _, p in found] == ["A064"]


def test_a113_agents_named_in_tool_permissions() -> None:
    tools = ["Read", "Agent(fixer, ghost)", "Task(outside)", "Task(gost)", "Agent(*)", 5, "Agent(reviewr)"]
    facts = {
        "reviewer": facts_of({"name": "reviewer", "tools": tools}),
        "fixer": facts_of({"name": "fixer", "tools": ["Read"]}),
    }
    assert facts["fixer"].spawns == ()
    found = check_catalog(facts, frozenset(), external=frozenset({"outside"}))
    assert [(stem, p.path, p.code, p.message, p.hint) for stem, p in found] == [
        (
            "reviewer",
            ("tools", 1),
            "A113",
            "`Agent(fixer, ghost)` names agent `ghost`, which is not an agent of the catalog",
            "write a manifest for it, fix the name, or declare it in external_agents (assembler.toml) if it "
            "is defined outside the catalog",
        ),
        (
            "reviewer",
            ("tools", 3),
            "A113",
            "`Task(gost)` names agent `gost`, which is not an agent of the catalog",
            "write a manifest for it, fix the name, or declare it in external_agents (assembler.toml) if it "
            "is defined outside the catalog",
        ),
        (
            "reviewer",
            ("tools", 6),
            "A113",
            "`Agent(reviewr)` names agent `reviewr`, which is not an agent of the catalog",
            "did you mean `reviewer`?",
        ),
    ]
