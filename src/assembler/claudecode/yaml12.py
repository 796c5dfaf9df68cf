"""Read YAML as Claude Code does: with the YAML 1.2 core schema, where only `true`/`false` are booleans,
only `null`/`~`/nothing is null, numbers include `1e3` and `0o17`, and dates are text. PyYAML implements
YAML 1.1 (`yes` is a boolean there, `2024-01-01` a date); this loader replaces its implicit types with those
of YAML 1.2's core schema. It also refuses a key written twice in one mapping, which YAML forbids.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CORE = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
)


class DuplicateKey(ValueError):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(f"`{key}` is written twice")
        self.key = key
        self.line = line  # 0-based, within the YAML text


@lru_cache(maxsize=1)
def _loader() -> type[Any]:
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    twice = key in seen
                except TypeError:
                    continue  # an unhashable key: PyYAML reports it itself
                if twice:
                    raise DuplicateKey(str(key), key_node.start_mark.line)
                seen.add(key)
            return super().construct_mapping(node, deep)

        def construct_yaml_int(self, node: Any) -> int:
            text = str(self.construct_scalar(node))
            if text.startswith("0o"):
                return int(text[2:], 8)
            return int(text, 0) if text.startswith("0x") else int(text)

        def construct_yaml_float(self, node: Any) -> float:
            text = str(self.construct_scalar(node)).lower()
            return float(text.replace(".inf", "inf").replace(".nan", "nan"))

    Loader.yaml_implicit_resolvers = {}  # YAML 1.1's types out; YAML 1.2's in, below
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_yaml_float)
    for tag, pattern, first in _CORE:
        Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))
    return Loader


def load(text: str) -> Any:
    """The data of one YAML document. Raises yaml.YAMLError (with its mark) or DuplicateKey."""
    import yaml

    return yaml.load(text, Loader=_loader())
