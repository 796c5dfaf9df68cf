"""Text from a catalog shown where it could do harm: on a terminal, in a diagram's label."""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` with every control or format character (an escape sequence, a line end, a text direction
    override, a zero-width space) shown as its code, `\\u001b`, so that no manifest can drive the terminal
    that lists it or break the line of a diagram that names it."""
    import unicodedata

    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
