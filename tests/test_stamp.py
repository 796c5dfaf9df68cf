from __future__ import annotations

import pytest

from assembler.stamp import PENDING, Stamp, read_stamp, scope_hash, seal, sha8


def test_seal_then_read_round_trips() -> None:
    text = seal(f"body\n<!-- {PENDING} -->\nmore\n", "agent", "claude", "0123abcd")
    found = read_stamp(text)
    assert found is not None
    stamp, intact = found
    assert intact
    assert (stamp.kind, stamp.caps, stamp.scope) == ("agent", "claude", "0123abcd")
    assert stamp.body == sha8(f"body\n<!-- {PENDING} -->\nmore\n")
    assert str(stamp) == f"agent::claude::0123abcd::{stamp.body}"


def test_an_edit_anywhere_breaks_the_body_hash() -> None:
    text = seal(f"line one\n{PENDING}\nline two\n", "tool", "modal", "ffffffff")
    edited = text.replace("line two", "line 2")
    found = read_stamp(edited)
    assert found is not None and not found[1]


def test_unstamped_text_has_no_stamp() -> None:
    assert read_stamp("# my own notes\n") is None


def test_seal_needs_exactly_one_marker() -> None:
    with pytest.raises(ValueError):
        seal("no marker", "agent", "claude", "00000000")
    with pytest.raises(ValueError):
        seal(PENDING + PENDING, "agent", "claude", "00000000")


def test_scope_hash_is_deterministic_and_unambiguous() -> None:
    assert scope_hash([("a", "x")]) == scope_hash([("a", "x")])
    assert scope_hash([("a", "bc")]) != scope_hash([("ab", "c")])
    assert scope_hash([("a", "x"), ("b", "y")]) != scope_hash([("b", "y"), ("a", "x")])
    assert len(scope_hash([])) == 8


def test_stamp_str_format() -> None:
    assert str(Stamp("agent", "claude", "1", "2")) == "agent::claude::1::2"
