"""Hostile input: `check` answers every broken or malicious tree in its own words, fast.

The corpus (tests/hostile/corpus.py) lays one hostile change over the base fixture per case.
For each: no traceback, exit 1, the expected `file:line: ... Fix: ...` line, under 10 s; the
ordinary characters that must be allowed pass `check`, build, and show as typed. The last
test loads a wizard with the Content-Security-Policy enforced and completes it with the engine.
"""
from __future__ import annotations

import contextlib
import html
import io
import re
import shutil
import subprocess
import sys
import time
from collections import Counter

import pytest

from conftest import ENGINE_READY_MS, ROOT, make_trees, open_page, project_config, wait_at
from generator import csp
from generator.cli import main
from hostile.corpus import all_cases, write_case

CASES = all_cases()
LIMIT_S = 10
PROBLEM_LINE = re.compile(r"^decision_trees/.+?:\d+: .+ Fix: .+")
# a list of choices with nothing in it: "use a tag from ...: ."
EMPTY_LIST = re.compile(r": [.,]$|: , ")


def check(trees):
    """`protocol-guide check` in this process (the same code as the command, 100 times faster
    than a process each): exit code, stderr, seconds."""
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--trees", str(trees), "check"])
    return code, err.getvalue(), time.perf_counter() - started


@pytest.mark.parametrize("case", [c for c in CASES if not c.passes], ids=lambda c: f"{c.cls}/{c.name}")
def test_check_refuses_the_case_with_file_and_line(tmp_path, case):
    trees = write_case(case, tmp_path / "decision_trees")
    code, stderr, seconds = check(trees)
    assert code == 1, f"a broken tree passed check: {case.name}"
    assert seconds < LIMIT_S, f"check took {seconds:.1f} s"
    lines = [l for l in stderr.splitlines() if l.startswith("decision_trees")]
    assert "Traceback" not in stderr and "unexpected error" not in stderr, stderr
    assert lines and all(PROBLEM_LINE.match(l) for l in lines), stderr
    for file, line, words in case.expect:
        where = f"decision_trees/{file}:{line}: "
        assert any(l.startswith(where) and words in l for l in lines), \
            f"expected '{words}' at {where}; got:\n{stderr}"
    if case.only is not None:
        assert len(lines) == case.only, f"follow-on problems were not suppressed:\n{stderr}"
    assert not any(EMPTY_LIST.search(l) for l in lines), f"an empty list of choices:\n{stderr}"
    for words in case.absent:
        assert not any(words in l for l in lines), f"'{words}' in:\n{stderr}"


def test_the_corpus_covers_every_class():
    counts = Counter(c.cls for c in CASES)
    print("\n" + "\n".join(f"{n:4} {cls}" for cls, n in sorted(counts.items())))
    assert {"injection", "control-character", "not-utf-8", "nesting", "alias", "tag", "huge",
            "empty-document", "empty-required-value", "bad-id", "reserved-id", "follow-on",
            "layout", "glossary", "tab", "documents", "ordinary-characters"} <= set(counts)
    assert counts["injection"] >= 200


def test_a_check_process_refuses_an_alias_bomb_fast_and_without_a_traceback(tmp_path):
    """The whole command, as a council's author runs it: exit 1 and one line, not a MemoryError."""
    case = next(c for c in CASES if c.name == "billion-laughs")
    trees = write_case(case, tmp_path / "decision_trees")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "generator.cli", "--trees", str(trees), "check"],
                         capture_output=True, text=True, timeout=LIMIT_S * 3)
    assert time.perf_counter() - started < LIMIT_S
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "decision_trees/testshire/01-complaints.yaml:1: the YAML anchor '&a'" in run.stderr


@pytest.mark.parametrize("case", [c for c in CASES if c.passes], ids=lambda c: f"{c.cls}/{c.name}")
def test_ordinary_text_passes_check(tmp_path, case):
    trees = write_case(case, tmp_path / "decision_trees")
    code, stderr, _ = check(trees)
    assert code == 0, stderr


def _build(tmp_path, trees_case=None):
    """Build the site from a case (or the base fixture) in tmp_path; return the site folder."""
    if trees_case is None:
        make_trees(tmp_path)
    else:
        write_case(trees_case, tmp_path / "decision_trees")
    project_config(tmp_path)
    run = subprocess.run([sys.executable, "-m", "generator.cli", "build"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    return tmp_path / "site"


def _page_text(file) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", file.read_text(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_ordinary_characters_build_and_show_as_typed(tmp_path):
    case = next(c for c in CASES if c.cls == "ordinary-characters")
    site = _build(tmp_path, case)
    pages = " ".join(_page_text(f) for f in site.rglob("*.html"))
    for text in case.passes:
        assert text in pages, f"{text!r} is not shown as typed"


def test_every_page_carries_the_policy_and_no_inline_script(site):
    """On the real guide's build (every template), shared with the other tests of the built site."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text()
        assert f'<meta http-equiv="Content-Security-Policy" content="{csp.policy()}">' in text, page
        head = text[:text.index("<meta http-equiv")]
        assert "<script" not in head and "<link" not in head, f"policy comes after a resource: {page}"
        inline = [m.group(0)[:80] for m in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", text)]
        assert inline == [], f"inline script left in {page}: {inline}"
    for moved in (site / csp.MOVED).iterdir():
        assert moved.read_text().strip(), moved


def test_a_wizard_is_completed_by_the_engine_with_the_policy_enforced(tmp_path, browser):
    """The policy as the page's <meta> and as the server's header (which also covers the
    worker): the engine starts, the wizard reaches an outcome, nothing is refused, and an
    inline script added to the page does not run."""
    from support.nginx import StaticServer
    site = _build(tmp_path)
    header = f'add_header Content-Security-Policy "{csp.policy()}" always;'
    with StaticServer(site, extra=header) as server:
        page = open_page(browser)
        page.add_init_script("window.__violations = [];"
                             "addEventListener('securitypolicyviolation', e => window.__violations"
                             ".push(e.violatedDirective + ' ' + e.blockedURI));")
        console = []
        page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
        try:
            page.goto(server.url + "testshire/ask/complain/")
            page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
            page.click('.pg-step.pg-current[data-question="complaint-stage"] a[data-answer="not-yet"]')
            page.click('.pg-step.pg-current[data-question="complaint-about"] a[data-answer="officer"]')
            wait_at(page, "head-of-service")
            assert page.locator(".pg-wizard").get_attribute("data-source") == "engine"
            page.click("details[data-flow] summary")  # mermaid draws under the policy too
            page.wait_for_function("() => document.querySelector('[data-mermaid]').dataset.rendered",
                                   timeout=20000)
            assert page.locator("[data-mermaid]").get_attribute("data-rendered") == "true"
            assert page.evaluate("() => window.__violations") == []
            assert console == [] and page.errors == []
            page.evaluate("() => { const s = document.createElement('script');"
                          " s.textContent = 'window.__ran = true'; document.head.append(s); }")
            assert page.evaluate("() => window.__ran === undefined"), "inline script ran"
            refused = page.evaluate("() => window.__violations")
            # one report per policy: the <meta> and the header each refuse it
            assert refused and all(v.startswith("script-src") for v in refused), refused
        finally:
            page.context.close()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_build_stopped_by_a_signal_removes_its_staging_folder(tmp_path, signal_name):
    import signal
    # The whole guide, not the small fixture: its build writes for seconds, so the signal lands
    # while it is writing however busy the machine (the fixture's could finish first).
    shutil.copytree(ROOT / "decision_trees", tmp_path / "decision_trees")
    shutil.copytree(ROOT / "tests" / "expected_ids", tmp_path / "tests" / "expected_ids")
    project_config(tmp_path)
    # A shell's background job ignores SIGINT, and Python then keeps ignoring it: the build gets
    # the signals' default handling whoever started the tests, as a terminal's build would.
    restore = lambda: [signal.signal(s, signal.SIG_DFL) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]  # noqa: E731
    build = subprocess.Popen([sys.executable, "-m", "generator.cli", "build"], cwd=tmp_path,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=restore)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".site-*/*")) and time.monotonic() < deadline:
        time.sleep(0.01)  # stop it once the build is writing into the staging folder
    assert list(tmp_path.glob(".site-*")), "the build never started writing"
    build.send_signal(getattr(signal, signal_name))
    _, stderr = build.communicate(timeout=30)
    assert build.returncode != 0
    assert "Traceback" not in stderr and "nothing was published" in stderr, stderr
    assert list(tmp_path.glob(".site-*")) == []
    assert not (tmp_path / "site").exists(), "a stopped build published a half-built site"


def test_gitignore_covers_the_staging_folder():
    run = subprocess.run(["git", "check-ignore", "-q", ".site-abc123/index.html"], cwd=ROOT)
    assert run.returncode == 0
