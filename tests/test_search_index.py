"""The search index (generator/search.py over Pagefind): what goes in, under which council, and
what stays out. Read back from the built site's own Pagefind files."""
import html as html_lib
import re
import subprocess
import sys

import pytest

from conftest import ROOT, make_trees, project_config
from generator.loader import load_library
from generator.search import SYNONYMS_CLOSE, SYNONYMS_OPEN, SearchIndex, SearchUnavailable, strip_excluded
from generator.thesaurus import Entry, Thesaurus
from search_index_reader import documents

LIBRARY = load_library(ROOT / "decision_trees")
SHARED = ("about/", "accessibility/", "privacy/", "authors/")


@pytest.fixture(scope="module")
def indexed(site):
    return {d["url"].lstrip("/"): d for d in documents(site)}


def test_every_council_document_carries_its_council_and_shared_pages_none(indexed):
    for url, doc in indexed.items():
        slug = url.split("/", 1)[0]
        if slug in LIBRARY.councils:
            assert doc["filters"].get("council") == [slug], url
            assert doc["meta"]["council"] == LIBRARY.councils[slug].name, url
        else:
            assert "council" not in doc["filters"] and "council" not in doc["meta"], url
    assert any(url.startswith(SHARED) for url in indexed), "the shared pages are not indexed"


def test_every_paragraph_is_a_document_of_its_own(indexed):
    for council in LIBRARY.councils.values():
        for paragraph in council.paragraphs.values():
            url = f"{council.slug}/{paragraph.section.slug}/#{paragraph.anchor}"
            assert url in indexed, url


def test_every_wizard_answer_is_found_under_its_headline_and_links_to_its_state(site, indexed):
    """Each outcome is a document linked to page/#<wizard>--<outcome>, titled by the headline
    the page shows; question steps are never documents."""
    for council in LIBRARY.councils.values():
        for wizard in council.wizards:
            page_url = f"{council.slug}/ask/{wizard.id}/"
            page = (site / page_url / "index.html").read_text(encoding="utf-8")
            for outcome_id in wizard.outcomes:
                doc = indexed.get(f"{page_url}#{wizard.id}--{outcome_id}")
                assert doc is not None, f"{page_url}: answer {outcome_id} is not in the index"
                heading = re.search(rf'<h2[^>]*id="{wizard.id}--{outcome_id}-h"[^>]*>(.*?)</h2>', page, re.S)
                shown = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", heading.group(1))).split())
                assert shown.endswith(doc["meta"]["title"]), (outcome_id, shown, doc["meta"]["title"])
                assert doc["meta"]["kind"] == "answer"
            for step_id in wizard.steps:
                assert f"{page_url}#{wizard.id}--{step_id}" not in indexed, f"question step {step_id} indexed"


def test_ui_text_stays_out_of_the_index(indexed):
    """The generated pages' labels and controls are not content (the hand-written pages may
    use the same words in their sentences)."""
    ui = ("Start again", "Your answers", "Link to this paragraph", "Applies to:", "What this is based on")
    for url, doc in indexed.items():
        if url.split("/", 1)[0] not in LIBRARY.councils:
            continue
        for words in ui:
            assert words not in doc["content"], f"{url} indexes '{words}'"
        assert "¶" not in doc["content"] and "¶" not in doc["meta"]["title"], url


def test_thesaurus_words_are_added_between_marks(indexed):
    family = indexed["cannock-chase/03-relationship-between-members-and-officers/#p-3-2"]["content"]
    marked = family[family.index(SYNONYMS_OPEN):family.index(SYNONYMS_CLOSE)]
    assert "daughter" in marked and "cousin" in marked
    purdah = indexed["crawley/09-publicity/#p-9-1"]["content"]
    assert "purdah" in purdah


# --- SearchIndex on its own, on a page written for the test -------------------------------------

PAGE = """<html><body><nav>Menu words</nav><article class="md-content__inner md-typeset">
<h1 id="t">Press questions<a class="headerlink" href="#t">¶</a></h1><p>Intro about the newspaper.</p>
<div class="pg-wizard" data-search-exclude><div class="pg-steps">
<section class="pg-step" id="w--ask" data-step="ask"><h2 class="pg-question" id="w--ask-h">Who rang you?</h2>
<ul><li><a href="#w--yes">A journalist</a></li></ul></section>
<section class="pg-step pg-outcome pg-verdict-yes" id="w--yes" data-outcome="yes">
<p class="pg-outcome-kicker" data-search-exclude>Answer</p><h2 class="pg-headline" id="w--yes-h">Talk to the press office</h2>
<p class="pg-answer-text">The press office answers every newspaper.</p><h3>What this is based on</h3>
<ul class="pg-citations"><li><a href="#">Paragraph 1</a><details><summary>What it says</summary><p>Quoted words</p></details></li></ul>
<p class="pg-restart"><a href="#w--ask">Start again</a></p></section></div></div>
<h3 class="pg-para-heading" id="p-1">1 Dealing with the media</h3><p>Officers brief the media.</p>
<p class="pg-para-meta">Applies to: officers.</p>
</article><footer>Footer words</footer></body></html>"""


def one_page(url="testshire/ask/w/", weight=1.0):
    index = SearchIndex(Thesaurus([Entry("reporter", ("newspaper",))]), {"testshire": "Testshire Council"})
    index.add_page(url, PAGE, weight)
    return {d["url"]: d["html"] for d in index.documents}


def test_a_page_becomes_its_introduction_its_paragraphs_and_its_answers():
    docs = one_page()
    assert set(docs) == {"/testshire/ask/w/", "/testshire/ask/w/#w--yes", "/testshire/ask/w/#p-1"}
    answer = docs["/testshire/ask/w/#w--yes"]
    assert 'data-pagefind-meta="title:Talk to the press office"' in answer
    assert 'data-pagefind-filter="council:testshire"' in answer
    assert "every newspaper" in answer and f"{SYNONYMS_OPEN} reporter {SYNONYMS_CLOSE}" in answer
    for left_out in ("Quoted words", "Start again", "What this is based on", "Who rang you", ">Answer<"):
        assert left_out not in answer, left_out
    everything = "".join(docs.values())
    for left_out in ("Menu words", "Footer words", "Who rang you", "Applies to", "¶"):
        assert left_out not in everything, left_out


def test_a_shared_page_has_no_council_and_its_weight_scales_its_words():
    docs = one_page("about/", weight=0.5)
    intro = docs["/about/"]
    assert "data-pagefind-filter" not in intro
    assert 'data-pagefind-weight="0.5"' in intro and 'data-pagefind-weight="3.5"' in intro  # h1: 7 x 0.5


@pytest.mark.parametrize("html, kept", [
    # a ">" in a quoted value is not the tag's end; text is read and written with &, < and > escaped
    ('<p title="a > b" class="x">1 < 2 &amp; 3 &rsquo;</p>', '<p title="a > b" class="x">1 &lt; 2 &amp; 3 \u2019</p>'),
    # a left-out element goes with everything inside it, whatever its case or quoting; comments go
    ("<!-- c --><DIV class='pg-step'>q<p>x</p></DIV><div class=pg-wizard>w</div>after", "after"),
    ('<div data-search-exclude><div>in</div></div><br/><img src=x>end', "<br/><img src=x>end"),
    ('<section class="pg-step pg-outcome">a<span data-search-exclude="">b</span></section>',
     '<section class="pg-step pg-outcome">a</section>'),
])
def test_what_search_leaves_out_goes_with_its_contents_and_the_rest_is_kept(html, kept):
    assert strip_excluded(html) == kept


def test_a_large_index_is_written_in_parts_each_council_whole_in_one(tmp_path):
    """Past search_councils_per_part councils the index is in parts, built side by side: every
    council's documents in one part, in the councils' order, the shared pages in the first."""
    councils = {"aaa": "A Council", "bbb": "B Council", "ccc": "C Council"}
    index = SearchIndex(Thesaurus([]), councils, councils_per_part=2)
    for slug in councils:
        index.add_page(f"{slug}/ask/w/", PAGE)
    index.add_page("about/", PAGE)
    assert index.parts() == ["pagefind/", "pagefind/part-1/"]
    written = index.write(tmp_path, ROOT / "node_modules" / "pagefind", at_once=2)
    assert written == {"documents": len(index.documents), "parts": 2}
    in_part = {bundle: {d["url"].split("/")[1] for d in documents(tmp_path, bundle)} for bundle in index.parts()}
    assert in_part == {"pagefind/": {"aaa", "bbb", "about"}, "pagefind/part-1/": {"ccc"}}
    assert SearchIndex(Thesaurus([]), councils).parts() == ["pagefind/"]   # the default: one part


def test_a_part_of_no_councils_stops_the_build_with_the_fix(tmp_path):
    make_trees(tmp_path)
    config = project_config(tmp_path)
    config.write_text(config.read_text().replace("  - protocol-guide:\n", "  - protocol-guide:\n"
                                                 "      search_councils_per_part: 0\n", 1))
    run = subprocess.run([sys.executable, "-m", "generator.cli", "build"], capture_output=True, text=True,
                         cwd=tmp_path)
    assert run.returncode == 1 and not (tmp_path / "site").exists()
    assert "search_councils_per_part is 0" in run.stderr and "Fix: set it to 1 or more" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_missing_pagefind_stops_the_build_with_the_fix(tmp_path):
    index = SearchIndex(Thesaurus([]), {})
    with pytest.raises(SearchUnavailable, match=r"Pagefind is missing.*Fix: run 'npm ci'"):
        index.write(tmp_path, tmp_path / "node_modules" / "pagefind")


def test_the_site_makes_no_use_of_the_themes_search(site):
    assert not (site / "search" / "search_index.json").exists()
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "data-pg-search" in page and 'data-md-component="search"' not in page
    assert (site / "pagefind" / "pagefind.js").is_file()
