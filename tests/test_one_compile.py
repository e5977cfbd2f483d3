"""The compiled tree is the one artefact: a build compiles each wizard exactly once, and every
page, diagram, record and comparison is made from that compilation (issue 19)."""
from collections import Counter

from conftest import ROOT
from generator import compile as compile_module
from generator.loader import load_library
from generator.render import render_library


def test_a_build_compiles_each_wizard_once(monkeypatch):
    library = load_library(ROOT / "decision_trees")
    counted: Counter = Counter()
    real = compile_module.compile_wizard

    def counting(library, council, wizard):
        counted[(council.slug, wizard.id)] += 1
        return real(library, council, wizard)

    monkeypatch.setattr(compile_module, "compile_wizard", counting)
    rendered = render_library(library)
    every = {(c.slug, w.id) for c in library.councils.values() for w in c.wizards}
    assert set(counted) == every
    assert [key for key, n in counted.items() if n != 1] == []
    # and what was compiled is what the site serves: each wizard's tree file is in the build
    trees = [path for path in rendered.assets if path.endswith(".json") and "/trees/" in path]
    assert len(trees) >= len(every), trees[:3]
