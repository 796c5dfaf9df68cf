"""The manifest model's pydantic core schema, derived once and shipped as `manifest_core.json`.

pydantic derives the schema from the dataclasses of `manifest.py`; deriving it takes about 0.15 s at every
start (importing pydantic's schema generator, then walking the types), which is most of a small build. The
schema is plain data, so it is derived once, by `make schema` (`python -m assembler.coreschema`), and
shipped; at run time `load` reads it back and pydantic-core builds its validator from it in about a
millisecond. The file records the pydantic-core version it was derived with, and `manifest.py` uses it only
under that version (the development extra pins pydantic to it); under any other, pydantic derives the schema
at run time as before. A test fails whenever the shipped file differs from what pydantic derives from the
current dataclasses.

JSON has no classes and no tuples: a class of `manifest.py` is written `{"$class": "Name"}` and the empty
tuple (a default) `{"$tuple": []}`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

TARGET = Path(__file__).with_name("manifest_core.json")
_REF_ID = re.compile(r":\d+$")  # pydantic appends id(cls) to a ref: it differs between runs


def load(path: Path = TARGET) -> tuple[str, dict[str, Any]]:
    """The pydantic-core version the shipped schema was derived with, and the schema."""
    data = json.loads(path.read_text(encoding="utf-8"))
    schema: dict[str, Any] = _revive(data["schema"])
    return str(data["pydantic_core"]), schema


def derive() -> dict[str, Any]:
    """The schema pydantic derives from `Manifest` now, with its refs made stable."""
    from pydantic import TypeAdapter

    from assembler.manifest import Manifest

    schema: dict[str, Any] = normalized(dict(TypeAdapter(Manifest).core_schema))
    return schema


def normalized(value: Any) -> Any:
    """`value` with the run-dependent suffix of every `ref` removed."""
    if isinstance(value, dict):
        return {
            k: _REF_ID.sub("", v) if k == "ref" and isinstance(v, str) else normalized(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [normalized(v) for v in value]
    return value


def dumps(schema: dict[str, Any]) -> str:
    """The text of `manifest_core.json` for `schema`, derived with the installed pydantic-core."""
    import pydantic_core

    data = {"pydantic_core": pydantic_core.__version__, "schema": _plain(schema)}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple) and not value:
        return {"$tuple": []}
    if isinstance(value, type):
        if value.__module__ != "assembler.manifest":
            raise ValueError(f"the schema refers to {value!r}, outside assembler.manifest")
        return {"$class": value.__qualname__}
    if value is None or isinstance(value, str | bool | int):
        return value
    raise ValueError(f"cannot write {value!r} ({type(value).__name__}) as JSON")


def _revive(value: Any) -> Any:
    if isinstance(value, dict):
        if value.keys() == {"$class"}:
            from assembler import manifest

            found: Any = getattr(manifest, value["$class"])
            return found
        if value.keys() == {"$tuple"}:
            return tuple(value["$tuple"])
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value


def main(argv: list[str]) -> int:
    text = dumps(derive())
    if argv == ["--check"]:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.name} is out of date: run `make schema`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
