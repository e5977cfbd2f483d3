"""The built site: every council, section, paragraph anchor and glossary term; citations land
on their paragraph. (Search: tests/test_search*.py.)"""
import re

from conftest import ROOT
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


def test_glossary_gives_the_names_councils_use_once_each(site):
    """Each role's names, whatever their case, once each: not a row per council (issue 19)."""
    import html as html_lib
    page = html_lib.unescape(html(site, "glossary/"))
    for term in LIBRARY.glossary:
        assert term.term in page
    shown = 0
    for term in (t for t in LIBRARY.glossary if t.role):
        section = re.sub(r"<[^>]+>", "", page[page.index(f">{term.term}<"):])
        said = re.search(r"Names the councils use for it: (.*?)\. Your council", section)
        names = {c.roles[term.role].lower() for c in LIBRARY.councils.values() if term.role in c.roles}
        if names:
            assert said, term.term
            assert sorted(n.lower() for n in said.group(1).split("; ")) == sorted(names)
            shown += 1
    assert shown > 0
    assert not any(c.name in page for c in LIBRARY.councils.values())


def test_glossary_words_are_marked_in_the_text(site):
    page = html(site, "cannock-chase/11-complaints-about-officers/")
    assert re.search(r'<abbr title="[^"]+">Head of Paid Service</abbr>', page)


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


def test_no_page_shows_markdown_or_escape_codes_as_text(site):
    """Escaping makes content plain text; it must not turn the guide's own links into visible
    '[...](...)' or '&#91;' on a page."""
    import html as html_lib
    bad = {}
    for file in site.rglob("index.html"):
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", file.read_text(encoding="utf-8"), flags=re.S)
        shown = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
        for leak in ("](", "&#", "&amp;", "&lt;"):
            if leak in shown:
                bad[str(file.relative_to(site))] = leak
    assert bad == {}, bad
