"""Broken trees: every problem is reported, in one run, at the right file and line."""
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, make_trees, project_config
from generator.loader import load_library
from generator.problems import InvalidTrees

CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir())
MARK = re.compile(r"#\s*expect:\s*(.+?)\s*$")


def expectations(case_dir):
    """(file relative to decision_trees, line, text) for each '# expect:' marker in a case."""
    found = []
    for file in sorted(case_dir.rglob("*.yaml")):
        for number, line in enumerate(file.read_text().splitlines(), start=1):
            mark = MARK.search(line)
            if mark:
                found.append((str(file.relative_to(case_dir)), number, mark.group(1)))
    return found


def test_the_base_fixture_is_valid(base_trees):
    library = load_library(base_trees)
    assert list(library.councils) == ["testshire"]
    assert library.councils["testshire"].paragraphs["1.10"].summary.startswith("If not satisfied")


@pytest.mark.parametrize("case", CASES)
def test_every_problem_is_reported_with_file_and_line(tmp_path, case):
    trees = make_trees(tmp_path, case)
    expected = expectations(FIXTURES / "broken" / case)
    assert expected, f"case {case} has no '# expect:' markers"
    with pytest.raises(InvalidTrees) as caught:
        load_library(trees)
    problems = caught.value.problems
    for file, line, text in expected:
        matching = [p for p in problems if p.file == f"decision_trees/{file}" and p.line == line
                    and text in p.message]
        assert matching, f"expected '{text}' at {file}:{line}; got:\n" + "\n".join(map(str, problems))
    assert len(problems) == len(expected), "unexpected extra problems:\n" + "\n".join(map(str, problems))
    assert all(p.fix for p in problems), "every problem says how to fix it"


def test_check_command_lists_every_error_and_exits_1(tmp_path):
    trees = make_trees(tmp_path, "uncited")
    run = subprocess.run([sys.executable, "-m", "generator.cli", "--trees", str(trees), "check"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1
    lines = [l for l in run.stderr.splitlines() if l.startswith("decision_trees/")]
    assert len(lines) == 2
    assert lines[0].startswith("decision_trees/testshire/01-complaints.yaml:")
    assert "Fix:" in lines[0]


def test_check_command_passes_the_real_trees():
    run = subprocess.run([sys.executable, "-m", "generator.cli", "check"], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("OK:")


def test_site_build_refuses_a_broken_tree_and_publishes_nothing(tmp_path):
    make_trees(tmp_path, "cycle")
    project_config(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build")
    run = subprocess.run([sys.executable, "-m", "generator.cli", "build"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert run.returncode == 1
    assert "decision_trees/testshire/01-complaints.yaml:" in run.stderr
    assert "goes round in a circle" in run.stderr
    assert "nothing was published" in run.stderr
    assert (site / "index.html").read_text() == "the last good build"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")) == []


def test_a_wizard_file_is_listed_on_the_section_it_names(tmp_path):
    trees = make_trees(tmp_path)
    folder = trees / "testshire" / "wizards"
    folder.mkdir()
    source = (FIXTURES / "broken" / "wizard-file" / "testshire" / "wizards" / "complain.yaml").read_text()
    (folder / "complain-briefly.yaml").write_text(
        source.replace("id: complain  #", "id: complain-briefly  #"))
    council = load_library(trees).councils["testshire"]
    wizard = council.wizard("complain-briefly")
    assert wizard.section.id == "1"
    assert wizard.file == folder / "complain-briefly.yaml"
    assert [w.id for w in council.sections[0].wizards] == ["complain", "complain-briefly"]
