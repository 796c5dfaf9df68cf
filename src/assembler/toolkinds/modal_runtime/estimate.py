"""Estimates: the plan's (GPUs × hours × rate) and the script's worst case, with tiers and the daily cap.

The script's worst case of one launched function is GPUs × rate × timeout × (1 + retries): Modal stops a
call at its timeout and bills each retry again. A fan-out (`.map`, a call in a loop) multiplies that by a
number of inputs the script does not state, so its total is unbounded and the plan decides the tier.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .data import AUTO_BELOW_USD, DAILY_CAP_USD, STOP_ABOVE_USD, Gpu
from .gpus import GpuRequest, check_count, find_gpu
from .money import MAX_HOURS, MAX_USD, ToolError, hours_text, money, rate, to_cents

AUTO: Final = "AUTO"
WARN: Final = "WARN"
STOP: Final = "STOP"


def tier_for(cost_cents: int, spent_today_cents: int = 0) -> str:
    """AUTO below the auto threshold, WARN up to the stop threshold, STOP above it or past the cap."""
    past_cap = spent_today_cents + cost_cents > to_cents(DAILY_CAP_USD)
    if cost_cents > to_cents(STOP_ABOVE_USD) or past_cap:
        return STOP
    if cost_cents >= to_cents(AUTO_BELOW_USD):
        return WARN
    return AUTO


@dataclass(frozen=True)
class Estimate:
    gpu: Gpu
    gpus: int
    hours: float
    cents: int
    spent_today_cents: int
    tier_cents: int  # what decides the tier: the larger of this and the script's bounded worst case

    @property
    def tier(self) -> str:
        return tier_for(self.tier_cents, self.spent_today_cents)

    @property
    def after_cents(self) -> int:
        return self.spent_today_cents + self.tier_cents

    def formula(self) -> str:
        per_gpu = rate(self.gpu.usd_per_hour)
        return f"{money(self.cents)} (= {self.gpus} × {hours_text(self.hours)} × {per_gpu}/hr/gpu)"

    def line(self) -> str:
        return f"Estimate: {self.formula()}"

    def reason(self) -> str:
        auto, stop, cap = to_cents(AUTO_BELOW_USD), to_cents(STOP_ABOVE_USD), to_cents(DAILY_CAP_USD)
        if self.tier_cents > stop:
            return f"over {money(stop)} per run: ask the user before launching"
        if self.after_cents > cap:
            return (
                f"today's spend would reach {money(self.after_cents)}, past the {money(cap)} "
                "daily cap: ask the user before launching"
            )
        if self.tier_cents >= auto:
            return f"{money(auto)} to {money(stop)} per run, within the daily cap: launch"
        return f"under {money(auto)} per run: launch"

    def cap_line(self) -> str:
        cap = to_cents(DAILY_CAP_USD)
        spent = money(self.spent_today_cents)
        head = f"Daily cap: {money(cap)}; spent today {spent}; after this run {money(self.after_cents)}"
        if self.after_cents > cap:
            return f"{head}, over the cap by {money(self.after_cents - cap)}"
        return f"{head}, headroom {money(cap - self.after_cents)}"

    def with_tier_cents(self, cents: int) -> Estimate:
        return Estimate(self.gpu, self.gpus, self.hours, self.cents, self.spent_today_cents, cents)


def estimate(gpu: str, gpus: int, hours: float, spent_today_usd: float = 0.0) -> Estimate:
    """The cost of `gpus` GPUs of type `gpu` for `hours` hours, given what was spent today."""
    if not (math.isfinite(hours) and 0 < hours <= MAX_HOURS):
        raise ToolError(f"the hours must be a number above 0 and at most {MAX_HOURS:g}, not {hours!r}")
    if not (math.isfinite(spent_today_usd) and 0 <= spent_today_usd <= MAX_USD):
        raise ToolError(f"the spend today must be between 0 and {MAX_USD:g} dollars, not {spent_today_usd!r}")
    found = find_gpu(gpu)
    check_count(found, gpus)
    cents = to_cents(gpus * hours * found.usd_per_hour)
    return Estimate(found, gpus, hours, cents, to_cents(spent_today_usd), cents)


@dataclass(frozen=True)
class Launch:
    """One Modal function the script's entrypoint launches, as the script declares it."""

    function: str
    line: int
    how: str  # remote, spawn, map, ...
    fan_out: bool  # many calls: .map and the like, or a call in a loop
    request: GpuRequest | None  # None: no GPU
    timeout_s: int
    retries: int

    @property
    def hours(self) -> float:
        return self.timeout_s / 3600

    def worst_cents(self) -> int:
        if self.request is None:
            return 0
        choice = self.request.dearest
        return to_cents(choice.usd_per_hour * self.hours * (1 + self.retries))

    def arithmetic(self) -> str:
        if self.request is None:
            return f"`{self.function}` (line {self.line}, .{self.how}): no GPU"
        choice = self.request.dearest
        fallback = f" (dearest of {self.request.written})" if len(self.request.choices) > 1 else ""
        retries = f" × (1 + {self.retries} retries)" if self.retries else ""
        many = " per call, × an unstated number of calls" if self.fan_out else ""
        return (
            f"`{self.function}` (line {self.line}, .{self.how}): {money(self.worst_cents())} "
            f"(= {choice.count} × {hours_text(self.hours)} timeout × {rate(choice.gpu.usd_per_hour)}/hr/gpu"
            f"{fallback}{retries}){many}"
        )


@dataclass(frozen=True)
class ScriptCost:
    launches: tuple[Launch, ...]

    @property
    def bounded(self) -> bool:
        return not any(launch.fan_out and launch.request is not None for launch in self.launches)

    def total_cents(self) -> int:
        return sum(launch.worst_cents() for launch in self.launches)

    def lines(self) -> list[str]:
        if not self.launches:
            return ["Script worst case: the entrypoint launches no Modal function the program can see"]
        head = (
            f"Script worst case: {money(self.total_cents())}"
            if self.bounded
            else "Script worst case: unbounded"
        )
        return [head, *(f"  {launch.arithmetic()}" for launch in self.launches)]


def plan_mismatches(plan: Estimate, launches: Sequence[Launch]) -> list[str]:
    """Why the plan's GPU does not describe the script's: empty when some GPU launch matches it."""
    gpu_launches = [launch for launch in launches if launch.request is not None]
    if not gpu_launches:
        return []
    for launch in gpu_launches:
        assert launch.request is not None
        if any(c.gpu == plan.gpu and c.count == plan.gpus for c in launch.request.choices):
            return []
    asked = "; ".join(
        f"`{launch.function}` asks for {launch.request.written}" for launch in gpu_launches if launch.request
    )
    return [f"the plan says {plan.gpus} × {plan.gpu.name}, but {asked}: make the plan match the script"]


def combine(plan: Estimate, cost: ScriptCost) -> Estimate:
    """The plan with its tier taken from the larger of the two estimates, when the script is bounded."""
    if not cost.bounded:
        return plan
    return plan.with_tier_cents(max(plan.cents, cost.total_cents()))
