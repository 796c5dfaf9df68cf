"""Splicing the runtime modules into one program with the manifest's figures in its templated region."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from assembler.toolkinds.modal_checks import parse_spec
from assembler.toolkinds.modal_data import render_data
from assembler.toolkinds.modal_splice import (
    END,
    ORDER,
    START,
    SpliceError,
    fill_region,
    merge_imports,
    runtime_sources,
    splice,
    split_module,
)

FIXTURES = Path(__file__).parent / "fixtures" / "modal"


def fixture_region() -> str:
    data = tomllib.loads((FIXTURES / "tool_module.toml").read_text(encoding="utf-8"))["tool_module"]
    spec, problems = parse_spec(data)
    assert spec is not None, problems
    return render_data(spec)


def test_the_packages_data_region_is_the_rendered_test_table() -> None:
    """One source: the figures in data.py are the test table's, as the build would write them."""
    source = runtime_sources()["data"]
    assert source.split(START)[1].split(END)[0] == fixture_region(), (
        "regenerate the region of modal_runtime/data.py from tests/fixtures/modal/tool_module.toml"
    )


def test_every_runtime_module_is_spliced_in_order() -> None:
    folder = Path(__file__).parent.parent / "src" / "assembler" / "toolkinds" / "modal_runtime"
    on_disk = {p.stem for p in folder.glob("*.py")} - {"__init__"}
    assert set(ORDER) == on_disk
    program = splice('"""doc"""\n', fixture_region())
    tree = ast.parse(program)
    relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
    assert relative == [] and program.count("from __future__ import annotations") == 1
    assert [line for line in program.splitlines() if line.startswith("# modal_runtime/")] == [
        f"# modal_runtime/{name}.py" for name in ORDER
    ]


def test_only_relative_imports_are_dropped_and_only_the_standard_library_is_kept() -> None:
    imports, body = split_module("m", '"""d"""\nimport os\nfrom .money import x\n\nVALUE = os.sep\n')
    assert [type(n).__name__ for n in imports] == ["Import"] and body == "VALUE = os.sep\n"
    with pytest.raises(SpliceError, match="not in the standard library"):
        split_module("m", "import requests\n")
    with pytest.raises(SpliceError, match="below the module's import block"):
        split_module("m", "import os\nX = 1\nimport sys\n")
    with pytest.raises(SpliceError, match="below the module's import block"):
        split_module("m", "def f():\n    from .x import y\n")


def test_imports_are_merged_and_sorted_as_ruff_sorts_them() -> None:
    nodes = [
        node
        for source in (
            "import sys\nfrom typing import Final, Any\n",
            "import ast\nfrom typing import NoReturn\n",
        )
        for node in ast.parse(source).body
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert merge_imports(nodes) == (
        "from __future__ import annotations\n\n"
        "import ast\nimport sys\nfrom typing import Any, Final, NoReturn\n"
    )


def test_the_templated_region_must_be_there_once() -> None:
    with pytest.raises(SpliceError):
        fill_region("data", "X = 1\n", "Y = 2\n")
    with pytest.raises(SpliceError):
        fill_region("data", START + END + START + END, "")
    assert fill_region("data", f"a\n{START}old\n{END}b\n", "new\n") == f"a\n{START}new\n{END}b\n"
