"""The engine's start has no fixed cutoff: a slow but steady download ends with the engine, a
stalled one falls back (saying why in the console), and the page says politely what it is doing.
The page's waits are shortened here by rewriting them in the served page, so these run quickly."""
import json
import re

from conftest import ENGINE_READY_MS, WIZARD_PAGE, open_page
from support.nginx import StaticServer
from generator.pyodide_runtime import ENGINE_WAITS
from test_wizard_experience import PYODIDE_WASM

WAITS = {**ENGINE_WAITS, "stall_ms": 2500, "quiet_ms": 300}


def with_waits(page, server, waits):
    def rewrite(route):
        html = route.fetch().text()
        assert "data-waits=" in html
        html = re.sub(r"data-waits='[^']*'", "data-waits='" + json.dumps(waits) + "'", html)
        route.fulfill(body=html, content_type="text/html")
    page.route(server.url + WIZARD_PAGE, rewrite)


def console_of(page):
    said = []
    page.on("console", lambda message: said.append(message.text))
    return said


def test_a_stalled_start_falls_back_and_says_why(browser, server):
    page = open_page(browser)
    said = console_of(page)
    with_waits(page, server, WAITS)
    page.route(PYODIDE_WASM, lambda route: None)  # the download never answers: no progress at all
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="unavailable"]', timeout=ENGINE_READY_MS)
    assert any("stalled" in line and str(WAITS["stall_ms"]) in line for line in said), said
    assert "simple mode" in page.locator("[data-notice]").inner_text()
    page.click('a[data-answer="not-satisfied"]')   # usable throughout
    page.wait_for_selector('.pg-wizard[data-at="refer-to-chief-executive"]')
    page.context.close()


def test_a_slow_steady_start_is_not_cut_off_and_says_what_it_is_doing(browser, site):
    """nginx sends the runtime at 150 KB/s: it takes well over one stall period to arrive, with
    bytes arriving all the while. The stall period must still cover what follows the download
    without bytes (compiling, starting Python: over 5 s on this busy 2-core machine)."""
    waits = {**WAITS, "stall_ms": 12000}
    with StaticServer(site, extra="location ~ \\.wasm$ { limit_rate 150k; }") as slow:
        page = open_page(browser)
        said = console_of(page)
        with_waits(page, slow, waits)
        page.goto(slow.url + WIZARD_PAGE)
        status = page.locator("[data-engine-status]")
        status.filter(has_text="Getting the guide's engine ready").wait_for(timeout=ENGINE_READY_MS)
        assert status.get_attribute("role") == "status"
        page.wait_for_selector('.pg-wizard:not([data-engine="static"])', timeout=ENGINE_READY_MS)
        assert page.locator(".pg-wizard").get_attribute("data-engine") == "ready", said
        ready = page.evaluate("performance.getEntriesByName('pg-engine-ready')[0].startTime")
        assert ready > 1.5 * waits["stall_ms"], f"ready after {ready} ms: the download was not slow enough to test"
        assert status.inner_text() == ""
        page.context.close()


def test_a_question_page_starts_its_engine_from_the_head_and_the_page_adopts_it(browser, server):
    """engine-start.js starts the worker before the page's own scripts run; wizard.js takes it
    over with what it said meanwhile: one worker, one start, and the engine ready."""
    page = open_page(browser)
    page.add_init_script("""(() => {
      const Real = window.Worker; window.__workers = 0;
      window.Worker = function (url, options) { window.__workers += 1; return new Real(url, options); };
    })();""")
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    assert page.evaluate("window.__workers") == 1
    assert page.evaluate("Boolean(window.ProtocolGuideEarlyEngine)")
    head_scripts = page.eval_on_selector_all("head script[src]", "els => els.map(e => e.src)")
    assert any(src.endswith("/engine-start.js") for src in head_scripts)
    assert sum(u.endswith("/wizard-worker.mjs") for u in page.requests) == 1
    page.goto(server.url)   # a page without questions starts no engine
    assert not page.evaluate("Boolean(window.ProtocolGuideEarlyEngine)")
    assert page.evaluate("window.__workers") == 0
    page.context.close()
