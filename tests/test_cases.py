"""Cases that read like the protocol: given these answers, this council's wizard must reach
this outcome and cite these paragraphs. One YAML file per council in tests/cases/, written by
reading the source, so a routing mistake that the snapshots would merely record is caught."""
from pathlib import Path

import pytest

from conftest import ROOT
from generator import engine
from generator.compile import compile_wizard
from generator.loader import load_library
from generator.problems import Problems
from generator.yamlsource import load_yaml

LIBRARY = load_library(ROOT / "decision_trees")
CASES = []
for file in sorted((Path(__file__).parent / "cases").glob("*.yaml")):
    # Read as the trees are read: every value a string exactly as written ('yes' stays 'yes').
    problems = Problems()
    data = load_yaml(file, problems)
    assert not problems, problems.sorted()
    CASES.extend((file.stem, case) for case in data["cases"])


@pytest.mark.parametrize("slug, case", CASES, ids=[f"{s}: {c['name']}" for s, c in CASES])
def test_case(slug, case):
    council = LIBRARY.councils[slug]
    wizard = council.wizard(case["wizard"])
    assert wizard is not None, f"no wizard {case['wizard']}"
    tree = compile_wizard(LIBRARY, council, wizard)
    result = engine.walk(tree, dict(case["answers"]))
    assert result["outcome"] == case["outcome"], result
    outcome = tree["outcomes"][result["outcome"]]
    if "verdict" in case:
        assert outcome["verdict"] == case["verdict"]
    for cited in case.get("cites", []):
        assert str(cited) in outcome["cite"], f"{result['outcome']} should cite {cited}"
    if "contact_mentions" in case:
        assert case["contact_mentions"].lower() in outcome["contact"].lower()
    if "silent" in case:
        assert bool(outcome.get("silent")) == (case["silent"] == "true")
