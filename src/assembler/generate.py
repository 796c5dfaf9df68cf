"""Rewrite the files derived from the code (`make schema`, `make readme`), or with `--check` fail when one is
out of date: `python -m assembler.generate schema|readme [--check]`. `schema` is the manifest's pydantic core
schema (`manifest_core.json`) and the JSON Schemas for editors in the repository's `schemas/`."""

from __future__ import annotations

import sys
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"  # the repository's; `make schema` writes it


def _write_or_check(path: Path, text: str, check: bool, command: str) -> int:
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if check:
        if current != text:
            print(f"{path.name} is out of date: run `{command}`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


def schema_text() -> str:
    from assembler import coreschema
    from assembler.manifest import Manifest, classes

    return coreschema.dumps(coreschema.derive(Manifest), classes())


def main(argv: list[str]) -> int:
    check = "--check" in argv
    what = [a for a in argv if a != "--check"]
    if what == ["schema"]:
        from assembler import schemas
        from assembler.coreschema import TARGET

        status = _write_or_check(TARGET, schema_text(), check, "make schema")
        for kind in schemas.KINDS:
            text = schemas.dumps(schemas.derive(kind))
            status = max(status, _write_or_check(SCHEMAS / f"{kind}.json", text, check, "make schema"))
        return status
    if what == ["readme"]:
        from assembler import readme

        current = readme.README.read_text(encoding="utf-8")
        return _write_or_check(readme.README, readme.update(current), check, "make readme")
    print("usage: python -m assembler.generate schema|readme [--check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
