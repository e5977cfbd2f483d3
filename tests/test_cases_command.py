"""`protocol-guide cases COUNCIL` (generator/cases.py) on the fixture council: lists what no case
takes, writes drafts that close every gap, and the drafts are refused until an author has
checked them; once checked they are real cases and the gaps are closed."""
import subprocess
import sys

import yaml

from conftest import ROOT, make_trees
from generator import engine
from generator.cases import DRAFT_KEY, gaps
from generator.compile import compile_wizard
from generator.loader import load_library


def cases(project, *args):
    return subprocess.run([sys.executable, "-m", "generator.cli", "cases", *args], cwd=project,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})


def test_drafts_close_every_gap_and_stay_drafts_until_checked(tmp_path):
    trees = make_trees(tmp_path)
    listed = cases(tmp_path, "testshire")
    assert listed.returncode == 1, listed.stderr
    assert "complain: outcome 'head-of-service'" in listed.stdout
    assert not (tmp_path / "tests" / "cases" / "testshire.yaml").exists()  # listing writes nothing

    written = cases(tmp_path, "testshire", "--write")
    assert written.returncode == 1 and "draft case" in written.stdout
    file = tmp_path / "tests" / "cases" / "testshire.yaml"
    drafted = yaml.safe_load(file.read_text())["cases"]
    assert drafted and all(case[DRAFT_KEY] == "true" for case in drafted)

    library = load_library(trees)
    council = library.councils["testshire"]
    for wizard in council.wizards:
        tree = compile_wizard(library, council, wizard)
        own = [case for case in drafted if case["wizard"] == wizard.id]
        assert gaps(tree, [case["answers"] for case in own]) == ([], [])  # every gap closed
        for case in own:  # each draft is what the wizard does now, for the author to check
            walked = engine.walk(tree, case["answers"])
            assert walked["outcome"] == case["outcome"]
            assert tree["outcomes"][case["outcome"]]["cite"] == case["cites"]
        # the fewest paths: none of the drafts could be dropped without reopening a gap
        for i in range(len(own)):
            rest = own[:i] + own[i + 1:]
            assert gaps(tree, [case["answers"] for case in rest]) != ([], []), own[i]["name"]

    # The rule tests refuse them while they are drafts ...
    env = {"PG_TREES": str(trees), "PG_CASES": str(file.parent), "PATH": ""}
    refused = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              "tests/test_cases.py", "-k", "test_case"], cwd=ROOT,
                             capture_output=True, text=True, env={**env, "PYTHONPATH": str(ROOT)})
    assert refused.returncode == 1 and "is still a draft" in refused.stdout
    # ... and take them once the author has checked each one and deleted its draft line.
    file.write_text("\n".join(line for line in file.read_text().splitlines()
                              if not line.strip().startswith(DRAFT_KEY + ":")) + "\n")
    checked = cases(tmp_path, "testshire")
    assert checked.returncode == 0 and checked.stdout.startswith("OK: every outcome and every answer")


def test_an_unknown_council_is_named_with_the_ones_there_are(tmp_path):
    make_trees(tmp_path)
    run = cases(tmp_path, "nowhere")
    assert run.returncode == 2 and "unknown council 'nowhere'; choose one of: testshire" in run.stderr
