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

// Every fetch Pyodide makes is counted on a copy (a clone) of its response. Pyodide gets the
// browser's own Response, untouched: WebAssembly.instantiateStreaming can then reuse the machine
// code the browser kept from an earlier visit, which a stream rebuilt here would prevent.
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
  if (response.ok && response.body) count(name, response.clone().body.getReader());
  return response;
};

async function count(name, reader) {
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) { report({ phase: `fetched ${name}` }, true); return; }
      received += value.byteLength;
      report({});
    }
  } catch (error) {
    report({ failed: `${name}: ${error && error.message || error}` }, true);
  }
}

// A second visit starts from a memory snapshot of the first one's Python, taken just after the
// engine was imported and before it answered anything (so it holds no one's answers), kept in
// this browser's Cache Storage under the runtime's version and the engine's hash: restoring it
// skips Python's start-up. Any failure to read, restore or write it only costs that speed-up.
// The cache name starts with the site's prefix (generator/offline.py CACHE_PREFIX).
const SNAPSHOTS = "protocol-guide-engine";

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function savedSnapshot(url) {
  if (!self.caches) return null;
  try {
    const hit = await (await caches.open(SNAPSHOTS)).match(url);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch (error) {
    console.warn("Protocol Guide: the saved engine snapshot could not be read:", String(error && error.message || error));
    return null;
  }
}

async function keepSnapshot(url, bytes) {
  if (!self.caches) return;
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) await cache.delete(old); // one runtime's snapshot at a time
    await cache.put(url, new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
  } catch (error) {
    console.warn("Protocol Guide: the engine snapshot could not be saved:", String(error && error.message || error));
  }
}

async function forgetSnapshots() {
  try { if (self.caches) await caches.delete(SNAPSHOTS); } catch (error) { /* nothing kept, nothing to forget */ }
}

async function start(base) {
  report({ phase: "runtime" }, true);
  const engineFile = fetch(new URL("engine.py", base)).then((response) => {   // beside the runtime's import
    if (!response.ok) throw new Error(`engine.py: HTTP ${response.status}`);
    return response.text();
  });
  const pyodideModule = await import(new URL("pyodide/pyodide.mjs", base).href);
  const source = await engineFile;
  const snapshotUrl = new URL(`engine-snapshot/${pyodideModule.version}-${await sha256(source)}`, base).href;
  const options = {
    indexURL: new URL("pyodide/", base).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", base).href,
    packages: [],
    fullStdLib: false,
  };
  const saved = await savedSnapshot(snapshotUrl);
  let pyodide = null;
  if (saved) {
    try {
      pyodide = await pyodideModule.loadPyodide({ ...options, _loadSnapshot: saved });
      engine = pyodide.pyimport("pg_engine");
      report({ phase: "python (from the snapshot)" }, true);
      return;
    } catch (error) {
      console.warn("Protocol Guide: the saved engine snapshot did not restore, starting afresh:", String(error && error.message || error));
      await forgetSnapshots();
    }
  }
  pyodide = await pyodideModule.loadPyodide({ ...options, _makeSnapshot: true });
  report({ phase: "python" }, true);
  pyodide.FS.writeFile("/home/pyodide/pg_engine.py", source);
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import pg_engine");
  let snapshot = null;
  try {
    snapshot = pyodide.makeMemorySnapshot(); // before any request: no answer is in it
  } catch (error) {
    console.warn("Protocol Guide: no engine snapshot for the next visit:", String(error && error.message || error));
  }
  engine = pyodide.pyimport("pg_engine");
  if (snapshot) keepSnapshot(snapshotUrl, snapshot); // in the background: the engine is ready now
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
