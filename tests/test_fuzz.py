"""Fuzzing the whole catalog with hypothesis: manifests, blocks, roles, capability texts and configuration,
mostly valid with random damage, sometimes garbage. On every run, whatever the input: an exit status from the
documented set, no traceback, `--format json` parses, nothing written unless the build succeeded, and a
successful build leaves a catalog that `check` finds in sync.

`make test` runs a short round (FUZZ_EXAMPLES, 40 by default); `make fuzz` runs 5,000 catalogs."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assembler import exits
from assembler.commands import cli
from tests.conftest import BLOCKS, MINIMAL_MANIFEST, role_file

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
NAMES = ["alpha", "beta", "gamma", "delta", "Delta_X", "a" * 140, "../up", ""]
HOSTILE = [
    "{{PLACEHOLDER}}",
    "${{ matrix.python }}",
    "assembler-stamp: PENDING",
    "assembler-stamp: agent::claude::00000000::00000000",
    "---",
    "key: value # not a comment",
    "\u202e reversed",
    "\ufeff",
    "```",
    '"""',
    "\\",
    "\x00",
    "line\nbreak",
    "é 中文 😀",
]

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
toml_scalar = st.one_of(
    text.map(json.dumps),  # a TOML basic string
    st.integers(-5, 10**6).map(str),
    st.sampled_from(["true", "false", "1.5", "2026-02-30", "2026-01-02", "inf", "nan"]),
)
toml_value = st.one_of(
    toml_scalar,
    st.lists(toml_scalar, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.just("{ a = 1 }"),
)
LINES = [*HOSTILE[:7], "  ", "# A heading", "- item", "```\ncode\n```"]
prose = st.lists(st.sampled_from(LINES), max_size=6).map("\n".join)
key = st.sampled_from(
    ["name", "description", "tools", "model", "role", "blocks", "domain_in", "forbidden_domain",
     "substrate_role", "output_extra_fields", "nmae", "tool_module", "memory_project", "extra"]
)  # fmt: skip


@st.composite
def manifest_text(draw: st.DrawFn, name: str, others: list[str]) -> str:
    """A minimal valid manifest, damaged at random, or plain garbage."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.text(max_size=200))
    target = draw(st.sampled_from([*others, *others, *others, "nobody", name, "physics-deriver"]))
    lines = MINIMAL_MANIFEST.format(name=name, target=target).splitlines()
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 1, 2, 4]))):
        action = draw(st.integers(0, 3))
        index = draw(st.integers(0, len(lines) - 1))
        if action == 0:
            del lines[index]
        elif action == 1:
            lines.insert(index, f"{draw(key)} = {draw(toml_value)}")
        elif action == 2 and "=" in lines[index] and not lines[index].startswith("["):
            lines[index] = f"{lines[index].split('=')[0]}= {draw(toml_value)}"
        else:
            lines.append(f"[[handoff]]\ntarget = {draw(toml_scalar)}\ntrigger = {json.dumps(draw(text))}")
    return "\n".join(lines) + "\n"


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, bytes]:
    if draw(st.integers(0, 3)) == 0:  # a quarter of the catalogs are valid, so builds and checks run too
        names = draw(st.lists(st.sampled_from(NAMES[:4]), min_size=2, max_size=4, unique=True))
        valid = {rel: text.encode() for rel, text in BLOCKS.items()}
        for i, name in enumerate(names):
            body = MINIMAL_MANIFEST.format(name=name, target=names[i - 1])
            valid[f"_manifests/{name}.toml"] = body.replace("You review patches.", draw(prose)).encode(
                "utf-8", "surrogatepass"
            )
        return valid
    names = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=4, unique=True))
    files: dict[str, bytes] = {}
    for name in names:
        stem = name if draw(st.integers(0, 9)) else draw(st.sampled_from(NAMES))
        if not stem or "/" in stem:
            stem = "odd"
        body = draw(manifest_text(name, [n for n in names if n != name]))
        data = body.encode("utf-8", "surrogatepass")
        if draw(st.integers(0, 29)) == 0:
            data = b"\xff\xfe" + data  # not UTF-8
        files[f"_manifests/{stem}.toml"] = data
    for rel, block in BLOCKS.items():
        if draw(st.integers(0, 19)):
            damage = ["", "", "", "\n```python\nopen fence\n", "\ufeff", "\n" + "x" * 50]
            extra = draw(st.sampled_from(damage))
            files[rel] = (extra + block if extra == "\ufeff" else block + extra).encode()
    if draw(st.booleans()):
        files["_roles/edit-local.toml"] = draw(
            st.sampled_from(
                [
                    '[capabilities]\nrequired = ["fs::read"]\n[tools]\nallowed = ["Read"]\n',
                    'extends = "edit-local"\n',
                    "[capabilities]\nrequired = 3\n",
                    role_file("edit-local", required=["fs::read"], allowed=["Read", "Grep", "Edit"]),
                    role_file("edit-local", extends="edit-local"),
                    role_file("edit-local", required=["fs::read"], relaxes=["fs::write"]),
                    role_file("edit-local", more='[tools]\nbash-patterns-allowed = ["(unclosed"]\n'),
                ]
            )
        ).encode()
        files["_capabilities/fs/read/text.md"] = draw(text).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 2)) == 0:
        config_key = st.sampled_from(
            [
                "artifacts",
                "extra_tools",
                "external_agents",
                "blocks_dir",
                "templates_dir",
                "generated_dir",
                "colour",
            ]
        )
        config = [f"{draw(config_key)} = {draw(toml_value)}"]
        if draw(st.booleans()):
            config.append('[path_aliases]\nproject-docs = "docs"')
        files["assembler.toml"] = "\n".join(config).encode("utf-8", "surrogatepass")
    return files


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), so a run that fails can be seen to leave no trace, not
    even a folder made for files it did not write."""
    return {
        str(p.relative_to(root)): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
        if p.is_file() or p.is_dir()
    }


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(catalogs(), st.sampled_from(["build", "check", "validate"]))
def test_any_catalog_gives_a_documented_outcome(files: dict[str, bytes], command: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        before = _snapshot(root)
        runner = CliRunner()
        result = runner.invoke(cli, [command, "--root", str(root), "--format", "json"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (exits.OK, exits.INPUT, exits.DRIFT, exits.FAULT), result.output
        event(f"{command} exit {result.exit_code}")
        document = json.loads(result.output)
        assert isinstance(document["diagnostics"], list)
        for d in document["diagnostics"]:
            assert d["code"] and d["file"] is not None and d["message"], d
        after = _snapshot(root)
        if command != "build" or result.exit_code != exits.OK:
            assert after == before, "files were written although the run did not succeed"
            return
        again = runner.invoke(cli, ["check", "--root", str(root), "--format", "json"])
        assert again.exit_code == exits.OK, again.output
