// The guide's search box: Pagefind's JS API over the index generator/search.py writes.
// On a council's pages that council is searched first (a Pagefind filter); a button widens the
// search to every council, that council's results still first. Results are links in the
// theme's result list: Tab or the arrow keys move through them, Escape closes the search.
(() => {
  "use strict";
  const box = document.querySelector("[data-pg-search]");
  if (!box) return;
  const $ = (selector) => box.querySelector(selector);
  const toggle = document.getElementById("__search");   // the theme's own open/closed switch
  const opener = document.querySelector("[data-pg-search-open]");
  const input = $("#pg-search-input"), list = $("[data-pg-search-results]");
  const status = $("[data-pg-search-status]"), scope = $("[data-pg-search-scope]");
  const widen = $("[data-pg-search-widen]");
  const council = box.dataset.council || "", councilName = box.dataset.councilName || "";
  const bundle = new URL(box.dataset.bundle, location.href);
  const MAX_RESULTS = 12;
  let wide = !council, engine = null, latest = 0;

  box.hidden = false;
  if (opener) opener.hidden = false;

  // A large index is in parts (generator/search.py): each is merged in, and searched with the first.
  const parts = (box.dataset.parts || "").split(" ").filter(Boolean);
  const load = () => engine ||= import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
    // Result URLs are site-relative: the site may be served from any folder.
    const settings = { baseUrl: new URL("../", bundle).pathname, excerptLength: 24 };
    await pagefind.options(settings);
    pagefind.init();
    await Promise.all(parts.map((part) => pagefind.mergeIndex(new URL(part, bundle).pathname, settings)));
    return pagefind;
  });

  // --- from what a person types to what Pagefind is asked -----------------------------------
  // Words too common to narrow a search: a question's "can I", "my", "the".
  const STOP = new Set(("a about an and are as at be by can could did do does for from has have " +
    "how i if in into is it its me my of on or our should so that the their them then there " +
    "they this to us was we what when where which who why will with would you your").split(" "));
  let vocabulary = null;   // the index's words, most frequent first (generator/search.py)
  const loadWords = () => vocabulary ||= fetch(box.dataset.words)
    .then((r) => (r.ok ? r.json() : [])).catch(() => []).then((words) => ({ list: words, known: new Set(words) }));

  // Edit distance with transpositions (optimal string alignment), giving up past `max`.
  const distance = (a, b, max) => {
    let before = null, row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          next[j] = Math.min(next[j], before[j - 2] + 1);
        }
        best = Math.min(best, next[j]);
      }
      if (best > max) return max + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  };

  // A word the index does not have (and, for the word still being typed, does not start) is
  // taken as a misspelling of the most frequent indexed word one or two edits away.
  const corrected = (term, words, typing) => {
    if (term.length < 5 || /[^a-z]/.test(term) || words.known.has(term)) return term;
    if (typing && words.list.some((w) => w.startsWith(term))) return term;
    const max = term.length < 8 ? 1 : 2;
    let best = term, nearest = max + 1;
    for (const word of words.list) {
      if (Math.abs(word.length - term.length) >= nearest) continue;
      const d = distance(term, word, nearest - 1);
      if (d < nearest) { best = word; nearest = d; }
    }
    return best;
  };

  const termsOf = async (query) => {
    const all = query.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) || [];
    const content = all.filter((w) => !STOP.has(w));
    const terms = content.length ? content : all;
    const words = await loadWords();
    return terms.map((t, i) => corrected(t, words, i === terms.length - 1 && !/\s$/.test(query)));
  };

  // Every term must match (Pagefind's way); when that leaves fewer than three results, pages
  // matching most of the terms follow, so a question in a person's words still finds its answer.
  const find = async (pagefind, terms, options) => {
    const every = (await pagefind.search(terms.join(" "), options)).results;
    if (every.length >= 3 || terms.length < 2) return every;
    const found = new Map(every.map((r, i) => [r.id, { r, matched: Infinity, score: -i }]));
    for (const term of terms) {
      for (const r of (await pagefind.search(term, options)).results) {
        const seen = found.get(r.id) || { r, matched: 0, score: 0 };
        if (seen.matched !== Infinity) { seen.matched += 1; seen.score += r.score; }
        found.set(r.id, seen);
      }
    }
    return [...found.values()].sort((a, b) => b.matched - a.matched || b.score - a.score).map((x) => x.r);
  };

  const open = (state) => {
    if (toggle) toggle.checked = state;
    if (opener) opener.setAttribute("aria-expanded", String(state));
  };

  // The thesaurus words generator/search.py adds sit between these marks: never shown.
  const withoutSynonyms = (html) => html.replace(/⟦[^⟧]*⟧/g, " ").replace(/⟦.*$/s, " ").replace(/^[^⟦]*⟧/s, " ");

  // Pagefind's excerpt is HTML with <mark>; keep only its text and marks.
  const excerpt = (html, title) => {
    const parsed = document.createElement("template");
    let text = withoutSynonyms(html || "").trimStart();
    if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.:\s]+/, "");
    parsed.innerHTML = text;
    const p = document.createElement("p");
    for (const node of parsed.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    p.normalize();
    return p;
  };

  // One result is one paragraph, answer or page introduction (generator/search.py).
  const hitOf = (doc) => ({
    url: doc.url,
    title: doc.meta.title,
    where: [doc.meta.council, doc.meta.page].filter(Boolean).join(" · "),
    answer: doc.meta.kind === "answer",
    excerpt: doc.excerpt,
  });

  const render = (hits) => {
    list.replaceChildren(...hits.map((hit) => {
      const item = document.createElement("li");
      item.className = "md-search-result__item";
      const link = document.createElement("a");
      link.className = "md-search-result__link pg-search-hit";
      link.href = hit.url;
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      const where = document.createElement("p");
      where.className = "pg-search-where";
      where.textContent = hit.where || "About this guide";
      const title = document.createElement("h2");
      title.className = "pg-search-title";
      title.textContent = (hit.answer ? "Answer: " : "") + hit.title;
      article.append(where, title, excerpt(hit.excerpt, hit.title));
      link.append(article);
      item.append(link);
      return item;
    }));
  };

  const say = (text) => { status.textContent = text; };

  const search = async () => {
    const query = input.value.trim(), ticket = ++latest;
    list.dataset.query = input.value;
    list.dataset.state = "searching";
    scope.hidden = !council || !query;
    if (!query) {
      list.replaceChildren();
      say("Type to search");
      list.dataset.state = "done";
      return;
    }
    let pagefind, terms;
    try {
      [pagefind, terms] = await Promise.all([load(), termsOf(input.value)]);
    } catch (error) {   // e.g. opened from disk, where browsers refuse to load the index
      engine = null;
      say("Search could not start here. Open the guide from its web address to search it.");
      list.dataset.state = "done";
      return;
    }
    const own = council ? (await find(pagefind, terms, { filters: { council } })).slice(0, MAX_RESULTS) : [];
    let results = own;
    if (wide) {   // every council, this council's results still first
      const seen = new Set(own.map((r) => r.id));
      const rest = (await find(pagefind, terms, {})).filter((r) => !seen.has(r.id));
      results = [...own, ...rest.slice(0, MAX_RESULTS)];
    }
    if (ticket !== latest) return;
    const pages = await Promise.all(results.map((r) => r.data()));
    if (ticket !== latest) return;
    render(pages.map(hitOf));
    const where = wide ? "in every council's guide" : `in ${councilName}'s guide`;
    const count = results.length;
    const typed = query.toLowerCase().split(/\s+/).filter((w) => !STOP.has(w)).join(" ");
    const fixed = terms.join(" ") !== typed && terms.some((t) => !typed.includes(t))
      ? `Showing results for “${terms.join(" ")}”. ` : "";
    say(fixed + (count === 0 ? `No results ${where}.` + (wide ? "" : " Include all councils to search further.")
      : `${count} ${count === 1 ? "result" : "results"} ${where}` +
        (wide && council ? `, ${councilName}'s first.` : ".")));
    list.dataset.state = "done";
  };

  let timer = 0;
  input.addEventListener("input", () => {
    open(true);
    list.dataset.state = "searching";
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("focus", () => { open(true); load(); loadWords(); });
  $("[data-pg-search-form]").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) first.click();
  });
  widen.addEventListener("click", () => {
    wide = !wide;
    widen.setAttribute("aria-pressed", String(wide));
    search();
  });
  if (opener) opener.addEventListener("click", () => { open(true); input.focus(); });

  // Arrow keys move between the box and the results; Escape closes and gives focus back.
  box.addEventListener("keydown", (event) => {
    const links = [input, ...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      open(false);
      if (opener && getComputedStyle(opener).display !== "none") opener.focus(); else input.blur();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && at >= 0) {
      event.preventDefault();
      const next = Math.min(links.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)));
      links[next].focus();
    }
  });
  // Focus leaving the search (Tab past the last result) closes it, as the theme's does.
  box.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) open(false);
  });
})();
