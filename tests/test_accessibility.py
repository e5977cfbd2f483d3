"""axe-core in Chromium on every built page: zero violations of WCAG 2.2 A and AA."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ENGINE_READY_MS, WIZARD_PAGE, assert_same_origin, wait_at

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return results.response["violations"], results


def describe(found):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}x) e.g. {v['nodes'][0]['target']}"
                     for v in found)


SHARDS = 8  # the scan is split so that no one test grows with the number of councils past its limit


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_has_no_axe_violations(site, server, page, shard):
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 8
    failures = {}
    for path in pages[shard::SHARDS]:
        url = server.url + ("" if path == "." else path + "/")
        page.goto(url)
        page.wait_for_load_state("load")
        found, _ = violations(page)
        if found:
            failures[path] = describe(found)
    assert failures == {}, "\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert_same_origin(page, server)


@pytest.mark.parametrize("query, node", [
    ("", "stage"),
    ("?complaint-stage=not-yet", "about-whom"),
    ("?complaint-stage=not-yet&complaint-about=officer", "head-of-service"),
])
def test_wizard_states_have_no_axe_violations(page, server, query, node):
    page.goto(server.url + WIZARD_PAGE + query)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    wait_at(page, node)
    if page.locator('button[data-action="record"]').is_visible():
        page.click('button[data-action="record"]')
        page.wait_for_selector(".pg-record")
    found, _ = violations(page)
    assert found == [], describe(found)
