"""Setting one value in a manifest's text: only its lines change, everything else stays as written."""

from __future__ import annotations

import difflib
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assembler import edit
from assembler.assignment import parse_assignment, same, value_at
from assembler.edit import Edited, set_value
from assembler.tomlparse import parse_toml

TEXT = dedent(
    '''\
    # A manifest, commented.
    name = "fixer"   # the name
    model = "sonnet"  # fast enough
    tools = [
        "Read",  # reads
        "Grep",
    ]
    role = """
    You fix things.
    """
    inline = { a = 1, b = 2 }
    dotted.key = 1

    [[handoff]]
    target = "reviewer"

    [taxonomy]
    stability = "stable" # for now
    kingdom = "manifest"
    '''
)


def edited(text: str, setting: str) -> Edited:
    return set_value(text, parse_toml(text), parse_assignment(setting))


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]


@pytest.mark.parametrize(
    ("setting", "diff"),
    [
        ("model=opus", ['-model = "sonnet"  # fast enough', '+model = "opus"  # fast enough']),
        (
            "taxonomy.stability=deprecated",
            ['-stability = "stable" # for now', '+stability = "deprecated" # for now'],
        ),
        ("name=fixer-two", ['-name = "fixer"   # the name', '+name = "fixer-two"   # the name']),
        (
            "tools=['Read']",
            ["-tools = [", '-    "Read",  # reads', '-    "Grep",', "-]", "+tools = ['Read']"],
        ),
        ("role=short", ['-role = """', "-You fix things.", '-"""', '+role = "short"']),
        ("max_turns=20", ["+max_turns = 20"]),
        ("taxonomy.layer=cross", ['+layer = "cross"']),
        ("lineage.creator=me", ["+", "+[lineage]", '+creator = "me"']),
        ("inline.a=5", ["-inline = { a = 1, b = 2 }", "+inline = { a = 5, b = 2 }"]),
        ("dotted.key=2", ["-dotted.key = 1", "+dotted.key = 2"]),
        ("dotted.other=3", ["+dotted.other = 3"]),
    ],
)
def test_only_the_lines_of_the_key_change(setting: str, diff: list[str]) -> None:
    result = edited(TEXT, setting)
    assert result.problems == [] and result.text is not None
    assert changed_lines(TEXT, result.text) == diff
    assignment = parse_assignment(setting)
    assert same(value_at(parse_toml(result.text), assignment.path), assignment.value)


def test_a_new_root_key_goes_before_the_first_table_keeping_the_blank_line() -> None:
    result = edited(TEXT, "effort=high")
    assert result.text is not None
    assert 'dotted.key = 1\neffort = "high"\n\n[[handoff]]\n' in result.text


def test_the_value_already_there_changes_nothing() -> None:
    assert edited(TEXT, "model=sonnet") == Edited(None, [])
    assert edited(TEXT, "inline.a=1") == Edited(None, [])


def test_line_ends_and_a_missing_final_newline_are_kept() -> None:
    crlf = 'name = "x"\r\nmodel = "sonnet"\r\n\r\n[taxonomy]\r\nstability = "stable"'
    result = edited(crlf, "model=opus")
    assert result.text == 'name = "x"\r\nmodel = "opus"\r\n\r\n[taxonomy]\r\nstability = "stable"'
    last = edited(crlf, "taxonomy.stability=beta")
    assert last.text == crlf.replace('"stable"', '"beta"')


@pytest.mark.parametrize(
    ("setting", "where", "message", "hint"),
    [
        (
            "handoff.target=x",
            ("handoff",),
            "cannot set `handoff.target`: `handoff` is an array of tables ([[handoff]])",
            "edit the manifests' tables by hand",
        ),
        (
            "taxonomy=x",
            ("taxonomy",),
            "cannot set `taxonomy`: `taxonomy` is a table",
            "set one of its keys, such as taxonomy.KEY=VALUE",
        ),
        (
            'taxonomy={ kingdom = "x" }',
            ("taxonomy",),
            "cannot set `taxonomy`: `taxonomy` is a table",
            "set one of its keys, such as taxonomy.KEY=VALUE",
        ),
        (
            "model.size=1",
            ("model",),
            "cannot set `model.size`: `model` holds a string, not a table",
            "set `model` itself",
        ),
        (
            "tools.x=1",
            ("tools",),
            "cannot set `tools.x`: `tools` holds an array, not a table",
            "set `tools` itself",
        ),
        (
            "taxonomy.stability.x=1",
            ("taxonomy", "stability"),
            "cannot set `taxonomy.stability.x`: `taxonomy.stability` holds a string, not a table",
            "set `taxonomy.stability` itself",
        ),
    ],
)
def test_what_cannot_be_set(setting: str, where: tuple[str, ...], message: str, hint: str) -> None:
    result = edited(TEXT, setting)
    assert result.text is None
    assert [(p.code, p.path, p.message, p.hint) for p in result.problems] == [("A150", where, message, hint)]


def test_an_edit_that_does_not_read_back_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = TEXT.replace('kingdom = "manifest"', 'kingdom = "other"')
    monkeypatch.setattr(edit, "_edit_statement", lambda text, d, a: wrong.replace('"sonnet"', '"opus"'))
    healed = edited(TEXT, "model=opus")  # the statement edit is wrong: the whole-document edit is taken
    assert healed.text is not None and changed_lines(TEXT, healed.text)[1] == '+model = "opus"  # fast enough'
    monkeypatch.setattr(edit, "_edit_document", lambda text, a: wrong)
    refused = edited(TEXT, "model=opus")
    assert refused.text is None
    assert [(p.code, p.path) for p in refused.problems] == [("A151", ("model",))]
    assert refused.problems[0].message == (
        "cannot edit this manifest: the edited text would not read back as the old data with the one value "
        "changed"
    )


def test_a_type_that_changes_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a = 1\nb = 2\n"
    monkeypatch.setattr(edit, "_edit_statement", lambda t, d, a: "a = 1.0\nb = 3\n")  # == holds, TOML differs
    monkeypatch.setattr(edit, "_edit_document", lambda t, a: "a = true\nb = 3\n")
    assert [p.code for p in edited(text, "b=3").problems] == ["A151"]


def test_what_the_editor_cannot_read_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomlkit

    def refuse(text: str) -> None:
        raise tomlkit.exceptions.ParseError(1, 1, "cannot")

    monkeypatch.setattr(tomlkit, "parse", refuse)
    monkeypatch.setattr(edit, "_parsed_item", lambda toml: 0)
    result = edited(TEXT, "model=opus")
    assert [p.code for p in result.problems] == ["A151"]
    assert "the TOML editor cannot read it" in result.problems[0].message


@settings(max_examples=150, deadline=None)
@given(value=st.text(max_size=40), key=st.sampled_from(["model", "description", "taxonomy.stability", "new"]))
def test_any_value_reads_back_exactly_and_changes_only_its_lines(value: str, key: str) -> None:
    assignment = parse_assignment(f"{key}={value}")
    result = set_value(TEXT, parse_toml(TEXT), assignment)
    assert result.problems == []
    after = result.text or TEXT
    assert same(value_at(parse_toml(after), assignment.path), assignment.value)
    removed = [line for line in changed_lines(TEXT, after) if line.startswith("-")]
    key_line = {"model": "-model", "description": "-", "taxonomy.stability": "-stability", "new": "-"}[key]
    assert all(line.startswith(key_line) for line in removed[:1]), removed
    rest = parse_toml(after)
    for untouched in ("name", "tools", "role", "inline", "handoff"):
        assert same(rest[untouched], parse_toml(TEXT)[untouched])


@pytest.mark.parametrize(
    "setting", ["effort=high", "taxonomy.layer=cross", 'tools2=["a", "b"]', 'x="""\nmulti\n"""', "handoff2=1"]
)
def test_a_new_key_goes_where_tomlkit_puts_it(setting: str) -> None:
    assignment = parse_assignment(setting)
    fast = edit._add_statement(TEXT, parse_toml(TEXT), assignment)
    assert fast is not None and fast == edit._edit_document(TEXT, assignment)


def test_a_new_key_keeps_crlf_and_ends_a_last_line_without_newline() -> None:
    text = 'name = "x"\r\n\r\n[taxonomy]\r\nstability = "stable"'
    assert (
        edited(text, "model=opus").text
        == 'name = "x"\r\nmodel = "opus"\r\n\r\n[taxonomy]\r\nstability = "stable"'
    )
    assert edited(text, "taxonomy.layer=cross").text == text + '\r\nlayer = "cross"\r\n'
