"""Which code runs where: in Modal containers (registered functions and what they call) or locally.

The call graph is walked once, with a stack and a set of visited functions, so the time grows with the
size of the script, not with the number of paths through it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .script import FunctionNode, Script


@dataclass(frozen=True)
class Code:
    """A function of the script, with the class it is a method of."""

    node: FunctionNode
    owner: ast.ClassDef | None

    @property
    def name(self) -> str:
        return self.node.name


def _nested(script: Script, code: Code) -> Iterator[Code]:
    for node in script.own(code.node):
        if isinstance(node, FunctionNode):
            yield Code(node, None)


def _referenced(script: Script, code: Code) -> Iterator[Code]:
    """The functions of the script that `code` calls or passes on (a callback runs where it is called)."""
    for node in script.own(code.node):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id in script.defs:
                yield Code(script.defs[node.id], None)
            elif node.id in script.classes and node.id not in script.modal:
                cls = script.classes[node.id]
                yield from (Code(m, cls) for m in cls.body if isinstance(m, FunctionNode))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and code.owner is not None:
            members = code.owner.body if node.value.id in ("self", "cls") else []
            for member in members:
                if isinstance(member, FunctionNode) and member.name == node.attr:
                    yield Code(member, code.owner)


def callee_of(script: Script, code: Code, call: ast.Call) -> Code | None:
    """The function of the script a call runs: `helper(...)`, or `self.method(...)` in a class."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in script.defs:
        return Code(script.defs[func.id], None)
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and code.owner is not None:
        members = code.owner.body if func.value.id == "self" else []
        for member in members:
            if isinstance(member, FunctionNode) and member.name == func.attr:
                return Code(member, code.owner)
    return None


def reachable(script: Script, roots: Iterable[Code]) -> list[Code]:
    """`roots` and every function of the script they reach, each once, in the order found."""
    seen: set[int] = set()
    found: list[Code] = []
    stack = list(roots)
    while stack:
        code = stack.pop()
        if id(code.node) in seen or (code.name in script.image_helpers and code.owner is None):
            continue
        seen.add(id(code.node))
        found.append(code)
        stack.extend(_nested(script, code))
        stack.extend(_referenced(script, code))
    return found


def container_code(script: Script) -> list[Code]:
    """The code that runs in Modal containers: registered functions, class methods, what they reach."""
    found = script.memo.get("container")
    if isinstance(found, list):
        return found
    roots = [
        Code(method, function.node if isinstance(function.node, ast.ClassDef) else None)
        for function, method in script.modal_methods()
    ]
    script.memo["container"] = codes = reachable(script, roots)
    return codes


def local_code(script: Script, entrypoint: FunctionNode) -> list[Code]:
    """The code that runs on the launching machine for one local entrypoint."""
    return reachable(script, [Code(entrypoint, None)])
