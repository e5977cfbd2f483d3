"""Comparison pages let a person pick the councils to compare (issue 19): rows the page holds are
kept, the others are fetched and built by compare.js from the same runs the page was built from."""
import html as html_lib
import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT, assert_same_origin, open_page
from generator import urls
from generator.loader import load_library

pytestmark = pytest.mark.browser

LIBRARY = load_library(ROOT / "decision_trees")
COUNCILS = sorted(LIBRARY.councils.values(), key=lambda c: c.name.lower())
TOPIC = "complaints"
PAGE = urls.comparison(TOPIC)


def THE_PAGE(url: str) -> bool:   # the comparison page, whatever its query
    return urlparse(url).path.endswith("/" + PAGE)


def shown(page) -> list[list[str]]:
    """For each situation's table, the councils whose rows it shows, in order."""
    return page.locator("table[data-pg-compare-situation]").evaluate_all(
        "tables => tables.map(t => [...t.tBodies[0].rows].map(r => r.dataset.council))")


def test_unticking_a_council_removes_its_rows_and_the_address_keeps_the_choice(browser, server):
    page = open_page(browser)
    page.goto(server.url + PAGE)
    picker = page.get_by_role("group", name="Councils to compare")
    everyone = [c.slug for c in COUNCILS]
    assert picker.is_visible()
    assert all(row == everyone for row in shown(page)), "every council's rows, in the page's order"
    dropped = COUNCILS[1]
    picker.get_by_role("checkbox", name=dropped.name).uncheck()
    kept = [s for s in everyone if s != dropped.slug]
    page.wait_for_function("n => document.querySelector('.pg-compare-status').textContent.includes(n)",
                           arg=f"Showing {len(kept)} of {len(everyone)}")
    assert all(row == kept for row in shown(page))
    assert re.findall(r"council=([\w-]+)", page.url) == kept
    page.reload()   # the address alone brings the same choice back
    page.wait_for_function("() => document.querySelector('.pg-compare-status').textContent !== ''")
    assert all(row == kept for row in shown(page))
    assert not picker.get_by_role("checkbox", name=dropped.name).is_checked()
    assert page.errors == []
    assert_same_origin(page, server)
    page.context.close()


def test_a_council_not_in_the_page_is_fetched_and_shown_as_the_page_would(browser, server):
    """The page is served without one council's rows; picking it builds them from its JSON, and
    they must equal the rows the generator wrote into the page."""
    fetched = COUNCILS[2]
    original = (server.root / PAGE / "index.html").read_text(encoding="utf-8")
    built_in = re.findall(rf'<tr data-council="{fetched.slug}">.*?</tr>', original, re.S)
    assert built_in
    page = open_page(browser)
    page.route(THE_PAGE, lambda route: route.fulfill(
        status=200, content_type="text/html",
        body=re.sub(rf'<tr data-council="{fetched.slug}">.*?</tr>', "", original, flags=re.S)))
    page.goto(server.url + PAGE + f"?council={fetched.slug}&council={COUNCILS[0].slug}&council=nowhere")
    page.wait_for_function("() => document.querySelector('.pg-compare-status').textContent !== ''")
    assert all(row == [COUNCILS[0].slug, fetched.slug] for row in shown(page))
    assert any(u.endswith(urls.comparison_data(TOPIC, fetched.slug)) for u in page.requests)
    rebuilt = page.locator(f'tr[data-council="{fetched.slug}"]').evaluate_all(
        "rows => rows.map(r => r.outerHTML)")
    site = server.url.rstrip("/") + "/"
    def same(row, base):   # the browser writes links whole, and its own choice of entities
        return html_lib.unescape(row.replace(f'href="{base}', 'href="'))
    assert [same(r, site) for r in rebuilt] == [same(r, "../../") for r in built_in]
    assert page.errors == []
    page.context.close()


def test_a_council_whose_rows_cannot_be_fetched_is_named_and_the_rest_still_show(browser, server):
    missing = COUNCILS[3]
    page = open_page(browser)
    original = (server.root / PAGE / "index.html").read_text(encoding="utf-8")
    page.route(THE_PAGE, lambda route: route.fulfill(status=200, content_type="text/html",
        body=re.sub(rf'<tr data-council="{missing.slug}">.*?</tr>', "", original, flags=re.S)))
    page.route("**/" + urls.comparison_data(TOPIC, missing.slug), lambda route: route.fulfill(status=404))
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(server.url + PAGE + f"?council={missing.slug}&council={COUNCILS[0].slug}")
    status = page.locator(".pg-compare-status")
    page.wait_for_function("() => document.querySelector('.pg-compare-status').textContent !== ''")
    assert missing.name in status.inner_text()
    assert all(row == [COUNCILS[0].slug] for row in shown(page))
    assert any(missing.slug in w and "404" in w for w in warnings), warnings
    page.context.close()


def test_without_javascript_every_council_is_in_the_page_and_the_picker_is_not(browser, server):
    page = open_page(browser, java_script_enabled=False)
    page.goto(server.url + PAGE)
    assert not page.locator(".pg-compare-pick").is_visible()
    assert all(row == [c.slug for c in COUNCILS] for row in shown(page))
    page.context.close()
