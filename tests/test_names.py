"""names: slugs, lineage links, the length limit, and the slug closest to a name for hints."""

from __future__ import annotations

import pytest

from assembler.names import LINK, NAME_LIMIT, SLUG, is_name, slugify


@pytest.mark.parametrize("name", ["a", "code-reviewer", "a1-b2", "x" * NAME_LIMIT])
def test_names(name: str) -> None:
    assert is_name(name)


@pytest.mark.parametrize("name", ["", "A", "a_b", "-a", "a-", "a--b", "a/b", "..", "x" * (NAME_LIMIT + 1)])
def test_not_names(name: str) -> None:
    assert not is_name(name)


def test_links() -> None:
    assert (
        LINK.fullmatch("[[baseline]]") and not LINK.fullmatch("[[Base]]") and not LINK.fullmatch("[baseline]")
    )
    assert SLUG.fullmatch("ok-1")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Doc_Writer", "doc-writer"),
        ("codeReviewer", "code-reviewer"),
        ("  A  B ", "a-b"),
        ("___", "code-reviewer"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert is_name(slugify(text))
