"""The built site in Debian's Chromium, served by nginx on 127.0.0.1, with Pyodide really loaded."""
import json
import subprocess
import sys
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

from conftest import ROOT
from generator import engine
from generator.compile import compile_wizard
from generator.loader import load_library
from support.browser import launch
from support.nginx import StaticServer

playwright_api = pytest.importorskip("playwright.sync_api")

WIZARD_PAGE = "cannock-chase/ask/complain-about-an-officer/"
ENGINE_READY_MS = 60000


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "site"
    run = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="session")
def server(site):
    with StaticServer(site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request it makes."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    context.on("request", lambda r: page.requests.append(r.url))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def assert_same_origin(page, server):
    origin = urlparse(server.url).netloc
    others = [u for u in page.requests if urlparse(u).scheme not in ("data", "blob")
              and urlparse(u).netloc != origin]
    assert others == [], f"requests left the site: {others}"


def cannock_paths():
    library = load_library(ROOT / "decision_trees")
    council = library.councils["cannock-chase"]
    tree = compile_wizard(library, council, council.wizard("complain-about-an-officer"))
    return tree, engine.paths(tree)


def cli_ask(answers):
    args = [a for q, v in answers.items() for a in ("--answer", f"{q}={v}")]
    run = subprocess.run([sys.executable, "-m", "generator.cli", "ask", "cannock-chase",
                          "complain-about-an-officer", *args, "--json"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def wait_at(page, node):
    page.wait_for_function(
        "node => document.querySelector('.pg-wizard').dataset.at === node", arg=node, timeout=10000)


def test_runtime_files_are_served_with_the_types_browsers_need(server):
    for path, expected in [("assets/protocol-guide/pyodide/pyodide.asm.wasm", "application/wasm"),
                           ("assets/protocol-guide/pyodide/pyodide.mjs", "text/javascript"),
                           ("assets/protocol-guide/wizard-worker.mjs", "text/javascript")]:
        with urlopen(server.url + path) as response:
            assert response.headers["Content-Type"].startswith(expected), path
    with urlopen(server.url + "assets/protocol-guide/engine.py") as response:
        assert response.read() == (ROOT / "generator" / "engine.py").read_bytes()
    with urlopen(server.url + "assets/protocol-guide/pyodide/pyodide-lock.json") as response:
        assert json.loads(response.read())["packages"] == {}


def test_wizard_completed_by_clicking_gives_the_engines_outcome(page, server):
    _, paths = cannock_paths()
    page.goto(server.url + WIZARD_PAGE)
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    for path in paths:
        page.click('.pg-wizard button[data-action="restart"]') if page.is_visible(
            '.pg-wizard button[data-action="restart"]') else None
        wait_at(page, "stage")
        for question, answer in path["answers"].items():
            page.click(f'.pg-step.pg-current[data-question="{question}"] a[data-answer="{answer}"]')
        wait_at(page, path["outcome"])
        expected = cli_ask(path["answers"])
        root = page.locator(".pg-wizard")
        assert root.get_attribute("data-source") == "engine"
        shown = page.locator(".pg-step.pg-current")
        assert shown.get_attribute("data-outcome") == expected["outcome"]
        assert shown.locator("[data-cite]").evaluate_all("els => els.map(e => e.dataset.cite)") == expected["cite"]
        assert expected["detail"]["contact"] in shown.inner_text()
    assert page.errors == []
    assert_same_origin(page, server)


def test_citation_links_lead_to_the_paragraph(page, server):
    page.goto(server.url + WIZARD_PAGE + "?complaint-stage=not-satisfied")
    wait_at(page, "refer-to-chief-executive")
    link = page.locator('.pg-current [data-cite="11.8"] a').first
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/cannock-chase/11-complaints-about-officers/#p-11-8")
    heading = page.locator("#p-11-8")
    assert heading.is_visible()
    assert "11.8" in heading.inner_text()
    assert_same_origin(page, server)
