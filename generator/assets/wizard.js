// Wizard front end. The page already holds every step as plain HTML that works without
// JavaScript; this script makes it one-question-at-a-time, keeps answers in the URL, and hands
// routing to the Python engine (Pyodide in a module Web Worker) once that is ready. Until then,
// or if it never becomes ready, it looks each step up in a table the same engine wrote at build time.
(function () {
  "use strict";
  const SCRIPT_URL = document.currentScript ? document.currentScript.src : "";
  const BASE = new URL("./", SCRIPT_URL || location.href); // .../assets/protocol-guide/
  let engine = null; // shared by every wizard on the page

  // --- the engine: one worker per page, started after the page is usable --------------------
  // No fixed cutoff: a slow download is fine while bytes arrive. The start is abandoned on an
  // error, a failed download, or a stall (waits.stall_ms with no progress from the worker);
  // the waits come from generator/pyodide_runtime.py through the page.
  function startEngine(waits) {
    if (engine) return engine;
    const pending = new Map();
    const watchers = new Set();
    let nextId = 1;
    let worker;
    const call = (op, payload) => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, payload });
    });
    let watchdog;
    const ready = new Promise((resolve, reject) => {
      if (!window.Worker || !window.WebAssembly) { reject(new Error("this browser has no Web Worker or WebAssembly")); return; }
      try {
        worker = new Worker(new URL("wizard-worker.mjs", BASE), { type: "module" });
      } catch (error) { reject(error); return; }
      const stalled = () => reject(new Error(`the start stalled: no progress for ${waits.stall_ms} ms`));
      const progressed = () => { clearTimeout(watchdog); watchdog = setTimeout(stalled, waits.stall_ms); };
      progressed();
      worker.onmessage = (event) => {
        const { id, ok, result, error, progress } = event.data;
        if (progress) {
          if (progress.failed) { reject(new Error(`download failed: ${progress.failed}`)); return; }
          progressed();
          watchers.forEach((watch) => watch(progress));
          return;
        }
        const waiter = pending.get(id);
        pending.delete(id);
        if (waiter) (ok ? waiter.resolve(result) : waiter.reject(new Error(error)));
      };
      worker.onerror = (event) => { reject(new Error(event.message || "the worker failed to load")); };
      call("start", { base: BASE.href }).then(resolve, reject);
    });
    ready.finally(() => clearTimeout(watchdog)).catch(() => { if (worker) worker.terminate(); });
    engine = { ready, call, watch: (fn) => watchers.add(fn) };
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
    const questionIds = new Set([...root.querySelectorAll("[data-question]")].map((s) => s.dataset.question));
    const notice = root.querySelector("[data-notice]");
    const status = root.querySelector("[data-engine-status]");
    const waits = JSON.parse(root.dataset.waits);
    const announce = root.querySelector("[data-announce]");
    const summary = root.querySelector("[data-summary]");
    const summaryList = root.querySelector("[data-summary-list]");
    const actions = root.querySelector("[data-actions]");
    const msg = (name) => (root.querySelector(`[data-msg="${name}"]`) || {}).textContent || "";
    const siteFile = (path) => new URL(root.dataset.siteRoot + path, location.href);
    const template = (name) => root.querySelector(`template[data-template="${name}"]`).content.cloneNode(true);
    const anchor = (node) => `#${id}--${node}`;
    let answers = {};
    let viewing = null; // a step chosen with "change", shown instead of where the walk stops
    let useEngine = false;
    let lastResult = null;

    root.classList.add("pg-js");
    actions.hidden = false;

    // Until the engine is ready, follow the table engine.walk wrote at build time (records.py's
    // walk_table): the page looks answers up, it never decides a route. No entry means the
    // engine would call the answer invalid.
    const table = JSON.parse(root.dataset.walks);
    function tableWalk(given) {
      const path = [];
      const invalid = {};
      let entry = table;
      while (entry.question !== undefined) {
        const answer = given[entry.question];
        if (answer === undefined) break;
        if (!Object.prototype.hasOwnProperty.call(entry.next, answer)) { invalid[entry.question] = answer; break; }
        path.push({ step: entry.step, question: entry.question, answer });
        entry = entry.next[answer];
      }
      const onPath = new Set(path.map((p) => p.question));
      const dropped = {};
      for (const [q, a] of Object.entries(given)) if (!onPath.has(q) && !(q in invalid)) dropped[q] = a;
      return { path, dropped, invalid, step: entry.step || null, outcome: entry.outcome || null };
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
          fallBack(error);
        }
      }
      const result = tableWalk(given);
      result.source = "static";
      return result;
    }

    function fallBack(reason) {
      console.warn("Protocol Guide: the wizard continues without the engine:", String(reason && reason.message || reason));
      useEngine = false;
      root.dataset.engine = "unavailable";
      status.textContent = "";
      notice.textContent = msg("fallback");
    }

    function labelOf(stepId, answerId) {
      const link = steps.get(stepId).querySelector(`a[data-answer="${CSS.escape(answerId)}"]`);
      if (!link) return answerId;
      const copy = link.cloneNode(true);
      copy.querySelectorAll(".pg-chosen-note").forEach((n) => n.remove());
      return copy.textContent;
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
      markChosen(steps.get(current));
      renderSummary(result);
      const nothingYet = result.path.length === 0 && !viewing;
      actions.querySelector('[data-action="back"]').hidden = nothingYet;
      actions.querySelector('[data-action="restart"]').hidden = nothingYet;
      actions.querySelector('[data-action="record"]').hidden = !(result.outcome && !viewing && result.path.length);
      actions.hidden = nothingYet;
      if (push) writeUrl(result);
      const heading = steps.get(current).querySelector("h2");
      if (focus) {
        heading.focus({ preventScroll: true });
        // scroll-margin-top in wizard.css keeps it clear of the sticky header
        heading.scrollIntoView({ block: "start" });
        announce.textContent = heading.textContent;
      }
    }

    // On a step shown again with "Change", say which answer was given before.
    function markChosen(section) {
      root.querySelectorAll(".pg-chosen-note").forEach((n) => n.remove());
      root.querySelectorAll("a[data-answer][aria-current]").forEach((a) => a.removeAttribute("aria-current"));
      const question = section.dataset.question;
      if (!question || answers[question] === undefined) return;
      const link = section.querySelector(`a[data-answer="${CSS.escape(answers[question])}"]`);
      if (!link) return;
      link.setAttribute("aria-current", "true");
      const note = document.createElement("span");
      note.className = "pg-chosen-note";
      note.textContent = msg("change-current") + " ";
      link.prepend(note);
    }

    function renderSummary(result) {
      summaryList.replaceChildren();
      for (const entry of result.path) {
        const row = template("summary-row");
        const question = steps.get(entry.step).querySelector("h2").textContent;
        row.querySelector("dt").textContent = question;
        row.querySelector('[data-slot="answer"]').textContent = labelOf(entry.step, entry.answer);
        row.querySelector('[data-slot="change-what"]').textContent = " " + question;
        const change = row.querySelector('[data-slot="change"]');
        change.dataset.change = entry.question;
        change.addEventListener("click", () => { viewing = entry.step; show(lastResult); });
        summaryList.append(row);
      }
      summary.hidden = result.path.length === 0;
    }

    function writeUrl(result) {
      const params = new URLSearchParams();
      params.set("v", version);
      for (const p of result.path) params.set(p.question, p.answer);
      const at = viewing || result.outcome || result.step;
      const url = result.path.length ? "?" + params.toString() + anchor(at) : location.pathname;
      history.pushState({ wizard: id }, "", url);
    }

    // One rule for repeated parameters: the last value counts. Parameters that are not this
    // wizard's questions (utm_source, the theme's own) are ignored without a word.
    function readUrl() {
      const params = new URLSearchParams(location.search);
      const given = {};
      for (const [name, value] of params) if (questionIds.has(name)) given[name] = value;
      const versions = params.getAll("v");
      const stale = versions.length > 0 && versions[versions.length - 1] !== version;
      const hash = location.hash.replace(/^#/, "").replace(/-h$/, "");
      const node = hash.startsWith(id + "--") ? hash.slice(id.length + 2) : "";
      return { given, stale, hasState: Object.keys(given).length > 0, node: steps.has(node) ? node : "" };
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
    async function recordOf(when, link) {
      if (useEngine) {
        try { return await engine.call("record", { key, answers, when, link }); } catch (error) { fallBack(error); }
      }
      const response = await fetch(siteFile(root.dataset.records));
      if (!response.ok) throw new Error(`records: HTTP ${response.status}`);
      const prewritten = await response.json();
      // The key is generator/records.py's path_key: the answers in the order they were asked.
      const found = prewritten.records[lastResult.path.map((p) => `${p.question}=${p.answer}`).join("&")];
      if (prewritten.version !== version || found === undefined) throw new Error("records: no record for this path");
      const fill = (value) => typeof value === "string" ? value.split(prewritten.when).join(when).split(prewritten.link).join(link)
        : Array.isArray(value) ? value.map(fill)
        : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
        : value;
      return fill(found);
    }

    function layOutRecord(data, text) {
      const record = template("record");
      const slot = (name) => record.querySelector(`[data-slot="${name}"]`);
      const list = (element, items) => element.replaceChildren(...items.map((item) => {
        const li = document.createElement("li");
        li.textContent = item;
        return li;
      }));
      slot("title").textContent = data.title;
      slot("council").textContent = data.council;
      slot("protocol").textContent = data.protocol + " (" + data.protocol_version + ")";
      slot("when").textContent = data.when;
      slot("versions").textContent = data.tree_version;
      for (const row of data.answers) {
        const dt = document.createElement("dt");
        dt.textContent = row.question;
        const dd = document.createElement("dd");
        dd.textContent = row.answer;
        slot("answers").append(dt, dd);
      }
      const outcome = data.outcome;
      slot("headline").textContent = outcome.headline;
      slot("badge").textContent = outcome.badge || "";
      list(slot("conditions"), outcome.conditions || []);
      slot("contact").textContent = outcome.contact;
      slot("time-limit").textContent = outcome.time_limit || "";
      slot("answer").textContent = outcome.answer;
      list(slot("citations"), outcome.citations.map((c) => `${c.label}${c.heading ? " (" + c.heading + ")" : ""}: ${c.summary}`));
      slot("link").textContent = data.link;
      slot("print").addEventListener("click", () => window.print());
      const download = slot("download");
      download.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      download.download = `decision-record-${root.dataset.council}-${id}.txt`;
      for (const empty of record.querySelectorAll("p[data-slot], ul[data-slot]")) if (!empty.textContent.trim()) empty.hidden = true;
      return record;
    }

    async function saveRecord() {
      const when = new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
      let made;
      try { made = await recordOf(when, location.href); } catch (error) {
        console.warn("Protocol Guide: no record:", error);
        notice.textContent = msg("no-record");
        return;
      }
      root.querySelectorAll(".pg-record").forEach((r) => r.remove());
      root.append(layOutRecord(made.data, made.text));
      document.body.classList.add("pg-has-record");
      root.querySelector(".pg-record").focus();
    }

    // Questions only the engine answers, each a form under its outcome, shown once the engine is
    // ready: time limits as dates (engine.due_dates, as the `due` command) and "is a date in
    // the pre-election period?" (engine.election_period, as `election-period`). The page sends
    // the inputs and shows the engine's lines; until the engine is ready the rule stands in words.
    const value = (form, name) => form.elements[name].value || null;
    const engineForms = [
      { form: "form[data-due]", result: "[data-due-result]", op: "due", failed: "due-failed",
        request: (form) => ({ outcome: form.dataset.due, from: form.elements.from.value }) },
      { form: "form[data-election]", result: "[data-election-result]", op: "election-period", failed: "election-failed",
        request: (form) => ({ outcome: form.dataset.election, on: value(form, "on"),
                              notice: value(form, "notice"), poll: value(form, "poll") }) },
    ];
    root.addEventListener("submit", async (event) => {
      const kind = engineForms.find((k) => event.target.closest(k.form));
      const form = kind && event.target.closest(kind.form);
      if (!form || !root.contains(form)) return;
      event.preventDefault();
      const result = form.querySelector(kind.result);
      try {
        const reply = await engine.call(kind.op, { key, ...kind.request(form) });
        result.replaceChildren(...reply.lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
      } catch (error) {
        console.warn(`Protocol Guide: no ${kind.op} answer:`, String(error && error.message || error));
        result.replaceChildren(Object.assign(document.createElement("li"), { textContent: msg(kind.failed) }));
      }
    });

    // Printing the page itself prints the answer with what each cited paragraph says.
    window.addEventListener("beforeprint", () => {
      root.querySelectorAll(".pg-current details:not([open])").forEach((d) => { d.open = true; d.dataset.printOpened = "true"; });
    });
    window.addEventListener("afterprint", () => {
      root.querySelectorAll("details[data-print-opened]").forEach((d) => { d.open = false; delete d.dataset.printOpened; });
    });

    // Restore a shared link, dropping what no longer fits, with a notice. A plain link to an
    // outcome (#wizard--outcome, as search results and the no-JavaScript pages make) opens it.
    const fromUrl = readUrl();
    if (!fromUrl.hasState && fromUrl.node) viewing = fromUrl.node;
    go(fromUrl.given, { focus: false, push: false }).then(() => {
      performance.mark("pg-usable");
      const dropped = Object.keys(lastResult.invalid).length + Object.keys(lastResult.dropped).length;
      if (fromUrl.stale || dropped) notice.textContent = msg(fromUrl.stale ? "stale" : "dropped");
      else if (viewing && steps.get(viewing).dataset.outcome !== undefined) notice.textContent = msg("outcome-direct");
      if (fromUrl.hasState) writeUrl(lastResult);
      if (viewing) steps.get(viewing).querySelector("h2").scrollIntoView({ block: "start" });
    });

    // Hand over to the engine when it is ready, at the same step, with the same answers.
    // Said politely and rarely: only if the start is slow, then at most every status_every_ms.
    const begin = () => {
      const { ready, call, watch } = startEngine(waits);
      let said = 0;
      const quiet = setTimeout(() => { said = Date.now(); status.textContent = msg("loading"); }, waits.quiet_ms);
      watch((progress) => {
        if (!said || Date.now() - said < waits.status_every_ms) return;
        said = Date.now();
        status.textContent = msg("loading-slow").replace("{received}", (progress.received / 1e6).toFixed(1));
      });
      ready.finally(() => clearTimeout(quiet)).catch(() => {});
      ready
        .then(() => fetch(siteFile(root.dataset.tree)))
        .then((response) => { if (!response.ok) throw new Error(`tree: HTTP ${response.status}`); return response.text(); })
        .then((tree) => call("load", { key, tree }))
        .then(async () => {
          useEngine = true;
          await go(answers, { focus: false, push: false });
          status.textContent = "";
          root.querySelectorAll("form[data-due], form[data-election]").forEach((form) => { form.hidden = false; });
          root.querySelectorAll("[data-election-without]").forEach((p) => { p.hidden = true; });
          root.dataset.engine = "ready";
          performance.mark("pg-engine-ready");
        })
        .catch(fallBack);
    };
    // At once, not when the page is idle: the worker loads off the main thread, and the page
    // already works from the build-time table meanwhile.
    setTimeout(begin, 0);
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

  // The quiz (quiz.js) asks the same one worker per page, through this one starter.
  window.ProtocolGuide = Object.assign(window.ProtocolGuide || {}, { startEngine });

  function mountAll() {
    document.querySelectorAll(".pg-wizard[data-wizard]").forEach(mount);
    document.querySelectorAll("details[data-flow]").forEach(mountFlow);
  }
  // The engine starts as soon as this script runs (the page above it is parsed), before the
  // theme's own start-up; each wizard then finds it already on its way.
  const firstWizard = document.querySelector(".pg-wizard[data-wizard]");
  if (firstWizard) startEngine(JSON.parse(firstWizard.dataset.waits));
  // mkdocs-material's instant navigation swaps pages without a reload; its document$ tells us.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
