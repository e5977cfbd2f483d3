import shutil
import subprocess
import sys
from urllib.parse import urlparse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from support.browser import launch  # noqa: E402
from support.nginx import StaticServer  # noqa: E402


BROWSER_FIXTURES = {"page", "browser", "server"}


def pytest_collection_modifyitems(config, items):
    """A test that uses Chromium or nginx is a browser test: `make test-fast` leaves it out."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def make_trees(tmp_path: Path, case: str | None = None) -> Path:
    """A decision_trees folder: the valid base fixture, with a broken case's files laid over it."""
    trees = tmp_path / "decision_trees"
    shutil.copytree(FIXTURES / "base", trees)
    if case:
        shutil.copytree(FIXTURES / "broken" / case, trees, dirs_exist_ok=True)
    return trees


def project_config(project: Path) -> Path:
    """mkdocs.yml and docs/ in a test's project folder, pointing at the real node_modules."""
    shutil.copytree(ROOT / "docs", project / "docs")
    config = (ROOT / "mkdocs.yml").read_text().replace(": node_modules/", f": {ROOT}/node_modules/")
    (project / "mkdocs.yml").write_text(config)
    return project / "mkdocs.yml"


@pytest.fixture
def cli_library_once(monkeypatch):
    """Calls of generator.cli.main in one test load each (trees, council) once: a test that asks
    the command line hundreds of times runs the same command code without re-reading the YAML."""
    from generator import cli

    loaded: dict = {}
    real = cli.load_library

    def load_once(root, only=None):
        key = (Path(root).resolve(), only)
        if key not in loaded:
            loaded[key] = real(root, only=only)
        return loaded[key]

    monkeypatch.setattr(cli, "load_library", load_once)
    return loaded


@pytest.fixture
def base_trees(tmp_path):
    return make_trees(tmp_path)


# --- the built site behind nginx, and Debian's Chromium: shared by every browser test ---------

WIZARD_PAGE = "cannock-chase/ask/complain-about-an-officer/"
# The page's waits and the tests' come from one place (generator/pyodide_runtime.py).
from generator.pyodide_runtime import TEST_SETTLE_MS as ENGINE_READY_MS  # noqa: E402,F401  (for the tests)


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id):
    """The real guide, built once per run. Under pytest-xdist (`-n 2`) the workers share one
    build: the first to get the lock builds it, the others wait for it and use it."""
    if worker_id == "master":
        out = tmp_path_factory.mktemp("build") / "site"
        _build_site(out)
        return out
    import fcntl
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of this run
    out = shared / "site"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "site.ok").exists():
            _build_site(out)
            (shared / "site.ok").write_text("built\n")
    return out


def _build_site(out: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.fixture(scope="session")
def worker_id(request):
    """pytest-xdist's worker name ("gw0", ...), or "master" when it is not running."""
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


@pytest.fixture(scope="session")
def server(site):
    with StaticServer(site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def open_page(browser, **context_options):
    """A page in a fresh browser context that records every request and script error.

    The service worker is blocked unless a test asks for it (service_workers="allow", as
    test_offline_browser.py does): otherwise each fresh context would cache the whole site in the
    background, and a later navigation would be answered from that cache, past the test's routes."""
    context_options.setdefault("service_workers", "block")
    return page_in(browser.new_context(**context_options))


def page_in(context):
    """A new page in a context that may be shared (and so already hold the HTTP cache and the
    engine's snapshot of its earlier pages, as a person's browser does on a later visit). The
    page records the requests made from the moment it opens, and its script errors."""
    page = context.new_page()
    page.requests = []
    context.on("request", lambda r: page.requests.append(r.url) if not page.is_closed() else None)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.fixture
def page(browser, server):
    page = open_page(browser, accept_downloads=True)
    yield page
    page.context.close()


def assert_same_origin(page, server):
    origin = urlparse(server.url).netloc
    others = [u for u in page.requests if urlparse(u).scheme not in ("data", "blob")
              and urlparse(u).netloc != origin]
    assert others == [], f"requests left the site: {others}"


def wait_at(page, node, timeout=10000):
    page.wait_for_function(
        "node => document.querySelector('.pg-wizard').dataset.at === node", arg=node, timeout=timeout)
