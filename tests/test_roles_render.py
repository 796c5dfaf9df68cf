"""roles.render: the substrate section's data for templates, and role text rendered as data, never as
template source or Markdown structure."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from assembler.pipeline import plan_catalog
from assembler.roles.model import Role
from assembler.roles.render import substrate_context
from assembler.sources import Text
from tests.conftest import manifest

TODAY = datetime.date(2026, 3, 1)


def test_substrate_context() -> None:
    role = Role(
        name="editor",
        display_name="editor (local)",
        description="Edits.",
        spawnable=False,
        subagent_type="code-implementer",
        escalation="fail-fast",
        capabilities=(("fs::edit", Text("_capabilities/fs/edit/text.md", "## Edit\r\n\r\nEdit.\r\n\r\n")),),
        allowed_tools=("Read", "Edit"),
        bash_patterns=("^make( |$)",),
        pipeline=("merger",),
        texts=(),
    )
    assert substrate_context(role, lambda text: text.replace("\r\n", "\n").strip("\n")) == {
        "name": "editor",
        "display_name": "editor (local)",
        "description": "Edits.",
        "spawnable": False,
        "claude_subagent_type": "code-implementer",
        "escalation": "fail-fast",
        "allowed_tools": ["Read", "Edit"],
        "bash_patterns": ["^make( |$)"],
        "pipeline": ["merger"],
        "capabilities": [{"name": "fs::edit", "text": "## Edit\n\nEdit."}],
    }


HOSTILE = """\
[role]
name = "odd"
display-name = "{{ 7 * 7 }} {% if true %}x{% endif %}"
description = "Reads `code` and <!-- never --> hides"
claude-subagent-type = "Ex`plore"

[capabilities]
required = ["fs::read"]

[tools]
bash-patterns-allowed = ['a`b``c', '`{%- x -%}`']

[escalation]
policy = "ask`back"

[pipeline]
handoff = ["odd"]
"""


def test_role_text_is_data(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_roles/odd.toml": HOSTILE,
            "_capabilities/fs/read/text.md": "## Read\n\n{{ 6 * 7 }} stays as written.\n",
            "_manifests/fixer.toml": 'substrate_role = "odd"\n' + manifest("fixer", "reviewer"),
        }
    )
    plan = plan_catalog(root, today=TODAY)
    assert plan.ok, plan.diagnostics
    text = {o.rel: o.text for o in plan.outputs}["_generated/fixer.md"] or ""
    section = text[text.index("# SUBSTRATE") : text.index("# BASELINE")]
    assert section == (
        "# SUBSTRATE: {{ 7 * 7 }} {% if true %}x{% endif %}\n"
        "\n"
        "Substrate role `odd` (Claude Code subagent type ``Ex`plore``): Reads `code` and <!-- never --> "
        "hides\n"
        "\n"
        "Shell commands: run a command line only when it matches one of these regular expressions:\n"
        "\n"
        "- ```a`b``c```\n"
        "- `` `{%- x -%}` ``\n"
        "\n"
        "Escalation: when the task is unclear, blocked, or reaches past this role, follow the escalation "
        "policy ``ask`back``.\n"
        "\n"
        "Pipeline: when your part is done, the work goes on to the role `odd`.\n"
        "\n"
        "## Read\n"
        "\n"
        "{{ 6 * 7 }} stays as written.\n"
        "\n"
    )
