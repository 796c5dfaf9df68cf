"""The parts of README.md that are generated from the code, so they cannot drift: each lies between a
`<!-- generated: NAME -->` line and an `<!-- end: NAME -->` line (the codes, the exit statuses, the shipped
catalog's handoff graph). `make readme` rewrites them
(`python -m assembler.generate readme`); a test fails while README.md differs from what this module makes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def codes_table() -> str:
    from assembler.codes.registry import registry

    rows = ["| Code | Severity | Meaning |", "| --- | --- | --- |"]
    rows += [f"| {c.id} | {c.severity.value} | {c.title} |" for c in registry().values()]
    return "\n".join(rows)


def exit_table() -> str:
    from assembler.exits import MEANINGS

    rows = ["| Exit | Meaning |", "| --- | --- |"]
    rows += [f"| {status} | {meaning} |" for status, meaning in MEANINGS.items()]
    return "\n".join(rows)


def catalog_graph() -> str:
    """The shipped catalog's handoff graph, as a Mermaid block."""
    from assembler.catalog_data import read_catalog_data
    from assembler.graph import handoff_graph
    from assembler.graph_render import render_mermaid

    catalog = read_catalog_data(README.parent, roles=False)
    return f"```mermaid\n{render_mermaid(handoff_graph(catalog))}```"


def targets_table() -> str:
    from assembler.targets import TARGETS

    rows = [
        "| Target | For | File | Default folder | The tool reads | Format followed |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, t in TARGETS.items():
        folder = t.default_dir("<generated_dir>")
        rows.append(
            f"| `{name}` | {t.title} | `<name>{t.suffix}` | `{folder}/` | `{t.project_dir}/` | {t.follows} |"
        )
    return "\n".join(rows)


def coverage_table() -> str:
    from assembler.targets import FIELDS, TARGETS

    rows = ["| Target | " + " | ".join(f"`{f}`" for f in FIELDS) + " |", "| --- |" + " --- |" * len(FIELDS)]
    for name, t in TARGETS.items():
        cells = [t.coverage[f].replace("|", "\\|") for f in FIELDS]
        rows.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return "\n".join(rows)


REGIONS: dict[str, Callable[[], str]] = {
    "codes": codes_table,
    "exits": exit_table,
    "targets": targets_table,
    "coverage": coverage_table,
    "graph": catalog_graph,
}


def update(text: str) -> str:
    """`text` with every generated region rewritten."""
    for name, make in REGIONS.items():
        pattern = re.compile(rf"(<!-- generated: {name} -->\n)(?:.*?\n)?(<!-- end: {name} -->)", re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"README.md has no region `{name}`")
        text = pattern.sub(rf"\g<1>{_escaped(make())}\n\g<2>", text)
    return text


def _escaped(body: str) -> str:
    """`body` as the literal text of a replacement pattern."""
    return body.replace("\\", "\\\\")
