"""The `modal` tool kind: the modal-runner agent's rules as a program, `_generated/<name>.py`.

The module and the agent's Markdown section are rendered from the same spec, so a figure changed in the
manifest changes both. Every manifest value that lands in the Python source goes through the `pyliteral`
filter; long texts are first cut into pieces (`chunks`) so each line of the module stays short.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

    from assembler.diagnostics import Problem
    from assembler.toolkinds.modal_spec import ModalSpec

MODULE_TEMPLATE = "modal_runner.py.j2"
SECTION_TEMPLATE = "modal_runner.md.j2"

# The exit statuses of the generated module: its docstring, `--help` and the agent's section list them.
EXIT_CODES: tuple[tuple[int, str, str], ...] = (
    (0, "OK", "done; estimate: the run is AUTO; preflight: ready to launch"),
    (1, "ERROR", "the modal CLI is missing or failed, or a file or the spend ledger cannot be read"),
    (2, "USAGE", "bad arguments: unknown command or GPU, a number or version that does not parse"),
    (3, "WARN", "estimate: the run is in the WARN tier"),
    (4, "STOP", "estimate, preflight: the run is in the STOP tier; launch: refused without --approve-cost"),
    (5, "FAILED", "a check failed: lint findings, torch too old, a blocking preflight step"),
    (6, "REFUSED", "stop: refused, --confirm is not the user's literal confirmation phrase"),
)


def money(usd: float) -> str:
    """`$5.00`: two decimals, as the module prints amounts."""
    return f"${usd:.2f}"


def rate(usd_per_hour: float) -> str:
    """`$1.10`, or every decimal a rate has when two would round it."""
    text = f"{usd_per_hour:.2f}"
    return f"${text}" if float(text) == usd_per_hour else f"${usd_per_hour!r}"


def chunks(text: str, width: int = 64) -> list[str]:
    """Cut `text` into pieces whose Python literals are at most about `width` characters, at spaces.

    Concatenated, the pieces give `text` back; each piece is still written with `pyliteral`.
    """
    pieces: list[str] = []
    current = ""
    for word in re.split(r"(?<= )", text):
        while len(repr(word)) > width:
            cut = len(word)
            while cut > 1 and len(repr(word[:cut])) > width:
                cut -= 1
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:cut])
            word = word[cut:]
        if current and len(repr(current + word)) > width:
            pieces.append(current)
            current = ""
        current += word
    if current or not pieces:
        pieces.append(current)
    return pieces


def tier_shapes(spec: ModalSpec) -> dict[str, str]:
    auto, stop = money(spec.tiers.auto_below_usd), money(spec.tiers.stop_above_usd)
    return {
        "AUTO": f"under {auto}",
        "WARN": f"{auto} to {stop}",
        "STOP": f"over {stop}",
    }


def report_shapes(spec: ModalSpec) -> dict[str, str]:
    """What the agent writes after each report field's label, with the manifest's figures."""
    tiers = tier_shapes(spec)
    gpus = " | ".join(g.name for g in spec.gpu)
    verified = f"rate verified on {spec.pricing_url} YYYY-MM-DD"
    return {
        "cost-estimate": f"$X.XX (= N_gpus × hours × $/hr/gpu, {verified})",
        "cost-tier": " | ".join(f"{tier} ({shape})" for tier, shape in tiers.items()),
        "session-spend": f"$X.XX / {money(spec.daily_cap_usd)} daily cap → headroom $Y.YY",
        "gpu": f"{gpus} | other | torch version: <x.y>",
        "checklist": " ".join(f"[ ] {step.label}" for step in spec.step),
        "anti-stop": f'no stop issued | stop issued after the literal "{spec.confirm_stop_phrase}" user '
        "confirmation @ <timestamp>",
    }


class ModalKind:
    kind: str = "modal"
    templates: tuple[str, ...] = (MODULE_TEMPLATE, SECTION_TEMPLATE)

    def parse(self, data: Mapping[str, object]) -> tuple[ModalSpec | None, list[Problem]]:
        from assembler.toolkinds.modal_spec import parse_spec

        return parse_spec(data)

    def filename(self, spec: Any) -> str:
        return f"{spec.name}.py"

    def render_module(self, spec: Any, *, header: str, env: jinja2.Environment) -> str:
        template = env.get_template(MODULE_TEMPLATE)
        return template.render(
            spec=spec,
            header=header,
            prices_verified=spec.prices_verified.isoformat(),
            env_prefix=spec.name.upper(),
            exit_codes=EXIT_CODES,
            chunks=chunks,
        )

    def render_section(self, spec: Any, *, module_path: str, env: jinja2.Environment) -> str:
        template = env.get_template(SECTION_TEMPLATE)
        shapes = report_shapes(spec)
        text = template.render(
            spec=spec,
            run=f"python {module_path}",
            module_path=module_path,
            prices_verified=spec.prices_verified.isoformat(),
            env_prefix=spec.name.upper(),
            tiers=tier_shapes(spec),
            money=money,
            rate=rate,
            exit_codes=EXIT_CODES,
            report=[(f.label, shapes[f.key]) for f in spec.report_field],
        )
        return str(text).strip("\n")

    def report_fields(self, spec: Any) -> list[str]:
        shapes = report_shapes(spec)
        return [f"{field.label}: {shapes[field.key]}" for field in spec.report_field]


MODAL = ModalKind()
