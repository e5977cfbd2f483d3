"""Under `protocol-guide serve`, a save that breaks a file prints the same `file:line ... Fix:`
list as `check`, keeps serving the last good site, and every page shows a banner naming the
file and line until a save fixes it. Run for real: serve on a one-council copy of the guide."""
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT

COUNCIL = "dunstable"
BROKEN = "    applies_to: [nobody-at-all]\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=90):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            found = predicate()
            if found:
                return found
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail("serve did not reach the expected state in time")


@pytest.fixture
def project(tmp_path):
    """The guide with one council (a fast build); docs/ and mkdocs.yml as they are."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    for name in ("questions", "tags.yaml", "thesaurus.yaml", COUNCIL):
        source = ROOT / "decision_trees" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / "decision_trees" / name)
    shutil.copytree(ROOT / "tests" / "expected_ids", tmp_path / "tests" / "expected_ids")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def test_a_broken_save_is_reported_in_the_terminal_and_on_every_page(project):
    port = free_port()
    log = (project / "serve.log").open("w")
    serve = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--port", str(port)],
                             cwd=project, stdout=log, stderr=subprocess.STDOUT)
    page = f"http://127.0.0.1:{port}/{COUNCIL}/"
    try:
        wait_for(lambda: "Dunstable" in fetch(page))
        assert "pg-broken" not in fetch(page)
        section = project / "decision_trees" / COUNCIL / "12-press-and-media.yaml"
        good = section.read_text(encoding="utf-8")
        lines = good.splitlines(keepends=True)
        at = next(i for i, l in enumerate(lines) if l.startswith("    applies_to:"))
        section.write_text("".join(lines[:at] + [BROKEN] + lines[at + 1:]), encoding="utf-8")
        where = f"decision_trees/{COUNCIL}/12-press-and-media.yaml:{at + 1}:"
        shown = wait_for(lambda: (lambda html: html if "pg-broken" in html else None)(fetch(page)))
        assert where in shown and 'role="alert"' in shown
        assert "Dunstable" in shown  # the last good site is still there under the banner
        printed = (project / "serve.log").read_text()
        assert f"{where} 'nobody-at-all' in applies_to" in printed and "Fix:" in printed
        section.write_text(good, encoding="utf-8")
        wait_for(lambda: "pg-broken" not in fetch(page))
    finally:
        serve.terminate()
        serve.wait(timeout=20)
        log.close()
