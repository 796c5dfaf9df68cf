"""The data of a `kind = "modal"` tool module: the model of the `[tool_module]` table and its checks.

`validate_shape` checks types, missing and unknown keys (A100) with pydantic; `modal_checks.parse_spec`
then runs the plain code that checks what types cannot say: the module name (A102), figures that must be
positive and ordered, names that must be unique (A103), and one-line text (A014, A016). Key paths are
relative to the table; the loader prefixes `tool_module` and turns them into lines.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Strict, ValidationError

from assembler.codes.toolmodule import BAD_TOOL_DATA
from assembler.diagnostics import KeyPath, Problem
from assembler.schema_errors import Wording, translate_all

# What the generated program checks by itself. A checklist step lists the checks that decide it; the lint
# rules must also be the `rule` of an invariant, whose text the program prints with each finding.
ProgramCheck = Literal["app-list", "gpu-compat", "file-verify", "entrypoint", "cost"]
LintRule = Literal["spawn-not-map", "flush-print", "vol-commit", "retries", "checkpoint", "state-dict"]
# The report fields whose values the program computes and whose shapes are rendered from the figures.
ReportKey = Literal["cost-estimate", "cost-tier", "session-spend", "gpu", "checklist", "anti-stop"]

PROGRAM_CHECKS: tuple[str, ...] = get_args(ProgramCheck)
LINT_RULES: tuple[str, ...] = get_args(LintRule)
REPORT_KEYS: tuple[str, ...] = get_args(ReportKey)

Text = Annotated[str, Strict()]
Usd = Annotated[float, Strict()]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tiers(_Model):
    auto_below_usd: Usd
    stop_above_usd: Usd


class Gpu(_Model):
    name: Text
    aliases: tuple[Text, ...] = ()
    min_torch: Text
    usd_per_hour: Usd
    max_count: Annotated[int, Strict()] = 8
    verified: Annotated[datetime.date, Strict()] | None = None


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
    daily_cap_usd: Usd
    confirm_stop_phrase: Text
    tiers: Tiers
    any_gpu: tuple[Text, ...] = ()
    gpu: tuple[Gpu, ...]
    step: tuple[Step, ...]
    invariant: tuple[Invariant, ...]
    report_field: tuple[ReportField, ...]


_WORDING = Wording(
    unknown=BAD_TOOL_DATA,
    missing=BAD_TOOL_DATA,
    wrong_type=BAD_TOOL_DATA,
    unknown_hint="known keys here: {known}",
    missing_hint="add `{key} = ...` (see the modal-runner manifest for an example)",
    type_hint="write the value with the type shown in the modal-runner manifest",
    prefix=("tool_module",),
)


def _known_keys(path: KeyPath) -> list[str]:
    nested: dict[str, type[BaseModel]] = {
        "tiers": Tiers,
        "gpu": Gpu,
        "step": Step,
        "invariant": Invariant,
        "report_field": ReportField,
    }
    names = [p for p in path if isinstance(p, str)]
    model = ModalSpec if not names else nested.get(names[0]) if len(names) == 1 else None
    return sorted(model.model_fields) if model else []


def validate_shape(data: Mapping[str, object]) -> tuple[ModalSpec | None, list[Problem]]:
    """The spec when the table has the right keys and types, else the problems (by key path in the table)."""
    try:
        return ModalSpec.model_validate(data), []
    except ValidationError as err:
        return None, translate_all(data, err.errors(), _WORDING, _known_keys)
