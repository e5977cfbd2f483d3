// Quiz front end. The page already works without JavaScript: every answer is in a <details>.
// This script turns the choices into buttons and grades each one: by the Python engine (the
// same engine.py and Web Worker as the question pages, walking the wizard's own tree) once it is
// ready, and by the answer the same engine wrote into the page at build time until then.
// The score lives only in this page: nothing is stored or sent.
(function () {
  "use strict";

  // --- the engine: wizard.js's one starter (the same worker, stall rules and waits) ----------
  const startEngine = (waits) => window.ProtocolGuide.startEngine(waits);

  function mount(root) {
    if (root.dataset.mounted) return;
    root.dataset.mounted = "true";
    root.classList.add("pg-js");
    const items = [...root.querySelectorAll("[data-situation]")];
    const actions = root.querySelector("[data-quiz-actions]");
    const score = root.querySelector("[data-quiz-score]");
    const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
    const siteFile = (path) => new URL(root.dataset.siteRoot + path, location.href);
    let engine = null; // set once every tree is loaded into the worker
    const keyOf = (item) => root.dataset.council + "/" + item.dataset.tree;

    async function rightAnswer(item) {
      if (engine) {
        try {
          const result = await engine.call("walk", { key: keyOf(item), answers: JSON.parse(item.dataset.answers) });
          if (result.outcome) return { outcome: result.outcome, by: "engine" };
        } catch (error) {
          console.warn("Protocol Guide: the quiz continues with the page's answers:", error);
          engine = null;
        }
      }
      return { outcome: item.dataset.right, by: "page" };
    }

    function showScore() {
      const done = items.filter((i) => i.dataset.result);
      const right = done.filter((i) => i.dataset.result === "right").length;
      score.textContent = fill(root.dataset.msgScore, { right, done: done.length, total: items.length });
      actions.hidden = done.length === 0;
    }

    async function choose(item, button) {
      const buttons = [...item.querySelectorAll("button[data-choice]")];
      buttons.forEach((b) => { b.disabled = true; });
      const { outcome, by } = await rightAnswer(item);
      const letter = String.fromCharCode(65 + buttons.findIndex((b) => b.dataset.choice === outcome));
      const correct = button.dataset.choice === outcome;
      button.setAttribute("aria-pressed", "true");
      buttons.forEach((b) => b.classList.toggle("pg-quiz-is-right", b.dataset.choice === outcome));
      if (!correct) button.classList.add("pg-quiz-is-wrong");
      item.dataset.result = correct ? "right" : "wrong";
      item.dataset.gradedBy = by;
      const feedback = item.querySelector("[data-feedback]");
      feedback.textContent = correct ? root.dataset.msgRight : fill(root.dataset.msgWrong, { letter });
      feedback.hidden = false;
      item.querySelector("[data-quiz-answer]").open = true;
      showScore();
      feedback.focus();
    }

    for (const item of items) {
      for (const li of item.querySelectorAll("li[data-choice]")) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "pg-quiz-choice";
        button.dataset.choice = li.dataset.choice;
        button.setAttribute("aria-pressed", "false");
        button.append(...li.childNodes);
        li.append(button);
        button.addEventListener("click", () => choose(item, button));
      }
      item.querySelector("[data-feedback]").tabIndex = -1;
    }
    root.querySelector("[data-quiz-restart]").addEventListener("click", () => {
      for (const item of items) {
        delete item.dataset.result;
        delete item.dataset.gradedBy;
        item.querySelector("[data-feedback]").hidden = true;
        item.querySelector("[data-quiz-answer]").open = false;
        for (const b of item.querySelectorAll("button[data-choice]")) {
          b.disabled = false;
          b.setAttribute("aria-pressed", "false");
          b.classList.remove("pg-quiz-is-right", "pg-quiz-is-wrong");
        }
      }
      showScore();
      items[0].querySelector("h2").scrollIntoView({ block: "start" });
    });

    // Load each wizard's tree into the engine once; until all are in, the page's answers grade.
    const begin = () => {
      const started = startEngine(JSON.parse(root.dataset.waits));
      const trees = [...new Set(items.map((i) => i.dataset.tree))];
      started.ready
        .then(() => Promise.all(trees.map(async (path) => {
          const response = await fetch(siteFile(path));
          if (!response.ok) throw new Error(`tree: HTTP ${response.status}`);
          await started.call("load", { key: root.dataset.council + "/" + path, tree: await response.text() });
        })))
        .then(() => { engine = started; root.dataset.engine = "ready"; })
        .catch((error) => {
          console.warn("Protocol Guide: the quiz is graded by the page's answers:", error);
          root.dataset.engine = "unavailable";
        });
    };
    if ("requestIdleCallback" in window) requestIdleCallback(begin, { timeout: 500 });
    else setTimeout(begin, 0);
  }

  // The print pack's button; the browser's own print works as well.
  function mountPrint(button) {
    if (button.dataset.mounted) return;
    button.dataset.mounted = "true";
    button.addEventListener("click", () => window.print());
    button.closest("[hidden]")?.removeAttribute("hidden"); // a button that works only with JavaScript
  }

  function mountAll() {
    document.querySelectorAll("[data-quiz]").forEach(mount);
    document.querySelectorAll("[data-print-pack]").forEach(mountPrint);
  }
  // mkdocs-material's instant navigation swaps pages without a reload; its document$ tells us.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
