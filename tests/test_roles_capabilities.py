"""roles.capabilities: a capability's text, directly or through alias stubs, and the problems of stubs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from assembler.config import Config
from assembler.roles.capabilities import Lookup, lookup, split_name
from assembler.sources import Sources
from tests.conftest import write_tree


def stub(name: str, alias: str, more: str = "") -> str:
    return f'[capability]\nname = "{name}"\nalias = "{alias}"\n{more}'


def find(tmp_path: Path, files: Mapping[str, str], name: str) -> Lookup:
    tree = {f"_capabilities/{rel}": text for rel, text in files.items()}
    return lookup(name, Sources.of(write_tree(tmp_path, tree), Config()))


def located(found: Lookup) -> list[tuple[str, str, int | None, str]]:
    return [(d.code, d.file, d.line, d.message) for d in found.diagnostics]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("fs::read", ("fs", "read")),
        ("fs::read-only", ("fs", "read-only")),
        ("fs", None),
        ("fs::", None),
        ("::read", None),
        ("FS::read", None),
        ("fs::../x", None),
        ("fs::read::more", None),
    ],
)
def test_split_name(name: str, parts: tuple[str, str] | None) -> None:
    assert split_name(name) == parts


def test_a_text(tmp_path: Path) -> None:
    found = find(
        tmp_path, {"fs/read/text.md": "READ\n", "fs/read/capability.toml": "not even toml ["}, "fs::read"
    )
    assert (found.name, found.text and found.text.text, found.aliases, found.stubs) == (
        "fs::read",
        "READ\n",
        [],
        [],
    )
    assert found.diagnostics == [] and found.missing is None  # a capability.toml beside a text is not read


def test_an_alias_and_an_alias_of_an_alias(tmp_path: Path) -> None:
    files = {
        "fs/read/text.md": "READ\n",
        "fs/view/capability.toml": stub("fs::view", "fs::read", 'deprecated = "use fs::read"\n'),
        "old/look/capability.toml": "# the oldest name\n" + stub("old::look", "fs::view"),
    }
    found = find(tmp_path, files, "old::look")
    assert found.name == "fs::read" and found.text is not None and found.text.text == "READ\n"
    assert found.aliases == [("old::look", None), ("fs::view", "use fs::read")]
    assert [s.rel for s in found.stubs] == [
        "_capabilities/old/look/capability.toml",
        "_capabilities/fs/view/capability.toml",
    ]
    assert found.diagnostics == []


def test_missing_text_and_name_not_category_slug(tmp_path: Path) -> None:
    found = find(tmp_path, {}, "fs::gone")
    assert (found.text, found.missing) == (None, "write _capabilities/fs/gone/text.md, or fix the name")
    found = find(tmp_path, {}, "gone")
    assert found.missing is not None and found.missing.startswith("write the name as category::slug")


def test_a086_alias_cycle(tmp_path: Path) -> None:
    files = {
        "a/one/capability.toml": stub("a::one", "a::two"),
        "a/two/capability.toml": stub("a::two", "a::one"),
    }
    found = find(tmp_path, files, "a::one")
    assert found.text is None and found.missing is None
    assert located(found) == [
        (
            "A086",
            "_capabilities/a/two/capability.toml",
            3,
            "capability aliases form a cycle: a::one -> a::two -> a::one",
        )
    ]


def test_a081_alias_to_a_capability_without_text(tmp_path: Path) -> None:
    found = find(tmp_path, {"a/one/capability.toml": stub("a::one", "a::gone")}, "a::one")
    assert found.missing is None
    assert located(found) == [
        ("A081", "_capabilities/a/one/capability.toml", 3, "capability `a::gone` has no text")
    ]
    assert found.diagnostics[0].hint == "write _capabilities/a/gone/text.md, or fix the name"


def test_a081_capability_toml_that_is_no_stub(tmp_path: Path) -> None:
    files = {"a/one/capability.toml": '[capability]\nname = "a::one"\ncategory = "a"\n[gate]\nevent = "x"\n'}
    found = find(tmp_path, files, "a::one")
    assert located(found) == [
        ("A081", "_capabilities/a/one/capability.toml", 1, "capability `a::one` has no text")
    ]
    assert found.diagnostics[0].hint == (
        "write _capabilities/a/one/text.md; a capability.toml without it must be an alias stub: [capability] "
        'name = "..." and alias = "category::slug"'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (stub("a::other", "b::x"), [("A011", 2, "name `a::other` differs from the file name ")]),
        (stub("a::one", "b x"), [("A081", 3, "capability `b x` has no text")]),
        (
            stub("a::one", "b::x", 'deprecatd = "old"\n'),
            [("A002", 4, "unknown key in [capability] `deprecatd`")],
        ),
        (stub("a::one", "b::x", "[more]\n"), [("A002", 4, "unknown capability stub table `more`")]),
        ('[capability]\nalias = "b::x"\n', [("A003", 1, "missing required key `capability.name`")]),
        (
            '[capability]\nname = "a::one"\nalias = ["b::x"]\n',
            [("A004", 3, "`capability.alias` should be a string")],
        ),
        ("[capability\n", [("A001", 1, "TOML syntax error")]),
    ],
)
def test_stub_problems(tmp_path: Path, text: str, expected: list[tuple[str, int, str]]) -> None:
    found = find(tmp_path, {"a/one/capability.toml": text, "b/x/text.md": "X\n"}, "a::one")
    assert found.text is None
    got = [(d.code, d.line, d.message) for d in found.diagnostics]
    assert [(code, line) for code, line, _ in got] == [(code, line) for code, line, _ in expected]
    assert all(
        message.startswith(start) for (_, _, message), (_, _, start) in zip(got, expected, strict=True)
    )
    assert all(d.file == "_capabilities/a/one/capability.toml" for d in found.diagnostics)
