"""Render the library into Markdown pages, wizard trees and the navigation.

Pure function of the validated library: returns {path: text}; the MkDocs
plugin (plugin.py) hands them to MkDocs. Words for pages live in templates/.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import urls
from .citations import display_number
from .compare import compare_topic
from .compare_view import council_data, in_page
from .compile import compile_all, tree_json
from .coverage import situation_audience, topic_figures
from .diagram import mermaid, text_flow
from .escape import front_matter, markdown_text, trusted
from .induction import SAY as induction_words
from .induction import render_council_induction, render_start_page
from .model import VOICES, Council, Library, Paragraph, Section
from .pyodide_runtime import ENGINE_WAITS
from .records import prewritten_records, walk_table
from .words import WORDS


@dataclass
class Rendered:
    pages: dict[str, str] = field(default_factory=dict)    # Markdown, by source path
    assets: dict[str, str] = field(default_factory=dict)   # site files (tree JSON), by site path
    nav: list = field(default_factory=list)                 # MkDocs nav entries for generated pages
    abbreviations: str = ""                                 # glossary marks, appended to every page
    blocks: dict[str, str] = field(default_factory=dict)    # generated HTML, by placeholder number

    def raw_block(self, html: str) -> Markup:
        """Generated HTML for a Markdown page, as a placeholder the plugin swaps for it once the
        Markdown is converted (in_place): Markdown would only pass it through, after parsing it
        tag by tag, which was a third of the build's time on the question pages."""
        number = str(len(self.blocks))
        self.blocks[number] = _raw_block(html)
        return Markup(f'<div data-pg-block="{number}"></div>')

    def in_place(self, page_html: str) -> str:
        return BLOCK.sub(lambda m: self.blocks[m.group(1)], page_html)

    def written(self) -> dict[str, str]:
        """Each page's Markdown with its generated HTML in place (for tests and checks)."""
        return {source: self.in_place(text) for source, text in self.pages.items()}


BLOCK = re.compile(r'<div data-pg-block="(\d+)"></div>')


class Templates:
    """Two environments over templates/: HTML templates escape as HTML; in a Markdown template
    every value is made plain text (finalize), so content can never become markup there."""

    def __init__(self) -> None:
        self.html = self._environment(finalize=None)
        self.markdown = self._environment(finalize=markdown_text)

    @staticmethod
    def _environment(finalize) -> Environment:
        env = Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined,
                          autoescape=True, keep_trailing_newline=True, trim_blocks=True,
                          lstrip_blocks=True, **({"finalize": finalize} if finalize else {}))
        env.globals.update(urls=urls, section_label=section_label, role_label=role_label,
                           words=WORDS, display_number=display_number, adviser=adviser_text)
        env.filters.update(fm=front_matter, capitalize_first=lambda s: s[:1].upper() + s[1:])
        return env


def _environment() -> Templates:
    return Templates()


def _render(env: Templates, name: str, **context) -> str:
    chosen = env.html if name.endswith(".html.j2") else env.markdown
    return chosen.get_template(name).render(**context)


def link(target: str) -> Markup:
    """A generated link target, safe in Markdown and HTML alike (ids follow one safe pattern)."""
    return Markup(quote(target, safe="/:#?=&.-~%"))


def section_label(section: Section) -> str:
    number = section.id if re.match(r"^\d", section.id) else ""
    return f"Section {number}: {section.title}" if number else section.title


def adviser_text(council: Council) -> str:
    """Who advises where the protocol is silent, in the council's words."""
    names = {audience: council.role_name(key) for audience, key in council.adviser.items()}
    if len(set(names.values())) == 1:
        return names["councillors"]
    return f"councillors: {names['councillors']}; officers: {names['officers']}"


def role_label(key: str) -> str:
    return key.replace("-", " ").capitalize()


def render_library(library: Library) -> Rendered:
    env = _environment()
    out = Rendered()
    councils = sorted(library.councils.values(), key=lambda c: c.name.lower())
    out.pages[urls.source("")] = _render(env, "home.md.j2", councils=councils)
    out.nav.append({"Home": urls.source("")})
    start = render_start_page(lambda name, **kw: _render(env, name, **kw), councils)
    out.pages.update(start)
    out.nav += [{induction_words["start_title"]: path} for path in start]
    compiled = compile_all(library)
    comparisons = [(t, compare_topic(library, t, compiled)) for t in library.topics.values() if t.situations]
    for council in councils:
        out.nav.append({council.name: _render_council(env, library, council, out, comparisons, compiled)})
    _render_comparisons(env, comparisons, out)
    if library.glossary:
        out.pages[urls.GLOSSARY] = _render(env, "glossary.md.j2",
            terms=library.glossary,
            council_list=link(urls.relative(urls.GLOSSARY, urls.source("")) + "#" + urls.COUNCIL_LIST_ANCHOR),
            names_for=lambda role: _distinct(c.roles[role] for c in councils if role in c.roles),
            anchor=lambda term: re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-"))
        out.nav.append({"Glossary": urls.GLOSSARY})
        out.abbreviations = _abbreviations(library)
    return out


def _distinct(names: Iterable[str]) -> list[str]:
    """Each name once, ignoring case (the first spelling met is kept), in alphabetical order."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(name.lower(), name)
    return sorted(kept.values(), key=str.lower)


def _render_comparisons(env: Templates, comparisons: list, out: Rendered) -> None:
    topics = [(t, rows) for t, rows in comparisons if any(c.status != "none" for r in rows for c in r.cells)]
    if not topics:
        return
    nav = [{"All topics": urls.source(urls.COMPARE)}]
    out.pages[urls.source(urls.COMPARE)] = _render(env, "compare_index.md.j2", topics=topics,
                                                   figures=topic_figures)
    councils = sorted({c.council.slug: c.council for t, rows in topics for r in rows for c in r.cells}.values(),
                      key=lambda c: c.name.lower())
    shown = in_page(councils)
    for topic, rows in topics:
        page = urls.comparison(topic.id)
        root = urls.relative(page, "")
        data = council_data(rows, adviser_text)   # each row made once: for the page and for compare.js
        for slug, rows_of in data.items():
            out.assets[urls.comparison_data(topic.id, slug)] = json.dumps(rows_of, ensure_ascii=False,
                                                                          separators=(",", ":"))
        tables = {row.situation.id: out.raw_block(_render(env, "compare_table.html.j2",
                      situation=row.situation.id, root=root,
                      rows=[(c.council.slug, data[c.council.slug]["rows"][row.situation.id]) for c in row.cells]
                      if shown else []))
                  for row in rows}
        picker = _render(env, "compare_pick.html.j2", councils=councils, in_page=shown, root=root,
                         src=urls.relative(page, urls.comparison_data(topic.id, "{council}")),
                         council_list=urls.COUNCIL_LIST)
        out.pages[urls.source(page)] = _render(env, "compare.md.j2", topic=topic, rows=rows, tables=tables,
                                               picker=out.raw_block(picker), total=len(councils))
        nav.append({topic.title: urls.source(page)})
    out.nav.append({"Compare councils": nav})


def _abbreviations(library: Library) -> str:
    """Python-Markdown 'abbr' definitions: each marked word gets its meaning as a tooltip."""
    lines = []
    for term in library.glossary:
        meaning = term.meaning.replace("\n", " ")
        for mark in term.marks:
            lines.append(f"*[{mark}]: {meaning}")
    return "\n".join(lines)


def _render_council(env: Templates, library: Library, council: Council, out: Rendered,
                    comparisons: list, compiled: dict) -> list:
    nav: list = []
    page = urls.council(council)
    out.pages[urls.source(page)] = _render(env, "council.md.j2", c=council)
    nav.append({"Overview": urls.source(page)})
    induction = render_council_induction(lambda name, **kw: _render(env, name, **kw), link,
                                         out.raw_block, council, compiled, out.pages)
    if induction:
        nav.append({induction_words["start_title"]: induction})
    if council.wizards:
        index = urls.wizard_index(council)
        out.pages[urls.source(index)] = _render(
            env, "wizard_index.md.j2", c=council, by_topic=_by_topic(library, council),
            situations=_situations_for(council, comparisons), audience=None,
            rel=lambda target: link(urls.relative(index, target)))
        wizard_nav = [{"What do you need to know?": urls.source(index)}]
        for audience, door in _doors(env, library, council, comparisons, out):
            wizard_nav.append({door: audience})
        for wizard in council.wizards:
            tree = compiled[(council.slug, wizard.id)]
            wizard_nav.append({wizard.title: _render_wizard(env, council, wizard, tree, out)})
        nav.append({"Questions answered": wizard_nav})
    sections = []
    for section in council.sections:
        source = urls.source(urls.section(section))
        out.pages[source] = _render(env, "section.md.j2",
            c=council, s=section, audience=lambda p: _audience(council, p),
            tag_labels=lambda p: ", ".join(library.tags[t].label for t in p.tags))
        sections.append({section_label(section): source})
    nav.append({"The protocol, section by section": sections})
    return nav


def _render_wizard(env: Templates, council: Council, wizard, tree: dict, out: Rendered) -> str:
    page = urls.wizard(council, wizard)
    tree_path, records_path = urls.tree(council, wizard), urls.records(council, wizard)
    out.assets[tree_path] = tree_json(tree)
    out.assets[records_path] = json.dumps(prewritten_records(tree), ensure_ascii=False)
    rel = lambda target: link(urls.relative(page, target))  # noqa: E731
    html = _render(env, "wizard.html.j2", w=wizard, t=tree, tree_path=tree_path,
                   records_path=records_path, rel=rel, walks=walk_table(tree),
                   waits=ENGINE_WAITS)
    flow = _render(env, "flow.html.j2", chart=mermaid(tree), flow_list=trusted(text_flow(tree)))
    source = urls.source(page)
    out.pages[source] = _render(env, "wizard_page.md.j2", c=council, w=wizard,
                                wizard_html=out.raw_block(html), flow_html=out.raw_block(flow))
    return source


def _raw_block(html: str) -> str:
    """Python-Markdown keeps a raw HTML block whole only if it has no blank lines."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def _doors(env: Templates, library: Library, council: Council, comparisons: list,
           out: Rendered) -> list[tuple[str, str]]:
    """The councillors' and the officers' lists of questions: (page source, nav title) each."""
    made = []
    for audience in VOICES:
        index = urls.audience_index(council, audience)
        wizards = council.wizards_for(audience)
        ids = {w.id for w in wizards}
        situations = {topic: [(s, cell) for s, cell in rows if cell.wizard in ids
                              and situation_audience(library, s) in (audience, "anyone")]
                      for topic, rows in _situations_for(council, comparisons).items()}
        out.pages[urls.source(index)] = _render(
            env, "wizard_index.md.j2", c=council, by_topic=_by_topic(library, council, wizards),
            situations=situations, audience=audience,
            rel=lambda target, index=index: link(urls.relative(index, target)))
        made.append((urls.source(index), WORDS["doors"][audience]))
    return made


def _by_topic(library: Library, council: Council, wizards: list | None = None) -> list:
    listed = council.wizards if wizards is None else wizards
    groups = []
    for topic in library.topics.values():
        here = [w for w in listed if w.topic == topic.id]
        if here:
            groups.append((topic, here))
    return groups


def _situations_for(council: Council, comparisons: list) -> dict:
    """topic id -> [(situation, cell)] that this council's wizards answer, for the index page."""
    found: dict = {}
    for topic, rows in comparisons:
        for row in rows:
            cell = next(c for c in row.cells if c.council is council)
            if cell.status == "outcome":
                found.setdefault(topic.id, []).append((row.situation, cell))
    return found


def _audience(council: Council, paragraph: Paragraph) -> str:
    names = {"councillors": "councillors", "officers": "officers",
             "everyone": "councillors and officers"}
    return ", ".join(names.get(a) or council.roles[a] for a in paragraph.applies_to)
