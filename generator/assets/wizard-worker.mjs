// Runs Pyodide off the main thread, so loading Python never freezes the page.
// The routing is done by engine.py, the same file the tests and the command line use.
let engine = null;

async function start(base) {
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", base).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", base).href,
    packages: [],
    fullStdLib: false,
  });
  const source = await (await fetch(new URL("engine.py", base))).text();
  pyodide.FS.writeFile("/home/pyodide/pg_engine.py", source);
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
  engine = pyodide.pyimport("pg_engine");
}

self.onmessage = async (event) => {
  const { id, op, payload } = event.data;
  try {
    if (op === "start") {
      await start(payload.base);
      self.postMessage({ id, ok: true, result: { ready: true } });
      return;
    }
    const reply = engine.handle(JSON.stringify({ op, ...payload }));
    self.postMessage({ id, ok: true, result: JSON.parse(reply) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(error && error.message || error) });
  }
};
