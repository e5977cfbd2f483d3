"""The built site: every council, section, paragraph anchor and glossary term; search finds
paragraphs by everyday words; citations land on their paragraph."""
import re

import pytest

from conftest import ROOT, assert_same_origin
from generator import urls
from generator.loader import load_library

LIBRARY = load_library(ROOT / "decision_trees")


def html(site, page_url):
    return (site / page_url / "index.html").read_text(encoding="utf-8")


def test_home_lists_every_council(site):
    home = html(site, "")
    for council in LIBRARY.councils.values():
        assert f'href="{council.slug}/"' in home, council.slug
        assert council.name in home


def test_every_section_page_has_every_paragraph_anchor(site):
    count = 0
    for council in LIBRARY.councils.values():
        for section in council.sections:
            page = html(site, urls.section(section))
            for paragraph in section.paragraphs:
                assert f'id="{paragraph.anchor}"' in page, f"{council.slug} {paragraph.id}"
                count += 1
    assert count == sum(len(c.paragraphs) for c in LIBRARY.councils.values())


def test_an_unnamed_council_is_said_to_be_unnamed(site):
    for council in LIBRARY.councils.values():
        if not council.named_in_source:
            assert "not name" in html(site, urls.council(council))


def test_glossary_shows_each_councils_own_term(site):
    page = html(site, "glossary/")
    for term in LIBRARY.glossary:
        assert term.term in page
    role_terms = [t for t in LIBRARY.glossary if t.role]
    shown = 0
    for term in role_terms:
        for council in LIBRARY.councils.values():
            if term.role in council.roles:
                assert council.roles[term.role] in page
                shown += 1
    assert shown > 0


def test_glossary_words_are_marked_in_the_text(site):
    page = html(site, "cannock-chase/11-complaints-about-officers/")
    assert re.search(r'<abbr title="[^"]+">Head of Paid Service</abbr>', page)


@pytest.mark.parametrize("words, paragraph", [
    ("complain", ("cannock-chase", "11.3")),
    ("press release", ("part5-unnamed", "9.1")),
    ("my daughter works for the council", ("cannock-chase", "3.2")),
])
def test_search_finds_a_paragraph_by_everyday_words(page, server, words, paragraph):
    """Typed as a person would type it: the paragraph's page is among the first three results,
    with the paragraph itself linked."""
    slug, pid = paragraph
    target = LIBRARY.councils[slug].paragraphs[pid]
    page.goto(server.url)
    page.click(".md-search__input")
    page.keyboard.type(words)  # the theme's search listens for key presses
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(500)  # let the results for the last key press settle
    pages = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    pages, links = ([re.sub(r"\?h=[^#]*", "", l) for l in found] for found in (pages, links))  # ?h= highlights
    assert server.url + urls.section(target.section) in pages[:3], pages[:5]
    assert any(l.endswith(urls.section(target.section) + "#" + target.anchor) for l in links), links
    assert_same_origin(page, server)


def test_a_citation_on_a_section_page_links_to_the_paragraph(site):
    for council in LIBRARY.councils.values():
        for wizard in council.wizards:
            page = html(site, urls.wizard(council, wizard))
            for href in re.findall(r'<li data-cite="[^"]+"><a href="([^"]+)"', page):
                path, anchor = href.split("#")
                target = (site / urls.wizard(council, wizard) / path).resolve() / "index.html"
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_each_overview_names_its_source_document_whole(site):
    import html as html_lib
    for council in LIBRARY.councils.values():
        page = html_lib.unescape(html(site, urls.council(council)))
        assert council.document.full_title in page, council.slug
        assert council.document.reference in page, council.slug


def test_search_leads_to_paragraphs_not_into_hidden_wizard_steps(site):
    """A wizard's steps and outcomes are hidden until a person's answers reach them, so search
    must not send anyone to one: a wizard is found by its title and introduction, and its
    outcomes' words (which repeat the paragraphs) do not crowd out the paragraphs themselves."""
    import html as html_lib
    import json
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    wizard_pages = {urls.wizard(c, w): w for c in LIBRARY.councils.values() for w in c.wizards}
    found = {page: [] for page in wizard_pages}
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        if page in wizard_pages:
            found[page].append(doc)
            assert not anchor, f"search indexes a hidden wizard step: {doc['location']}"
    for page, wizard in wizard_pages.items():
        assert len(found[page]) == 1, page
        text = html_lib.unescape(found[page][0]["text"])
        assert wizard.intro.split()[0] in text, page
        for outcome in wizard.outcomes.values():
            assert outcome.answer[:60] not in text, f"{page}: outcome {outcome.id} is indexed"
