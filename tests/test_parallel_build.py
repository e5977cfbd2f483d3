"""The build renders its pages in several processes (generator/parallel_build.py): the site must
be the one a single process writes, and a problem in any share must stop the build."""
import filecmp
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def config(folder, docs, jobs: int):
    """The project's mkdocs.yml with its paths made absolute and the number of processes set."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}").replace("trees: decision_trees",
                                                                       f"trees: {ROOT / 'decision_trees'}")
    text = re.sub(r"^(\s+)(\w+): (node_modules\S*)$", lambda m: f"{m.group(1)}{m.group(2)}: {ROOT / m.group(3)}",
                  text, flags=re.M)
    text = re.sub(r"^(\s+)(trees: .*)$", lambda m: f"{m.group(0)}\n{m.group(1)}jobs: {jobs}", text, count=1, flags=re.M)
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build(mkdocs_yml, site):
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config", str(mkdocs_yml),
                           "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True)


def differences(a, b, where=""):
    compared = filecmp.dircmp(a, b)
    out = [f"{where}{n}" for n in compared.left_only + compared.right_only + compared.funny_files]
    out += [f"{where}{n}" for n in filecmp.cmpfiles(a, b, compared.common_files, shallow=False)[1:][0]]
    for name in compared.common_dirs:
        out += differences(a / name, b / name, f"{where}{name}/")
    return out


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the shared site is built in one process on one core")
def test_one_process_writes_the_same_site_as_several(site, tmp_path):
    run = build(config(tmp_path, ROOT / "docs", jobs=1), tmp_path / "site")
    assert run.returncode == 0, run.stderr
    assert differences(site, tmp_path / "site") == []


def test_a_warning_in_a_childs_share_stops_the_build_and_nothing_is_published(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    # Hand-written pages come first, so this one is in the first share: a child's.
    (docs / "aaa-broken.md").write_text("# Broken\n\nSee [the missing page](nowhere.md).\n", encoding="utf-8")
    site = tmp_path / "site"
    run = build(config(tmp_path, docs, jobs=2), site)
    assert run.returncode == 1
    assert "nowhere.md" in run.stderr and "while rendering pages" in run.stderr
    assert "Build stopped; nothing was published." in run.stderr
    assert "Traceback" not in run.stderr
    assert not site.exists()
    assert not list(tmp_path.glob(".site-*")), "the half-built folder is removed"
