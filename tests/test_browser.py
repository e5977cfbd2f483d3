"""The built site in Debian's Chromium, served by nginx on 127.0.0.1, with Pyodide really loaded."""
import json
import subprocess
import sys
from urllib.request import Request, urlopen

import pytest

from conftest import ROOT, WIZARD_PAGE, assert_same_origin, wait_at
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
