"""New to the council: essentials, the quiz and the print pack (issue 16), without a browser."""
import copy
import json
import re

import pytest

from conftest import ROOT, make_trees
from generator import cli, engine
from generator.compile import compile_all
from generator.essentials import AUDIENCES, FEWEST, FILE as ESSENTIALS, MOST
from generator.loader import council_slugs, load_library
from generator.quiz import build_quiz
from generator.readability import CEILING, TARGET, council_scores, essentials_texts, reading_age, report
from generator.render import render_library

TREES = ROOT / "decision_trees"
SLUGS = council_slugs(TREES)
# The councils whose authors have written essentials (a new council may not have yet: it then
# has no "new" pages, tested below).
INDUCTED = [slug for slug in SLUGS if (TREES / slug / ESSENTIALS).is_file()]


def council_of(slug):
    """One council with the shared files: another council's work in progress does not block it."""
    library = load_library(TREES, only=slug)
    return library, library.councils[slug]


@pytest.fixture(scope="module")
def quizzes():
    found = {}
    for slug in INDUCTED:
        library, council = council_of(slug)
        compiled = compile_all(library)
        found[slug] = (council, compiled, build_quiz(council, compiled))
    return found


def test_a_council_without_essentials_has_no_new_pages_and_no_link_to_them(tmp_path):
    library = load_library(make_trees(tmp_path))
    assert library.councils["testshire"].essentials is None
    pages = render_library(library).written()
    assert not [p for p in pages if p.startswith("testshire/new/")]
    assert "new/" not in pages["testshire/index.md"] and "new/index.md" not in pages


@pytest.mark.parametrize("slug", INDUCTED)
def test_every_council_with_essentials_has_them_for_councillors_and_officers(slug):
    _, council = council_of(slug)
    assert council.essentials is not None, f"{slug} has no essentials.yaml"
    for audience in AUDIENCES:
        points = council.essentials.audiences[audience]
        assert FEWEST <= len(points) <= MOST
        assert all(p.cite for p in points)
        # readable in under fifteen minutes, by the page's own estimate
        assert council.essentials.minutes(audience) < 15


@pytest.mark.parametrize("slug", INDUCTED)
def test_no_essentials_point_is_above_a_reading_age_of_14(slug):
    _, council = council_of(slug)
    hard = [(where, reading_age(text)) for where, text in essentials_texts(council)
            if reading_age(text) > CEILING]
    assert hard == [], f"rewrite in plainer words: {hard}"


@pytest.mark.parametrize("slug", SLUGS)
def test_essentials_and_headlines_meet_the_plain_english_target(slug):
    """Reading age 11: every essentials point, and the headlines on average (a few carry long
    role names, such as 'Audit and Standards Committee', that the council's own words fix)."""
    _, council = council_of(slug)
    essentials, headlines, _answers = council_scores(council)
    assert essentials.hardest <= TARGET, [(w, reading_age(t)) for w, t in essentials_texts(council)
                                          if reading_age(t) > TARGET]
    assert headlines.average <= TARGET, f"headlines average {headlines.average:.1f}"


def test_reading_age_tells_plain_from_dense_words():
    plain = "Ask the Head of Service. They will reply in three days."
    dense = ("Notwithstanding the aforementioned considerations, councillors' consideration of "
             "administrative responsibilities necessitates comprehensive organisational understanding.")
    assert reading_age(plain) <= 11 < CEILING < reading_age(dense)


def test_the_unnamed_council_is_never_given_a_name():
    _, council = council_of("part5-unnamed")
    text = " ".join(t for _, t in essentials_texts(council))
    others = ["Cannock", "Crawley", "Derby", "Dunstable"]
    assert not [name for name in others if name in text]
    assert not council.named_in_source


@pytest.mark.parametrize("slug", INDUCTED)
def test_every_quiz_has_ten_real_situations_with_real_headlines(quizzes, slug):
    council, compiled, situations = quizzes[slug]
    assert len(situations) >= 10
    assert len({s.wizard_id for s in situations}) >= 5, "the quiz covers most topics"
    for s in situations:
        tree = compiled[(slug, s.wizard_id)]
        headlines = {o: tree["outcomes"][o]["headline"] for o in tree["outcomes"]}
        assert 2 <= len(s.choices) <= 4
        assert all(headlines[c.outcome] == c.headline for c in s.choices)
        assert len({c.headline for c in s.choices}) == len(s.choices), "no choice appears twice"
        assert s.right in [c.outcome for c in s.choices]
        # the situation is a real path: these answers, in this order, reach that outcome
        assert {"answers": s.answers, "outcome": s.right, "cite": tree["outcomes"][s.right]["cite"]} \
            in engine.paths(tree)


@pytest.mark.parametrize("slug", INDUCTED)
def test_every_quiz_answer_is_what_protocol_guide_ask_gives(quizzes, slug, capsys, cli_library_once):
    _, _, situations = quizzes[slug]
    for s in situations:
        args = ["ask", slug, s.wizard_id, "--json"]
        for question, answer in s.answers.items():
            args += ["--answer", f"{question}={answer}"]
        capsys.readouterr()
        assert cli.main(args) == 0
        asked = json.loads(capsys.readouterr().out)
        assert asked["outcome"] == s.right, f"{slug} situation {s.number}"
        assert asked["detail"]["headline"] == s.headline
        assert asked["cite"] == [c for c in asked["detail"]["cite"]]


def test_the_quiz_follows_the_wizard_when_a_route_changes(quizzes):
    """Reroute the path of situation 1 and the quiz's right answer moves with the wizard."""
    council, compiled, situations = quizzes["cannock-chase"]
    first = situations[0]
    tree = copy.deepcopy(compiled[("cannock-chase", first.wizard_id)])
    last = engine.walk(tree, first.answers)["path"][-1]
    # a new outcome, so no other path reaches it first
    tree["outcomes"]["rerouted"] = dict(tree["outcomes"][first.right], headline="Ask the Leader.")
    tree["steps"][last["step"]]["routes"][last["answer"]] = "rerouted"
    changed = {**compiled, ("cannock-chase", first.wizard_id): tree}
    again = next(s for s in build_quiz(council, changed) if s.answers == first.answers)
    assert again.right == "rerouted" and again.headline == "Ask the Leader."
    assert first.headline in [c.headline for c in again.choices] or len(again.choices) == 4


@pytest.fixture(scope="module")
def pages():
    """slug -> the rendered pages of a library holding that council alone."""
    return {slug: render_library(council_of(slug)[0]).written() for slug in INDUCTED}


@pytest.mark.parametrize("slug", INDUCTED)
def test_each_quiz_answer_works_without_javascript(quizzes, pages, slug):
    """Every situation holds its answer in a disclosure, with the right letter and headline."""
    _, _, situations = quizzes[slug]
    page = pages[slug][f"{slug}/new/quiz/index.md"]
    disclosures = re.findall(r'<details class="pg-quiz-answer"[^>]*>.*?</details>', page, re.S)
    assert len(disclosures) == len(situations)
    for s, details in zip(situations, disclosures):
        letter = "ABCD"[[c.outcome for c in s.choices].index(s.right)]
        assert f"Answer {letter}:</strong>" in details
        assert f'data-right="{s.right}"' in page


@pytest.mark.parametrize("slug", INDUCTED)
def test_essentials_pages_state_their_reading_time_and_mark_what_is_specific(pages, slug):
    _, council = council_of(slug)
    for audience in AUDIENCES:
        page = pages[slug][f"{slug}/new/{audience}/index.md"]
        assert f"About {council.essentials.minutes(audience)} minutes to read." in page
        specific = sum(p.specific for p in council.essentials.audiences[audience])
        assert page.count('<span class="pg-specific">') == specific
    pack = pages[slug][f"{slug}/new/print/index.md"]
    assert pack.count("<li data-choice") == 0 and "Quiz answers" in pack


def test_home_and_council_pages_link_to_the_start(pages):
    for slug in INDUCTED:
        assert "[New to the council? Start here](new/index.md)" in pages[slug]["index.md"]
        assert "(new/councillors/index.md)" in pages[slug][f"{slug}/index.md"]
        assert f"(../{slug}/new/councillors/index.md)" in pages[slug]["new/index.md"]
        assert f"(../{slug}/new/officers/index.md)" in pages[slug]["new/index.md"]


def test_essentials_text_cannot_become_markup(tmp_path):
    trees = make_trees(tmp_path)
    point = ('  - title: "Tom & Jerry | {: .big} _x_"\n'
             '    text: Ask the Head of Service *now*.\n    cite: ["1.1"]\n')
    body = "".join(f"{audience}:\n" + point * FEWEST for audience in AUDIENCES)
    (trees / "testshire" / "essentials.yaml").write_text(body)
    rendered = render_library(load_library(trees)).written()
    for path in ("testshire/new/councillors/index.md", "testshire/new/print/index.md"):
        assert "Tom &amp; Jerry" in rendered[path] and "Tom & Jerry" not in rendered[path]
    page = rendered["testshire/new/councillors/index.md"]
    assert "&#42;now&#42;" in page and "&#124;" in page and "{: .big}" not in page


def test_readability_report_fails_on_a_hard_essentials_point(tmp_path):
    trees = make_trees(tmp_path)
    hard = ("Notwithstanding the aforementioned considerations, the administrative responsibilities "
            "necessitate comprehensive organisational understanding.")
    point = f'  - title: Dense\n    text: "{hard}"\n    cite: ["1.1"]\n'
    plain = '  - title: Plain\n    text: Ask the Head of Service.\n    cite: ["1.1"]\n'
    (trees / "testshire" / "essentials.yaml").write_text(
        "councillors:\n" + point + plain * (FEWEST - 1) + "officers:\n" + plain * FEWEST)
    council = load_library(trees).councils["testshire"]
    text, failed = report([council])
    assert failed and "councillors: Dense" in text
    (trees / "testshire" / "essentials.yaml").write_text(
        "councillors:\n" + plain * FEWEST + "officers:\n" + plain * FEWEST)
    text, failed = report([load_library(trees).councils["testshire"]])
    assert not failed and "essentials" in text


def test_readability_command_reports_every_council(capsys):
    assert cli.main(["readability", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["council"] for r in rows] == SLUGS
    for row in rows:
        if row["council"] not in INDUCTED:
            assert row["essentials"]["count"] == 0
            continue
        assert row["essentials"]["count"] >= 2 * FEWEST
        assert row["headlines"]["count"] > 0 and row["outcome answers"]["count"] > 0
        assert row["essentials"]["hardest"] <= CEILING
