"""Output targets. Each renders one file per agent from a template; a new format is a template plus a
module here with the same three functions as `claude`, registered in TARGETS."""

from __future__ import annotations

from types import ModuleType

from assembler.targets import claude

TARGETS: dict[str, ModuleType] = {"claude": claude}
