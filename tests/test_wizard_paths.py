"""Every wizard of every council: each path ends in an outcome whose citations resolve."""
import pytest

from conftest import ROOT
from generator import engine
from generator.compile import compile_wizard
from generator.loader import load_library

LIBRARY = load_library(ROOT / "decision_trees")
WIZARDS = [(c, w) for c in LIBRARY.councils.values() for w in c.wizards]


@pytest.mark.parametrize("council, wizard", WIZARDS, ids=[f"{c.slug}/{w.id}" for c, w in WIZARDS])
def test_every_path_reaches_an_outcome_with_resolving_citations(council, wizard):
    tree = compile_wizard(LIBRARY, council, wizard)
    found = engine.paths(tree)
    assert found
    reached = {p["outcome"] for p in found}
    assert reached == set(wizard.outcomes), "every outcome is reachable"
    for path in found:
        assert path["cite"], f"{path['outcome']} cites nothing"
        for cited in path["cite"]:
            assert cited in council.paragraphs
            assert tree["paragraphs"][cited]["url"].endswith("#" + council.paragraphs[cited].anchor)
        walked = engine.walk(tree, path["answers"])
        assert walked["outcome"] == path["outcome"] and not walked["dropped"]
