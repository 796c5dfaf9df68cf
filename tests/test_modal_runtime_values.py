"""The values worked out from a script: bounded arithmetic, paths joined as `/` joins them, text."""

from __future__ import annotations

import ast

import pytest

from assembler.toolkinds.modal_runtime.values import UNKNOWN, arithmetic, join_path


def test_paths_join_as_the_slash_operator_does() -> None:
    assert join_path("/vol", "runs", "best") == "/vol/runs/best"
    assert join_path("/vol/", "runs") == "/vol/runs"
    assert join_path("/vol", "/abs") == "/abs"  # an absolute part starts over
    assert arithmetic(ast.Div(), "/vol", "ckpt") == "/vol/ckpt"


@pytest.mark.parametrize(
    ("op", "left", "right", "value"),
    [
        (ast.Mult(), 90, 60, 5400),
        (ast.Div(), 3, 2, 1.5),
        (ast.Div(), 4, 2, 2.0),
        (ast.FloorDiv(), 7, 2, 3),
        (ast.Pow(), 2, 10, 1024),
        (ast.Add(), "a", "b", "ab"),
        (ast.Pow(), 10, 65, UNKNOWN),  # exponent past the bound
        (ast.Mult(), 10**13, 2, UNKNOWN),  # operand past the bound
        (ast.Div(), 1, 0, UNKNOWN),
        (ast.Add(), True, 1, UNKNOWN),
        (ast.Add(), "a" * 4096, "b", UNKNOWN),
        (ast.Mod(), 7, 2, UNKNOWN),  # not an operation the program folds
        (ast.Sub(), 1, "x", UNKNOWN),
    ],
)
def test_arithmetic_within_bounds(op: ast.operator, left: object, right: object, value: object) -> None:
    assert arithmetic(op, left, right) == value  # type: ignore[arg-type]
