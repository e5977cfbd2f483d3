"""One small snapshot per wizard path (answers, outcome id, citations), committed, so any change
of routing shows in review (docs/arch/0006-snapshots-of-paths.md). Refresh on purpose with
`protocol-guide snapshot`, which rewrites the files that differ and prints which paths changed."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT, make_trees
from generator.cli import SNAPSHOTS, snapshot_paths
from generator.loader import load_library

SNAPSHOT_DIR = ROOT / SNAPSHOTS
LIBRARY = load_library(ROOT / "decision_trees")
WIZARDS = [(c, w) for c in LIBRARY.councils.values() for w in c.wizards]


@pytest.mark.parametrize("council, wizard", WIZARDS, ids=[f"{c.slug}/{w.id}" for c, w in WIZARDS])
def test_paths_match_the_committed_snapshot(council, wizard):
    file = SNAPSHOT_DIR / council.slug / f"{wizard.id}.json"
    assert file.exists(), f"no snapshot for {council.slug}/{wizard.id}: run protocol-guide snapshot"
    assert json.loads(file.read_text()) == snapshot_paths(LIBRARY, council, wizard), (
        f"the routes of {council.slug}/{wizard.id} changed; if that is intended, run "
        "protocol-guide snapshot and commit the snapshots with the change so reviewers see it")


def test_no_snapshot_is_left_for_a_wizard_that_is_gone():
    known = {f"{c.slug}/{w.id}.json" for c, w in WIZARDS}
    found = {f"{f.parent.name}/{f.name}" for f in SNAPSHOT_DIR.glob("*/*.json")}
    assert found <= known, f"stale snapshots: {sorted(found - known)} (protocol-guide snapshot removes them)"


def snapshot(project, *args):
    return subprocess.run([sys.executable, "-m", "generator.cli", "snapshot", *args], cwd=project,
                          capture_output=True, text=True)


def test_the_snapshot_command_writes_reports_and_removes(tmp_path):
    """`protocol-guide snapshot` on a fixture: writes what is missing, says OK when nothing
    changed, lists a changed route as the old path (-) and the new one (+) and rewrites it, and
    removes the snapshot of a wizard that is gone; --check reports without writing."""
    trees = make_trees(tmp_path)
    written = snapshot(tmp_path)
    assert written.returncode == 0, written.stderr
    file = tmp_path / SNAPSHOTS / "testshire" / "complain.json"
    assert "new: 3 paths" in written.stdout and file.is_file()
    assert snapshot(tmp_path, "--check").stdout.startswith("OK: every snapshot matches")

    section = trees / "testshire" / "01-complaints.yaml"
    swapped = section.read_text().replace("officer: head-of-service", "officer: SWAP")
    swapped = swapped.replace("senior-officer: manager", "senior-officer: head-of-service")
    section.write_text(swapped.replace("officer: SWAP", "officer: manager"))  # a swapped route
    stale = tmp_path / SNAPSHOTS / "testshire" / "gone.json"
    stale.write_text("[]\n")
    before = file.read_text()
    checked = snapshot(tmp_path, "--check")
    assert checked.returncode == 1
    assert "  - complaint-stage=not-yet, complaint-about=senior-officer -> manager" in checked.stdout
    assert "  + complaint-stage=not-yet, complaint-about=senior-officer -> head-of-service" in checked.stdout
    assert "gone.json:\n  removed" in checked.stdout
    assert file.read_text() == before and stale.exists(), "--check wrote something"

    rewritten = snapshot(tmp_path, "testshire")
    assert rewritten.returncode == 0 and "2 snapshots rewritten" in rewritten.stdout, rewritten.stdout
    assert not stale.exists()
    paths = json.loads(file.read_text())
    assert {p["outcome"] for p in paths if p["answers"].get("complaint-about") == "senior-officer"} == {
        "head-of-service"}
    assert snapshot(tmp_path, "--check").returncode == 0


def test_the_snapshot_command_names_the_councils_it_knows(tmp_path):
    make_trees(tmp_path)
    run = snapshot(tmp_path, "nowhere")
    assert run.returncode == 2 and "unknown council 'nowhere'; choose one of: testshire" in run.stderr
