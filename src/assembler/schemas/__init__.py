"""JSON Schemas (draft 2020-12) of the files a person writes: manifests, role files and the
configuration, each derived from what the tool validates them with and every key described. Editors use them
for completion and checking (through taplo, the TOML engine of Even Better TOML); `assembler schema` prints
them and `make schema` keeps copies in the repository's `schemas/`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line imports this package for KINDS: keep it light
    from assembler.schemas.shape import Schema

KINDS = ("manifest", "role", "config")


def derive(kind: str) -> Schema:
    """The schema of `kind` (one of KINDS)."""
    if kind == "manifest":
        from assembler.schemas.manifest import manifest_schema

        return manifest_schema()
    if kind == "role":
        from assembler.schemas.role import role_schema

        return role_schema()
    if kind == "config":
        from assembler.schemas.config import config_schema

        return config_schema()
    raise ValueError(f"no schema of {kind!r}: one of {', '.join(KINDS)}")


def dumps(schema: Schema) -> str:
    """The schema as the JSON text written to files and printed: indented, keys in their order, a newline
    at the end."""
    import json

    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
