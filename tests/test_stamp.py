"""stamp: stamps at their fixed place per format; text elsewhere never counts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assembler.stamp import (
    PENDING,
    Misplaced,
    Stamp,
    after_frontmatter,
    header,
    in_json_prompt,
    locator,
    read_stamp,
    scope_hash,
    seal,
    sha8,
    stamp_of,
)

AGENT = f"---\nname: a\ndescription: x\n---\n<!-- generated {PENDING} -->\n\n# ROLE\n\nText.\n"


def test_seal_then_read_round_trips() -> None:
    text = seal(AGENT, "agent", "claude", "0123abcd", after_frontmatter)
    found = read_stamp(text, after_frontmatter)
    assert found is not None
    stamp, intact = found
    assert intact
    assert (stamp.kind, stamp.caps, stamp.scope) == ("agent", "claude", "0123abcd")
    assert stamp.body == sha8(AGENT.encode())
    assert str(stamp) == f"agent::claude::0123abcd::{stamp.body}"
    assert stamp_of("x.md", text) == found
    assert stamp_of("x.md", text.encode()) == found


def test_an_edit_anywhere_breaks_the_body_hash() -> None:
    text = seal(f"# head\n# {PENDING}\nline two\n", "tool", "modal", "ffffffff", header(3))
    edited = text.replace("line two", "line 2")
    found = read_stamp(edited, header(3))
    assert found is not None and not found[1]


def test_unstamped_text_has_no_stamp() -> None:
    assert read_stamp("# my own notes\n", after_frontmatter) is None
    assert stamp_of("notes.txt", "anything") is None  # a format without a stamp place


def test_a_stamp_in_the_body_is_not_the_stamp() -> None:
    real = seal(AGENT, "agent", "claude", "0123abcd", after_frontmatter)
    [stamp] = [line for line in real.splitlines() if "assembler-stamp:" in line]
    fake = f"---\nname: a\ndescription: x\n---\n<!-- nothing -->\n\n{stamp}\n"
    assert read_stamp(fake, after_frontmatter) is None


def test_a_fake_stamp_in_the_frontmatter_neither_counts_nor_breaks_the_real_one() -> None:
    fake = "assembler-stamp: agent::claude::00000000::00000000"
    text = AGENT.replace("description: x", f"description: '{fake} and {PENDING}'")
    sealed = seal(text, "agent", "claude", "0123abcd", after_frontmatter)
    found = read_stamp(sealed, after_frontmatter)
    assert found is not None and found[1] and found[0].scope == "0123abcd"
    assert fake in sealed and PENDING in sealed  # the manifest's text is left as written


def test_pending_in_user_text_does_not_move_the_stamp() -> None:
    text = AGENT + f"\nA line quoting {PENDING} in the body.\n"
    sealed = seal(text, "agent", "claude", "0123abcd", after_frontmatter)
    assert sealed.count(PENDING) == 1 and sealed.endswith(f"quoting {PENDING} in the body.\n")
    found = read_stamp(sealed, after_frontmatter)
    assert found is not None and found[1]


def test_a_marker_away_from_its_place_is_refused() -> None:
    with pytest.raises(Misplaced):
        seal(f"---\nname: a\n---\n\n<!-- {PENDING} -->\n", "agent", "claude", "00000000", after_frontmatter)
    with pytest.raises(Misplaced):
        seal("no marker", "agent", "claude", "00000000", after_frontmatter)
    with pytest.raises(Misplaced):
        seal(f"a\nb\nc\n# {PENDING}\n", "tool", "modal", "00000000", header(3))


def test_places_per_format() -> None:
    assert after_frontmatter(b"---\na: 1\n---\nstamp line\nbody\n") == (13, 23)
    assert after_frontmatter(b"first line\nsecond\n") == (0, 10)
    assert after_frontmatter(b"---\nnever closed\n") is None
    assert header(2)(b"one\ntwo\nthree\n") == (0, 7)
    assert header(5)(b"short\n") == (0, 6)
    assert locator("a/b.md") is after_frontmatter and locator("x.json.bak") is None


def test_scope_hash_is_deterministic_and_unambiguous() -> None:
    assert scope_hash([("a", "x")]) == scope_hash([("a", "x")])
    assert scope_hash([("a", "bc")]) != scope_hash([("ab", "c")])
    assert scope_hash([("a", "x"), ("b", "y")]) != scope_hash([("b", "y"), ("a", "x")])
    assert len(scope_hash([])) == 8


def test_stamp_str_format() -> None:
    assert str(Stamp("agent", "claude", "1", "2")) == "agent::claude::1::2"


STAMPISH = st.lists(
    st.sampled_from(
        ["assembler-stamp: agent::kiro::deadbeef::deadbeef", PENDING, '"', "\\", "\n", "{", "a", " "]
    ),
    max_size=6,
).map("".join)


@given(text=STAMPISH)
def test_json_stamp_is_the_first_line_of_the_prompt_and_text_cannot_fake_it(text: str) -> None:
    document = json.dumps({"prompt": f"{PENDING}\n{text}", "description": text}, indent=2) + "\n"
    sealed = seal(document, "agent", "kiro", "1234abcd", in_json_prompt)
    found = read_stamp(sealed, in_json_prompt)
    assert found is not None and found[1] and found[0] == Stamp("agent", "kiro", "1234abcd", found[0].body)
    assert json.loads(sealed)["description"] == text
    later = json.dumps({"prompt": f"Hello\n{text}", "description": text}, indent=2)
    assert read_stamp(later, in_json_prompt) is None  # not on the first line of the prompt: not a stamp
    assert locator("agents/x.json") is in_json_prompt
