"""Reading a Modal script: source, syntax tree, registered functions, constant expressions."""

from __future__ import annotations

import ast

import pytest

from assembler.toolkinds.modal_runtime.script import Script, dotted
from assembler.toolkinds.modal_runtime.values import UNKNOWN, Retries

SOURCE = """\
import modal
from pathlib import Path

app = modal.App("x")
MINUTES = 60
ROOT = Path("/vol")
SUB = ROOT / "runs"
NAME = f"{SUB}/best"
LOOP = LOOP
BIG = 10 ** 64 ** 64
POLICY = modal.Retries(max_retries=3 * 1)


def build():
    pass


image = modal.Image.debian_slim().run_function(build)


@app.function(timeout=90 * MINUTES)
def train():
    pass


@app.cls()
class Model:
    @modal.method()
    def run(self):
        pass


@app.local_entrypoint(name="go")
def main():
    model = Model()
    model.run.remote()
"""


def test_the_script_knows_what_its_app_registers() -> None:
    script = Script(ast.parse(SOURCE))
    assert set(script.modal) == {"train", "Model"} and set(script.entrypoints) == {"go"}
    assert script.image_helpers == {"build"} and script.instances == {"model"}
    call = ast.parse("model.run.remote()").body[0]
    assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
    receiver = call.value.func
    assert isinstance(receiver, ast.Attribute)
    assert script.modal_owner(receiver.value) == "Model"


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("90 * MINUTES", 5400),
        ("SUB", "/vol/runs"),
        ("NAME", "/vol/runs/best"),
        ("POLICY", Retries(3)),
        ("LOOP", UNKNOWN),
        ("BIG", UNKNOWN),
        ("1 / 0", UNKNOWN),
        ("-MINUTES", -60),
        ("[1, 'a']", (1, "a")),
    ],
)
def test_constant_expressions(expression: str, value: object) -> None:
    script = Script(ast.parse(SOURCE))
    node = ast.parse(expression, mode="eval").body
    assert script.evaluate(node) == value


def test_dotted_names() -> None:
    assert dotted(ast.parse("torch.save", mode="eval").body) == "torch.save"
    assert dotted(ast.parse("f().save", mode="eval").body) == ""
