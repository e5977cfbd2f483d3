// A comparison page shows the councils a person picks (generator/compare_view.py).
// Rows already in the page are kept; the others are fetched as JSON, one file per council, and
// built from the page's <template> elements, as text: nothing fetched becomes markup.
// The choice is kept in the address (?council=a&council=b), so a comparison can be shared.
(() => {
  "use strict";
  const form = document.querySelector("[data-pg-compare]");
  if (!form) return;
  const tables = [...document.querySelectorAll("table[data-pg-compare-situation]")];
  const boxes = [...form.querySelectorAll('input[name="council"]')];
  const status = form.querySelector(".pg-compare-status");
  const rowTemplate = document.getElementById("pg-compare-row");
  const linkTemplate = document.getElementById("pg-compare-link");
  const root = new URL(form.dataset.root, location.href);
  const nameOf = (slug) => boxes.find((b) => b.value === slug).parentElement.textContent.trim();

  // slug -> {situation id -> <tr>}; the rows the page was built with come first.
  const rows = new Map();
  for (const table of tables) {
    for (const tr of table.tBodies[0].rows) {
      if (!rows.has(tr.dataset.council)) rows.set(tr.dataset.council, {});
      rows.get(tr.dataset.council)[table.dataset.pgCompareSituation] = tr;
    }
  }
  const fetched = new Map();   // slug -> promise of its rows

  const say = (text, values = {}) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

  const fillCell = (element, runs) => {
    for (const run of runs) {
      if (run.url) {
        const a = linkTemplate.content.firstElementChild.cloneNode(true);
        a.href = new URL(run.url, root).href;
        a.textContent = run.text;
        element.append(a);
      } else {
        element.append(document.createTextNode(run.text));
      }
    }
  };

  const buildRow = (slug, cells) => {
    const tr = rowTemplate.content.firstElementChild.cloneNode(true);
    tr.dataset.council = slug;
    [...tr.cells].forEach((cell, i) => fillCell(cell, cells[i] || []));
    return tr;
  };

  const load = (slug) => {
    if (rows.has(slug)) return Promise.resolve(rows.get(slug));
    if (!fetched.has(slug)) {
      const url = new URL(form.dataset.src.replace("{council}", encodeURIComponent(slug)), location.href);
      fetched.set(slug, fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return response.json();
      }).then((data) => {
        const built = {};
        for (const [situation, cells] of Object.entries(data.rows)) built[situation] = buildRow(slug, cells);
        rows.set(slug, built);
        return built;
      }).catch((error) => {
        fetched.delete(slug);   // a later pick tries again
        console.warn(`Protocol Guide: the rows of ${slug} could not be loaded:`, error);
        throw error;
      }));
    }
    return fetched.get(slug);
  };

  const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value);

  const remember = (slugs) => {
    const url = new URL(location.href);
    url.searchParams.delete("council");
    const all = form.dataset.inPage === "yes" && slugs.length === boxes.length;
    if (!all) for (const slug of slugs) url.searchParams.append("council", slug);
    history.replaceState(history.state, "", url);
  };

  let latest = 0;
  const show = async () => {
    const slugs = chosen(), ask = ++latest;
    const results = await Promise.allSettled(slugs.map(load));
    if (ask !== latest) return;   // a newer choice is being shown
    const failed = slugs.filter((_, i) => results[i].status === "rejected");
    const ready = slugs.filter((slug) => !failed.includes(slug));
    for (const table of tables) {
      const situation = table.dataset.pgCompareSituation;
      table.tBodies[0].replaceChildren(...ready.map((slug) => rows.get(slug)[situation]).filter(Boolean));
    }
    const lines = [ready.length ? say(form.dataset.showing, { shown: ready.length, total: boxes.length })
                                : form.dataset.none];
    for (const slug of failed) lines.push(say(form.dataset.failed, { council: nameOf(slug) }));
    status.textContent = lines.join(" ");
  };

  const asked = new URLSearchParams(location.search).getAll("council");
  if (asked.length) {
    const known = new Set(boxes.map((b) => b.value));
    const wanted = new Set(asked.filter((slug) => known.has(slug)));   // unknown councils are left out
    for (const box of boxes) box.checked = wanted.has(box.value);
  }
  form.hidden = false;
  form.addEventListener("change", () => { remember(chosen()); show(); });
  form.addEventListener("submit", (event) => event.preventDefault());
  show();
})();
