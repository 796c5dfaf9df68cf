from __future__ import annotations

import pytest
import yaml

from assembler.claudecode import yaml12


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("No", "No"),
        ("on", "on"),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("2024-01-02", "2024-01-02"),
        ("1e3", 1000.0),
        ("0o17", 15),
        ("0x1F", 31),
        ("012", 12),
        ("+5", 5),
        (".5", 0.5),
        ("-.inf", float("-inf")),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("12:30", "12:30"),
    ],
)
def test_scalars_are_typed_as_yaml_1_2_says(text: str, value: object) -> None:
    assert yaml12.load(f"a: {text}\n") == {"a": value}


def test_nan() -> None:
    found = yaml12.load("a: .NaN\n")["a"]
    assert found != found


def test_a_key_written_twice_is_refused() -> None:
    with pytest.raises(yaml12.DuplicateKey) as caught:
        yaml12.load("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (caught.value.key, caught.value.line) == ("c", 3)
    assert str(caught.value) == "`c` is written twice"


def test_syntax_errors_are_yaml_errors() -> None:
    with pytest.raises(yaml.YAMLError):
        yaml12.load("a: b: c\n")
