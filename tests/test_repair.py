"""repair: faulty values become blanks of their type, defaults are dropped, unknown keys removed, each
repair named by its key path, and the result passes the model."""

from __future__ import annotations

import copy

from pydantic import TypeAdapter, ValidationError

from assembler.manifest import Manifest
from assembler.repair import repair

GOOD: dict[str, object] = {
    "name": "fixer",
    "description": "Fixes.",
    "model": "sonnet",
    "role": "Fix.",
    "domain_in": ["code"],
    "forbidden_domain": ["prod"],
    "blocks": ["baseline"],
    "handoff": [{"target": "reviewer", "trigger": "done", "expects_artifact": "patch"}],
}


def _repaired(data: dict[str, object]) -> tuple[dict[str, object], set[tuple[str | int, ...]]]:
    adapter = TypeAdapter(Manifest)
    current = copy.deepcopy(data)
    changed: set[tuple[str | int, ...]] = set()
    for _ in range(6):
        try:
            adapter.validate_python(current)
            return current, changed
        except ValidationError as err:
            for e in err.errors():
                changed.add(repair(current, tuple(e["loc"]), e["type"], Manifest))
    raise AssertionError(f"still invalid after six rounds: {current}")


def test_good_data_needs_no_repair() -> None:
    assert _repaired(GOOD) == (GOOD, set())


def test_each_fault_becomes_a_blank_or_its_default() -> None:
    bad = {**GOOD, "description": 3, "domain_in": "code", "colour": "red", "handoff": [{"target": 1}]}
    fixed, changed = _repaired(bad)
    assert fixed["description"] == ""  # required: a blank of its type
    assert "domain_in" not in fixed  # has a default: dropped
    assert "colour" not in fixed  # unknown: dropped
    assert fixed["handoff"] == [{"target": "", "trigger": ""}]  # a wrong value and a missing key, blank
    assert changed == {
        ("description",),
        ("domain_in",),
        ("colour",),
        ("handoff", 0, "target"),
        ("handoff", 0, "trigger"),
    }


def test_a_missing_key_inside_a_table_is_added_blank() -> None:
    fixed, changed = _repaired({**GOOD, "lineage": {"creator": 3}})
    assert fixed["lineage"] == {"creator": "", "created": ""}
    assert changed == {("lineage", "creator"), ("lineage", "created")}
