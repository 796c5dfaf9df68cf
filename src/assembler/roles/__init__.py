"""Substrate roles: `_roles/<role>.toml` in the format of the KeiSeiKit catalog, the roles it extends, and
the capabilities it requires.

The stages, each a module: `shape` checks the tables and keys of a file, `parse` reads a role file into a
`RoleFile` and `values` checks what it says; `capabilities` finds a capability's text, following alias
stubs; `resolve` combines a role with its parents into a `Role`; `use` holds what the catalog does with
roles (warnings at manifests, every role file checked once per run); `render` gives a template the
substrate section's data.
"""

from __future__ import annotations

from assembler.roles.model import Role, RoleResult
from assembler.roles.resolve import resolve_role
from assembler.roles.use import check_role_tools, check_roles, role_warnings

__all__ = ["Role", "RoleResult", "check_role_tools", "check_roles", "resolve_role", "role_warnings"]
