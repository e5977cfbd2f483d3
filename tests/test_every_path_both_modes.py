"""Every path of every wizard, clicked in Chromium with the engine ready and with WebAssembly
blocked, ends where `protocol-guide paths` says, showing that outcome's headline, contact and
citations: the page decides no route of its own."""
import functools
import json
import subprocess
import sys

import pytest

from conftest import ENGINE_READY_MS, ROOT, assert_same_origin, open_page, page_in, wait_at
from generator import urls
from test_browser import LIBRARY, WIZARDS, wizard_paths
from test_wizard_experience import PYODIDE_WASM

MODES = {"engine": "ready", "static": "unavailable"}


@functools.cache
def council_paths(slug):
    """`protocol-guide paths` for every wizard of one council, asked once per run."""
    run = subprocess.run([sys.executable, "-m", "generator.cli", "paths", slug, "--json"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def cli_paths(slug, wizard_id):
    return council_paths(slug)[wizard_id]


@pytest.fixture(scope="module")
def returning_browser(browser):
    """One context for every run with the engine: after the first, the runtime comes from the
    HTTP cache and Python from its saved snapshot, as on a person's later visits."""
    context = browser.new_context(service_workers="block")
    yield context
    context.close()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("slug, wizard_id", WIZARDS, ids=[f"{s}/{w}" for s, w in WIZARDS])
def test_every_path_in_both_modes_ends_at_the_cli_outcome(browser, returning_browser, server, slug, wizard_id, mode):
    council = LIBRARY.councils[slug]
    tree, _ = wizard_paths(slug, wizard_id)
    start = tree["start"]
    if mode == "static":
        page = open_page(browser)
        page.route(PYODIDE_WASM, lambda route: route.abort())
    else:
        page = page_in(returning_browser)
    page.goto(server.url + urls.wizard(council, council.wizard(wizard_id)))
    page.wait_for_selector(f'.pg-wizard[data-engine="{MODES[mode]}"]', timeout=ENGINE_READY_MS)
    for path in cli_paths(slug, wizard_id):
        if page.is_visible('.pg-wizard button[data-action="restart"]'):
            page.click('.pg-wizard button[data-action="restart"]')
        wait_at(page, start)
        for question, answer in path["answers"].items():
            page.click(f'.pg-step.pg-current[data-question="{question}"] a[data-answer="{answer}"]')
        wait_at(page, path["outcome"])
        assert page.locator(".pg-wizard").get_attribute("data-source") == mode
        shown = page.locator(".pg-step.pg-current")
        assert shown.locator("[data-cite]").evaluate_all("els => els.map(e => e.dataset.cite)") == path["cite"]
        outcome, text = tree["outcomes"][path["outcome"]], " ".join(shown.inner_text().split())
        assert outcome["headline"] in text and outcome["contact"] in text, path
    assert page.errors == []
    assert_same_origin(page, server)
    if mode == "engine":
        page.close()
    else:
        page.context.close()
