"""targets/checks: the value checks every target's [targets.NAME] table shares."""

from __future__ import annotations

from assembler.targets.checks import entries, in_range, one_line, one_of


def test_one_of() -> None:
    assert one_of(("targets", "t", "k"), None, ("a",), "a mode", "T") == []
    assert one_of(("targets", "t", "k"), "a", ("a",), "a mode", "T") == []
    [problem] = one_of(("targets", "t", "k"), "plna", ("plan", "auto"), "a mode", "T")
    assert (problem.code, problem.message, problem.hint) == (
        "A131",
        "`plna` is not a mode T knows",
        "did you mean `plan`? allowed: plan, auto",
    )


def test_one_line_and_range() -> None:
    assert one_line(("targets", "t", "k"), "fine") == []
    assert [p.message for p in one_line(("targets", "t", "k"), " ")] == ["`k` is empty"]
    assert [p.code for p in one_line(("targets", "t", "k"), "a\u2028b")] == ["A132"]
    assert in_range(("targets", "t", "k"), 0.5, 0, 1) == []
    assert [p.message for p in in_range(("targets", "t", "k"), 2, 0, 1)] == ["`k` is 2, outside from 0 to 1"]
    assert [p.hint for p in in_range(("targets", "t", "k"), 0, 1)] == ["use a value 1 or more"]


def test_entries() -> None:
    found = entries(
        ("targets", "t", "tools"),
        ["a", "b", "a", "c\n"],
        lambda v: v in ("a", "b"),
        "a tool",
        "T",
        ("a", "b"),
    )
    assert [(p.path, p.code) for p in found] == [
        (("targets", "t", "tools", 2), "A132"),
        (("targets", "t", "tools", 3), "A132"),
    ]
    assert entries(("x",), None, lambda v: False, "a tool", "T", ()) == []
