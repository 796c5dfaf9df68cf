"""The manifest `assembler new` writes: every key it fills in comes with a comment that explains it (the
descriptions of the manifest's JSON Schema), and every text says what to write in its place. It is valid as
it stands under the catalog's configuration: the obligatory blocks, the handoffs `min_handoffs` asks for
(to the agents given), the required sections, taxonomy and lineage. Pure: the configuration in, TOML out."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Sequence
from typing import Any

from assembler.config import Config

_WIDTH = 100  # characters of a comment line, `# ` included

_HEADER = """\
The manifest of the agent {name}: the source of its generated file. Written by `assembler new`; it builds
as it stands. Replace every text that says so with your own, then run `assembler build`.
Keys left out here, all optional: disallowed_tools, max_turns, effort, substrate_role, [references],
[targets.claude], [tool_module]. README ("The manifest") describes every key; so does the JSON Schema that
`assembler schema` prints, which editors use to check and complete this file."""

TEXTS = {
    "description": "Replace this with what the agent does and when to use it, in a sentence or two.",
    "role": (
        "Replace this paragraph with who the agent is and how it works: what it is given, what it reads\n"
        "first, how it decides, and what it hands back. Write Markdown paragraphs.\n"
    ),
    "domain_in": "Replace this with one thing the agent does; add a line for each",
    "forbidden_domain": "Replace this with one thing the agent must never do; add a line for each",
    "output_extra_fields": "Result: <replace this with a field the agent's report adds>",
    "trigger": "Replace this with when the agent hands its work on, in one line",
    "reference": "https://example.org/replace-this-with-a-document-the-agent-should-know",
    "creator": "replace-with-your-name",
}
TOOLS = ("Read", "Grep", "Glob")
MODEL = "sonnet"
TAXONOMY = {
    "kingdom": "manifest",
    "mechanism": "compose",
    "domain": "agent",
    "layer": "agent-substrate",
    "stage": "design-time",
    "stability": "experimental",
    "language": "toml",
}


def handoffs_needed(config: Config, available: int) -> int:
    """How many handoffs the new manifest gets: what the configuration requires, and one where it requires
    none but there is an agent to name (a handoff shows how to write one)."""
    return max(config.min_handoffs, 1 if available else 0)


def new_manifest(name: str, config: Config, targets: Sequence[str], today: datetime.date) -> str:
    """The manifest of a new agent `name`, handing off to each of `targets` (the caller picks as many as
    `handoffs_needed` says, agents of the catalog or external ones)."""
    import tomlkit

    from assembler.schemas.manifest_docs import DESCRIPTIONS as ABOUT

    doc = tomlkit.document()
    for line in _HEADER.format(name=name).splitlines():
        doc.add(tomlkit.comment(line))
    doc.add(tomlkit.nl())
    top: list[tuple[str, Any]] = [
        ("name", name),
        ("description", TEXTS["description"]),
        ("tools", list(TOOLS)),
        ("model", MODEL),
        # Text starts on the line after the opening quotes, which TOML drops (our text needs no escapes).
        ("role", tomlkit.string("\n" + TEXTS["role"], multiline=True, escape=False)),
        ("blocks", list(config.obligatory_blocks)),
        ("domain_in", [TEXTS["domain_in"]]),
        ("forbidden_domain", [TEXTS["forbidden_domain"]]),
        ("output_extra_fields", [TEXTS["output_extra_fields"]]),
    ]
    for key, value in top:
        _keyed(doc, key, value, ABOUT[key])
    if targets:
        handoffs = tomlkit.aot()
        for i, target in enumerate(targets):  # the keys explained once, in the first table
            table = tomlkit.table()
            _keyed(table, "target", target, "" if i else ABOUT["handoff.target"])
            _keyed(table, "trigger", TEXTS["trigger"], "" if i else ABOUT["handoff.trigger"])
            handoffs.append(table)
        _headed(doc, "handoff", handoffs, ABOUT["handoff"])
    if "references" in config.required_sections:
        references = _table({"extra": ([TEXTS["reference"]], ABOUT["references.extra"])})
        _headed(doc, "references", references, ABOUT["references"])
    taxonomy = _table({k: (v, ABOUT[f"taxonomy.{k}"]) for k, v in TAXONOMY.items()})
    _headed(doc, "taxonomy", taxonomy, ABOUT["taxonomy"])
    lineage: dict[str, tuple[Any, str]] = {
        "creator": (TEXTS["creator"], ABOUT["lineage.creator"]),
        "created": (today.isoformat(), ABOUT["lineage.created"]),
    }
    if config.obligatory_blocks:
        lineage["parents"] = ([f"[[{config.obligatory_blocks[0]}]]"], ABOUT["lineage.parents"])
    _headed(doc, "lineage", _table(lineage), ABOUT["lineage"])
    text: str = tomlkit.dumps(doc)
    return text


def _comment(container: Any, text: str) -> None:
    import tomlkit

    for line in textwrap.wrap(text, _WIDTH - 2):
        container.add(tomlkit.comment(line))


def _keyed(container: Any, key: str, value: Any, about: str) -> None:
    _comment(container, about)
    container.add(key, value)


def _headed(doc: Any, key: str, table: Any, about: str) -> None:
    """A table (or array of tables) after a blank line and the comment that explains it, the comment right
    above its header."""
    import tomlkit

    doc.add(tomlkit.nl())
    _comment(doc, about)
    doc.add(key, table)
    first = doc[key].body[0] if isinstance(doc[key], tomlkit.items.AoT) else doc[key]
    first.trivia.indent = ""  # tomlkit puts a blank line before a header: here it goes before the comment


def _table(values: dict[str, tuple[Any, str]]) -> Any:
    import tomlkit

    table = tomlkit.table()
    for key, (value, about) in values.items():
        _keyed(table, key, value, about)
    return table
