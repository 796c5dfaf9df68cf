"""assembler: validate a catalog of TOML agent manifests and render it."""

__version__ = "0.1.0"
