"""GPU requests read the way Modal reads them (modal/_utils/function_utils.parse_gpu_config), and versions."""

from __future__ import annotations

import pytest

from assembler.toolkinds.modal_runtime.gpus import (
    compat_line,
    find_gpu,
    parse_request,
    parse_version,
    version_at_least,
)
from assembler.toolkinds.modal_runtime.money import ToolError


@pytest.mark.parametrize(
    ("written", "name", "count"),
    [
        ("H100", "H100", 1),
        ("h100", "H100", 1),
        ("H100:8", "H100", 8),
        ("h100:08", "H100", 8),
        ("H100!", "H100", 1),
        ("B200+:2", "B200", 2),
        ("a10", "A10G", 1),
        ("A100", "A100-40GB", 1),
        ("a100-80gb:4", "A100-80GB", 4),
    ],
)
def test_names_match_as_modal_matches_them(written: str, name: str, count: int) -> None:
    [choice] = parse_request(written).choices
    assert (choice.gpu.name, choice.count) == (name, count)


def test_the_modal_client_upper_cases_and_splits_the_same_way() -> None:
    pytest.importorskip("modal", reason="the modal client comes with the dev extra")
    from modal._utils.function_utils import parse_gpu_config

    for written in ("h100:8", "a10", "B200+:2", "any"):
        config = parse_gpu_config(written)
        choices = parse_request(written).choices
        assert all(c.count == config.count for c in choices)
        if config.gpu_type != "ANY":
            assert find_gpu(config.gpu_type) == choices[0].gpu


def test_fallbacks_and_any_are_priced_at_their_dearest() -> None:
    request = parse_request(["A10G", "H100:2", "A100-80GB:2"])
    assert request.dearest.gpu.name == "H100" and request.dearest.count == 2
    assert parse_request("any").dearest.gpu.name == "A100-40GB"  # the test table's any_gpu


@pytest.mark.parametrize("written", ["T4", "H100:0", "H100:9", "A10G:5", "H100:x", "H100:1e3", "", "H100!!"])
def test_unknown_names_and_counts_are_errors(written: str) -> None:
    with pytest.raises(ToolError):
        parse_request(written)
    with pytest.raises(ToolError):
        parse_request([])


@pytest.mark.parametrize(
    ("version", "minimum", "enough"),
    [
        ("2.1.0", "2.1", True),
        ("2.0.1", "2.1", False),
        ("2.10.0", "2.6", True),
        ("2.6.0+cu124", "2.6", True),
        ("2.6.0rc1", "2.6", False),
        ("2.6.0.dev20241112", "2.6", False),
        ("2.6.0.post1", "2.6", True),
        ("v2.5.9", "2.6", False),
    ],
)
def test_versions_compare_as_numbers(version: str, minimum: str, enough: bool) -> None:
    assert version_at_least(version, minimum) is enough


def test_a_version_that_does_not_parse_is_an_error_and_compat_says_why() -> None:
    with pytest.raises(ToolError, match="'latest' is not a version number"):
        parse_version("latest")
    with pytest.raises(ToolError):
        parse_version("9" * 500)
    assert compat_line(find_gpu("B200"), "2.6.0") == (
        False,
        "torch 2.6.0 is too old for B200: it needs torch>=2.7",
    )
