"""YAML frontmatter, emitted by PyYAML so that every value, whatever its characters, reads back equal.

Three things beyond PyYAML's defaults:
- a string that a YAML 1.2 parser would read as a number, a boolean or null (`1e3`, `0o17`) is quoted, not
  only those YAML 1.1 would (PyYAML's own rule): Claude Code reads frontmatter with a YAML 1.2 parser;
- text of several lines is written as a literal block (`|`) where YAML allows it, so it reads as written;
- no `---` ever stands in the frontmatter: Claude Code ends a frontmatter at the first `---` after the
  opening line, wherever it is, even inside a value. A string holding one is double-quoted with a dash
  escaped (`-\\x2D-`), which every YAML parser reads back as `---`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

# Characters outside the Basic Multilingual Plane (emoji): libyaml escapes them, PyYAML's own emitter
# writes them as they are. Text holding one goes through PyYAML's emitter, so bytes never depend on the
# machine; everything else takes libyaml's emitter when PyYAML has it, for speed (eight times faster).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SEPARATOR = "---"
_BREAKS_11 = re.compile("[\x85\u2028\u2029]")
_ESCAPED = "-\\x2D-"

# Plain scalars a YAML 1.2 core schema parser reads as something else than text, and YAML 1.1 does not.
_YAML12 = (
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
)


def _walk(value: Any) -> Any:
    """Every string of a value (keys included), for the choice of emitter."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield key
            yield from _walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, str):
        yield value


@lru_cache(maxsize=2)
def _dumper(fast: bool) -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if fast else yaml.SafeDumper

    class Dumper(base):  # type: ignore[misc]
        pass

    def text(dumper: Any, value: str) -> Any:
        style = None
        if _SEPARATOR in value or (not value.isascii() and _BREAKS_11.search(value)):
            style = '"'  # escaped: YAML 1.1 takes NEL, LS and PS for line breaks, YAML 1.2 does not
        elif "\n" in value:
            style = "|"  # the emitter falls back to double quotes where a block cannot hold the text
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    for tag, pattern, first in _YAML12:
        Dumper.add_implicit_resolver(tag, re.compile(pattern), list(first))
    return Dumper


def to_yaml(data: Mapping[str, Any]) -> str:
    import yaml

    fast = hasattr(yaml, "CSafeDumper") and not any(
        not s.isascii() and _ASTRAL.search(s) for s in _walk(data)
    )
    text: str = yaml.dump(
        dict(data),
        Dumper=_dumper(fast),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,
    )
    for _ in range(len(text)):  # only inside double-quoted strings, where an escape reads back the same
        if _SEPARATOR not in text:
            return text
        text = text.replace(_SEPARATOR, _ESCAPED)
    raise ValueError("the frontmatter would hold `---`")  # unreachable: each round removes dashes
