"""authoring.copy: a copy keeps every comment and line of its source but the ones it must change, reads
back as the source's data with those changes, and is refused when it would not."""

from __future__ import annotations

import datetime
import difflib

import pytest
import tomlkit

from assembler.authoring.copy import NotCopyable, copied_manifest
from assembler.tomlparse import parse_toml
from tests.conftest import REPO

TODAY = datetime.date(2026, 6, 1)


def _changed(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_only_the_lines_that_must_change_differ() -> None:
    source = (REPO / "_manifests/modal-runner.toml").read_text(encoding="utf-8")
    copied = copied_manifest(source, "modal-runner", "gpu-runner", TODAY)
    assert _changed(source, copied) == [
        "+# Copied from the agent modal-runner by `assembler new --from modal-runner`.",
        '-name = "modal-runner"',
        '+name = "gpu-runner"',
        '-created = "2026-04-23"',
        '+created = "2026-06-01"',
        '+fork_from = "[[modal-runner]]"',
        '-name = "modal_runner"',
        '+name = "gpu_runner"',
    ]
    lines = copied.splitlines()
    at = lines.index('fork_from = "[[modal-runner]]"')  # after the table's last key, before the comment
    assert lines[at - 1].startswith("parents = ") and lines[at + 1] == ""  # that speaks of the next table


def test_comments_trailing_a_line_stay_and_a_date_stays_a_date() -> None:
    source = (
        '# head\nname = "a"  # the name\ndescription = "d"\n\n[lineage]\ncreator = "me"\n'
        'created = 2026-01-02  # when\nfork_from = "[[older]]"\n'
    )
    copied = copied_manifest(source, "a", "b", TODAY)
    assert 'name = "b"  # the name' in copied
    assert "created = 2026-06-01  # when" in copied
    assert parse_toml(copied)["lineage"] == {"creator": "me", "created": TODAY, "fork_from": "[[a]]"}


def test_a_manifest_without_lineage_or_tool_module_changes_its_name_only() -> None:
    source = 'name = "a"\ndescription = """\nMany\nlines.\n"""\nbody = \'\'\'\nRaw \\ text "quoted"\n\'\'\'\n'
    copied = copied_manifest(source, "a", "b", TODAY)
    assert parse_toml(copied) == {**parse_toml(source), "name": "b"}
    assert _changed(source, copied) == [
        '-name = "a"',
        "+# Copied from the agent a by `assembler new --from a`.",
        '+name = "b"',
    ]


def test_hostile_toml_reads_back_as_the_same_data() -> None:
    source = (
        'name = "a"\ndescription = "tab\\there \\u00e9 \\"q\\""\n'
        'targets.claude.extra = { "odd key" = [1, 2.5, true, 1979-05-27T07:32:00Z] }\n'
        'lineage = { creator = "me", created = "2026-01-02" }\n'
    )
    copied = copied_manifest(source, "a", "b", TODAY)
    expected = parse_toml(source)
    expected["name"] = "b"
    expected["lineage"].update(created="2026-06-01", fork_from="[[a]]")
    assert parse_toml(copied) == expected


def test_refused_when_it_does_not_parse_or_would_not_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(NotCopyable, match="does not parse as TOML"):
        copied_manifest('name = "a"\nname = "b"\n', "a", "b", TODAY)
    monkeypatch.setattr(tomlkit, "dumps", lambda doc: 'name = "b"\nextra = 1\n')
    with pytest.raises(NotCopyable, match="would write it back as other data"):
        copied_manifest('name = "a"\n', "a", "b", TODAY)
