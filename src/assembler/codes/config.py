"""Codes for the configuration and the templates."""

from __future__ import annotations

from assembler.codes import Code

BAD_CONFIG = Code(
    "A090",
    "invalid configuration",
    "`{key}` must be {expected}",
    "{example}",
    "A configuration value has the wrong shape, or names a folder that cannot be used (for example a "
    "`templates_dir` that does not exist).",
)
TEMPLATE_ERROR = Code(
    "A091",
    "template error",
    "template {template} failed: {reason}",
    "{suggestion}",
    "A template could not be loaded or rendered: a jinja syntax error, a variable the context does not "
    "have, or a generated comment that is missing or not at its place. The position is the template's "
    "line when jinja knows it.",
)
