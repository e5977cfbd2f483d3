"""The guide explains the protocols in its own words: no run of 12 or more words is copied from
a source protocol. Runs the shared verbatim-check tool where ../shared is present (as on the
team's machines and in CI here); without the sources there is nothing to compare against."""
import subprocess
import sys

import pytest

from conftest import ROOT

TOOL = ROOT.parent / "shared" / "tools" / "verbatim-check"


@pytest.mark.skipif(not TOOL.is_file(), reason="../shared/tools/verbatim-check is not on this machine")
def test_nothing_is_copied_from_the_source_protocols():
    run = subprocess.run([sys.executable, str(TOOL), "decision_trees", "docs", "generator", "README.md"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no run of 12+ words copied" in run.stdout
