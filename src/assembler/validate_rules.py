"""The catalog's rules for what an agent must have beyond what Claude Code requires, as the configuration
sets them (`required_sections`, `require_taxonomy`, `require_lineage`; `obligatory_blocks` and
`min_handoffs` are checked with the blocks and handoffs), and the rule that an agent is either composed
(`role` and sections) or given verbatim (`body`). Pure: the model and configuration in, problems out."""

from __future__ import annotations

from assembler.codes import general
from assembler.config import Config
from assembler.diagnostics import Problem
from assembler.manifest import COMPOSED_KEYS, Manifest


def section(m: Manifest, key: str) -> object:
    """The content of a section (a composed key) of the manifest; empty when it has none."""
    if key == "references":
        return m.references.extra
    value: object = getattr(m, key)
    return value


def check_rules(m: Manifest, config: Config) -> list[Problem]:
    problems = _body(m, config) if m.body is not None else _composed(m, config)
    for key, value, flag in (
        ("taxonomy", m.taxonomy, config.require_taxonomy),
        ("lineage", m.lineage, config.require_lineage),
    ):
        if flag and value is None:
            problems.append(
                general.MISSING_KEY.at(
                    (),
                    key=key,
                    suggestion=f"add a [{key}] table (see README), or set require_{key} = false in "
                    "assembler.toml",
                )
            )
    return problems


def _composed(m: Manifest, config: Config) -> list[Problem]:
    if m.role is None:
        return [
            general.MISSING_KEY.at(
                (),
                key="role",
                suggestion='write role = """...""" and the sections around it, or body = """...""" for the '
                "agent's text as it is",
            )
        ]
    empty = [key for key in config.required_sections if not _filled(section(m, key))]
    if not empty:
        return []
    from assembler.codes import claude

    return [claude.SECTION_REQUIRED.at((key,), key=key) for key in empty]


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def _body(m: Manifest, config: Config) -> list[Problem]:
    from assembler.codes import claude

    problems = [
        claude.BODY_WITH_SECTIONS.at(
            (key,),
            key=key,
            suggestion="move what it says into body, or write role instead of body to compose the agent",
        )
        for key in COMPOSED_KEYS
        if section(m, key) not in (None, (), "")
    ]
    requirements = []
    if config.obligatory_blocks:
        requirements.append(f"the blocks {', '.join(config.obligatory_blocks)}")
    if config.min_handoffs:
        requirements.append(f"at least {config.min_handoffs} handoff(s)")
    if config.required_sections:
        requirements.append(f"the sections {', '.join(config.required_sections)}")
    if requirements:
        problems.append(claude.BODY_BREAKS_RULES.at(("body",), requirements="; ".join(requirements)))
    return problems
