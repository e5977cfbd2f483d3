"""Time limits as dates: engine.py's England and Wales working days against the `holidays`
package (the oracle, 2000-2040), the `due` command, and bad `due:` data named by file and line."""
import json
import random
import subprocess
import sys
from datetime import date, timedelta

import holidays
import pytest

from conftest import ROOT, make_trees
from generator import engine
from generator.loader import load_library
from generator.problems import InvalidTrees

YEARS = range(2000, 2041)
ORACLE = holidays.country_holidays("GB", subdiv="ENG", years=YEARS)


def oracle_working(day):
    return day.weekday() < 5 and day not in ORACLE


def oracle_add_working(start, days):
    day = start
    while days:
        day += timedelta(days=1)
        days -= oracle_working(day)
    return day


@pytest.mark.parametrize("year", YEARS)
def test_bank_holidays_that_stop_work_match_the_oracle(year):
    """The oracle also lists a holiday's own weekend date beside its substitute; a weekend is
    not a working day either way, so the comparison is of weekdays off."""
    mine = {d for d in engine.bank_holidays(year) if d.weekday() < 5}
    theirs = {d for d in ORACLE if d.year == year and d.weekday() < 5}
    assert mine == theirs
    assert all(d.year == year for d in engine.bank_holidays(year))


def test_easter_by_computus_matches_the_oracles_good_friday():
    for year in YEARS:
        good_friday = engine.easter_sunday(year) - timedelta(days=2)
        assert ORACLE.get(good_friday) == "Good Friday", year


def test_working_days_across_every_day_of_2000_to_2040_match_the_oracle():
    day = date(2000, 1, 1)
    while day.year <= 2039:
        for days in (1, 2, 3, 5, 10):
            assert engine.add_days(day, days, "working")[0] == oracle_add_working(day, days), (day, days)
        day += timedelta(days=1)


def test_skipped_bank_holidays_are_named():
    # a week that holds both Christmas and a substitute day, in every year it happens
    for year in YEARS:
        start = date(year, 12, 23)
        due, skipped = engine.add_days(start, 3, "working")
        off = [d for d in ORACLE if start < d <= due and d.weekday() < 5]
        assert len(skipped) == len(off), (year, skipped)


def run_due(*args):
    return subprocess.run([sys.executable, "-m", "generator.cli", "due", *args], cwd=ROOT,
                          capture_output=True, text=True)


# Christmas, Easter, and three one-off years (moved spring holiday, jubilee, state funeral)
STARTS = ["2026-12-23", "2027-03-24", "2022-06-01", "2022-09-16", "2012-06-01", "2020-05-07"]


@pytest.mark.parametrize("start", STARTS)
def test_the_due_command_counts_working_days_as_the_oracle_does(start):
    run = run_due("derby", "ask-an-officer", "council-work", "--from", start, "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    begun = date.fromisoformat(start)
    assert [limit["due"] for limit in result["limits"]] == [
        oracle_add_working(begun, days).isoformat() for days in (2, 5)]
    assert result["lines"] == engine.due_lines(result)


def test_days_without_working_give_the_reading_used_and_the_other():
    run = run_due("cannock-chase", "complain-about-an-officer", "line-manager", "--from", "2026-12-23")
    assert run.returncode == 0, run.stderr
    start = date(2026, 12, 23)
    calendar = engine.day_text(start + timedelta(days=3))
    working = engine.day_text(oracle_add_working(start, 3))
    assert calendar != working
    assert f": {calendar} (3 calendar days after" in run.stdout
    assert f"counted in working days it would be {working}" in run.stdout


@pytest.mark.parametrize("args, says", [
    (("derby", "ask-an-officer", "council-work", "--from", "24/03/2027"), "not a date"),
    (("derby", "ask-an-officer", "no-such-outcome", "--from", "2027-03-24"), "council-work"),
    (("derby", "ward-role", "x", "--from", "2027-03-24"), "outcomes with a time limit"),
])
def test_the_due_command_explains_a_wrong_input_in_one_line(args, says):
    run = run_due(*args)
    assert run.returncode == 2
    assert says in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


BAD_DUE = """        time_limit: Within three days.
        due:
          - {days: three, kind: working, what: A, after: B}
          - {days: 3, kind: weekly, what: A, after: B}
          - {days: 3, kind: working, what: A}
"""


def test_bad_due_data_is_named_by_file_and_line(tmp_path):
    trees = make_trees(tmp_path)
    file = trees / "testshire" / "01-complaints.yaml"
    text = file.read_text()
    text = text.replace('        cite: ["1.1"]\n', '        cite: ["1.1"]\n' + BAD_DUE, 1)
    text = text.replace('        cite: ["1.2"]\n', '        cite: ["1.2"]\n        due: [{days: 2, kind: working, what: A, after: B}]\n', 1)
    file.write_text(text)
    lines = text.splitlines()
    line = lambda fragment: next(i for i, l in enumerate(lines, 1) if fragment in l)  # noqa: E731
    with pytest.raises(InvalidTrees) as caught:
        load_library(trees)
    found = sorted((p.line, p.message) for p in caught.value.problems)
    assert [n for n, _ in found] == sorted([line("days: three"), line("kind: weekly"),
                                           line("what: A}"), line("due: [{days: 2")])
    assert all(p.fix and p.file.endswith("01-complaints.yaml") for p in caught.value.problems)


def test_the_compiled_tree_carries_the_due_data():
    library = load_library(ROOT / "decision_trees", only="derby")
    from generator.compile import compile_wizard
    council = library.councils["derby"]
    tree = compile_wizard(library, council, council.wizard("ask-an-officer"))
    assert [d["days"] for d in tree["outcomes"]["council-work"]["due"]] == [2, 5]
    assert all(o["due"] == [] or o["time_limit"] for o in tree["outcomes"].values())


def test_random_dates_give_the_same_result_through_handle_as_directly():
    library = load_library(ROOT / "decision_trees", only="cannock-chase")
    from generator.compile import compile_wizard, tree_json
    council = library.councils["cannock-chase"]
    tree = compile_wizard(library, council, council.wizard("complain-about-an-officer"))
    engine.handle(json.dumps({"op": "load", "key": "k", "tree": tree_json(tree)}))
    rng = random.Random(17)
    for _ in range(200):
        start = (date(2000, 1, 1) + timedelta(days=rng.randrange(365 * 40))).isoformat()
        reply = json.loads(engine.handle(json.dumps({"op": "due", "key": "k", "outcome": "head-of-service", "from": start})))
        assert reply["limits"] == engine.due_dates(tree, "head-of-service", start)["limits"]
