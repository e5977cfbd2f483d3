"""Shared pages grow by a line per council at most (issue 19): the home page, the start page, the
glossary and the comparisons name each council once, so at 300 councils each stays under the
120 KB that `make bench` checks on the built site."""
import sys

import pytest

from conftest import ROOT
from generator import compare_view, urls
from generator.loader import load_library
from generator.render import render_library

sys.path.insert(0, str(ROOT / "tests"))
from search_scale import synthetic_trees  # noqa: E402

# Markdown bytes a shared page may add per council: one line with a few links, whose HTML is about
# as long. (120 KB - the theme's ~30 KB around the content) / 300 councils leaves 300 bytes.
PER_COUNCIL = 300
SMALL, LARGE = compare_view.IN_PAGE + 1, compare_view.IN_PAGE + 11   # both beyond a page's rows


@pytest.fixture(scope="module")
def sizes(tmp_path_factory):
    out = {}
    for councils in (SMALL, LARGE):
        trees = synthetic_trees(tmp_path_factory.mktemp(f"c{councils}") / "decision_trees", councils)
        library = load_library(trees)
        assert len(library.councils) == councils
        pages = render_library(library).written()
        shared = {p for p in pages if p.split("/", 1)[0] not in library.councils}
        out[councils] = {p: len(pages[p].encode()) for p in shared}
    return out


def test_no_shared_page_grows_by_more_than_a_line_per_council(sizes):
    assert set(sizes[SMALL]) == set(sizes[LARGE])
    growth = {p: (sizes[LARGE][p] - sizes[SMALL][p]) / (LARGE - SMALL) for p in sizes[SMALL]}
    assert urls.source("") in growth and urls.GLOSSARY in growth
    assert any(p.startswith(urls.COMPARE) and p != urls.source(urls.COMPARE) for p in growth)
    too_much = {p: round(g) for p, g in growth.items() if g > PER_COUNCIL}
    assert too_much == {}, f"bytes per council: {too_much}"
