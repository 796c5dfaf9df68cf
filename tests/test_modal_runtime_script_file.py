"""Reading a script file: a byte order mark accepted, every failure one ScriptError, with a line when
Python gives one."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.toolkinds.modal_runtime.script_file import (
    MAX_SCRIPT_BYTES,
    ScriptError,
    parse_source,
    read_script,
)


def test_a_bom_is_accepted_and_bad_files_are_one_error(tmp_path: Path) -> None:
    good = tmp_path / "a.py"
    good.write_bytes(b"\xef\xbb\xbfX = 1\n")
    assert read_script(good) == "X = 1\n"
    bad = tmp_path / "b.py"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(ScriptError, match="not UTF-8"):
        read_script(bad)
    with pytest.raises(ScriptError, match="cannot read"):
        read_script(tmp_path / "missing.py")
    with pytest.raises(ScriptError) as caught:
        parse_source("x = (\n")
    assert caught.value.line == 1


def test_a_file_too_large_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.py"
    with big.open("wb") as handle:
        handle.truncate(MAX_SCRIPT_BYTES + 1)
    with pytest.raises(ScriptError, match="larger than 8 MiB"):
        read_script(big)
    with pytest.raises(ScriptError, match="syntax error"):  # a NUL byte, as Python 3.11 says
        parse_source("x = 1\0\n")
