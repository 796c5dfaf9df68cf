"""What a script's entrypoint launches, read by its syntax tree."""

from __future__ import annotations

import ast

from assembler.toolkinds.modal_runtime.launches import find_entrypoint, script_cost, takes_option
from assembler.toolkinds.modal_runtime.script import Script

SOURCE = """\
import modal

app = modal.App("x")
HOURS = 3600
POLICY = modal.Retries(max_retries=2)


@app.function(gpu="H100:8", timeout=24 * HOURS, retries=POLICY)
def train(config: str) -> None:
    score.map([1, 2])


@app.function(gpu=["A10G", "A100-80GB"])
def score(x: int) -> int:
    return x


@app.function(gpu=modal.gpu.A100(count=2, size="80GB"), timeout="soon")
def legacy() -> None:
    pass


@app.cls(gpu="A10G")
class Model:
    @modal.method()
    def run(self) -> None:
        pass


@app.local_entrypoint()
def main(config: str) -> None:
    train.remote(config)
    model = Model()
    for _ in range(3):
        model.run.spawn()
    legacy.remote()
"""


def test_every_launch_with_its_gpu_timeout_retries_and_fan_out() -> None:
    script = Script(ast.parse(SOURCE))
    entry = find_entrypoint(script, "main")
    assert entry is not None and takes_option(entry, "config") and not takes_option(entry, "lr")
    cost = script_cost(script, entry)
    found = {
        one.function: (
            one.request.dearest.text() if one.request else None,
            one.timeout_s,
            one.retries,
            one.fan_out,
        )
        for one in cost.launches
    }
    assert found == {
        "train": ("8 × H100", 86400, 2, False),
        "Model": ("1 × A10G", 300, 0, True),  # in a loop
        "legacy": ("2 × A100-80GB", 86400, 0, False),  # a timeout it cannot read counts at Modal's maximum
        "score": ("1 × A100-80GB", 300, 0, True),  # launched by train, with .map
    }
    assert not cost.bounded


def test_an_entrypoint_may_be_a_modal_function_and_may_take_keywords() -> None:
    script = Script(ast.parse(SOURCE.replace("def main(config: str)", "def main(**options: str)")))
    entry = find_entrypoint(script, "main")
    assert entry is not None and takes_option(entry, "config")
    assert find_entrypoint(script, "train") is not None and find_entrypoint(script, "nothing") is None
