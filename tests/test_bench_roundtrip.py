from __future__ import annotations

from pathlib import Path

from benchmarks.roundtrip import Figures, main, measure, table
from tests.conftest import write_tree

GOOD = "---\nname: {name}\ndescription: Does {name}.\ntools: Read\n---\nBody of {name}.  \n"


def test_a_collection_is_measured_file_by_file(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "coll/a.md": GOOD.format(name="a"),
            "coll/sub/b.md": GOOD.format(name="b"),
            "coll/README.md": "# not an agent\n",
            "coll/bad.md": "---\nname: Bad Name\ndescription: x\n---\n",
            "coll/dup1.md": GOOD.format(name="dup"),
            "coll/dup2.md": GOOD.format(name="dup"),
        },
    )
    figures = measure(tmp_path / "coll")
    assert (figures.files, figures.skipped, figures.refused, figures.imported, figures.lossless) == (
        6,
        1,
        3,
        2,
        2,
    )
    assert figures.refusals == {"A010": 1, "A012": 2}
    assert figures.share == 1.0 and figures.differing == {}
    assert table([figures]).splitlines()[2] == "| coll | 6 | 1 | 3 | 2 | 2 | 100.0 % | — | — |"


def test_the_exit_status_says_whether_99_in_100_came_back(tmp_path: Path) -> None:
    write_tree(tmp_path, {"coll/a.md": GOOD.format(name="a")})
    assert main([str(tmp_path / "coll"), "--json", str(tmp_path / "out.json")]) == 0
    assert '"lossless": 1' in (tmp_path / "out.json").read_text()
    assert Figures("x", imported=100, lossless=98).share < 0.99
