"""The `modal` tool kind: parsing the `[tool_module]` table, rendering the module and the agent's section."""

from __future__ import annotations

import ast
import copy
import datetime
import json
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assembler.codes.registry import registry
from assembler.templating import get_env
from assembler.toolkinds import KINDS, get_kind
from assembler.toolkinds.modal import MODAL, money, rate
from assembler.toolkinds.modal_checks import parse_spec
from assembler.toolkinds.modal_data import chunks, confirm_digest
from assembler.toolkinds.modal_spec import Gpu, ModalSpec
from tests.conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures" / "modal"
HEADER = "# Generated for a test; do not edit.\n"
TODAY = datetime.date(2026, 11, 25)


def table() -> dict[str, Any]:
    """A fresh copy of the test table (the seed's figures)."""
    data: dict[str, Any] = tomllib.loads((FIXTURES / "tool_module.toml").read_text(encoding="utf-8"))
    return copy.deepcopy(data["tool_module"])


def good_spec(data: dict[str, Any] | None = None) -> ModalSpec:
    spec, problems = parse_spec(table() if data is None else data, TODAY)
    assert problems == [] and spec is not None
    return spec


def problems_of(data: dict[str, Any]) -> list[tuple[str, tuple[str | int, ...], str]]:
    spec, problems = parse_spec(data, TODAY)
    assert spec is None
    return [(p.code, p.path, p.message) for p in problems]


# The registry and the plugin.


def test_the_registry_selects_the_modal_kind() -> None:
    assert get_kind("modal") is MODAL
    assert KINDS == {"modal": MODAL}
    assert get_kind("lambda") is None
    assert MODAL.templates == ("modal_runner.md.j2",)


def test_the_test_table_parses_into_the_seed_figures() -> None:
    spec = good_spec()
    assert MODAL.filename(spec) == "modal_runner.py"
    assert (spec.daily_cap_usd, spec.tiers.auto_below_usd, spec.tiers.stop_above_usd) == (20.0, 5.0, 20.0)
    assert [(g.name, g.aliases, g.min_torch, g.usd_per_hour, g.max_count) for g in spec.gpu] == [
        ("A10G", ("A10",), "2.0", 1.10, 4),
        ("A100-40GB", ("A100",), "1.8", 2.10, 8),
        ("A100-80GB", (), "1.8", 2.50, 8),
        ("H100", (), "2.1", 4.50, 8),
        ("B200", (), "2.7", 8.0, 8),
    ]
    assert spec.gpu[0].verified == datetime.date(2026, 4, 23) and spec.gpu[2].verified is None
    assert spec.any_gpu == ("A10G", "A100-40GB")
    assert spec.confirm_stop_phrase == "yes, stop it"


def test_the_shipped_manifest_declares_a_valid_tool_module() -> None:
    data = tomllib.loads((REPO / "_manifests" / "modal-runner.toml").read_text(encoding="utf-8"))
    spec, problems = MODAL.parse(data["tool_module"])
    assert problems == [] and spec is not None
    assert spec.name == "modal_runner"


# Types, missing and unknown keys: pydantic's errors as A100 problems, word for word.


def test_an_unknown_key_names_the_closest_known_one() -> None:
    data = table()
    data["gpu"][0]["usd_per_hr"] = 1.0
    spec, problems = parse_spec(data, TODAY)
    assert spec is None
    [problem] = problems
    assert (problem.code, problem.path) == ("A100", ("gpu", 0, "usd_per_hr"))
    assert problem.message == "unknown key `tool_module.gpu[0].usd_per_hr`"
    assert problem.hint == "did you mean `usd_per_hour`?"


def test_a_missing_key_is_located_at_its_table() -> None:
    data = table()
    del data["tiers"]["stop_above_usd"]
    [problem] = parse_spec(data, TODAY)[1]
    assert (problem.code, problem.path) == ("A100", ("tiers",))
    assert problem.message == "missing required key `tool_module.tiers.stop_above_usd`"


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (
            lambda d: d["gpu"][1].update(usd_per_hour="4.50"),
            ("gpu", 1, "usd_per_hour"),
            "`tool_module.gpu[1].usd_per_hour` should be a number, not a string",
        ),
        (
            lambda d: d.update(daily_cap_usd=True),
            ("daily_cap_usd",),
            "`tool_module.daily_cap_usd` should be a number, not a boolean",
        ),
        (
            lambda d: d["gpu"][0].update(max_count=4.0),
            ("gpu", 0, "max_count"),
            "`tool_module.gpu[0].max_count` should be an integer, not a number",
        ),
        (
            lambda d: d.update(gpu={"name": "H100"}),
            ("gpu",),
            "`tool_module.gpu` should be an array, not a table",
        ),
        (
            lambda d: d["step"][0].update(checks=["lnt"]),
            ("step", 0, "checks", 0),
            "`tool_module.step[0].checks[0]` should be one of 'app-list', 'gpu-compat', 'file-verify', "
            "'entrypoint', 'cost', 'spawn-not-map', 'flush-print', 'vol-commit', 'retries', 'checkpoint' or "
            "'state-dict', not 'lnt'",
        ),
    ],
)
def test_wrong_types_are_a100(
    mutate: Callable[[dict[str, Any]], None], path: tuple[Any, ...], message: str
) -> None:
    data = table()
    mutate(data)
    assert problems_of(data) == [("A100", path, message)]


# What types cannot say: each semantic error with its code and key path.


def _set(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


SEMANTIC = [
    (_set(("name",), "modal-runner"), "A102", ("name",)),
    (_set(("name",), "class"), "A102", ("name",)),
    (_set(("name",), "json"), "A102", ("name",)),
    (_set(("name",), "módulo"), "A102", ("name",)),
    (_set(("gpu", 1, "usd_per_hour"), 0.0), "A103", ("gpu", 1, "usd_per_hour")),
    (_set(("gpu", 1, "usd_per_hour"), -4.5), "A103", ("gpu", 1, "usd_per_hour")),
    (_set(("gpu", 0, "usd_per_hour"), float("nan")), "A103", ("gpu", 0, "usd_per_hour")),
    (_set(("gpu", 0, "usd_per_hour"), float("inf")), "A103", ("gpu", 0, "usd_per_hour")),
    (_set(("daily_cap_usd",), 0), "A103", ("daily_cap_usd",)),
    (_set(("tiers", "auto_below_usd"), 20.0), "A103", ("tiers", "auto_below_usd")),
    (_set(("tiers", "stop_above_usd"), 25.0), "A103", ("tiers", "stop_above_usd")),
    (_set(("gpu", 4, "name"), "h100"), "A103", ("gpu", 4, "name")),
    (_set(("gpu", 2, "aliases"), ["a10"]), "A103", ("gpu", 2, "aliases", 0)),
    (_set(("gpu", 2, "aliases"), ["A100 80"]), "A100", ("gpu", 2, "aliases", 0)),
    (_set(("gpu", 1, "max_count"), 0), "A103", ("gpu", 1, "max_count")),
    (_set(("any_gpu",), ["T4"]), "A103", ("any_gpu", 0)),
    (_set(("gpu", 0, "name"), '"; import os'), "A100", ("gpu", 0, "name")),
    (_set(("gpu", 0, "min_torch"), "two"), "A100", ("gpu", 0, "min_torch")),
    (_set(("step", 1, "label"), "app-list"), "A103", ("step", 1, "label")),
    (_set(("step", 1, "label"), "GPU compat"), "A100", ("step", 1, "label")),
    (_set(("step", 1, "checks"), ["app-list"]), "A103", ("step", 1, "checks", 0)),
    (_set(("step", 4, "text"), "commit\nthe volume"), "A014", ("step", 4, "text")),
    (_set(("invariant", 0, "text"), "tab\there"), "A014", ("invariant", 0, "text")),
    (_set(("report_field", 0, "label"), "   "), "A016", ("report_field", 0, "label")),
    (_set(("report_field", 1, "key"), "cost-estimate"), "A103", ("report_field", 1, "key")),
    (_set(("confirm_stop_phrase",), "yes, stop it "), "A100", ("confirm_stop_phrase",)),
    (_set(("pricing_url",), "modal.com/pricing"), "A100", ("pricing_url",)),
    (_set(("gpu", 0, "verified"), datetime.date(2999, 1, 1)), "A103", ("gpu", 0, "verified")),
    (_set(("gpu",), []), "A016", ("gpu",)),
]


@pytest.mark.parametrize(("mutate", "code", "path"), SEMANTIC)
def test_each_semantic_error_has_its_code_and_path(
    mutate: Callable[[dict[str, Any]], None], code: str, path: tuple[Any, ...]
) -> None:
    data = table()
    mutate(data)
    assert [(c, p) for c, p, _ in problems_of(data)] == [(code, path)]


def test_a_lint_rule_needs_an_invariant_that_declares_it() -> None:
    data = table()
    data["invariant"] = [i for i in data["invariant"] if i.get("rule") != "state-dict"]
    spec, problems = parse_spec(data, TODAY)
    assert spec is None
    [problem] = problems
    assert (problem.code, problem.path) == ("A103", ("step", 5, "checks", 2))
    assert problem.message == (
        "lint rule `state-dict` is checked by step `vol+ckpt` but no invariant declares it"
    )


def test_ordered_thresholds_are_explained_word_for_word() -> None:
    data = table()
    data["tiers"]["auto_below_usd"] = 25.0
    data["tiers"]["stop_above_usd"] = 20.0
    [problem] = parse_spec(data, TODAY)[1]
    assert problem.message == "the AUTO threshold $25 is not below the STOP threshold $20"
    assert problem.hint == "make auto_below_usd smaller than stop_above_usd"


def test_every_problem_of_a_table_is_reported_at_once() -> None:
    data = table()
    data["name"] = "modal-runner"
    data["gpu"][0]["usd_per_hour"] = -1.0
    data["step"][0]["text"] = "two\nlines"
    codes = sorted(c for c, _, _ in problems_of(data))
    assert codes == ["A014", "A102", "A103"]


def test_problem_codes_are_listed_in_codes() -> None:
    found = {c for mutate, c, _ in SEMANTIC} | {"A100"}
    assert found <= set(registry())


# Rendering: both outputs come from the same data.


def test_report_fields_render_the_figures_word_for_word() -> None:
    assert MODAL.report_fields(good_spec()) == [
        "Cost estimate: $X.XX (= N_gpus × hours × $/hr/gpu, rate verified on https://modal.com/pricing "
        "YYYY-MM-DD)",
        "Cost tier: AUTO (under $5.00) | WARN ($5.00 to $20.00) | STOP (over $20.00)",
        "Session spend so far: $X.XX / $20.00 daily cap → headroom $Y.YY",
        "GPU: A10G | A100-40GB | A100-80GB | H100 | B200 | other | torch version: <x.y>",
        "Pre-launch checklist: [ ] app-list [ ] GPU-compat [ ] file-verify [ ] entrypoint [ ] cost "
        "[ ] vol+ckpt "
        "[ ] observability [ ] retries [ ] spawn-not-map [ ] smoke-test [ ] state-cost",
        'anti-stop guard: no stop issued | stop issued after the literal "yes, stop it" user confirmation '
        "@ <timestamp>",
    ]


def section(spec: ModalSpec) -> str:
    return MODAL.render_section(spec, module_path="_generated/modal_runner.py", env=get_env())


def module(spec: ModalSpec) -> str:
    return MODAL.render_module(spec, header=HEADER, env=get_env())


def test_the_section_states_the_figures_and_the_commands() -> None:
    text = section(good_spec())
    assert text.startswith("# TOOL: modal_runner\n")
    for line in (
        "| AUTO | under $5.00 | launch |",
        "| H100 | - | 1 to 8 | torch>=2.1 | $4.50 | 2026-04-23 |",
        "| A10G | A10 | 1 to 4 | torch>=2.0 | $1.10 | 2026-04-23 |",
        "| A100-80GB | - | 1 to 8 | torch>=1.8 | $2.50 | not verified |",
        "`any` means one of\nA10G, A100-40GB.",
        "Daily session cap: $20.00.",
        '"yes, stop it" in the chat',
        "- A progress line every 250 steps",
        "1. **app-list**: Run `modal app list`",
        "`python _generated/modal_runner.py estimate --gpu B200 --gpus 2 --hours 3 --script train.py`",
        "`python _generated/modal_runner.py stop APP_ID --confirm",
        "| 6 REFUSED |",
    ):
        assert line in text, line
    assert not text.endswith("\n")


def test_changing_one_figure_changes_the_section_and_the_module() -> None:
    data = table()
    before_md, before_py = section(good_spec(data)), module(good_spec(data))
    data["gpu"][3]["usd_per_hour"] = 4.75
    after_md, after_py = section(good_spec(data)), module(good_spec(data))
    assert "| H100 | - | 1 to 8 | torch>=2.1 | $4.75 | 2026-04-23 |" in after_md and "$4.50" not in after_md
    assert "'H100',\n        (),\n        '2.1',\n        4.75,\n" in after_py and "4.5," not in after_py
    assert before_md != after_md and before_py != after_py


def test_the_module_starts_with_the_header_and_parses() -> None:
    source = MODAL.render_module(good_spec(), header=HEADER, env=get_env())
    assert source.startswith(HEADER + '"""')
    ast.parse(source)


def test_money_and_rates() -> None:
    assert (money(5), money(20.0), money(0.5)) == ("$5.00", "$20.00", "$0.50")
    assert (rate(1.1), rate(8), rate(0.000583)) == ("$1.10", "$8.00", "$0.000583")


@pytest.mark.parametrize(
    "text", ["", "short", "a " * 80, "x" * 200, "\\" * 150, "'''\"\"\"" * 30, "é" * 100 + " end"]
)
def test_chunks_give_the_text_back_in_short_literals(text: str) -> None:
    pieces = chunks(text)
    assert "".join(pieces) == text
    assert all(len(repr(piece)) <= 64 for piece in pieces)


# Hostile manifest text: rejected by validation, or embedded as data that never runs.

HOSTILE = [
    '"; import os; open("PWNED", "w") #',
    "'; open('PWNED', 'w') #",
    "''' + open('PWNED', 'w').name + '''",
    '""" + open("PWNED", "w").name + """',
    "back\\slash \\' \\\" \\n \\x00 \\N{BULLET} {{ jinja }} {% raw %}",
]


def _import_and_dump(module: Path, expression: str) -> Any:
    """Import `module` in a fresh interpreter, in its own folder, and print `expression` as JSON."""
    code = f"import json, {module.stem} as m; print(json.dumps({expression}))"
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, '.'); {code}"],
        cwd=module.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert not (module.parent / "PWNED").exists()
    return json.loads(done.stdout)


def test_hostile_text_passes_validation_and_stays_data(tmp_path: Path) -> None:
    data = table()
    data["confirm_stop_phrase"] = HOSTILE[0]
    data["step"][0]["text"] = HOSTILE[1]
    data["invariant"][0]["text"] = HOSTILE[2]
    data["invariant"][1]["text"] = HOSTILE[3]
    data["report_field"][0]["label"] = HOSTILE[4]
    data["pricing_url"] = "https://example.com/?q=\"'''\\"
    spec = good_spec(data)
    source = MODAL.render_module(spec, header=HEADER, env=get_env())
    ast.parse(source)
    module = tmp_path / "modal_runner.py"
    module.write_text(source, encoding="utf-8")
    dumped = _import_and_dump(
        module,
        "[m.CONFIRM_SHA256, m.CHECKLIST[0].text, m.INVARIANTS[0].text, "
        "m.INVARIANTS[1].text, m.REPORT_FIELDS[0].label, m.PRICING_URL]",
    )
    assert dumped == [confirm_digest(HOSTILE[0]), *HOSTILE[1:], "https://example.com/?q=\"'''\\"]
    assert HOSTILE[0] not in source  # the phrase itself is never in the program


def test_hostile_gpu_names_are_rejected_by_validation() -> None:
    for name in ['"; import os', "'''", "a\\b", "A10G\nimport os"]:
        data = table()
        data["gpu"][0]["name"] = name
        assert [c for c, _, _ in problems_of(data)][:1] in (["A100"], ["A014"]), name


def test_hostile_values_are_embedded_safely_even_without_validation(tmp_path: Path) -> None:
    """The template escapes by itself: a spec built around validation still yields inert literals."""
    names = ['"; import os; open("PWNED", "w") #', "'''", "\\", "new\nline", "\\'; open('PWNED','w') #"]
    spec = good_spec().model_copy(
        update={
            "gpu": tuple(
                Gpu.model_construct(
                    name=n, aliases=(n,), min_torch="2.0", usd_per_hour=1.0, max_count=8, verified=None
                )
                for n in names
            ),
            "any_gpu": tuple(names),
        }
    )
    source = MODAL.render_module(spec, header=HEADER, env=get_env())
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "open"]
    assert calls == []  # no manifest text became code
    module = tmp_path / "modal_runner.py"
    module.write_text(source, encoding="utf-8")
    dumped = _import_and_dump(module, "[[g.name for g in m.GPUS], [g.aliases[0] for g in m.GPUS], m.ANY_GPU]")
    assert dumped == [names, names, names]


# Through the core: `assembler build` on a copy of the catalog.


def test_the_committed_module_is_what_the_manifest_and_template_produce() -> None:
    from assembler.pipeline import plan_catalog

    plan = plan_catalog(REPO, trust=False)
    assert plan.ok, plan.diagnostics
    [output] = [o for o in plan.outputs if o.rel == "_generated/modal_runner.py"]
    assert output.text is not None
    assert (REPO / output.rel).read_text(encoding="utf-8") == output.text


def test_the_built_module_is_clean_under_ruff(tmp_path: Path) -> None:
    from assembler.pipeline import plan_catalog

    plan = plan_catalog(REPO, trust=False)
    [output] = [o for o in plan.outputs if o.rel == "_generated/modal_runner.py"]
    assert output.text is not None
    module = tmp_path / "modal_runner.py"
    module.write_text(output.text, encoding="utf-8")
    ruff = REPO / ".venv" / "bin" / "ruff"
    for command in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [str(ruff), *command, "--config", str(REPO / "pyproject.toml"), "--no-cache", str(module)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_one_figure_changed_in_the_manifest_changes_the_md_and_the_py(repo_copy: Path) -> None:
    from click.testing import CliRunner

    from assembler.commands import cli

    manifest = repo_copy / "_manifests" / "modal-runner.toml"
    text = manifest.read_text(encoding="utf-8")
    assert text.count("usd_per_hour = 3.9492") == 1
    manifest.write_text(text.replace("usd_per_hour = 3.9492", "usd_per_hour = 4.75"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(repo_copy), "build"])
    assert result.exit_code == 0, result.output
    md = (repo_copy / "_generated" / "modal-runner.md").read_text(encoding="utf-8")
    assert "| H100 | - | 1 to 8 | torch>=2.1 | $4.75 | 2026-05-07 |" in md and "$3.9492" not in md
    module = repo_copy / "_generated" / "modal_runner.py"
    run = subprocess.run(
        [
            sys.executable,
            str(module),
            "estimate",
            "--gpu",
            "H100",
            "--gpus",
            "2",
            "--hours",
            "3",
            "--spent-today",
            "0",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stdout.splitlines()[0] == "Estimate: $28.50 (= 2 × 3 h × $4.75/hr/gpu)"
    assert run.returncode == 4


def test_a_bad_figure_in_the_manifest_is_a_located_diagnostic(repo_copy: Path) -> None:
    from click.testing import CliRunner

    from assembler.commands import cli

    manifest = repo_copy / "_manifests" / "modal-runner.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("usd_per_hour = 3.9492", "usd_per_hour = -3.9492"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(repo_copy), "validate"])
    assert result.exit_code != 0
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s == "usd_per_hour = 3.9492")
    where = f"_manifests/modal-runner.toml:{line}:1"
    assert (
        f"{where}: A103: `tool_module.gpu[7].usd_per_hour` is -3.9492; it must be a positive amount"
        in result.output
    )
