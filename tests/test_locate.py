"""locate: where each key, table and array item of a TOML document is written."""

from __future__ import annotations

import tomllib
from textwrap import dedent

import pytest

from assembler.locate import key_positions, locate

MANIFEST = dedent(
    '''\
    # Agent manifest: name = "not a key" [not a table]
    name = "reviewer" # trailing comment [with] = signs
    description = "Reviews: \\"quoted\\" [x] = # y"
    role = """
    [not a table]
    key = not a key
    # not a comment
    an escaped \\""" quote, then more
    """
    notes = \'\'\'
    [[handoff]]
    literal = "no escapes here" \\
    \'\'\'
    tools = [
        "Read", # a comment, with ] and "quotes"
        # a whole-line comment "x", ]
        "Grep",
        'lit]eral',
        "has # hash",
    ]
    blocks = ["baseline", "evidence-grading"]
    "quoted key" = 1
    'literal key' = 2
    dotted.inner.leaf = 3

    [[handoff]]
    target = "fixer"
    trigger = "needs changes"

    [[handoff]]
    target = "validator"
    expects_artifact = "review"

    [taxonomy]
      kingdom = "manifest"

    [lineage]
    parents = ["[[baseline]]", "[[fixer]]"]
    "created" = "2026-01-02"
    '''
)


@pytest.fixture(scope="module")
def positions() -> dict[tuple[str | int, ...], tuple[int, int]]:
    return key_positions(MANIFEST)


def test_fixture_is_valid_toml() -> None:
    data = tomllib.loads(MANIFEST)
    assert data["role"].startswith("[not a table]\nkey = not a key\n# not a comment\n")
    assert len(data["handoff"]) == 2


def test_every_path_and_nothing_else(
    positions: dict[tuple[str | int, ...], tuple[int, int]],
) -> None:
    assert set(positions) == {
        ("name",),
        ("description",),
        ("role",),
        ("notes",),
        ("tools",),
        *(("tools", i) for i in range(4)),
        ("blocks",),
        ("blocks", 0),
        ("blocks", 1),
        ("quoted key",),
        ("literal key",),
        ("dotted", "inner", "leaf"),
        ("handoff",),
        ("handoff", 0),
        ("handoff", 0, "target"),
        ("handoff", 0, "trigger"),
        ("handoff", 1),
        ("handoff", 1, "target"),
        ("handoff", 1, "expects_artifact"),
        ("taxonomy",),
        ("taxonomy", "kingdom"),
        ("lineage",),
        ("lineage", "parents"),
        ("lineage", "parents", 0),
        ("lineage", "parents", 1),
        ("lineage", "created"),
    }


def test_top_level_keys_after_comments(
    positions: dict[tuple[str | int, ...], tuple[int, int]],
) -> None:
    assert positions[("name",)] == (2, 1)
    assert positions[("description",)] == (3, 1)
    assert positions[("role",)] == (4, 1)


def test_multiline_basic_string_hides_its_content(
    positions: dict[tuple[str | int, ...], tuple[int, int]],
) -> None:
    assert ("not a table",) not in positions
    assert ("key",) not in positions
    assert ("not",) not in positions


def test_multiline_literal_string_hides_its_content(
    positions: dict[tuple[str | int, ...], tuple[int, int]],
) -> None:
    assert positions[("notes",)] == (10, 1)
    assert ("literal",) not in positions
    # `[[handoff]]` inside the literal string is not counted as a table of the array
    assert positions[("handoff", 0)] == (26, 1)


def test_escaped_triple_quote_does_not_end_the_string() -> None:
    text = 'role = """\nx \\""" still inside\nfake = 1\n"""\nreal = 2\n'
    assert tomllib.loads(text) == {"role": 'x """ still inside\nfake = 1\n', "real": 2}
    found = key_positions(text)
    assert ("fake",) not in found
    assert found[("real",)] == (5, 1)


def test_escaped_backslash_before_closing_quotes_ends_the_string() -> None:
    text = 'role = """\nends here \\\\"""\nreal = 2\n'
    assert tomllib.loads(text)["real"] == 2
    assert key_positions(text)[("real",)] == (3, 1)


def test_multiline_string_closed_on_its_first_line() -> None:
    text = 'role = """one line"""\nnext = 1\n'
    assert key_positions(text)[("next",)] == (2, 1)


def test_array_items_across_lines_with_comments(
    positions: dict[tuple[str | int, ...], tuple[int, int]],
) -> None:
    assert positions[("tools",)] == (14, 1)
    assert positions[("tools", 0)] == (15, 5)
    assert positions[("tools", 1)] == (17, 5)
    assert positions[("tools", 2)] == (18, 5)
    assert positions[("tools", 3)] == (19, 5)
    assert ("tools", 4) not in positions


def test_single_line_array_items(positions: dict[tuple[str | int, ...], tuple[int, int]]) -> None:
    assert positions[("blocks", 0)] == (21, 11)
    assert positions[("blocks", 1)] == (21, 23)
    assert positions[("lineage", "parents", 0)] == (38, 12)
    assert positions[("lineage", "parents", 1)] == (38, 28)


def test_quoted_and_dotted_keys(positions: dict[tuple[str | int, ...], tuple[int, int]]) -> None:
    assert positions[("quoted key",)] == (22, 1)
    assert positions[("literal key",)] == (23, 1)
    assert positions[("dotted", "inner", "leaf")] == (24, 1)
    assert positions[("lineage", "created")] == (39, 1)


def test_quoted_key_with_a_dot_is_one_key() -> None:
    found = key_positions('"a.b" = 1\n["x.y"]\nk = 2\n')
    assert found[("a.b",)] == (1, 1)
    assert found[("x.y", "k")] == (3, 1)
    assert ("a", "b") not in found


def test_array_of_tables_indexes(positions: dict[tuple[str | int, ...], tuple[int, int]]) -> None:
    assert positions[("handoff",)] == (26, 1)
    assert positions[("handoff", 0)] == (26, 1)
    assert positions[("handoff", 0, "target")] == (27, 1)
    assert positions[("handoff", 0, "trigger")] == (28, 1)
    assert positions[("handoff", 1)] == (30, 1)
    assert positions[("handoff", 1, "target")] == (31, 1)
    assert positions[("handoff", 1, "expects_artifact")] == (32, 1)


def test_tables_and_indented_keys(positions: dict[tuple[str | int, ...], tuple[int, int]]) -> None:
    assert positions[("taxonomy",)] == (34, 1)
    assert positions[("taxonomy", "kingdom")] == (35, 3)
    assert positions[("lineage",)] == (37, 1)


def test_dotted_table_header_and_spaces() -> None:
    found = key_positions("  [ a . b ]\n  k = 1\n[[ h ]]\nt = 1\n")
    assert found[("a", "b")] == (1, 3)
    assert found[("a", "b", "k")] == (2, 3)
    assert found[("h", 0, "t")] == (4, 1)


def test_nested_arrays_of_strings_count_as_one_item() -> None:
    text = 'a = [\n  ["x", "y"],\n  "z",\n]\nb = 1\n'
    found = key_positions(text)
    assert found[("a", 0)] == (2, 3)
    assert found[("a", 1)] == (3, 3)
    assert ("a", 2) not in found
    assert found[("b",)] == (5, 1)


def test_nested_arrays_of_numbers_close() -> None:
    text = 'a = [\n  [1, 2],\n  [true, [3]],\n  "z",\n]\nb = 1\n'
    assert tomllib.loads(text)["b"] == 1
    found = key_positions(text)
    assert found[("a", 1)] == (3, 3)
    assert found[("a", 2)] == (4, 3)
    assert found[("b",)] == (6, 1)


def test_multiline_string_item_inside_an_array() -> None:
    text = 'a = [\n  """one\n""",\n  "two",\n]\nb = 1\n'
    assert tomllib.loads(text)["a"] == ["one\n", "two"]
    found = key_positions(text)
    assert found[("a", 0)] == (2, 3)
    assert found[("a", 1)] == (4, 3)
    assert ("a", 2) not in found


def test_inline_tables_in_an_array() -> None:
    found = key_positions('a = [{x = 1}, {y = "]"}]\nb = 1\n')
    assert found[("a", 0)] == (1, 6)
    assert found[("a", 1)] == (1, 15)
    assert found[("b",)] == (2, 1)


def test_crlf_line_ends() -> None:
    found = key_positions('name = "a"\r\n[lineage]\r\ncreated = "2026-01-02"\r\n')
    assert found[("lineage", "created")] == (3, 1)


# locate


def test_locate_exact(positions: dict[tuple[str | int, ...], tuple[int, int]]) -> None:
    assert locate(positions, ("handoff", 1, "target")) == (31, 1)


def test_locate_missing_key_points_at_its_table(
    positions: dict[tuple[str | int, ...], tuple[int, int]],
) -> None:
    assert locate(positions, ("handoff", 0, "expects_artifact")) == (26, 1)
    assert locate(positions, ("taxonomy", "stability")) == (34, 1)


def test_locate_missing_item_points_at_its_array(
    positions: dict[tuple[str | int, ...], tuple[int, int]],
) -> None:
    assert locate(positions, ("tools", 9)) == (14, 1)


def test_locate_deep_fallback(positions: dict[tuple[str | int, ...], tuple[int, int]]) -> None:
    assert locate(positions, ("dotted", "inner", "leaf", "deeper", 0)) == (24, 1)


def test_locate_nothing_written() -> None:
    assert locate(key_positions('name = "x"\n'), ("lineage", "created")) is None
    assert locate({}, ()) is None


STATEMENTS = '''\
name = "x"  # one line
tools = [
    "Read",  # ]
    "Grep",
]
role = """
text with [brackets] and a = sign
"""
inline = { a = 1 }
dotted.key = 2

[taxonomy]
stability = "stable"
'''


def test_statement_lines_span_the_whole_value() -> None:
    from assembler.locate import statement_lines

    assert statement_lines(STATEMENTS, ("name",)) == (1, 2)
    assert statement_lines(STATEMENTS, ("tools",)) == (2, 6)
    assert statement_lines(STATEMENTS, ("role",)) == (6, 9)
    assert statement_lines(STATEMENTS, ("inline",)) == (9, 10)
    assert statement_lines(STATEMENTS, ("dotted", "key")) == (10, 11)
    assert statement_lines(STATEMENTS, ("taxonomy", "stability")) == (13, 14)


def test_statement_lines_of_what_no_statement_writes() -> None:
    from assembler.locate import statement_lines

    assert statement_lines(STATEMENTS, ("taxonomy",)) is None  # a table
    assert statement_lines(STATEMENTS, ("inline", "a")) is None  # inside an inline table
    assert statement_lines(STATEMENTS, ("stability",)) is None  # only under [taxonomy]
    assert statement_lines(STATEMENTS, ("missing",)) is None


def test_section_end_is_after_the_last_statement_under_a_header() -> None:
    from assembler.locate import section_end

    assert section_end(STATEMENTS, ()) == 11  # after `dotted.key = 2`, before the blank line
    assert section_end(STATEMENTS, ("taxonomy",)) == 14
    assert section_end(STATEMENTS, ("dotted",)) is None  # written as dotted keys, under no header of its own
    assert section_end("[a]\n[b]\nx = 1\n", ("a",)) is None
