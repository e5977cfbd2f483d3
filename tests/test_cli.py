"""The protocol-guide command line: ask and paths, and one-line errors naming the choices."""
import contextlib
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, make_trees
from generator.cli import main


def cli(*args, cwd=ROOT, separate=False):
    """The command line with these arguments: in this process (the same main(), without starting
    Python each time), or, with separate=True, as `python -m generator.cli` in its own process."""
    if separate:
        return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True,
                              text=True, cwd=cwd)
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse's own errors
                code = stop.code
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_ask_prints_the_outcome_and_its_citations():
    run = cli("ask", "cannock-chase", "complain-about-an-officer", "--answer", "complaint-stage=not-yet",
              "--answer", "complaint-about=senior-officer", separate=True)  # the installed entry, once
    assert run.returncode == 0, run.stderr
    # The words come from the compiled tree, not from this test: content may be reworded.
    from generator.compile import compile_wizard
    from generator.loader import load_library
    library = load_library(ROOT / "decision_trees")
    council = library.councils["cannock-chase"]
    tree = compile_wizard(library, council, council.wizard("complain-about-an-officer"))
    outcome = tree["outcomes"]["line-manager"]
    assert "Outcome: line-manager" in run.stdout
    lines = run.stdout.splitlines()
    assert lines[lines.index("Outcome: line-manager") + 1] == outcome["headline"], "the headline comes first"
    assert f"Who to go to: {outcome['contact']}" in run.stdout
    assert "- paragraph 11.4:" in run.stdout


def test_ask_json_matches_paths():
    paths = json.loads(cli("paths", "cannock-chase", "complain-about-an-officer", "--json").stdout)
    for path in paths["complain-about-an-officer"]:
        args = [a for q, v in path["answers"].items() for a in ("--answer", f"{q}={v}")]
        result = json.loads(cli("ask", "cannock-chase", "complain-about-an-officer", *args, "--json").stdout)
        assert result["outcome"] == path["outcome"]
        assert result["cite"] == path["cite"]


def test_ask_with_too_few_answers_names_the_next_question():
    run = cli("ask", "cannock-chase", "complain-about-an-officer", "--answer", "complaint-stage=not-yet")
    assert run.returncode == 0
    assert "Next question: Who is your complaint about?" in run.stdout
    assert "complaint-about=statutory-officer" in run.stdout


@pytest.mark.parametrize("args, expected", [
    (("ask", "nowhere", "x"), "unknown council 'nowhere'; choose one of: "),
    (("ask", "cannock-chase", "nothing"), "unknown wizard 'nothing' for cannock-chase; choose one of: "
     "ask-an-officer, complain-about-an-officer, correspondence, "),
    (("ask", "cannock-chase", "complain-about-an-officer", "--answer", "colour=blue"),
     "unknown question 'colour'; this wizard asks: complaint-stage, complaint-about"),
    (("ask", "cannock-chase", "complain-about-an-officer", "--answer", "complaint-stage=perhaps"),
     "unknown answer 'perhaps' to 'complaint-stage'; choose one of: not-yet, not-satisfied"),
    (("paths", "nowhere"), "unknown council 'nowhere'"),
])
def test_unknown_choices_get_one_line_and_exit_2(args, expected):
    run = cli(*args)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert expected in run.stderr
    if "council" in expected:
        assert "cannock-chase" in run.stderr


def test_paths_lists_every_path_in_text():
    run = cli("paths", "cannock-chase")
    assert run.returncode == 0
    assert "cannock-chase / complain-about-an-officer: 4 paths" in run.stdout


def test_paths_and_ask_are_not_blocked_by_another_councils_broken_file(tmp_path):
    trees = make_trees(tmp_path)
    other = trees / "elsewhere"
    other.mkdir()
    (other / "council.yaml").write_text("name: [unfinished\n")
    assert cli("--trees", str(trees), "check", cwd=tmp_path).returncode == 1
    run = cli("--trees", str(trees), "paths", "testshire", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "testshire / complain:" in run.stdout
    broken = cli("--trees", str(trees), "paths", "elsewhere", cwd=tmp_path)
    assert broken.returncode == 1 and "decision_trees/elsewhere/council.yaml:2: YAML syntax error" in broken.stderr
