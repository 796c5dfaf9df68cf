"""markdown: a code fence that is never closed, found with its line; code spans that show any text."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from assembler.markdown import UNSURE, _lines, _parsed_fences, _plain_fences, code_span, unclosed_fence
from tests.conftest import REPO

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
    assert _parsed_fences(text, _lines(text)) is None  # markdown-it agrees, whichever path answered


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
    assert _parsed_fences(text, _lines(text)) == line


@pytest.mark.parametrize("odd", ["\u2028", "\x0c", "\x85", "\x1c"])
def test_line_separators_inside_a_line_do_not_shift_lines(odd: str) -> None:
    assert unclosed_fence(f"a{odd}b\n{BT}\ncode\n{BT}\n") is None


def test_over_indented_backticks_do_not_close() -> None:
    assert unclosed_fence(f"{BT}\ncode\n    {BT}\n") == 1


# Lines that open, close or only look like fences, in every context that changes what they are.
PIECES = [
    BT,
    BT + "`",
    BT + "``",
    TL,
    TL + "~",
    f"{BT}python",
    f"{BT} a`b",
    f"{TL} a`b ~~~",
    f"{BT}  ",
    f"{BT}\t",
    f"{BT} x",
    "text",
    "",
    "  ",
    "# Heading",
    "- item",
    "1. item",
    "* item",
    "+ item",
    f"- {BT}",
    f"1. {BT}",
    f"  {BT}",
    f"   {TL}",
    f"    {BT}",
    f"\t{BT}",
    f"> {BT}",
    f">{TL}",
    "> quoted",
    "<div>",
    "</div>",
    "<!-- c",
    "-->",
    "<pre>",
    "</pre>",
    f"<b>{BT}",
    "para with ```inline``` code",
    "    indented code",
    "---",
    "===",
    "[ref]:",
    "/url",
    "\\```",
    f"{BT}{TL}",
    "~~",
    "``",
]


def test_plain_path_agrees_with_markdown_it_on_generated_texts() -> None:
    rng = random.Random(20261125)
    decided = 0
    for _ in range(6000):
        lines = [rng.choice(PIECES) for _ in range(rng.randint(1, 9))]
        text = "\n".join(lines) + rng.choice(["", "\n"])
        found = _plain_fences(_lines(text))
        if found != UNSURE:
            decided += 1
            assert found == _parsed_fences(text, _lines(text)), text
    assert decided > 1000  # the plain path is really exercised, not always deferring


def test_plain_path_declines_what_it_cannot_see_through() -> None:
    for text in [f"- {BT}\ncode\n", f"  {BT}\ncode\n", f"<div>\n{BT}\n", f"{BT}\n> x\n  {BT}\n"]:
        assert _plain_fences(_lines(text)) == UNSURE, text
    assert _plain_fences(_lines(f"# T\n\n{BT}text\nx\n{BT}\n- a list\n")) is None


def test_plain_texts_never_load_markdown_it() -> None:
    code = (
        "import sys\n"
        "from assembler.markdown import unclosed_fence\n"
        f"assert unclosed_fence('- a\\n\\n{BT}text\\nx\\n{BT}\\n') is None\n"
        "assert 'markdown_it' not in sys.modules\n"
        f"assert unclosed_fence('- a\\n  {BT}\\n') == 2\n"
        "assert 'markdown_it' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("^cargo( |$)", "`^cargo( |$)`"),
        ("a`b", "``a`b``"),
        ("a``b`c", "```a``b`c```"),
        ("`tick", "`` `tick ``"),
        ("tick`", "`` tick` ``"),
        (" both ", "`  both  `"),
        ("<b>*x*</b> [l](u)", "`<b>*x*</b> [l](u)`"),
    ],
)
def test_code_span_shows_the_text_exactly(text: str, span: str) -> None:
    from markdown_it import MarkdownIt

    assert code_span(text) == span
    [inline] = MarkdownIt("commonmark").parseInline(span)
    assert [(t.type, t.content) for t in inline.children or []] == [("code_inline", text)]
