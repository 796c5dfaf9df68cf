"""`lint`: the invariants a program can read off a Modal script's syntax tree.

Rules about what runs in Modal containers (prints, Volume writes, checkpoints) look only at container
code: registered functions and class methods and what they call, never local entrypoints or functions an
image runs while it is built. Fan-outs are findings wherever they are written, but only on Modal
functions. A syntax error is one finding, at its line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from .data import INVARIANTS, LINT_RULES
from .lint_training import training_findings
from .lint_volumes import vol_commit_findings
from .money import MAX_RETRIES
from .reach import container_code
from .script import Script, dotted, keyword
from .script_file import ScriptError, parse_source
from .values import Retries

SYNTAX: Final = "syntax"
RULE_TEXT: Final[dict[str, str]] = {i.rule: i.text for i in INVARIANTS if i.rule is not None}
_FAN_OUT: Final = ("map", "starmap", "for_each")


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    rule: str
    message: str
    fix: str


def _flush_print(script: Script) -> Iterator[Finding]:
    for code in container_code(script):
        for node in script.own(code.node):
            if not (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
            ):
                continue
            if any(k.arg is None for k in node.keywords):
                continue
            target = keyword(node, "file")
            if target is not None and dotted(target) != "sys.stdout":
                continue  # stderr is line-buffered; a file is not the log
            flush = keyword(node, "flush")
            if flush is None or (isinstance(flush, ast.Constant) and not flush.value):
                yield Finding(
                    node.lineno,
                    "flush-print",
                    f"`print(` without `flush=True` in `{code.name}`, which runs in a Modal container: "
                    "the line may reach the logs late, or never if the container dies",
                    "add `flush=True`",
                )


def _fan_out(call: ast.Call) -> tuple[str, ast.expr] | None:
    """(`map`, receiver) for `f.map(...)`, `f.map.aio(...)` and the like."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "aio":
        func = func.value
    if isinstance(func, ast.Attribute) and func.attr in _FAN_OUT:
        return func.attr, func.value
    return None


def _spawn_not_map(script: Script) -> Iterator[Finding]:
    for node in ast.walk(script.tree):
        found = _fan_out(node) if isinstance(node, ast.Call) else None
        if found is None or not script.is_modal_reference(found[1]):
            continue
        assert isinstance(node, ast.Call)
        tolerant = keyword(node, "return_exceptions") or keyword(node, "ignore_exceptions")
        if isinstance(tolerant, ast.Constant) and tolerant.value is True:
            continue
        method, receiver = found
        name = dotted(receiver) or "the function"
        yield Finding(
            node.lineno,
            "spawn-not-map",
            f"`{name}.{method}(` fans out a batch that one failing input cancels",
            "launch each input with `.spawn()` and collect the results, or pass "
            f"`{'ignore' if method == 'for_each' else 'return'}_exceptions=True`",
        )


def _retries(script: Script) -> Iterator[Finding]:
    for function in script.modal.values():
        given = function.options.get("retries")
        value = script.evaluate(given) if given is not None else None
        count = value.count if isinstance(value, Retries) else value
        if isinstance(count, int) and not isinstance(count, bool) and count > 1:
            shown = min(count, MAX_RETRIES * 100)
            yield Finding(
                function.line,
                "retries",
                f"`{function.name}` allows {shown} retries: a failing call is billed up to {shown + 1} times",
                "use at most `retries=modal.Retries(max_retries=1)`; no `retries=` bills a failure once",
            )


def _training(script: Script, rules: set[str]) -> Iterator[Finding]:
    for line, rule, message, fix in training_findings(script, rules):
        yield Finding(line, rule, message, fix)


def _vol_commit(script: Script) -> Iterator[Finding]:
    for line, message, fix in vol_commit_findings(script):
        yield Finding(line, "vol-commit", message, fix)


def lint_source(source: str, rules: Iterable[str] | None = None, filename: str = "<script>") -> list[Finding]:
    """The findings of `rules` (default: every rule an invariant declares), sorted by line."""
    chosen = set(RULE_TEXT if rules is None else rules) & set(LINT_RULES)
    try:
        script = Script(parse_source(source, filename))
    except ScriptError as err:
        return [Finding(err.line or 1, SYNTAX, str(err), "fix the script so that Python can compile it")]
    findings: list[Finding] = []
    if "flush-print" in chosen:
        findings += _flush_print(script)
    if "spawn-not-map" in chosen:
        findings += _spawn_not_map(script)
    if "retries" in chosen:
        findings += _retries(script)
    if "vol-commit" in chosen:
        findings += _vol_commit(script)
    if chosen & {"checkpoint", "state-dict"}:
        findings += _training(script, chosen)
    return sorted(set(findings))
