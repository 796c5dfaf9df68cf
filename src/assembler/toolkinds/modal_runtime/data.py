"""The tool's data: the types of the manifest's figures, and the figures themselves as literals.

The lines between `# start templated` and `# end templated` are written by the build from the manifest's
`[tool_module]` table (`assembler.toolkinds.modal_data.render_data`, every value through the `pyliteral`
escaper). In this package they hold the figures of `tests/fixtures/modal/tool_module.toml`; a test renders
that table and compares. The confirmation phrase of the anti-stop guard is kept only as its SHA-256, so the
program cannot print it: the agent's Markdown states the phrase to the human, the program only checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Gpu:
    name: str
    aliases: tuple[str, ...]
    min_torch: str
    usd_per_hour: float
    max_count: int
    verified: str | None  # the ISO date the price was last checked; None: never


@dataclass(frozen=True)
class Step:
    label: str
    text: str
    checks: tuple[str, ...]


@dataclass(frozen=True)
class Invariant:
    text: str
    rule: str | None


@dataclass(frozen=True)
class ReportField:
    key: str
    label: str


# start templated
# The figures of the manifest's [tool_module] table, written by assembler as Python literals.
# fmt: off
PROG: Final = 'modal_runner'
PRICING_URL: Final = 'https://modal.com/pricing'
DAILY_CAP_USD: Final = 20.0
AUTO_BELOW_USD: Final = 5.0
STOP_ABOVE_USD: Final = 20.0
CONFIRM_SHA256: Final = '1382e020f1579d07ed0cf5e5d57521ef27592340bad7638a76d691ecdd6eb979'
LEDGER_ENV: Final = 'MODAL_RUNNER_LEDGER'
SESSION_ENV: Final = 'MODAL_RUNNER_SESSION'
LEDGER_HOME: Final = '.modal_runner'
ANY_GPU: Final[tuple[str, ...]] = ('A10G', 'A100-40GB')
GPUS: Final[tuple[Gpu, ...]] = (
    Gpu(
        'A10G',
        ('A10',),
        '2.0',
        1.1,
        4,
        '2026-04-23',
    ),
    Gpu(
        'A100-40GB',
        ('A100',),
        '1.8',
        2.1,
        8,
        '2026-04-23',
    ),
    Gpu(
        'A100-80GB',
        (),
        '1.8',
        2.5,
        8,
        None,
    ),
    Gpu(
        'H100',
        (),
        '2.1',
        4.5,
        8,
        '2026-04-23',
    ),
    Gpu(
        'B200',
        (),
        '2.7',
        8.0,
        8,
        '2026-04-23',
    ),
)
CHECKLIST: Final[tuple[Step, ...]] = (
    Step(
        'app-list',
        (
            'Run `modal app list`: no live app may collide with or '
            'duplicate this launch'
        ),
        ('app-list',),
    ),
    Step(
        'GPU-compat',
        (
            "Check the image's torch version against the GPU's minimum "
            'torch'
        ),
        ('gpu-compat',),
    ),
    Step(
        'file-verify',
        (
            'Confirm on disk (`cat`, size, sha256) that the script and '
            'config are the versions you mean to run'
        ),
        ('file-verify',),
    ),
    Step(
        'entrypoint',
        "The script's entrypoint takes the `--config` the launch passes",
        ('entrypoint',),
    ),
    Step(
        'cost',
        (
            'Estimate the cost as N_gpus × hours × $/hr/gpu, with its tier '
            "and the daily-cap headroom, beside the script's worst case"
        ),
        ('cost',),
    ),
    Step(
        'vol+ckpt',
        (
            'The script commits the volume after each write and '
            'checkpoints the state_dict'
        ),
        ('vol-commit', 'checkpoint', 'state-dict'),
    ),
    Step(
        'observability',
        (
            'Every print flushes, and progress is printed at a fixed step '
            'interval'
        ),
        ('flush-print',),
    ),
    Step(
        'retries',
        (
            'A failed run is retried at most once, so a failure is not '
            'billed again and again'
        ),
        ('retries',),
    ),
    Step(
        'spawn-not-map',
        (
            'Batches are launched with `.spawn()`, never a `.map()` that '
            'one failure cancels'
        ),
        ('spawn-not-map',),
    ),
    Step(
        'smoke-test',
        (
            'A single-variant run has passed before any fan-out to N '
            'variants'
        ),
        (),
    ),
    Step(
        'state-cost',
        (
            'Tell the user the dollar estimate, in the estimate shape, '
            'before you launch'
        ),
        (),
    ),
)
INVARIANTS: Final[tuple[Invariant, ...]] = (
    Invariant(
        '`vol.commit()` after each write to the volume',
        'vol-commit',
    ),
    Invariant(
        'A training function checkpoints every 500 steps',
        'checkpoint',
    ),
    Invariant(
        'The checkpoint saves the state_dict, not just JSON metrics',
        'state-dict',
    ),
    Invariant(
        (
            'Batches launched with `.spawn()`, never a `.map()` that one '
            'failure cancels'
        ),
        'spawn-not-map',
    ),
    Invariant(
        (
            'At most one retry (`retries=modal.Retries(max_retries=1)`) on '
            'every Modal function'
        ),
        'retries',
    ),
    Invariant(
        '`flush=True` on every print',
        'flush-print',
    ),
    Invariant(
        (
            'Detached mode (`modal run --detach`), so the run survives the '
            'launching session'
        ),
        None,
    ),
    Invariant(
        'A progress line every 250 steps',
        None,
    ),
    Invariant(
        'Data downloads retried 3 times with exponential backoff',
        None,
    ),
)
REPORT_FIELDS: Final[tuple[ReportField, ...]] = (
    ReportField('cost-estimate', 'Cost estimate'),
    ReportField('cost-tier', 'Cost tier'),
    ReportField('session-spend', 'Session spend so far'),
    ReportField('gpu', 'GPU'),
    ReportField('checklist', 'Pre-launch checklist'),
    ReportField('anti-stop', 'anti-stop guard'),
)
PROGRAM_CHECKS: Final[tuple[str, ...]] = (
    'app-list',
    'gpu-compat',
    'file-verify',
    'entrypoint',
    'cost',
)
LINT_RULES: Final[tuple[str, ...]] = (
    'spawn-not-map',
    'flush-print',
    'vol-commit',
    'retries',
    'checkpoint',
    'state-dict',
)
EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_WARN: Final = 3
EXIT_STOP: Final = 4
EXIT_FAILED: Final = 5
EXIT_REFUSED: Final = 6
EXIT_STATUS: Final[tuple[tuple[int, str, str], ...]] = (
    (0, 'OK', 'done; estimate: the run is AUTO; preflight: ready to launch'),
    (1, 'ERROR', (
        'the modal CLI is missing or failed, or a file or the spend '
        'ledger cannot be read'
    )),
    (2, 'USAGE', (
        'bad arguments: unknown command or GPU, a number out of '
        'bounds, a version that does not parse'
    )),
    (3, 'WARN', 'estimate: the run is in the WARN tier'),
    (4, 'STOP', (
        'estimate, preflight: the run is in the STOP tier; launch: '
        'refused without --approve-cost'
    )),
    (5, 'FAILED', (
        'a check failed: lint findings, torch too old, the plan '
        'differs from the script'
    )),
    (6, 'REFUSED', "stop: refused, --confirm is not the user's confirmation phrase"),
)
# fmt: on
# end templated
