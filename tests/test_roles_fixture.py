"""The role format end to end, on a catalog of our own in that format (tests/fixtures/roles_catalog): what it
builds, and every diagnostic of roles, capabilities and external agents, each from one change to a copy."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from assembler.diagnostics import Diagnostic, Severity
from assembler.pipeline import Plan, plan_catalog
from tests.conftest import REPO

TODAY = datetime.date(2026, 3, 1)
FIXTURE = REPO / "tests" / "fixtures" / "roles_catalog"

# What the catalog reports as it stands: the alias a role names, and the agent whose role is not spawnable.
WARNINGS = [
    (
        "A087",
        "_roles/reader.toml",
        11,
        13,
        "capability `tools::read-only` is an alias of `tools::no-edits`: renamed to tools::no-edits in 0.2; "
        "the old name works until 1.0",
    ),
    ("A088", "_manifests/integrator.toml", 5, 1, "substrate role `merger` is not spawnable"),
]


def copy(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(FIXTURE, root)
    return root


def edited(tmp_path: Path, edits: list[tuple[str, str, str]]) -> Path:
    """A copy of the fixture with each (file, old text, new text) replaced once."""
    root = copy(tmp_path)
    for rel, old, new in edits:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def plan(root: Path) -> Plan:
    return plan_catalog(root, today=TODAY)


def summary(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int | None, int | None, str]]:
    return [(d.code, d.file, d.line, d.column, d.message) for d in diagnostics]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    found = plan(copy(tmp_path_factory.mktemp("built")))
    assert found.ok, found.diagnostics
    return {o.rel.removeprefix("_generated/"): o.text or "" for o in found.outputs}


def test_the_catalog_builds_with_its_two_warnings(tmp_path: Path) -> None:
    found = plan(copy(tmp_path))
    assert found.ok
    assert summary(found.diagnostics) == WARNINGS
    assert all(d.severity is Severity.WARNING for d in found.diagnostics)
    assert sorted(o.rel for o in found.outputs) == [
        f"_generated/{name}.md" for name in ("checker", "implementer", "integrator", "porter", "scout")
    ]


def section(text: str) -> str:
    """The substrate section of a generated agent."""
    start = text.index("# SUBSTRATE")
    return text[start : text.index("\n# BASELINE", start)].strip("\n")


def test_the_substrate_section_word_for_word(built: dict[str, str]) -> None:
    assert section(built["implementer.md"]) == (
        "# SUBSTRATE: editor (workspace files, tests)\n"
        "\n"
        "Substrate role `editor` (Claude Code subagent type `general-purpose`): Changes files in the "
        "workspace and runs the tests; commits nothing.\n"
        "\n"
        "Shell commands: run a command line only when it matches one of these regular expressions:\n"
        "\n"
        "- `^pytest( |$)`\n"
        "- `^make( |$)`\n"
        "- `^git (status|diff)( |$)`\n"
        "\n"
        "Escalation: when the task is unclear, blocked, or reaches past this role, follow the escalation "
        "policy `ask-via-return`.\n"
        "\n"
        "## No commits\n"
        "\n"
        "Leave every change uncommitted in the working tree. Committing, pushing and branching belong to "
        "the\n"
        "orchestrator.\n"
        "\n"
        "## Workspace only\n"
        "\n"
        "Change files inside the task's workspace only, and only the ones the task names.\n"
        "\n"
        "## Tests pass\n"
        "\n"
        "Run the project's tests before you report, and report the command and its result.\n"
        "\n"
        "## Summary report\n"
        "\n"
        "End with what you did, what you checked and what is still open, one line each."
    )


def headings(text: str) -> list[str]:
    return [line for line in section(text).splitlines() if line.startswith("## ")]


def test_extends_gives_the_parents_capabilities_first_and_relaxes_drops(built: dict[str, str]) -> None:
    # reviewer extends reader (tools::read-only, an alias of tools::no-edits; output::summary), adds
    # output::verdict and relaxes output::summary
    assert headings(built["checker.md"]) == ["## No edits", "## Verdict"]
    # shared-editor extends editor and relaxes scope::workspace-only
    assert headings(built["porter.md"]) == ["## No commits", "## Tests pass", "## Summary report"]


def test_a_role_without_tools_takes_its_parents(built: dict[str, str]) -> None:
    porter = section(built["porter.md"])
    assert porter.startswith("# SUBSTRATE: editor (shared files named by the task)\n")
    assert "- `^pytest( |$)`\n- `^make( |$)`\n" in porter  # from the editor
    assert "follow the escalation policy `orchestrator-notify`." in porter  # its own


def test_the_pipeline_and_a_role_that_is_not_spawnable(built: dict[str, str]) -> None:
    assert (
        "\nPipeline: when your part is done, the work goes on to the role `merger`.\n" in built["checker.md"]
    )
    integrator = section(built["integrator.md"])
    assert integrator.splitlines()[2] == (
        "Substrate role `merger`: Merges reviewed branches; only the orchestrator's own session holds this "
        "role."
    )
    assert (
        "\nThis role is not spawnable: an orchestrator does not start agents of this role as subagents.\n"
        in (integrator)
    )
    assert "NOT-SPAWNABLE" not in integrator
    assert "Pipeline" not in integrator  # an empty handoff list says nothing


def test_a_role_without_shell_patterns_says_nothing_of_shell_commands(built: dict[str, str]) -> None:
    assert "Shell commands" not in built["scout.md"]


def test_an_alias_target_is_rendered_once(built: dict[str, str]) -> None:
    assert built["scout.md"].count("## No edits") == 1
    assert "tools::read-only" not in built["scout.md"]


def test_a_handoff_to_an_external_agent_is_marked(built: dict[str, str]) -> None:
    implementer = built["implementer.md"]
    assert (
        "- `legal-reviewer` (outside this catalog): the change touches a licence or a contract\n"
        in implementer
    )
    assert "- `checker`: the change is ready for review\n" in implementer


def test_every_agent_holds_its_capability_texts_and_blocks_in_order(built: dict[str, str]) -> None:
    expected = {
        "implementer": ["policy/no-commits", "scope/workspace-only", "quality/tests-pass", "output/summary"],
        "checker": ["tools/no-edits", "output/verdict"],
        "porter": ["policy/no-commits", "quality/tests-pass", "output/summary"],
        "scout": ["tools/no-edits", "output/summary"],
        "integrator": ["git/merge-reviewed"],
    }
    for agent, capabilities in expected.items():
        texts = [(FIXTURE / "_capabilities" / c / "text.md").read_text() for c in capabilities]
        texts += [(FIXTURE / "_blocks" / f"{b}.md").read_text() for b in ("baseline", "evidence-grading")]
        text, at = built[f"{agent}.md"], 0
        for part in texts:
            found = text.find(part.strip("\n"), at)
            assert found >= 0, (agent, part)
            at = found + len(part.strip("\n"))


# Each case: (file, text to replace, replacement) changes to the fixture, and the diagnostics the run then
# reports besides WARNINGS.
CASES: dict[str, tuple[list[tuple[str, str, str]], list[tuple[str, str, int, int, str]]]] = {
    "A001 syntax": (
        [("_roles/reviewer.toml", 'relaxes = ["output::summary"]', 'relaxes = ["output::summary"')],
        [
            (
                "A001",
                "_roles/reviewer.toml",
                13,
                1,
                "TOML syntax error: missing comma between array elements, expected `,`",
            )
        ],
    ),
    "A002 misspelt key": (
        [("_roles/editor.toml", "bash-patterns-allowed", "bash-pattern-allowed")],
        [("A002", "_roles/editor.toml", 18, 1, "unknown key in [tools] `bash-pattern-allowed`")],
    ),
    "A002 key in the wrong table": (
        [
            ("_roles/reviewer.toml", 'extends = "reader"              # the reader\'s list first\n', ""),
            ("_roles/reviewer.toml", "spawnable = true\n", 'spawnable = true\nextends = "reader"\n'),
        ],
        [("A002", "_roles/reviewer.toml", 6, 1, "unknown key in [role] `extends`")],
    ),
    "A002 unknown table": (
        [("_roles/merger.toml", "[escalation]", "[escalations]")],
        [("A002", "_roles/merger.toml", 15, 1, "unknown role file table `escalations`")],
    ),
    "A003 missing key": (
        [
            (
                "_roles/editor.toml",
                'description = "Changes files in the workspace and runs the tests; commits nothing."\n',
                "",
            )
        ],
        [("A003", "_roles/editor.toml", 1, 1, "missing required key `role.description`")],
    ),
    "A004 wrong type": (
        [("_roles/reader.toml", "spawnable = true", 'spawnable = "yes"')],
        [("A004", "_roles/reader.toml", 6, 1, "`role.spawnable` should be a boolean, not a string")],
    ),
    "A011 name is not the stem": (
        [("_roles/editor.toml", 'name = "editor"', 'name = "edit"')],
        [("A011", "_roles/editor.toml", 2, 1, "name `edit` differs from the file name `editor.toml`")],
    ),
    "A013 parent name leaves the folder": (
        [("_roles/shared-editor.toml", 'extends = "editor"', 'extends = "../editor"')],
        [("A013", "_roles/shared-editor.toml", 9, 1, "parent role `../editor` leads outside _roles/")],
    ),
    "A014 control character": (
        [("_roles/reader.toml", 'display-name = "reader (', 'display-name = "reader\\t(')],
        [
            (
                "A014",
                "_roles/reader.toml",
                4,
                1,
                "`role.display-name` holds a tab; it must be one line of plain text",
            )
        ],
    ),
    "A015 placeholder": (
        [("_roles/merger.toml", 'policy = "fail-fast"', 'policy = "{{POLICY}}"')],
        [("A015", "_roles/merger.toml", 16, 1, "`escalation.policy` still holds the placeholder {{POLICY}}")],
    ),
    "A016 empty": (
        [("_roles/reviewer.toml", 'claude-subagent-type = "critic"', 'claude-subagent-type = " "')],
        [("A016", "_roles/reviewer.toml", 6, 1, "`role.claude-subagent-type` is empty")],
    ),
    "A023 unclosed fence in a capability text": (
        [("_capabilities/output/verdict/text.md", "for it.\n", "for it.\n\n```text\nverdict: pass\n")],
        [
            (
                "A023",
                "_capabilities/output/verdict/text.md",
                5,
                1,
                "code fence opened on line 5 of the capability text is never closed: it swallows every "
                "section after it",
            )
        ],
    ),
    "A030 unknown tool": (
        [("_roles/editor.toml", '"Edit", "Write"', '"Edti", "Write"')],
        [("A030", "_roles/editor.toml", 17, 36, "unknown tool `Edti`")],
    ),
    "A032 tool the role does not allow": (
        [
            (
                "_manifests/scout.toml",
                'tools = ["Read", "Grep", "Glob"]',
                'tools = ["Read", "Grep", "Glob", "Bash"]',
            )
        ],
        [("A032", "_manifests/scout.toml", 3, 34, "tool `Bash` is not allowed by substrate role `reader`")],
    ),
    "A041 unknown handoff target": (
        [("_manifests/implementer.toml", 'target = "legal-reviewer"', 'target = "legal-reviewr"')],
        [
            (
                "A041",
                "_manifests/implementer.toml",
                18,
                1,
                "handoff target `legal-reviewr` is not an agent of the catalog",
            )
        ],
    ),
    "A050 taxonomy": (
        [("assembler.toml", '["audit", "merge"]', '["merge"]')],
        [("A050", "_roles/reviewer.toml", 22, 1, "`audit` is not a mechanism of the taxonomy")],
    ),
    "A060 creator": (
        [("_roles/editor.toml", 'creator = "fixture-author"', 'creator = "Fixture Author"')],
        [("A060", "_roles/editor.toml", 33, 1, "creator `Fixture Author` is not a slug")],
    ),
    "A061 date": (
        [("_roles/editor.toml", 'created = "2026-01-10"', 'created = "2026-02-30"')],
        [("A061", "_roles/editor.toml", 34, 1, "`2026-02-30` is not a real date")],
    ),
    "A062 future date": (
        [("_roles/editor.toml", 'created = "2026-01-10"', "created = 2027-01-10")],
        [("A062", "_roles/editor.toml", 34, 1, "created date 2027-01-10 lies in the future")],
    ),
    "A063 link form": (
        [("_roles/shared-editor.toml", 'parents = ["[[editor]]"]', 'parents = ["editor"]')],
        [("A063", "_roles/shared-editor.toml", 28, 12, "`editor` is not a [[slug]] link")],
    ),
    "A063 link to no role": (
        [("_roles/shared-editor.toml", 'parents = ["[[editor]]"]', 'parents = ["[[editr]]"]')],
        [("A063", "_roles/shared-editor.toml", 28, 12, "lineage link [[editr]] names no role")],
    ),
    "A065 deprecated without successor": (
        [("_roles/shared-editor.toml", 'stability = "beta"', 'stability = "deprecated"')],
        [
            (
                "A065",
                "_roles/shared-editor.toml",
                22,
                1,
                "`shared-editor` is deprecated but names no successor",
            )
        ],
    ),
    "A080 substrate role": (
        [("_manifests/porter.toml", 'substrate_role = "shared-editor"', 'substrate_role = "shared-edtor"')],
        [("A080", "_manifests/porter.toml", 5, 1, "substrate role `shared-edtor` not found")],
    ),
    "A080 parent role": (
        [("_roles/shared-editor.toml", 'extends = "editor"', 'extends = "editr"')],
        [("A080", "_roles/shared-editor.toml", 9, 1, "parent role `editr` not found")],
    ),
    "A080 pipeline role": (
        [("_roles/reviewer.toml", 'handoff = ["merger"]', 'handoff = ["merge"]')],
        [("A080", "_roles/reviewer.toml", 35, 12, "pipeline handoff role `merge` not found")],
    ),
    "A081 no text": (
        [("_roles/merger.toml", '"git::merge-reviewed"', '"git::merge-reviewed", "git::tag-release"')],
        [("A081", "_roles/merger.toml", 9, 36, "capability `git::tag-release` has no text")],
    ),
    "A081 not category::slug": (
        [("_roles/merger.toml", '"git::merge-reviewed"', '"merge-reviewed"')],
        [("A081", "_roles/merger.toml", 9, 13, "capability `merge-reviewed` has no text")],
    ),
    "A081 alias to nothing": (
        [
            (
                "_capabilities/tools/read-only/capability.toml",
                'alias = "tools::no-edits"',
                'alias = "tools::no-edit"',
            )
        ],
        [
            (
                "A081",
                "_capabilities/tools/read-only/capability.toml",
                4,
                1,
                "capability `tools::no-edit` has no text",
            )
        ],
    ),
    "A082 cycle through extends in [capabilities]": (
        [("_roles/reader.toml", "[capabilities]\n", '[capabilities]\nextends = "reviewer"\n')],
        [
            (
                "A082",
                "_roles/reviewer.toml",
                9,
                1,
                "roles extend each other in a cycle: reader -> reviewer -> reader",
            ),
        ],
    ),
    "A083 flat format": (
        [
            (
                "_roles/editor.toml",
                '[role]\nname = "editor"\ndisplay-name = "editor (workspace files, tests)"\n',
                "",
            )
        ],
        [
            (
                "A083",
                "_roles/editor.toml",
                1,
                1,
                "role file in the flat format of assembler 0.1, which is no longer read",
            )
        ],
    ),
    "A084 relaxes what the role lacks": (
        [
            (
                "_roles/shared-editor.toml",
                'relaxes = ["scope::workspace-only"]',
                'relaxes = ["scope::workspace-onyl"]',
            )
        ],
        [
            (
                "A084",
                "_roles/shared-editor.toml",
                11,
                12,
                "`relaxes` drops `scope::workspace-onyl`, which the role and its parents do not require",
            )
        ],
    ),
    "A085 bad pattern": (
        [("_roles/editor.toml", "'^make( |$)'", "'^make( |$'")],
        [
            (
                "A085",
                "_roles/editor.toml",
                18,
                42,
                "`^make( |$` is not a valid regular expression: missing ), unterminated subpattern (at "
                "character 6)",
            )
        ],
    ),
    "A086 alias cycle": (
        [
            (
                "_capabilities/tools/read-only/capability.toml",
                'alias = "tools::no-edits"',
                'alias = "tools::look-only"',
            )
        ],
        [
            (
                "A086",
                "_capabilities/tools/look-only/capability.toml",
                4,
                1,
                "capability aliases form a cycle: tools::read-only -> tools::look-only -> tools::read-only",
            )
        ],
    ),
    "A087 alias of an alias": (
        [("_roles/editor.toml", '"output::summary",', '"output::summary",\n    "tools::look-only",')],
        [
            (
                "A087",
                "_roles/editor.toml",
                14,
                5,
                "capability `tools::look-only` is an alias of `tools::no-edits`",
            )
        ],
    ),
    "A089 external agent with a manifest": (
        [("assembler.toml", '["legal-reviewer"]', '["legal-reviewer", "scout"]')],
        [
            (
                "A089",
                "_manifests/scout.toml",
                1,
                1,
                "agent `scout` is declared in external_agents but also has a manifest",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_diagnostic(tmp_path: Path, case: str) -> None:
    edits, expected = CASES[case]
    found = plan(edited(tmp_path, edits))
    assert [d for d in summary(found.diagnostics) if d not in WARNINGS] == expected
    errors = any(d.severity is Severity.ERROR for d in found.diagnostics)
    assert (found.outputs == []) == errors


HINTS = {
    "A002 misspelt key": "did you mean `bash-patterns-allowed`?",
    "A002 key in the wrong table": "`extends` belongs in the [capabilities] table",
    "A002 unknown table": "did you mean `escalation`?",
    "A041 unknown handoff target": "did you mean `legal-reviewer`? If it is defined outside the catalog, "
    "declare it in external_agents (assembler.toml)",
    "A080 substrate role": "did you mean `shared-editor`?",
    "A080 parent role": "did you mean `editor`?",
    "A080 pipeline role": "did you mean `merger`?",
    "A081 no text": "write _capabilities/git/tag-release/text.md, or fix the name",
    "A083 flat format": 'move the keys into tables: [role] name = "editor" and description, [capabilities] '
    "required, extends and relaxes, [tools] allowed (README, Substrate roles)",
    "A084 relaxes what the role lacks": "did you mean `scope::workspace-only`?",
    "A087 alias of an alias": "name `tools::no-edits` instead",
}


@pytest.mark.parametrize("case", list(HINTS))
def test_hints_word_for_word(tmp_path: Path, case: str) -> None:
    [found] = [
        d for d in plan(edited(tmp_path, CASES[case][0])).diagnostics if summary([d])[0] not in WARNINGS
    ]
    assert found.hint == HINTS[case]
