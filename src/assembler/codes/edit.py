"""Codes for edits that `assembler set` cannot make."""

from __future__ import annotations

from assembler.codes import Code

CANNOT_SET = Code(
    "A150",
    "key cannot be set here",
    "cannot set `{key}`: {reason}",
    "{suggestion}",
    "`assembler set` writes one value at a key path, through tables: `taxonomy.stability` is the key "
    "`stability` of the table `[taxonomy]`, which is created when the manifest has none. It does not reach "
    "into arrays (an `[[handoff]]` table is one item of an array), does not go through a key whose value is "
    "not a table, and does not replace a whole table or array of tables with a value. Nothing is written "
    "when any manifest the edit applies to is in this case.",
)
NOT_EDITABLE = Code(
    "A151",
    "manifest cannot be edited safely",
    "cannot edit this manifest: {reason}",
    "make this change by hand, or report the file's text as a bug in assembler",
    "Before writing an edit, `assembler set` reads the edited text back with the parser the build uses and "
    "checks that it holds exactly the old data with the one value changed. When it does not (the TOML "
    "editor and the build's parser read the file differently), the file is left as it is and nothing is "
    "written.",
)
