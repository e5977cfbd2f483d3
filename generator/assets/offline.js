// Offline use: registers the site's service worker (sw.js at the site root, written by
// generator/offline.py with Workbox), which then caches the site and the wizards' engine in the
// background. Registered only once the page is usable, and on a wizard page only once its engine
// is ready (or given up), so a first visit downloads nothing more before it can be used.
// The worker stores no answers: they stay in the page's URL and the cache ignores the query.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const SCRIPT_URL = document.currentScript ? document.currentScript.src : "";
  if (!SCRIPT_URL) return;
  const ROOT = new URL("../../", SCRIPT_URL); // this script is <root>/assets/protocol-guide/offline.js
  const GIVE_UP_WAITING_MS = 120000; // an engine that never settles must not stop the site caching

  function register() {
    navigator.serviceWorker.register(new URL("sw.js", ROOT), { scope: ROOT.href })
      .catch((error) => console.warn("Protocol Guide: offline use is not available:", String(error && error.message || error)));
  }

  const idle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 1000));
  const starting = () => document.querySelector('.pg-wizard[data-engine="static"]');

  function whenSettled(fn) {
    if (!starting()) { fn(); return; }
    let done = false;
    const finish = () => { if (done) return; done = true; observer.disconnect(); clearTimeout(timer); fn(); };
    const observer = new MutationObserver(() => { if (!starting()) finish(); });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-engine"] });
    const timer = setTimeout(finish, GIVE_UP_WAITING_MS);
  }

  const start = () => whenSettled(() => idle(register));
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
})();
