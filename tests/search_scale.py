"""`make search-scale`: what a first search costs a person as the guide grows. A report.

Builds the guide twice in a temporary folder, with the five councils and with 60 synthetic
councils (the five copied under new slugs), serves each with nginx (gzip on, as a council's
server would) and, in Chromium, counts the bytes on the wire for one search typed on a
council's page (that council first) and on the home page (every council): Pagefind's script
and WebAssembly, the index chunks and result fragments it fetches, and the word list used to
correct misspellings. The page itself is loaded before counting starts.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from search_eval import PAGEFIND, result_links  # noqa: E402

SIZES = (5, 60)
QUERY = "complaints"
GOAL = 300 * 1024


def synthetic_trees(dest: Path, councils: int) -> Path:
    """decision_trees/ with each council copied until there are `councils` of them."""
    shutil.copytree(ROOT / "decision_trees", dest)
    originals = sorted(p.parent.name for p in dest.glob("*/council.yaml"))
    for slug in originals:   # paths a council gives from its own folder, made absolute
        council = dest / slug / "council.yaml"
        council.write_text(re.sub(r"^(expected_ids: )(\S+)$", lambda m: m.group(1) + str(
            ((ROOT / "decision_trees" / slug) / m.group(2)).resolve()), council.read_text(encoding="utf-8"),
            flags=re.M), encoding="utf-8")
    copy = 1
    while len(list(dest.glob("*/council.yaml"))) < councils:
        copy += 1
        for slug in originals:
            if len(list(dest.glob("*/council.yaml"))) >= councils:
                break
            target = dest / f"{slug}-{copy}"
            shutil.copytree(dest / slug, target)
            council = target / "council.yaml"
            council.write_text(re.sub(r"^name: (.*)$", rf"name: \1 (copy {copy})",
                                      council.read_text(encoding="utf-8"), count=1, flags=re.M),
                               encoding="utf-8")
    return dest


def build(trees: Path, folder: Path, **options: object) -> tuple[Path, float]:
    """Build with the project's mkdocs.yml, pointed at `trees` (every path made absolute), with
    any other options given to the protocol-guide plugin."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - protocol-guide:\n", "  - protocol-guide:\n" + "".join(
        f"      {name}: {value}\n" for name, value in options.items()), 1)
    config = config.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    config = config.replace("trees: decision_trees", f"trees: {trees}")
    for name in ("pyodide", "mermaid", "pagefind", "cache"):
        config = re.sub(rf"^(\s+{name}: )(node_modules\S*)$", lambda m: m.group(1) + str(ROOT / m.group(2)),
                        config, flags=re.M)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = folder / "site"
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config", str(folder / "mkdocs.yml"),
                          "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"the build of {trees} failed:\n{run.stderr[-3000:]}")
    return site, time.perf_counter() - started


def first_search_bytes(browser, url: str, query: str = QUERY, box: dict = PAGEFIND) -> tuple[int, int]:
    """(bytes on the wire, requests) for the first search typed on a freshly loaded page."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    wire: list[int] = []
    context.on("requestfinished", lambda r: wire.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
    result_links(page, box, query)
    page.wait_for_load_state("networkidle")   # the last fragments of the results shown
    context.close()
    return sum(wire), len(wire)


def build_all(folder: Path) -> None:
    for councils in SIZES:
        here = folder / str(councils)
        shutil.rmtree(here, ignore_errors=True)
        here.mkdir(parents=True)
        site, seconds = build(synthetic_trees(here / "decision_trees", councils), here)
        index = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
        print(f"{councils} councils: built in {seconds:.0f} s; Pagefind files {index / 1024:.0f} KiB on disk")


def measure_all(folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    from support.browser import launch
    from support.nginx import StaticServer

    with sync_playwright() as p:
        browser = launch(p)
        for councils in SIZES:
            with StaticServer(folder / str(councils) / "site") as server:
                for label, start in (("from a council's page", "cannock-chase/"), ("from the home page", "")):
                    size, requests = first_search_bytes(browser, server.url + start)
                    verdict = "within" if size < GOAL else "OVER"
                    print(f"{councils} councils, first search '{QUERY}' {label}: {size / 1024:.0f} KiB "
                          f"in {requests} requests ({verdict} the 300 KB goal)")
        browser.close()


def main(argv: list[str] | None = None) -> int:
    import argparse
    parser = argparse.ArgumentParser(prog="search-scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, help="only build the sites into this folder")
    parser.add_argument("--measure", type=Path, help="only measure the sites built there")
    args = parser.parse_args(argv)
    if args.build:
        build_all(args.build)
    elif args.measure:
        measure_all(args.measure)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build_all(Path(tmp))
            measure_all(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
