"""The documentation of a diagnostic code, as `assembler explain CODE` shows it: its title, what it does to a
run's exit status, its paragraph of documentation and the message and hint it is reported with. Everything
comes from the code registry (`codes/`); nothing here is written twice."""

from __future__ import annotations

import re
import textwrap

from assembler.codes import Code, Kind
from assembler.diagnostics import Severity

WIDTH = 100
_FIELD = re.compile(r"\{(\w+)\}")
_SHORT = re.compile(r"([ADF])(\d{1,2})")


class UnknownCode(LookupError):
    """No code of the registry has this identifier; `suggestion` is the closest one, if any is close."""

    def __init__(self, code: str, suggestion: str | None) -> None:
        super().__init__(code)
        self.code = code
        self.suggestion = suggestion


def find_code(text: str) -> Code:
    """The code `text` names (case and surrounding spaces do not matter); raises UnknownCode."""
    from assembler.codes.registry import lookup, registry
    from assembler.diagnostics import did_you_mean

    found = lookup(text)
    if found is not None:
        return found
    wanted = text.strip().upper()
    short = _SHORT.fullmatch(wanted)  # `A2` for `A002`
    if short and lookup(f"{short.group(1)}{int(short.group(2)):03d}"):
        raise UnknownCode(text, f"did you mean `{short.group(1)}{int(short.group(2)):03d}`?")
    raise UnknownCode(text, did_you_mean(wanted, registry()))


def effect(code: Code) -> str:
    """What reporting this code does to the exit status, in words."""
    if code.severity is not Severity.ERROR:
        return f"{code.severity.value}: the run still exits 0, or 1 under --strict"
    if code.kind is Kind.DRIFT:
        return "error, drift: exit 3"
    if code.kind is Kind.FAULT:
        return "error, the file system refused: exit 4"
    return "error, invalid input: exit 1, nothing is written"


def shown(template: str) -> str:
    """A message or hint template with each `{field}` shown as `<field>`, the part filled in where the
    problem is found."""
    return _FIELD.sub(r"<\1>", template)


def explain_text(code: Code) -> str:
    """The page `assembler explain` prints, wrapped at 100 columns, ending in a newline."""
    lines = [f"{code.id}: {code.title}", f"({effect(code)})", ""]
    lines += _wrap(code.doc)
    lines += ["", *_wrap(shown(code.message), "Message: "), *_wrap(shown(code.hint), "Hint: ")]
    return "\n".join(lines) + "\n"


def _wrap(text: str, first: str = "") -> list[str]:
    """Lines of at most 100 columns, never breaking a word (nor `byte-order`, nor an option)."""
    indent = "  " if first else ""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def explain_data(code: Code) -> dict[str, str]:
    """The same, as data for `--format json`."""
    return {
        "code": code.id,
        "title": code.title,
        "severity": code.severity.value,
        "kind": code.kind.value,
        "effect": effect(code),
        "doc": code.doc,
        "message": code.message,
        "hint": code.hint,
    }
