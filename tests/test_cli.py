from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assembler import __version__
from assembler.commands import cli
from tests.conftest import manifest, role_file


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "check", "import", "validate"):
        assert f"  {command} " in result.output


def test_build_validate_check_on_a_clean_catalog(catalog: Callable[..., Path]) -> None:
    root = str(catalog())
    assert run("--root", root, "check").exit_code == 3
    built = run("--root", root, "build")
    assert built.exit_code == 0, built.output
    assert "2 written, 0 unchanged." in built.output
    assert run("--root", root, "validate").exit_code == 0
    checked = run("--root", root, "check")
    assert checked.exit_code == 0 and checked.output == ""


def test_errors_exit_1_in_json_exactly(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\nnmae = 1\n'})
    result = run("--root", str(root), "validate", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert list(data) == ["diagnostics"]
    first = next(d for d in data["diagnostics"] if d["code"] == "A002")
    assert list(first) == ["severity", "code", "file", "line", "column", "message", "hint"]
    assert first == {
        "severity": "error",
        "code": "A002",
        "file": "_manifests/fixer.toml",
        "line": 2,
        "column": 1,
        "message": "unknown key `nmae`",
        "hint": "did you mean `name`?",
    }


def test_text_errors_name_file_line_and_hint(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\nnmae = 1\n'})
    result = run("--root", str(root), "build")
    assert result.exit_code == 1
    assert (
        "_manifests/fixer.toml:2:1: A002: unknown key `nmae`\n    hint: did you mean `name`?\n"
        in result.output
    )
    assert result.output.rstrip().endswith("nothing was written.")
    assert not (root / "_generated").exists()


def test_usage_errors_exit_2(
    catalog: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = str(catalog())
    assert run("--root", root, "check", "--no-such-option").exit_code == 2
    assert run("--root", root, "build", "nobody").exit_code == 2
    assert run("--root", root, "check", "--format", "xml").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    result = run("check")
    assert result.exit_code == 2
    assert "no catalog here" in result.output


def test_root_is_found_from_a_subfolder(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    monkeypatch.chdir(root / "_blocks")
    assert run("build").exit_code == 0
    assert (root / "_generated/fixer.md").is_file()


def test_build_only_named_agents(catalog: Callable[..., Path]) -> None:
    root = catalog()
    assert run("--root", str(root), "build", "fixer").exit_code == 0
    assert sorted(p.name for p in (root / "_generated").iterdir()) == ["fixer.md"]


def test_check_says_what_to_run(catalog: Callable[..., Path]) -> None:
    root = catalog()
    result = run("--root", str(root), "check")
    assert result.output.rstrip().endswith(
        "2 generated file(s) out of sync. Run `assembler build` to bring them in line."
    )


def test_build_refusal_shows_the_diff_and_exits_3(catalog: Callable[..., Path]) -> None:
    root = catalog()
    run("--root", str(root), "build")
    path = root / "_generated/fixer.md"
    path.write_text(path.read_text().replace("E1 to E5.", "E1 to E9."))
    result = run("--root", str(root), "build")
    assert result.exit_code == 3
    assert "_generated/fixer.md: left alone, edited by hand; the build would write:" in result.output
    assert "-E1 to E9.\n+E1 to E5.\n" in result.output
    assert "E1 to E9." in path.read_text()


def test_version_without_click() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom assembler.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print('click' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == f"assembler {__version__}\nFalse\n"


def test_console_script_and_module_in_a_real_process(catalog: Callable[..., Path]) -> None:
    root = catalog()
    script = shutil.which("assembler", path=str(Path(sys.executable).parent))
    assert script is not None
    built = subprocess.run([script, "--root", str(root), "build"], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "assembler", "--root", str(root), "check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    broken = root / "_manifests/fixer.toml"
    broken.write_text("name = \n")
    failed = subprocess.run([script, "--root", str(root), "check"], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "_manifests/fixer.toml:1:8: A001: TOML syntax error" in failed.stderr


def test_check_json_lists_drift_as_diagnostics(catalog: Callable[..., Path]) -> None:
    root = catalog()
    run("--root", str(root), "build")
    (root / "_generated/fixer.md").unlink()
    result = run("--root", str(root), "check", "--format", "json")
    assert result.exit_code == 3
    assert json.loads(result.output) == {
        "diagnostics": [
            {
                "severity": "error",
                "code": "D002",
                "file": "_generated/fixer.md",
                "line": 1,
                "column": 1,
                "message": "missing: it was never generated",
                "hint": "run `assembler build` and commit the result",
            }
        ],
        "fix": "assembler build",
    }


def test_check_github_annotates_manifest_errors(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\nnmae = 1\n'})
    result = run("--root", str(root), "check", "--format", "github")
    assert result.exit_code == 1
    assert (
        "::error file=_manifests/fixer.toml,line=2,col=1,title=A002::unknown key `nmae` "
        "(hint: did you mean `name`?)"
    ) in result.output.splitlines()


def test_prune_through_the_cli(catalog: Callable[..., Path]) -> None:
    root = catalog()
    run("--root", str(root), "build")
    (root / "_manifests/fixer.toml").unlink()
    (root / "_manifests/reviewer.toml").write_text(
        (root / "_manifests/reviewer.toml").read_text().replace('target = "fixer"', 'target = "reviewer2"')
    )
    (root / "_manifests/reviewer2.toml").write_text(
        (root / "_manifests/reviewer.toml")
        .read_text()
        .replace('name = "reviewer"', 'name = "reviewer2"')
        .replace('target = "reviewer2"', 'target = "reviewer"')
    )
    assert run("--root", str(root), "check").exit_code == 3
    result = run("--root", str(root), "build", "--prune")
    assert result.exit_code == 0, result.output
    assert "pruned _generated/fixer.md" in result.output
    assert sorted(p.name for p in (root / "_generated").iterdir()) == ["reviewer.md", "reviewer2.md"]
    assert run("--root", str(root), "check").exit_code == 0


class Exited(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


def _no_exit(status: int) -> None:
    raise Exited(status)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (3, 3), ("no catalog here", 1)])
def test_the_console_script_exits_without_teardown(
    code: object, status: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assembler import cli as cli_module

    monkeypatch.setattr(os, "_exit", _no_exit)
    with pytest.raises(Exited) as exited:
        cli_module._exit_now(code)
    assert exited.value.status == status
    assert capsys.readouterr().err == ("no catalog here\n" if isinstance(code, str) else "")


def test_main_as_a_program_ends_through_the_fast_exit(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assembler import cli as cli_module

    root = catalog()
    monkeypatch.setattr(os, "_exit", _no_exit)
    monkeypatch.setattr(sys, "argv", ["assembler", "--root", str(root), "check"])
    threshold = gc.get_threshold()
    try:
        with pytest.raises(Exited) as exited:
            cli_module.main()
        assert gc.get_threshold()[0] == 20_000  # a program run collects garbage less often
    finally:
        gc.set_threshold(*threshold)
    assert exited.value.status == 3  # nothing generated yet: drift
    with pytest.raises(SystemExit) as raised:  # given argv, main behaves like any click program
        cli_module.main(["--root", str(root), "check"])
    assert raised.value.code == 3


def test_a_closed_pipe_does_not_hide_the_exit_status(catalog: Callable[..., Path]) -> None:
    root = catalog()
    script = shutil.which("assembler", path=str(Path(sys.executable).parent))
    assert script is not None
    with subprocess.Popen(
        [script, "--root", str(root), "check", "--diff"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        process.stdout.close()  # like `| head -0`
        _, err = process.communicate()
    assert process.returncode == 1, err  # click's answer to a closed pipe, kept by the fast exit
    assert b"Traceback" not in err
    assert b"D002" in err


# issue 9: messages that tell the truth, options where pre-commit puts them


def test_options_after_the_command(catalog: Callable[..., Path], tmp_path: Path) -> None:
    root = catalog()
    assert run("build", "--root", str(root)).exit_code == 0
    result = run("check", "--root", str(root), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == {"diagnostics": [], "fix": None}
    # the command's own value wins over the group's
    assert run("--root", str(tmp_path), "check", "--root", str(root)).exit_code == 0


def test_check_json_with_diff_is_one_document(catalog: Callable[..., Path]) -> None:
    root = catalog()
    run("--root", str(root), "build")
    fixer = root / "_generated/fixer.md"
    fixer.write_text(fixer.read_text().replace("E1 to E5.", "E1 to E7."))
    result = run("check", "--root", str(root), "--format", "json", "--diff")
    assert result.exit_code == 3
    document = json.loads(result.output)  # the whole output parses: the diffs are inside it
    [drift] = document["diagnostics"]
    assert drift["code"] == "D004" and "-E1 to E7.\n+E1 to E5.\n" in drift["diff"]
    assert document["fix"] == "assembler build --force"


def test_check_text_with_diff_prints_a_patch_on_stdout(catalog: Callable[..., Path]) -> None:
    root = catalog()
    result = CliRunner().invoke(cli, ["check", "--root", str(root), "--diff"])
    assert result.exit_code == 3
    assert result.stdout.startswith("--- a/_generated/fixer.md\n+++ b/_generated/fixer.md\n")
    assert "D002" not in result.stdout and "D002" in result.stderr


@pytest.mark.parametrize(
    ("setup", "fix"),
    [
        ("stale", "assembler build"),
        ("hand-edited", "assembler build --force"),
        ("foreign", "assembler build --force"),
        ("orphaned", "assembler build --prune"),
    ],
)
def test_check_names_the_command_that_fixes_what_it_found(
    catalog: Callable[..., Path], setup: str, fix: str
) -> None:
    root = catalog()
    run("--root", str(root), "build")
    fixer = root / "_generated/fixer.md"
    if setup == "stale":
        (root / "_blocks/baseline.md").write_text("# BASELINE\n\nChanged.\n")
    elif setup == "hand-edited":
        fixer.write_text(fixer.read_text() + "\nmy note\n")
    elif setup == "foreign":
        fixer.write_text("# my own agent, written by hand\n")
    else:
        (root / "_generated/gone.md").write_text(fixer.read_text().replace("fixer", "gone"))
        run("--root", str(root), "build")  # keeps it: it is not gone.toml's any more than fixer's
        stamped = fixer.read_text()
        (root / "_generated/gone.md").write_text(stamped)
        run_result = run("--root", str(root), "check", "--format", "json")
        codes = {d["code"] for d in json.loads(run_result.output)["diagnostics"]}
        assert codes == {"D003"}
    result = run("--root", str(root), "check")
    assert result.exit_code == 3
    assert result.output.rstrip().endswith(f"Run `{fix}` to bring them in line.")
    if setup == "foreign":
        assert "D005" in result.output and "D004" not in result.output
        assert "a file without its stamp stands where fixer's output goes" in result.output
    # the command named does bring them in line
    assert run("--root", str(root), *fix.split()[1:]).exit_code == 0
    assert run("--root", str(root), "check").exit_code == 0


def test_check_named_agents_only(catalog: Callable[..., Path]) -> None:
    root = catalog()
    run("--root", str(root), "build", "fixer")
    assert run("--root", str(root), "check", "fixer").exit_code == 0
    assert run("--root", str(root), "check", "reviewer").exit_code == 3
    assert run("--root", str(root), "check", "nobody").exit_code == 2


def test_build_counts_what_it_was_asked_to_do(catalog: Callable[..., Path]) -> None:
    root = catalog()
    assert "1 written, 0 unchanged." in run("--root", str(root), "build", "fixer").output
    assert "1 written, 1 unchanged." in run("--root", str(root), "build").output
    assert "0 written, 1 unchanged." in run("--root", str(root), "build", "reviewer").output


def test_build_json_is_one_document(catalog: Callable[..., Path]) -> None:
    root = catalog()
    document = json.loads(run("build", "--root", str(root), "--format", "json").output)
    assert document == {
        "diagnostics": [],
        "written": ["_generated/fixer.md", "_generated/reviewer.md"],
        "unchanged": [],
        "refused": [],
        "pruned": [],
        "kept": [],
    }


def test_strict_makes_warnings_fail(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_roles/narrow.toml": role_file("narrow", allowed=["Read"]),
            "_manifests/fixer.toml": 'substrate_role = "narrow"\n' + manifest("fixer", "reviewer"),
        }
    )
    relaxed = run("validate", "--root", str(root))
    assert relaxed.exit_code == 0 and "A032: warning:" in relaxed.output
    strict = run("validate", "--root", str(root), "--strict")
    assert strict.exit_code == 1
    assert strict.output.rstrip().endswith("0 error(s), 1 warning(s); nothing was written.")
    assert run("build", "--root", str(root), "--strict").exit_code == 1
    assert not (root / "_generated").exists()


def test_colour_on_request_never_in_a_pipe_and_not_under_no_color(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\nnmae = 1\n'})
    plain = run("validate", "--root", str(root))
    assert "\x1b[" not in plain.output  # CliRunner's stderr is no terminal
    coloured = run("validate", "--root", str(root), "--color")
    assert "\x1b[31mA002\x1b[0m" in coloured.output
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    from assembler.commands.common import Options, use_color

    assert use_color(Options()) is False
    monkeypatch.delenv("NO_COLOR")
    assert use_color(Options()) is True
    assert use_color(Options(color=False)) is False


def test_an_internal_error_is_one_line_and_exit_5(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assembler import cli as cli_module
    from assembler import pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(pipeline, "plan_catalog", broken)
    monkeypatch.setattr("assembler.commands.common.plan_catalog", broken)
    with pytest.raises(SystemExit) as raised:
        cli_module.main(["--root", str(catalog()), "check"])
    assert raised.value.code == 5
    err = capsys.readouterr().err
    assert err.startswith("assembler: internal error: RuntimeError: something nobody expected\n")
    assert "Traceback" not in err
    monkeypatch.setenv("ASSEMBLER_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli_module.main(["--root", str(catalog()), "check"])


def test_build_named_agents_while_another_manifest_has_errors(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/tester.toml": manifest("tester", "reviewer", model='model = "sonet"')})
    result = run("--root", str(root), "build", "fixer")
    assert result.exit_code == 0, result.output
    assert "left out, with errors: tester (`assembler validate` says why)" in result.output
    assert "A031" not in result.output
    assert sorted(p.name for p in (root / "_generated").iterdir()) == ["fixer.md"]
    whole = run("--root", str(root), "build")
    assert whole.exit_code == 1 and "A031" in whole.output
    assert sorted(p.name for p in (root / "_generated").iterdir()) == ["fixer.md"]


IMPORTED = (
    "---\nname: {name}\ndescription: Reviews: patches\ntools: Read, Grep\ncolor: blue\n---\nYou review.  \n"
)


def test_import_init_then_build(tmp_path: Path) -> None:
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "rev.md").write_text(IMPORTED.format(name="rev"), encoding="utf-8")
    root = tmp_path / "cat"
    root.mkdir()
    dry = run("import", "--init", "--dry-run", "--root", str(root), str(tmp_path / "agents"))
    assert dry.exit_code == 0, dry.output
    assert "would write _manifests/rev.toml" in dry.output and list(root.iterdir()) == []
    done = run("import", "--init", "--root", str(root), str(tmp_path / "agents"))
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[-1] == (
        "1 agent(s): 1 written, 0 unchanged. Run `assembler build` to generate them."
    )
    assert run("--root", str(root), "build").exit_code == 0
    built = (root / "_generated" / "rev.md").read_text(encoding="utf-8")
    assert built.endswith("-->\nYou review.  \n") and "color: blue\n" in built


def test_import_errors_exit_1_and_write_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\nname: Bad Name\ndescription: x\n---\n", encoding="utf-8")
    result = run("import", "--init", "--root", str(tmp_path), "--format", "json", str(tmp_path / "bad.md"))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(d["code"], d["line"]) for d in data["diagnostics"]] == [("A010", 2)]
    assert data["written"] == [] and not (tmp_path / "assembler.toml").exists()


def test_import_is_a_command_of_the_installed_program(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(IMPORTED.format(name="a"), encoding="utf-8")
    program = Path(sys.executable).with_name("assembler")
    done = subprocess.run(
        [str(program), "import", "--init", "a.md"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "_manifests" / "a.toml").is_file()


def test_hostile_text_never_moves_a_stamp(tmp_path: Path) -> None:
    """Every field and hostile body of our catalog: built, then checked clean, then edited and caught."""
    from tests.claude_catalog import write_catalog

    root = str(write_catalog(tmp_path / "cat"))
    built = run("--root", root, "build")
    assert built.exit_code == 0, built.output
    assert run("--root", root, "check").exit_code == 0
    assert run("--root", root, "check", "--full").exit_code == 0
    agent = tmp_path / "cat" / "_generated" / "every-field.md"
    agent.write_text(agent.read_text(encoding="utf-8").replace("You do everything.", "You do it."), "utf-8")
    edited = run("--root", root, "check")
    assert edited.exit_code == 3 and "D004" in edited.output


def test_a_clean_check_loads_no_validator_and_no_renderer(tmp_path: Path) -> None:
    """The hook's path: a catalog whose outputs all carry current stamps (the shipped one: a tool module and
    every target) is checked without importing pydantic, jinja2 or the tool module kind's model."""
    from tests.conftest import REPO

    root = tmp_path / "catalog"
    for name in ("_manifests", "_blocks", "_roles", "_capabilities"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "assembler.toml", root / "assembler.toml")
    assert subprocess.run([sys.executable, "-m", "assembler", "--root", str(root), "build"]).returncode == 0
    checked = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "assembler", "--root", str(root), "check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    loaded = {line.split("|")[-1].strip() for line in checked.stderr.splitlines() if "|" in line}
    heavy = {"pydantic", "pydantic_core", "jinja2", "assembler.toolkinds.modal_spec", "assembler.validate"}
    assert loaded & heavy == set()
    assert "assembler.pipeline" in loaded  # the import log was read
