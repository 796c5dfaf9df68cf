"""targets/kilo: Kilo Code, OpenCode's format under Kilo's name, folder and table."""

from __future__ import annotations

from assembler.targets.kilo import KILO
from assembler.targets.opencode import OPENCODE
from tests.target_cases import manifest, markdown, render


def test_kilo_writes_opencodes_format_from_its_own_table() -> None:
    assert (KILO.name, KILO.project_dir, KILO.templates) == (
        "kilo",
        ".kilo/agents",
        ("kilo_agent.md.j2", "prompt.md.j2"),
    )
    agent = manifest('tools = ["Read"]', "[targets.kilo]\nsteps = 7\n[targets.opencode]\nsteps = 9\n")
    kilo = markdown(render(KILO, agent)).frontmatter
    opencode = markdown(render(OPENCODE, agent)).frontmatter
    assert kilo["steps"] == 7 and opencode["steps"] == 9
    assert kilo["permission"] == opencode["permission"]
    bad = manifest(tables='[targets.kilo]\nmode = "helper"\n', body=True).manifest
    assert [(p.path, p.code) for p in KILO.check(bad)] == [(("targets", "kilo", "mode"), "A131")]
    assert OPENCODE.check(bad) == []
