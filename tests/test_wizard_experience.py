"""The wizard as people use it: without JavaScript, before and after the engine, change and
back, shared links, the decision record, keyboard only, and a 320 px screen."""
import re
import time

import pytest

from conftest import ENGINE_READY_MS, WIZARD_PAGE, assert_same_origin, open_page, wait_at
from generator import engine, urls
from test_browser import LIBRARY, WIZARDS, cannock_paths, cli_ask, wizard_paths

PYODIDE_WASM = "**/pyodide/pyodide.asm.wasm"


def visible_steps(page):
    return page.locator(".pg-step").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none')"
        ".map(e => e.dataset.outcome || e.dataset.step)")


def save_record(page, tmp_path):
    """Press "Save a record", download the plain-text file, and return its text."""
    page.click('button[data-action="record"]')
    page.wait_for_selector(".pg-record")
    with page.expect_download() as download_info:
        page.click(".pg-record a[download]")
    assert download_info.value.suggested_filename.endswith(".txt")
    file = tmp_path / "record.txt"
    download_info.value.save_as(file)
    return file.read_text()


def summary(page):
    return page.locator("[data-summary-list] dd > span:first-child").all_inner_texts()


@pytest.mark.parametrize("slug, wizard_id", WIZARDS, ids=[f"{s}/{w}" for s, w in WIZARDS])
def test_every_path_works_with_javascript_off(browser, server, slug, wizard_id):
    page = open_page(browser, java_script_enabled=False)
    tree, paths = wizard_paths(slug, wizard_id)
    address = server.url + urls.wizard(LIBRARY.councils[slug], LIBRARY.councils[slug].wizard(wizard_id))
    for path in paths:
        page.goto(address)
        assert visible_steps(page) == [tree["start"]]
        for question, answer in path["answers"].items():
            current = page.locator(".pg-step", has=page.locator("h2:visible")).filter(
                has=page.locator(f'a[data-answer="{answer}"]:visible'))
            current.locator(f'a[data-answer="{answer}"]').click()
        assert visible_steps(page) == [path["outcome"]]
        assert page.url.endswith("--" + path["outcome"])
        assert cli_ask(path["answers"], slug, wizard_id)["outcome"] == path["outcome"]
    assert_same_origin(page, server)
    page.context.close()


def test_first_question_is_usable_before_the_engine_and_the_engine_takes_over(browser, server):
    page = open_page(browser)
    held = []
    page.route(PYODIDE_WASM, lambda route: held.append(route))  # hold Pyodide back
    page.goto(server.url + WIZARD_PAGE)
    page.click('a[data-answer="not-yet"]')
    wait_at(page, "about-whom")
    root = page.locator(".pg-wizard")
    assert root.get_attribute("data-source") == "static"
    assert root.get_attribute("data-engine") == "static"
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "the page asked for Pyodide in the background"
    held[0].continue_()
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    assert root.get_attribute("data-at") == "about-whom"     # same step, answers kept
    assert root.get_attribute("data-source") == "engine"
    assert summary(page) == ["No, this is a new complaint"]
    page.click('.pg-current a[data-answer="officer"]')
    wait_at(page, "head-of-service")
    assert root.get_attribute("data-source") == "engine"
    page.context.close()


def test_when_pyodide_cannot_load_the_wizard_still_works_and_says_so(browser, server):
    page = open_page(browser)
    page.route(PYODIDE_WASM, lambda route: route.abort())
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="unavailable"]', timeout=ENGINE_READY_MS)
    notice = page.locator("[data-notice]")
    assert notice.is_visible() and "simple mode" in notice.inner_text()
    page.click('a[data-answer="not-satisfied"]')
    wait_at(page, "refer-to-chief-executive")
    assert page.locator(".pg-wizard").get_attribute("data-source") == "static"
    page.context.close()


def test_change_and_back_drop_answers_that_no_longer_apply(page, server):
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    page.click('.pg-current a[data-answer="not-yet"]')
    wait_at(page, "about-whom")
    page.click('.pg-current a[data-answer="officer"]')
    wait_at(page, "head-of-service")
    assert summary(page) == ["No, this is a new complaint", "An officer who is not a senior manager"]
    page.click('button[data-change="complaint-stage"]')
    wait_at(page, "stage")
    page.click('.pg-current a[data-answer="not-satisfied"]')
    wait_at(page, "refer-to-chief-executive")
    assert summary(page) == ["Yes, but I am not satisfied that it was dealt with"]
    assert "complaint-about" not in page.url
    page.click('button[data-action="back"]')
    wait_at(page, "stage")
    assert summary(page) == []
    assert page.locator("[data-summary]").is_hidden()


def test_a_shared_link_restores_the_path(page, server):
    tree, paths = cannock_paths()
    path = paths[1]
    query = "&".join(f"{q}={a}" for q, a in path["answers"].items())
    page.goto(f"{server.url}{WIZARD_PAGE}?v={tree['version']}&{query}")
    wait_at(page, path["outcome"])
    assert page.locator("[data-notice]").inner_text() == ""
    page.goto(f"{server.url}{WIZARD_PAGE}?v=old123&{query}&colour=blue")
    wait_at(page, path["outcome"])
    assert "earlier version" in page.locator("[data-notice]").inner_text()
    assert "colour" not in page.url and f"v={tree['version']}" in page.url
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    version = page.locator(".pg-wizard").get_attribute("data-version")
    page.goto(f"{server.url}{WIZARD_PAGE}?v={version}&complaint-stage=sideways&utm_source=newsletter")
    wait_at(page, "stage")
    assert "did not fit" in page.locator("[data-notice]").inner_text()
    assert page.errors == []


def test_the_decision_record_downloads_and_lists_the_answers(page, server, tmp_path):
    tree, paths = cannock_paths()
    path = next(p for p in paths if p["outcome"] == "line-manager")
    query = "&".join(f"{q}={a}" for q, a in path["answers"].items())
    page.goto(server.url + WIZARD_PAGE + "?" + query)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    wait_at(page, "line-manager")
    text = save_record(page, tmp_path)
    outcome = tree["outcomes"]["line-manager"]
    assert text.startswith(f"Decision record: {tree['wizard']['title']}")
    for row in engine.answered(tree, engine.walk(tree, path["answers"])):
        assert f"- {row['question_text']} {row['answer_label']}" in text
    assert f"Who to go to: {outcome['contact']}" in text
    assert re.search(r"Checked on: \d{1,2} \w+ \d{4}", text)
    link = re.search(r"Link to these answers: (\S+)", text).group(1)
    assert "complaint-about=senior-officer" in link
    record = page.locator(".pg-record")
    assert record.locator('[data-slot="headline"]').inner_text() == outcome["headline"]
    cited = record.locator('[data-slot="citations"] li').all_inner_texts()
    assert [c.split(":")[0].split(" (")[0] for c in cited] == [tree["paragraphs"][c]["label"] for c in outcome["cite"]]
    assert_same_origin(page, server)


def test_without_the_engine_the_record_still_comes_in_the_engines_words(browser, server, tmp_path):
    """WebAssembly blocked, as on a locked-down laptop: the wizard walks in static mode and the
    record is the one engine.record wrote for this path at build time, dated in the browser."""
    tree, paths = cannock_paths()
    path = next(p for p in paths if p["outcome"] == "line-manager")
    page = open_page(browser)
    page.route(PYODIDE_WASM, lambda route: route.abort())
    query = "&".join(f"{q}={a}" for q, a in path["answers"].items())
    page.goto(f"{server.url}{WIZARD_PAGE}?{query}")
    page.wait_for_selector('.pg-wizard[data-engine="unavailable"]', timeout=ENGINE_READY_MS)
    wait_at(page, "line-manager")
    text = save_record(page, tmp_path)
    when = re.search(r"Checked on: (.+)", text).group(1)
    link = re.search(r"Link to these answers: (.+)", text).group(1)
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}.*", when), when
    assert text == engine.record(tree, path["answers"], when, link)
    assert page.locator(".pg-wizard").get_attribute("data-source") == "static"
    assert_same_origin(page, server)
    page.context.close()


def test_keyboard_only_completion_moves_focus_to_each_new_heading(page, server):
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    for answer, node in [("not-yet", "about-whom"), ("statutory-officer", "statutory-officer-advice")]:
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.answer") == answer:
                break
        else:
            raise AssertionError(f"could not reach answer {answer} with the Tab key")
        page.keyboard.press("Enter")
        wait_at(page, node)
        focused = page.evaluate("document.activeElement.id")
        assert focused == f"complain-about-an-officer--{node}-h"
    assert page.locator(".pg-current .pg-silent").is_visible(), "a silent outcome says so"
    announced = page.locator("[data-announce]").inner_text()
    assert announced and announced in page.locator(".pg-current h2").inner_text()


def test_nothing_is_lost_at_320_px(browser, server):
    page = open_page(browser, viewport={"width": 320, "height": 640})
    page.goto(server.url + WIZARD_PAGE + "?complaint-stage=not-yet&complaint-about=officer")
    wait_at(page, "head-of-service")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways at 320 px ({width} px wide)"
    boxes = page.locator(".pg-current a:visible, .pg-current p:visible, .pg-actions button:visible").all()
    assert len(boxes) > 5
    for box in boxes:
        bounds = box.bounding_box()
        assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 320, box.inner_text()
    page.context.close()


def test_no_cookies_and_no_storage(page, server):
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    page.click('.pg-current a[data-answer="not-yet"]')
    wait_at(page, "about-whom")
    assert page.context.cookies() == []
    stored = page.evaluate("JSON.stringify(Object.keys(localStorage)) + JSON.stringify(Object.keys(sessionStorage))")
    assert "complaint" not in stored


def test_the_printed_record_is_one_clean_page(page, server, tmp_path):
    page.goto(server.url + WIZARD_PAGE + "?complaint-stage=not-yet&complaint-about=officer")
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    wait_at(page, "head-of-service")
    page.click('button[data-action="record"]')
    page.wait_for_selector(".pg-record")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.pg-steps', '.pg-actions',
        '.pg-record button', '.pg-record a[download]']
        .map(s => document.querySelector(s)).filter(Boolean)
        .every(e => getComputedStyle(e).display === 'none' || e.closest('[hidden]') ||
                    getComputedStyle(e.closest('.pg-record-actions') || e).display === 'none')""")
    assert hidden, "only the record is printed, without its buttons"
    assert page.locator(".pg-record [data-slot=headline]").is_visible()
    assert page.locator(".pg-record [data-slot=citations] li").count() > 0
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1, f"the record prints on {len(pages)} pages"
