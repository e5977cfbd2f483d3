// Wizard front end. The page already holds every step as plain HTML that works without
// JavaScript; this script makes it one-question-at-a-time, keeps answers in the URL, and hands
// routing to the Python engine (Pyodide in a module Web Worker) once that is ready. Until then,
// or if it never becomes ready, it looks each step up in a table the same engine wrote at build time.
(function () {
  "use strict";
  const SCRIPT_URL = document.currentScript ? document.currentScript.src : "";
  const BASE = new URL("./", SCRIPT_URL || location.href); // .../assets/protocol-guide/
  let engine = null; // shared by every wizard on the page

  // --- the engine: one worker per page, started from <head> (engine-start.js) or here ---------
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
      const early = window.ProtocolGuideEarlyEngine;   // started from <head> (engine-start.js)
      if (!early) {
        try {
          worker = new Worker(new URL("wizard-worker.mjs", BASE), { type: "module" });
        } catch (error) { reject(error); return; }
      } else worker = early.worker;
      const stalled = () => reject(new Error(`the start stalled: no progress for ${waits.stall_ms} ms`));
      const progressed = () => { clearTimeout(watchdog); watchdog = setTimeout(stalled, waits.stall_ms); };
      progressed();
      const received = (event) => {
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
      const failed = (event) => { reject(new Error(event.message || "the worker failed to load")); };
      worker.onmessage = received;
      worker.onerror = failed;
      if (early) {   // its start request is id 0; what it has said so far is replayed in order
        pending.set(0, { resolve, reject });
        for (const event of early.early) (event.type === "error" ? failed : received)(event);
      } else {
        call("start", { base: BASE.href }).then(resolve, reject);
      }
    });
    ready.finally(() => clearTimeout(watchdog)).catch(() => { if (worker) worker.terminate(); });
    engine = { ready, call, watch: (fn) => watchers.add(fn) };
    return engine;
  }

  // --- one wizard: a state object, the page's elements, and small functions over both --------
  // `w` is one wizard: w.state changes as the visitor moves, w.dom is looked up once at mount.
  function wizardOf(root) {
    const id = root.dataset.wizard;
    const one = (selector) => root.querySelector(selector);
    return {
      id,
      key: root.dataset.council + "/" + id,
      version: root.dataset.version,
      waits: JSON.parse(root.dataset.waits),
      // The table engine.walk wrote at build time (records.py's walk_table), used until the engine is ready.
      table: JSON.parse(root.dataset.walks),
      questionIds: new Set([...root.querySelectorAll("[data-question]")].map((s) => s.dataset.question)),
      state: {
        answers: {},
        viewing: null, // a step chosen with "change", shown instead of where the walk stops
        useEngine: false,
        lastResult: null,
        latest: 0, // only the newest request may change the page, whatever order replies arrive in
      },
      dom: {
        root,
        steps: new Map([...root.querySelectorAll(".pg-step")].map((s) => [s.dataset.step || s.dataset.outcome, s])),
        notice: one("[data-notice]"),
        status: one("[data-engine-status]"),
        announce: one("[data-announce]"),
        summary: one("[data-summary]"),
        summaryList: one("[data-summary-list]"),
        actions: one("[data-actions]"),
      },
    };
  }

  // The page's words and markup: messages from its data-msg elements, rows from its templates.
  const msg = (w, name) => (w.dom.root.querySelector(`[data-msg="${name}"]`) || {}).textContent || "";
  const siteFile = (w, path) => new URL(w.dom.root.dataset.siteRoot + path, location.href);
  const template = (w, name) => w.dom.root.querySelector(`template[data-template="${name}"]`).content.cloneNode(true);
  const anchor = (w, node) => `#${w.id}--${node}`;
  const reasonOf = (error) => String(error && error.message || error);
  const answersOf = (path) => Object.fromEntries(path.map((p) => [p.question, p.answer]));
  const currentOf = (w, result) => w.state.viewing || result.outcome || result.step;
  const headingOf = (w, step) => w.dom.steps.get(step).querySelector("h2");

  // One list item from the page's "line" template (record lists, the engine forms' replies).
  function line(w, text) {
    const li = template(w, "line").firstElementChild;
    li.textContent = text;
    return li;
  }

  // Follow the build-time table: the page looks answers up, it never decides a route. No entry
  // means the engine would call the answer invalid.
  function tableWalk(table, given) {
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

  async function walk(w, given) {
    if (w.state.useEngine) {
      try {
        const asked = performance.now();
        const result = await engine.call("walk", { key: w.key, answers: given });
        performance.measure("pg-engine-call", { start: asked, end: performance.now() });
        result.source = "engine";
        return result;
      } catch (error) {
        fallBack(w, error);
      }
    }
    const result = tableWalk(w.table, given);
    result.source = "static";
    return result;
  }

  function fallBack(w, reason) {
    console.warn("Protocol Guide: the wizard continues without the engine:", reasonOf(reason));
    w.state.useEngine = false;
    w.dom.root.dataset.engine = "unavailable";
    w.dom.status.textContent = "";
    w.dom.notice.textContent = msg(w, "fallback");
  }

  function labelOf(w, stepId, answerId) {
    const link = w.dom.steps.get(stepId).querySelector(`a[data-answer="${CSS.escape(answerId)}"]`);
    if (!link) return answerId;
    const copy = link.cloneNode(true);
    copy.querySelectorAll(".pg-chosen-note").forEach((n) => n.remove());
    return copy.textContent;
  }

  function show(w, result, { focus = true, push = true } = {}) {
    const { state, dom } = w;
    state.lastResult = result;
    // Answers off the path disappear once the walk has moved past them (check-your-answers).
    if (result.outcome || Object.keys(result.invalid).length) state.answers = answersOf(result.path);
    const current = currentOf(w, result);
    for (const [name, section] of dom.steps) section.classList.toggle("pg-current", name === current);
    dom.root.dataset.source = result.source;
    dom.root.dataset.at = current;
    markChosen(w, dom.steps.get(current));
    renderSummary(w, result);
    showActions(w, result);
    if (push) writeUrl(w, result);
    if (focus) focusStep(w, current);
  }

  function showActions(w, result) {
    const { state, dom } = w;
    const button = (action) => dom.actions.querySelector(`[data-action="${action}"]`);
    const nothingYet = result.path.length === 0 && !state.viewing;
    button("back").hidden = nothingYet;
    button("restart").hidden = nothingYet;
    button("record").hidden = !(result.outcome && !state.viewing && result.path.length);
    dom.actions.hidden = nothingYet;
  }

  function focusStep(w, current) {
    const heading = headingOf(w, current);
    heading.focus({ preventScroll: true });
    // scroll-margin-top in wizard.css keeps it clear of the sticky header
    heading.scrollIntoView({ block: "start" });
    w.dom.announce.textContent = heading.textContent;
  }

  // On a step shown again with "Change", say which answer was given before.
  function markChosen(w, section) {
    const { root } = w.dom;
    root.querySelectorAll(".pg-chosen-note").forEach((n) => n.remove());
    root.querySelectorAll("a[data-answer][aria-current]").forEach((a) => a.removeAttribute("aria-current"));
    const question = section.dataset.question;
    if (!question || w.state.answers[question] === undefined) return;
    const link = section.querySelector(`a[data-answer="${CSS.escape(w.state.answers[question])}"]`);
    if (!link) return;
    link.setAttribute("aria-current", "true");
    const note = template(w, "chosen-note");
    note.querySelector(".pg-chosen-note").textContent = msg(w, "change-current") + " ";
    link.prepend(note);
  }

  function renderSummary(w, result) {
    w.dom.summaryList.replaceChildren(...result.path.map((entry) => summaryRow(w, entry)));
    w.dom.summary.hidden = result.path.length === 0;
  }

  function summaryRow(w, entry) {
    const row = template(w, "summary-row");
    const question = headingOf(w, entry.step).textContent;
    row.querySelector("dt").textContent = question;
    row.querySelector('[data-slot="answer"]').textContent = labelOf(w, entry.step, entry.answer);
    row.querySelector('[data-slot="change-what"]').textContent = " " + question;
    const change = row.querySelector('[data-slot="change"]');
    change.dataset.change = entry.question;
    change.addEventListener("click", () => { w.state.viewing = entry.step; show(w, w.state.lastResult); });
    return row;
  }

  function writeUrl(w, result) {
    const params = new URLSearchParams();
    params.set("v", w.version);
    for (const p of result.path) params.set(p.question, p.answer);
    const url = result.path.length ? "?" + params.toString() + anchor(w, currentOf(w, result)) : location.pathname;
    history.pushState({ wizard: w.id }, "", url);
  }

  // One rule for repeated parameters: the last value counts. Parameters that are not this
  // wizard's questions (utm_source, the theme's own) are ignored without a word.
  function readUrl(w) {
    const params = new URLSearchParams(location.search);
    const given = {};
    for (const [name, value] of params) if (w.questionIds.has(name)) given[name] = value;
    const versions = params.getAll("v");
    const stale = versions.length > 0 && versions[versions.length - 1] !== w.version;
    const hash = location.hash.replace(/^#/, "").replace(/-h$/, "");
    const node = hash.startsWith(w.id + "--") ? hash.slice(w.id.length + 2) : "";
    return { given, stale, hasState: Object.keys(given).length > 0, node: w.dom.steps.has(node) ? node : "" };
  }

  async function go(w, given, options, startedAt) {
    const { state } = w;
    const ticket = ++state.latest;
    state.answers = given;
    const result = await walk(w, given);
    if (ticket !== state.latest) return;
    show(w, result, options);
    // Timings for `make bench`, through the browser's standard Performance API.
    if (startedAt !== undefined) performance.measure("pg-click-to-step", { start: startedAt, end: performance.now() });
  }

  // --- what the visitor does -----------------------------------------------------------------
  function bindEvents(w) {
    const { root, actions } = w.dom;
    root.addEventListener("click", (event) => answerChosen(w, event));
    root.querySelectorAll(".pg-restart a").forEach((a) => a.addEventListener("click", (event) => {
      event.preventDefault();
      w.state.viewing = null;
      go(w, {});
    }));
    actions.addEventListener("click", (event) => actionChosen(w, event));
    window.addEventListener("popstate", () => {
      w.state.viewing = null;
      go(w, readUrl(w).given, { push: false });
    });
    root.addEventListener("submit", (event) => askEngine(w, event));
    // Printing the page itself prints the answer with what each cited paragraph says.
    window.addEventListener("beforeprint", () => {
      root.querySelectorAll(".pg-current details:not([open])").forEach((d) => { d.open = true; d.dataset.printOpened = "true"; });
    });
    window.addEventListener("afterprint", () => {
      root.querySelectorAll("details[data-print-opened]").forEach((d) => { d.open = false; delete d.dataset.printOpened; });
    });
  }

  function answerChosen(w, event) {
    const link = event.target.closest("a[data-answer]");
    if (!link || !w.dom.root.contains(link)) return;
    event.preventDefault();
    const step = link.closest(".pg-step");
    w.state.viewing = null;
    go(w, { ...w.state.answers, [step.dataset.question]: link.dataset.answer }, undefined, performance.now());
  }

  function actionChosen(w, event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const { state } = w;
    const startedAt = performance.now();
    if (button.dataset.action === "restart") { state.viewing = null; go(w, {}, undefined, startedAt); }
    if (button.dataset.action === "back") {
      if (state.viewing) { state.viewing = null; show(w, state.lastResult); return; }
      go(w, answersOf(state.lastResult.path.slice(0, -1)), undefined, startedAt);
    }
    if (button.dataset.action === "record") saveRecord(w);
  }

  // --- the decision record ---------------------------------------------------------------------
  // The engine writes the record; without it, the same engine's words written at build time.
  async function recordOf(w, when, link) {
    if (w.state.useEngine) {
      try {
        return await engine.call("record", { key: w.key, answers: w.state.answers, when, link });
      } catch (error) {
        fallBack(w, error);
      }
    }
    const response = await fetch(siteFile(w, w.dom.root.dataset.records));
    if (!response.ok) throw new Error(`records: HTTP ${response.status}`);
    const prewritten = await response.json();
    // The key is generator/records.py's path_key: the answers in the order they were asked.
    const found = prewritten.records[w.state.lastResult.path.map((p) => `${p.question}=${p.answer}`).join("&")];
    if (prewritten.version !== w.version || found === undefined) throw new Error("records: no record for this path");
    return filledIn(found, [[prewritten.when, when], [prewritten.link, link]]);
  }

  // A prewritten record with its placeholders (the time, the link) swapped for this visit's.
  function filledIn(value, swaps) {
    if (typeof value === "string") return swaps.reduce((text, [from, to]) => text.split(from).join(to), value);
    if (Array.isArray(value)) return value.map((item) => filledIn(item, swaps));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filledIn(v, swaps)]));
    return value;
  }

  function layOutRecord(w, data, text) {
    const record = template(w, "record");
    const slot = (name) => record.querySelector(`[data-slot="${name}"]`);
    const lines = (name, items) => slot(name).replaceChildren(...items.map((item) => line(w, item)));
    slot("title").textContent = data.title;
    slot("council").textContent = data.council;
    slot("protocol").textContent = data.protocol + " (" + data.protocol_version + ")";
    slot("when").textContent = data.when;
    slot("versions").textContent = data.tree_version;
    slot("answers").append(...data.answers.map((row) => recordAnswer(w, row)));
    const outcome = data.outcome;
    slot("headline").textContent = outcome.headline;
    slot("badge").textContent = outcome.badge || "";
    lines("conditions", outcome.conditions || []);
    slot("contact").textContent = outcome.contact;
    slot("time-limit").textContent = outcome.time_limit || "";
    slot("answer").textContent = outcome.answer;
    lines("citations", outcome.citations.map((c) => `${c.label}${c.heading ? " (" + c.heading + ")" : ""}: ${c.summary}`));
    slot("link").textContent = data.link;
    slot("print").addEventListener("click", () => window.print());
    const download = slot("download");
    download.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    download.download = `decision-record-${w.dom.root.dataset.council}-${w.id}.txt`;
    for (const empty of record.querySelectorAll("p[data-slot], ul[data-slot]")) if (!empty.textContent.trim()) empty.hidden = true;
    return record;
  }

  // One question and its answer in the record, from the page's "record-answer" template.
  function recordAnswer(w, row) {
    const pair = template(w, "record-answer");
    pair.querySelector("dt").textContent = row.question;
    pair.querySelector("dd").textContent = row.answer;
    return pair;
  }

  async function saveRecord(w) {
    const { root } = w.dom;
    const when = new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
    let made;
    try { made = await recordOf(w, when, location.href); } catch (error) {
      console.warn("Protocol Guide: no record:", error);
      w.dom.notice.textContent = msg(w, "no-record");
      return;
    }
    root.querySelectorAll(".pg-record").forEach((r) => r.remove());
    root.append(layOutRecord(w, made.data, made.text));
    document.body.classList.add("pg-has-record");
    root.querySelector(".pg-record").focus();
  }

  // --- questions only the engine answers -------------------------------------------------------
  // Each a form under its outcome, shown once the engine is ready: time limits as dates
  // (engine.due_dates, as the `due` command) and "is a date in the pre-election period?"
  // (engine.election_period, as `election-period`). The page sends the inputs and shows the
  // engine's lines; until the engine is ready the rule stands in words.
  const formValue = (form, name) => form.elements[name].value || null;
  const ENGINE_FORMS = [
    { form: "form[data-due]", result: "[data-due-result]", op: "due", failed: "due-failed",
      request: (form) => ({ outcome: form.dataset.due, from: form.elements.from.value }) },
    { form: "form[data-election]", result: "[data-election-result]", op: "election-period", failed: "election-failed",
      request: (form) => ({ outcome: form.dataset.election, on: formValue(form, "on"),
                            notice: formValue(form, "notice"), poll: formValue(form, "poll") }) },
  ];

  async function askEngine(w, event) {
    const kind = ENGINE_FORMS.find((k) => event.target.closest(k.form));
    const form = kind && event.target.closest(kind.form);
    if (!form || !w.dom.root.contains(form)) return;
    event.preventDefault();
    const result = form.querySelector(kind.result);
    try {
      const reply = await engine.call(kind.op, { key: w.key, ...kind.request(form) });
      result.replaceChildren(...reply.lines.map((text) => line(w, text)));
    } catch (error) {
      console.warn(`Protocol Guide: no ${kind.op} answer:`, reasonOf(error));
      result.replaceChildren(line(w, msg(w, kind.failed)));
    }
  }

  // --- start: from the URL, then over to the engine --------------------------------------------
  // Restore a shared link, dropping what no longer fits, with a notice. A plain link to an
  // outcome (#wizard--outcome, as search results and the no-JavaScript pages make) opens it.
  function restore(w) {
    const { state, dom } = w;
    const fromUrl = readUrl(w);
    if (!fromUrl.hasState && fromUrl.node) state.viewing = fromUrl.node;
    return go(w, fromUrl.given, { focus: false, push: false }).then(() => {
      performance.mark("pg-usable");
      const dropped = Object.keys(state.lastResult.invalid).length + Object.keys(state.lastResult.dropped).length;
      if (fromUrl.stale || dropped) dom.notice.textContent = msg(w, fromUrl.stale ? "stale" : "dropped");
      else if (state.viewing && dom.steps.get(state.viewing).dataset.outcome !== undefined) dom.notice.textContent = msg(w, "outcome-direct");
      if (fromUrl.hasState) writeUrl(w, state.lastResult);
      if (state.viewing) headingOf(w, state.viewing).scrollIntoView({ block: "start" });
    });
  }

  // Hand over to the engine when it is ready, at the same step, with the same answers.
  function handOver(w) {
    const { ready, call, watch } = startEngine(w.waits);
    sayLoading(w, ready, watch);
    ready
      .then(() => fetch(siteFile(w, w.dom.root.dataset.tree)))
      .then((response) => { if (!response.ok) throw new Error(`tree: HTTP ${response.status}`); return response.text(); })
      .then((tree) => call("load", { key: w.key, tree }))
      .then(() => engineReady(w))
      .catch((reason) => fallBack(w, reason));
  }

  // Said politely and rarely: only if the start is slow, then at most every status_every_ms.
  function sayLoading(w, ready, watch) {
    const { status } = w.dom;
    let said = 0;
    const quiet = setTimeout(() => { said = Date.now(); status.textContent = msg(w, "loading"); }, w.waits.quiet_ms);
    watch((progress) => {
      if (!said || Date.now() - said < w.waits.status_every_ms) return;
      said = Date.now();
      status.textContent = msg(w, "loading-slow").replace("{received}", (progress.received / 1e6).toFixed(1));
    });
    ready.finally(() => clearTimeout(quiet)).catch(() => {});
  }

  async function engineReady(w) {
    const { root } = w.dom;
    w.state.useEngine = true;
    await go(w, w.state.answers, { focus: false, push: false });
    w.dom.status.textContent = "";
    root.querySelectorAll("form[data-due], form[data-election]").forEach((form) => { form.hidden = false; });
    root.querySelectorAll("[data-election-without]").forEach((p) => { p.hidden = true; });
    root.dataset.engine = "ready";
    performance.mark("pg-engine-ready");
  }

  function mount(root) {
    if (root.dataset.mounted) return;
    root.dataset.mounted = "true";
    const w = wizardOf(root);
    root.classList.add("pg-js");
    w.dom.actions.hidden = false;
    bindEvents(w);
    restore(w);
    // At once, not when the page is idle: the worker loads off the main thread, and the page
    // already works from the build-time table meanwhile.
    setTimeout(() => handOver(w), 0);
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
        console.warn("Protocol Guide: the flow chart could not be drawn; the list shows the flow:", String(error && error.message || error));
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
