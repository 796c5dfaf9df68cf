"""markdown: a code fence that is never closed, found with its line."""

from __future__ import annotations

import pytest

from assembler.markdown import unclosed_fence

BT = "```"
TL = "~~~"


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\nNo fences at all.\n",
        f"# T\n\n{BT}python\ncode\n{BT}\n\nafter\n",
        f"{TL}\ncode\n{TL}\n",
        f"{BT}\ncode\n{BT}{BT[0]}\n",  # a longer closing fence closes
        f"{TL}toml\n{BT}\nstill code\n{TL}\n",  # backticks inside a tilde fence
        f"> {BT}\n> code\n> {BT}\n\nafter\n",
        f"> {TL}\n> code\n> {TL}\n",
        f"- item\n\n  {BT}\n  code\n  {BT}\n",
        f"{BT}\n{BT}",  # empty, closed on the last line without a newline
        f"{BT}\r\ncode\r\n{BT}\r\n",
        "use ```inline``` code\n",
        f"    {BT}\n    indented code, not a fence\n",
        f"{BT}\na\n{BT}\n\n{TL}\nb\n{TL}\n",
    ],
)
def test_closed_fences_accepted(text: str) -> None:
    assert unclosed_fence(text) is None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"# T\n\n{BT}python\ncode\n\n# NEXT SECTION\n", 3),
        (f"intro\n{TL}\ncode\n", 2),
        (f"{BT}{BT[0]}\ncode\n{BT}\n", 1),  # a shorter closing fence does not close
        (f"{BT}\ncode\n{BT} not a closing fence\n", 1),
        (f"{TL}\ncode\n{BT}\n", 1),  # backticks do not close tildes
        (f"text\n\n> {BT}\n> code\n\nafter the quote\n", 3),
        (f"> {TL}\n> code\n", 1),
        (f"- item\n\n  {BT}\n  code\n", 3),
        (f"{BT}", 1),
        (f"x\r\n{BT}\r\ncode\r\n", 2),
        (f"{BT}\na\n{BT}\n\n{TL}\nb\n", 5),  # the second fence is the open one
    ],
)
def test_unclosed_fences_with_their_line(text: str, line: int) -> None:
    assert unclosed_fence(text) == line


@pytest.mark.parametrize("odd", ["\u2028", "\x0c", "\x85", "\x1c"])
def test_line_separators_inside_a_line_do_not_shift_lines(odd: str) -> None:
    assert unclosed_fence(f"a{odd}b\n{BT}\ncode\n{BT}\n") is None


def test_over_indented_backticks_do_not_close() -> None:
    assert unclosed_fence(f"{BT}\ncode\n    {BT}\n") == 1
