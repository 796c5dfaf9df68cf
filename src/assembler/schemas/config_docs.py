"""What each key of the configuration means, by dotted key path: the descriptions of its JSON Schema. A
test fails when a key of the configuration parser has no entry or an entry names no key."""

from __future__ import annotations

from assembler.schemas.targets_docs import config_descriptions

DESCRIPTIONS: dict[str, str] = {
    "manifests_dir": "The folder of the manifests, relative to the root and inside it.",
    "blocks_dir": "The folder of the Markdown blocks, relative to the root and inside it.",
    "generated_dir": "The output folder: relative to the root, or a folder outside it named explicitly "
    "(../shared-agents, ~/.claude/agents).",
    "roles_dir": "The folder of the substrate roles, relative to the root and inside it.",
    "capabilities_dir": "The folder of the capability texts, relative to the root and inside it.",
    "templates_dir": "An existing folder inside the root whose templates replace the built-in ones of the "
    "same name.",
    "obligatory_blocks": "Blocks every composed agent must list; replaces the built-in list.",
    "artifacts": "The artifact names handoffs may use; replaces the built-in list.",
    "extra_tools": "Tool names accepted besides Claude Code's own.",
    "extra_models": "Models accepted besides Claude Code's aliases and model ids.",
    "external_agents": "Agents defined outside the catalog, which handoffs and Agent(...) tool entries may "
    "name; none may also have a manifest.",
    "taxonomy": "Values added to the taxonomy's vocabularies, facet = [values].",
    "taxonomy.kingdom": "Values added to the kingdom facet.",
    "taxonomy.mechanism": "Values added to the mechanism facet.",
    "taxonomy.domain": "Values added to the domain facet.",
    "taxonomy.layer": "Values added to the layer facet.",
    "taxonomy.stage": "Values added to the stage facet.",
    "taxonomy.stability": "Values added to the stability facet.",
    "taxonomy.language": "Values added to the language facet.",
    "path_aliases": "Where path:ALIAS/... references point, ALIAS = location; a manifest may use only "
    "aliases declared here.",
    "min_handoffs": "How many handoffs every composed agent declares at least.",
    "required_sections": "The sections every composed agent fills in: role, domain_in, forbidden_domain, "
    "output_extra_fields, references.",
    "require_taxonomy": "Whether every manifest has a [taxonomy] table.",
    "require_lineage": "Whether every manifest has a [lineage] table.",
    "placeholder_pattern": 'A Python regular expression for a placeholder left in prose; "" switches the '
    "check off.",
    **config_descriptions(),
}
