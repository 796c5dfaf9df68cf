"""Plan estimates, tiers, the daily cap and the script's worst case (figures of the test table)."""

from __future__ import annotations

import pytest

from assembler.toolkinds.modal_runtime.estimate import (
    Launch,
    ScriptCost,
    combine,
    estimate,
    plan_mismatches,
    tier_for,
)
from assembler.toolkinds.modal_runtime.gpus import parse_request
from assembler.toolkinds.modal_runtime.money import ToolError, money, rate


def test_the_estimate_line_shows_the_arithmetic() -> None:
    est = estimate("H100", 2, 3.0)
    assert est.line() == "Estimate: $27.00 (= 2 × 3 h × $4.50/hr/gpu)"
    assert est.tier == "STOP"
    assert (money(-150), rate(3.9492), rate(1.1)) == ("-$1.50", "$3.9492", "$1.10")


@pytest.mark.parametrize(
    ("hours", "tier"), [(0.62, "AUTO"), (0.625, "WARN"), (2.5, "WARN"), (2.5 + 1 / 800, "STOP")]
)
def test_tier_boundaries_are_exact_at_5_and_20_dollars(hours: float, tier: str) -> None:
    assert estimate("B200", 1, hours).tier == tier
    assert [tier_for(c) for c in (499, 500, 2000, 2001)] == ["AUTO", "WARN", "WARN", "STOP"]


def test_a_run_past_the_daily_cap_is_stop() -> None:
    assert estimate("B200", 1, 0.625, spent_today_usd=15.0).tier == "WARN"
    past = estimate("B200", 1, 0.625, spent_today_usd=15.01)
    assert past.tier == "STOP" and "past the $20.00 daily cap" in past.reason()
    assert past.cap_line().endswith("after this run $20.01, over the cap by $0.01")


@pytest.mark.parametrize(
    ("gpu", "gpus", "hours", "spent"),
    [("T4", 1, 1, 0), ("H100", 0, 1, 0), ("H100", 1, 0, 0), ("H100", 1, 1e308, 0), ("H100", 1, 1, 1.7e308)],
)
def test_bad_inputs_are_tool_errors_not_overflows(gpu: str, gpus: int, hours: float, spent: float) -> None:
    with pytest.raises(ToolError):
        estimate(gpu, gpus, hours, spent)


def _launch(gpu: str | None, timeout_s: int = 3600, retries: int = 0, fan_out: bool = False) -> Launch:
    return Launch("train", 7, "remote", fan_out, parse_request(gpu) if gpu else None, timeout_s, retries)


def test_the_worst_case_is_gpus_rate_timeout_and_retries() -> None:
    launch = _launch("H100:8", 24 * 3600, 2)
    assert launch.worst_cents() == 8 * 450 * 24 * 3
    assert "(= 8 × 24 h timeout × $4.50/hr/gpu × (1 + 2 retries))" in launch.arithmetic()
    assert _launch(None).worst_cents() == 0


def test_the_tier_comes_from_the_larger_when_the_script_is_bounded() -> None:
    plan = estimate("A10G", 1, 0.5)
    bounded = ScriptCost((_launch("A10G", 24 * 3600),))
    assert combine(plan, bounded).tier == "STOP" and combine(plan, bounded).cents == plan.cents
    unbounded = ScriptCost((_launch("A10G", 24 * 3600, fan_out=True),))
    assert not unbounded.bounded and combine(plan, unbounded).tier == "AUTO"
    assert unbounded.lines()[0] == "Script worst case: unbounded"


def test_a_plan_must_match_the_scripts_gpu_and_count() -> None:
    plan = estimate("A10G", 1, 0.5)
    assert plan_mismatches(plan, [_launch("A10G")]) == []
    assert plan_mismatches(plan, [_launch(None)]) == []
    [problem] = plan_mismatches(plan, [_launch("H100:8")])
    assert "the plan says 1 × A10G, but `train` asks for H100:8" in problem
    assert plan_mismatches(estimate("H100", 2, 1), [_launch("H100:2")]) == []
