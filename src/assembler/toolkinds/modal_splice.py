"""Splicing the modal-runner tool: one file from the runtime package's modules, with the data region filled.

Like pre-commit's hook script, the generated program is real source with one templated region. The runtime
modules are concatenated in `ORDER` (each after those it uses at import time); their standard-library
imports are merged into one block at the top; the relative imports between them, the only imports
the splicer drops, disappear because the modules become one namespace. Any other import is refused,
so the program stays standard-library only. The region of `data.py` between `# start templated` and
`# end templated` is replaced by the manifest's figures.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Final

RUNTIME: Final = Path(__file__).parent / "modal_runtime"
ORDER: Final = (
    "data",
    "money",
    "gpus",
    "estimate",
    "script_file",
    "values",
    "script",
    "reach",
    "flow",
    "lint_volumes",
    "lint_training",
    "lint",
    "launches",
    "ledger",
    "client",
    "preflight",
    "commands",
    "arguments",
    "cli",
)
START: Final = "# start templated\n"
END: Final = "# end templated\n"
LINE_LENGTH: Final = 110


class SpliceError(Exception):
    """A runtime module breaks a rule of the splicer (a programming error, caught by the tests)."""


@lru_cache(maxsize=1)
def runtime_sources() -> dict[str, str]:
    """The text of each runtime module, by name, in splice order."""
    return {name: (RUNTIME / f"{name}.py").read_text(encoding="utf-8") for name in ORDER}


@lru_cache(maxsize=1)
def sources_digest() -> str:
    """SHA-256 of everything that becomes the program besides the manifest: the runtime modules and the
    modules that render the data region, the prologue and the splice."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    renderers = (here / "modal_data.py", here / "modal.py", Path(__file__))
    for path in (*(RUNTIME / f"{n}.py" for n in ORDER), *renderers):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def split_module(name: str, source: str) -> tuple[list[ast.Import | ast.ImportFrom], str]:
    """The module's standard-library imports, and its source from the first statement after them."""
    tree = ast.parse(source)
    body = list(tree.body)
    if body and _is_docstring(body[0]):
        body.pop(0)
    imports: list[ast.Import | ast.ImportFrom] = []
    while body:
        first = body[0]
        if not isinstance(first, ast.Import | ast.ImportFrom):
            break
        imports.append(first)
        body.pop(0)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and node not in imports:
            raise SpliceError(f"{name}.py: an import below the module's import block (line {node.lineno})")
    kept: list[ast.Import | ast.ImportFrom] = []
    for node in imports:
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            continue  # a relative import: the module it names is spliced into the same file
        modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
        for module in modules:
            if module != "__future__" and module.split(".")[0] not in sys.stdlib_module_names:
                raise SpliceError(f"{name}.py imports {module}, which is not in the standard library")
        kept.append(node)
    lines = source.splitlines(keepends=True)
    rest = "".join(lines[body[0].lineno - 1 - _decorators(body[0]) :]) if body else ""
    return kept, rest


def _decorators(node: ast.stmt) -> int:
    """How many lines the statement's decorators (and comments just above it) take before its line."""
    decorators = getattr(node, "decorator_list", [])
    return node.lineno - min(d.lineno for d in decorators) if decorators else 0


def _member_key(name: str) -> tuple[int, str]:
    """isort's order by type, as ruff applies it: CONSTANTS, then Classes, then the rest."""
    if name.isupper() and len(name) > 1:
        return 0, name
    return (1, name) if name[:1].isupper() else (2, name)


def merge_imports(nodes: Iterable[ast.Import | ast.ImportFrom]) -> str:
    """One sorted import block: `import x` lines, then `from x import a, b` lines."""
    plain: set[str] = set()
    members: dict[str, set[str]] = {}
    for node in nodes:
        if isinstance(node, ast.Import):
            plain.update(alias.name for alias in node.names)
        elif node.module != "__future__":
            members.setdefault(node.module or "", set()).update(a.name for a in node.names)
    lines = [f"import {name}\n" for name in sorted(plain)]
    for module in sorted(members):
        names = sorted(members[module], key=_member_key)
        line = f"from {module} import {', '.join(names)}\n"
        if len(line) - 1 > LINE_LENGTH:
            line = f"from {module} import (\n" + "".join(f"    {n},\n" for n in names) + ")\n"
        lines.append(line)
    return "from __future__ import annotations\n\n" + "".join(lines)


def fill_region(name: str, source: str, region: str) -> str:
    if source.count(START) != 1 or source.count(END) != 1 or source.index(START) > source.index(END):
        raise SpliceError(f"{name}.py must hold one `{START.strip()}` ... `{END.strip()}` region")
    head, rest = source.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}{region}{END}{tail}"


def splice(prologue: str, region: str, sources: Mapping[str, str] | None = None) -> str:
    """The program: `prologue` (header comments and docstring), the imports, then each module's body."""
    chosen = dict(runtime_sources() if sources is None else sources)
    chosen["data"] = fill_region("data", chosen["data"], region)
    imports: list[ast.Import | ast.ImportFrom] = []
    bodies: list[str] = []
    for name, source in chosen.items():
        found, body = split_module(name, source)
        imports += found
        bodies.append(f"# {RUNTIME.name}/{name}.py\n{body.lstrip(chr(10))}")
    return prologue + "\n" + merge_imports(imports) + "\n\n" + "\n\n".join(bodies)
