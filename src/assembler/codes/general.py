"""Codes for the shape of a file: syntax, keys, types, names, paths and one-line text."""

from __future__ import annotations

from assembler.codes import Code

TOML_SYNTAX = Code(
    "A001",
    "TOML syntax error",
    "TOML syntax error: {reason}",
    "fix the TOML syntax at this position (strings need quotes, tables need [brackets])",
    "The file is not valid TOML, so nothing in it can be checked. The position is where the parser gave up; "
    "the mistake is often just before it (an unclosed string or array, a missing `=`). A multi-line string "
    "that is never closed is reported where it opens.",
)
UNKNOWN_KEY = Code(
    "A002",
    "unknown key",
    "unknown {what} `{key}`",
    "{suggestion}",
    "The key is not part of the format, so its value would be ignored. The hint names the closest known "
    "key. In TOML, every key written after a `[table]` or `[[array]]` header belongs to that table: a "
    "top-level key placed at the end of the file lands in the last table, and the hint says so.",
)
MISSING_KEY = Code(
    "A003",
    "missing required key",
    "missing required key `{key}`",
    "{suggestion}",
    "A key the format requires is absent. Every missing key of a file is reported, each at the table that "
    "should hold it.",
)
WRONG_TYPE = Code(
    "A004",
    "value has the wrong type",
    "`{key}` should be {expected}, not {actual}",
    "{suggestion}",
    "The value has another TOML type than the key takes (a string where an array is expected, a table "
    "where a string is expected), or is not one of the values the key allows.",
)
UNREADABLE = Code(
    "A005",
    "file cannot be read",
    "{where} cannot be read: {reason}",
    "{suggestion}",
    "A source the catalog needs is missing or is not text: the manifests folder does not exist, or a file "
    "is not UTF-8. Failures of the file system itself, such as a permission denied, are F001.",
)
TOO_MANY = Code(
    "A009",
    "too many problems in one file",
    "{count} more problems in this file are not listed",
    "fix the problems listed above, then run again",
    "A file has more problems than a report can usefully list (a generated file gone wrong, or a file "
    "that is not a manifest at all). The first ones are listed; this counts the rest.",
)
NOT_A_SLUG = Code(
    "A010",
    "name is not a lowercase slug",
    "name `{name}` is not a lowercase slug",
    "use lowercase letters, digits and single hyphens, such as `{example}`",
    "Agent names become file names and handoff targets, so they are lowercase slugs: letters a-z, digits "
    "and single hyphens, starting and ending with a letter or digit.",
)
NAME_MISMATCH = Code(
    "A011",
    "name differs from the file name",
    "name `{name}` differs from the file name `{file_name}`",
    "{suggestion}",
    "An agent's `name` equals its manifest's file stem, so that a name always tells where its source "
    "lives. Rename the file or fix the name; when the file name itself is no slug, rename the file.",
)
DUPLICATE_NAME = Code(
    "A012",
    "name used by two manifests",
    "name `{name}` is also used by {other}",
    "give every agent its own name",
    "Two manifests declare the same agent name. Names identify agents in handoffs and output paths, so "
    "each must be unique across the catalog.",
)
ESCAPES = Code(
    "A013",
    "path leads outside its folder",
    "{what} `{name}` leads outside {folder}",
    "{suggestion}",
    "A name or a path would make assembler read or write outside the place it belongs: `..`, an absolute "
    "path, or a symbolic link (a file's or a folder's) that leads out of the catalog root. Sources are "
    "never read from outside the root; outputs go outside it only where the configuration names such a "
    "folder explicitly.",
)
CONTROL_CHARACTER = Code(
    "A014",
    "text field holds a newline or control character",
    "`{key}` holds {char}; it must be one line of plain text",
    "join the text into one line without control characters",
    "One-line fields (names, tools, model, triggers, list items) may hold no line break, no control "
    "character and no character that reorders text for display, so that no value can add a heading to "
    "an agent or change what a reader sees.",
)
PLACEHOLDER = Code(
    "A015",
    "unsubstituted {{PLACEHOLDER}} token",
    "`{key}` still holds the placeholder {token}",
    "replace the placeholder with the real value",
    "A `{{NAME}}` token, as left behind by a wizard or a copied template, is still in a value.",
)
EMPTY = Code(
    "A016",
    "empty value",
    "`{key}` is empty",
    "{suggestion}",
    "A value that must say something is empty or only spaces: an empty name, trigger, list item or tool "
    "module text would render as a blank line or a bare bullet.",
)
NAME_TOO_LONG = Code(
    "A017",
    "name too long for a file name",
    "{what} `{name}` is {length} characters long; the limit is {limit}",
    "use a shorter name: it becomes part of a file name, and file names hold at most 255 bytes",
    "Agent, block, role and capability names become file names. A name longer than the limit would make "
    "a file name that most file systems refuse.",
)
OUTPUT_COLLISION = Code(
    "A019",
    "two manifests write the same file",
    "{output} is also written by {other}",
    "give each manifest its own output name",
    "Two manifests would write the same output file (for example two tool modules with the same `name`), "
    "so each build would overwrite the other's. Reported at both manifests.",
)
