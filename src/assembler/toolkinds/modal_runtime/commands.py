"""The commands of the tool: each parses nothing, prints its report and returns the exit status."""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from .client import run_command, start_run, stop_app
from .data import (
    AUTO_BELOW_USD,
    CHECKLIST,
    CONFIRM_SHA256,
    DAILY_CAP_USD,
    EXIT_ERROR,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_STOP,
    EXIT_WARN,
    GPUS,
    INVARIANTS,
    PRICING_URL,
)
from .estimate import AUTO, STOP, WARN, Estimate, combine, estimate
from .gpus import compat_line
from .ledger import (
    LaunchRecord,
    Ledger,
    StopRecord,
    ledger_path,
    load_ledger,
    locked,
    now_text,
    replace_launch,
    save_ledger,
    session_id,
    spent_in,
    spent_on,
)
from .lint import RULE_TEXT, lint_source
from .money import ToolError, money, rate, to_cents
from .preflight import Plan, Reading, blocked, cost_lines, preflight, print_preflight, script_costs
from .script_file import ScriptError, read_script

TIER_EXIT = {AUTO: EXIT_OK, WARN: EXIT_WARN, STOP: EXIT_STOP}


def today_spent(args: argparse.Namespace) -> int:
    given: float | None = getattr(args, "spent_today", None)
    if given is not None:
        return to_cents(given)
    return spent_on(load_ledger(ledger_path(args.ledger)).launches, date.today())


def make_plan(args: argparse.Namespace, spent_cents: int) -> Plan:
    est = estimate(args.gpu.name, args.gpus, args.hours, spent_cents / 100)
    plan = Plan(Path(args.script), Path(args.config), args.entrypoint, est, args.torch)
    cost = script_costs(plan, Reading(plan.script))
    final = combine(est, cost) if cost is not None else est
    return Plan(plan.script, plan.config, plan.entrypoint, final, plan.torch)


def cmd_estimate(args: argparse.Namespace) -> int:
    est: Estimate = estimate(args.gpu.name, args.gpus, args.hours, today_spent(args) / 100)
    if args.script is None:
        lines = [est.line(), f"Tier: {est.tier}: {est.reason()}", est.cap_line()]
    else:
        plan = Plan(Path(args.script), Path("-"), args.entrypoint, est)
        reading = Reading(plan.script)
        if reading.problem:
            raise ToolError(reading.problem)
        cost = script_costs(plan, reading)
        est = combine(est, cost) if cost is not None else est
        lines = cost_lines(est, cost)
    print("\n".join(lines))
    if est.tier != AUTO:
        verified = est.gpu.verified or "never"
        print(f"Price of {est.gpu.name} verified: {verified}; confirm the rate on {PRICING_URL}")
    return TIER_EXIT[est.tier]


def cmd_gpus(args: argparse.Namespace) -> int:
    width = max(len(g.name) for g in GPUS)
    print(f"{'GPU':<{width}}  {'$/hr/gpu':<9} max  min torch  verified    also matches")
    for gpu in GPUS:
        also = ", ".join(gpu.aliases) or "-"
        when = gpu.verified or "never"
        price = rate(gpu.usd_per_hour)
        print(f"{gpu.name:<{width}}  {price:<9} {gpu.max_count:<4} {gpu.min_torch:<10} {when:<11} {also}")
    print("Names match without case; `:N` asks for N GPUs, `!` or `+` after a name keeps its price;")
    print("a list of fallbacks and `any` are priced at their dearest choice.")
    threshold = money(to_cents(AUTO_BELOW_USD))
    print(
        f"Prices change: before quoting an estimate of {threshold} or more, verify the rate on {PRICING_URL}"
    )
    return EXIT_OK


def cmd_compat(args: argparse.Namespace) -> int:
    ok, line = compat_line(args.gpu, args.torch)
    print(line)
    return EXIT_OK if ok else EXIT_FAILED


def cmd_lint(args: argparse.Namespace) -> int:
    path = Path(args.script)
    try:
        source = read_script(path)
    except ScriptError as err:
        raise ToolError(str(err)) from None
    findings = lint_source(source, filename=str(path))
    for finding in findings:
        print(f"{path}:{finding.line}: {finding.rule}: {finding.message}")
        print(f"    fix: {finding.fix}")
        if finding.rule in RULE_TEXT:
            print(f"    invariant: {RULE_TEXT[finding.rule]}")
    print(f"{len(findings)} findings in {path} (rules: {', '.join(RULE_TEXT)})")
    manual = [i.text for i in INVARIANTS if i.rule is None]
    if manual:
        print("Not checked by this program, check by reading the script:")
        for line in manual:
            print(f"  - {line}")
    return EXIT_FAILED if findings else EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    for number, step in enumerate(CHECKLIST, start=1):
        checked = f" [preflight checks: {', '.join(step.checks)}]" if step.checks else ""
        print(f"{number}. {step.label}: {step.text}{checked}")
    return EXIT_OK


def _verdict(plan: Plan, failed: list[str]) -> tuple[int, str]:
    if failed:
        return EXIT_FAILED, f"BLOCKED by {', '.join(failed)}: fix these before launching"
    if plan.estimate.tier == STOP:
        return EXIT_STOP, "READY except the cost: STOP tier, the user must approve it (--approve-cost)"
    return EXIT_OK, f"READY (cost tier {plan.estimate.tier})"


def cmd_preflight(args: argparse.Namespace) -> int:
    plan = make_plan(args, today_spent(args))
    results = preflight(plan)
    print_preflight(plan, results)
    status, verdict = _verdict(plan, blocked(results))
    print(f"Preflight: {verdict}")
    return status


def _safe_path(text: str) -> str:
    """A path `modal run` cannot take for an option (pathlib would drop the `./`)."""
    return f"./{text}" if text.startswith("-") else text


def cmd_launch(args: argparse.Namespace) -> int:
    path = ledger_path(args.ledger)
    plan = make_plan(args, spent_on(load_ledger(path).launches, date.today()))
    results = preflight(plan)
    print_preflight(plan, results)
    status, verdict = _verdict(plan, blocked(results))
    if status == EXIT_FAILED:
        print(f"Launch refused: {verdict}", file=sys.stderr)
        return status
    with locked(path):  # read, check against the cap and reserve, as one step
        ledger = load_ledger(path)
        spent = spent_on(ledger.launches, date.today())
        est = plan.estimate
        est = Estimate(est.gpu, est.gpus, est.hours, est.cents, spent, est.tier_cents)
        if est.tier == STOP and not args.approve_cost:
            print(
                f"Launch refused: {est.line()} is STOP ({est.reason()}); {est.cap_line()}.", file=sys.stderr
            )
            print("Pass --approve-cost only after the user has approved this cost.", file=sys.stderr)
            return EXIT_STOP
        stamp = now_text()
        entry = LaunchRecord(
            f"{stamp}-{os.getpid()}",
            stamp,
            session_id(args.session),
            est.tier_cents / 100,
            est.gpu.name,
            est.gpus,
            est.hours,
            str(plan.script),
            "starting",
            None,
            None,
        )
        save_ledger(path, Ledger((*ledger.launches, entry), ledger.stops))
    command = run_command(_safe_path(args.script), args.entrypoint, _safe_path(args.config))
    log = path.parent / "logs" / f"{re.sub(r'[^0-9A-Za-z]+', '-', stamp)}-{plan.script.stem[:40]}.log"
    print(f"Running: modal {' '.join(command)} (output in {log})", flush=True)
    started = start_run(command, log, args.wait)
    if started.rejected:
        updated, code = "rejected", EXIT_ERROR
        print(f"Modal refused the arguments before creating an app ({started.message}): not counted")
    elif started.outcome == "exited" and started.returncode != 0:
        updated, code = "failed", EXIT_ERROR
        print(f"The launch failed (exit {started.returncode}): {started.message}; its estimate stays counted")
    else:
        updated, code = "launched", EXIT_OK
        where = started.app_id or f"no app id yet after {args.wait:g} s; watch {log}"
        print(f"Launched: {where}; the modal client (pid {started.pid}) keeps running detached")
    final = replace(entry, status=updated, app_id=started.app_id, pid=started.pid)
    with locked(path):
        ledger = load_ledger(path)
        save_ledger(path, Ledger(replace_launch(ledger.launches, final), ledger.stops))
    today = money(spent_on(replace_launch(ledger.launches, final), date.today()))
    print(f"Spend ledger {path}: today {today} of the {money(to_cents(DAILY_CAP_USD))} daily cap")
    return code


def _record_stop(path: Path, record: StopRecord) -> None:
    with locked(path):
        ledger = load_ledger(path)
        save_ledger(path, Ledger(ledger.launches, (*ledger.stops, record)))


def cmd_stop(args: argparse.Namespace) -> int:
    path = ledger_path(args.ledger)
    given = args.confirm.strip() if args.confirm is not None else None
    confirmed = given is not None and hashlib.sha256(given.encode("utf-8")).hexdigest() == CONFIRM_SHA256
    session = session_id(args.session)
    if not confirmed:
        _record_stop(path, StopRecord(now_text(), session, args.app_id, False, "refused"))
        print(
            f"Stop refused: {args.app_id} keeps running. --confirm must carry the user's own words, the "
            "confirmation phrase of the anti-stop guard typed by the user in the chat. Ask the user; "
            "never write the phrase yourself. A bug in the script is fixed for the next launch.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    try:
        stop_app(args.app_id)
    except ToolError:
        _record_stop(path, StopRecord(now_text(), session, args.app_id, True, "failed"))
        raise
    stamp = now_text()
    _record_stop(path, StopRecord(stamp, session, args.app_id, True, "stopped"))
    print(f"Stopped {args.app_id} at {stamp}, after the user's confirmation; recorded in {path}")
    return EXIT_OK


def cmd_spend(args: argparse.Namespace) -> int:
    path = ledger_path(args.ledger)
    ledger = load_ledger(path)
    today = date.today()
    session = session_id(args.session, today)
    spent_today = spent_on(ledger.launches, today)
    cap = to_cents(DAILY_CAP_USD)
    launches = sum(1 for e in ledger.launches if e.session == session)
    print(f"Spend ledger: {path}")
    print(f"Session {session}: {money(spent_in(ledger.launches, session))} in {launches} launches")
    left = f"headroom {money(cap - spent_today)}" if spent_today <= cap else "over the cap"
    print(f"Today ({today}): {money(spent_today)} of the {money(cap)} daily cap; {left}")
    stops = [s for s in ledger.stops if datetime.fromisoformat(s.time).astimezone().date() == today]
    for stop in stops:
        print(f"Stop request {stop.time}: {stop.app_id}, {stop.status}")
    return EXIT_OK
