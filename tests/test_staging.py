from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler import atomic, staging
from assembler.atomic import TEMP
from assembler.codes import fault
from assembler.config import load_config
from assembler.disk import FileProblem
from assembler.layout import Layout, layout
from assembler.pipeline import plan_catalog
from assembler.staging import Stager
from assembler.targets import TARGETS
from assembler.write import apply_plan

OWNER = 4_000_000  # a pid no process has: the names must carry the owner given, not this process's


def _layout(root: Path) -> Layout:
    config, problems = load_config(root, tuple(TARGETS))
    found, more = layout(str(root), config)
    assert found is not None and not problems, [*problems, *more]
    return found


def _rendered(root: Path, trust: bool = True) -> list[tuple[str, bytes]]:
    """The bytes of the catalog's rendered files, as a job hands them to its stager."""
    plan = plan_catalog(root, trust=trust)
    assert plan.ok, plan.diagnostics
    return [(o.rel, o.text.encode()) for o in plan.outputs if o.text is not None]


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.is_dir() else []


def test_a_new_file_waits_beside_its_place_named_for_the_run(catalog: Callable[..., Path]) -> None:
    root = catalog()
    rendered = _rendered(root)
    done = Stager(_layout(root), OWNER).stage(rendered, {})
    assert [rel for rel, _ in done.outputs] == [rel for rel, _ in rendered]
    assert all(text is None for _, text in done.outputs) and done.on_disk == {}
    for rel, data in rendered:
        tmp = Path(done.files[rel])
        assert tmp.parent == (root / rel).parent and not (root / rel).exists()
        found = TEMP.fullmatch(tmp.name)
        assert found is not None and int(found.group(1)) == OWNER
        assert tmp.read_bytes() == data
    assert done.made == [str(root / "_generated")]


def test_only_files_the_build_will_surely_write_are_staged(catalog: Callable[..., Path]) -> None:
    root = catalog()
    (fixer, fixer_data), (reviewer, reviewer_data) = _rendered(root)
    changed = reviewer_data.replace(b"Reviews", b"Checks")
    on_disk: dict[str, bytes | None] = {fixer: fixer_data, reviewer: changed}
    done = Stager(_layout(root), OWNER).stage([(fixer, fixer_data), (reviewer, reviewer_data)], on_disk)
    # fixer: the same bytes stand there; reviewer: a file that is not ours untouched (its stamp no longer
    # matches): both keep their text, and what stands there, for `write` to decide
    texts = [(fixer, fixer_data.decode()), (reviewer, reviewer_data.decode())]
    assert done.files == {} and done.outputs == texts
    assert done.on_disk == on_disk
    assert _hidden(root / "_generated") == []


def test_a_file_of_ours_with_other_bytes_is_staged(catalog: Callable[..., Path]) -> None:
    root = catalog()
    apply_plan(plan_catalog(root))
    (root / "_manifests/fixer.toml").write_text(
        (root / "_manifests/fixer.toml").read_text().replace("Reviews patches", "Fixes patches")
    )
    fixer = "_generated/fixer.md"
    rendered = [(rel, data) for rel, data in _rendered(root, trust=False) if rel == fixer]
    done = Stager(_layout(root), OWNER).stage(rendered, {fixer: (root / fixer).read_bytes()})
    assert list(done.files) == [fixer] and done.made == []


def test_folders_made_for_staging_are_listed_outermost_first(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": 'generated_dir = "out/agents"\n'})
    done = Stager(_layout(root), OWNER).stage(_rendered(root), {})
    assert done.made == [str(root / "out"), str(root / "out/agents")]
    assert len(done.files) == 2


def test_a_full_disk_stops_staging_and_leaves_the_rest_to_write(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    calls: list[str] = []

    def full(folder: str, owner: int | None = None) -> tuple[int, str]:
        calls.append(folder)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_temporary", full)
    stager = Stager(_layout(root), OWNER)
    rendered = _rendered(root)
    done = stager.stage(rendered, {})
    assert stager.stopped and len(calls) == 1  # the second file was not tried
    texts = [(rel, data.decode()) for rel, data in rendered]
    assert done.files == {} and done.outputs == texts and done.made == []


def test_a_refusal_for_one_file_does_not_stop_the_others(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    real = atomic.stage

    def refuse_fixer(path: str, rel: str, data: bytes, owner: int | None = None) -> str:
        if rel.endswith("fixer.md"):
            raise FileProblem(fault.WRITE_FAILED.located(rel, where=rel, reason="refused", suggestion="-"))
        return real(path, rel, data, owner)

    monkeypatch.setattr(staging, "stage", refuse_fixer)
    stager = Stager(_layout(root), OWNER)
    done = stager.stage(_rendered(root), {})
    assert not stager.stopped and list(done.files) == ["_generated/reviewer.md"]
    assert done.outputs[0][1] is not None  # fixer keeps its text: `write` tries it and reports the refusal


def test_a_staged_build_writes_what_an_unstaged_one_writes(catalog: Callable[..., Path]) -> None:
    second = catalog()
    second = second.rename(second.with_name("other"))
    first = catalog()
    plain = apply_plan(plan_catalog(first))
    staged_plan = plan_catalog(second, stage=True)
    assert all(o.staged is not None and o.text is None for o in staged_plan.outputs)
    staged = apply_plan(staged_plan)
    assert staged.written == plain.written
    for rel in plain.written:
        assert (second / rel).read_bytes() == (first / rel).read_bytes()
    assert _hidden(second / "_generated") == []
    again = apply_plan(plan_catalog(second, stage=True))
    assert again.written == [] and len(again.unchanged) == 2


def test_a_plan_with_errors_leaves_no_staged_file_nor_folder(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\n'})  # every other key missing
    plan = plan_catalog(root, stage=True)
    assert not plan.ok and plan.outputs == []
    assert not (root / "_generated").exists()


def test_a_plan_dropped_after_staging_removes_its_files_and_folders(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": 'generated_dir = "out/agents"\n'})
    plan = plan_catalog(root, stage=True)
    assert plan.ok and all(o.staged and Path(o.staged).is_file() for o in plan.outputs)
    plan.drop_staged()
    assert not (root / "out").exists()


def test_a_dropped_plan_keeps_a_folder_someone_else_wrote_into(catalog: Callable[..., Path]) -> None:
    root = catalog()
    plan = plan_catalog(root, stage=True)
    (root / "_generated" / "notes.md").write_text("mine\n")
    plan.drop_staged()
    assert [p.name for p in (root / "_generated").iterdir()] == ["notes.md"]


def test_a_commit_over_a_folder_is_refused_and_the_staged_file_removed(tmp_path: Path) -> None:
    (tmp_path / "out.md").mkdir()
    tmp = atomic.stage(str(tmp_path / "out.md"), "out.md", b"x", OWNER)
    with pytest.raises(FileProblem) as caught:
        atomic.commit(tmp, str(tmp_path / "out.md"), "out.md")
    assert caught.value.diagnostic.code == "F003"
    assert not Path(tmp).exists()


def test_a_folder_made_before_a_refusal_is_still_listed(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog({"assembler.toml": 'generated_dir = "out/agents"\n'})

    def made_then_full(folder: str, owner: int | None = None) -> tuple[int, str]:
        Path(folder).mkdir(parents=True, exist_ok=True)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_temporary", made_then_full)
    done = Stager(_layout(root), OWNER).stage(_rendered(root), {})
    assert done.files == {} and done.made == [str(root / "out"), str(root / "out/agents")]
