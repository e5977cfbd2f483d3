"""Make the theme's search answer sentences, not only single words.

mkdocs-material's search worker adds a trailing wildcard to every word typed, so a question
such as "my daughter works for the council" also searches "for*" (forum, formal...) and
"the*" (they, their...), and those common prefixes drown the one paragraph that says
"daughter". We keep the wildcard only on the last word (the one still being typed) and never
on a stop word; and the words already finished weigh ten times the last one, so "council*"
(which also finds every "councillor") cannot outrank the paragraph that has "daughter" too. The theme version is pinned; if its worker changes, the build stops here
rather than silently searching worse.
"""
from __future__ import annotations

from pathlib import Path

ORIGINAL = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)"
TUNED = (".map((r,i,a)=>/(^[+-]|[~^]\\d+$)/.test(r)?r:i<a.length-1?`${r}^10`"
         ":lunr.stopWordFilter(r)?`${r}*`:r)")


class SearchWorkerChanged(Exception):
    """The theme's search worker no longer has the line we adjust."""


def tune_search_worker(site_dir: Path) -> Path | None:
    """Rewrite the built search worker in place; None when the site has no search."""
    workers = sorted(Path(site_dir).glob("assets/javascripts/workers/search.*.min.js"))
    if not workers:
        return None
    worker = workers[0]
    text = worker.read_text(encoding="utf-8")
    if TUNED in text:
        return worker
    if text.count(ORIGINAL) != 1:
        raise SearchWorkerChanged(
            f"{worker.name}: the theme's search worker has changed, so the search tuning in "
            "generator/search_tuning.py no longer applies. Update ORIGINAL and TUNED there.")
    worker.write_text(text.replace(ORIGINAL, TUNED), encoding="utf-8")
    return worker
