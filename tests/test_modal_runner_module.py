"""The spliced modal-runner program, as a user runs it: `python _generated/modal_runner.py COMMAND`.

The program is rendered from the test table (tests/fixtures/modal/tool_module.toml) into a temporary
folder; the commands that talk to Modal run the real `modal` client against the gRPC server of
tests/modal_server.py. The shipped `_generated/modal_runner.py` is checked apart: the same bytes as the
build, ruff- and mypy-clean, standard-library only, runnable with site-packages disabled.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from modal_proto import api_pb2

from assembler.templating import get_env
from assembler.toolkinds.modal import MODAL
from assembler.toolkinds.modal_checks import parse_spec
from assembler.toolkinds.modal_data import EXIT_CODES
from tests.conftest import REPO
from tests.modal_server import APP_ID, Behaviour, client_environment, serving

FIXTURES = Path(__file__).parent / "fixtures" / "modal"
SHIPPED = REPO / "_generated" / "modal_runner.py"
EXIT = {name: code for code, name, _ in EXIT_CODES}
PHRASE = "yes, stop it"
SCRIPT = """\
import modal

app = modal.App("fixture-train")
image = modal.Image.debian_slim().pip_install("torch==2.4.1")
volume = modal.Volume.from_name("fixture-train-volume", create_if_missing=True)


@app.function(gpu="A10G", timeout=3600, image=image, volumes={"/ckpt": volume})
def train(config: str) -> None:
    import torch

    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for step in range(1000):
        optimizer.step()
        if step % 500 == 0:
            torch.save(model.state_dict(), f"/ckpt/{step}.pt")
            volume.commit()
            print(step, flush=True)


@app.local_entrypoint()
def main(config: str) -> None:
    train.remote(config)
"""


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tomllib.loads((FIXTURES / "tool_module.toml").read_text(encoding="utf-8"))["tool_module"]
    spec, problems = parse_spec(data)
    assert spec is not None, problems
    path = tmp_path_factory.mktemp("program") / "modal_runner.py"
    path.write_text(MODAL.render_module(spec, header="# Generated for the tests.\n", env=get_env()), "utf-8")
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "train.py").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "config.yaml").write_text("lr: 0.1\n", encoding="utf-8")
    return tmp_path


class Run:
    def __init__(self, program: Path, work: Path, env: dict[str, str]) -> None:
        self.program, self.work, self.env = program, work, env
        self.ledger = work / "ledger.json"

    def __call__(self, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **self.env, "MODAL_RUNNER_LEDGER": str(self.ledger)}
        env.pop("MODAL_RUNNER_SESSION", None)
        return subprocess.run(
            [sys.executable, str(self.program), *args],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def ledger_data(self) -> dict[str, list[dict[str, object]]]:
        data: dict[str, list[dict[str, object]]] = json.loads(self.ledger.read_text(encoding="utf-8"))
        return data


@pytest.fixture
def behaviour() -> Behaviour:
    return Behaviour()


@pytest.fixture
def run(program: Path, work: Path, behaviour: Behaviour) -> Iterator[Run]:
    with serving(behaviour) as url:
        yield Run(program, work, client_environment(url, work / "home"))


LAUNCH = ("--script", "train.py", "--config", "config.yaml", "--gpu", "A10G", "--gpus", "1", "--hours", "1")


# The shipped program.


def test_building_the_shipped_manifest_reproduces_the_committed_file_byte_for_byte() -> None:
    from assembler.pipeline import plan_catalog

    plan = plan_catalog(REPO, trust=False)
    [output] = [o for o in plan.outputs if o.rel == "_generated/modal_runner.py"]
    assert output.text is not None
    assert SHIPPED.read_bytes() == output.text.encode("utf-8")


def test_the_shipped_program_is_standard_library_only_and_never_holds_the_phrase() -> None:
    source = SHIPPED.read_text(encoding="utf-8")
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0
            modules.add((node.module or "").split(".")[0])
    assert modules and modules <= set(sys.stdlib_module_names) | {"__future__"}
    assert PHRASE not in source


def test_the_shipped_program_runs_with_site_packages_disabled(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(SHIPPED), "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "estimate" in done.stdout and "exit status:" in done.stdout


@pytest.mark.parametrize("tool", ["ruff-check", "ruff-format", "mypy"])
def test_the_shipped_program_is_clean(tool: str, tmp_path: Path) -> None:
    copy = tmp_path / "modal_runner.py"
    copy.write_bytes(SHIPPED.read_bytes())
    folder = Path(sys.executable).parent
    config = ["--config", str(REPO / "pyproject.toml")]
    commands = {
        "ruff-check": [str(folder / "ruff"), "check", *config, "--no-cache", str(copy)],
        "ruff-format": [str(folder / "ruff"), "format", "--check", *config, "--no-cache", str(copy)],
        "mypy": [
            str(folder / "mypy"),
            "--strict",
            "--no-incremental",
            "--config-file",
            "/dev/null",
            str(copy),
        ],
    }
    done = subprocess.run(commands[tool], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# Commands that need no Modal.


def test_estimate_reads_the_script_and_takes_the_tier_from_the_larger(program: Path, work: Path) -> None:
    (work / "big.py").write_text(
        SCRIPT.replace('gpu="A10G", timeout=3600', 'gpu="H100:8", timeout=24 * 3600, retries=RETRY').replace(
            'app = modal.App("fixture-train")',
            'app = modal.App("fixture-train")\nRETRY = modal.Retries(max_retries=2)',
        ),
        encoding="utf-8",
    )
    run = Run(program, work, {})
    done = run("estimate", "--gpu", "A10G", "--gpus", "1", "--hours", "0.5", "--script", "big.py")
    assert done.returncode == EXIT["STOP"], done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Estimate: $0.55 (= 1 × 0.5 h × $1.10/hr/gpu)"
    assert lines[1] == "Script worst case: $2592.00"
    assert "(= 8 × 24 h timeout × $4.50/hr/gpu × (1 + 2 retries))" in lines[2]
    assert any(line.startswith("Tier: STOP") for line in lines)


def test_the_preflight_blocks_a_plan_that_differs_from_the_script(run: Run) -> None:
    done = run("preflight", *LAUNCH[:4], "--gpu", "H100", "--gpus", "2", "--hours", "1")
    assert done.returncode == EXIT["FAILED"], done.stdout
    assert "the plan says 2 × H100, but `train` asks for A10G" in done.stdout
    assert "BLOCKED by cost" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("estimate", "--gpu", "A10G", "--gpus", "1", "--hours", "1e308"),
        ("estimate", "--gpu", "A10G", "--gpus", "1", "--hours", "1", "--spent-today", "1.7e308"),
        ("estimate", "--gpu", "A10G", "--gpus", "9", "--hours", "1"),
        ("estimate", "--gpu", "A10G", "--gpus", "1", "--hours", "nan"),
        ("stop", "--yes"),
        ("stop", "-x"),
    ],
)
def test_arguments_out_of_bounds_are_usage_errors(program: Path, work: Path, args: tuple[str, ...]) -> None:
    done = Run(program, work, {})(*args)
    assert done.returncode == EXIT["USAGE"]
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 3


# Against the real client: app list, launch, stop.


def test_preflight_sees_a_live_app_of_the_same_name(run: Run, behaviour: Behaviour) -> None:
    item = api_pb2.AppListResponse.AppListItem
    behaviour.apps = [item(app_id=APP_ID, description="fixture-train", state=api_pb2.APP_STATE_DETACHED)]
    done = run("preflight", *LAUNCH)
    assert done.returncode == EXIT["FAILED"]
    assert f"'fixture-train' is already live as {APP_ID}" in done.stdout
    behaviour.apps = [item(app_id=APP_ID, description="fixture-train", state=api_pb2.APP_STATE_STOPPED)]
    done = run("preflight", *LAUNCH, "--torch", "2.4.1")
    assert done.returncode == EXIT["OK"], done.stdout + done.stderr
    assert "Preflight: READY (cost tier AUTO)" in done.stdout


def test_a_launch_records_the_app_id_and_returns_while_the_run_goes_on(
    run: Run, behaviour: Behaviour
) -> None:
    done = run("launch", *LAUNCH, "--wait", "90")
    assert done.returncode == EXIT["OK"], done.stdout + done.stderr
    assert f"Launched: {APP_ID}" in done.stdout
    [launch] = run.ledger_data()["launches"]
    assert (launch["status"], launch["app_id"], launch["usd"]) == ("launched", APP_ID, 1.1)
    [create] = behaviour.named("AppCreate")
    assert create.app_state == api_pb2.APP_STATE_DETACHED
    assert isinstance(launch["pid"], int)
    os.killpg(launch["pid"], 15)


def test_a_config_the_entrypoint_cannot_take_blocks_the_launch(run: Run, behaviour: Behaviour) -> None:
    (run.work / "train.py").write_text(SCRIPT.replace("def main(config: str)", "def main(cfg: str = '')"))
    done = run("launch", *LAUNCH, "--torch", "2.4.1")
    assert done.returncode == EXIT["FAILED"]  # preflight reads the entrypoint: no launch at all
    assert "takes no `config`: `modal run` refuses --config" in done.stdout
    assert behaviour.named("AppCreate") == [] and not run.ledger.exists()


def test_a_launch_modal_refuses_at_argument_parsing_is_recorded_and_not_counted(
    run: Run, behaviour: Behaviour
) -> None:
    (run.work / "train.py").write_text(SCRIPT.replace("def main(config: str)", "def main(config: int)"))
    done = run("launch", *LAUNCH, "--torch", "2.4.1", "--wait", "90")
    assert done.returncode == EXIT["ERROR"], done.stdout + done.stderr
    assert "Modal refused the arguments before creating an app" in done.stdout
    assert "Invalid value for '--config'" in done.stdout
    assert behaviour.named("AppCreate") == []
    [launch] = run.ledger_data()["launches"]
    assert (launch["status"], launch["app_id"]) == ("rejected", None)
    spend = run("spend")
    assert "Today" in spend.stdout and ": $0.00 of the $20.00 daily cap" in spend.stdout


def test_a_missing_token_is_one_line_and_no_launch(run: Run, behaviour: Behaviour) -> None:
    run.env = {k: v for k, v in run.env.items() if not k.startswith("MODAL_TOKEN")}
    done = run("launch", *LAUNCH)
    assert done.returncode == EXIT["ERROR"]
    assert done.stderr.count("\n") == 1 and "Token missing" in done.stderr and "Traceback" not in done.stderr
    assert behaviour.named("AppCreate") == [] and not run.ledger.exists()


def test_a_refused_stop_never_prints_the_phrase_and_is_recorded(run: Run, behaviour: Behaviour) -> None:
    for confirm in ([], ["--confirm", "yes"], ["--confirm", "Yes, stop it!"]):
        done = run("stop", APP_ID, *confirm)
        assert done.returncode == EXIT["REFUSED"]
        assert PHRASE not in done.stdout + done.stderr
        assert "ask the user" in (done.stdout + done.stderr).lower()
    assert behaviour.named("AppStop") == []
    stops = run.ledger_data()["stops"]
    assert [(s["app_id"], s["confirmed"], s["status"]) for s in stops] == [(APP_ID, False, "refused")] * 3


def test_the_users_phrase_stops_the_app_with_yes_once(run: Run, behaviour: Behaviour) -> None:
    done = run("stop", APP_ID, "--confirm", PHRASE)
    assert done.returncode == EXIT["OK"], done.stdout + done.stderr
    assert PHRASE not in done.stdout + done.stderr
    [request] = behaviour.named("AppStop")
    assert request.app_id == APP_ID
    [stop] = run.ledger_data()["stops"]
    assert (stop["confirmed"], stop["status"]) == (True, "stopped") and stop["time"]


def test_two_launches_at_once_cannot_both_pass_the_cap(
    program: Path, work: Path, behaviour: Behaviour
) -> None:
    """Two $13.20 launches (12 h of A10G) against the $20 cap, in two processes started together.

    Each process holds the ledger's lock for half a second (a wrapper slows the ledger's read), so
    without the lock both would read an empty ledger and pass.
    """
    slow = work / "slow.py"
    slow.write_text(
        "import importlib.util, sys, time\n"
        f"spec = importlib.util.spec_from_file_location('runner', {str(program)!r})\n"
        "m = importlib.util.module_from_spec(spec); sys.modules['runner'] = m; spec.loader.exec_module(m)\n"
        "read = m.load_ledger\n"
        "def slow_read(path):\n"
        "    found = read(path); time.sleep(0.5); return found\n"
        "m.load_ledger = slow_read\n"
        "sys.exit(m.main(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    with serving(behaviour) as url:
        env = {
            **os.environ,
            **client_environment(url, work / "home"),
            "MODAL_RUNNER_LEDGER": str(work / "l.json"),
        }
        args = [*LAUNCH[:-1], "12", "--torch", "2.4.1", "--wait", "90"]
        children = [
            subprocess.Popen(
                [sys.executable, str(slow), "launch", *args],
                cwd=work,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [child.communicate(timeout=240) for child in children]
        codes = sorted(child.returncode for child in children)
        assert (work / "l.json").exists(), outputs
        ledger = json.loads((work / "l.json").read_text(encoding="utf-8"))
        for launch in ledger["launches"]:
            if launch["pid"]:
                os.killpg(launch["pid"], 15)
    assert codes == [EXIT["OK"], EXIT["STOP"]], outputs
    assert [launch["status"] for launch in ledger["launches"]] == ["launched"]
    refused = next(out for out, _ in [(o[0] + o[1], 0) for o in outputs] if "Launch refused" in out)
    assert "past the $20.00 daily cap" in refused
