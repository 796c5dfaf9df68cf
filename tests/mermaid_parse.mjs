// Parse Mermaid diagrams with Mermaid itself (tools/mermaid, `make mermaid`), under jsdom.
// Usage: node tests/mermaid_parse.mjs NODE_MODULES_DIR < diagrams.json
// Reads a JSON array of diagram texts; prints a JSON array with, for each, either
// {"ok": true, "type", "vertices": [{"id", "text", "type", "classes"}], "edges": [{"start", "end", "text", "stroke"}]}
// (each label decoded as Mermaid shows it) or {"ok": false, "error"}.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const modules = process.argv[2];
const require = createRequire(`${modules}/`);
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve("mermaid")).href);
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

// Mermaid keeps entity codes as placeholders until it draws; decode them the way it does.
function decoded(text) {
  const html = String(text).replaceAll("ﬂ°°", "&#").replaceAll("ﬂ°", "&").replaceAll("¶ß", ";");
  const area = document.createElement("textarea");
  area.innerHTML = html;
  return area.value;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = [...db.getVertices().values()].map((v) => ({
      id: v.id, text: decoded(v.text), type: v.type ?? null, classes: v.classes,
    }));
    const edges = db.getEdges().map((e) => ({ start: e.start, end: e.end, text: decoded(e.text), stroke: e.stroke }));
    results.push({ ok: true, type: parsed.diagramType, vertices, edges });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error) });
  }
}
console.log(JSON.stringify(results));
