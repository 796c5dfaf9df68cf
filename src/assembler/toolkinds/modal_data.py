"""The templated region of the modal-runner tool: the manifest's figures as Python literals.

Every value that comes from the manifest is written by `pyliteral`, the escaper for generated Python;
long texts are first cut into pieces (`chunks`) so each line stays short. Only this region of the
generated file is rendered; the rest is the runtime's source, verbatim.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from assembler.templating import pyliteral
from assembler.toolkinds.modal_spec import LINT_RULES, PROGRAM_CHECKS, ModalSpec

# The exit statuses of the generated module: its docstring, `--help` and the agent's section list them.
EXIT_CODES: tuple[tuple[int, str, str], ...] = (
    (0, "OK", "done; estimate: the run is AUTO; preflight: ready to launch"),
    (1, "ERROR", "the modal CLI is missing or failed, or a file or the spend ledger cannot be read"),
    (
        2,
        "USAGE",
        "bad arguments: unknown command or GPU, a number out of bounds, a version that does not parse",
    ),
    (3, "WARN", "estimate: the run is in the WARN tier"),
    (4, "STOP", "estimate, preflight: the run is in the STOP tier; launch: refused without --approve-cost"),
    (5, "FAILED", "a check failed: lint findings, torch too old, the plan differs from the script"),
    (6, "REFUSED", "stop: refused, --confirm is not the user's confirmation phrase"),
)


class _Literal:
    """The length of a string's Python literal as characters are added: `repr` quotes with `'` and escapes
    each `'` when the string holds both kinds of quote, else picks the quote the string lacks."""

    def __init__(self, text: str = "") -> None:
        self.body = self.single = self.double = 0
        for char in text:
            self.add(char)

    def add(self, char: str) -> None:
        if char == "'":
            self.single += 1
        elif char == '"':
            self.double += 1
        else:
            self.body += len(repr(char)) - 2

    def length_with(self, char: str) -> int:
        single = self.single + (char == "'")
        double = self.double + (char == '"')
        body = self.body + (0 if char in "'\"" else len(repr(char)) - 2)
        return 2 + body + single + double + (single if single and double else 0)


def chunks(text: str, width: int = 64) -> list[str]:
    """Cut `text` into pieces whose Python literals are at most `width` characters, at spaces where
    possible. Concatenated, the pieces give `text` back; each piece is still written with `pyliteral`.
    One pass over the text (a piece carried past its last space is at most `width` characters), so a
    30,000-character string without a space costs what any other does."""
    pieces: list[str] = []
    start = 0  # where the current piece begins in `text`
    literal = _Literal()
    space = -1  # the index after the last space in the current piece, or -1
    for index, char in enumerate(text):
        if literal.length_with(char) > width and index > start:
            cut = space if space > start else index
            pieces.append(text[start:cut])
            start, space = cut, -1
            literal = _Literal(text[start:index])
        literal.add(char)
        if char == " ":
            space = index + 1
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def text(value: str, indent: str) -> str:
    """`value` as one literal, or as adjacent literals in parentheses when it is long."""
    pieces = chunks(value)
    if len(pieces) == 1:
        return pyliteral(pieces[0])
    inner = "".join(f"{indent}    {pyliteral(piece)}\n" for piece in pieces)
    return f"(\n{inner}{indent})"


def confirm_digest(phrase: str) -> str:
    """What the program keeps of the anti-stop phrase: its SHA-256, never the words."""
    return hashlib.sha256(phrase.encode("utf-8")).hexdigest()


def _gpus(spec: ModalSpec) -> Iterator[str]:
    yield "GPUS: Final[tuple[Gpu, ...]] = ("
    for gpu in spec.gpu:
        verified = None if gpu.verified is None else gpu.verified.isoformat()
        yield "    Gpu("
        yield f"        {text(gpu.name, '        ')},"
        yield f"        {pyliteral(tuple(gpu.aliases))},"
        yield f"        {text(gpu.min_torch, '        ')},"
        yield f"        {pyliteral(gpu.usd_per_hour)},"
        yield f"        {pyliteral(gpu.max_count)},"
        yield f"        {pyliteral(verified)},"
        yield "    ),"
    yield ")"


def _names(constant: str, names: tuple[str, ...]) -> Iterator[str]:
    yield f"{constant}: Final[tuple[str, ...]] = ("
    yield from (f"    {pyliteral(name)}," for name in names)
    yield ")"


def _lists(spec: ModalSpec) -> Iterator[str]:
    yield "CHECKLIST: Final[tuple[Step, ...]] = ("
    for step in spec.step:
        yield "    Step("
        yield f"        {text(step.label, '        ')},"
        yield f"        {text(step.text, '        ')},"
        yield f"        {pyliteral(tuple(step.checks))},"
        yield "    ),"
    yield ")"
    yield "INVARIANTS: Final[tuple[Invariant, ...]] = ("
    for invariant in spec.invariant:
        yield "    Invariant("
        yield f"        {text(invariant.text, '        ')},"
        yield f"        {pyliteral(invariant.rule)},"
        yield "    ),"
    yield ")"
    yield "REPORT_FIELDS: Final[tuple[ReportField, ...]] = ("
    for field in spec.report_field:
        yield f"    ReportField({pyliteral(field.key)}, {text(field.label, '    ')}),"
    yield ")"


def render_data(spec: ModalSpec) -> str:
    """The lines between `# start templated` and `# end templated`, each ending in a newline."""
    prefix = spec.name.upper()
    lines = [
        "# The figures of the manifest's [tool_module] table, written by assembler as Python literals.",
        "# fmt: off",
        f"PROG: Final = {pyliteral(spec.name)}",
        f"PRICING_URL: Final = {text(spec.pricing_url, '')}",
        f"DAILY_CAP_USD: Final = {pyliteral(spec.daily_cap_usd)}",
        f"AUTO_BELOW_USD: Final = {pyliteral(spec.tiers.auto_below_usd)}",
        f"STOP_ABOVE_USD: Final = {pyliteral(spec.tiers.stop_above_usd)}",
        f"CONFIRM_SHA256: Final = {pyliteral(confirm_digest(spec.confirm_stop_phrase))}",
        f"LEDGER_ENV: Final = {pyliteral(prefix + '_LEDGER')}",
        f"SESSION_ENV: Final = {pyliteral(prefix + '_SESSION')}",
        f"LEDGER_HOME: Final = {pyliteral('.' + spec.name)}",
        f"ANY_GPU: Final[tuple[str, ...]] = {pyliteral(tuple(spec.any_gpu))}",
        *_gpus(spec),
        *_lists(spec),
        *_names("PROGRAM_CHECKS", PROGRAM_CHECKS),
        *_names("LINT_RULES", LINT_RULES),
        *(f"EXIT_{name}: Final = {pyliteral(code)}" for code, name, _ in EXIT_CODES),
        "EXIT_STATUS: Final[tuple[tuple[int, str, str], ...]] = (",
        *(
            f"    ({pyliteral(code)}, {pyliteral(name)}, {text(meaning, '    ')}),"
            for code, name, meaning in EXIT_CODES
        ),
        ")",
        "# fmt: on",
    ]
    return "".join(f"{line}\n" for line in lines)
