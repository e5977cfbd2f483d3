"""Two audiences and councils of different shapes (issue 15): each door lists that audience's
questions; no council is asked about a body its council.yaml says it lacks; coverage figures
come from the engine."""
import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, make_trees
from generator import coverage, urls
from generator.loader import load_library
from generator.model import BODIES
from generator.render import render_library

LIBRARY = load_library(ROOT / "decision_trees")
RENDERED = render_library(LIBRARY)
PAGES = RENDERED.written()   # the Markdown with its generated HTML in place

# Words that name a body in an option or a question: an option using one must say it needs it.
BODY_WORDS = {
    "cabinet": r"\bcabinet\b",
    "scrutiny": r"\bscrutiny\b|\boverview\b",
    "town-clerk": r"\btown clerk\b",
    "statutory-officers": r"\bmonitoring officer\b|\bchief finance officer\b|\bhead of paid service\b",
    "political-groups": r"\b(party|political|opposition) group\b",
}


def named_bodies(text: str) -> set[str]:
    return {body for body, pattern in BODY_WORDS.items() if re.search(pattern, text, re.I)}


def test_every_body_word_is_a_known_body():
    assert set(BODY_WORDS) <= set(BODIES)


def test_the_bank_marks_every_option_that_names_a_body():
    unmarked = []
    for question in LIBRARY.questions.values():
        for body in named_bodies(question.text) - set(question.needs):
            unmarked.append(f"{question.id}: '{question.text}' names {body}")
        for answer in question.answers:
            for body in named_bodies(answer.label) - set(question.needs) - set(answer.needs):
                unmarked.append(f"{question.id}={answer.id}: '{answer.label}' names {body}")
    assert not unmarked, "add 'needs:' to these bank entries:\n" + "\n".join(unmarked)


def served_trees():
    """The tree files the built site serves: every question and option a page can show."""
    for path, text in RENDERED.assets.items():
        if path.startswith(urls.TREES) and path.endswith(".json") and not path.endswith(".records.json"):
            yield json.loads(text)


@pytest.mark.parametrize("slug", sorted(LIBRARY.councils))
def test_no_council_is_asked_about_a_body_it_lacks(slug):
    council = LIBRARY.councils[slug]
    lacking = set(BODIES) - set(council.has)
    asked = []
    for tree in served_trees():
        if tree["council"]["slug"] != slug:
            continue
        for step in tree["steps"].values():
            question = LIBRARY.questions[step["ask"]]
            shown = [step["text"]] + list(step["labels"].values())
            needs = set(question.needs) | {b for a in step["routes"] for b in question.answer(a).needs}
            for text in shown:
                asked += [f"{tree['wizard']['id']}: '{text}' ({b})" for b in named_bodies(text) & lacking]
            asked += [f"{tree['wizard']['id']}: {step['ask']} needs {b}" for b in needs & lacking]
    assert not asked, f"{slug} lacks {sorted(lacking)} but is asked:\n" + "\n".join(asked)


def test_a_town_council_is_not_asked_about_a_cabinet_or_scrutiny():
    dunstable = LIBRARY.councils["dunstable"]
    assert {"cabinet", "scrutiny", "statutory-officers"}.isdisjoint(dunstable.has)
    page = PAGES["dunstable/ask/ask-an-officer/index.md"]
    assert "scrutiny" not in page.lower()
    assert "Town Clerk" not in PAGES["derby/ask/raise-a-concern/index.md"]


def test_a_route_to_an_option_the_council_lacks_is_refused(tmp_path):
    trees = make_trees(tmp_path, "unfit-option")
    run = subprocess.run([sys.executable, "-m", "generator.cli", "--trees", str(trees), "check"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1
    line = next(l for l in run.stderr.splitlines() if "routes 'senior-officer'" in l)
    assert re.match(r"decision_trees/testshire/01-complaints\.yaml:\d+: .* Fix: ", line)
    assert "Traceback" not in run.stderr


def test_an_option_the_council_lacks_needs_no_route(base_trees):
    bank = base_trees / "questions" / "complaints.yaml"
    bank.write_text(bank.read_text().replace(
        "      - {id: senior-officer, label: A senior officer}",
        "      - {id: senior-officer, label: A senior officer}\n"
        "      - {id: clerk, label: The Town Clerk, needs: town-clerk}"))
    council = base_trees / "testshire" / "council.yaml"
    council.write_text(council.read_text() + "has: [committees]\n")
    library = load_library(base_trees)  # no route for 'clerk' is asked for
    assert library.councils["testshire"].lacks(["town-clerk", "committees"]) == ["town-clerk"]


# --- the two doors --------------------------------------------------------------------------

def door_links(page: str) -> dict[str, str]:
    """link text -> target, for the Markdown links on a generated page."""
    return {text: target for text, target in re.findall(r"\[([^\]]+)\]\(([^)]+)\)", page)}


def test_the_home_page_names_each_council_once_with_a_door_per_audience():
    home = PAGES["index.md"]
    listed = home[home.index("## Choose your council"):].split("\n- ")[1:]
    assert len(listed) == len(LIBRARY.councils), "one line per council"
    for line, council in zip(listed, sorted(LIBRARY.councils.values(), key=lambda c: c.name.lower())):
        assert f"({council.slug}/index.md)" in line
        if council.wizards:
            assert f"({council.slug}/ask/councillors/index.md)" in line
            assert f"({council.slug}/ask/officers/index.md)" in line


@pytest.mark.parametrize("slug", sorted(LIBRARY.councils))
def test_each_door_lists_only_that_audiences_questions(slug):
    council = LIBRARY.councils[slug]
    page = PAGES[f"{slug}/index.md"]
    first_heading = page.index("\n## ")
    assert "(ask/councillors/index.md)" in page[:first_heading]
    assert "(ask/officers/index.md)" in page[:first_heading]
    for audience, other in (("councillor", "officer"), ("officer", "councillor")):
        listed = PAGES[f"{slug}/ask/{audience}s/index.md"]
        for wizard in council.wizards:
            link = f"(../{wizard.id}/index.md)"
            assert (link in listed) == (wizard.asked_by in (audience, "anyone")), (audience, wizard.id)


def test_cannock_chase_officers_find_their_own_wizards():
    listed = PAGES["cannock-chase/ask/officers/index.md"]
    for wizard_id in ("officer-requests", "officer-sharing", "officer-groups", "officer-media",
                      "officer-conduct", "officer-resident"):
        assert f"(../{wizard_id}/index.md)" in listed
    assert "(../ask-an-officer/index.md)" not in listed


# --- coverage -------------------------------------------------------------------------------

def test_coverage_puts_a_body_the_council_lacks_as_does_not_apply():
    dunstable = {c.audience: c for c in coverage.council_coverage(LIBRARY, LIBRARY.councils["dunstable"])}
    lacking = {s.id for s in dunstable["councillor"].situations["not-applicable"]}
    assert {"scrutiny-senior", "scrutiny-junior", "about-statutory-officer"} <= lacking
    cannock = {c.audience: c for c in coverage.council_coverage(LIBRARY, LIBRARY.councils["cannock-chase"])}
    assert "about-town-clerk" in {s.id for s in cannock["councillor"].situations["not-applicable"]}


def test_coverage_counts_silent_answers_apart_and_every_situation_once():
    for council in LIBRARY.councils.values():
        for cov in coverage.council_coverage(LIBRARY, council):
            ids = [s.id for status in coverage.STATUSES for s in cov.situations[status]]
            assert len(ids) == len(set(ids)), (council.slug, cov.audience)
    cannock = {c.audience: c for c in coverage.council_coverage(LIBRARY, LIBRARY.councils["cannock-chase"])}
    assert "officer-forum-resident" in {s.id for s in cannock["officer"].situations["silent"]}
    assert "officer-release-quote" in {s.id for s in cannock["officer"].situations["answered"]}
    # a councillor's situation is not put to the officers' door, nor the reverse
    assert "casework" not in {s.id for st in coverage.STATUSES for s in cannock["officer"].situations[st]}


def test_coverage_reports_not_yet_asked_and_uncited_paragraphs(base_trees):
    bank = base_trees / "questions" / "complaints.yaml"
    bank.write_text(bank.read_text() + "situations:\n"
                    "  - id: new-complaint\n    label: A new complaint about an officer\n"
                    "    answers: {complaint-stage: not-yet, complaint-about: officer}\n"
                    "  - id: unheard\n    label: A complaint nobody has asked about\n"
                    "    answers: {complaint-about: officer}\n")
    section = base_trees / "testshire" / "01-complaints.yaml"
    section.write_text(section.read_text().replace(
        '  - id: "1.10"', '  - id: "1.3"\n    summary: Nobody cites this.\n    applies_to: [councillors]\n'
        '    tags: [complaints-and-concerns]\n  - id: "1.10"'))
    run = subprocess.run([sys.executable, "-m", "generator.cli", "--trees", str(base_trees), "coverage",
                          "testshire", "--json"], capture_output=True, text=True, cwd=base_trees.parent)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)["testshire"]
    assert found["audiences"]["councillor"]["answered"] == ["new-complaint"]
    assert found["audiences"]["councillor"]["not-asked"] == ["unheard"]  # it stops at a question
    assert found["uncited"] == ["1.3"]
    text = subprocess.run([sys.executable, "-m", "generator.cli", "--trees", str(base_trees), "coverage"],
                          capture_output=True, text=True, cwd=base_trees.parent).stdout
    assert "councillors: 1 answered, 0 answered as silent, 1 not yet asked" in text
    assert "paragraphs no outcome cites (1): 1.3" in text


def test_the_comparison_index_gives_the_coverage_figures():
    index = PAGES["compare/index.md"]
    assert "differ on" not in index
    requests = next(t for t in LIBRARY.topics.values() if t.id == "requests")
    from generator.compare import compare_topic
    figures = coverage.topic_figures(compare_topic(LIBRARY, requests))
    assert sum(figures.values()) == len(requests.situations) * len(LIBRARY.councils)
    assert figures["not-applicable"] >= 2  # Dunstable has no scrutiny
    line = next(l for l in index.splitlines() if "(requests/index.md)" in l)
    assert f"Answered {figures['answered']}, answered as silent" in line
    assert f"does not apply {figures['not-applicable']}" in line


@pytest.mark.parametrize("slug", sorted(LIBRARY.councils))
def test_every_council_says_what_it_has(slug):
    """Without 'has:' a council is offered every option; each real council states its own."""
    text = (ROOT / "decision_trees" / slug / "council.yaml").read_text()
    assert re.search(r"^has:", text, re.M), f"decision_trees/{slug}/council.yaml: add 'has:'"
