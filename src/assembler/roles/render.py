"""The substrate section's data, as the agent template receives it (README, "Template context"). Pure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assembler.roles.model import Role


def substrate_context(role: Role, normalize: Callable[[str], str]) -> dict[str, Any]:
    """`normalize` makes a capability text ready to place (line ends, blank lines at its ends)."""
    return {
        "name": role.name,
        "display_name": role.display_name,
        "description": role.description,
        "spawnable": role.spawnable,
        "claude_subagent_type": role.subagent_type,
        "escalation": role.escalation,
        "allowed_tools": None if role.allowed_tools is None else list(role.allowed_tools),
        "bash_patterns": list(role.bash_patterns),
        "pipeline": list(role.pipeline),
        "capabilities": [{"name": n, "text": normalize(t.text)} for n, t in role.capabilities],
    }
