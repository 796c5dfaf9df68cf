"""Amounts in cents, bounded numbers and the one error type."""

from __future__ import annotations

import math

import pytest

from assembler.toolkinds.modal_runtime.money import (
    MAX_HOURS,
    ToolError,
    bounded_number,
    hours_text,
    money,
    rate,
    to_cents,
)


def test_amounts_round_to_cents_and_print_with_two_decimals() -> None:
    assert (to_cents(5.005), to_cents(0.1 + 0.2), to_cents(-1.5)) == (500, 30, -150)
    assert (money(0), money(2000), money(-5)) == ("$0.00", "$20.00", "-$0.05")
    assert (rate(1.1), rate(0.000583), hours_text(0.5)) == ("$1.10", "$0.000583", "0.5 h")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308])
def test_amounts_that_are_not_sane_are_tool_errors(value: float) -> None:
    with pytest.raises(ToolError):
        to_cents(value)


@pytest.mark.parametrize("text", ["nan", "inf", "-1", "0", "1e308", str(MAX_HOURS + 1), "x"])
def test_bounded_numbers_refuse_what_lies_outside(text: str) -> None:
    with pytest.raises(ValueError):
        bounded_number(text, low=0, high=MAX_HOURS, low_open=True)
    assert bounded_number("0", low=0, high=1, low_open=False) == 0.0
