"""One value set in many manifests: selection, validation of the result, all or nothing, atomic writes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler import bulk_edit
from assembler.assignment import parse_assignment
from assembler.bulk_edit import Change, UnknownNames, plan_set, write_set
from tests.conftest import manifest


def trio(catalog: Callable[..., Path]) -> Path:
    """reviewer (sonnet), fixer (opus) and helper (opus, a comment on its model line)."""
    return catalog(
        {
            "_manifests/fixer.toml": manifest("fixer", "reviewer", model='model = "opus"'),
            "_manifests/helper.toml": manifest("helper", "fixer", model='model = "opus"  # for now'),
        }
    )


def texts(root: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((root / "_manifests").iterdir())}


def test_where_selects_and_only_model_lines_change(catalog: Callable[..., Path]) -> None:
    root = trio(catalog)
    before = texts(root)
    plan = plan_set(root, parse_assignment("model=sonnet"), where=[parse_assignment("model=opus")])
    assert plan.ok and plan.selected == ["fixer", "helper"]
    assert [c.rel for c in plan.changes] == ["_manifests/fixer.toml", "_manifests/helper.toml"]
    assert plan.changes[1].diff() == (
        "--- a/_manifests/helper.toml\n"
        "+++ b/_manifests/helper.toml\n"
        "@@ -1,7 +1,7 @@\n"
        ' name = "helper"\n'
        ' description = "Reviews patches: reads the diff, runs the tests and reports."\n'
        ' tools = ["Read", "Grep"]\n'
        '-model = "opus"  # for now\n'
        '+model = "sonnet"  # for now\n'
        ' role = """\n'
        " You review patches.\n"
        ' """\n'
    )
    assert texts(root) == before  # planning writes nothing
    written, faults = write_set(plan)
    assert (written, faults) == (["_manifests/fixer.toml", "_manifests/helper.toml"], [])
    after = texts(root)
    assert after["helper.toml"] == before["helper.toml"].replace('"opus"  # for now', '"sonnet"  # for now')
    assert after["reviewer.toml"] == before["reviewer.toml"]
    assert not [p for p in (root / "_manifests").iterdir() if p.name.startswith(".")]  # no temporary files


def test_names_restrict_and_values_already_there_are_left(catalog: Callable[..., Path]) -> None:
    root = trio(catalog)
    plan = plan_set(root, parse_assignment("model=opus"), names=["reviewer", "fixer"])
    assert plan.selected == ["reviewer", "fixer"] and [c.stem for c in plan.changes] == ["reviewer"]
    with pytest.raises(UnknownNames) as raised:
        plan_set(root, parse_assignment("model=opus"), names=["fixer", "nobody", "ghost"])
    assert raised.value.names == ["nobody", "ghost"]


def test_an_edit_that_makes_a_manifest_invalid_writes_nothing(catalog: Callable[..., Path]) -> None:
    root = trio(catalog)
    before = texts(root)
    plan = plan_set(root, parse_assignment("taxonomy.stability=deprecated"), names=["fixer"])
    assert not plan.ok
    assert [(d.code, d.file, d.line) for d in plan.diagnostics] == [("A065", "_manifests/fixer.toml", 23)]
    assert write_set(plan) == ([], [])
    assert texts(root) == before


def test_checks_across_the_catalog_see_the_edit(catalog: Callable[..., Path]) -> None:
    root = trio(catalog)
    plan = plan_set(root, parse_assignment("name=renamed"), names=["fixer"])
    assert sorted(d.code for d in plan.diagnostics) == ["A011"]
    targets = plan_set(root, parse_assignment("lineage.parents=['[[nowhere]]']"), names=["helper"])
    assert [(d.code, d.file, d.line) for d in targets.diagnostics] == [("A063", "_manifests/helper.toml", 29)]


def test_an_unrelated_invalid_manifest_is_set_aside(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/broken.toml": manifest("broken", "fixer", model='model = "sonet"')})
    plan = plan_set(root, parse_assignment("max_turns=5"), names=["fixer", "reviewer"])
    assert plan.ok and len(plan.changes) == 2
    everywhere = plan_set(root, parse_assignment("max_turns=5"))
    assert [d.code for d in everywhere.diagnostics] == ["A031"]  # an edited manifest is invalid


def test_a_manifest_that_does_not_parse_stops_an_edit_of_all_but_not_of_others(
    catalog: Callable[..., Path],
) -> None:
    root = catalog({"_manifests/broken.toml": "name = [\n"})
    everywhere = plan_set(root, parse_assignment("max_turns=5"))
    assert [d.code for d in everywhere.diagnostics] == ["A001"] and not everywhere.ok
    named = plan_set(root, parse_assignment("max_turns=5"), names=["fixer"])
    assert named.ok and [c.stem for c in named.changes] == ["fixer"]
    broken = plan_set(root, parse_assignment("max_turns=5"), names=["broken"])
    assert [d.code for d in broken.diagnostics] == ["A001"]


def test_what_cannot_be_set_is_reported_at_its_line_in_every_manifest(catalog: Callable[..., Path]) -> None:
    plan = plan_set(catalog(), parse_assignment("handoff.target=x"))
    assert [(d.code, d.file, d.line) for d in plan.diagnostics] == [
        ("A150", "_manifests/fixer.toml", 13),
        ("A150", "_manifests/reviewer.toml", 13),
    ]
    assert plan.changes == []


def test_an_invalid_configuration_stops_the_edit(catalog: Callable[..., Path]) -> None:
    plan = plan_set(catalog({"assembler.toml": "manifests_dir = 3\n"}), parse_assignment("model=opus"))
    assert [d.code for d in plan.diagnostics] == ["A090"] and plan.changes == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_refused_write_is_a_fault_and_the_other_files_are_whole(catalog: Callable[..., Path]) -> None:
    root = catalog()
    plan = plan_set(root, parse_assignment("model=opus"))
    (root / "_manifests").chmod(0o555)
    try:
        written, faults = write_set(plan)
    finally:
        (root / "_manifests").chmod(0o755)
    assert written == [] and [d.code for d in faults] == ["F002", "F002"]


def test_a_refused_write_as_any_user(catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from assembler import atomic

    root = catalog()
    plan = plan_set(root, parse_assignment("model=opus"))
    real = atomic._temporary

    def full_once(folder: str, owner: int | None = None) -> tuple[int, str]:
        monkeypatch.setattr(atomic, "_temporary", real)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic, "_temporary", full_once)
    written, faults = write_set(plan)
    assert written == ["_manifests/reviewer.toml"]
    assert [(d.code, d.file) for d in faults] == [("F002", "_manifests/fixer.toml")]
    assert "Input/output error" in faults[0].message


def test_a_full_disk_stops_at_the_first_refusal(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from assembler import atomic

    plan = plan_set(catalog(), parse_assignment("model=opus"))

    def full(folder: str, owner: int | None = None) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_temporary", full)
    written, faults = write_set(plan)
    assert written == [] and len(faults) == 1


def test_a_diff_says_when_the_last_line_has_no_newline() -> None:
    change = Change("x", "_manifests/x.toml", 'a = 1\nb = "x"', 'a = 1\nb = "y"')
    assert change.diff().endswith(
        '-b = "x"\n\\ No newline at end of file\n+b = "y"\n\\ No newline at end of file\n'
    )


def test_many_manifests_are_edited_on_every_core(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assembler import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    root = trio(catalog)
    spread = plan_set(root, parse_assignment("model=haiku"))
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 400)
    alone = plan_set(root, parse_assignment("model=haiku"))
    assert spread.changes == alone.changes and len(alone.changes) == 3
    assert bulk_edit._work is None


def test_a_byte_order_mark_and_a_link_inside_the_folder_are_kept(catalog: Callable[..., Path]) -> None:
    root = catalog()
    fixer = root / "_manifests/fixer.toml"
    fixer.write_bytes(b"\xef\xbb\xbf" + fixer.read_bytes())
    (root / "_manifests/shared").mkdir()
    reviewer = root / "_manifests/reviewer.toml"
    reviewer.rename(root / "_manifests/shared/reviewer.toml")
    reviewer.symlink_to("shared/reviewer.toml")
    plan = plan_set(root, parse_assignment("model=opus"))
    assert write_set(plan) == (["_manifests/fixer.toml", "_manifests/reviewer.toml"], [])
    assert fixer.read_bytes().startswith(b'\xef\xbb\xbfname = "fixer"\n')
    assert (
        reviewer.is_symlink() and 'model = "opus"' in (root / "_manifests/shared/reviewer.toml").read_text()
    )


def test_a_file_changed_since_the_plan_is_left_alone(catalog: Callable[..., Path]) -> None:
    root = catalog()
    plan = plan_set(root, parse_assignment("model=opus"))
    fixer = root / "_manifests/fixer.toml"
    fixer.write_text(fixer.read_text() + "# a person's edit\n")
    (root / "_manifests/reviewer.toml").unlink()
    written, problems = write_set(plan)
    assert written == []
    assert [(d.code, d.file) for d in problems] == [
        ("A151", "_manifests/fixer.toml"),
        ("A151", "_manifests/reviewer.toml"),
    ]
    assert problems[0].message == "cannot edit this manifest: it changed (or went) while `assembler set` ran"
    assert fixer.read_text().endswith("# a person's edit\n")
