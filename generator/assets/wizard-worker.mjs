// Runs Pyodide off the main thread, so loading Python never freezes the page.
// The routing is done by engine.py, the same file the tests and the command line use.
//
// While starting, the worker reports progress (bytes arriving, each phase begun) so the page
// can tell a slow start from a stalled one instead of giving up after a fixed time. A download
// that fails is reported at once: Pyodide itself only warns and never settles in that case.
let engine = null;
let startId = null;
let lastReport = 0;
let received = 0;

const REPORT_EVERY_MS = 250;

function report(progress, force = false) {
  const now = Date.now();
  if (!force && now - lastReport < REPORT_EVERY_MS) return;
  lastReport = now;
  self.postMessage({ id: startId, progress: { received, ...progress } });
}

// Every fetch Pyodide makes, passed through a counter. The Response keeps the original headers,
// so WebAssembly.instantiateStreaming still sees application/wasm.
const plainFetch = self.fetch.bind(self);
self.fetch = async (resource, options) => {
  const name = String(resource).split("/").pop();
  let response;
  try {
    response = await plainFetch(resource, options);
  } catch (error) {
    // Reported, then answered as a failed response rather than thrown: Pyodide keeps some of
    // its fetches unawaited for a while, and a thrown error would surface as unhandled.
    report({ failed: `${name}: ${error && error.message || error}` }, true);
    return new Response(null, { status: 503, statusText: "network error" });
  }
  if (!response.ok) report({ failed: `${name}: HTTP ${response.status}` }, true);
  if (!response.ok || !response.body) return response;
  const reader = response.body.getReader();
  const counted = new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) { report({ phase: `fetched ${name}` }, true); controller.close(); return; }
        received += value.byteLength;
        report({});
        controller.enqueue(value);
      } catch (error) {
        report({ failed: `${name}: ${error && error.message || error}` }, true);
        controller.error(error);
      }
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
};

async function start(base) {
  report({ phase: "runtime" }, true);
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", base).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", base).href,
    packages: [],
    fullStdLib: false,
  });
  report({ phase: "python" }, true);
  const source = await (await fetch(new URL("engine.py", base))).text();
  pyodide.FS.writeFile("/home/pyodide/pg_engine.py", source);
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
  engine = pyodide.pyimport("pg_engine");
}

self.onmessage = async (event) => {
  const { id, op, payload } = event.data;
  try {
    if (op === "start") {
      startId = id;
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
