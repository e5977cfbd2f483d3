"""`make search-eval`: how well the guide's search answers the everyday queries in
tests/search_queries.yaml. A report (top-3 hit rate and mean reciprocal rank per council), and
the functions the search tests use.

Every query is typed into the real search box of the built site, served by nginx and driven in
Chromium, from the page of the council it names (or the home page), so the figures are what a
person gets: the index, the query handling and the council-first ordering together.

  python tests/search_eval.py [--site DIR] [--theme]

--theme measures the theme's own (lunr) search box instead, on a site built with it: the
"before" figures.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERIES = HERE / "search_queries.yaml"
sys.path.insert(0, str(HERE))

HOME = "(home page)"
TOP = 3


@dataclass(frozen=True)
class Query:
    q: str
    kind: str
    expect: tuple[str, ...]
    council: str | None = None

    @property
    def start_page(self) -> str:
        return f"{self.council}/" if self.council else ""


def load_queries(path: Path = QUERIES) -> list[Query]:
    return [Query(q=str(e["q"]), kind=e["kind"], expect=tuple(e["expect"]), council=e.get("from"))
            for e in yaml.safe_load(path.read_text(encoding="utf-8"))]


# The two search boxes: where to type, which links are results, and when the results are in.
THEME = {
    "input": ".md-search__input",
    "open": None,
    "links": ".md-search-result__item a",
    "done": """q => { const m = document.querySelector('.md-search-result__meta');
                     return document.querySelector('.md-search__input').value === q && m &&
                            !/Initializing|Type to start/.test(m.textContent) }""",
}
PAGEFIND = {
    "input": "#pg-search-input",
    "open": "[data-pg-search-open]",
    "links": "#pg-search-results a.pg-search-hit",
    "done": """q => { const r = document.querySelector('#pg-search-results');
                     return r && r.dataset.query === q && r.dataset.state === 'done' }""",
}


def result_links(page, box: dict, query: str) -> list[str]:
    """Type the query as a person would and return the result links, in order, relative to the site."""
    field = page.locator(box["input"])
    if box["open"] and not field.is_visible():
        page.locator(box["open"]).click()
    field.fill("")
    field.click()
    page.keyboard.type(query, delay=5)
    page.wait_for_function(box["done"], arg=query, timeout=15000)
    page.wait_for_timeout(150 if box is THEME else 0)  # the theme renders its list after the meta line
    return page.locator(box["links"]).evaluate_all("els => els.map(e => e.href)")


def relative(href: str, base: str) -> str:
    path = urlparse(href)
    rel = path.path[len(urlparse(base).path):]
    return rel + (f"#{path.fragment}" if path.fragment else "")


def rank(links: list[str], expect: tuple[str, ...]) -> int | None:
    """1-based position of the first result that meets an expectation (None: not found)."""
    for position, link in enumerate(links, 1):
        page, _, anchor = link.partition("#")
        for target in expect:
            t_page, _, t_anchor = target.partition("#")
            if page == t_page and (not t_anchor or anchor == t_anchor):
                return position
    return None


def evaluate(page, base_url: str, queries: list[Query], box: dict = PAGEFIND) -> list[dict]:
    results, at = [], None
    for query in sorted(queries, key=lambda q: q.start_page):
        if query.start_page != at:
            page.goto(urljoin(base_url, query.start_page))
            at = query.start_page
        links = [relative(h, base_url) for h in result_links(page, box, query.q)]
        results.append({"query": query, "links": links, "rank": rank(links, query.expect)})
    return results


def summary(results: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[r["query"].council or HOME].append(r)
    groups["all"] = results
    return {name: {"n": len(rs),
                   "top3": sum(1 for r in rs if r["rank"] and r["rank"] <= TOP) / len(rs),
                   "mrr": sum(1 / r["rank"] for r in rs if r["rank"]) / len(rs)}
            for name, rs in groups.items()}


def report(results: list[dict]) -> str:
    lines = [f"{'council':<16} {'queries':>7} {'top-3':>7} {'MRR':>6}"]
    for name, s in summary(results).items():
        lines.append(f"{name:<16} {s['n']:>7} {s['top3']:>7.1%} {s['mrr']:>6.3f}")
    misses = [r for r in results if not r["rank"] or r["rank"] > TOP]
    if misses:
        lines.append("\nnot in the first three:")
        for r in misses:
            q = r["query"]
            lines.append(f"  [{q.council or 'home'}] {q.q!r} ({q.kind}): rank {r['rank']}; got {r['links'][:3]}")
    return "\n".join(lines)


def build_site(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="search-eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--theme", action="store_true", help="measure the theme's lunr search box")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from support.browser import launch
    from support.nginx import StaticServer

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        with StaticServer(site) as server, sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            results = evaluate(page, server.url, load_queries(), THEME if args.theme else PAGEFIND)
            browser.close()
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
