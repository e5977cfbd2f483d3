"""The quiz and the print pack in Chromium: graded by the engine, by the page, and with no JavaScript."""
import re

import pytest

from conftest import ENGINE_READY_MS, ROOT, assert_same_origin, open_page
from generator.loader import council_slugs
from test_accessibility import AXE, TAGS, describe

QUIZ = "cannock-chase/new/quiz/"
# The most A4 pages a council's induction pack may print on in Chromium: essentials for
# councillors and officers first, the quiz's questions from a new page, the answers on a page of
# their own (each of the five councils printed on 5 or 6 when measured, 2026-12-01). A bound, not
# a table per council, so a new council needs no change here.
PACK_MOST_PAGES = 6


def letter_of(item, outcome):
    choices = [li.get_attribute("data-choice") for li in item.locator("li[data-choice]").all()]
    return "ABCD"[choices.index(outcome)]


def test_quiz_graded_by_the_engine_once_it_is_ready(page, server):
    page.goto(server.url + QUIZ)
    page.wait_for_selector('[data-quiz][data-engine="ready"]', timeout=ENGINE_READY_MS)
    items = page.locator("[data-situation]")
    assert items.count() >= 10
    first, second = items.nth(0), items.nth(1)
    # The page's own answer is spoiled: only the engine, walking the wizard's tree, can be right.
    right = first.get_attribute("data-right")
    wrong = next(c for c in (b.get_attribute("data-choice") for b in first.locator("button[data-choice]").all())
                 if c != right)
    first.evaluate("(el, wrong) => { el.dataset.right = wrong; }", wrong)
    first.locator(f'button[data-choice="{right}"]').click()
    expect_text(first.locator("[data-feedback]"), "Right.")
    assert first.get_attribute("data-graded-by") == "engine"
    assert first.locator("[data-quiz-answer]").evaluate("d => d.open")
    # A wrong choice names the right letter, and the score counts both.
    right2 = second.get_attribute("data-right")
    other = next(b for b in second.locator("button[data-choice]").all() if b.get_attribute("data-choice") != right2)
    other.click()
    expect_text(second.locator("[data-feedback]"), f"Not quite. The answer is {letter_of(second, right2)}.")
    assert second.locator("button[data-choice]").first.is_disabled()
    score = page.locator("[data-quiz-score]")
    assert score.text_content() == f"Your score: 1 out of 2 answered ({items.count()} situations)."
    # An answered quiz (buttons, feedback, open answers, the score bar) meets WCAG 2.2 AA too;
    # the page around it is test_accessibility's.
    found = AXE.run(page, context="[data-quiz]",
                    options={"runOnly": {"type": "tag", "values": TAGS}}).response["violations"]
    assert found == [], describe(found)
    page.locator("[data-quiz-restart]").click()
    assert first.get_attribute("data-result") is None and not first.locator("button").first.is_disabled()
    assert page.errors == []
    assert_same_origin(page, server)


def test_quiz_graded_by_the_page_until_the_engine_is_ready(page, server):
    page.route("**/wizard-worker.mjs", lambda route: route.abort())  # the engine never starts
    page.goto(server.url + QUIZ)
    page.wait_for_selector('[data-quiz][data-engine="unavailable"]', timeout=ENGINE_READY_MS)
    item = page.locator("[data-situation]").nth(2)
    right = item.get_attribute("data-right")
    item.locator(f'button[data-choice="{right}"]').click()
    expect_text(item.locator("[data-feedback]"), "Right.")
    assert item.get_attribute("data-graded-by") == "page"


def test_quiz_works_with_javascript_off(browser, server):
    page = open_page(browser, java_script_enabled=False)
    try:
        page.goto(server.url + QUIZ)
        items = page.locator("[data-situation]")
        assert items.count() >= 10
        assert page.locator("button[data-choice]").count() == 0
        for index in range(items.count()):
            item = items.nth(index)
            answer = item.locator("[data-quiz-answer]")
            right_line = answer.locator(".pg-quiz-right")
            assert not right_line.is_visible()
            answer.locator("summary").click()
            assert right_line.is_visible()
            right = item.get_attribute("data-right")
            headline = item.locator(f'li[data-choice="{right}"]').text_content().strip()
            assert right_line.text_content().strip() == f"Answer {letter_of(item, right)}: {headline}"
        assert_same_origin(page, server)
    finally:
        page.context.close()


@pytest.mark.parametrize("slug", council_slugs(ROOT / "decision_trees"))
def test_induction_pack_prints_on_the_stated_number_of_a4_pages(page, server, slug):
    page.goto(server.url + f"{slug}/new/print/")
    assert page.locator(".pg-pack-answers li").count() >= 10
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    print(f"{slug}: the induction pack prints on {pages} A4 pages")
    assert 3 <= pages <= PACK_MOST_PAGES, f"{slug}: {pages} pages"
    # Only the pack is printed: no navigation, header or search.
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".pg-pack-print").is_visible()


def expect_text(locator, text):
    locator.wait_for(state="visible", timeout=10000)
    assert locator.text_content() == text
