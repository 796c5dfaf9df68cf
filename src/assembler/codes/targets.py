"""Codes for the output targets: what a target cannot express, the values of a manifest's [targets.NAME]
tables, and targets that would write the same files."""

from __future__ import annotations

from assembler.codes import Code
from assembler.diagnostics import Severity

NOT_EXPRESSED = Code(
    "A130",
    "field a target cannot express",
    "{target} cannot express every `{key}` value ({count}): {values}",
    "{suggestion}",
    "A canonical field (tools, disallowed tools, model, turns, effort) holds a value the target has no "
    "construct for, or only a near one. The target's file leaves it out (dropped) or writes the nearest "
    "construct it has (approximated); the agent's prompt is unchanged. Reported once per target and field, "
    "at the first manifest that uses such a value, by every run that builds or checks the catalog. An "
    "information, never a failure, even with --strict. README, Targets, has the table of every field of "
    "every target; a manifest's [targets.NAME] table says it in the target's own terms.",
    Severity.INFO,
)
TARGET_VOCABULARY = Code(
    "A131",
    "value outside the target's vocabulary",
    "`{value}` is not {what} {target} knows",
    "{suggestion}allowed: {allowed}",
    "A field of a manifest's [targets.NAME] table takes one of a fixed set of values (a sandbox mode, an "
    "approval mode, a tool name in the target's vocabulary) and holds another. The target would ignore "
    "it or refuse the agent. The vocabulary is the target's documentation's, in its module.",
)
TARGET_SHAPE = Code(
    "A132",
    "target field has the wrong shape",
    "`{key}` {problem}",
    "{suggestion}",
    "A field of a manifest's [targets.NAME] table has the right type but a value the target cannot use: a "
    "number out of its range, text of several lines where one is read, a list holding an entry twice, a "
    "resource that is not a file:// path.",
)
TARGETS_CLASH = Code(
    "A133",
    "two targets write the same files",
    "targets `{first}` and `{second}` would both write {where}",
    "give one of them another folder: `dir` under [targets.{second}]",
    "Two targets chosen in the configuration write files of the same name into the same folder, so each "
    "build would overwrite one with the other. Claude Code, Cursor, OpenCode and others all write "
    "`<name>.md`: each needs its own folder.",
)
