"""The command line, declared once: argparse and the tool definitions for function calling come from it.

Every argument is checked where it is parsed: numbers finite and within bounds, GPU names from the table,
versions that parse, app ids that cannot pass for options. Anything else is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from typing import Final, NoReturn

from .arguments import KINDS, Arg, Command
from .commands import (
    cmd_checklist,
    cmd_compat,
    cmd_estimate,
    cmd_gpus,
    cmd_launch,
    cmd_lint,
    cmd_preflight,
    cmd_spend,
    cmd_stop,
)
from .data import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_STATUS,
    EXIT_USAGE,
    LEDGER_ENV,
    LEDGER_HOME,
    PROG,
    SESSION_ENV,
)
from .money import ToolError

_GPU = Arg("gpu", "gpu", "GPU type, as in the `gpus` table", required=True)
_GPUS = Arg("gpus", "count", "number of GPUs per container", required=True)
_HOURS = Arg("hours", "hours", "expected wall-clock hours", required=True)
_LEDGER = Arg("ledger", "path", f"spend ledger file (default: ${LEDGER_ENV}, else ~/{LEDGER_HOME}/)")
_SESSION = Arg("session", "text", f"session name in the ledger (default: ${SESSION_ENV}, else the date)")
_ENTRY = Arg("entrypoint", "entry", "the script's local entrypoint", default="main")
_LAUNCH = (
    Arg("script", "path", "the Modal training script", required=True),
    Arg("config", "path", "the run's config file, passed to the entrypoint as --config", required=True),
    _GPU,
    _GPUS,
    _HOURS,
    Arg("torch", "version", "torch version of the image (default: the torch pin in the script)"),
    _ENTRY,
    _LEDGER,
)


def cmd_tools(args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps(tool_definitions(), indent=2, ensure_ascii=False))
    else:
        for tool in tool_definitions():
            print(f"{tool['name']}: {tool['description']}")
    return EXIT_OK


COMMANDS: Final[tuple[Command, ...]] = (
    Command(
        "estimate",
        "Cost of a run: dollars, cost tier (AUTO/WARN/STOP) and daily-cap headroom; with --script, "
        "beside the script's worst case. Exit 0 AUTO, 3 WARN, 4 STOP.",
        (
            _GPU,
            _GPUS,
            _HOURS,
            Arg("spent_today", "usd", "dollars spent today (default: today's total in the ledger)"),
            Arg("script", "path", "the Modal script, to read its worst case"),
            _ENTRY,
            _LEDGER,
        ),
        cmd_estimate,
    ),
    Command("gpus", "The GPU table: price per GPU-hour, count, minimum torch, date verified.", (), cmd_gpus),
    Command(
        "compat",
        "Whether a torch version is recent enough for a GPU. Exit 0 yes, 5 no.",
        (_GPU, Arg("torch", "version", "torch version, such as 2.1.0", required=True)),
        cmd_compat,
    ),
    Command(
        "lint",
        "Static checks of a Modal training script against the invariants. Exit 5 on findings.",
        (Arg("script", "path", "the training script", required=True, positional=True),),
        cmd_lint,
    ),
    Command("checklist", "The pre-launch checklist.", (), cmd_checklist),
    Command(
        "preflight",
        "Run the pre-launch checklist and print the report card. "
        "Exit 0 ready, 4 STOP tier (needs the user's approval), 5 blocked.",
        _LAUNCH,
        cmd_preflight,
    ),
    Command(
        "launch",
        "Preflight, then `modal run --detach SCRIPT::main --config CONFIG`, reserving the estimate in "
        "the spend ledger under its lock. Refuses a blocked run (5) and a STOP-tier run without "
        "approve_cost (4).",
        (
            *_LAUNCH,
            Arg("approve_cost", "flag", "the user has approved a STOP-tier cost"),
            Arg("wait", "seconds", "seconds to wait for the app id (default 120)", default="120"),
            _SESSION,
        ),
        cmd_launch,
    ),
    Command(
        "stop",
        "Stop a running Modal app. Refused (exit 6) unless confirm carries the user's own confirmation "
        "phrase, copied from their message; never write it yourself. Every request is recorded.",
        (
            Arg("app_id", "app", "the app to stop, such as ap-...", required=True, positional=True),
            Arg("confirm", "text", "the user's confirmation, verbatim"),
            _LEDGER,
            _SESSION,
        ),
        cmd_stop,
    ),
    Command(
        "spend",
        "Session and day totals of the spend ledger against the daily cap.",
        (_LEDGER, _SESSION),
        cmd_spend,
    ),
    Command(
        "tools",
        "These commands as tool definitions for function calling.",
        (Arg("json", "flag", "print JSON"),),
        cmd_tools,
    ),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _exit_status_help() -> str:
    lines = [f"  {code}  {name:<8}{meaning}" for code, name, meaning in EXIT_STATUS]
    return "exit status:\n" + "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Guard rails around Modal launches: cost, GPU, lint, checklist, anti-stop guard.",
        epilog=_exit_status_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.help,
            description=command.help,
            epilog=_exit_status_help(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=command.run)
        for arg in command.args:
            convert = KINDS[arg.kind][0]
            if arg.kind == "flag":
                sub.add_argument(arg.flag, action="store_true", help=arg.help)
            elif arg.positional:
                sub.add_argument(arg.name, type=convert, help=arg.help)
            else:
                sub.add_argument(
                    arg.flag, type=convert, required=arg.required, default=arg.default, help=arg.help
                )
    return parser


def tool_definitions() -> list[dict[str, object]]:
    """Each command but `tools` as {name, description, input_schema}, for function calling."""
    tools: list[dict[str, object]] = []
    for command in COMMANDS:
        if command.name == "tools":
            continue
        properties = {a.name: {**KINDS[a.kind][1], "description": a.help} for a in command.args}
        schema: dict[str, object] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        required = [a.name for a in command.args if a.required]
        if required:
            schema["required"] = required
        tools.append({"name": f"{PROG}_{command.name}", "description": command.help, "input_schema": schema})
    return tools


def tool_argv(name: str, arguments: Mapping[str, object]) -> list[str]:
    """The command line for a tool call, such as ("modal_runner_estimate", {"gpu": "H100", ...})."""
    command = next((c for c in COMMANDS if f"{PROG}_{c.name}" == name), None)
    if command is None:
        raise ToolError(f"unknown tool {name[:60]!r}")
    known = {a.name: a for a in command.args}
    unknown = sorted(set(arguments) - set(known))
    if unknown:
        raise ToolError(f"unknown argument(s) for {name}: {', '.join(unknown)[:200]}")
    argv = [command.name]
    for key, value in arguments.items():
        arg = known[key]
        if arg.kind == "flag":
            argv += [arg.flag] if value is True else []
        elif arg.positional:
            argv += ["--", str(value)] if str(value).startswith("-") else [str(value)]
        else:
            argv.append(f"{arg.flag}={value}")
    return argv


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, or a usage error already printed
        return EXIT_OK if exit_.code is None else exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except ToolError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
