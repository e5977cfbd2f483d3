"""`make bench` (engine part): what a first and a repeat visit to a wizard page cost, with the
shipped runtime (trimmed standard library, precompressed .gz) and the stock one, side by side
in the same run. A report, not a test. Run it alone on the machine (flock /tmp/pg-browser.lock).

    python tests/bench_engine.py [--runs 3]

Figures: bytes sent by nginx (gzip on, gzip_static on) for the page and everything it loads;
engine ready (the page's pg-engine-ready mark, from navigation start), cold (a fresh browser
profile) and warm (the same profile, page opened again); repeat-visit bytes.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import WIZARD_PAGE  # noqa: E402
from support.browser import launch  # noqa: E402
from support.nginx import StaticServer  # noqa: E402

from generator.pyodide_runtime import TEST_SETTLE_MS  # noqa: E402

TARGET_BYTES = 4_000_000
PYODIDE = "assets/protocol-guide/pyodide/"


def stock_copy(site: Path, folder: Path) -> Path:
    """The same site with the stock runtime: the npm package's archive, no .gz copies."""
    stock = folder / "stock"
    shutil.copytree(site, stock)
    shutil.copy(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip", stock / PYODIDE / "python_stdlib.zip")
    for gz in (stock / PYODIDE).glob("*.gz"):
        gz.unlink()
    return stock


def bytes_sent(server: StaticServer, since: int) -> int:
    """Sum of body bytes in nginx's access log (combined format) after line `since`."""
    lines = (server.run / "access.log").read_text().splitlines()[since:]
    return sum(int(line.split('"')[2].split()[1]) for line in lines if line.count('"') >= 6)


def log_lines(server: StaticServer) -> int:
    log = server.run / "access.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def visit(context, server) -> tuple[int, float]:
    since = log_lines(server)
    page = context.new_page()
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=TEST_SETTLE_MS)
    ready = page.evaluate("performance.getEntriesByName('pg-engine-ready')[0].startTime")
    page.wait_for_timeout(300)  # let the access log catch up
    page.close()
    return bytes_sent(server, since), ready


def measure(browser, site: Path, runs: int) -> dict:
    cold, warm, first, repeat = [], [], [], []
    with StaticServer(site, extra="gzip_static on;") as server:
        for _ in range(runs):
            context = browser.new_context()
            sent, ready = visit(context, server)
            first.append(sent)
            cold.append(ready)
            sent, ready = visit(context, server)
            repeat.append(sent)
            warm.append(ready)
            context.close()
    return {"first": statistics.median(first), "repeat": statistics.median(repeat),
            "cold": statistics.median(cold), "warm": statistics.median(warm)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        run = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)],
                             cwd=ROOT, capture_output=True, text=True)
        if run.returncode:
            print(run.stderr, file=sys.stderr)
            return 1
        sites = {"shipped": site, "stock": stock_copy(site, Path(tmp))}
        with sync_playwright() as p:
            browser = launch(p)
            rows = {name: measure(browser, folder, args.runs) for name, folder in sites.items()}
            browser.close()
    print(f"\nwizard page {WIZARD_PAGE}, median of {args.runs} runs")
    print(f"{'runtime':>8} {'first visit':>12} {'repeat':>9} {'ready cold':>11} {'ready warm':>11}")
    for name, r in rows.items():
        print(f"{name:>8} {r['first'] / 1e6:>10.2f}MB {r['repeat'] / 1e3:>7.0f}KB {r['cold'] / 1e3:>10.2f}s "
              f"{r['warm'] / 1e3:>10.2f}s")
    shipped = rows["shipped"]["first"]
    print(f"first visit {'within' if shipped <= TARGET_BYTES else 'OVER'} the {TARGET_BYTES / 1e6:.1f} MB target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
