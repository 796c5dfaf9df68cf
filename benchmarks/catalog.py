"""Deterministic synthetic catalogs of realistic size, for the benchmark.

`generate_catalog(n, seed)` is pure: it returns every file of the catalog as text, keyed by its
path relative to the root. `write_catalog(root, n, seed)` writes them. The same `n` and `seed`
always give byte-identical files: one `random.Random(seed)` drawn in a fixed order, fixed word
lists, fixed dates, no timestamps.

Shape of a catalog of n agents:
- `assembler.toml` with the obligatory blocks and two path aliases;
- `_manifests/agent-NNNNN.toml`, 4.5-5.5 KB each: role prose, 8-12 `domain_in`, 5-10
  `forbidden_domain`, 3-6 handoffs to other agents, references, taxonomy, lineage;
- `_blocks/`: the 3 obligatory blocks plus a pool of 40 (1-4 KB); every agent uses the obligatory
  ones plus 3-5 from the pool, and `blk-shared-07` is used by exactly a tenth of the agents;
- `_roles/role-N.toml` (5 substrate roles) and `_capabilities/<category>/<slug>/text.md`;
- `docs/*.md`, the files that `path:project-docs/...` references point to.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

OBLIGATORY_BLOCKS = ("baseline", "evidence-grading", "memory-protocol")
SHARED_BLOCK = "blk-shared-07"
POOL_BLOCKS = tuple(SHARED_BLOCK if i == 7 else f"blk-{i:02d}" for i in range(40))
SHARED_FRACTION = 0.10
MIN_AGENTS = 10

ALL_TOOLS = (
    "Agent",
    "AskUserQuestion",
    "Bash",
    "Edit",
    "Glob",
    "Grep",
    "NotebookEdit",
    "Read",
    "Skill",
    "TaskList",
    "TodoWrite",
    "WebFetch",
    "WebSearch",
    "Write",
)  # fmt: skip  (Claude Code's current names: retired ones such as LS or MultiEdit warn, A111)

# name -> (description, required capabilities, allowed tools)
ROLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "role-0": (
        "Reads the workspace and the git state; changes nothing.",
        ("fs::read-workspace", "git::read-state"),
        ("Glob", "Grep", "Read", "TaskList"),
    ),
    "role-1": (
        "Edits files in the local workspace and runs local commands; no pushes or deploys.",
        ("fs::read-workspace", "fs::edit-workspace", "shell::run-local", "tasks::track"),
        ("Bash", "Edit", "Glob", "Grep", "Read", "Skill", "TaskList", "TodoWrite", "Write"),
    ),
    "role-2": (
        "Reads the workspace and public web pages to answer research questions.",
        ("fs::read-workspace", "web::fetch-public", "web::search"),
        ("Glob", "Grep", "Read", "WebFetch", "WebSearch"),
    ),
    "role-3": (
        "Reads and edits notebooks and the files next to them.",
        ("fs::read-workspace", "fs::edit-workspace", "notebook::edit"),
        ("AskUserQuestion", "Edit", "Glob", "Grep", "NotebookEdit", "Read", "Write"),
    ),
    "role-4": (
        "Plans work, tracks it and delegates it to other agents; runs local read-only commands.",
        ("fs::read-workspace", "git::read-state", "agent::delegate", "shell::run-local"),
        ("Agent", "Bash", "Glob", "Grep", "Read", "TodoWrite"),
    ),
}
CAPABILITIES = tuple(sorted({cap for _, caps, _ in ROLES.values() for cap in caps}))

MODELS = ("sonnet", "sonnet", "sonnet", "opus", "haiku", "inherit")
ARTIFACTS = ("spec", "plan", "patch", "review", "research")
MECHANISMS = ("gate", "verify", "transform", "store", "compose", "fetch", "analyze", "router")
DOMAINS = ("policy", "quality", "scope", "safety", "output", "tools", "research", "content", "task")
STAGES = ("design-time", "design-time", "runtime")
STABILITIES = ("stable", "stable", "stable", "beta", "experimental")
DATES = ("2025-09-02", "2025-11-18", "2026-01-15", "2026-02-27", "2026-03-30", "2026-04-20")
DOCS = ("README.md", "architecture.md", "testing.md", "release.md", "style.md", "glossary.md")
USER_RULES = ("code-style.md", "git.md", "reporting.md", "security.md")

SUBJECTS = (
    "You", "When asked, you", "Before anything else, you", "Where the plan is unclear, you",
    "On every task you", "If the evidence is thin, you", "At the end of the work you",
    "When a check fails, you", "Given a spec, you", "Working alone, you",
)  # fmt: skip
VERBS = (
    "read", "compare", "summarise", "verify", "trace", "review", "measure", "document",
    "rebuild", "audit", "reproduce", "split", "question", "rank", "pin down", "name",
)  # fmt: skip
GERUNDS = (
    "Reading", "Comparing", "Summarising", "Verifying", "Tracing", "Reviewing", "Measuring",
    "Documenting", "Rebuilding", "Auditing", "Reproducing", "Splitting", "Ranking", "Checking",
)  # fmt: skip
OBJECTS = (
    "the failing test and the fixture behind it", "every change to the public interface",
    "the configuration that the job actually loaded", "the smallest patch that does the job",
    "the benchmark figures against the previous release", "each claim in the draft report",
    "the dependency tree of the package", "the logs of the last three runs",
    "the schema of the data the pipeline writes", "the budget left for paid compute",
    "the error messages a user will see", "the open questions from the last review",
    "the commands that reproduce the problem", "the owners of the affected modules",
    "the migration plan for the stored records", "the edge cases the spec leaves open",
    "the `pyproject.toml` settings that the linters read", "the exit codes of the CLI",
)  # fmt: skip
QUALIFIERS = (
    "before you report anything", "and quote the command you ran", "without touching the files "
    "of other agents", "and say how sure you are", "so that a reviewer can repeat it",
    "and keep observations apart from guesses", "in the order a newcomer would need them",
    "and stop when the budget is spent", "with a link to the line you relied on",
    "and flag anything that looks out of scope", "rather than describing them from memory",
    "and write down what you could not check", "using only the tools your role allows",
)  # fmt: skip
FORBIDDEN = (
    "Changing", "Deleting", "Publishing", "Rewriting", "Deploying", "Approving", "Merging",
    "Silencing", "Skipping",
)  # fmt: skip
TRIGGERS = (
    "The work reaches into", "A second opinion is needed on", "The task turns out to be about",
    "The plan is agreed and someone must implement", "The evidence is not enough to judge",
    "The patch is ready and needs a review of",
)  # fmt: skip
FIELDS = (
    "Files changed", "Tests added", "Checks run", "Open questions", "Sources", "Confidence",
    "Cost", "Next step", "Risks", "Decisions",
)  # fmt: skip
TOPICS = (
    "REVIEW DISCIPLINE", "ERROR BUDGET", "PRE-DEV GATE", "SCOPE CONTROL", "REPORTING",
    "COST GUARD", "DATA HANDLING", "TEST FIRST", "SOURCE QUALITY", "HANDOFF ETIQUETTE",
)  # fmt: skip


@dataclass(frozen=True)
class CatalogInfo:
    """What `write_catalog` wrote, and what the benchmark needs to know about it."""

    root: Path
    agents: tuple[str, ...]
    shared_block: Path
    shared_block_users: int
    total_bytes: int


def toml_str(text: str) -> str:
    """A TOML basic string. JSON's escapes are a subset of TOML's; TOML also wants DEL escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_multiline(text: str) -> str:
    """A TOML multi-line basic string; every line is escaped as a basic string."""
    lines = (toml_str(line)[1:-1] for line in text.split("\n"))
    return '"""\n' + "\n".join(lines) + '"""'


def toml_list(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(toml_str(item) for item in items) + "]"


def toml_item_list(items: list[str]) -> str:
    """A list of long items, one per line, as people write them."""
    return "[\n" + "".join(f"    {toml_str(item)},\n" for item in items) + "]"


def agent_name(index: int) -> str:
    return f"agent-{index:05d}"


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."


def _item(rng: random.Random) -> str:
    return f"{rng.choice(GERUNDS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"


def _block(name: str, rng: random.Random, size: int) -> str:
    """Markdown of `size` - 250 to `size` bytes: a title, sections of rules, one closed fence."""
    title = name.upper().replace("-", " ")
    parts = [f"# {title}: {rng.choice(TOPICS)}\n\n{_sentence(rng)} {_sentence(rng)}\n"]
    parts.append(f"\n```text\n{rng.choice(OBJECTS)}\n```\n")
    length = sum(len(part.encode()) for part in parts)
    while True:
        section = f"\n## {rng.choice(TOPICS).title()}\n\n"
        bullets = [f"- {_sentence(rng)}\n" for _ in range(rng.randint(2, 5))]
        for piece in (section, *bullets):
            piece_len = len(piece.encode())
            if length + piece_len > size:
                return "".join(parts)
            parts.append(piece)
            length += piece_len


def _capability(cap: str, rng: random.Random) -> str:
    bullets = "".join(f"- {_sentence(rng)}\n" for _ in range(rng.randint(3, 5)))
    return f"## {cap}\n\n{bullets}"


def _role(name: str, description: str, caps: tuple[str, ...], tools: tuple[str, ...]) -> str:
    """A role file in the real format: every table the format has, shell patterns where Bash is allowed."""
    patterns = "['^(make|pytest)( |$)', '^git (status|diff)( |$)']" if "Bash" in tools else "[]"
    return (
        f"[role]\nname = {toml_str(name)}\ndisplay-name = {toml_str(name.replace('-', ' '))}\n"
        f"description = {toml_str(description)}\nspawnable = true\n\n"
        f"[capabilities]\nrequired = {toml_list(caps)}\n\n"
        f"[tools]\nallowed = {toml_list(tools)}\nbash-patterns-allowed = {patterns}\n\n"
        '[escalation]\npolicy = "ask-via-return"\n\n'
        '[taxonomy]\nkingdom = "role"\nmechanism = "compose"\ndomain = "agent"\nlayer = "agent-substrate"\n'
        'stage = "design-time"\nstability = "stable"\nlanguage = "toml"\n\n'
        '[lineage]\ncreator = "bench-generator"\ncreated = "2026-01-15"\n'
    )


def _manifest(index: int, n_agents: int, pool_blocks: list[str], rng: random.Random, *, shared: bool) -> str:
    """One agent manifest of 4.5-5.5 KB; the role prose is grown last to reach the drawn size."""
    name = agent_name(index)
    target_size = rng.randint(4600, 5400)
    role_name = rng.choice(sorted(ROLES)) if rng.random() < 0.85 else None
    offered = ROLES[role_name][2] if role_name else ALL_TOOLS
    tools = sorted(rng.sample(offered, rng.randint(3, min(7, len(offered)))))
    others = [b for b in pool_blocks if b != SHARED_BLOCK]
    extra = rng.sample(others, rng.randint(3, 5) - int(shared))
    blocks = [*OBLIGATORY_BLOCKS, *([SHARED_BLOCK] if shared else []), *sorted(extra)]
    n_handoffs = min(rng.randint(3, 6), n_agents - 1)
    # Distinct targets other than `index`: draw from n-1 slots and skip over our own.
    targets = [t + (t >= index) for t in rng.sample(range(n_agents - 1), n_handoffs)]
    parent = agent_name(rng.randrange(index)) if index and rng.random() < 0.25 else "baseline"

    head = [
        f"# Synthetic agent {index} of {n_agents}, written by benchmarks/catalog.py.",
        f"name = {toml_str(name)}",
        f"description = {toml_str(_item(rng) + '. Use for ' + rng.choice(OBJECTS) + '.')}",
        f"tools = {toml_list(tools)}",
        f"model = {toml_str(rng.choice(MODELS))}",
    ]
    if role_name:
        head.append(f"substrate_role = {toml_str(role_name)}")
    tail = [
        f"blocks = {toml_list(blocks)}",
        f"domain_in = {toml_item_list([_item(rng) for _ in range(rng.randint(8, 12))])}",
        "forbidden_domain = "
        + toml_item_list(
            [
                f"{rng.choice(FORBIDDEN)} {rng.choice(OBJECTS)}: hand these to {agent_name(t)}"
                for t in rng.choices(targets, k=rng.randint(5, 10))
            ]
        ),
        "output_extra_fields = "
        + toml_item_list(
            [f"{field}: <{rng.choice(OBJECTS)}>" for field in rng.sample(FIELDS, rng.randint(3, 5))]
        ),
    ]
    for target in targets:
        lines = [
            "\n[[handoff]]",
            f"target = {toml_str(agent_name(target))}",
            f"trigger = {toml_str(rng.choice(TRIGGERS) + ' ' + rng.choice(OBJECTS))}",
        ]
        if rng.random() < 0.5:
            lines.append(f"expects_artifact = {toml_str(rng.choice(ARTIFACTS))}")
        if rng.random() < 0.6:
            lines.append(f"produces_artifact = {toml_str(rng.choice(ARTIFACTS))}")
        tail.append("\n".join(lines))
    references = [
        f"path:project-docs/{rng.choice(DOCS)}",
        f"path:user-rules/{rng.choice(USER_RULES)}",
        f"https://example.org/docs/{rng.choice(VERBS).replace(' ', '-')}",
    ]
    tail.append(f"\n[references]\nextra = {toml_item_list(references)}")
    tail.append(
        "\n[taxonomy]\n"
        'kingdom = "manifest"\n'
        f"mechanism = {toml_str(rng.choice(MECHANISMS))}\n"
        f"domain = {toml_str(rng.choice(DOMAINS))}\n"
        'layer = "agent-substrate"\n'
        f"stage = {toml_str(rng.choice(STAGES))}\n"
        f"stability = {toml_str(rng.choice(STABILITIES))}\n"
        'language = "toml"'
    )
    tail.append(
        "\n[lineage]\n"
        'creator = "bench-generator"\n'
        f"created = {toml_str(rng.choice(DATES))}\n"
        f"parents = {toml_list([f'[[{parent}]]'])}"
    )
    fixed = len(("\n".join(head + tail) + "\n").encode())
    paragraphs: list[list[str]] = [[_sentence(rng)], [_sentence(rng)]]
    # role = """\n ... \n""" adds 20 bytes around the prose; each sentence adds its length + 1.
    budget = target_size - fixed - 20 - sum(len(p[0].encode()) + 2 for p in paragraphs)
    while budget > 0:
        sentence = _sentence(rng)
        paragraphs[rng.randrange(len(paragraphs))].append(sentence)
        if rng.random() < 0.08 and len(paragraphs) < 4:
            paragraphs.append([])
        budget -= len(sentence.encode()) + 1
    prose = "\n\n".join(" ".join(p) for p in paragraphs if p)
    role = f"role = {toml_multiline(prose + chr(10))}"
    return "\n".join([*head, role, *tail]) + "\n"


# The six targets the issue names, for the benchmark's rows of several targets.
SIX_TARGETS = ("claude", "copilot", "codex", "opencode", "cursor", "kiro")


def generate_catalog(
    n_agents: int, seed: int = 0, targets: tuple[str, ...] = ()
) -> tuple[dict[str, str], list[str]]:
    """Every file of the catalog by relative path, and the agents that use the shared block. `targets`:
    the targets its configuration chooses (none: Claude Code alone)."""
    if n_agents < MIN_AGENTS:
        raise ValueError(f"a catalog needs at least {MIN_AGENTS} agents, got {n_agents}")
    rng = random.Random(seed)
    files: dict[str, str] = {
        "assembler.toml": (
            f"obligatory_blocks = {toml_list(OBLIGATORY_BLOCKS)}\n\n"
            "[path_aliases]\n"
            'user-rules = "~/.claude/rules"\n'
            'project-docs = "docs"\n' + "".join(f"\n[targets.{name}]\n" for name in targets)
        )
    }
    for doc in DOCS:
        files[f"docs/{doc}"] = f"# {doc.removesuffix('.md').title()}\n\n{_sentence(rng)}\n"
    for name in OBLIGATORY_BLOCKS:
        files[f"_blocks/{name}.md"] = _block(name, rng, rng.randint(1800, 2600))
    for name in POOL_BLOCKS:
        files[f"_blocks/{name}.md"] = _block(name, rng, rng.randint(1300, 4096))
    for cap in CAPABILITIES:
        category, slug = cap.split("::")
        files[f"_capabilities/{category}/{slug}/text.md"] = _capability(cap, rng)
    for role_name, (description, caps, tools) in ROLES.items():
        files[f"_roles/{role_name}.toml"] = _role(role_name, description, caps, tools)
    n_shared = round(n_agents * SHARED_FRACTION)
    shared_users = set(rng.sample(range(n_agents), n_shared))
    pool = list(POOL_BLOCKS)
    for index in range(n_agents):
        files[f"_manifests/{agent_name(index)}.toml"] = _manifest(
            index, n_agents, pool, rng, shared=index in shared_users
        )
    return files, [agent_name(i) for i in sorted(shared_users)]


def write_catalog(root: Path, n_agents: int, seed: int = 0, targets: tuple[str, ...] = ()) -> CatalogInfo:
    """Write a synthetic catalog of `n_agents` agents under `root` (created if missing), for `targets`
    (none: Claude Code alone)."""
    files, shared_users = generate_catalog(n_agents, seed, targets)
    made: set[Path] = set()
    total = 0
    for rel, text in files.items():
        path = root / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode()
        path.write_bytes(data)
        total += len(data)
    return CatalogInfo(
        root=root,
        agents=tuple(agent_name(i) for i in range(n_agents)),
        shared_block=root / "_blocks" / f"{SHARED_BLOCK}.md",
        shared_block_users=len(shared_users),
        total_bytes=total,
    )
