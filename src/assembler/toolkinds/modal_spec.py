"""The data of a `kind = "modal"` tool module: the model of the `[tool_module]` table and its checks.

`parse_spec` validates the raw table in two passes: pydantic checks types, missing and unknown keys (A100);
then plain code checks what types cannot say: the module name (A102), figures that must be positive and
ordered, names that must be unique (A103), and one-line text (A014, A016). Key paths are relative to the
table; the loader prefixes `tool_module` and turns them into lines.
"""

from __future__ import annotations

import datetime
import difflib
import keyword
import math
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Strict, ValidationError

from assembler.diagnostics import KeyPath, Problem

# What the generated program checks by itself. A checklist step lists the checks that decide it; the lint
# rules must also be the `rule` of an invariant, whose text the program prints with each finding.
ProgramCheck = Literal["app-list", "gpu-compat", "file-verify", "cost"]
LintRule = Literal["spawn-not-map", "flush-print", "vol-commit", "retries", "checkpoint", "state-dict"]
# The report fields whose values the program computes and whose shapes are rendered from the figures.
ReportKey = Literal["cost-estimate", "cost-tier", "session-spend", "gpu", "checklist", "anti-stop"]

PROGRAM_CHECKS: tuple[str, ...] = get_args(ProgramCheck)
LINT_RULES: tuple[str, ...] = get_args(LintRule)
REPORT_KEYS: tuple[str, ...] = get_args(ReportKey)

Text = Annotated[str, Strict()]
Usd = Annotated[float, Strict()]

GPU_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
TORCH_MINIMUM = re.compile(r"\d+(?:\.\d+){0,3}")
LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9+._-]*")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tiers(_Model):
    auto_below_usd: Usd
    stop_above_usd: Usd


class Gpu(_Model):
    name: Text
    min_torch: Text
    usd_per_hour: Usd


class Step(_Model):
    label: Text
    text: Text
    checks: tuple[ProgramCheck | LintRule, ...] = ()


class Invariant(_Model):
    text: Text
    rule: LintRule | None = None


class ReportField(_Model):
    key: ReportKey
    label: Text


class ModalSpec(_Model):
    kind: Literal["modal"]
    name: Text
    pricing_url: Text
    prices_verified: Annotated[datetime.date, Strict()]
    daily_cap_usd: Usd
    confirm_stop_phrase: Text
    tiers: Tiers
    gpu: tuple[Gpu, ...]
    step: tuple[Step, ...]
    invariant: tuple[Invariant, ...]
    report_field: tuple[ReportField, ...]


def parse_spec(
    data: Mapping[str, object], today: datetime.date | None = None
) -> tuple[ModalSpec | None, list[Problem]]:
    """The spec, or the problems of the table (never both)."""
    try:
        spec = ModalSpec.model_validate(data)
    except ValidationError as err:
        problems: dict[tuple[KeyPath, str], Problem] = {}
        for error in err.errors():
            problem = _translate(data, error)
            problems.setdefault((problem.path, problem.message), problem)
        return None, list(problems.values())
    problems_found = check_spec(spec, today or datetime.date.today())
    return (None, problems_found) if problems_found else (spec, [])


def check_spec(spec: ModalSpec, today: datetime.date) -> list[Problem]:
    """What the types cannot say: name, figures, uniqueness, one-line text."""
    return [
        *_check_name(spec.name),
        *_check_text(spec),
        *_check_figures(spec, today),
        *_check_gpus(spec),
        *_check_steps(spec),
        *_check_unique(spec),
    ]


def dotted(path: KeyPath) -> str:
    """`tool_module.gpu[1].usd_per_hour`, as the reader of the TOML file thinks of the key."""
    text = "tool_module"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _check_name(name: str) -> Iterator[Problem]:
    hint = 'use lowercase letters, digits and underscores, e.g. name = "modal_runner"'
    if not (name.isascii() and name.isidentifier()) or keyword.iskeyword(name):
        yield Problem(("name",), "A102", f"tool module name `{name}` is not a Python identifier", hint)
    elif name in sys.stdlib_module_names:
        yield Problem(
            ("name",),
            "A102",
            f"tool module name `{name}` is a standard library module, which the module would shadow",
            hint,
        )


def _strings(spec: ModalSpec) -> Iterator[tuple[KeyPath, str]]:
    yield ("pricing_url",), spec.pricing_url
    yield ("confirm_stop_phrase",), spec.confirm_stop_phrase
    for i, gpu in enumerate(spec.gpu):
        yield ("gpu", i, "name"), gpu.name
        yield ("gpu", i, "min_torch"), gpu.min_torch
    for i, step in enumerate(spec.step):
        yield ("step", i, "label"), step.label
        yield ("step", i, "text"), step.text
    for i, invariant in enumerate(spec.invariant):
        yield ("invariant", i, "text"), invariant.text
    for i, field in enumerate(spec.report_field):
        yield ("report_field", i, "label"), field.label


def _check_text(spec: ModalSpec) -> Iterator[Problem]:
    for path, value in _strings(spec):
        bad = next((ch for ch in value if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")), None)
        if bad is not None:
            yield Problem(
                path,
                "A014",
                f"`{dotted(path)}` holds the character U+{ord(bad):04X}; it must be one line of plain text",
                "join the text into one line without control characters",
            )
        elif not value.strip():
            yield Problem(path, "A016", f"`{dotted(path)}` is empty", "write a value")
    if spec.confirm_stop_phrase != spec.confirm_stop_phrase.strip():
        yield Problem(
            ("confirm_stop_phrase",),
            "A100",
            "`tool_module.confirm_stop_phrase` starts or ends with a space",
            "remove the spaces: the user must type the phrase exactly",
        )
    if not spec.pricing_url.startswith("https://"):
        yield Problem(
            ("pricing_url",),
            "A100",
            f"`tool_module.pricing_url` is not an https:// address: {spec.pricing_url}",
            'write the live pricing page, e.g. pricing_url = "https://modal.com/pricing"',
        )


def _positive(path: KeyPath, value: float) -> Iterator[Problem]:
    if not math.isfinite(value) or value <= 0:
        yield Problem(
            path,
            "A103",
            f"`{dotted(path)}` is {value}; it must be a positive amount",
            "write the amount in US dollars, greater than 0",
        )


def _check_figures(spec: ModalSpec, today: datetime.date) -> Iterator[Problem]:
    tiers = spec.tiers
    figures = [
        (("daily_cap_usd",), spec.daily_cap_usd),
        (("tiers", "auto_below_usd"), tiers.auto_below_usd),
        (("tiers", "stop_above_usd"), tiers.stop_above_usd),
    ]
    bad = [p for path, value in figures for p in _positive(path, value)]
    yield from bad
    if bad:
        return
    if tiers.auto_below_usd >= tiers.stop_above_usd:
        yield Problem(
            ("tiers", "auto_below_usd"),
            "A103",
            f"the AUTO threshold ${tiers.auto_below_usd:g} is not below the STOP threshold "
            f"${tiers.stop_above_usd:g}",
            "make auto_below_usd smaller than stop_above_usd",
        )
    if tiers.stop_above_usd > spec.daily_cap_usd:
        yield Problem(
            ("tiers", "stop_above_usd"),
            "A103",
            f"the STOP threshold ${tiers.stop_above_usd:g} is above the daily cap ${spec.daily_cap_usd:g}",
            "a single run may not exceed the daily cap: lower stop_above_usd or raise daily_cap_usd",
        )
    if spec.prices_verified > today:
        yield Problem(
            ("prices_verified",),
            "A103",
            f"prices_verified {spec.prices_verified} lies in the future",
            f"write the date the prices were last checked on the pricing page (today is {today})",
        )


def _check_gpus(spec: ModalSpec) -> Iterator[Problem]:
    if not spec.gpu:
        yield Problem(
            ("gpu",),
            "A016",
            "`tool_module.gpu` lists no GPU",
            "add a [[tool_module.gpu]] table with name, min_torch and usd_per_hour",
        )
    for i, gpu in enumerate(spec.gpu):
        if not GPU_NAME.fullmatch(gpu.name):
            yield Problem(
                ("gpu", i, "name"),
                "A100",
                f"GPU name {gpu.name!r} is not a GPU type name",
                "use Modal's GPU type, letters, digits, '.', '_' and '-' only, e.g. H100",
            )
        if not TORCH_MINIMUM.fullmatch(gpu.min_torch):
            yield Problem(
                ("gpu", i, "min_torch"),
                "A100",
                f"min_torch {gpu.min_torch!r} is not a version",
                'write the lowest torch release that supports the GPU, e.g. min_torch = "2.1"',
            )
        yield from _positive(("gpu", i, "usd_per_hour"), gpu.usd_per_hour)


def _check_steps(spec: ModalSpec) -> Iterator[Problem]:
    declared = {inv.rule for inv in spec.invariant if inv.rule is not None}
    if not spec.step:
        yield Problem(
            ("step",),
            "A016",
            "`tool_module.step` lists no checklist step",
            "add [[tool_module.step]] tables with label, text and checks",
        )
    for i, step in enumerate(spec.step):
        if not LABEL.fullmatch(step.label):
            yield Problem(
                ("step", i, "label"),
                "A100",
                f"checklist label {step.label!r} is not a short tag",
                "use letters, digits and '+', '.', '_', '-' only, e.g. vol+ckpt",
            )
        for j, check in enumerate(step.checks):
            if check in LINT_RULES and check not in declared:
                yield Problem(
                    ("step", i, "checks", j),
                    "A103",
                    f"lint rule `{check}` is checked by step `{step.label}` but no invariant declares it",
                    f'add a [[tool_module.invariant]] with rule = "{check}" and the text of the invariant',
                )


def _check_unique(spec: ModalSpec) -> Iterator[Problem]:
    lists: list[tuple[str, str, list[str]]] = [
        ("gpu", "name", [g.name.casefold() for g in spec.gpu]),
        ("step", "label", [s.label for s in spec.step]),
        ("invariant", "rule", [inv.rule or "" for inv in spec.invariant]),
        ("report_field", "key", [f.key for f in spec.report_field]),
    ]
    for table, key, values in lists:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value and value in seen:
                yield Problem(
                    (table, i, key),
                    "A103",
                    f"{key} `{value}` is used by two [[tool_module.{table}]]",
                    f"give each [[tool_module.{table}]] its own {key}",
                )
            seen.add(value)
    checks = [(i, j, c) for i, s in enumerate(spec.step) for j, c in enumerate(s.checks)]
    seen_checks: set[str] = set()
    for i, j, check in checks:
        if check in seen_checks:
            yield Problem(
                ("step", i, "checks", j),
                "A103",
                f"check `{check}` is listed by two steps",
                "let one checklist step own each check",
            )
        seen_checks.add(check)


def _data_path(data: Mapping[str, object], loc: tuple[int | str, ...]) -> KeyPath:
    """The part of a pydantic location that names keys and indexes present in the input."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        in_table = isinstance(node, Mapping) and isinstance(part, str) and part in node
        in_array = isinstance(node, list | tuple) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_table or in_array):
            break
        node = node[part]
        path.append(part)
    return tuple(path)


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    nested: dict[str, type[BaseModel]] = {
        "tiers": Tiers,
        "gpu": Gpu,
        "step": Step,
        "invariant": Invariant,
        "report_field": ReportField,
    }
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return ModalSpec
    return nested.get(names[0]) if len(names) == 1 else None


def _describe(value: object) -> str:
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, datetime.date):
        return "a date"
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "an array"}
    return names.get(type(value), type(value).__name__)


def _translate(data: Mapping[str, object], error: Mapping[str, Any]) -> Problem:
    loc = tuple(error["loc"])
    path = _data_path(data, loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        known = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(path[-1]), known, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"known keys here: {', '.join(known)}"
        return Problem(path, "A100", f"unknown key `{dotted(path)}`", hint)
    if kind == "missing":
        key = str(loc[-1])
        return Problem(
            path,
            "A100",
            f"missing required key `{dotted((*path, key))}`",
            f"add `{key} = ...` (see the modal-runner manifest for an example)",
        )
    value: Any = data
    for part in path:
        value = value[part]
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Problem(
            path,
            "A100",
            f"`{dotted(path)}` is {value!r}, not one of the known values",
            f"use one of {expected}",
        )
    expected = str(error["msg"]).removeprefix("Input should be ").rstrip(".")
    expected = expected.replace("a valid tuple", "an array").replace("a valid ", "a ")
    return Problem(
        path,
        "A100",
        f"`{dotted(path)}` should be {expected}, not {_describe(value)}",
        "write the value with the type shown in the modal-runner manifest",
    )
