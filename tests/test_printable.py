"""Catalog text shown safely on a terminal or in a diagram."""

from __future__ import annotations

from assembler.printable import printable


def test_control_and_format_characters_show_as_codes() -> None:
    assert printable("a\x1b[2Jb") == "a\\u001b[2Jb"
    assert printable("line\nbreak\ttab\r\x00\x7f") == "line\\u000abreak\\u0009tab\\u000d\\u0000\\u007f"
    assert printable("rtl\u202eover zero\u200bwidth\ufeff") == "rtl\\u202eover zero\\u200bwidth\\ufeff"


def test_everything_else_is_kept() -> None:
    text = "plain é ✓ 😀 \"quotes\" 'and' \\backslash #; |"
    assert printable(text) == text
