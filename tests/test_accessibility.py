"""axe-core in Chromium: zero violations of WCAG 2.2 A and AA, one test per page template.

Every built page belongs to a template (`template_of`; the fast test below fails if a page has
none, so a new kind of page cannot go unscanned). Each template is scanned on a sample: one page per
council, for up to SAMPLE councils spread over the list, and every page of the templates that
are not per council. So no test grows with the number of councils or sections."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ENGINE_READY_MS, WIZARD_PAGE, assert_same_origin, wait_at

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()
SAMPLE = 5  # councils per template: the five of today, a spread of them once there are more

# The templates, by where their pages live (generator/urls.py). Pages outside a council folder:
SHARED = {".": "home", "glossary": "glossary", "compare": "comparison index", "new": "start here",
          "about": "hand-written page", "accessibility": "hand-written page",
          "privacy": "hand-written page", "authors": "hand-written page"}
# Pages inside a council folder, by the rest of their path:
IN_COUNCIL = {"": "council overview", "ask": "question index", "ask/councillors": "door",
              "ask/officers": "door", "new/councillors": "essentials",
              "new/officers": "essentials", "new/quiz": "quiz", "new/print": "print pack"}
TEMPLATES = sorted(set(SHARED.values()) | set(IN_COUNCIL.values())
                   | {"comparison", "section", "wizard", "404"})


def template_of(path: str, slugs: set[str]) -> str | None:
    """The template of a built page, from its path under the site ('.' for the home page)."""
    if path == "404":
        return "404"
    head, _, rest = path.partition("/")
    if head not in slugs:
        return "comparison" if head == "compare" and rest else SHARED.get(path)
    if rest in IN_COUNCIL:
        return IN_COUNCIL[rest]
    if rest.startswith("ask/") and rest.count("/") == 1:
        return "wizard"
    if rest[:2].isdigit() and "/" not in rest:
        return "section"
    return None


def built_pages(site) -> list[str]:
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    return pages + (["404"] if (site / "404.html").is_file() else [])


def councils_of(site) -> list[str]:
    return sorted(p.parent.parent.name for p in site.glob("*/ask/index.html"))


def sample(site, template: str) -> list[str]:
    """Up to SAMPLE pages of a template: for a per-council template, one page from each of up to
    SAMPLE councils spread over the list, taking a different page of each (the 1st section of
    one council, the 2nd of the next...) so more than one kind of section is seen."""
    slugs = councils_of(site)
    pages = [p for p in built_pages(site) if template_of(p, set(slugs)) == template]
    by_council: dict[str, list[str]] = {}
    for page in pages:
        by_council.setdefault(page.split("/")[0] if page.split("/")[0] in slugs else "", []).append(page)
    if list(by_council) == [""]:
        return pages[:SAMPLE]
    chosen = sorted(by_council)
    if len(chosen) > SAMPLE:
        step = len(chosen) / SAMPLE
        chosen = [chosen[int(i * step)] for i in range(SAMPLE)]
    return [by_council[c][i % len(by_council[c])] for i, c in enumerate(chosen)]


def violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return results.response["violations"], results


def describe(found):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}x) e.g. {v['nodes'][0]['target']}"
                     for v in found)


def test_every_built_page_has_a_template_the_scan_covers(site):
    slugs = set(councils_of(site))
    assert len(slugs) >= 2
    unknown = [p for p in built_pages(site) if template_of(p, slugs) is None]
    assert unknown == [], f"pages of no known template (add it to TEMPLATES): {unknown}"
    assert {template_of(p, slugs) for p in built_pages(site)} == set(TEMPLATES), "a template has no page"


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_template_has_no_axe_violations(site, server, page, template):
    pages = sample(site, template)
    assert pages, f"no built page uses the template '{template}'"
    assert len(pages) <= SAMPLE
    failures = {}
    for path in pages:
        url = server.url + {".": "", "404": "404.html"}.get(path, path + "/")
        page.goto(url)
        page.wait_for_load_state("load")
        found, _ = violations(page)
        if found:
            failures[path] = describe(found)
    assert failures == {}, "\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert_same_origin(page, server)


@pytest.mark.parametrize("start", ["home", "section"])
def test_the_open_search_with_results_has_no_axe_violations(site, server, page, start):
    """The search box opened and answered, over the home page (every council) and over a
    council's section page (that council first, with the button to widen)."""
    from search_eval import PAGEFIND, result_links
    path = sample(site, start)[0]
    page.goto(server.url + ("" if path == "." else path + "/"))
    assert result_links(page, PAGEFIND, "complaints"), "the search found nothing"
    found, _ = violations(page)
    assert found == [], describe(found)
    assert_same_origin(page, server)


@pytest.mark.parametrize("query, node", [
    ("", "stage"),
    ("?complaint-stage=not-yet", "about-whom"),
    ("?complaint-stage=not-yet&complaint-about=officer", "head-of-service"),
])
def test_wizard_states_have_no_axe_violations(page, server, query, node):
    """A wizard as the engine drives it, at a question and at an outcome with its record shown."""
    page.goto(server.url + WIZARD_PAGE + query)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    wait_at(page, node)
    if page.locator('button[data-action="record"]').is_visible():
        page.click('button[data-action="record"]')
        page.wait_for_selector(".pg-record")
    found, _ = violations(page)
    assert found == [], describe(found)
