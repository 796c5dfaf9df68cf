"""Measure `assembler import` on collections of agent files: how many import, and how many of those come
back unchanged after `build` (the same frontmatter mapping and body; see importer/roundtrip.py).

    python -m benchmarks.roundtrip COLLECTION_DIR... [--validate] [--json PATH]

Each folder is one collection, imported into a fresh catalog started with `--init`. A file the importer
refuses (an error at the source: frontmatter that does not parse even as Claude Code retries it, a name
that is no slug, two files of one name, a value outside Claude Code's vocabulary) counts as refused, with
its codes; a file without frontmatter as skipped. The accepted files are imported together, built, and
each built agent is compared with its source. `--validate` also runs Claude Code's validator over the
sources and over the built agents (`make claude-validator` installs it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assembler.diagnostics import Severity
from assembler.importer.roundtrip import differences
from assembler.importer.run import import_agents
from assembler.pipeline import plan_catalog


@dataclass
class Figures:
    collection: str
    files: int = 0
    skipped: int = 0  # no frontmatter: not agents
    refused: int = 0
    imported: int = 0
    lossless: int = 0
    claude_valid_sources: int | None = None
    claude_valid_built: int | None = None
    refusals: dict[str, int] = field(default_factory=dict)  # code -> files
    differing: dict[str, list[str]] = field(default_factory=dict)  # file -> what differs

    @property
    def share(self) -> float:
        return self.lossless / self.imported if self.imported else 1.0


def measure(folder: Path, *, check_with_claude: bool = False) -> Figures:
    figures = Figures(folder.name)
    files = sorted(str(p) for p in folder.rglob("*.md") if not any(part.startswith(".") for part in p.parts))
    figures.files = len(files)
    with tempfile.TemporaryDirectory(prefix="roundtrip-") as work:
        first = import_agents(Path(work), files, init=True, dry_run=True)
        refused: dict[str, set[str]] = {}
        skipped = set()
        for d in first.diagnostics:
            if d.code == "A122":
                skipped.add(d.file)
            elif d.severity is Severity.ERROR:
                refused.setdefault(d.file, set()).add(d.code)
        figures.skipped = len(skipped)
        figures.refused = len(refused)
        figures.refusals = dict(Counter(code for codes in refused.values() for code in codes))
        accepted = [f for f in files if f not in refused and f not in skipped]
        result = import_agents(Path(work), accepted, init=True)
        if not result.ok:
            raise SystemExit(f"{folder}: the accepted files failed to import together")
        figures.imported = len(result.manifests)
        plan = plan_catalog(Path(work), trust=False)
        built = {o.agent: o.text for o in plan.outputs if o.rel.endswith(".md") and o.text is not None}
        for manifest in result.manifests:
            name = Path(manifest.rel).stem
            source = Path(manifest.source).read_bytes().decode("utf-8")
            found = differences(source, built.get(name, ""))
            if found:
                figures.differing[manifest.source] = found
            else:
                figures.lossless += 1
        if check_with_claude:
            _validate(figures, files, skipped, built)
    return figures


def _validate(figures: Figures, files: list[str], skipped: set[str], built: dict[str, str]) -> None:
    from benchmarks.claude_code import claude_bin, validate

    claude = claude_bin()
    if claude is None:
        raise SystemExit("--validate needs Claude Code: run `make claude-validator`")
    agents = [f for f in files if f not in skipped]
    sources = {f"{i:04d}.md": Path(f).read_bytes() for i, f in enumerate(agents)}
    figures.claude_valid_sources = len(sources) - len(validate(sources, claude).problems)
    report = validate({f"{name}.md": text for name, text in built.items()}, claude)
    figures.claude_valid_built = len(built) - len(report.problems)


def table(all_figures: list[Figures]) -> str:
    rows = [
        "| collection | files | no frontmatter | refused | imported | lossless | share | "
        "Claude-valid sources | Claude-valid built |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    total = Figures("total")
    for f in [*all_figures, total]:
        if f is total:
            for g in all_figures:
                total.files += g.files
                total.skipped += g.skipped
                total.refused += g.refused
                total.imported += g.imported
                total.lossless += g.lossless
                if g.claude_valid_sources is not None:
                    total.claude_valid_sources = (total.claude_valid_sources or 0) + g.claude_valid_sources
                    total.claude_valid_built = (total.claude_valid_built or 0) + (g.claude_valid_built or 0)
        rows.append(
            f"| {f.collection} | {f.files} | {f.skipped} | {f.refused} | {f.imported} | {f.lossless} | "
            f"{100 * f.share:.1f} % | {_or_dash(f.claude_valid_sources)} | {_or_dash(f.claude_valid_built)} |"
        )
    return "\n".join(rows)


def _or_dash(value: int | None) -> str:
    return "—" if value is None else str(value)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.roundtrip", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--validate", action="store_true", help="run Claude Code's validator too")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    found = [measure(folder, check_with_claude=args.validate) for folder in args.folders]
    print(table(found))
    for f in found:
        if f.refusals:
            print(f"\n{f.collection}: refused by code: {dict(sorted(f.refusals.items()))}")
        for source, what in sorted(f.differing.items()):
            print(f"{f.collection}: not lossless: {source}: {', '.join(what)}")
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in found], indent=2) + "\n", encoding="utf-8")
    return 0 if all(f.share >= 0.99 for f in found) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
