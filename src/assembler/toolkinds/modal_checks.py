"""What the types of a `kind = "modal"` table cannot say: the module name (A102), figures that must be
positive and ordered, names that must be unique (A103), one-line text (A014, A016) and formats (A100).
Key paths are relative to the table."""

from __future__ import annotations

import datetime
import keyword
import math
import re
import sys
from collections.abc import Iterator, Mapping

from assembler.codes import general, toolmodule
from assembler.diagnostics import KeyPath, Problem
from assembler.schema_errors import dotted_path
from assembler.toolkinds.modal_spec import LINT_RULES, ModalSpec, validate_shape
from assembler.validate_text import bad_char

GPU_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
TORCH_MINIMUM = re.compile(r"\d+(?:\.\d+){0,3}")
LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9+._-]*")
MAX_GPUS_PER_CONTAINER = 64


def check_spec(spec: ModalSpec, today: datetime.date) -> list[Problem]:
    """What the types cannot say: name, figures, uniqueness, one-line text."""
    return [
        *_check_name(spec.name),
        *_check_text(spec),
        *_check_figures(spec, today),
        *_check_gpus(spec),
        *_check_gpu_names(spec),
        *_check_steps(spec),
        *_check_unique(spec),
    ]


def dotted(path: KeyPath) -> str:
    """`tool_module.gpu[1].usd_per_hour`, as the reader of the TOML file thinks of the key."""
    return dotted_path(("tool_module", *path))


def _check_name(name: str) -> Iterator[Problem]:
    hint = 'use lowercase letters, digits and underscores, e.g. name = "modal_runner"'
    if not (name.isascii() and name.isidentifier()) or keyword.iskeyword(name):
        yield toolmodule.BAD_MODULE_NAME.at(
            ("name",), name=name, problem="is not a Python identifier", suggestion=hint
        )
    elif name in sys.stdlib_module_names:
        yield toolmodule.BAD_MODULE_NAME.at(
            ("name",),
            name=name,
            problem="is a standard library module, which the module would shadow",
            suggestion=hint,
        )


def _strings(spec: ModalSpec) -> Iterator[tuple[KeyPath, str]]:
    yield ("pricing_url",), spec.pricing_url
    yield ("confirm_stop_phrase",), spec.confirm_stop_phrase
    for i, name in enumerate(spec.any_gpu):
        yield ("any_gpu", i), name
    for i, gpu in enumerate(spec.gpu):
        yield ("gpu", i, "name"), gpu.name
        for j, alias in enumerate(gpu.aliases):
            yield ("gpu", i, "aliases", j), alias
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
        bad = bad_char(value)
        if bad is not None:
            yield general.CONTROL_CHARACTER.at(path, key=dotted(path), char=f"the character U+{ord(bad):04X}")
        elif not value.strip():
            yield general.EMPTY.at(path, key=dotted(path), suggestion="write a value")
    if spec.confirm_stop_phrase != spec.confirm_stop_phrase.strip():
        yield toolmodule.BAD_TOOL_DATA.at(
            ("confirm_stop_phrase",),
            issue="`tool_module.confirm_stop_phrase` starts or ends with a space",
            suggestion="remove the spaces: the user must type the phrase exactly",
        )
    if not spec.pricing_url.startswith("https://"):
        yield toolmodule.BAD_TOOL_DATA.at(
            ("pricing_url",),
            issue=f"`tool_module.pricing_url` is not an https:// address: {spec.pricing_url}",
            suggestion='write the live pricing page, e.g. pricing_url = "https://modal.com/pricing"',
        )


def _positive(path: KeyPath, value: float) -> Iterator[Problem]:
    if not math.isfinite(value) or value <= 0:
        yield toolmodule.INCONSISTENT_FIGURES.at(
            path,
            issue=f"`{dotted(path)}` is {value}; it must be a positive amount",
            suggestion="write the amount in US dollars, greater than 0",
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
        yield toolmodule.INCONSISTENT_FIGURES.at(
            ("tiers", "auto_below_usd"),
            issue=f"the AUTO threshold ${tiers.auto_below_usd:g} is not below the STOP threshold "
            f"${tiers.stop_above_usd:g}",
            suggestion="make auto_below_usd smaller than stop_above_usd",
        )
    if tiers.stop_above_usd > spec.daily_cap_usd:
        yield toolmodule.INCONSISTENT_FIGURES.at(
            ("tiers", "stop_above_usd"),
            issue=f"the STOP threshold ${tiers.stop_above_usd:g} is above the daily cap "
            f"${spec.daily_cap_usd:g}",
            suggestion="a single run may not exceed the daily cap: lower stop_above_usd or raise "
            "daily_cap_usd",
        )
    for i, gpu in enumerate(spec.gpu):
        if gpu.verified is not None and gpu.verified > today:
            yield toolmodule.INCONSISTENT_FIGURES.at(
                ("gpu", i, "verified"),
                issue=f"the {gpu.name} price was verified on {gpu.verified}, which lies in the future",
                suggestion="write the date the price was last checked on the pricing page (today is "
                f"{today})",
            )


def _check_gpus(spec: ModalSpec) -> Iterator[Problem]:
    if not spec.gpu:
        yield general.EMPTY.at(
            ("gpu",),
            key="tool_module.gpu",
            suggestion="add a [[tool_module.gpu]] table with name, min_torch and usd_per_hour",
        )
    for i, gpu in enumerate(spec.gpu):
        names: list[tuple[KeyPath, str]] = [(("gpu", i, "name"), gpu.name)]
        names += [(("gpu", i, "aliases", j), alias) for j, alias in enumerate(gpu.aliases)]
        for path, name in names:
            if not GPU_NAME.fullmatch(name):
                yield toolmodule.BAD_TOOL_DATA.at(
                    path,
                    issue=f"GPU name {name!r} is not a GPU type name",
                    suggestion="use Modal's GPU type, letters, digits, '.', '_' and '-' only, e.g. H100",
                )
        if not 1 <= gpu.max_count <= MAX_GPUS_PER_CONTAINER:
            yield toolmodule.INCONSISTENT_FIGURES.at(
                ("gpu", i, "max_count"),
                issue=f"max_count {gpu.max_count} of {gpu.name} is not between 1 and "
                f"{MAX_GPUS_PER_CONTAINER}",
                suggestion="write how many GPUs of this type Modal attaches to one container at most, e.g. 8",
            )
        if not TORCH_MINIMUM.fullmatch(gpu.min_torch):
            yield toolmodule.BAD_TOOL_DATA.at(
                ("gpu", i, "min_torch"),
                issue=f"min_torch {gpu.min_torch!r} is not a version",
                suggestion='write the lowest torch release that supports the GPU, e.g. min_torch = "2.1"',
            )
        yield from _positive(("gpu", i, "usd_per_hour"), gpu.usd_per_hour)


def _check_steps(spec: ModalSpec) -> Iterator[Problem]:
    declared = {inv.rule for inv in spec.invariant if inv.rule is not None}
    if not spec.step:
        yield general.EMPTY.at(
            ("step",),
            key="tool_module.step",
            suggestion="add [[tool_module.step]] tables with label, text and checks",
        )
    for i, step in enumerate(spec.step):
        if not LABEL.fullmatch(step.label):
            yield toolmodule.BAD_TOOL_DATA.at(
                ("step", i, "label"),
                issue=f"checklist label {step.label!r} is not a short tag",
                suggestion="use letters, digits and '+', '.', '_', '-' only, e.g. vol+ckpt",
            )
        for j, check in enumerate(step.checks):
            if check in LINT_RULES and check not in declared:
                yield toolmodule.INCONSISTENT_FIGURES.at(
                    ("step", i, "checks", j),
                    issue=f"lint rule `{check}` is checked by step `{step.label}` but no invariant "
                    "declares it",
                    suggestion=f'add a [[tool_module.invariant]] with rule = "{check}" and the text of '
                    "the invariant",
                )


def _check_gpu_names(spec: ModalSpec) -> Iterator[Problem]:
    """Names and aliases are matched without case, as Modal matches them: each must be unique."""
    seen: set[str] = set()
    for i, gpu in enumerate(spec.gpu):
        paths: list[tuple[KeyPath, str]] = [(("gpu", i, "name"), gpu.name)]
        paths += [(("gpu", i, "aliases", j), alias) for j, alias in enumerate(gpu.aliases)]
        for path, name in paths:
            if name.casefold() in seen:
                yield toolmodule.INCONSISTENT_FIGURES.at(
                    path,
                    issue=f"GPU name `{name}` is used twice in [[tool_module.gpu]] (names match without "
                    "case)",
                    suggestion="give each GPU type and alias one entry",
                )
            seen.add(name.casefold())
    names_valid = spec.gpu and all(GPU_NAME.fullmatch(g.name) for g in spec.gpu)
    for i, name in enumerate(spec.any_gpu if names_valid else ()):  # else the names are reported already
        if name.casefold() not in seen:
            yield toolmodule.INCONSISTENT_FIGURES.at(
                ("any_gpu", i),
                issue=f"`any_gpu` names `{name}`, which is not a GPU of the table",
                suggestion="list GPU names of the [[tool_module.gpu]] tables",
            )


def _check_unique(spec: ModalSpec) -> Iterator[Problem]:
    lists: list[tuple[str, str, list[str]]] = [
        ("step", "label", [s.label for s in spec.step]),
        ("invariant", "rule", [inv.rule or "" for inv in spec.invariant]),
        ("report_field", "key", [f.key for f in spec.report_field]),
    ]
    for table, key, values in lists:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value and value in seen:
                yield toolmodule.INCONSISTENT_FIGURES.at(
                    (table, i, key),
                    issue=f"{key} `{value}` is used by two [[tool_module.{table}]]",
                    suggestion=f"give each [[tool_module.{table}]] its own {key}",
                )
            seen.add(value)
    checks = [(i, j, c) for i, s in enumerate(spec.step) for j, c in enumerate(s.checks)]
    seen_checks: set[str] = set()
    for i, j, check in checks:
        if check in seen_checks:
            yield toolmodule.INCONSISTENT_FIGURES.at(
                ("step", i, "checks", j),
                issue=f"check `{check}` is listed by two steps",
                suggestion="let one checklist step own each check",
            )
        seen_checks.add(check)


def parse_spec(
    data: Mapping[str, object], today: datetime.date | None = None
) -> tuple[ModalSpec | None, list[Problem]]:
    """The spec, or the problems of the table (never both): its shape first, then what types cannot say."""
    spec, problems = validate_shape(data)
    if spec is None:
        return None, problems
    problems_found = check_spec(spec, today or datetime.date.today())
    return (None, problems_found) if problems_found else (spec, [])
