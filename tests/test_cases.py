"""Cases that read like the protocol: given these answers, this council's wizard must reach
this outcome, with this verdict, citing exactly these paragraphs. One YAML file per council in
tests/cases/, written by reading the source. Every outcome is named by a case and every route of
every wizard is taken by one, so a swapped route, a dropped citation or a changed verdict fails
a case (`make mutants` proves it on seeded mistakes)."""
from pathlib import Path

import pytest

from generator import engine
from generator.cases import DRAFT_KEY, gaps
from generator.compile import compile_wizard
from generator.loader import council_slugs, load_library
from generator.problems import Problems
from generator.yamlsource import load_yaml

from councils import CASES as CASE_DIR, TREES  # noqa: E402 (PG_TREES / PG_CASES for a copy)

CASE_FILES = sorted(CASE_DIR.glob("*.yaml"))


def _read(file: Path) -> list[dict]:
    # Read as the trees are read: every value a string exactly as written ('yes' stays 'yes').
    problems = Problems()
    data = load_yaml(file, problems)
    assert not problems, problems.sorted()
    return data["cases"]


CASES = [(file.stem, case) for file in CASE_FILES for case in _read(file)]


@pytest.fixture(scope="module")
def trees():
    """Each council's compiled trees, loaded once here rather than at import, so a content error
    fails these tests with its own message instead of breaking collection."""
    library = load_library(TREES)
    return {(c.slug, w.id): compile_wizard(library, c, w)
            for c in library.councils.values() for w in c.wizards}


@pytest.mark.parametrize("slug, case", CASES, ids=[f"{s}: {c['name']}" for s, c in CASES])
def test_case(trees, slug, case):
    assert DRAFT_KEY not in case, (
        f"tests/cases/{slug}.yaml: case '{case['name']}' is still a draft. Fix: read the paragraphs it "
        f"cites in the source, correct the case to say what the protocol says, then delete its '{DRAFT_KEY}' line.")
    for key in ("verdict", "cites"):
        assert key in case, f"tests/cases/{slug}.yaml: case '{case['name']}' states no '{key}'. Fix: add it."
    tree = trees.get((slug, case["wizard"]))
    assert tree is not None, f"no wizard {slug}/{case['wizard']}"
    result = engine.walk(tree, dict(case["answers"]))
    assert result["outcome"] == case["outcome"], result
    outcome = tree["outcomes"][result["outcome"]]
    assert outcome["verdict"] == case["verdict"]
    assert sorted(outcome["cite"]) == sorted(str(c) for c in case["cites"]), (
        f"{result['outcome']} cites {outcome['cite']}, the case says {case['cites']}")
    if "contact_mentions" in case:
        assert case["contact_mentions"].lower() in outcome["contact"].lower()
    if "silent" in case:
        assert bool(outcome.get("silent")) == (case["silent"] == "true")


def test_every_council_has_a_case_file():
    assert sorted(f.stem for f in CASE_FILES) == council_slugs(TREES)


@pytest.mark.parametrize("slug", [f.stem for f in CASE_FILES])
def test_every_outcome_and_every_route_is_taken_by_a_case(trees, slug):
    """The per-node check: each answer at each step is followed by at least one case, so no
    route can be rerouted without some case reaching a different outcome."""
    missing = []
    for (council, wizard_id), tree in trees.items():
        if council != slug:
            continue
        outcomes, routes = gaps(tree, [c["answers"] for s, c in CASES if s == slug and c["wizard"] == wizard_id])
        missing += [f"{wizard_id}: outcome '{o}'" for o in outcomes]
        missing += [f"{wizard_id}: step '{s}' answer '{a}'" for s, a in routes]
    assert not missing, (f"tests/cases/{slug}.yaml: no case takes these. Fix: add a case for each, "
                         "read from the protocol (protocol-guide cases COUNCIL --write drafts them):\n  " + "\n  ".join(missing))
