"""The built site in Debian's Chromium, served by nginx on 127.0.0.1, with Pyodide really loaded."""
import json
import subprocess
import sys
from urllib.request import Request, urlopen

import pytest

from conftest import ENGINE_READY_MS, ROOT, WIZARD_PAGE, assert_same_origin, wait_at
from generator import engine, urls
from generator.compile import compile_wizard
from generator.loader import load_library
from support.nginx import BROTLI_MODULE


LIBRARY = load_library(ROOT / "decision_trees")
WIZARDS = [(c.slug, w.id) for c in LIBRARY.councils.values() for w in c.wizards]


def wizard_paths(slug="cannock-chase", wizard_id="complain-about-an-officer"):
    council = LIBRARY.councils[slug]
    tree = compile_wizard(LIBRARY, council, council.wizard(wizard_id))
    return tree, engine.paths(tree)


def cannock_paths():
    return wizard_paths()


def cli_ask(answers, slug="cannock-chase", wizard_id="complain-about-an-officer"):
    args = [a for q, v in answers.items() for a in ("--answer", f"{q}={v}")]
    run = subprocess.run([sys.executable, "-m", "generator.cli", "ask", slug, wizard_id, *args, "--json"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


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


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_the_server_sends_the_precompressed_copy_the_browser_accepts(server, site, encoding):
    """nginx's gzip_static / brotli_static send the build's copy as it is, at its smallest."""
    if encoding == "br" and not BROTLI_MODULE.is_file():
        pytest.skip("this nginx has no brotli_static module (make system installs it)")
    path = urls.PYODIDE + "pyodide.asm.wasm"
    copy = site / (path + (".br" if encoding == "br" else ".gz"))
    request = Request(server.url + path, headers={"Accept-Encoding": encoding})
    with urlopen(request) as response:
        assert response.headers["Content-Encoding"] == encoding
        assert response.headers["Content-Type"].startswith("application/wasm")
        assert response.read() == copy.read_bytes()


@pytest.mark.parametrize("slug, wizard_id", WIZARDS, ids=[f"{s}/{w}" for s, w in WIZARDS])
def test_wizard_completed_by_clicking_gives_the_engines_outcome(page, server, slug, wizard_id):
    """Every path of every wizard, clicked with Pyodide loaded, shows what the CLI gives."""
    tree, paths = wizard_paths(slug, wizard_id)
    page.goto(server.url + urls.wizard(LIBRARY.councils[slug], LIBRARY.councils[slug].wizard(wizard_id)))
    page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
    for path in paths:
        page.click('.pg-wizard button[data-action="restart"]') if page.is_visible(
            '.pg-wizard button[data-action="restart"]') else None
        wait_at(page, tree["start"])
        for question, answer in path["answers"].items():
            page.click(f'.pg-step.pg-current[data-question="{question}"] a[data-answer="{answer}"]')
        wait_at(page, path["outcome"])
        expected = cli_ask(path["answers"], slug, wizard_id)
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
