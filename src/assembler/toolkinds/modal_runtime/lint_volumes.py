"""The `vol-commit` rule: container code that writes under a mounted Volume must commit that Volume.

A write is a call that puts files at a path: `open(p, "w")`, `p.write_text`, `torch.save(x, p)`,
`save_pretrained(p)`, `shutil.copy*(src, p)`, `snapshot_download(local_dir=p)`, a trainer's
`output_dir=p`, and the like. It is committed when a `.commit()` of its Volume (not of any other object)
runs after it: later in the same function (or in the loop around it), in a function called after it,
in a caller after the call that led to it, or in the class's `@modal.exit` method. Each function's
commits and uncommitted writes are summarised once and the summaries propagated until they settle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from .flow import Flow, Labels, build_flow
from .reach import Code, container_code
from .script import Script, dotted, last_name

_TARGET_KEYWORDS: Final = (
    "local_dir",
    "cache_dir",
    "output_dir",
    "save_dir",
    "save_directory",
    "default_root_dir",
    "dirpath",
    "download_root",
)
_SAVE_METHODS: Final = frozenset(
    {
        "save_pretrained",
        "save_model",
        "save_state",
        "save_checkpoint",
        "save_to_disk",
        "write_text",
        "write_bytes",
        "to_csv",
        "to_parquet",
        "to_json",
        "savefig",
        "extractall",
    }
)
_SECOND_ARGUMENT: Final = frozenset(
    {"copy", "copy2", "copyfile", "copytree", "move", "urlretrieve", "symlink", "rename", "replace"}
)
_WRITE_MODE: Final = re.compile(r"[rbt]*[wax+][rwabt+x]*")


@dataclass(frozen=True)
class Write:
    node: ast.Call
    what: str
    volumes: Labels


def _is_write_mode(call: ast.Call, position: int) -> bool:
    modes = [*call.args[position : position + 1], *(k.value for k in call.keywords if k.arg == "mode")]
    return any(
        isinstance(m, ast.Constant) and isinstance(m.value, str) and _WRITE_MODE.fullmatch(m.value)
        for m in modes
    )


def write_targets(call: ast.Call) -> list[ast.expr]:
    """The paths a call writes to, if it is a write."""
    func, name = call.func, last_name(call.func)
    targets = [k.value for k in call.keywords if k.arg in _TARGET_KEYWORDS]
    if name == "open":
        if isinstance(func, ast.Name) and call.args and _is_write_mode(call, 1):
            targets.append(call.args[0])
        elif isinstance(func, ast.Attribute) and _is_write_mode(call, 0):
            targets.append(func.value)
    elif name in ("write_text", "write_bytes") and isinstance(func, ast.Attribute):
        targets.append(func.value)
    elif dotted(func) in ("torch.save", "np.save", "numpy.save", "np.savez", "numpy.savez"):
        index = 1 if dotted(func) == "torch.save" else 0
        targets += call.args[index : index + 1]
        targets += [k.value for k in call.keywords if k.arg in ("f", "file")]
    elif name in _SAVE_METHODS and isinstance(func, ast.Attribute):
        targets += call.args[:1]
        targets += [k.value for k in call.keywords if k.arg in ("path", "filepath", "path_or_buf", "fname")]
    elif name in _SECOND_ARGUMENT and dotted(func).split(".")[0] in ("shutil", "os", "urllib", "request"):
        targets += call.args[1:2]
        targets += [k.value for k in call.keywords if k.arg in ("dst", "filename")]
    return targets


def _writes(flow: Flow, code: Code) -> Iterator[Write]:
    for node in flow.script.own(code.node):
        if isinstance(node, ast.Call):
            labels: set[str] = set()
            for target in write_targets(node):
                labels.update(flow.path_labels(code, target))
            if labels:
                yield Write(node, dotted(node.func) or last_name(node.func), frozenset(labels))


def _commits(flow: Flow, code: Code) -> Iterator[tuple[ast.Call, Labels]]:
    for node in flow.script.own(code.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit":
            labels = flow.object_labels(code, node.func.value)
            if labels:
                yield node, labels


def _loops(script: Script, code: Code) -> list[tuple[int, int]]:
    return [
        (node.lineno, node.end_lineno or node.lineno)
        for node in script.own(code.node)
        if isinstance(node, ast.For | ast.AsyncFor | ast.While)
    ]


def _after(first: ast.AST, then: ast.AST, loops: list[tuple[int, int]]) -> bool:
    a = (getattr(first, "lineno", 0), getattr(first, "col_offset", 0))
    b = (getattr(then, "lineno", 0), getattr(then, "col_offset", 0))
    return b > a or any(low <= a[0] <= high and low <= b[0] <= high for low, high in loops)


class _Summary:
    def __init__(self, flow: Flow, codes: list[Code]) -> None:
        self.flow = flow
        self.codes = codes
        self.commits: dict[int, set[str]] = {id(c.node): set() for c in codes}
        self.escapes: dict[int, dict[int, Write]] = {id(c.node): {} for c in codes}
        self.events = {id(c.node): self._events(c) for c in codes}

    def _events(
        self, code: Code
    ) -> tuple[list[Write], list[tuple[ast.Call, Labels]], list[tuple[ast.Call, int]]]:
        calls = []
        for node in self.flow.script.own(code.node):
            if isinstance(node, ast.Call):
                callee = self.flow.callee(code, node)
                if callee is not None and id(callee.node) in self.commits:
                    calls.append((node, id(callee.node)))
        return list(_writes(self.flow, code)), list(_commits(self.flow, code)), calls

    def settle(self) -> None:
        for _ in range(len(self.codes) + 2):
            changed = False
            for code in self.codes:
                changed |= self._update(code)
            if not changed:
                return

    def _update(self, code: Code) -> bool:
        key = id(code.node)
        writes, commits, calls = self.events[key]
        loops = _loops(self.flow.script, code)
        committed = set(self.commits[key])
        committed.update(v for _, labels in commits for v in labels)
        for _, callee in calls:
            committed.update(self.commits[callee])
        escapes = dict(self.escapes[key])
        pending = [(w.node, w) for w in writes]
        pending += [(call, w) for call, callee in calls for w in self.escapes[callee].values()]
        for site, write in pending:
            later = {v for node, labels in commits if _after(site, node, loops) for v in labels}
            for node, callee in calls:
                if _after(site, node, loops):
                    later.update(self.commits[callee])
            if not write.volumes <= later:
                escapes.setdefault(id(write.node), write)
        changed = committed != self.commits[key] or escapes.keys() != self.escapes[key].keys()
        self.commits[key], self.escapes[key] = committed, escapes
        return changed


def _exit_commits(script: Script, summary: _Summary) -> dict[str, set[str]]:
    """Volumes each registered class commits in its `@modal.exit` methods."""
    found: dict[str, set[str]] = {}
    for function in script.modal.values():
        if isinstance(function.node, ast.ClassDef):
            for method in function.methods():
                if any(
                    last_name(d.func if isinstance(d, ast.Call) else d) == "exit"
                    for d in method.decorator_list
                ):
                    found.setdefault(function.name, set()).update(summary.commits.get(id(method), set()))
    return found


def vol_commit_findings(script: Script) -> Iterator[tuple[int, str, str]]:
    """(line, message, fix) for each write under a Volume that no commit of that Volume follows."""
    codes = container_code(script)
    flow = build_flow(script, codes)
    if not flow.mounted:
        return
    summary = _Summary(flow, codes)
    summary.settle()
    at_exit = _exit_commits(script, summary)
    reported: set[int] = set()
    for function, method in script.modal_methods():
        for write in summary.escapes.get(id(method), {}).values():
            missing = sorted(write.volumes - at_exit.get(function.name, set()))
            if missing and id(write.node) not in reported:
                reported.add(id(write.node))
                volume = missing[0]
                where = next(path for path, name in flow.mounted.items() if name == volume)
                yield (
                    write.node.lineno,
                    f"`{write.what}(` writes under the Volume `{volume}` (mounted at {where}) and no "
                    f"`{volume}.commit()` follows it",
                    f"call `{volume}.commit()` after the write, in `{method.name}` or in the helper",
                )
