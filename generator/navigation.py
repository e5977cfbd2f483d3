"""Each page's navigation: the shared pages and its own council's, never every council's.

MkDocs builds one navigation for the whole site and the theme writes all of it into every
page, so with N councils each page carried N councils' links (page weight and site size grew
with N squared). The plugin gives each page a copy of the navigation trimmed to the shared
entries, the page's own council (if any), and one link to the list of councils.
"""
from __future__ import annotations

import copy

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from . import urls

SWITCHER_TITLE = "Choose another council"
SWITCHER_TITLE_SHARED = "Choose your council"


class PerCouncil:
    """The site's navigation trimmed once per council (and once for the shared pages)."""

    def __init__(self, nav: Navigation, slugs: set[str]):
        self.nav = nav
        self.sections = council_sections(nav, slugs)
        self._trimmed: dict[str, Navigation] = {}

    def for_page(self, page_url: str) -> Navigation:
        slug = _council_of(page_url)
        slug = slug if slug in self.sections else ""
        if slug not in self._trimmed:
            self._trimmed[slug] = trimmed(self.nav, self.sections, slug)
        return self._trimmed[slug]


def council_sections(nav: Navigation, slugs: set[str]) -> dict[str, Section]:
    """The top-level sections that hold one council's pages, by council slug."""
    found = {}
    for item in nav.items:
        if isinstance(item, Section):
            slug = _only_council(item, slugs)
            if slug:
                found[slug] = item
    return found


def trimmed(nav: Navigation, sections: dict[str, Section], own: str) -> Navigation:
    """A copy of the navigation with the council `own`'s section in place (none if own is ''),
    the other councils' removed, and one link to the council list where the first of them stood."""
    councils = {id(s): slug for slug, s in sections.items()}
    items: list = []
    for item in nav.items:
        slug = councils.get(id(item))
        if slug is None or slug == own:
            items.append(item)
        elif not any(isinstance(i, Link) and i.url == urls.COUNCIL_LIST for i in items):
            items.append(Link(SWITCHER_TITLE if own else SWITCHER_TITLE_SHARED, urls.COUNCIL_LIST))
    copied = copy.copy(nav)
    copied.items = items
    return copied


def _only_council(section: Section, slugs: set[str]) -> str | None:
    found = {_council_of(url) for url in _urls(section)}
    return next(iter(found)) if len(found) == 1 and found <= slugs else None


def _urls(item) -> list[str]:
    if isinstance(item, Page):
        return [item.url]
    return [u for child in getattr(item, "children", None) or [] for u in _urls(child)]


def _council_of(url: str) -> str:
    return url.split("/", 1)[0]
