from __future__ import annotations

from assembler.importer.roundtrip import differences

SOURCE = "---\nname: a\ndescription: d\ntools: Read, Grep\nlevel: 3\n---\n\nBody  \nend"
COMMENT = "<!-- generated -->\n"


def built(frontmatter: str, body: str) -> str:
    return f"---\n{frontmatter}---\n{COMMENT}{body}"


def test_the_same_agent_as_claude_code_reads_it() -> None:
    same = built("name: a\ndescription: d\ntools:\n- Read\n- Grep\nlevel: 3\n", "\nBody  \nend\n")
    assert differences(SOURCE, same) == []
    assert differences(SOURCE.replace("\n", "\r\n"), same) == []


def test_what_differs_is_named() -> None:
    assert differences(
        SOURCE, built("name: a\ndescription: d\ntools: Read\nlevel: '3'\n", "\nBody\nend\n")
    ) == [
        "frontmatter `level`",
        "frontmatter `tools`",
        "body",
    ]
    assert differences(SOURCE, built("name: a\ndescription: d\ntools: Read, Grep\n", "\nBody  \nend\n")) == [
        "frontmatter `level`"
    ]


def test_no_tools_key_differs_from_no_tools() -> None:
    source = "---\nname: a\ndescription: d\ntools:\n---\nB\n"
    assert differences(source, built("name: a\ndescription: d\ntools: ''\n", "B\n")) == []
    assert differences(source, built("name: a\ndescription: d\n", "B\n")) == ["frontmatter `tools`"]


def test_an_unreadable_file() -> None:
    assert differences("no frontmatter", built("name: a\n", "")) == [
        "one of the files has no readable frontmatter"
    ]
