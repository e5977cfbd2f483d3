"""Each page carries the shared pages and its own council's navigation, never every council's
(so page weight does not grow with the number of councils: `make bench`)."""
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from conftest import ROOT
from generator import urls
from generator.loader import council_slugs

SLUGS = council_slugs(ROOT / "decision_trees")


class _PrimaryNav(HTMLParser):
    """The targets of the links in the theme's primary navigation."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and (self.depth or "md-nav--primary" in (attrs.get("class") or "")):
            self.depth += 1
        elif tag == "a" and self.depth and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_targets(site, page: str) -> set[str]:
    parser = _PrimaryNav()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    base = "http://site/" + page
    return {urlparse(urljoin(base, href))._replace(scheme="", netloc="").geturl().lstrip("/")
            for href in parser.hrefs}


def councils_linked(targets: set[str]) -> set[str]:
    return {t.split("/", 1)[0] for t in targets} & set(SLUGS)


SWITCHER = urls.COUNCIL_LIST.removeprefix("./")  # how the switcher's target reads from the site root


def test_a_council_page_carries_its_own_council_and_the_shared_pages_only(site):
    own = SLUGS[0]
    for page in (f"{own}/", f"{own}/ask/"):
        targets = nav_targets(site, page)
        assert councils_linked(targets) == {own}, f"{page} links to {councils_linked(targets)} in its navigation"
        assert any(t.startswith(f"{own}/ask/") for t in targets), "its own questions are in its navigation"
        assert {"about/", "glossary/"} <= targets, "the shared pages stay"
        assert SWITCHER in targets, "a way to another council"


def test_a_shared_page_carries_no_council_but_a_way_to_choose_one(site):
    targets = nav_targets(site, "about/")
    assert councils_linked(targets) == set()
    assert SWITCHER in targets


def test_the_council_list_the_switcher_points_to_links_every_council(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    anchor = f'id="{SWITCHER.removeprefix("#")}"'
    assert anchor in home
    listed = home.split(anchor, 1)[1]
    for slug in SLUGS:
        assert f'href="{slug}/"' in listed, f"{slug} missing from the council list"
