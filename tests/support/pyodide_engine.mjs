// Runs generator/engine.py in Pyodide under Node.js, from the pinned npm package: one JSON
// request per line in the file named by the first argument, one JSON reply per line on stdout (engine.handle's own format,
// or {"error": ...} where handle raised). A second argument names the standard library archive
// to start from (the site's trimmed one); the first line out gives the Python version and the
// archive files Python imported (as .py names, the archive holding them compiled). Used by tests/test_engine_parity.py.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { loadPyodide } = await import(join(root, "node_modules", "pyodide", "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") + "/",
                                   ...(process.argv[3] ? { stdLibURL: process.argv[3] } : {}) });
pyodide.FS.writeFile("/home/pyodide/pg_engine.py", readFileSync(join(root, "generator", "engine.py"), "utf8"));
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
const engine = pyodide.pyimport("pg_engine");
const version = pyodide.runPython("import sys; sys.version.split()[0]");

const lines = readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean);
const out = [];
for (const line of lines) {
  try { out.push(engine.handle(line)); } catch (error) {
    out.push(JSON.stringify({ error: String(error.message || error).trim().split("\n").pop() }));
  }
}
const imported = pyodide.runPython(`import sys, json
json.dumps(sorted({m.__file__.split(".zip/", 1)[1].removesuffix("c") for m in list(sys.modules.values())
                   if ".zip/" in (getattr(m, "__file__", None) or "")}))`);
out.unshift(JSON.stringify({ python: version, imported: JSON.parse(imported) }));
process.stdout.write(out.join("\n") + "\n");
