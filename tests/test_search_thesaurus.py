"""decision_trees/thesaurus.yaml: the everyday words people search with. It is data authors
edit, so it is validated like the trees: every problem is `file:line: problem. Fix: ...`."""
import subprocess
import sys

import pytest

from conftest import ROOT
from generator.problems import InvalidTrees
from generator.thesaurus import load_thesaurus
from search_index_reader import documents

THESAURUS = load_thesaurus(ROOT / "decision_trees")


def test_the_thesaurus_has_the_words_councillors_and_officers_use():
    assert len(THESAURUS) >= 60
    means = {e.word: e.phrases for e in THESAURUS.entries}
    for word, phrase in [("son", "family"), ("daughter", "family"), ("cousin", "family"),
                         ("partner", "close relationship"), ("purdah", "pre-election period"),
                         ("photocopier", "council resources"), ("printer", "council resources"),
                         ("stationery", "council resources"), ("journalist", "press"),
                         ("reporter", "media"), ("newspaper", "press"), ("rude", "courtesy"),
                         ("shouted", "respect"), ("leaked", "confidential")]:
        assert phrase in means[word], word


def test_every_entry_reaches_something_in_the_guide(site):
    """An entry whose protocol phrases are in no paragraph or answer does nothing: a typo."""
    text = " ".join(d["content"] for d in documents(site))
    reached = set(THESAURUS.words_for(text))
    unused = [e.word for e in THESAURUS.entries if e.word not in reached]
    assert unused == [], f"these thesaurus words match no text in the guide: {unused}"


def test_a_phrase_matches_whole_words_with_a_plural_ending():
    assert "son" in THESAURUS.words_for("Close personal relationships between officers")
    assert "purdah" not in THESAURUS.words_for("preelection")   # whole words only


@pytest.mark.parametrize("text, line, message", [
    ("- son\n- daughter\n", 1, "must be a list of 'word: [phrases]' lines"),
    ("son: [family]\nso%n: [family]\n", 2, "'so%n' is not an everyday word"),
    ("son: []\n", 1, "'son' lists no protocol phrase"),
    ("son: [family, 'fa#mily']\n", 1, "is not a phrase"),
    ("family: [family]\n", 1, "'family' maps to itself"),
    ("son: [family]\nson: [relative]\n", 2, "appears twice"),
    ("son: [family\n", 2, "YAML syntax error"),
])
def test_a_broken_thesaurus_names_file_line_and_fix(tmp_path, text, line, message):
    (tmp_path / "thesaurus.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidTrees) as err:
        load_thesaurus(tmp_path)
    problems = [str(p) for p in err.value.problems]
    assert any(p.startswith(f"thesaurus.yaml:{line}:") or f"thesaurus.yaml:{line}:" in p for p in problems), problems
    assert all("Fix:" in p for p in problems), problems
    assert any(message in p for p in problems), problems


def test_check_reports_a_broken_thesaurus_without_a_traceback(tmp_path, base_trees):
    (base_trees / "thesaurus.yaml").write_text("son: []\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator.cli", "--trees", str(base_trees), "check"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    assert "thesaurus.yaml:1: 'son' lists no protocol phrase." in run.stderr and "Fix:" in run.stderr
    assert "Traceback" not in run.stderr
