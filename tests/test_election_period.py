"""Does the pre-election period apply on a date? engine.election_period on the boundaries (the
notice day, polling day, the day after), missing and bad dates, councils whose protocol sets no
period, the JSON op the page uses, and the `election-period` command."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from generator import engine
from generator.compile import compile_wizard, tree_json
from generator.loader import load_library

NOTICE, POLL = "2027-03-29", "2027-05-06"   # a notice on a Monday, polling day a Thursday


def tree_of(slug, wizard_id):
    library = load_library(ROOT / "decision_trees", only=slug)
    council = library.councils[slug]
    return compile_wizard(library, council, council.wizard(wizard_id))


@pytest.fixture(scope="module")
def crawley():
    return tree_of("crawley", "press-and-media")


def check(tree, on, notice=NOTICE, poll=POLL, outcome="pre-election"):
    return engine.election_period(tree, outcome, on, notice, poll)


@pytest.mark.parametrize("on, verdict", [
    ("2027-03-28", "does-not-apply"),   # the day before the notice
    (NOTICE, "applies"),                # the notice day itself counts (the stated assumption)
    ("2027-04-15", "applies"),
    (POLL, "applies"),                  # polling day counts in (assumed-included)
    ("2027-05-07", "does-not-apply"),   # the day after: over
])
def test_the_boundaries_with_both_dates(crawley, on, verdict):
    result = check(crawley, on)
    assert result["verdict"] == verdict
    assert result["lines"][-1] == result["assumption"]
    assert "does not say whether polling day itself is in the period" in result["assumption"]
    assert "day the notice of election is published" in result["assumption"]


def test_the_sentences_name_the_dates(crawley):
    assert check(crawley, "2027-04-15")["lines"][0] == (
        "Thursday 15 April 2027 is in the pre-election period, which runs from the notice of "
        "election (Monday 29 March 2027) until polling day (Thursday 6 May 2027).")
    before = check(crawley, "2027-03-28")["lines"]
    assert before[0].startswith("Sunday 28 March 2027 is before the notice of election was published")
    assert "Particular care should still be taken" in before[1]   # 9.1: just before an election
    assert "is over" in check(crawley, "2027-05-07")["lines"][0]


def test_only_polling_day_given_it_depends_on_the_notice_and_says_who_to_ask(crawley):
    for on in ("2027-04-15", POLL):
        result = check(crawley, on, notice=None)
        assert result["verdict"] == "cannot-tell"
        assert "depends on when the notice of election was published" in result["lines"][0]
        assert "electoral services team or the Returning Officer" in result["lines"][1]
        assert result["lines"][-1] == result["assumption"]
    after = check(crawley, "2027-05-07", notice=None)
    assert after["verdict"] == "does-not-apply" and "is over" in after["lines"][0]


def test_only_the_notice_given(crawley):
    assert check(crawley, "2027-03-28", poll=None)["verdict"] == "does-not-apply"
    result = check(crawley, NOTICE, poll=None)
    assert result["verdict"] == "cannot-tell"
    assert "unless polling day has already passed" in result["lines"][0]


def test_no_dates_but_the_one_in_question(crawley):
    for empty in (None, ""):   # the page sends null; an empty input is the same
        result = check(crawley, "2027-04-15", notice=empty, poll=empty)
        assert result["verdict"] == "cannot-tell"
        assert "the notice of election was published and on polling day" in result["lines"][0]
        assert "both dates" in result["lines"][1]


def test_a_notice_after_the_poll_asks_to_check_the_dates(crawley):
    result = check(crawley, "2027-04-15", notice="2027-05-10")
    assert result["verdict"] == "check-dates" and "please check the dates" in result["lines"][0]


@pytest.mark.parametrize("on, notice, poll, says", [
    ("15/04/2027", NOTICE, POLL, "The date to check '15/04/2027' is not a date: write it as YYYY-MM-DD"),
    ("2027-04-15", "2027-02-30", POLL, "'2027-02-30' is not a date in the calendar"),
    ("2027-04-15", NOTICE, "20270506", "Polling day '20270506' is not a date"),
    ("", NOTICE, POLL, "The date to check is missing"),
    (None, NOTICE, POLL, "The date to check is missing"),
])
def test_bad_dates_give_a_clear_error(crawley, on, notice, poll, says):
    with pytest.raises(ValueError) as caught:
        check(crawley, on, notice, poll)
    assert says in str(caught.value)


def test_an_outcome_without_a_period_is_refused(crawley):
    with pytest.raises(ValueError, match="says nothing about a pre-election period"):
        engine.election_period(crawley, "quote", "2027-04-15")


@pytest.mark.parametrize("slug, wizard_id, outcome", [
    ("cannock-chase", "press-and-media", "pre-election"),
    ("cannock-chase", "officer-media", "pre-election"),
    ("dunstable", "press-and-media", "pre-election-silent"),
    ("dunstable", "officer-media", "pre-election-silent"),
])
def test_where_the_protocol_sets_no_period_nothing_is_computed(slug, wizard_id, outcome):
    tree = tree_of(slug, wizard_id)
    detail = tree["outcomes"][outcome]
    for on, notice, poll in (("2027-04-15", NOTICE, POLL), ("2027-05-07", NOTICE, POLL), ("2027-04-15", None, None)):
        result = engine.election_period(tree, outcome, on, notice, poll)
        assert result["verdict"] == "not-defined"
        assert result["lines"][0].startswith("The protocol does not define a pre-election period")
        assert result["lines"][1] == f"For advice, ask: {detail['contact_names']}."
    assert detail["election_period"]["rule"][1] == f"For advice, ask: {detail['contact_names']}."


def test_every_crawley_election_outcome_carries_the_same_period():
    found = {(w, o) for w in ("press-and-media", "officer-media")
             for o, d in tree_of("crawley", w)["outcomes"].items() if d["election_period"]}
    assert found == {("press-and-media", "pre-election"), ("officer-media", "election-controversial-no"),
                     ("officer-media", "election-names-no"), ("officer-media", "election-plain")}


@pytest.mark.parametrize("polling_day, on_poll, assumed", [
    ("included", "applies", False), ("excluded", "does-not-apply", False),
    ("assumed-included", "applies", True), ("assumed-excluded", "does-not-apply", True)])
def test_polling_day_follows_the_data_and_an_assumption_is_said(crawley, polling_day, on_poll, assumed):
    tree = json.loads(json.dumps(crawley))
    tree["outcomes"]["pre-election"]["election_period"]["polling_day"] = polling_day
    result = check(tree, POLL)
    assert result["verdict"] == on_poll
    assert result["assumption"].startswith("Assumption:") == assumed
    assert "time of publication" in result["assumption"]   # the notice day is always said


def test_the_json_op_gives_the_function_and_bad_dates_in_words(crawley):
    engine.handle(json.dumps({"op": "load", "key": "k", "tree": tree_json(crawley)}))
    ask = lambda **given: json.loads(engine.handle(json.dumps(  # noqa: E731
        {"op": "election-period", "key": "k", "outcome": "pre-election", **given})))
    assert ask(on="2027-04-15", notice=NOTICE, poll=POLL) == check(crawley, "2027-04-15")
    assert ask(on="2027-04-15", notice=None, poll=None) == check(crawley, "2027-04-15", None, None)
    bad = ask(on="15/04/2027")
    assert bad["verdict"] == "error" and "YYYY-MM-DD" in bad["lines"][0]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "generator.cli", "election-period", *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_the_command_prints_the_engines_sentences(crawley):
    run = run_cli("crawley", "press-and-media", "pre-election", "--on", POLL, "--notice", NOTICE, "--poll", POLL)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == check(crawley, POLL)["lines"]
    run = run_cli("crawley", "press-and-media", "pre-election", "--on", "2027-04-15", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == check(crawley, "2027-04-15", None, None)


@pytest.mark.parametrize("args, says", [
    (("crawley", "press-and-media", "pre-election", "--on", "15/04/2027"), "YYYY-MM-DD"),
    (("crawley", "press-and-media", "pre-election", "--on", "2027-04-15", "--poll", "2027-13-01"), "not a date"),
    (("crawley", "press-and-media", "quote", "--on", "2027-04-15"), "pre-election"),
    (("crawley", "press-and-media", "no-such", "--on", "2027-04-15"), "unknown outcome"),
    (("crawley", "ward-role", "x", "--on", "2027-04-15"), "(none)"),
])
def test_the_command_explains_a_wrong_input_in_one_line(args, says):
    run = run_cli(*args)
    assert run.returncode == 2
    assert says in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
