"""What a script's entrypoint launches, read from its syntax tree, and whether it takes `--config`.

The entrypoint's own code (and the local helpers it calls) is searched for `.remote`, `.spawn`, `.map`
and the like on Modal functions; the container code of each function launched is searched the same way,
so a function that fans out to another is counted too. Each function is visited once.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Final

from .estimate import Launch, ScriptCost
from .gpus import GpuRequest, parse_request
from .money import DEFAULT_TIMEOUT_S, MAX_RETRIES, MAX_TIMEOUT_S, ToolError
from .reach import Code, local_code, reachable
from .script import FunctionNode, ModalFunction, Script, dotted, last_name
from .values import Retries

_HOW: Final = {"remote": False, "spawn": False, "local": False, "map": True, "starmap": True}
_HOW_MANY: Final = {"for_each": True, "spawn_map": True, "remote_gen": False}
_LOOPS: Final = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def find_entrypoint(script: Script, name: str) -> FunctionNode | None:
    if name in script.entrypoints:
        return script.entrypoints[name]
    function = script.modal.get(name)
    return function.node if function is not None and isinstance(function.node, FunctionNode) else None


def takes_option(node: FunctionNode, option: str) -> bool:
    """Whether `modal run` can pass `--option` to the entrypoint: a parameter of that name, or **kwargs."""
    args = node.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    return option.replace("-", "_") in names or args.kwarg is not None or args.vararg is not None


def _target(script: Script, call: ast.Call) -> tuple[str, str] | None:
    """(Modal function or class name, how) for `f.remote(...)`, `Model().run.spawn(...)`, `f.map.aio()`."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "aio":
        func = func.value
    if not isinstance(func, ast.Attribute) or func.attr not in {**_HOW, **_HOW_MANY}:
        return None
    owner = script.modal_owner(func.value)
    return None if owner is None else (owner, func.attr)


def _in_loop(script: Script, code: Code, call: ast.Call) -> bool:
    for node in script.own(code.node):
        if isinstance(node, _LOOPS):
            low, high = node.lineno, node.end_lineno or node.lineno
            if low <= call.lineno <= high:
                return True
    return False


def _option(script: Script, function: ModalFunction, key: str) -> object:
    node = function.options.get(key)
    return None if node is None else script.evaluate(node)


def _legacy_gpu(script: Script, node: ast.expr | None) -> str | None:
    """`modal.gpu.A100(count=2, size="80GB")`, the object form of older scripts, as a GPU string."""
    if not (isinstance(node, ast.Call) and dotted(node.func).startswith(("modal.gpu.", "gpu."))):
        return None
    name = last_name(node.func)
    count: int | None = None
    for keyword_node in node.keywords:
        value = script.evaluate(keyword_node.value)
        if keyword_node.arg == "count" and isinstance(value, int):
            count = value
        elif keyword_node.arg == "size" and isinstance(value, str):
            name = f"{name}-{value}"
        elif keyword_node.arg == "memory" and isinstance(value, int):
            name = f"{name}-{value}GB"
    return f"{name}:{count or 1}"


def _request(script: Script, function: ModalFunction) -> GpuRequest | None:
    legacy = _legacy_gpu(script, function.options.get("gpu"))
    value = legacy or _option(script, function, "gpu")
    if value is None:
        return None
    if isinstance(value, str) or (isinstance(value, tuple) and all(isinstance(v, str) for v in value)):
        return parse_request(value if isinstance(value, str) else [str(v) for v in value])
    raise ToolError(
        f"`{function.name}` (line {function.line}) asks for a GPU the program cannot read: use a string"
    )


def describe(script: Script, function: ModalFunction, line: int, how: str, fan_out: bool) -> Launch:
    """The function's worst case: a timeout or retries the program cannot read count at Modal's maximum."""
    timeout = _option(script, function, "timeout")
    retries = _option(script, function, "retries")
    count = retries.count if isinstance(retries, Retries) else retries
    if timeout is None:
        seconds = DEFAULT_TIMEOUT_S
    elif isinstance(timeout, int | float) and not isinstance(timeout, bool):
        seconds = min(max(int(timeout), 1), MAX_TIMEOUT_S)
    else:
        seconds = MAX_TIMEOUT_S
    if count is None:
        retried = 0
    elif isinstance(count, int) and not isinstance(count, bool):
        retried = min(max(count, 0), MAX_RETRIES)
    else:
        retried = MAX_RETRIES
    return Launch(function.name, line, how, fan_out, _request(script, function), seconds, retried)


def _calls(script: Script, codes: list[Code]) -> Iterator[tuple[Code, ast.Call, str, str]]:
    for code in codes:
        for node in script.own(code.node):
            if isinstance(node, ast.Call):
                found = _target(script, node)
                if found is not None and found[1] != "local":
                    yield code, node, found[0], found[1]


def script_cost(script: Script, entrypoint: FunctionNode) -> ScriptCost:
    """Every Modal function the entrypoint launches, directly or from the functions it launches."""
    launches: dict[str, Launch] = {}
    pending = list(_calls(script, local_code(script, entrypoint)))
    if entrypoint.name in script.modal and not script.entrypoints.get(entrypoint.name):
        function = script.modal[entrypoint.name]
        launches[function.name] = describe(script, function, function.line, "run", False)
        pending += _calls(script, reachable(script, [Code(entrypoint, None)]))
    while pending:
        code, call, name, how = pending.pop(0)
        fan_out = {**_HOW, **_HOW_MANY}[how] or _in_loop(script, code, call)
        if name in launches:
            if fan_out and not launches[name].fan_out:
                old = launches[name]
                launches[name] = Launch(
                    old.function, old.line, how, True, old.request, old.timeout_s, old.retries
                )
            continue
        function = script.modal[name]
        launches[name] = describe(script, function, call.lineno, how, fan_out)
        cls = function.node if isinstance(function.node, ast.ClassDef) else None
        pending += _calls(script, reachable(script, [Code(m, cls) for m in function.methods()]))
    return ScriptCost(tuple(launches.values()))
