"""`make bench-wizard`: how the wizard behaves on this machine. A report, not a test.

Builds the site, serves it with nginx on 127.0.0.1 and measures in headless
Chromium, for the shipped design (Pyodide in a module Web Worker) and, side by
side, for the common alternative (Pyodide loaded on the page's main thread):

- first question usable, from DOMContentLoaded
- Pyodide ready, from navigation start, cold (empty cache) and warm
- longest main-thread task during load
- median click-to-next-step once the engine is ready
- bytes transferred by a wizard page before and after Pyodide
"""
from __future__ import annotations

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

from support.browser import launch  # noqa: E402
from support.nginx import StaticServer  # noqa: E402

PAGE = "cannock-chase/ask/complain-about-an-officer/"
RUNS = 3
CLICKS = 20
COLD_LOADS = 7

# Collects long tasks from the very start of the page (before any of our scripts run).
OBSERVE = """
window.__longTasks = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({ type: "longtask", buffered: true });
"""

# The alternative design: no worker, so our script stays in simple mode, and Pyodide is
# loaded and the engine imported on the main thread, as other MkDocs-Pyodide integrations do.
MAIN_THREAD = """
window.Worker = undefined;
document.addEventListener("DOMContentLoaded", async () => {
  const base = new URL("./", document.querySelector('script[src*="protocol-guide/wizard.js"]').src);
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", base).href);
  const py = await loadPyodide({ indexURL: new URL("pyodide/", base).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", base).href, packages: [] });
  py.FS.writeFile("/home/pyodide/pg_engine.py", await (await fetch(new URL("engine.py", base))).text());
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import pg_engine");
  performance.mark("pg-engine-ready");
});
"""

METRICS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = name => (performance.getEntriesByName(name)[0] || {}).startTime;
  const usable = mark("pg-usable"), ready = mark("pg-engine-ready");
  const resources = performance.getEntriesByType("resource");
  const bytes = until => nav.transferSize + resources
      .filter(r => until === undefined || r.responseEnd <= until)
      .reduce((sum, r) => sum + r.transferSize, 0);
  return {
    dcl: nav.domContentLoadedEventStart,
    usable_after_dcl: usable === undefined ? null : usable - nav.domContentLoadedEventStart,
    ready,
    longest_task: Math.max(0, ...window.__longTasks),
    bytes_before: bytes(usable),
    bytes_total: bytes(),
  };
}"""


def measure(browser, url: str, main_thread: bool) -> dict:
    context = browser.new_context()
    context.add_init_script(OBSERVE + (MAIN_THREAD if main_thread else ""))
    runs = []
    page = context.new_page()
    # Bytes on the wire, the worker's requests included (the page's own timeline cannot see those).
    wire: list[tuple[float, int]] = []
    context.on("requestfinished", lambda r: wire.append((time.perf_counter(), _wire_bytes(r))))
    for _ in range(RUNS):  # the first run is cold (empty cache), the rest warm
        wire.clear()
        page.goto(url)
        page.wait_for_function("() => performance.getEntriesByName('pg-usable').length > 0")
        before = sum(size for _, size in wire)
        page.wait_for_function("() => performance.getEntriesByName('pg-engine-ready').length > 0",
                               timeout=120000)
        page.wait_for_timeout(300)  # let the last tasks land in the observer
        run = page.evaluate(METRICS)
        run["bytes_before"], run["bytes_total"] = before, sum(size for _, size in wire)
        runs.append(run)
    clicks = []
    if not main_thread:
        page.evaluate("performance.clearMeasures('pg-click-to-step')")
        for i in range(CLICKS):
            answer = "not-satisfied" if i % 2 == 0 else None
            if answer:
                page.click('.pg-current a[data-answer="not-satisfied"]')
                page.wait_for_function("document.querySelector('.pg-wizard').dataset.at === 'refer-to-chief-executive'")
            else:
                page.click('button[data-action="back"]')
                page.wait_for_function("document.querySelector('.pg-wizard').dataset.at === 'stage'")
        clicks = page.evaluate(
            "performance.getEntriesByName('pg-click-to-step').map(m => m.duration)")
        engine_calls = page.evaluate(
            "performance.getEntriesByName('pg-engine-call').slice(-20).map(m => m.duration)")
        print(f"  (engine round trip, median of last {len(engine_calls)}: "
              f"{statistics.median(engine_calls):.1f} ms)")
    context.close()
    return {"cold": runs[0], "warm": runs[1:], "clicks": clicks}


def _wire_bytes(request) -> int:
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def cold_longest_tasks(browser, url: str, block_wizard: bool) -> list[float]:
    """Longest main-thread task of cold loads (a fresh context each), with our wizard script
    or with it blocked: the difference is what the wizard itself costs the main thread, the
    rest is the theme's own work and the browser's first-load noise."""
    longest = []
    for _ in range(COLD_LOADS):
        context = browser.new_context()
        context.add_init_script(OBSERVE)
        if block_wizard:
            context.route("**/protocol-guide/wizard.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(url)
        if block_wizard:
            page.wait_for_timeout(3000)
        else:
            page.wait_for_function("() => performance.getEntriesByName('pg-engine-ready').length > 0",
                                   timeout=120000)
            page.wait_for_timeout(300)
        longest.append(page.evaluate("Math.max(0, ...window.__longTasks)"))
        context.close()
    return longest


def report(name: str, result: dict) -> None:
    cold, warm = result["cold"], result["warm"]
    fmt = lambda v: "n/a" if v is None else f"{v:.0f} ms"  # noqa: E731
    print(f"\n{name}")
    print(f"  first question usable after DOMContentLoaded: {fmt(cold['usable_after_dcl'])}")
    print(f"  Pyodide ready from navigation: cold {fmt(cold['ready'])}, "
          f"warm {fmt(statistics.median(r['ready'] for r in warm))}")
    print(f"  longest main-thread task during load: cold {fmt(cold['longest_task'])}, "
          f"warm {fmt(max(r['longest_task'] for r in warm))}")
    if result["clicks"]:
        print(f"  click to next step (engine ready): median {statistics.median(result['clicks']):.1f} ms "
              f"over {len(result['clicks'])} clicks (max {max(result['clicks']):.1f} ms)")
    print(f"  bytes transferred (cold, nginx gzip on): first question usable after "
          f"{cold['bytes_before'] / 1024:.0f} KiB; with Pyodide {cold['bytes_total'] / 1024 / 1024:.2f} MiB; "
          f"warm reload {statistics.median(r['bytes_total'] for r in warm) / 1024:.0f} KiB")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)],
                       cwd=ROOT, check=True, capture_output=True)
        print(f"build: {time.perf_counter() - started:.1f} s")
        with StaticServer(site) as server, sync_playwright() as p:
            browser = launch(p)
            url = server.url + PAGE
            for label, block in (("with the wizard", False), ("wizard script blocked", True)):
                tasks = cold_longest_tasks(browser, url, block)
                print(f"longest main-thread task, {COLD_LOADS} cold loads, {label}: "
                      f"median {statistics.median(tasks):.0f} ms, max {max(tasks):.0f} ms")
            report("Pyodide in a module Web Worker (shipped)", measure(browser, url, main_thread=False))
            report("Pyodide on the main thread (the common alternative)", measure(browser, url, main_thread=True))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
