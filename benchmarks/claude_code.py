"""The real clients, run offline: Claude Code's own validator (`claude plugin validate --strict --json`)
and the YAML parser Claude Code reads frontmatter with (Bun's `Bun.YAML`).

`make claude-validator` installs both from the npm registry into `tools/claude-code/` (ignored by git):
`@anthropic-ai/claude-code` (its native binary, pinned: on Node 20 an unpinned install silently picks an
older release whose validator differs) and `bun`. `CLAUDE_BIN` and `BUN_BIN` point elsewhere.

The validator checks a plugin folder: the agents are copied under `agents/` of a throw-away plugin, with a
neutral plugin name (names that look like Anthropic's own are errors of the plugin). It runs with a
temporary HOME (it writes `~/.claude.json`) and `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1`, which stops
every network connection. One run takes about half a second for one agent or a thousand.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
TOOLS = REPO_ROOT / "tools" / "claude-code" / "node_modules" / ".bin"
_PLUGIN = {
    "name": "agent-check",
    "version": "0.0.0",
    "description": "Agents checked by the assembler test suite",
    "author": {"name": "assembler"},
    "license": "MIT",
}

# Claude Code's frontmatter reading (2.1.332): the block is `---`, optional white space, a line break, then
# everything up to the first `---` wherever it stands; the text between is read by Bun.YAML.parse.
_READER = r"""
const texts = JSON.parse(await Bun.stdin.text());
const block = /^---\s*\n([\s\S]*?)---\s*\n?/;
const out = texts.map((raw) => {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const found = text.indexOf("---", 3) < 0 ? null : text.match(block);
  if (!found) return { ok: false, error: "no frontmatter" };
  try {
    return { ok: true, value: Bun.YAML.parse(found[1] || ""), body: text.slice(found[0].length) };
  } catch (e) {
    return { ok: false, error: String(e && e.message) };
  }
});
console.log(JSON.stringify(out));
"""


def claude_bin() -> Path | None:
    found = Path(os.environ.get("CLAUDE_BIN", TOOLS / "claude"))
    return found if found.is_file() else None


def bun_bin() -> Path | None:
    found = Path(os.environ.get("BUN_BIN", TOOLS / "bun"))
    return found if found.is_file() else None


@dataclass
class Report:
    passed: bool
    problems: dict[str, list[str]] = field(default_factory=dict)  # agent file -> its errors and warnings
    output: str = ""


def validate(agents: Mapping[str, str | bytes], claude: Path) -> Report:
    """Run the validator once over `agents` (path under agents/ -> content)."""
    with tempfile.TemporaryDirectory(prefix="claude-validate-") as work:
        plugin = Path(work) / "agent-check"
        (plugin / ".claude-plugin").mkdir(parents=True)
        (plugin / ".claude-plugin" / "plugin.json").write_text(json.dumps(_PLUGIN), encoding="utf-8")
        for rel, content in agents.items():
            path = plugin / "agents" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        home = Path(work) / "home"
        home.mkdir()
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1"}
        run = subprocess.run(
            [str(claude), "plugin", "validate", "--strict", "--json", str(plugin)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        report = Report(run.returncode == 0, output=run.stdout + run.stderr)
        try:
            data: dict[str, Any] = json.loads(run.stdout)
        except json.JSONDecodeError:
            report.problems["(validator)"] = [report.output.strip() or f"exit status {run.returncode}"]
            return report
        prefix = str(plugin / "agents") + os.sep
        for entry in data.get("contents") or []:
            messages = [f"{p['path']}: {p['message']}" for p in entry["errors"] + entry["warnings"]]
            if messages:
                report.problems[str(entry["file"]).removeprefix(prefix)] = messages
        manifest = data.get("manifest") or {}
        plugin_messages = [m["message"] for m in manifest.get("errors", []) + manifest.get("warnings", [])]
        if plugin_messages:
            report.problems["(plugin.json)"] = plugin_messages
        return report


def read_frontmatters(texts: list[str], bun: Path) -> list[dict[str, Any]]:
    """Each text's frontmatter and body as Claude Code reads them: {ok, value, body} or {ok, error}."""
    with tempfile.TemporaryDirectory(prefix="bun-read-") as work:
        script = Path(work) / "read.js"
        script.write_text(_READER, encoding="utf-8")
        run = subprocess.run(
            [str(bun), str(script)],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "HOME": work, "BUN_INSTALL_CACHE_DIR": work},
            timeout=120,
            check=True,
        )
    found: list[dict[str, Any]] = json.loads(run.stdout)
    return found
