"""The second line of defence: even content that `check` would refuse cannot run script or
make a request to another site once built, because every template escapes it (and the
Content-Security-Policy forbids what escaping might miss). The build here switches check's
markup refusal off, puts payloads in the fields that reach every page, and opens every page."""
from __future__ import annotations

import shutil
from urllib.parse import urlparse


from conftest import FIXTURES, open_page, project_config
from support.nginx import StaticServer

MARK = "__pg_pwned"
PAYLOADS = [
    f"<script>window.{MARK}=1</script>",
    f'<img src="x" onerror="window.{MARK}=1">',
    f"[click me](javascript:window.{MARK}=1)",
    '<img src="https://off-origin.invalid/x.png">',
    f'" onmouseover="window.{MARK}=1" x="',
    "{ onclick=alert(1) }",
    f"<svg onload=window.{MARK}=1>",
    "| broken | table |",
]


def poisoned_site(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import yamlsource
    monkeypatch.setattr(yamlsource, "markup_problem", lambda text: None)
    trees = tmp_path / "decision_trees"
    shutil.copytree(FIXTURES / "base", trees)
    payload = " ".join(PAYLOADS)
    council = trees / "testshire" / "council.yaml"
    council.write_text(council.read_text().replace("name: Testshire Council", f"name: 'Testshire {payload}'"))
    section = trees / "testshire" / "01-complaints.yaml"
    text = section.read_text()
    text = text.replace("summary: Complain to the Head of Service.", f"summary: 'Complain. {payload}'")
    text = text.replace("title: Who do I complain to?", f"title: 'Who do I complain to? {payload}'")
    text = text.replace("answer: Complain to the Head of Service.", f"answer: 'Complain. {payload}'")
    section.write_text(text)
    bank = trees / "questions" / "complaints.yaml"
    bank.write_text(bank.read_text().replace("text: Who is your complaint about?",
                                             f"text: 'Who is your complaint about? {payload}'"))
    project_config(tmp_path)
    cfg = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False)
    build(cfg)
    return tmp_path / "site"


def test_payloads_in_content_never_run_or_leave_the_site(browser, tmp_path, monkeypatch):
    site = poisoned_site(tmp_path, monkeypatch)
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    assert any("testshire/ask/" in p for p in pages)
    with StaticServer(site) as server:
        origin = urlparse(server.url).netloc
        page = open_page(browser)
        dialogs, off_site = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.context.route("**/*", lambda route: (off_site.append(route.request.url), route.abort())
                           if urlparse(route.request.url).netloc not in (origin, "")
                           and urlparse(route.request.url).scheme not in ("data", "blob")
                           else route.continue_())
        for path in pages:
            page.goto(server.url + ("" if path == "." else path + "/"))
            page.wait_for_load_state("load")
            # attributes that would run on a pointer event are refused below; force=True so the
            # sticky header cannot block the hover
            for link in page.locator("article a").all()[:40]:
                if link.is_visible():
                    link.hover(force=True, timeout=2000)
            assert page.evaluate(f"window.{MARK} === undefined"), f"{path}: a payload ran"
            assert page.locator('a[href^="javascript:"]').count() == 0, f"{path}: a javascript: link"
            assert page.locator("[onerror], [onload], [onclick], [onmouseover]").count() == 0, path
        assert dialogs == [] and off_site == [], (dialogs, off_site)
        wizard = next(p for p in pages if p.startswith("testshire/ask/") and p.count("/") == 2)
        page.goto(server.url + wizard + "/")
        assert "<script>" in page.locator("h1").inner_text(), "the payload shows as plain text"
        page.context.close()
