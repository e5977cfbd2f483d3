// Starts the engine's worker from <head> on a question page, while the rest of the page is still
// arriving: on a slow laptop the page's other scripts can take half a second to get going.
// wizard.js adopts the worker (startEngine) with the messages it has sent meanwhile; without
// this script (or if it could not start a worker) wizard.js starts one itself.
(() => {
  "use strict";
  if (!window.Worker || !window.WebAssembly || !document.currentScript) return;
  const base = new URL("./", document.currentScript.src);
  let worker;
  try {
    worker = new Worker(new URL("wizard-worker.mjs", base), { type: "module" });
  } catch (error) {
    console.warn("Protocol Guide: the engine did not start early; the page will start it:", String(error && error.message || error));
    return;
  }
  const early = [];   // events until wizard.js takes over
  worker.onmessage = (event) => early.push(event);
  worker.onerror = (event) => early.push(event);
  worker.postMessage({ id: 0, op: "start", payload: { base: base.href } });
  window.ProtocolGuideEarlyEngine = { worker, early };
})();
