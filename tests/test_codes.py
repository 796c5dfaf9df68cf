"""The code registry: every code declared once, well formed, documented, and referred to by name."""

from __future__ import annotations

import re

import pytest

from assembler.codes import Code, Kind, kind_of, lookup, registry
from assembler.diagnostics import Severity
from tests.conftest import REPO

RESERVED = {"path", "file", "line", "column", "severity", "detail"}  # parameters of `at` and `located`


def test_codes_are_well_formed_and_sorted() -> None:
    codes = registry()
    assert codes, "the registry is empty"
    assert list(codes) == sorted(codes)
    for key, code in codes.items():
        assert key == code.id
        assert re.fullmatch(r"[ADF]\d{3}", key), key
        assert code.title == code.title.strip() and code.title
        assert code.doc.endswith(".") and len(code.doc) > 40, key
        assert not code.fields() & RESERVED, (key, code.fields() & RESERVED)


def test_kind_follows_the_letter() -> None:
    assert lookup("A002") is not None and lookup("A002").kind is Kind.INPUT  # type: ignore[union-attr]
    assert kind_of("D001") is Kind.DRIFT and kind_of("F002") is Kind.FAULT and kind_of("A050") is Kind.INPUT
    assert all(c.severity is Severity.ERROR for c in registry().values() if c.kind is not Kind.INPUT)


def test_lookup_is_forgiving_about_case_and_spaces() -> None:
    assert lookup(" a013 ") is registry()["A013"]
    assert lookup("A999") is None


def test_every_template_renders_with_its_fields() -> None:
    for code in registry().values():
        values: dict[str, object] = {name: f"<{name}>" for name in code.fields()}
        problem = code.at(("x",), **values)  # type: ignore[arg-type]
        assert problem.code == code.id and problem.severity is code.severity
        for name in code.fields():
            assert f"<{name}>" in problem.message + (problem.hint or "")


def test_located_and_at_carry_the_same_words() -> None:
    code = Code("A998", "a title", "`{key}` is wrong", "fix `{key}`", "Documentation of the code.")
    problem = code.at(("a", 1), key="k")
    located = code.located("f.toml", 3, 4, key="k", detail="more")
    assert (problem.message, problem.hint, problem.path) == ("`k` is wrong", "fix `k`", ("a", 1))
    assert (located.message, located.hint, located.file, located.line, located.column, located.detail) == (
        "`k` is wrong",
        "fix `k`",
        "f.toml",
        3,
        4,
        "more",
    )
    assert code.at((), key="k", severity=Severity.WARNING).severity is Severity.WARNING


def test_a_missing_field_is_a_bug_that_shows() -> None:
    with pytest.raises(KeyError):
        registry()["A020"].at((), name="x")  # `folder` is missing


def test_no_module_spells_a_code_outside_the_registry() -> None:
    spelled = []
    for path in sorted((REPO / "src/assembler").rglob("*.py")):
        if "codes" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"""["'][ADF]\d{3}["']""", line):
                spelled.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert spelled == []


def test_every_code_is_reported_somewhere() -> None:
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (REPO / "src/assembler").rglob("*.py")
        if "codes" not in p.parts
    )
    unused = [code.id for code in registry().values() if not re.search(rf"\b{name_of(code)}\b", sources)]
    assert unused == []


def name_of(code: Code) -> str:
    from assembler.codes import claude, config, content, drift, fault, general, roles, toolmodule

    for module in (general, content, roles, config, toolmodule, claude, drift, fault):
        for name, value in vars(module).items():
            if value is code:
                return name
    raise AssertionError(code.id)
