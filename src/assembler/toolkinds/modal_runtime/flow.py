"""Where paths and Volume objects flow: which names of the container code refer to which Volume.

A name carries the labels of the Volumes it may refer to (`objects`) or whose mount path it may lie
under (`paths`). Labels flow through assignments within a function (without regard to order) and from
the arguments of a call to the parameters of the function called; they are propagated until nothing
changes, which takes as many passes as the longest chain of calls, each pass linear in the script.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from .reach import Code, callee_of
from .script import FunctionNode, Script, dotted, last_name

Labels = frozenset[str]
_NONE: Labels = frozenset()
_VOLUME_MAKERS = ("from_name", "ephemeral", "persisted", "lookup", "new")


def volume_names(script: Script) -> set[str]:
    """Module names bound to a Modal Volume: `vol = modal.Volume.from_name("x")` and the like."""
    found = set()
    for name, value in script.bindings.items():
        maker = isinstance(value, ast.Call) and last_name(value.func) in _VOLUME_MAKERS
        if maker and isinstance(value, ast.Call) and "Volume" in dotted(value.func).split("."):
            found.add(name)
    return found


def mounts(script: Script, volumes: set[str]) -> dict[str, str]:
    """Mount path -> Volume name, from the `volumes={...}` of every registered function."""
    found: dict[str, str] = {}
    for function in script.modal.values():
        table = function.options.get("volumes")
        if isinstance(table, ast.Name):
            table = script.bindings.get(table.id)
        if not isinstance(table, ast.Dict):
            continue
        for key, value in zip(table.keys, table.values, strict=True):
            path = script.evaluate(key) if key is not None else None
            if isinstance(path, str) and isinstance(value, ast.Name) and value.id in volumes:
                found[path.rstrip("/") or "/"] = value.id
    return found


def _params(node: FunctionNode) -> list[str]:
    args = node.args
    return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]


@dataclass
class Flow:
    """The labels of each (function, name) of the container code."""

    script: Script
    volumes: set[str]
    mounted: dict[str, str]
    paths: dict[tuple[int, str], Labels] = field(default_factory=dict)
    objects: dict[tuple[int, str], Labels] = field(default_factory=dict)

    def path_labels(self, code: Code, node: ast.AST) -> Labels:
        """The Volumes whose mount path `node` may lie under: it mentions the path or a name under it."""
        found: set[str] = set()
        for part in ast.walk(node):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                found.update(self._under(part.value))
            elif isinstance(part, ast.Name):
                found.update(self.paths.get((id(code.node), part.id), _NONE))
                if (id(code.node), part.id) not in self.paths:
                    value = self.script.evaluate(part)
                    if isinstance(value, str):
                        found.update(self._under(value))
        return frozenset(found)

    def object_labels(self, code: Code, node: ast.AST) -> Labels:
        """The Volumes `node` may be: a module Volume, or a name a Volume was passed or assigned to."""
        if not isinstance(node, ast.Name):
            return _NONE
        key = (id(code.node), node.id)
        if key in self.objects:
            return self.objects[key]
        return frozenset({node.id}) if node.id in self.volumes else _NONE

    def _under(self, text: str) -> Iterator[str]:
        for path, volume in self.mounted.items():
            if text == path or text.startswith(path.rstrip("/") + "/"):
                yield volume

    def _add(self, table: dict[tuple[int, str], Labels], key: tuple[int, str], labels: Labels) -> bool:
        old = table.get(key)
        if old is not None and labels <= old:
            return False
        table[key] = labels if old is None else old | labels
        return True

    def _pass(self, codes: list[Code], by_node: dict[int, Code]) -> bool:
        changed = False
        for code in codes:
            for node in self.script.own(code.node):
                if isinstance(node, ast.Assign | ast.AnnAssign | ast.For | ast.AsyncFor | ast.withitem):
                    changed |= self._assigned(code, node)
                elif isinstance(node, ast.Call):
                    changed |= self._passed(code, node, by_node)
        return changed

    def _assigned(self, code: Code, node: ast.AST) -> bool:
        target: ast.expr | None
        value: ast.expr | None
        if isinstance(node, ast.withitem):
            target, value = node.optional_vars, node.context_expr
        elif isinstance(node, ast.For | ast.AsyncFor):
            target, value = node.target, node.iter
        elif isinstance(node, ast.Assign):
            target, value = node.targets[0], node.value
        else:
            assert isinstance(node, ast.AnnAssign)
            target, value = node.target, node.value
        if not isinstance(target, ast.Name) or value is None:
            return False
        key = (id(code.node), target.id)
        changed = self._add(self.paths, key, self.path_labels(code, value))
        return self._add(self.objects, key, self.object_labels(code, value)) or changed

    def _passed(self, code: Code, call: ast.Call, by_node: dict[int, Code]) -> bool:
        callee = self.callee(code, call)
        if callee is None or id(callee.node) not in by_node:
            return False
        params = _params(callee.node)
        if callee.owner is not None and params[:1] in (["self"], ["cls"]):
            params = params[1:]
        pairs = list(zip(params, call.args, strict=False))
        pairs += [(k.arg, k.value) for k in call.keywords if k.arg in params]
        changed = False
        for param, value in pairs:
            key = (id(callee.node), param)
            changed |= self._add(self.paths, key, self.path_labels(code, value))
            changed |= self._add(self.objects, key, self.object_labels(code, value))
        return changed

    def callee(self, code: Code, call: ast.Call) -> Code | None:
        return callee_of(self.script, code, call)


def build_flow(script: Script, codes: list[Code]) -> Flow:
    volumes = volume_names(script)
    flow = Flow(script, volumes, mounts(script, volumes))
    if not flow.mounted:
        return flow
    for code in codes:  # parameter defaults
        node = code.node
        defaults = list(zip(reversed(node.args.args), reversed(node.args.defaults), strict=False))
        for arg, default in defaults:
            flow.paths[(id(node), arg.arg)] = flow.path_labels(code, default)
    by_node = {id(code.node): code for code in codes}
    for _ in range(len(codes) + 2):
        if not flow._pass(codes, by_node):
            break
    return flow
