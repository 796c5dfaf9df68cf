"""Every diagnostic code of the tool, gathered from the modules that declare them (one per area)."""

from __future__ import annotations

from functools import lru_cache

from assembler.codes import (
    Code,
    authoring,
    claude,
    config,
    content,
    drift,
    edit,
    fault,
    general,
    roles,
    targets,
    toolmodule,
)

AREAS = (general, content, roles, config, toolmodule, claude, targets, authoring, edit, drift, fault)


@lru_cache(maxsize=1)
def registry() -> dict[str, Code]:
    """Every code, by identifier, in order."""
    found: dict[str, Code] = {}
    for module in AREAS:
        for value in vars(module).values():
            if isinstance(value, Code):
                if value.id in found and found[value.id] is not value:
                    raise ValueError(f"code {value.id} is declared twice")
                found[value.id] = value
    return dict(sorted(found.items()))


def lookup(code: str) -> Code | None:
    return registry().get(code.strip().upper())
