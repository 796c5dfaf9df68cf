"""Preflight: the pre-launch checklist, run as far as a program can, and the report card."""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .client import live_apps
from .data import CHECKLIST, DAILY_CAP_USD, PRICING_URL, REPORT_FIELDS, Step
from .estimate import STOP, Estimate, ScriptCost, combine, plan_mismatches
from .gpus import compat_line
from .launches import find_entrypoint, script_cost, takes_option
from .lint import RULE_TEXT, lint_source
from .money import money, to_cents
from .script import Script, last_name
from .script_file import ScriptError, parse_source, read_script

_TORCH_PIN: Final = re.compile(r"\btorch\s*(?:===?|>=|~=)\s*([0-9][0-9A-Za-z.+!_-]{0,40})")
MARKS: Final[dict[str, str]] = {"ok": "x", "failed": "!", "approve": "?", "manual": " "}


@dataclass(frozen=True)
class Plan:
    script: Path
    config: Path
    entrypoint: str
    estimate: Estimate
    torch: str | None = None


@dataclass(frozen=True)
class Check:
    status: str  # "ok", "failed" or "approve" (the user must approve the cost)
    details: tuple[str, ...]


@dataclass(frozen=True)
class StepResult:
    step: Step
    status: str  # a Check status, or "manual" when no program check decides the step
    details: tuple[str, ...]


class Reading:
    """The script as preflight reads it: its source, its syntax tree, or why it cannot be read."""

    def __init__(self, path: Path) -> None:
        self.source: str | None = None
        self.script: Script | None = None
        self.problem: str | None = None
        try:
            self.source = read_script(path)
            self.script = Script(parse_source(self.source, str(path)))
        except ScriptError as err:
            self.problem = f"{path}:{err.line}: {err}" if err.line else str(err)


def app_name(script: Script) -> str | None:
    """The name given to `modal.App(...)`, if it is a constant string."""
    for value in script.bindings.values():
        if isinstance(value, ast.Call) and last_name(value.func) in ("App", "Stub"):
            named = [*value.args[:1], *(k.value for k in value.keywords if k.arg == "name")]
            found = [script.evaluate(v) for v in named]
            return next((v for v in found if isinstance(v, str)), None)
    return None


def torch_pin(source: str) -> str | None:
    """The torch version a script's image installs, from a string such as "torch==2.1.0"."""
    found = _TORCH_PIN.search(source)
    return found.group(1) if found else None


def check_files(plan: Plan, reading: Reading) -> Check:
    details: list[str] = []
    ok = True
    for path in (plan.script, plan.config):
        try:
            data = path.read_bytes()
        except OSError as err:
            details.append(f"{path}: {err.strerror or 'cannot be read'}")
            ok = False
            continue
        details.append(f"{path}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    return Check("ok" if ok else "failed", tuple(details))


def check_app_list(plan: Plan, reading: Reading) -> Check:
    apps = live_apps()
    name = app_name(reading.script) if reading.script else None
    description = name or f"{plan.script}::{plan.entrypoint} --config {plan.config}"
    clashes = [a.app_id for a in apps if a.description == description]
    if clashes:
        return Check(
            "failed",
            (f"{description!r} is already live as {', '.join(clashes)}: a launch would duplicate it",),
        )
    return Check("ok", (f"{len(apps)} live apps, none named {description!r}",))


def check_gpu(plan: Plan, reading: Reading) -> Check:
    torch = plan.torch or (torch_pin(reading.source) if reading.source else None)
    if torch is None:
        return Check("failed", ("torch version unknown: pin torch in the image or pass --torch",))
    ok, line = compat_line(plan.estimate.gpu, torch)
    return Check("ok" if ok else "failed", (line,))


def check_entrypoint(plan: Plan, reading: Reading) -> Check:
    if reading.script is None:
        return Check("failed", (reading.problem or "the script cannot be read",))
    entry = find_entrypoint(reading.script, plan.entrypoint)
    if entry is None:
        return Check(
            "failed", (f"the script has no entrypoint `{plan.entrypoint}`: `modal run` would refuse it",)
        )
    if not takes_option(entry, "config"):
        return Check(
            "failed",
            (f"`{plan.entrypoint}` (line {entry.lineno}) takes no `config`: `modal run` refuses --config",),
        )
    return Check("ok", (f"`{plan.entrypoint}` (line {entry.lineno}) takes --config",))


def script_costs(plan: Plan, reading: Reading) -> ScriptCost | None:
    if reading.script is None:
        return None
    entry = find_entrypoint(reading.script, plan.entrypoint)
    return None if entry is None else script_cost(reading.script, entry)


def cost_lines(est: Estimate, cost: ScriptCost | None) -> list[str]:
    lines = [
        est.line(),
        *(cost.lines() if cost else ["Script worst case: the script's entrypoint cannot be read"]),
    ]
    if cost is not None and cost.bounded and est.tier_cents != est.cents:
        lines.append(f"The tier is taken from the script's worst case, {money(est.tier_cents)}, the larger")
    return [*lines, f"Tier: {est.tier}: {est.reason()}", est.cap_line()]


def check_cost(plan: Plan, reading: Reading) -> Check:
    cost = script_costs(plan, reading)
    est = plan.estimate
    lines = cost_lines(est, cost)
    mismatch = plan_mismatches(est, cost.launches) if cost else []
    if mismatch:
        return Check("failed", (*lines, *mismatch))
    return Check("approve" if est.tier == STOP else "ok", tuple(lines))


def check_lint(plan: Plan, reading: Reading, rules: Sequence[str]) -> dict[str, Check]:
    if reading.source is None:
        return {rule: Check("failed", (reading.problem or "cannot read the script",)) for rule in rules}
    findings = lint_source(reading.source, rules, str(plan.script))
    checks: dict[str, Check] = {}
    for rule in rules:
        lines = tuple(
            f"{plan.script}:{f.line}: {f.rule}: {f.message}" for f in findings if f.rule in (rule, "syntax")
        )
        checks[rule] = Check("failed" if lines else "ok", lines)
    return checks


PROGRAM: Final[dict[str, Callable[[Plan, Reading], Check]]] = {
    "file-verify": check_files,
    "app-list": check_app_list,
    "gpu-compat": check_gpu,
    "entrypoint": check_entrypoint,
    "cost": check_cost,
}


def with_script_tier(plan: Plan) -> Plan:
    """The plan whose tier accounts for the script's bounded worst case."""
    cost = script_costs(plan, Reading(plan.script))
    est = combine(plan.estimate, cost) if cost is not None else plan.estimate
    return Plan(plan.script, plan.config, plan.entrypoint, est, plan.torch)


def preflight(plan: Plan) -> list[StepResult]:
    reading = Reading(plan.script)
    wanted = {check for step in CHECKLIST for check in step.checks}
    checks = {name: run(plan, reading) for name, run in PROGRAM.items() if name in wanted}
    checks.update(check_lint(plan, reading, [rule for rule in RULE_TEXT if rule in wanted]))
    results: list[StepResult] = []
    for step in CHECKLIST:
        mine = [checks[c] for c in step.checks if c in checks]
        if not mine:
            results.append(StepResult(step, "manual", ()))
            continue
        statuses = {c.status for c in mine}
        status = "failed" if "failed" in statuses else "approve" if "approve" in statuses else "ok"
        results.append(StepResult(step, status, tuple(d for c in mine for d in c.details)))
    return results


def report_card(plan: Plan, results: Sequence[StepResult], stop: str = "no stop issued") -> list[str]:
    est = plan.estimate
    reading = Reading(plan.script)
    torch = plan.torch or (torch_pin(reading.source) if reading.source else None)
    verified = f"price verified {est.gpu.verified}" if est.gpu.verified else "price never verified"
    cap = to_cents(DAILY_CAP_USD)
    headroom = f"headroom {money(cap - est.after_cents)}" if est.after_cents <= cap else "over the cap"
    values = {
        "cost-estimate": f"{est.formula()}, {verified}; confirm it on {PRICING_URL}",
        "cost-tier": est.tier,
        "session-spend": f"{money(est.spent_today_cents)} / {money(cap)} daily cap → {headroom} after it",
        "gpu": f"{est.gpus} × {est.gpu.name} | torch version: {torch or 'unknown'}",
        "checklist": " ".join(f"[{MARKS[r.status]}] {r.step.label}" for r in results),
        "anti-stop": stop,
    }
    return [f"{field.label}: {values[field.key]}" for field in REPORT_FIELDS]


def blocked(results: Iterable[StepResult]) -> list[str]:
    return [r.step.label for r in results if r.status == "failed"]


def print_preflight(plan: Plan, results: Sequence[StepResult]) -> None:
    est = plan.estimate
    print(f"Preflight: {plan.script} with {plan.config} on {est.gpus} × {est.gpu.name} for {est.hours:g} h")
    for result in results:
        note = " (not checked by this program)" if result.status == "manual" else ""
        print(f"[{MARKS[result.status]}] {result.step.label}: {result.step.text}{note}")
        for detail in result.details:
            print(f"      {detail}")
    print("=== REPORT CARD ===")
    for line in report_card(plan, results):
        print(line)
    print("=== END REPORT CARD ===")
