"""The templated region: the manifest's figures as Python literals through the pyliteral escaper."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from assembler.toolkinds.modal_checks import parse_spec
from assembler.toolkinds.modal_data import EXIT_CODES, chunks, confirm_digest, render_data, text

FIXTURES = Path(__file__).parent / "fixtures" / "modal"


@pytest.mark.parametrize("value", ["", "short", "a " * 80, "x" * 200, "'''\"\"\"" * 30, "é" * 100 + " end"])
def test_long_texts_become_adjacent_literals_that_give_the_text_back(value: str) -> None:
    assert "".join(chunks(value)) == value
    assert ast.literal_eval(text(value, "    ")) == value


def test_the_region_is_literals_only_and_keeps_only_the_phrases_digest() -> None:
    data = tomllib.loads((FIXTURES / "tool_module.toml").read_text(encoding="utf-8"))["tool_module"]
    spec, _ = parse_spec(data)
    assert spec is not None
    region = render_data(spec)
    assert "yes, stop it" not in region and confirm_digest("yes, stop it") in region
    tree = ast.parse(region)
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert calls <= {"Gpu", "Step", "Invariant", "ReportField"}
    assert all(len(line) <= 110 for line in region.splitlines())
    names = [
        t.target.id for t in tree.body if isinstance(t, ast.AnnAssign) and isinstance(t.target, ast.Name)
    ]
    assert [n for n in names if n.startswith("EXIT_") and n != "EXIT_STATUS"] == [
        f"EXIT_{n}" for _, n, _ in EXIT_CODES
    ]


@pytest.mark.parametrize(
    "value",
    ["x" * 30_000, ("word " * 6_000)[:30_000], "é'\"\\\n" * 6_000, "😀" * 30_000],
    ids=["no-space", "words", "escapes", "astral"],
)
def test_long_strings_are_cut_in_one_pass(value: str) -> None:
    # The first version cut a word without spaces by shrinking it one character at a time, re-quoting it
    # each time: a 30,000-character string took minutes. Run in a child with a time limit, so a return of
    # that cost fails the test instead of hanging the suite.
    import subprocess
    import sys

    script = (
        "import sys\nfrom assembler.toolkinds.modal_data import chunks\n"
        "text = sys.stdin.read()\npieces = chunks(text)\n"
        "assert ''.join(pieces) == text\n"
        "assert all(len(repr(p)) <= 64 for p in pieces)\nprint(len(pieces))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=value,
        capture_output=True,
        text=True,
        timeout=120,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= len(value) // 64
