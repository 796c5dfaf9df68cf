"""The generated modal-runner module: rendered from the test table, imported, and run as a program.

The end-to-end tests put a fake `modal` executable first on PATH; it records each call's arguments, one JSON
list per line, so the tests see exactly which Modal commands the module ran.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from assembler.templating import get_env
from assembler.toolkinds.modal import EXIT_CODES, MODAL
from assembler.toolkinds.modal_spec import LINT_RULES, PROGRAM_CHECKS, parse_spec
from tests.conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures" / "modal"
GOOD = FIXTURES / "good_train.py.txt"
BAD = FIXTURES / "bad_train.py.txt"
EXIT = {name: code for code, name, _ in EXIT_CODES}


def render_module(folder: Path) -> Path:
    data = tomllib.loads((FIXTURES / "tool_module.toml").read_text(encoding="utf-8"))["tool_module"]
    spec, problems = parse_spec(data)
    assert spec is not None, problems
    path = folder / "modal_runner.py"
    path.write_text(MODAL.render_module(spec, header="# Generated for the tests.\n", env=get_env()), "utf-8")
    return path


@pytest.fixture(scope="module")
def module_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_module(tmp_path_factory.mktemp("module"))


@pytest.fixture(scope="module")
def mr(module_path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("modal_runner_under_test", module_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the real home folder."""
    monkeypatch.setenv("MODAL_RUNNER_LEDGER", str(tmp_path / "ledger.json"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MODAL_RUNNER_SESSION", raising=False)


# Estimates, tiers and the daily cap.


def test_the_estimate_line_shows_the_arithmetic(mr: ModuleType) -> None:
    est = mr.estimate("H100", 2, 3.0)
    assert est.line() == "Estimate: $27.00 (= 2 × 3 h × $4.50/hr/gpu)"
    assert est.tier == "STOP"
    assert mr.estimate("a10g", 1, 1.5).line() == "Estimate: $1.65 (= 1 × 1.5 h × $1.10/hr/gpu)"


@pytest.mark.parametrize(
    ("hours", "tier"),
    [(0.62, "AUTO"), (0.625, "WARN"), (1.0, "WARN"), (2.5, "WARN"), (2.5 + 1 / 800, "STOP")],
)
def test_tier_boundaries_are_exact_at_5_and_20_dollars(mr: ModuleType, hours: float, tier: str) -> None:
    est = mr.estimate("B200", 1, hours)  # $8/hr: 0.625 h is $5.00, 2.5 h is $20.00
    assert est.tier == tier, est.line()


def test_tier_for_in_cents(mr: ModuleType) -> None:
    assert [mr.tier_for(c) for c in (0, 499, 500, 2000, 2001)] == ["AUTO", "AUTO", "WARN", "WARN", "STOP"]


def test_a_run_that_would_pass_the_daily_cap_is_stop(mr: ModuleType) -> None:
    assert mr.estimate("B200", 1, 0.625, spent_today_usd=15.0).tier == "WARN"  # exactly $20.00 today
    past = mr.estimate("B200", 1, 0.625, spent_today_usd=15.01)
    assert past.tier == "STOP"
    assert "past the $20.00 daily cap" in past.reason()
    assert past.cap_line().endswith("after this run $20.01, over the cap by $0.01")
    assert mr.estimate("A10G", 1, 1.0, spent_today_usd=19.0).tier == "STOP"  # an AUTO-sized run
    assert mr.estimate("A10G", 1, 1.0, spent_today_usd=5.0).cap_line().endswith("headroom $13.90")


@pytest.mark.parametrize(
    ("gpu", "gpus", "hours", "spent"), [("T4", 1, 1.0, 0.0), ("H100", 0, 1.0, 0.0), ("H100", 1, 0.0, 0.0)]
)
def test_bad_estimate_inputs_are_tool_errors(
    mr: ModuleType, gpu: str, gpus: int, hours: float, spent: float
) -> None:
    with pytest.raises(mr.ToolError):
        mr.estimate(gpu, gpus, hours, spent)


# Versions are compared as numbers.


@pytest.mark.parametrize(
    ("version", "minimum", "enough"),
    [
        ("2.1.0", "2.1", True),
        ("2.1", "2.1", True),
        ("2.0.1", "2.1", False),
        ("2.10.0", "2.6", True),  # a string comparison says "2.10.0" < "2.6"
        ("2.9", "2.10", False),
        ("3", "2.6", True),
        ("2.6.0+cu124", "2.6", True),
        ("2.6.0.post1", "2.6", True),
        ("2.6.0rc1", "2.6", False),
        ("2.6.0.dev20241112", "2.6", False),
        ("2.6.1.dev0", "2.6", True),
        ("v2.5.9", "2.6", False),
    ],
)
def test_version_at_least(mr: ModuleType, version: str, minimum: str, enough: bool) -> None:
    assert mr.version_at_least(version, minimum) is enough


def test_a_version_that_does_not_parse_is_an_error(mr: ModuleType) -> None:
    with pytest.raises(mr.ToolError, match="'latest' is not a version number"):
        mr.parse_version("latest")


# Lint: the syntax tree, not the text.


def test_the_good_script_has_no_findings(mr: ModuleType) -> None:
    source = GOOD.read_text(encoding="utf-8")
    assert ".map(" in source and "print(" in source  # only in a comment and a string
    assert mr.lint_source(source) == []


def test_the_bad_script_has_a_finding_per_broken_invariant(mr: ModuleType) -> None:
    findings = mr.lint_source(BAD.read_text(encoding="utf-8"))
    assert [(f.line, f.rule) for f in findings] == [
        (11, "retries"),
        (12, "checkpoint"),
        (13, "flush-print"),
        (17, "vol-commit"),
        (18, "state-dict"),
        (21, "retries"),
        (23, "flush-print"),
        (28, "spawn-not-map"),
    ]
    retries = "retries allow 3 billed retries of a failure: use `modal.Retries(max_retries=1)`"
    assert findings[0].message == retries
    assert findings[5].message == "no `retries=`: add `retries=modal.Retries(max_retries=1)`"


@pytest.mark.parametrize(
    ("source", "rules"),
    [
        ("x = results.map(f)\n", ["spawn-not-map"]),
        ("x = list(map(f, items))\n", []),
        ("print('a', flush=True)\nprint(*xs, **kw)\n", []),
        ("print('a', flush=False)\n", ["flush-print"]),
        ("@app.function(retries=1)\ndef f(): pass\n", []),
        ("@app.function(retries=modal.Retries(max_retries=1, backoff_coefficient=2.0))\ndef f(): pass\n", []),
        ("@app.function(retries=modal.Retries(max_retries=5))\ndef f(): pass\n", ["retries"]),
        ("@app.cls(gpu='H100')\nclass T: pass\n", ["retries"]),
        ("@app.function\ndef f(): pass\n", ["retries"]),
        ("open('log.txt').read()\nopen(p, mode='rb')\n", []),
        ("open(p, 'a').write('x')\n", ["vol-commit"]),
        ("p.write_text('x')\nvol.commit()\n", []),
        ("def save():\n    torch.save(m, p)\n\ndef train():\n    save()\n    vol.commit()\n", []),
        ("def save():\n    torch.save(m, p)\n\ndef train():\n    vol.commit()\n    save()\n", ["vol-commit"]),
        ("def commit():\n    vol.commit()\n\ndef train():\n    torch.save(m, p)\n    commit()\n", []),
    ],
)
def test_lint_rules_on_small_sources(mr: ModuleType, source: str, rules: list[str]) -> None:
    chosen = ["spawn-not-map", "flush-print", "retries", "vol-commit"]
    assert [f.rule for f in mr.lint_source(source, chosen)] == rules


def test_checkpoint_and_state_dict_rules(mr: ModuleType) -> None:
    json_only = "@app.function(gpu='A10G')\ndef train():\n    json.dump(metrics, f)\n"
    assert [(f.line, f.rule) for f in mr.lint_source(json_only, ["checkpoint", "state-dict"])] == [
        (2, "checkpoint"),
        (3, "state-dict"),
    ]
    saved = "def train():\n    torch.save(model.state_dict(), p)\n    json.dump(metrics, f)\n"
    assert mr.lint_source(saved, ["checkpoint", "state-dict"]) == []


def test_a_script_that_does_not_parse_is_one_error(mr: ModuleType) -> None:
    with pytest.raises(mr.ToolError, match=r"cannot parse train.py: line 1: "):
        mr.lint_source("def (:\n", filename="train.py")


def test_app_name_and_torch_pin_come_from_the_script(mr: ModuleType) -> None:
    source = GOOD.read_text(encoding="utf-8")
    assert (mr.app_name(source), mr.torch_pin(source)) == ("train-good", "2.6.0")
    assert mr.app_name("app = modal.App(name='x')\n") == "x"
    assert mr.torch_pin("image = img.run_commands('pip install torch>=2.1 numpy')\n") == "2.1"
    assert (mr.app_name("x = 1\n"), mr.torch_pin("x = 'torch'\n")) == (None, None)


def test_the_module_implements_every_check_the_spec_accepts(mr: ModuleType) -> None:
    assert set(mr.LINT_RULES) == set(LINT_RULES)
    assert set(mr.PROGRAM_CHECKS) == set(PROGRAM_CHECKS)


# The spend ledger.


def test_the_ledger_round_trips_and_leaves_no_temporary_file(mr: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "deep" / "ledger.json"
    assert mr.load_ledger(path) == []
    entry = mr.Spend("2026-11-25T10:00:00+00:00", "s1", 6.6, "A10G", 2, 3.0, "train.py", "launched")
    mr.save_ledger(path, [entry])
    mr.save_ledger(path, [entry, entry])
    assert mr.load_ledger(path) == [entry, entry]
    assert [p.name for p in path.parent.iterdir()] == ["ledger.json"]
    assert mr.spent_in([entry, entry], "s1") == 1320


@pytest.mark.parametrize(
    "text", ["{not json", "[]", '{"entries": [{"usd": 1}]}', '{"entries": [{"time": "soon"}]}']
)
def test_a_corrupt_ledger_is_reported_and_kept(mr: ModuleType, tmp_path: Path, text: str) -> None:
    path = tmp_path / "ledger.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(mr.ToolError, match="is corrupt"):
        mr.load_ledger(path)
    assert path.read_text(encoding="utf-8") == text


def test_the_ledger_location(mr: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert mr.ledger_path("x.json") == Path("x.json")
    assert mr.ledger_path() == tmp_path / "ledger.json"
    monkeypatch.delenv("MODAL_RUNNER_LEDGER")
    assert mr.ledger_path() == tmp_path / "home" / ".modal_runner" / "spend-ledger.json"


# The command line, in process.


def test_estimate_exit_status_tells_the_tier(mr: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["estimate", "--gpu", "H100", "--gpus", "1", "--spent-today", "0", "--hours"]
    assert [mr.main([*base, h]) for h in ("1", "2", "5")] == [EXIT["OK"], EXIT["WARN"], EXIT["STOP"]]
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "Estimate: $4.50 (= 1 × 1 h × $4.50/hr/gpu)",
        "Tier: AUTO: under $5.00 per run: launch",
        "Daily cap: $20.00; spent today $0.00; after this run $4.50, headroom $15.50",
    ]
    assert "Prices verified 2026-04-23: confirm the H100 rate on https://modal.com/pricing" in out


def test_the_exit_codes_are_distinct_and_documented(
    mr: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len({code for code, _, _ in EXIT_CODES}) == len(EXIT_CODES)
    assert mr.main(["--help"]) == 0
    text = capsys.readouterr().out
    for code, name, meaning in EXIT_CODES:
        assert f"  {code}  {name:<8}{meaning}" in text
        assert f"  {code}  {name:<8}{meaning}" in (mr.__doc__ or "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["estimate", "--gpu", "T4", "--gpus", "1", "--hours", "1"], "unknown GPU 'T4'"),
        (["estimate", "--gpu", "H100", "--gpus", "two", "--hours", "1"], "not a whole number"),
        (["estimate", "--gpu", "H100", "--gpus", "1", "--hours", "nan"], "not a positive number: 'nan'"),
        (["compat", "--gpu", "H100", "--torch", "latest"], "'latest' is not a version number"),
        (["launch"], "the following arguments are required"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    mr: ModuleType, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert mr.main(argv) == EXIT["USAGE"]
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and message in err


def test_compat(mr: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert mr.main(["compat", "--gpu", "B200", "--torch", "2.10.0"]) == EXIT["OK"]
    assert mr.main(["compat", "--gpu", "B200", "--torch", "2.5.1"]) == EXIT["FAILED"]
    assert capsys.readouterr().out.splitlines()[-1] == "torch 2.5.1 is too old for B200: it needs torch>=2.6"


def test_gpus_checklist_and_lint_commands(mr: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert mr.main(["gpus"]) == EXIT["OK"]
    assert mr.main(["checklist"]) == EXIT["OK"]
    assert mr.main(["lint", str(GOOD)]) == EXIT["OK"]
    assert mr.main(["lint", str(BAD)]) == EXIT["FAILED"]
    out = capsys.readouterr().out
    assert "H100  2.1        $4.50" in out
    assert "Before quoting any estimate of $5.00 or more, verify the rate on https://modal.com/pricing" in out
    assert "1. app-list: Run `modal app list`" in out
    assert f"{BAD}:28: spawn-not-map: " in out
    assert "    invariant: Batches launched with `.spawn()`, never `.map()`" in out


def test_tools_are_json_schema_definitions(mr: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert mr.main(["tools", "--json"]) == EXIT["OK"]
    tools = {t["name"]: t for t in json.loads(capsys.readouterr().out)}
    assert sorted(tools) == sorted(
        f"modal_runner_{c}"
        for c in ("estimate", "gpus", "compat", "lint", "checklist", "preflight", "launch", "stop", "spend")
    )
    schema = tools["modal_runner_estimate"]["input_schema"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["required"] == ["gpu", "gpus", "hours"]
    assert schema["properties"]["gpu"]["enum"] == ["A10G", "H100", "B200"]
    assert schema["properties"]["gpus"]["type"] == "integer"
    assert tools["modal_runner_stop"]["input_schema"]["required"] == ["app_id"]
    assert "yes, stop it" not in json.dumps(tools)  # the agent must get the phrase from the user


def test_a_tool_call_becomes_a_command_line(mr: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    argv = mr.tool_argv("modal_runner_estimate", {"gpu": "H100", "gpus": 2, "hours": 3, "spent_today": 0})
    assert argv == ["estimate", "--gpu", "H100", "--gpus", "2", "--hours", "3", "--spent-today", "0"]
    assert mr.main(argv) == EXIT["STOP"]
    assert mr.tool_argv("modal_runner_stop", {"app_id": "ap-1", "confirm": "no"}) == [
        "stop",
        "ap-1",
        "--confirm",
        "no",
    ]
    assert mr.tool_argv("modal_runner_launch", {"approve_cost": True})[-1] == "--approve-cost"
    with pytest.raises(mr.ToolError, match="unknown argument"):
        mr.tool_argv("modal_runner_gpus", {"gpu": "H100"})


# The rendered module is clean under ruff and mypy --strict.


def test_ruff_check_and_format_accept_the_module(module_path: Path) -> None:
    ruff = REPO / ".venv" / "bin" / "ruff"
    config = str(REPO / "pyproject.toml")
    for command in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [str(ruff), *command, "--config", config, "--no-cache", str(module_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_accepts_the_module(module_path: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--config-file",
            os.devnull,
            str(module_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# End to end: the module as a subprocess, with a fake `modal` first on PATH.

FAKE_MODAL = """\
#!{python}
import json, os, sys
with open(os.environ["FAKE_MODAL_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["app", "list"]:
    print(os.environ.get("FAKE_MODAL_APPS", "[]"))
elif sys.argv[1:2] == ["run"]:
    print("✓ App deployed in detached mode: ap-fake123")
elif sys.argv[1:3] == ["app", "stop"]:
    print("stopped", sys.argv[3])
fail = os.environ.get("FAKE_MODAL_FAIL")
if fail and " ".join(sys.argv[1:]).startswith(fail):
    print("Error: the fake modal was told to fail", file=sys.stderr)
    sys.exit(3)
"""


class Runner:
    def __init__(self, module: Path, root: Path) -> None:
        self.module = module
        self.root = root
        self.bin = root / "bin"
        self.bin.mkdir()
        fake = self.bin / "modal"
        fake.write_text(FAKE_MODAL.format(python=sys.executable), encoding="utf-8")
        fake.chmod(0o755)
        self.log = root / "modal-calls.jsonl"
        self.ledger = root / "ledger.json"
        self.script = root / "train.py"
        self.script.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
        self.config = root / "config.yaml"
        self.config.write_text("steps: 1000\n", encoding="utf-8")
        self.env = {
            **os.environ,
            "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
            "FAKE_MODAL_LOG": str(self.log),
            "MODAL_RUNNER_LEDGER": str(self.ledger),
            "MODAL_RUNNER_SESSION": "test-session",
        }

    def __call__(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(self.module), *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
            env={**self.env, **env},
        )

    def launch_args(self, gpu: str = "A10G", gpus: str = "1", hours: str = "2") -> list[str]:
        return [
            "--script",
            str(self.script),
            "--config",
            str(self.config),
            "--gpu",
            gpu,
            "--gpus",
            gpus,
            "--hours",
            hours,
        ]

    def calls(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def run(module_path: Path, tmp_path: Path) -> Runner:
    root = tmp_path / "e2e"
    root.mkdir()
    return Runner(module_path, root)


def test_preflight_of_a_good_script(run: Runner) -> None:
    done = run("preflight", *run.launch_args())
    assert done.returncode == EXIT["OK"], done.stdout + done.stderr
    assert run.calls() == [["app", "list", "--json"]]
    out = done.stdout
    assert "[x] app-list: " in out and "0 live apps, none named 'train-good'" in out
    assert "[x] GPU-compat: " in out and "torch 2.6.0 is enough for A10G (needs torch>=2.0)" in out
    assert f"{run.config}: 12 bytes, sha256 " in out
    assert "[ ] smoke-test: " in out and "(not checked by this program)" in out
    card = out.split("=== REPORT CARD ===\n")[1].split("=== END REPORT CARD ===")[0].splitlines()
    assert card == [
        "Cost estimate: $2.20 (= 1 × 2 h × $1.10/hr/gpu), prices verified 2026-04-23",
        "Cost tier: AUTO",
        "Session spend so far: $0.00 / $20.00 daily cap → headroom $20.00",
        "GPU: A10G | torch version: 2.6.0",
        "Pre-launch checklist: [x] app-list [x] GPU-compat [x] file-verify [x] cost [x] vol+ckpt "
        "[x] observability [x] retries [x] spawn-not-map [ ] smoke-test [ ] state-cost",
        "anti-stop guard: no stop issued",
    ]
    assert out.splitlines()[-1] == "Preflight: READY (cost tier AUTO)"


def test_preflight_blocks_a_bad_script_a_collision_and_an_old_torch(run: Runner) -> None:
    run.script.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    apps = json.dumps([{"App ID": "ap-1", "Description": "train-bad", "State": "running (detached)"}])
    done = run("preflight", *run.launch_args(), "--torch", "1.13.1", FAKE_MODAL_APPS=apps)
    assert done.returncode == EXIT["FAILED"]
    assert "app 'train-bad' is already live as ap-1: a launch would duplicate it" in done.stdout
    assert "torch 1.13.1 is too old for A10G: it needs torch>=2.0" in done.stdout
    assert done.stdout.splitlines()[-1] == (
        "Preflight: BLOCKED by app-list, GPU-compat, vol+ckpt, observability, retries, spawn-not-map: "
        "fix these before launching"
    )


def test_a_stopped_app_of_the_same_name_is_no_collision(run: Runner) -> None:
    apps = json.dumps([{"App ID": "ap-0", "Description": "train-good", "State": "stopped"}])
    assert run("preflight", *run.launch_args(), FAKE_MODAL_APPS=apps).returncode == EXIT["OK"]


def test_launch_runs_modal_and_records_the_estimate(run: Runner) -> None:
    done = run("launch", *run.launch_args())
    assert done.returncode == EXIT["OK"], done.stdout + done.stderr
    assert run.calls() == [
        ["app", "list", "--json"],
        ["run", "--detach", f"{run.script}::main", "--config", str(run.config)],
    ]
    assert f"Ran: modal run --detach {run.script}::main --config {run.config}" in done.stdout
    [entry] = json.loads(run.ledger.read_text(encoding="utf-8"))["entries"]
    assert entry["usd"] == 2.2 and entry["gpu"] == "A10G"
    assert (entry["session"], entry["status"]) == ("test-session", "launched")
    spend = run("spend")
    assert spend.returncode == EXIT["OK"]
    assert "Session test-session: $2.20 in 1 launches" in spend.stdout
    assert "$2.20 of the $20.00 daily cap; headroom $17.80" in spend.stdout


def test_the_ledger_feeds_the_daily_cap(run: Runner) -> None:
    for _ in range(2):
        assert run("launch", *run.launch_args(gpu="B200", hours="1")).returncode == EXIT["OK"]  # $8 each
    done = run("estimate", "--gpu", "B200", "--gpus", "1", "--hours", "1")
    assert done.returncode == EXIT["STOP"]
    assert "today's spend would reach $24.00, past the $20.00 daily cap" in done.stdout


def test_a_stop_tier_launch_is_refused_without_approval(run: Runner) -> None:
    done = run("launch", *run.launch_args(gpu="H100", gpus="2", hours="3"))
    assert done.returncode == EXIT["STOP"]
    assert run.calls() == [["app", "list", "--json"]]  # no `modal run`
    assert "Launch refused: Estimate: $27.00 (= 2 × 3 h × $4.50/hr/gpu) is STOP" in done.stderr
    assert not run.ledger.exists()
    approved = run("launch", *run.launch_args(gpu="H100", gpus="2", hours="3"), "--approve-cost")
    assert approved.returncode == EXIT["OK"]
    assert run.calls()[-1][0] == "run"


def test_a_blocked_launch_never_runs_modal(run: Runner) -> None:
    run.script.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    done = run("launch", *run.launch_args(), "--approve-cost")
    assert done.returncode == EXIT["FAILED"]
    assert run.calls() == [["app", "list", "--json"]]
    assert "Launch refused: BLOCKED by " in done.stderr


@pytest.mark.parametrize(
    "confirm",
    [
        [],
        ["--confirm", "yes stop it"],
        ["--confirm", "Yes, stop it"],
        ["--confirm", "yes, stop it "],
        ["--confirm", ""],
    ],
)
def test_stop_without_the_literal_phrase_is_refused(run: Runner, confirm: list[str]) -> None:
    done = run("stop", "ap-123", *confirm)
    assert done.returncode == EXIT["REFUSED"]
    assert run.calls() == []
    assert "Stop refused: stopping ap-123 needs the user's literal confirmation 'yes, stop it'" in done.stderr
    assert "The anti-stop guard has no exceptions" in done.stderr


def test_stop_with_the_literal_phrase_runs_modal_app_stop(run: Runner) -> None:
    done = run("stop", "ap-123", "--confirm", "yes, stop it")
    assert done.returncode == EXIT["OK"], done.stderr
    assert run.calls() == [["app", "stop", "ap-123"]]
    assert "Stopped ap-123 at " in done.stdout


def _one_line_error(done: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert done.returncode == code
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("modal_runner: error: ") and text in done.stderr


def test_a_missing_modal_cli_is_one_line(run: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run("preflight", *run.launch_args(), PATH=str(empty))
    _one_line_error(done, EXIT["ERROR"], "the modal CLI is not on PATH")
    stop = run("stop", "ap-1", "--confirm", "yes, stop it", PATH=str(empty))
    _one_line_error(stop, EXIT["ERROR"], "the modal CLI is not on PATH")


def test_a_failing_modal_command_is_one_line(run: Runner) -> None:
    done = run("preflight", *run.launch_args(), FAKE_MODAL_FAIL="app list")
    _one_line_error(done, EXIT["ERROR"], "`modal app list --json` failed with exit status 3: Error: the fake")


def test_a_failed_launch_keeps_its_estimate_in_the_ledger(run: Runner) -> None:
    done = run("launch", *run.launch_args(), FAKE_MODAL_FAIL="run")
    assert done.returncode == EXIT["ERROR"] and "Traceback" not in done.stderr
    # `modal run` streams its own output; the module adds one line of its own
    assert done.stderr.splitlines() == [
        "Error: the fake modal was told to fail",
        f"modal_runner: error: `modal run --detach {run.script}::main --config {run.config}` failed with "
        "exit status 3",
    ]
    assert "its estimate stays in" in done.stdout
    [entry] = json.loads(run.ledger.read_text(encoding="utf-8"))["entries"]
    assert entry["status"] == "failed"


def test_a_corrupt_ledger_is_reported_never_reset(run: Runner) -> None:
    run.ledger.write_text("{oops", encoding="utf-8")
    _one_line_error(run("spend"), EXIT["ERROR"], f"the spend ledger {run.ledger} is corrupt")
    _one_line_error(run("launch", *run.launch_args()), EXIT["ERROR"], "is corrupt")
    assert run.ledger.read_text(encoding="utf-8") == "{oops"
    assert ["run"] not in [c[:1] for c in run.calls()]


def test_a_bad_number_is_one_line_in_a_subprocess(run: Runner) -> None:
    done = run("estimate", "--gpu", "H100", "--gpus", "1", "--hours", "three")
    assert done.returncode == EXIT["USAGE"]
    assert done.stderr == "modal_runner estimate: error: argument --hours: not a positive number: 'three'\n"


def test_importing_the_module_runs_nothing(run: Runner) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import modal_runner"],
        capture_output=True,
        text=True,
        check=False,
        cwd=run.module.parent,
        env=run.env,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert run.calls() == []
