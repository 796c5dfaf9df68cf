"""The `checkpoint` and `state-dict` rules: only for registered functions whose code trains.

Training is an optimizer step, a trainer's `.train(`/`.fit(` (or Keras' `fit(..., epochs=...)`), or a
training script run as a subprocess (`train*.py`). A checkpoint is `torch.save`, `save_pretrained`,
`save_model`, `save_state`, `save_checkpoint`, a safetensors `save_file`, or a framework that
checkpoints by itself: a Hugging Face or Lightning `Trainer` (unless told not to, `save_strategy="no"`,
`enable_checkpointing=False`), Lightning's `ModelCheckpoint`, `save_steps=`, `--checkpointing_steps`.
Facts are gathered per function and carried up the call graph until they settle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from typing import Final

from .reach import Code, callee_of, container_code
from .script import Script, dotted, keyword, last_name

TRAINS: Final = "trains"
CHECKPOINTS: Final = "checkpoints"
STATE_DICT: Final = "state-dict"
JSON: Final = "json"
_CHECKPOINT_CALLS: Final = frozenset(
    {"save_pretrained", "save_model", "save_state", "save_checkpoint", "save_file", "ModelCheckpoint"}
)
_TRAIN_SCRIPT: Final = re.compile(r"(?:^|[/\s])train[\w-]*\.py\b")
_FRAMEWORK_FLAGS: Final = re.compile(r"--(?:checkpointing_steps|save_steps|checkpoint_every)\b")


def _receiver(call: ast.Call) -> str:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return ""
    inner = func.value.func if isinstance(func.value, ast.Call) else func.value
    return dotted(inner).lower()


def _facts(script: Script, code: Code) -> dict[str, int]:
    """The facts of one function, each with the first line that shows it."""
    facts: dict[str, int] = {}

    def note(fact: str, line: int) -> None:
        facts.setdefault(fact, line)

    nodes = script.own(code.node)
    told_not_to = any(  # save_strategy="no" or enable_checkpointing=False anywhere in the function
        isinstance(n, ast.keyword)
        and isinstance(n.value, ast.Constant)
        and (n.arg, n.value.value) in (("save_strategy", "no"), ("enable_checkpointing", False))
        for n in nodes
    )
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _TRAIN_SCRIPT.search(node.value):
                note(TRAINS, node.lineno)
            if _FRAMEWORK_FLAGS.search(node.value):
                note(CHECKPOINTS, node.lineno)
                note(STATE_DICT, node.lineno)
        elif isinstance(node, ast.Attribute | ast.Name) and last_name(node) == "state_dict":
            note(STATE_DICT, node.lineno)
        elif isinstance(node, ast.Call):
            _call_facts(node, note, told_not_to)
    return facts


def _call_facts(call: ast.Call, note: Callable[[str, int], None], told_not_to: bool) -> None:
    name, receiver, line = last_name(call.func), _receiver(call), call.lineno
    optimizer_step = name == "step" and ("optim" in receiver or receiver.endswith(("opt", "optimizer")))
    trainer = name in ("train", "fit") and ("trainer" in receiver or keyword(call, "epochs") is not None)
    if optimizer_step or trainer:
        note(TRAINS, line)
    if name.endswith("Trainer") and not told_not_to:
        note(CHECKPOINTS, line)
        note(STATE_DICT, line)
    if name in _CHECKPOINT_CALLS or (name == "save" and "model" in receiver):
        note(CHECKPOINTS, line)
        note(STATE_DICT, line)
    elif dotted(call.func) == "torch.save":
        note(CHECKPOINTS, line)
    elif keyword(call, "save_steps") is not None and not told_not_to:
        note(CHECKPOINTS, line)
        note(STATE_DICT, line)
    if dotted(call.func) == "json.dump":
        note(JSON, line)


def _settled(script: Script, codes: list[Code]) -> dict[int, dict[str, int]]:
    """Each function's facts with those of every function it reaches."""
    facts = {id(code.node): _facts(script, code) for code in codes}
    callees = {
        id(code.node): [
            id(callee.node)
            for node in script.own(code.node)
            if isinstance(node, ast.Call)
            for callee in [callee_of(script, code, node)]
            if callee is not None and id(callee.node) in facts
        ]
        + [id(n) for n in script.own(code.node) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for code in codes
    }
    for _ in range(len(codes) + 2):
        changed = False
        for key, reached in callees.items():
            for other in reached:
                for fact, line in facts.get(other, {}).items():
                    if fact not in facts[key]:
                        facts[key][fact] = line
                        changed = True
        if not changed:
            break
    return facts


def training_findings(script: Script, rules: set[str]) -> Iterator[tuple[int, str, str, str]]:
    """(line, rule, message, fix) for registered functions that train without a proper checkpoint."""
    facts = _settled(script, container_code(script))
    for function in script.modal.values():
        merged: dict[str, int] = {}
        for method in function.methods():
            for fact, line in facts.get(id(method), {}).items():
                merged.setdefault(fact, line)
        if TRAINS not in merged:
            continue
        trains = f"`{function.name}` trains (line {merged[TRAINS]})"
        if CHECKPOINTS not in merged and "checkpoint" in rules:
            json_note = ": only JSON metrics are saved" if JSON in merged else ""
            yield (
                function.line,
                "checkpoint",
                f"{trains} but saves no checkpoint{json_note}",
                "save `model.state_dict()` (with the optimizer's) every 500 steps under a Volume and commit "
                "it, or let the trainer checkpoint (`save_steps`, `ModelCheckpoint`)",
            )
        elif CHECKPOINTS in merged and STATE_DICT not in merged and "state-dict" in rules:
            yield (
                merged[CHECKPOINTS],
                "state-dict",
                f"{trains} and saves checkpoints, but none holds a `state_dict()`: the run cannot resume",
                "save `model.state_dict()` and `optimizer.state_dict()` in the checkpoint",
            )
