"""Which code runs in Modal containers and which runs on the launching machine."""

from __future__ import annotations

import ast

from assembler.toolkinds.modal_runtime.reach import callee_of, container_code, local_code
from assembler.toolkinds.modal_runtime.script import Script

SOURCE = """\
import modal
app = modal.App()

def helper(): pass
def callback(): pass
def local_only(): pass
def build(): pass
image = modal.Image.debian_slim().run_function(build)

class Tool:
    def use(self): pass

@app.function()
def remote():
    helper()
    threading.Thread(target=callback)
    Tool()

@app.cls()
class Model:
    @modal.method()
    def run(self):
        self.inner()
    def inner(self):
        def nested(): pass
        nested()

@app.local_entrypoint()
def main():
    local_only()
    build()
"""


def test_container_code_is_registered_code_and_what_it_reaches() -> None:
    script = Script(ast.parse(SOURCE))
    names = sorted(code.name for code in container_code(script))
    assert names == ["callback", "helper", "inner", "nested", "remote", "run", "use"]
    assert sorted(c.name for c in local_code(script, script.entrypoints["main"])) == ["local_only", "main"]


def test_calls_resolve_to_functions_and_own_methods() -> None:
    script = Script(ast.parse(SOURCE))
    run = next(c for c in container_code(script) if c.name == "run")
    [call] = [n for n in script.own(run.node) if isinstance(n, ast.Call)]
    found = callee_of(script, run, call)
    assert found is not None and found.name == "inner" and found.owner is run.owner
