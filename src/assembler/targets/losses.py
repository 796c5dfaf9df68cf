"""What the chosen targets cannot express, reported once per target and field (A130, an information).

Each manifest's job reads, from its raw data, the values its canonical fields hold (`uses_of`: cheap, and
done on runs that trust the stamps too, so `check` lists the same as `build`); the main process asks each
chosen target about every distinct value once (`report`) and places each report at the first manifest that
holds such a value. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assembler.diagnostics import KeyPath, Problem
from assembler.targets import Selected
from assembler.targets.common import Use

Held = tuple[str, str, frozenset[str]]  # a `Use` as a plain tuple: it travels from the worker processes
Placed = tuple[Held, KeyPath]


def uses_of(data: Mapping[str, Any]) -> tuple[Placed, ...]:
    """The canonical values a manifest's raw data holds, each with its key path (values of the wrong type
    are left out: validation reports them). Plain tuples (field, value, overrides), not `Use`s: a worker
    sends them for every manifest, and tuples are pickled about three times faster."""
    tables = data.get("targets")
    overrides = frozenset(
        f"{target}.{key}"
        for target, table in (tables.items() if isinstance(tables, dict) else ())
        if isinstance(table, dict)
        for key in table
    )
    found: list[Placed] = []
    for key in ("tools", "disallowed_tools"):
        values = data.get(key)
        for i, value in enumerate(values if isinstance(values, list) else ()):
            if isinstance(value, str):
                found.append(((key, value, overrides), (key, i)))
    for key in ("model", "max_turns", "effort"):
        value = data.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool):
            found.append(((key, str(value) if key != "max_turns" else "", overrides), (key,)))
    return tuple(found)


@dataclass
class _Report:
    stem: str
    path: KeyPath
    agents: set[str] = field(default_factory=set)
    values: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (status, how) -> values


def report(
    chosen: Iterable[Selected], manifests: Iterable[tuple[str, tuple[Placed, ...]]]
) -> dict[str, list[Problem]]:
    """The A130 problems by manifest stem: one per chosen target and field that loses some value, at the
    first manifest (in `manifests`' order) holding such a value. Each target is asked about each distinct
    value once."""
    targets = list(chosen)
    held = list(manifests)
    first: dict[Held, tuple[str, KeyPath]] = {}  # each distinct value, where it is first held
    for stem, uses in held:
        for use, path in uses:
            if use not in first:
                first[use] = (stem, path)
    distinct = [Use(*use) for use in first]
    losses = [
        (one, use, loss)
        for one in targets
        for use in distinct
        if (loss := one.target.loss(use, one.settings)) is not None
    ]
    if not losses:
        return {}
    lost = {use for _, use, _ in losses}  # a `Use` equals, and hashes as, its plain tuple
    holders: dict[Held, list[str]] = {use: [] for use in lost}  # only for values some target loses
    for stem, uses in held:
        for held_use, _ in uses:
            if held_use in lost:
                holders[held_use].append(stem)
    found: dict[tuple[str, str], _Report] = {}
    for one, use, loss in losses:
        entry = found.setdefault((one.target.name, use.field), _Report(*first[use]))
        entry.agents.update(holders[use])
        values = entry.values.setdefault((loss.status, loss.how), [])
        shown = f"`{use.value}`" if use.value else "set"
        if shown not in values:
            values.append(shown)
    from assembler.codes.targets import NOT_EXPRESSED

    by_name = {one.target.name: one.target for one in targets}
    problems: dict[str, list[Problem]] = {}
    for (name, key), entry in found.items():
        target = by_name[name]
        count = len(entry.agents)
        detail = "; ".join(
            f"{', '.join(values)} {status} ({how})" for (status, how), values in entry.values.items()
        )
        hint = (
            f"name the model under [targets.{name}.models] in the configuration"
            if key == "model"
            else f"set [targets.{name}] fields in the manifest to say it in {target.title}'s terms, "
            "or keep it so (README, Targets)"
        )
        problems.setdefault(entry.stem, []).append(
            NOT_EXPRESSED.at(
                entry.path,
                target=target.title,
                key=key,
                count=f"{count} agent{'' if count == 1 else 's'}",
                values=detail,
                suggestion=hint,
            )
        )
    return problems
