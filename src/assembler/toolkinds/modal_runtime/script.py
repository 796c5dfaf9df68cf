"""A Modal script read by its syntax tree: what it registers on its App and the constants it uses.

Nothing here recurses with the input: walks use explicit stacks or `ast.walk`, and evaluation of
constant expressions stops at a fixed depth, so a 5,000-deep attribute chain is read like any other.
A UTF-8 byte order mark is accepted, as Python accepts it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from .values import UNKNOWN, Retries, Value, arithmetic, join_path

_MAX_DEPTH: Final = 40
_MODAL_DECORATORS: Final = {"function": "function", "cls": "cls", "server": "cls"}
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def dotted(node: ast.AST) -> str:
    """`torch.save` for `torch.save`; '' when the chain does not start at a plain name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def last_name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function's body, without the bodies of functions and classes defined in it."""
    stack: list[ast.AST] = list(reversed(getattr(function, "body", [])))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, FunctionNode | ast.ClassDef):
            stack.extend(reversed([*node.decorator_list, *getattr(node, "bases", [])]))
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _ownership(tree: ast.Module) -> dict[int, list[ast.AST]]:
    """Each function's own nodes (as `own_nodes` yields them), for every function of the tree at once."""
    owned: dict[int, list[ast.AST]] = {}
    stack: list[tuple[ast.AST, int]] = [(child, 0) for child in reversed(tree.body)]
    while stack:
        node, owner = stack.pop()
        if owner:
            owned[owner].append(node)
        if isinstance(node, FunctionNode | ast.ClassDef):
            owned.setdefault(id(node), [])
            inner = [*node.decorator_list, *getattr(node, "bases", [])]
            stack.extend((child, owner) for child in reversed(inner))
            stack.extend((child, id(node)) for child in reversed(node.body))
            continue
        stack.extend((child, owner) for child in reversed(list(ast.iter_child_nodes(node))))
    return owned


@dataclass
class ModalFunction:
    """A function or class registered on an App: its code runs in Modal containers."""

    name: str
    node: FunctionNode | ast.ClassDef
    kind: str  # "function" or "cls"
    line: int
    options: dict[str, ast.expr] = field(default_factory=dict)

    def methods(self) -> list[FunctionNode]:
        if isinstance(self.node, ast.ClassDef):
            return [n for n in self.node.body if isinstance(n, FunctionNode)]
        return [self.node]


class Script:
    """The facts of one script that the lint and the estimate read."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.bindings: dict[str, ast.expr] = {}
        self.defs: dict[str, FunctionNode] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self.modal: dict[str, ModalFunction] = {}
        self.entrypoints: dict[str, FunctionNode] = {}
        for statement in self._module_statements():
            self._read(statement)
        self.image_helpers = self._image_helpers()
        self.instances = self._instances()
        self._owned: dict[int, list[ast.AST]] | None = None
        self.memo: dict[str, object] = {}  # results computed once per script (the container code, ...)

    def own(self, function: ast.AST) -> list[ast.AST]:
        """`own_nodes(function)`, from one pass over the whole tree made the first time it is asked."""
        if self._owned is None:
            self._owned = _ownership(self.tree)
        return self._owned.get(id(function), [])

    def _module_statements(self) -> Iterator[ast.stmt]:
        stack: list[ast.stmt] = list(reversed(self.tree.body))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, ast.If | ast.With | ast.Try):
                inner = [*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", [])]
                stack.extend(reversed(inner))

    def _read(self, statement: ast.stmt) -> None:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    self.bindings[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            if isinstance(statement.target, ast.Name):
                self.bindings[statement.target.id] = statement.value
        elif isinstance(statement, FunctionNode | ast.ClassDef):
            if isinstance(statement, ast.ClassDef):
                self.classes[statement.name] = statement
            else:
                self.defs[statement.name] = statement
            self._decorated(statement)

    def _decorated(self, node: FunctionNode | ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                continue
            options = (
                {k.arg: k.value for k in decorator.keywords if k.arg}
                if isinstance(decorator, ast.Call)
                else {}
            )
            if target.attr == "local_entrypoint" and isinstance(node, FunctionNode):
                named = self.evaluate(options["name"]) if "name" in options else node.name
                self.entrypoints[named if isinstance(named, str) else node.name] = node
            elif target.attr in _MODAL_DECORATORS:
                kind = _MODAL_DECORATORS[target.attr]
                self.modal[node.name] = ModalFunction(node.name, node, kind, decorator.lineno, options)

    def _image_helpers(self) -> set[str]:
        """Functions an image runs while it is built (`Image.run_function(f)`): not container code."""
        helpers: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and last_name(node.func) == "run_function" and node.args:
                helpers.add(last_name(node.args[0]))
        return helpers

    def _instances(self) -> set[str]:
        """Names bound anywhere to an instance of a registered class: `model = Model()`."""
        found: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                made = node.value.func
                if isinstance(made, ast.Name) and made.id in self.modal and self.modal[made.id].kind == "cls":
                    found.update(t.id for t in node.targets if isinstance(t, ast.Name))
        return found

    def modal_owner(self, receiver: ast.expr) -> str | None:
        """The registered function or class that `f`, `Model().run`, `Model.run` or `model.run` belongs to."""
        if isinstance(receiver, ast.Name) and receiver.id in self.modal:
            return receiver.id if self.modal[receiver.id].kind == "function" else None
        if isinstance(receiver, ast.Attribute):
            owner = receiver.value.func if isinstance(receiver.value, ast.Call) else receiver.value
            if isinstance(owner, ast.Name) and owner.id in self.modal and self.modal[owner.id].kind == "cls":
                return owner.id
            if isinstance(receiver.value, ast.Name) and receiver.value.id in self.instances:
                return self._instance_class(receiver.value.id)
        return None

    def _instance_class(self, name: str) -> str | None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                made = node.value.func
                targets = {t.id for t in node.targets if isinstance(t, ast.Name)}
                if name in targets and isinstance(made, ast.Name) and made.id in self.modal:
                    return made.id
        return None

    def modal_methods(self) -> Iterator[tuple[ModalFunction, FunctionNode]]:
        for function in self.modal.values():
            for method in function.methods():
                yield function, method

    def is_modal_reference(self, node: ast.expr) -> bool:
        """Whether `node` names a Modal function: `train`, `Model().run`, `Model.run`, a looked-up one."""
        if self.modal_owner(node) is not None:
            return True
        if isinstance(node, ast.Name):
            bound = self.bindings.get(node.id)
            return bound is not None and _looked_up(bound)
        return _looked_up(node.value if isinstance(node, ast.Attribute) else node)

    def evaluate(self, node: ast.expr, depth: int = 0, seen: frozenset[str] = frozenset()) -> Value:
        """The value of a constant expression: literals, module constants, arithmetic, paths, Retries."""
        if depth > _MAX_DEPTH:
            return UNKNOWN
        if isinstance(node, ast.Constant):
            value = node.value
            return value if isinstance(value, int | float | str | bool) or value is None else UNKNOWN
        if isinstance(node, ast.Name):
            bound = self.bindings.get(node.id)
            if bound is None or node.id in seen:
                return UNKNOWN
            return self.evaluate(bound, depth + 1, seen | {node.id})
        if isinstance(node, ast.List | ast.Tuple):
            return tuple(self.evaluate(item, depth + 1, seen) for item in node.elts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            operand = self.evaluate(node.operand, depth + 1, seen)
            return arithmetic(ast.Sub(), 0, operand)
        if isinstance(node, ast.BinOp):
            left = self.evaluate(node.left, depth + 1, seen)
            right = self.evaluate(node.right, depth + 1, seen)
            return arithmetic(node.op, left, right)
        if isinstance(node, ast.JoinedStr):
            return self._fstring(node, depth, seen)
        if isinstance(node, ast.Call):
            return self._call(node, depth, seen)
        return UNKNOWN

    def _fstring(self, node: ast.JoinedStr, depth: int, seen: frozenset[str]) -> Value:
        parts: list[str] = []
        for value in node.values:
            inner = value.value if isinstance(value, ast.FormattedValue) else value
            found = self.evaluate(inner, depth + 1, seen)
            if not isinstance(found, str | int) or isinstance(found, bool):
                return UNKNOWN
            parts.append(str(found))
        return "".join(parts)

    def _call(self, node: ast.Call, depth: int, seen: frozenset[str]) -> Value:
        name = last_name(node.func)
        if name == "Retries":
            count = keyword(node, "max_retries")
            found = self.evaluate(count, depth + 1, seen) if count is not None else UNKNOWN
            return Retries(found) if isinstance(found, int) and not isinstance(found, bool) else UNKNOWN
        if name in ("Path", "PosixPath", "PurePosixPath", "str") and len(node.args) == 1:
            found = self.evaluate(node.args[0], depth + 1, seen)
            return found if isinstance(found, str) else UNKNOWN
        if dotted(node.func) in ("os.path.join", "path.join") and node.args:
            parts = [self.evaluate(arg, depth + 1, seen) for arg in node.args]
            if all(isinstance(part, str) for part in parts):
                return join_path(*(str(part) for part in parts))
        return UNKNOWN


def _looked_up(node: ast.expr) -> bool:
    """`modal.Function.from_name(...)`, `modal.Cls.from_name(...)()` and the like."""
    while isinstance(node, ast.Call):
        node = node.func
    name = dotted(node)
    return name.endswith(("Function.from_name", "Function.lookup", "Cls.from_name", "Cls.lookup"))
