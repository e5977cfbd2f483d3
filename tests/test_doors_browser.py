"""An officer goes in by a door (the home page, or the council's page), finds their question and
completes it, with JavaScript on and off (issue 15)."""
import pytest

from conftest import ENGINE_READY_MS, assert_same_origin, open_page, wait_at
from test_browser import LIBRARY, cli_ask

COUNCIL = LIBRARY.councils["cannock-chase"]
WIZARD = COUNCIL.wizard("officer-requests")
ANSWERS = {"officer-request-what": "instruction", "officer-action-proper": "improper"}
DOORS = {"home": "", "council": "cannock-chase/"}   # on the home page, in the council's line


def visible_steps(page):
    return page.locator(".pg-step").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none')"
        ".map(e => e.dataset.outcome || e.dataset.step)")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("door", sorted(DOORS))
def test_an_officer_completes_their_question_from_each_door(browser, server, door, javascript):
    start = DOORS[door]
    expected = cli_ask(ANSWERS, COUNCIL.slug, WIZARD.id)
    page = open_page(browser, java_script_enabled=javascript)
    page.goto(server.url + start)
    content = page.locator(".md-content")
    if door == "home":
        content = content.get_by_role("listitem").filter(has=page.get_by_role("link", name=COUNCIL.name, exact=True))
    content.get_by_role("link", name="I'm an officer", exact=True).click()
    page.wait_for_url(f"**/{COUNCIL.slug}/ask/officers/")
    listed = page.locator(".md-content")  # the page itself, not the navigation beside it
    assert listed.get_by_role("link", name="Can I ask an officer for this?").count() == 0  # a councillor's
    listed.get_by_role("link", name=WIZARD.title, exact=True).click()
    page.wait_for_url(f"**/{COUNCIL.slug}/ask/{WIZARD.id}/**")
    for question, answer in ANSWERS.items():
        if javascript:
            page.click(f'.pg-step.pg-current[data-question="{question}"] a[data-answer="{answer}"]')
        else:
            page.locator(f'.pg-step[data-question="{question}"] a[data-answer="{answer}"]:visible').click()
    if javascript:
        wait_at(page, expected["outcome"], timeout=ENGINE_READY_MS)
        shown = page.locator(".pg-step.pg-current")
    else:
        assert visible_steps(page) == [expected["outcome"]]
        assert page.url.endswith("--" + expected["outcome"])
        shown = page.locator(f'.pg-step[data-outcome="{expected["outcome"]}"]')
    assert shown.get_attribute("data-outcome") == expected["outcome"]
    assert expected["detail"]["headline"] in shown.inner_text()
    assert page.errors == []
    assert_same_origin(page, server)
    page.context.close()
