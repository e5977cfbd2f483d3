"""Is a date in the pre-election period? The engine in Chromium shows what `protocol-guide
election-period` prints for the same inputs; without the engine the rule stays in words."""
import json
import subprocess
import sys

import pytest

from conftest import ENGINE_READY_MS, ROOT, open_page, wait_at
from test_wizard_experience import PYODIDE_WASM

PAGE = "crawley/ask/press-and-media/"
OUTCOME = "pre-election"
CASES = [("2027-05-06", "2027-03-29", "2027-05-06"),   # polling day itself (the assumption)
         ("2027-04-15", "", "2027-05-06"),             # no notice date: it depends, ask
         ("2027-03-28", "2027-03-29", "")]             # the day before the notice


def cli(on, notice, poll):
    args = ["--on", on] + (["--notice", notice] if notice else []) + (["--poll", poll] if poll else [])
    run = subprocess.run([sys.executable, "-m", "generator.cli", "election-period", "crawley",
                          "press-and-media", OUTCOME, *args, "--json"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)["lines"]


def test_the_page_shows_the_command_lines_sentences(page, server):
    page.goto(f"{server.url}{PAGE}?media-what=pre-election")
    wait_at(page, OUTCOME)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    form = page.locator(f'form[data-election="{OUTCOME}"]')
    assert form.is_visible()
    assert page.locator(".pg-current [data-election-without]").is_hidden()
    for on, notice, poll in CASES:
        # by label, as a person using a screen reader would find them
        form.get_by_label("The date in question").fill(on)
        form.get_by_label("The day the notice of election was published", exact=False).fill(notice)
        form.get_by_label("Polling day", exact=False).fill(poll)
        form.locator('button[type="submit"]').press("Enter")   # the keyboard submits
        expected = cli(on, notice, poll)
        result = form.locator("[data-election-result] li")
        page.wait_for_function("([sel, first]) => { const li = document.querySelector(sel);"
                               " return li && li.textContent === first; }",
                               arg=[f'form[data-election="{OUTCOME}"] [data-election-result] li', expected[0]],
                               timeout=10000)
        assert result.all_inner_texts() == expected
    assert form.locator("[data-election-result]").get_attribute("aria-live") == "polite"
    assert page.errors == []


@pytest.mark.parametrize("address, outcome, computed", [
    (PAGE + "?media-what=pre-election", OUTCOME, True),
    ("dunstable/ask/press-and-media/?media-what=pre-election", "pre-election-silent", False)])
def test_without_the_engine_the_rule_stays_in_words(browser, server, address, outcome, computed):
    page = open_page(browser)
    page.route(PYODIDE_WASM, lambda route: route.abort())
    page.goto(server.url + address)
    page.wait_for_selector('.pg-wizard[data-engine="unavailable"]', timeout=ENGINE_READY_MS)
    wait_at(page, outcome)
    rule = page.locator(".pg-current .pg-election-rule")
    assert rule.count() == 2 and rule.first.is_visible()
    if computed:
        assert "polling day" in rule.first.inner_text()
        assert page.locator(".pg-current [data-election-without]").is_visible()
        assert page.locator(".pg-current form[data-election]").is_hidden()
    else:
        assert rule.first.inner_text().startswith("The protocol does not define a pre-election period")
        assert page.locator(".pg-current form[data-election]").count() == 0
    page.context.close()
