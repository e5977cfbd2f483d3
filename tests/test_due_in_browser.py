"""A time limit as a date in the page: the engine in Chromium says what `protocol-guide due` says."""
import json
import subprocess
import sys

import pytest

from conftest import ENGINE_READY_MS, ROOT, WIZARD_PAGE, open_page, wait_at
from test_wizard_experience import PYODIDE_WASM

CASES = [("cannock-chase", "complain-about-an-officer", "line-manager",
          "complaint-stage=not-yet&complaint-about=senior-officer", "2026-12-23"),
         ("derby", "ask-an-officer", "council-work", None, "2027-03-24")]


def cli_lines(slug, wizard_id, outcome, start):
    run = subprocess.run([sys.executable, "-m", "generator.cli", "due", slug, wizard_id, outcome,
                          "--from", start, "--json"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)["lines"]


@pytest.mark.parametrize("slug, wizard_id, outcome, query, start", CASES)
def test_the_page_shows_the_due_dates_the_command_line_gives(page, server, slug, wizard_id, outcome, query, start):
    address = f"{server.url}{slug}/ask/{wizard_id}/" + (f"?{query}" if query else f"#{wizard_id}--{outcome}")
    page.goto(address)
    wait_at(page, outcome)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    form = page.locator(f'form[data-due="{outcome}"]')
    form.locator('input[type="date"]').fill(start)
    form.locator('button[type="submit"]').click()
    form.locator("[data-due-result] li").first.wait_for()
    assert form.locator("[data-due-result] li").all_inner_texts() == cli_lines(slug, wizard_id, outcome, start)
    assert page.errors == []


def test_without_the_engine_the_time_limit_stays_in_words(browser, server):
    page = open_page(browser)
    page.route(PYODIDE_WASM, lambda route: route.abort())
    page.goto(server.url + WIZARD_PAGE + "?complaint-stage=not-yet&complaint-about=senior-officer")
    page.wait_for_selector('.pg-wizard[data-engine="unavailable"]', timeout=ENGINE_READY_MS)
    wait_at(page, "line-manager")
    assert page.locator(".pg-current .pg-time-limit").is_visible()
    assert page.locator('.pg-current form[data-due]').is_hidden()
    page.context.close()
