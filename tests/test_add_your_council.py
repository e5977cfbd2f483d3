"""docs/authors.md "Add your council", followed literally on a copy of the project: scaffold,
import a small protocol (tests/fixtures/new-council/protocol.txt), fill the summaries from a
fixture, write the council's cases, check, build, and open the new council's wizard in Chromium.
The same copy proves that a sixth council needs nothing outside its folder and
tests/cases/<slug>.yaml: the per-council tests, pointed at the copy, cover it and pass."""
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ENGINE_READY_MS, FIXTURES, ROOT, assert_same_origin, open_page, wait_at
from generator import engine, urls
from generator.cases import DRAFT_KEY
from generator.compile import compile_wizard
from generator.loader import council_slugs, load_library
from generator.problems import Problems
from generator.yamlsource import load_yaml
from support.nginx import StaticServer

REAL = council_slugs(ROOT / "decision_trees")
SLUG = next(slug for slug in ("northwold", "northwold-fixture") if slug not in REAL)  # a new slug
FIXTURE = FIXTURES / "new-council"
PER_COUNCIL_TESTS = ["tests/test_paragraph_coverage.py", "tests/test_cases.py",
                     "tests/test_own_words_per_council.py", "tests/test_importer.py"]


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project,
                          capture_output=True, text=True)


def fill_summaries(folder, summaries):
    """What the author does by hand: a summary and tags for every imported paragraph."""
    for file in sorted(folder.glob("[0-9]*.yaml")):
        text = file.read_text(encoding="utf-8")
        for pid, entry in summaries.items():
            text = re.sub(rf'(- id: "{re.escape(pid)}".*\n(?:    heading: .*\n)?)    summary: ""\n'
                          r"(    applies_to: \[everyone\]\n)    tags: \[\]\n",
                          lambda m: m.group(1) + f"    summary: {json.dumps(entry['summary'])}\n"
                          + m.group(2) + f"    tags: [{', '.join(entry['tags'])}]\n", text)
        file.write_text(text, encoding="utf-8")


def write_cases(project):
    """Step 6: `cases --write` drafts a case for every outcome and answer; the author reads each
    against the source and deletes its draft line (here the skeleton's drafts are right as they
    are: every answer is still "the protocol does not say")."""
    drafted = run(project, "cases", SLUG, "--write")
    assert drafted.returncode == 1 and "draft case" in drafted.stdout, drafted.stdout + drafted.stderr
    file = project / "tests" / "cases" / f"{SLUG}.yaml"
    file.write_text("\n".join(line for line in file.read_text(encoding="utf-8").splitlines()
                              if not line.strip().startswith(DRAFT_KEY + ":")) + "\n", encoding="utf-8")
    assert run(project, "cases", SLUG).returncode == 0


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """The guide's folder copied, then the steps of "Add your council", timed."""
    project = tmp_path_factory.mktemp("guide")
    for name in ("mkdocs.yml", "docs", "decision_trees", "tests/expected_ids", "tests/cases"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    folder = project / "decision_trees" / SLUG
    steps, started = [], time.perf_counter()

    def step(name, result):
        steps.append((name, round(time.perf_counter() - started, 1)))
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
        return result

    step("new-council", run(project, "new-council", SLUG, "--name", "Northwold Parish Council",
                            "--adviser-key", "clerk", "--adviser", "Parish Clerk"))
    shutil.copy(FIXTURE / "protocol.txt", folder / "source.txt")
    imported = step("import", run(project, "import", SLUG, str(folder / "source.txt")))
    problems = Problems()
    fill_summaries(folder, load_yaml(FIXTURE / "summaries.yaml", problems))
    write_cases(project)
    checked = step("check", run(project, "check", "--source", str(folder / "source.txt")))
    return {"project": project, "import": imported.stdout, "check": checked.stdout, "steps": steps,
            "started": started}


@pytest.fixture(scope="module")
def built(added):
    """The last step: the site, with the new council in it."""
    result = run(added["project"], "build", "--site-dir", str(added["project"] / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
    added["steps"].append(("build", round(time.perf_counter() - added["started"], 1)))
    print("Add your council, seconds from the empty folder:", added["steps"])
    return added["project"] / "site"


def test_the_import_reports_what_it_could_not_place(added):
    # protocol.txt line 27 starts with "3.1." continuing "as set out in paragraph".
    assert "source.txt:27:" in added["import"] and "cross-reference" in added["import"]
    assert "Imported 8 paragraphs in 3 sections" in added["import"]


def test_check_passes_with_the_new_council(added):
    assert added["check"].startswith(f"OK: {len(REAL) + 1} councils")


def test_check_reports_copied_words_against_the_councils_own_source(added, tmp_path):
    project = tmp_path / "copy"
    shutil.copytree(added["project"] / "decision_trees", project / "decision_trees")
    shutil.copytree(added["project"] / "tests", project / "tests")
    section = project / "decision_trees" / SLUG / "03-complaints.yaml"
    text = section.read_text(encoding="utf-8")
    copied = "A complaint about a councillor goes to the monitoring officer of the district."
    section.write_text(text.replace("Complain about a councillor to the district's monitoring officer.",
                                    copied), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1
    line = next(n for n, l in enumerate(section.read_text().splitlines(), 1) if copied in l)
    assert f"decision_trees/{SLUG}/03-complaints.yaml:{line}: 13 words are the same" in result.stderr


def test_a_sixth_council_is_covered_by_the_per_council_tests_without_editing_them(added):
    env = dict(os.environ, PG_TREES=str(added["project"] / "decision_trees"),
               PG_CASES=str(added["project"] / "tests" / "cases"))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
                             *PER_COUNCIL_TESTS, "-k", SLUG], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    passed = [l for l in result.stdout.splitlines() if l.startswith("PASSED") and SLUG in l]
    covered = {l.split("::")[1].split("[")[0] for l in passed}
    assert {"test_every_expected_id_is_in_the_yaml", "test_case",
            "test_every_outcome_and_every_route_is_taken_by_a_case",
            "test_no_run_of_twelve_words_from_its_own_source",
            "test_import_recovers_the_ids_the_source_prints"} <= covered, result.stdout[-3000:]


def test_the_new_councils_wizard_opens_in_chromium(added, built, browser):
    """The built site has the new council; its skeleton complaints page, answered by clicking with
    the engine loaded, reaches the outcome the CLI gives and names the adviser in its own words.
    (The build is here, in the browser suite, to keep `make test-fast` fast.)"""
    library = load_library(added["project"] / "decision_trees", only=SLUG)
    council = library.councils[SLUG]
    wizard = council.wizard("about-complaints")
    tree = compile_wizard(library, council, wizard)
    path = engine.paths(tree)[0]
    assert (built / SLUG / "index.html").is_file()
    with StaticServer(built) as server:
        page = open_page(browser)
        page.goto(server.url + urls.wizard(council, wizard))
        page.wait_for_selector('.pg-wizard[data-engine="ready"]', timeout=ENGINE_READY_MS)
        wait_at(page, tree["start"])
        for question, answer in path["answers"].items():
            page.click(f'.pg-step.pg-current[data-question="{question}"] a[data-answer="{answer}"]')
        wait_at(page, path["outcome"])
        assert page.locator(".pg-wizard").get_attribute("data-source") == "engine"
        assert "Parish Clerk" in page.locator(".pg-step.pg-current").inner_text()
        assert page.errors == []
        assert_same_origin(page, server)
        page.context.close()
