"""`make bench` (engine part): what a first and a repeat visit to a wizard page cost, with the
shipped runtime (trimmed standard library, precompressed .gz and .br) and the stock one, side by side
in the same run. A report, not a test. Run it alone on the machine (flock /tmp/pg-browser.lock).

    python tests/bench_engine.py [--runs 3]

Figures: bytes sent by nginx (gzip on, gzip_static and brotli_static on where installed) for the page and everything it loads;
engine ready (the page's pg-engine-ready mark, from navigation start), cold (a fresh browser
profile) and warm (the same profile, page opened again, once the first visit has saved the
engine's snapshot: docs/arch/0010); repeat-visit bytes.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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
    """The same site with the stock runtime: the npm package's archive, no .gz or .br copies."""
    stock = folder / "stock"
    shutil.copytree(site, stock)
    shutil.copy(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip", stock / PYODIDE / "python_stdlib.zip")
    for copy in [*(stock / PYODIDE).glob("*.gz"), *(stock / PYODIDE).glob("*.br")]:
        copy.unlink()
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
    # A first visit saves the engine's snapshot for the next just after it is ready (in the
    # background); a person who stays more than a moment has it, so the warm visit is measured so.
    for _ in range(60):
        if page.evaluate(SNAPSHOT_SAVED):
            break
        page.wait_for_timeout(250)
    page.close()
    return bytes_sent(server, since), ready


SNAPSHOT_SAVED = """async () => {
  for (const name of await caches.keys())
    if (name.endsWith("-engine") && (await (await caches.open(name)).keys()).length) return true;
  return false;
}"""
ACTIVE = """async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  return Boolean(reg && reg.active && reg.active.state === "activated");
}"""


def settle(page, server, quiet_s: float = 3.0, most_s: float = 300.0) -> None:
    """Wait for the service worker to be active and the access log to stop growing (its
    background caching done)."""
    deadline = time.monotonic() + most_s
    while not page.evaluate(ACTIVE) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    size, still = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = (server.run / "access.log").stat().st_size
        if now != size:
            size, still = now, time.monotonic()
        elif time.monotonic() - still >= quiet_s:
            return
        page.wait_for_timeout(250)


def measure(browser, site: Path, runs: int, service_worker: bool = False) -> dict:
    """Cold and warm visits in one browser profile. Without the service worker the repeat visit
    is served by the browser's HTTP cache; with it, the worker first caches the site in the
    background (counted apart), then answers the repeat visit."""
    cold, warm, first, repeat, background = [], [], [], [], []
    with StaticServer(site) as server:
        for _ in range(runs):
            context = browser.new_context(service_workers="allow" if service_worker else "block")
            sent, ready = visit(context, server)
            first.append(sent)
            cold.append(ready)
            if service_worker:
                since = log_lines(server)
                page = context.new_page()
                page.goto(server.url + WIZARD_PAGE)
                settle(page, server)
                page.close()
                background.append(bytes_sent(server, since))
            sent, ready = visit(context, server)
            repeat.append(sent)
            warm.append(ready)
            context.close()
    return {"first": statistics.median(first), "repeat": statistics.median(repeat),
            "cold": statistics.median(cold), "warm": statistics.median(warm),
            "background": statistics.median(background) if background else None}


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
            rows["shipped+sw"] = measure(browser, site, args.runs, service_worker=True)
            browser.close()
    print(f"\nwizard page {WIZARD_PAGE}, median of {args.runs} runs (shipped+sw: with the service "
          "worker, whose background caching of the whole site is counted apart)")
    print(f"{'runtime':>10} {'first visit':>12} {'repeat':>9} {'ready cold':>11} {'ready warm':>11} {'background':>11}")
    for name, r in rows.items():
        extra = f"{r['background'] / 1e6:>9.2f}MB" if r["background"] is not None else f"{'-':>11}"
        print(f"{name:>10} {r['first'] / 1e6:>10.2f}MB {r['repeat'] / 1e3:>7.0f}KB {r['cold'] / 1e3:>10.2f}s "
              f"{r['warm'] / 1e3:>10.2f}s {extra}")
    shipped = rows["shipped"]["first"]
    print(f"first visit {'within' if shipped <= TARGET_BYTES else 'OVER'} the {TARGET_BYTES / 1e6:.1f} MB target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
