// Wizard front end. The page already holds every step as plain HTML that works without
// JavaScript; this script makes it one-question-at-a-time, keeps answers in the URL, and hands
// routing to the Python engine (Pyodide in a module Web Worker) once that is ready. Until then,
// or if it never becomes ready, it follows the routes written into the HTML by the generator.
(function () {
  "use strict";
  const SCRIPT_URL = document.currentScript ? document.currentScript.src : "";
  const BASE = new URL("./", SCRIPT_URL || location.href); // .../assets/protocol-guide/
  const READY_TIMEOUT_MS = 20000;
  let engine = null; // shared by every wizard on the page

  // --- the engine: one worker per page, started after the page is usable --------------------
  function startEngine() {
    if (engine) return engine;
    const pending = new Map();
    let nextId = 1;
    let worker;
    const call = (op, payload) => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, payload });
    });
    const ready = new Promise((resolve, reject) => {
      if (!window.Worker || !window.WebAssembly) { reject(new Error("unsupported")); return; }
      try {
        worker = new Worker(new URL("wizard-worker.mjs", BASE), { type: "module" });
      } catch (error) { reject(error); return; }
      worker.onmessage = (event) => {
        const { id, ok, result, error } = event.data;
        const waiter = pending.get(id);
        pending.delete(id);
        if (waiter) (ok ? waiter.resolve(result) : waiter.reject(new Error(error)));
      };
      worker.onerror = (event) => { reject(new Error(event.message || "worker failed")); };
      const timer = setTimeout(() => reject(new Error("timeout")), READY_TIMEOUT_MS);
      call("start", { base: BASE.href }).then((r) => { clearTimeout(timer); resolve(r); }, reject);
    });
    ready.catch(() => { if (worker) worker.terminate(); });
    engine = { ready, call };
    return engine;
  }

  // --- one wizard ----------------------------------------------------------------------------
  function mount(root) {
    if (root.dataset.mounted) return;
    root.dataset.mounted = "true";
    const id = root.dataset.wizard;
    const key = root.dataset.council + "/" + id;
    const version = root.dataset.version;
    const steps = new Map([...root.querySelectorAll(".pg-step")].map((s) => [s.dataset.step || s.dataset.outcome, s]));
    const start = root.querySelector(".pg-step").dataset.step;
    const questionIds = new Set([...root.querySelectorAll("[data-question]")].map((s) => s.dataset.question));
    const notice = root.querySelector("[data-notice]");
    const announce = root.querySelector("[data-announce]");
    const summary = root.querySelector("[data-summary]");
    const summaryList = root.querySelector("[data-summary-list]");
    const actions = root.querySelector("[data-actions]");
    const msg = (name) => (root.querySelector(`[data-msg="${name}"]`) || {}).textContent || "";
    let answers = {};
    let viewing = null; // a step chosen with "change", shown instead of where the walk stops
    let useEngine = false;
    let lastResult = null;

    root.classList.add("pg-js");
    actions.hidden = false;

    // The same walk as engine.walk, over the routes in the HTML: used until the engine is ready.
    function staticWalk(given) {
      const path = [];
      const used = new Set();
      const invalid = {};
      let node = start;
      while (steps.has(node) && steps.get(node).dataset.question) {
        const q = steps.get(node).dataset.question;
        const a = given[q];
        if (a === undefined) break;
        const link = steps.get(node).querySelector(`a[data-answer="${CSS.escape(a)}"]`);
        if (!link || used.has(q)) { invalid[q] = a; break; }
        path.push({ step: node, question: q, answer: a });
        used.add(q);
        node = link.dataset.next;
      }
      const dropped = {};
      for (const [q, a] of Object.entries(given)) if (!used.has(q) && !(q in invalid)) dropped[q] = a;
      const isOutcome = steps.has(node) && steps.get(node).dataset.outcome !== undefined;
      return { path, dropped, invalid, step: isOutcome ? null : node, outcome: isOutcome ? node : null };
    }

    async function walk(given) {
      if (useEngine) {
        try {
          const asked = performance.now();
          const result = await engine.call("walk", { key, answers: given });
          performance.measure("pg-engine-call", { start: asked, end: performance.now() });
          result.source = "engine";
          return result;
        } catch (error) {
          fallBack();
        }
      }
      const result = staticWalk(given);
      result.source = "static";
      return result;
    }

    function fallBack() {
      useEngine = false;
      root.dataset.engine = "unavailable";
      notice.textContent = msg("fallback");
    }

    function labelOf(stepId, answerId) {
      const link = steps.get(stepId).querySelector(`a[data-answer="${CSS.escape(answerId)}"]`);
      return link ? link.textContent : answerId;
    }

    function show(result, { focus = true, push = true } = {}) {
      lastResult = result;
      // Answers off the path disappear once the walk has moved past them (check-your-answers).
      if (result.outcome || Object.keys(result.invalid).length) {
        answers = Object.fromEntries(result.path.map((p) => [p.question, p.answer]));
      }
      const current = viewing || result.outcome || result.step;
      for (const [name, section] of steps) section.classList.toggle("pg-current", name === current);
      root.dataset.source = result.source;
      root.dataset.at = current;
      renderSummary(result);
      actions.querySelector('[data-action="back"]').hidden = result.path.length === 0 && !viewing;
      actions.querySelector('[data-action="restart"]').hidden = result.path.length === 0 && !viewing;
      actions.querySelector('[data-action="record"]').hidden = !(result.outcome && !viewing);
      if (push) writeUrl(result);
      const heading = steps.get(current).querySelector("h2");
      if (focus) {
        heading.focus({ preventScroll: false });
        announce.textContent = heading.textContent;
      }
    }

    function renderSummary(result) {
      summaryList.replaceChildren();
      for (const entry of result.path) {
        const dt = document.createElement("dt");
        dt.textContent = steps.get(entry.step).querySelector("h2").textContent;
        const dd = document.createElement("dd");
        const answer = document.createElement("span");
        answer.textContent = labelOf(entry.step, entry.answer);
        const change = document.createElement("button");
        change.type = "button";
        change.className = "pg-change";
        change.dataset.change = entry.question;
        change.textContent = msg("change");
        const hidden = document.createElement("span");
        hidden.className = "md-visually-hidden pg-visually-hidden";
        hidden.textContent = " " + dt.textContent;
        change.append(hidden);
        change.addEventListener("click", () => { viewing = entry.step; show(lastResult); });
        dd.append(answer, " ", change);
        summaryList.append(dt, dd);
      }
      summary.hidden = result.path.length === 0;
    }

    function writeUrl(result) {
      const params = new URLSearchParams();
      params.set("v", version);
      for (const p of result.path) params.set(p.question, p.answer);
      const url = result.path.length ? "?" + params.toString() : location.pathname;
      history.pushState({ wizard: id }, "", url + location.hash.replace(/^#.*$/, ""));
    }

    function readUrl() {
      const params = new URLSearchParams(location.search);
      const given = {};
      const notices = [];
      for (const [name, value] of params) {
        if (name === "v") continue;
        if (questionIds.has(name)) given[name] = value;
        else notices.push(name);
      }
      const stale = params.has("v") && params.get("v") !== version;
      return { given, unknown: notices, stale, hasState: [...params.keys()].length > 0 };
    }

    let latest = 0; // only the newest request may change the page, whatever order replies arrive in
    async function go(given, options, startedAt) {
      const ticket = ++latest;
      answers = given;
      const result = await walk(given);
      if (ticket !== latest) return;
      show(result, options);
      // Timings for `make bench`, through the browser's standard Performance API.
      if (startedAt !== undefined) performance.measure("pg-click-to-step", { start: startedAt, end: performance.now() });
    }

    root.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-answer]");
      if (!link || !root.contains(link)) return;
      event.preventDefault();
      const step = link.closest(".pg-step");
      viewing = null;
      go({ ...answers, [step.dataset.question]: link.dataset.answer }, undefined, performance.now());
    });
    root.querySelectorAll(".pg-restart a").forEach((a) => a.addEventListener("click", (event) => {
      event.preventDefault();
      viewing = null;
      go({});
    }));
    actions.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      const startedAt = performance.now();
      if (button.dataset.action === "restart") { viewing = null; go({}, undefined, startedAt); }
      if (button.dataset.action === "back") {
        if (viewing) { viewing = null; show(lastResult); return; }
        const path = lastResult.path;
        go(Object.fromEntries(path.slice(0, -1).map((p) => [p.question, p.answer])), undefined, startedAt);
      }
      if (button.dataset.action === "record") saveRecord();
    });
    window.addEventListener("popstate", () => {
      viewing = null;
      go(readUrl().given, { push: false });
    });

    // The engine writes the record; without it, the same engine's words written at build time.
    async function recordText(when) {
      if (useEngine) {
        try { return (await engine.call("record", { key, answers, when })).text; } catch (error) { fallBack(); }
      }
      const response = await fetch(new URL(root.dataset.records, new URL("../../", BASE)));
      if (!response.ok) throw new Error("records");
      const prewritten = await response.json();
      // The key is generator/records.py's path_key: the answers in the order they were asked.
      const text = prewritten.records[lastResult.path.map((p) => `${p.question}=${p.answer}`).join("&")];
      if (prewritten.version !== version || text === undefined) throw new Error("records");
      return text.split(prewritten.when).join(when);
    }

    async function saveRecord() {
      const when = new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
      let text;
      try { text = await recordText(when); } catch (error) { notice.textContent = msg("no-record"); return; }
      let record = root.querySelector(".pg-record");
      if (!record) {
        record = document.createElement("section");
        record.className = "pg-record";
        record.setAttribute("aria-label", msg("record"));
        root.append(record);
      }
      const pre = document.createElement("pre");
      pre.textContent = text;
      const download = document.createElement("a");
      download.className = "md-button";
      download.href = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      download.download = `decision-record-${root.dataset.council}-${id}.md`;
      download.textContent = msg("download");
      const print = document.createElement("button");
      print.type = "button";
      print.className = "md-button";
      print.textContent = msg("print");
      print.addEventListener("click", () => window.print());
      record.replaceChildren(pre, download, " ", print);
      document.body.classList.add("pg-has-record");
      download.focus();
    }

    // Restore a shared link, dropping what no longer fits, with a notice.
    const fromUrl = readUrl();
    go(fromUrl.given, { focus: false, push: false }).then(() => {
      performance.mark("pg-usable");
      const dropped = fromUrl.unknown.length + Object.keys(lastResult.invalid).length +
        Object.keys(lastResult.dropped).length;
      if (fromUrl.stale || dropped) notice.textContent = msg(fromUrl.stale ? "stale" : "dropped");
      if (fromUrl.hasState) writeUrl(lastResult);
    });

    // Hand over to the engine when it is ready, at the same step, with the same answers.
    const begin = () => {
      const { ready, call } = startEngine();
      ready
        .then(() => fetch(new URL(root.dataset.tree, new URL("../../", BASE))))
        .then((response) => { if (!response.ok) throw new Error("tree"); return response.text(); })
        .then((tree) => call("load", { key, tree }))
        .then(async () => {
          useEngine = true;
          await go(answers, { focus: false, push: false });
          root.dataset.engine = "ready";
          performance.mark("pg-engine-ready");
        })
        .catch(fallBack);
    };
    if ("requestIdleCallback" in window) requestIdleCallback(begin, { timeout: 500 });
    else setTimeout(begin, 0);
  }

  // --- "See the whole flow": mermaid (self-hosted, 5 MB) loads only when someone opens it ----
  let mermaidLoaded = null;
  function loadMermaid() {
    mermaidLoaded = mermaidLoaded || new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("mermaid/mermaid.min.js", BASE).href;
      script.onload = () => {
        window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
        resolve(window.mermaid);
      };
      script.onerror = reject;
      document.head.append(script);
    });
    return mermaidLoaded;
  }

  function mountFlow(details) {
    if (details.dataset.mounted) return;
    details.dataset.mounted = "true";
    details.addEventListener("toggle", async () => {
      const chart = details.querySelector("[data-mermaid]");
      if (!details.open || chart.dataset.rendered) return;
      try {
        const mermaid = await loadMermaid();
        // Mermaid measures text as it lays out, so the chart must be displayed (if invisible) meanwhile.
        chart.classList.add("pg-rendering");
        chart.hidden = false;
        await mermaid.run({ nodes: [chart] });
        chart.classList.remove("pg-rendering");
        const svg = chart.querySelector("svg");
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", details.querySelector(".pg-flow-title").textContent);
        chart.hidden = false;
        chart.dataset.rendered = "true";
      } catch (error) {
        chart.hidden = true;
        chart.dataset.rendered = "failed"; // the list below still shows the whole flow
      }
    });
  }

  function mountAll() {
    document.querySelectorAll(".pg-wizard[data-wizard]").forEach(mount);
    document.querySelectorAll("details[data-flow]").forEach(mountFlow);
  }
  // mkdocs-material's instant navigation swaps pages without a reload; its document$ tells us.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
