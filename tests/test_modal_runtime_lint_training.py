"""The `checkpoint` and `state-dict` rules: what training is and what a checkpoint is."""

from __future__ import annotations

import ast

import pytest

from assembler.toolkinds.modal_runtime.lint_training import training_findings
from assembler.toolkinds.modal_runtime.script import Script

HEAD = "import modal\napp = modal.App()\n@app.function()\ndef f(model, optimizer, data):\n"
RULES = {"checkpoint", "state-dict"}


def findings(body: str) -> list[tuple[int, str]]:
    script = Script(ast.parse(HEAD + body))
    return [(line, rule) for line, rule, _, _ in training_findings(script, RULES)]


@pytest.mark.parametrize(
    "body",
    [
        "    model.fit(data)\n",  # not a trainer, no epochs
        "    model.train()\n",  # train mode, not training
        "    import json\n    json.dump({}, open('/tmp/m.json', 'w'))\n",
        "    optimizer.step()\n    torch.save(model.state_dict(), 'c.pt')\n",
        "    subprocess.run(['accelerate', 'launch', 'train_lora.py', '--checkpointing_steps=500'])\n",
        "    trainer = pl.Trainer(max_epochs=3)\n    trainer.fit(model, data)\n",
        "    model.fit(data, epochs=3, callbacks=[ModelCheckpoint('c.keras')])\n",
    ],
)
def test_no_finding(body: str) -> None:
    assert findings(body) == []


def test_training_without_a_checkpoint_and_a_checkpoint_without_a_state_dict() -> None:
    assert findings("    optimizer.step()\n") == [(3, "checkpoint")]
    assert findings("    optimizer.step()\n    torch.save(model, 'm.pt')\n") == [(6, "state-dict")]
    assert findings("    trainer = pl.Trainer(enable_checkpointing=False)\n    trainer.fit(model)\n") == [
        (3, "checkpoint")
    ]
