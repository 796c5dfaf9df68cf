"""One round of validation: data whose shape is wrong is repaired, value by value, into data the model
accepts, so that every other check still runs on it and reports in the same round. Each faulty value
becomes a blank of its type ("" for text, [] for arrays, {} for tables) or, where the field has a
default, is dropped; an unknown key is dropped. The caller keeps the repaired key paths and does not
report what later checks find under them."""

from __future__ import annotations

import dataclasses
import types
from dataclasses import fields
from typing import Any

from assembler.diagnostics import KeyPath
from assembler.schema_errors import data_path


def repair(data: Any, loc: KeyPath, kind: str, model: type) -> KeyPath:
    """Make the value at `loc` of `data` (validated against the dataclass `model`) valid in shape: drop an
    unknown key, give a missing or faulty one a blank of its type (or its default, by dropping it).
    Returns the key path that was changed."""
    path = data_path(data, loc)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        parent = _at(data, path[:-1])
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
        return path
    if kind == "missing" and len(loc) > len(path):
        parent, key = _at(data, path), loc[len(path)]
        if isinstance(parent, dict) and isinstance(key, str):
            parent[key] = _blank((*path, key), model)
        return (*path, key)
    if not path:
        return path
    parent, key = _at(data, path[:-1]), path[-1]
    blank = _blank(path, model)
    if isinstance(parent, dict) and blank is _DEFAULT:
        parent.pop(key, None)
    elif isinstance(parent, dict | list):
        parent[key] = {} if blank is _DEFAULT else blank  # type: ignore[index]
    return path


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


_DEFAULT: Any = object()  # the key has a default: dropping it repairs it


def _blank(path: KeyPath, root: type) -> Any:
    """A value of the type the model expects at `path` that passes validation: "" for text, [] for arrays,
    {} for tables, or _DEFAULT where the field has a default."""
    import typing

    model: Any = root
    annotation: Any = root
    for position, part in enumerate(path):
        if isinstance(part, int):
            args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
            annotation = args[0] if args else str
        else:
            if not dataclasses.is_dataclass(model):
                return {}
            hints = typing.get_type_hints(model)
            if part not in hints:
                return _DEFAULT
            field_info = {f.name: f for f in fields(model)}[part]
            has_default = (
                field_info.default is not dataclasses.MISSING
                or field_info.default_factory is not dataclasses.MISSING
            )
            if has_default and position == len(path) - 1:
                return _DEFAULT
            annotation = hints[part]
        members = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = members[0]
        model = annotation if dataclasses.is_dataclass(annotation) else None
    origin = typing.get_origin(annotation)
    if dataclasses.is_dataclass(annotation) or origin is dict or annotation is dict:
        return {}
    if origin in (tuple, list):
        return []
    return ""
