"""The one jinja Environment of a run: built-in templates, optionally overridden by a user folder."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

    from assembler.disk import Folder


BUILT_IN = Path(__file__).parent / "templates"


@lru_cache(maxsize=8)
def get_env(override: Folder | None = None) -> jinja2.Environment:
    """Templates ship as package data; files in the `override` folder replace the built-in ones by name.
    Both are read through `template_source`, so a template is only ever read from a regular file.

    Manifest and block text only ever reaches a template as a variable: it is never template source.
    """
    import jinja2

    class Environment(jinja2.Environment):
        """`x.key` on a dict of the context reads the key directly. jinja tries the attribute first and
        reads the key only after an AttributeError, which cost 3 % of a small build; the result differs
        only for a key named like a dict method, and the context has none."""

        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    def load(name: str) -> tuple[str, str, Callable[[], bool]]:
        text = None if override is None else _override_text(name, override)
        if text is not None and override is not None:
            return text, f"{override.rel}/{name}", lambda: True
        return template_source(name), f"(built-in templates)/{name}", lambda: True

    env = Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pyliteral"] = pyliteral
    from assembler.markdown import code_span

    env.filters["code"] = code_span
    return env


def pyliteral(value: object) -> str:
    """A Python literal for plain data: the escaper for manifest text that lands in generated Python.

    Only str, int, float, bool, None and lists, tuples or str-keyed dicts of them are accepted, so nothing
    but a literal can come out; `repr` of those types is valid Python that evaluates to an equal value.
    """
    if value is None or isinstance(value, bool | int | str):
        return repr(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"no Python literal for {value!r}")
        return repr(value)
    if isinstance(value, list | tuple):
        inner = ", ".join(pyliteral(v) for v in value)
        if isinstance(value, tuple):
            return f"({inner},)" if len(value) == 1 else f"({inner})"
        return f"[{inner}]"
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"dict key {k!r} is not a string")
            items.append(f"{pyliteral(k)}: {pyliteral(v)}")
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"no Python literal for a value of type {type(value).__name__}")


def _override_text(name: str, override: Folder) -> str | None:
    from assembler.disk import read_text

    if "/" in name or name.startswith("."):
        return None
    found = read_text(override, name)
    return None if found is None else found.text


def template_source(name: str, override: Folder | None = None) -> str:
    """The text of the template `name` as a run loads it: the override folder's file when it has one, else
    the built-in one. Raises FileProblem for an override that cannot be read, and TemplateNotFound."""
    if override is not None:
        found = _override_text(name, override)
        if found is not None:
            return found
    path = BUILT_IN / name
    if "/" in name or not path.is_file():
        import jinja2

        raise jinja2.TemplateNotFound(name)
    return path.read_text(encoding="utf-8")
