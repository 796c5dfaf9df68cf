"""located: problems at key paths become diagnostics at their lines; past the limit, one counts the rest."""

from __future__ import annotations

from assembler.codes import general
from assembler.diagnostics import LIMIT
from assembler.located import locate_problems

TEXT = 'name = "x"\ntools = [\n  "Read",\n  "Gerp",\n]\n\n[taxonomy]\nkingdom = "k"\n'


def test_each_problem_at_its_key() -> None:
    problems = [
        general.EMPTY.at(("tools", 1), key="tools[1]", suggestion="s"),
        general.EMPTY.at(("taxonomy", "kingdom"), key="k", suggestion="s"),
        general.EMPTY.at(("taxonomy", "missing"), key="m", suggestion="s"),  # its table's line
        general.EMPTY.at((), key="top", suggestion="s"),  # the whole file: line 1
    ]
    found = locate_problems(problems, "f.toml", TEXT)
    assert [(d.line, d.column) for d in found] == [(4, 3), (8, 1), (7, 1), (1, 1)]
    assert all(d.file == "f.toml" for d in found)


def test_nothing_to_locate() -> None:
    assert locate_problems([], "f.toml", TEXT) == []


def test_past_the_limit_one_line_counts_the_rest() -> None:
    problems = [general.EMPTY.at((f"k{i}",), key=f"k{i}", suggestion="s") for i in range(LIMIT + 7)]
    text = "".join(f'k{i} = ""\n' for i in range(LIMIT + 7))
    found = locate_problems(problems, "f.toml", text, omitted=3)
    assert len(found) == LIMIT + 1
    assert (found[-1].code, found[-1].message) == ("A009", "10 more problems in this file are not listed")
    assert found[LIMIT - 1].line == LIMIT
