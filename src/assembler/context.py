"""The variables an agent template receives (documented in README, "Template context"). Pure."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assembler.assemble import Agent
from assembler.claudecode.frontmatter import lines
from assembler.roles.render import substrate_context

COMMON_REPORT_FIELDS = (
    "Status: done | partial | blocked",
    "Summary: <what was done, in two or three sentences>",
    "Evidence: <each claim with its grade and source>",
    "Files touched: <paths, or none>",
    "Open questions: <list, or none>",
    "Next: <handoff target and why, or none>",
)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """LF line ends and no blank lines at either end; every other character as written (trailing spaces are
    Markdown hard line breaks)."""
    text = lines(text).strip("\n")
    if not text.startswith((" ", "\t")) and not text.endswith((" ", "\t")):
        return text  # the common case: no line at either end can be blank
    parts = text.split("\n")
    start, end = 0, len(parts)
    while start < end and not parts[start].strip(" \t"):
        start += 1
    while end > start and not parts[end - 1].strip(" \t"):
        end -= 1
    return "\n".join(parts[start:end])


def fence_for(lines: list[str]) -> str:
    """A backtick fence longer than any run of backticks inside the fenced lines."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def agent_context(
    agent: Agent,
    *,
    generated_comment: str,
    tool_section: str | None = None,
    tool_report_fields: tuple[str, ...] = (),
    external_agents: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """`external_agents`: the agents the configuration declares as defined outside the catalog. Each target
    adds its `frontmatter` (Claude Code's is `targets/claude.py`'s)."""
    m = agent.manifest
    report_fields = [*COMMON_REPORT_FIELDS, *m.output_extra_fields, *tool_report_fields]
    return {
        "name": m.name,
        "description": m.description,
        "tools": None if m.tools is None else list(m.tools),
        "model": m.model,
        "generated_comment": generated_comment,
        "source": agent.source.rel,
        "role": normalize(m.role or ""),
        "body": None if m.body is None else lines(m.body),
        "substrate": None if agent.role is None else substrate_context(agent.role, normalize),
        "tool_section": None if tool_section is None else normalize(tool_section),
        "blocks": [{"name": n, "text": normalize(t.text)} for n, t in agent.blocks],
        "domain_in": list(m.domain_in),
        "forbidden_domain": list(m.forbidden_domain),
        "handoffs": [
            {
                "target": h.target,
                "trigger": h.trigger,
                "expects_artifact": h.expects_artifact,
                "produces_artifact": h.produces_artifact,
                "external": h.target in external_agents,
            }
            for h in m.handoff
        ],
        "report_title": f"{m.name.upper()} REPORT",
        "report_fields": report_fields,
        "report_fence": fence_for(report_fields),
        "references": list(m.references.extra),
        "taxonomy": None
        if m.taxonomy is None
        else {
            k: getattr(m.taxonomy, k)
            for k in ("kingdom", "mechanism", "domain", "layer", "stage", "stability", "language")
        },
        "lineage": None
        if m.lineage is None
        else {
            "creator": m.lineage.creator,
            "created": str(m.lineage.created),
            "parents": list(m.lineage.parents),
            "fork_from": m.lineage.fork_from,
            "successor": m.lineage.successor,
        },
    }
