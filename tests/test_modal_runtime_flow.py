"""How paths and Volume objects flow through names, assignments and arguments."""

from __future__ import annotations

import ast

from assembler.toolkinds.modal_runtime.flow import build_flow, mounts, volume_names
from assembler.toolkinds.modal_runtime.reach import container_code
from assembler.toolkinds.modal_runtime.script import Script

SOURCE = """\
import modal
from pathlib import Path
app = modal.App()
vol = modal.Volume.from_name("v")
bucket = modal.CloudBucketMount("b")
ROOT = Path("/data")
MOUNTS = {ROOT: vol, "/bucket": bucket}

def save(target, volume):
    open(target, "w")
    volume.commit()

@app.function(volumes=MOUNTS)
def f():
    here = ROOT / "x"
    other = "/tmp/y"
    save(here, vol)
"""


def test_volumes_and_their_mounts_are_read_from_the_module() -> None:
    script = Script(ast.parse(SOURCE))
    assert volume_names(script) == {"vol"}
    assert mounts(script, {"vol"}) == {"/data": "vol"}  # a bucket mount is not a Volume


def test_labels_follow_assignments_and_arguments() -> None:
    script = Script(ast.parse(SOURCE))
    codes = container_code(script)
    flow = build_flow(script, codes)
    f = next(c for c in codes if c.name == "f")
    save = next(c for c in codes if c.name == "save")
    assert flow.path_labels(f, ast.Name("here")) == {"vol"}
    assert flow.path_labels(f, ast.Name("other")) == frozenset()
    assert flow.path_labels(save, ast.Name("target")) == {"vol"}
    assert flow.object_labels(save, ast.Name("volume")) == {"vol"}
