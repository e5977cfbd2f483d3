"""One small snapshot per wizard path (answers, outcome id, citations), committed, so any change
of routing shows in review. Refresh on purpose with: UPDATE_SNAPSHOTS=1 make test"""
import json
import os

import pytest

from conftest import ROOT
from generator import engine
from generator.compile import compile_wizard
from generator.loader import load_library

SNAPSHOTS = ROOT / "tests" / "snapshots"
LIBRARY = load_library(ROOT / "decision_trees")
WIZARDS = [(c, w) for c in LIBRARY.councils.values() for w in c.wizards]


def current(council, wizard):
    tree = compile_wizard(LIBRARY, council, wizard)
    return [{"answers": p["answers"], "outcome": p["outcome"], "cite": p["cite"]}
            for p in engine.paths(tree)]


@pytest.mark.parametrize("council, wizard", WIZARDS, ids=[f"{c.slug}/{w.id}" for c, w in WIZARDS])
def test_paths_match_the_committed_snapshot(council, wizard):
    file = SNAPSHOTS / council.slug / f"{wizard.id}.json"
    paths = current(council, wizard)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(paths, indent=1) + "\n")
    assert file.exists(), f"no snapshot for {council.slug}/{wizard.id}: run UPDATE_SNAPSHOTS=1 make test"
    assert json.loads(file.read_text()) == paths, (
        f"the routes of {council.slug}/{wizard.id} changed; if that is intended, refresh the "
        "snapshot with UPDATE_SNAPSHOTS=1 and commit it so reviewers see the change")


def test_no_snapshot_is_left_for_a_wizard_that_is_gone():
    known = {f"{c.slug}/{w.id}.json" for c, w in WIZARDS}
    found = {f"{f.parent.name}/{f.name}" for f in SNAPSHOTS.glob("*/*.json")}
    assert found <= known, f"stale snapshots: {sorted(found - known)}"

