"""The manifest model's pydantic core schema, derived once and kept as JSON so no run pays for deriving it.

pydantic derives the core schema from the dataclasses of `manifest.py`: importing its schema generator and
walking the types takes about 0.15 s, most of a small build. The schema is plain data, so it is derived once
and stored; pydantic-core builds its validator from it in about a millisecond. Two stores:

- `manifest_core.json`, shipped with the package, derived by `make schema` under the pydantic the development
  extra pins (a test fails whenever it differs from what pydantic derives from the current dataclasses);
- a cache for any other pydantic-core (the pre-commit hook installs the newest pydantic, which may be newer
  than the pin): derived at the first run that needs it, then read back. It lives in `$ASSEMBLER_CACHE_DIR`,
  else `$XDG_CACHE_HOME/assembler`, else `~/.cache/assembler`; a cache that cannot be written is skipped.

JSON has no classes and no tuples: a class is written `{"$class": "Name"}` and the empty tuple (a default)
`{"$tuple": []}`. This module knows nothing of the model: callers pass the model and its classes by name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

TARGET = Path(__file__).with_name("manifest_core.json")
_REF_ID = re.compile(r":\d+$")  # pydantic appends id(cls) to a ref: it differs between runs


def load(path: Path, classes: Mapping[str, type]) -> tuple[str, dict[str, Any]]:
    """The pydantic-core version a stored schema was derived with, and the schema."""
    data = json.loads(path.read_text(encoding="utf-8"))
    schema: dict[str, Any] = _revive(data["schema"], classes)
    return str(data["pydantic_core"]), schema


def derive(model: type) -> dict[str, Any]:
    """The schema pydantic derives from `model` now, with its refs made stable."""
    from pydantic import TypeAdapter

    schema: dict[str, Any] = normalized(dict(TypeAdapter(model).core_schema))
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


def dumps(schema: dict[str, Any], classes: Mapping[str, type]) -> str:
    """The JSON text storing `schema`, derived with the installed pydantic-core."""
    import pydantic_core

    data = {"pydantic_core": pydantic_core.__version__, "schema": _plain(schema, classes)}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def validator(model: type, classes: Mapping[str, type]) -> Callable[[Any], Any]:
    """pydantic-core's validation of `model`, built from the shipped schema when it was derived with the
    installed pydantic-core, else from the cached one, else from the schema pydantic derives now (which
    is then cached)."""
    import pydantic_core

    installed = pydantic_core.__version__
    version, schema = load(TARGET, classes)
    if version != installed:
        cache = cache_file(installed)
        cached = _read_cache(cache, classes) if cache is not None else None
        if cached is None:
            schema = derive(model)
            if cache is not None:
                _write_cache(cache, schema, classes)
        else:
            schema = cached
    return pydantic_core.SchemaValidator(schema).validate_python


def cache_file(core_version: str) -> Path | None:
    """Where the schema derived under `core_version` is cached: named by that version and by the shipped
    schema's digest, which changes with the dataclasses. None when there is no home for a cache."""
    folder = os.environ.get("ASSEMBLER_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    if folder and not os.environ.get("ASSEMBLER_CACHE_DIR"):
        folder = os.path.join(folder, "assembler")  # noqa: PTH118
    if not folder:
        home = os.path.expanduser("~")  # noqa: PTH111
        if home == "~":
            return None
        folder = os.path.join(home, ".cache", "assembler")  # noqa: PTH118
    shipped = hashlib.sha256(TARGET.read_bytes()).hexdigest()[:12]
    safe = re.sub(r"[^A-Za-z0-9.+-]", "_", core_version)
    return Path(folder) / f"manifest-core-{safe}-{shipped}.json"


def _read_cache(path: Path, classes: Mapping[str, type]) -> dict[str, Any] | None:
    try:
        version, schema = load(path, classes)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    import pydantic_core

    return schema if version == pydantic_core.__version__ else None


def _write_cache(path: Path, schema: dict[str, Any], classes: Mapping[str, type]) -> None:
    """Store a derived schema; a cache that cannot be written, or a schema JSON cannot hold, is skipped."""
    from assembler.atomic import atomic_write
    from assembler.disk import FileProblem

    try:
        text = dumps(schema, classes)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(str(path), path.name, text.encode("utf-8"))
    except (OSError, ValueError, FileProblem):
        return


def _plain(value: Any, classes: Mapping[str, type]) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v, classes) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, classes) for v in value]
    if isinstance(value, tuple) and not value:
        return {"$tuple": []}
    if isinstance(value, type):
        if classes.get(value.__qualname__) is not value:
            raise ValueError(f"the schema refers to {value!r}, which is not one of the model's classes")
        return {"$class": value.__qualname__}
    if value is None or isinstance(value, str | bool | int):
        return value
    raise ValueError(f"cannot write {value!r} ({type(value).__name__}) as JSON")


def _revive(value: Any, classes: Mapping[str, type]) -> Any:
    if isinstance(value, dict):
        if value.keys() == {"$class"}:
            return classes[value["$class"]]
        if value.keys() == {"$tuple"}:
            return tuple(value["$tuple"])
        return {k: _revive(v, classes) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v, classes) for v in value]
    return value
