"""The `vol-commit` rule's pieces: what a write is, and what commits it."""

from __future__ import annotations

import ast

import pytest

from assembler.toolkinds.modal_runtime.lint_volumes import vol_commit_findings, write_targets
from assembler.toolkinds.modal_runtime.script import Script


@pytest.mark.parametrize(
    ("call", "target"),
    [
        ("open(p, 'w')", "p"),
        ("open(p, mode='ab')", "p"),
        ("p.open('w')", "p"),
        ("p.write_text('x')", "p"),
        ("torch.save(state, p)", "p"),
        ("model.save_pretrained(p)", "p"),
        ("shutil.copytree(src, p)", "p"),
        ("snapshot_download('r', local_dir=p)", "p"),
        ("TrainingArguments(output_dir=p)", "p"),
        ("urllib.request.urlretrieve(url, p)", "p"),
    ],
)
def test_writes_and_their_targets(call: str, target: str) -> None:
    node = ast.parse(call, mode="eval").body
    assert isinstance(node, ast.Call)
    assert [ast.unparse(t) for t in write_targets(node)] == [target]


@pytest.mark.parametrize("call", ["open(p)", "open(p, 'r')", "torch.load(p)", "print(p)", "shutil.rmtree(p)"])
def test_reads_are_not_writes(call: str) -> None:
    node = ast.parse(call, mode="eval").body
    assert isinstance(node, ast.Call) and write_targets(node) == []


def test_the_finding_names_the_volume_and_its_mount() -> None:
    source = (
        "import modal\napp = modal.App()\nweights = modal.Volume.from_name('w')\n"
        "@app.function(volumes={'/w': weights})\ndef f():\n    open('/w/a', 'w')\n    other.commit()\n"
    )
    [(line, message, fix)] = list(vol_commit_findings(Script(ast.parse(source))))
    assert line == 6 and "`weights` (mounted at /w)" in message and "weights.commit()" in fix
