"""Answers a person can act on at a glance (issue 12): the headline first on a phone, one link
for both modes, a keyboard path that never lands on something hidden, and citations that name
paragraphs as the council's own document does."""
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from conftest import open_page
from generator import engine, urls
from generator.citations import cite_label
from test_browser import LIBRARY, WIZARDS, wizard_paths

ENGINE_WORKER = "**/wizard-worker.mjs"


def is_internal(pid: str) -> bool:
    """A guide-made id (letters outside an item's parentheses), not a number the source prints."""
    return bool(re.search(r"[a-z]{2}", re.sub(r"\([a-z0-9]+\)", "", pid)))
HEADER = ".md-header"


def static_page(browser, **options):
    """A page whose engine cannot start: the wizard runs on the build-time routes at once. The
    worker itself is refused, so no page load spends time on the runtime it would fetch."""
    page = open_page(browser, **options)
    page.route(ENGINE_WORKER, lambda route: route.abort())
    return page


def at(page, node, timeout=10000):
    page.wait_for_function("node => document.querySelector('.pg-wizard').dataset.at === node",
                           arg=node, timeout=timeout)


@pytest.mark.parametrize("slug, wizard_id", WIZARDS, ids=[f"{s}/{w}" for s, w in WIZARDS])
def test_on_a_phone_the_answer_comes_first(browser, server, slug, wizard_id):
    """320x640: after the last answer, the headline, badge and who to go to are on screen, not
    under the sticky header, and focus is on the headline."""
    council = LIBRARY.councils[slug]
    wizard = council.wizard(wizard_id)
    tree, paths = wizard_paths(slug, wizard_id)
    page = static_page(browser, viewport={"width": 320, "height": 640})
    address = server.url + urls.wizard(council, wizard)
    for path in paths:
        answers = list(path["answers"].items())
        *before, (last_question, last_answer) = answers
        query = "&".join(f"{q}={a}" for q, a in before)
        page.goto(address + ("?" + query if query else ""))
        at(page, engine.walk(tree, dict(before))["step"])
        page.click(f'.pg-current a[data-answer="{last_answer}"]')
        at(page, path["outcome"])
        header = page.locator(HEADER).bounding_box()
        header_bottom = header["y"] + header["height"] if header else 0
        outcome = page.locator(".pg-current")
        for part in (".pg-headline", ".pg-badge", ".pg-contact"):
            if outcome.locator(part).count() == 0:
                continue
            box = outcome.locator(part).bounding_box()
            assert box["y"] >= header_bottom - 1, f"{path['outcome']}: {part} is under the header"
            assert box["y"] + min(box["height"], 80) <= 640, f"{path['outcome']}: {part} is below the fold"
        assert page.evaluate("document.activeElement.classList.contains('pg-headline')"), path["outcome"]
        assert outcome.locator(".pg-headline").inner_text() == tree["outcomes"][path["outcome"]]["headline"]
    page.context.close()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and "/ask/" in href and "?v=" in href:
            self.hrefs.append(href)


def state_links(site):
    """Every link the site generates to a wizard state: situations lists and comparison cells."""
    found = {}
    for file in sorted(site.rglob("index.html")):
        parser = _Links()
        parser.feed(file.read_text(encoding="utf-8"))
        page = file.parent.relative_to(site).as_posix() + "/"
        for href in parser.hrefs:
            found[urljoin("http://x/" + page, href)[len("http://x/"):]] = page
    return found


@pytest.fixture(scope="session")
def links_by_wizard(site):
    """The site's links to wizard states, by the wizard's page."""
    links = state_links(site)
    assert len(links) > 50, "the situations lists and comparisons link to wizard states"
    found: dict[str, dict[str, str]] = {}
    for link, page in links.items():
        found.setdefault(link.split("?")[0], {})[link] = page
    return found


@pytest.mark.parametrize("slug, wizard_id", WIZARDS, ids=[f"{s}/{w}" for s, w in WIZARDS])
def test_every_link_to_a_wizard_state_opens_it_with_javascript_on_and_off(browser, server, links_by_wizard,
                                                                          slug, wizard_id):
    """One test per wizard (the links to its states, from any page), so no test grows with the
    number of councils or wizards."""
    links = links_by_wizard.get(f"{slug}/ask/{wizard_id}/", {})
    if not links:
        pytest.skip(f"no page links to a state of {slug}/{wizard_id}")
    off = open_page(browser, java_script_enabled=False)
    on = static_page(browser)
    for link in links:
        node = link.rsplit("#", 1)[1].split("--", 1)[1]
        off.goto(server.url + link)
        shown = off.locator(".pg-step").evaluate_all(
            "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.outcome || e.dataset.step)")
        assert shown == [node], f"{link}: without JavaScript shows {shown}"
        on.goto(server.url + link)
        at(on, node)
        # No "dropped" or "stale" notice. The engine is blocked here, so the simple-mode notice
        # may or may not have appeared yet: that one says nothing about the link.
        notice = on.locator("[data-notice]").inner_text()
        assert notice in ("", on.locator('[data-msg="fallback"]').text_content()), f"{link}: {notice}"
    # and a link copied from the address bar with JavaScript on opens the same answer without it
    on.goto(server.url + next(iter(links)))
    node = next(iter(links)).rsplit("--", 1)[1]
    at(on, node)
    off.goto(on.url)
    shown = off.locator(".pg-step").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.outcome || e.dataset.step)")
    assert shown == [node]
    off.context.close()
    on.context.close()


def test_a_plain_link_to_an_outcome_opens_it_with_javascript(browser, server):
    slug, wizard_id = WIZARDS[0]
    council = LIBRARY.councils[slug]
    tree, paths = wizard_paths(slug, wizard_id)
    outcome = paths[-1]["outcome"]
    page = static_page(browser)
    page.goto(f"{server.url}{urls.wizard(council, council.wizard(wizard_id))}#{wizard_id}--{outcome}")
    at(page, outcome)
    assert page.locator(".pg-current .pg-headline").inner_text() == tree["outcomes"][outcome]["headline"]
    page.context.close()


@pytest.mark.parametrize("width", [1024, 320])
def test_tab_reaches_the_first_answer_quickly_and_every_stop_is_visible(browser, server, width):
    slug, wizard_id = "cannock-chase", "complain-about-an-officer"
    council = LIBRARY.councils[slug]
    page = static_page(browser, viewport={"width": width, "height": 768 if width > 400 else 640})
    page.goto(server.url + urls.wizard(council, council.wizard(wizard_id)))
    at(page, wizard_paths(slug, wizard_id)[0]["start"])
    for presses in range(1, 40):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const e = document.activeElement;
            const r = e.getBoundingClientRect();
            const style = getComputedStyle(e);
            const seen = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                && style.visibility !== 'hidden' && !e.closest('[inert]');
            return {seen, answer: e.classList.contains('pg-answer'), what: e.outerHTML.slice(0, 120),
                    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
        }""")
        assert state["seen"], f"Tab press {presses} landed on something not visible: {state['what']}"
        assert state["ring"], f"Tab press {presses}: no visible focus ring on {state['what']}"
        if state["answer"]:
            break
    else:
        raise AssertionError("Tab never reached the first answer")
    assert presses < 15, f"{presses} presses to reach the first answer at {width} px"
    page.context.close()


def test_no_citation_on_any_page_shows_an_internal_id(site):
    """Ids like '6.2-use-of-information' or 'press-and-media-3' are the guide's own; a page names
    a paragraph as the council's document does."""
    internal = {p.id for c in LIBRARY.councils.values() for p in c.paragraphs.values()
                if is_internal(p.id)}
    assert internal, "the library has unnumbered paragraphs to test against"
    for file in site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        for text in re.findall(r'<li data-cite="[^"]*"><a [^>]*>([^<]*)</a>', html):
            assert not any(pid in text for pid in internal), f"{file}: {text}"
        for text in re.findall(r'<a href="[^"]*#p-[^"]*">([^<]*)</a>', html):
            assert not any(text.strip() == pid or text.startswith(pid + " ") for pid in internal), f"{file}: {text}"


@pytest.mark.parametrize("pid, expected", [
    ("11.3", "paragraph 11.3"), ("16(a)", "paragraph 16(a)"),
])
def test_a_numbered_paragraph_is_cited_by_its_number(pid, expected):
    paragraph = next(p for c in LIBRARY.councils.values() for p in c.paragraphs.values() if p.id == pid)
    assert cite_label(paragraph) == expected


def test_an_unnumbered_paragraph_is_cited_by_its_heading_and_position():
    for council in LIBRARY.councils.values():
        for paragraph in council.paragraphs.values():
            label = cite_label(paragraph)
            if is_internal(paragraph.id):
                assert paragraph.id not in label, label
                assert paragraph.section.title in label or paragraph.heading in label or "part:" in label, label


def test_an_open_question_never_gets_a_yes_or_no_badge():
    from generator.compile import compile_all
    checked = 0
    for (slug, wizard_id), tree in compile_all(LIBRARY).items():
        for outcome in tree["outcomes"].values():
            if tree["wizard"]["asks"] == "open":
                assert outcome["badge"] not in ("Yes", "No"), f"{slug}/{wizard_id}: {outcome['headline']}"
                checked += 1
    assert checked > 100


def test_contact_details_and_the_councils_own_copy_reach_the_answer(tmp_path):
    """A council may publish, per role, a name, email, phone and web page, and the address of its
    own protocol; an outcome naming that role shows them, as plain links."""
    from conftest import make_trees
    from generator.loader import load_library
    from generator.render import render_library
    trees = make_trees(tmp_path)
    council_file = trees / "testshire" / "council.yaml"
    council_file.write_text(council_file.read_text().replace("document:\n", "document:\n  url: https://testshire.example/protocol\n")
                            + "contacts:\n  head-of-service:\n    name: Alex Example\n    email: alex@testshire.example\n"
                              "    phone: 01234 567890\n")
    rendered = render_library(load_library(trees))
    page = rendered.written()["testshire/ask/complain/index.md"]
    outcome = page.split('id="complain--head-of-service"')[1].split("</section>")[0]
    assert "Alex Example" in outcome
    assert 'href="mailto:alex@testshire.example"' in outcome
    assert 'href="tel:01234567890"' in outcome
    assert 'href="https://testshire.example/protocol"' in outcome
    other = page.split('id="complain--manager"')[1].split("</section>")[0]
    assert "Alex Example" not in other, "details show only where that role is the contact"
