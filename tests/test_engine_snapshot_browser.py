"""A second visit restores the engine from a memory snapshot of the first (wizard-worker.mjs):
taken before the engine answered anything, so no answer is in it; kept under the runtime's
version and the engine's hash; a broken one is dropped and the engine starts afresh."""
import re

from conftest import ENGINE_READY_MS, WIZARD_PAGE, open_page
from generator import offline

# The worker's progress messages, as the page receives them (a wrapper installed before the
# page's own scripts): the phase names say how Python started.
PHASES = """(() => {
  const Original = window.Worker;
  window.__phases = [];
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    worker.addEventListener("message", (e) => { if (e.data && e.data.progress && e.data.progress.phase) window.__phases.push(e.data.progress.phase); });
    return worker;
  };
  window.Worker.prototype = Original.prototype;
})();"""
SNAPSHOTS = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    if (!name.endsWith("-engine")) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) out.push([name, request.url, (await (await cache.match(request)).arrayBuffer()).byteLength]);
  }
  return out;
}"""
# True if the snapshot's bytes contain the text (searched in the page: the snapshot is ~30 MB).
CONTAINS = """async (text) => {
  const name = (await caches.keys()).find((n) => n.endsWith("-engine"));
  const cache = await caches.open(name);
  const bytes = new Uint8Array(await (await cache.match((await cache.keys())[0])).arrayBuffer());
  const needle = new TextEncoder().encode(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}"""
CORRUPT = """async () => {
  const name = (await caches.keys()).find((n) => n.endsWith("-engine"));
  const cache = await caches.open(name);
  const [request] = await cache.keys();
  await cache.put(request, new Response(new Uint8Array(4096).fill(7)));
}"""


def visit(page, server, path=WIZARD_PAGE):
    page.goto(server.url + path)
    page.wait_for_selector('.pg-wizard:not([data-engine="static"])', state="attached", timeout=ENGINE_READY_MS)
    assert page.locator(".pg-wizard").get_attribute("data-engine") == "ready"
    return page.evaluate("window.__phases")


def wait_for_snapshot(page, most_ms=ENGINE_READY_MS):
    for _ in range(most_ms // 250):
        saved = page.evaluate(SNAPSHOTS)
        if saved:
            return saved
        page.wait_for_timeout(250)
    raise AssertionError("no engine snapshot was saved")


def test_a_second_visit_restores_the_engine_and_the_snapshot_holds_no_answer(browser, server):
    page = open_page(browser)
    page.add_init_script(PHASES)
    said = []
    page.on("console", lambda message: said.append(message.text))
    assert "python" in visit(page, server)            # the first visit starts Python afresh
    ((name, url, size),) = wait_for_snapshot(page)
    assert name.startswith(offline.CACHE_PREFIX + "-")
    assert re.search(r"/engine-snapshot/[\w.]+-[0-9a-f]{16}$", url) and size > 1_000_000
    # Answer the wizard with the engine, then open a link with answers in it.
    page.click('.pg-step.pg-current a[data-answer="not-yet"]')
    page.wait_for_selector('.pg-wizard[data-at]:not([data-at="stage"])')
    tree_version = page.locator(".pg-wizard").get_attribute("data-version")
    visit(page, server, WIZARD_PAGE + "?complaint-stage=not-yet")
    # The snapshot came before the engine was given a tree or an answer.
    assert page.evaluate(CONTAINS, "pg_engine") is True          # the search works
    assert page.evaluate(CONTAINS, tree_version) is False
    assert page.evaluate(CONTAINS, "complaint-stage") is False
    phases = visit(page, server)
    assert "python (from the snapshot)" in phases and "python" not in phases, phases
    assert page.evaluate(SNAPSHOTS) == [[name, url, size]]  # kept, not rewritten
    assert not [line for line in said if "snapshot" in line], said
    # The restored engine answers as the fresh one does.
    page.click('.pg-step.pg-current a[data-answer="not-satisfied"]')
    page.wait_for_selector('.pg-wizard[data-at="refer-to-chief-executive"]')
    assert page.locator(".pg-wizard").get_attribute("data-source") == "engine"
    assert page.errors == []
    page.context.close()


def test_a_broken_snapshot_is_dropped_and_the_engine_starts_afresh(browser, server):
    page = open_page(browser)
    page.add_init_script(PHASES)
    said = []
    page.on("console", lambda message: said.append(message.text))
    visit(page, server)
    wait_for_snapshot(page)
    page.evaluate(CORRUPT)
    phases = visit(page, server)
    assert "python" in phases and "python (from the snapshot)" not in phases, phases
    assert any("did not restore" in line for line in said), said
    ((_, _, size),) = wait_for_snapshot(page)
    assert size > 1_000_000  # a good snapshot replaced the broken one
    assert page.errors == []
    page.context.close()
