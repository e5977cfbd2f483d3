"""Render the library into Markdown pages, wizard trees and the navigation.

Pure function of the validated library: returns {path: text}; the MkDocs
plugin (plugin.py) hands them to MkDocs. Words for pages live in templates/.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import urls
from .compare import compare_topic
from .compile import compile_wizard, tree_json
from .diagram import mermaid, text_flow
from .engine import VERDICT_LABELS
from .model import Council, Library, Paragraph, Section, Wizard
from .records import prewritten_records


@dataclass
class Rendered:
    pages: dict[str, str] = field(default_factory=dict)    # Markdown, by source path
    assets: dict[str, str] = field(default_factory=dict)   # site files (tree JSON), by site path
    nav: list = field(default_factory=list)                 # MkDocs nav entries for generated pages
    abbreviations: str = ""                                 # glossary marks, appended to every page


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined,
                      autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(urls=urls, section_label=section_label, role_label=role_label)
    return env


def section_label(section: Section) -> str:
    number = section.id if re.match(r"^\d", section.id) else ""
    return f"Section {number}: {section.title}" if number else section.title


def role_label(key: str) -> str:
    return key.replace("-", " ").capitalize().replace("151", "151")


def render_library(library: Library) -> Rendered:
    env = _environment()
    out = Rendered()
    councils = sorted(library.councils.values(), key=lambda c: c.name.lower())
    out.pages[urls.source("")] = env.get_template("home.md.j2").render(councils=councils)
    out.nav.append({"Home": urls.source("")})
    comparisons = [(t, compare_topic(library, t)) for t in library.topics.values() if t.situations]
    for council in councils:
        out.nav.append({council.name: _render_council(env, library, council, out, comparisons)})
    _render_comparisons(env, comparisons, out)
    if library.glossary:
        out.pages[urls.GLOSSARY] = env.get_template("glossary.md.j2").render(
            terms=library.glossary, councils=councils,
            anchor=lambda term: re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-"))
        out.nav.append({"Glossary": urls.GLOSSARY})
        out.abbreviations = _abbreviations(library)
    return out


def _render_comparisons(env: Environment, comparisons: list, out: Rendered) -> None:
    topics = [(t, rows) for t, rows in comparisons if any(c.status != "none" for r in rows for c in r.cells)]
    if not topics:
        return
    nav = [{"All topics": urls.source(urls.COMPARE)}]
    out.pages[urls.source(urls.COMPARE)] = env.get_template("compare_index.md.j2").render(topics=topics)
    for topic, rows in topics:
        page = urls.comparison(topic.id)
        out.pages[urls.source(page)] = env.get_template("compare.md.j2").render(
            topic=topic, rows=rows, verdicts=VERDICT_LABELS,
            wizard_of=lambda cell: cell.council.wizard(cell.wizard),
            rel=lambda target: urls.relative(page, target))
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


def _render_council(env: Environment, library: Library, council: Council, out: Rendered,
                    comparisons: list) -> list:
    nav: list = []
    page = urls.council(council)
    out.pages[urls.source(page)] = env.get_template("council.md.j2").render(c=council)
    nav.append({"Overview": urls.source(page)})
    if council.wizards:
        index = urls.wizard_index(council)
        out.pages[urls.source(index)] = env.get_template("wizard_index.md.j2").render(
            c=council, by_topic=_by_topic(library, council),
            situations=_situations_for(council, comparisons))
        wizard_nav = [{"What do you need to know?": urls.source(index)}]
        for wizard in council.wizards:
            wizard_nav.append({wizard.title: _render_wizard(env, library, council, wizard, out)})
        nav.append({"Questions answered": wizard_nav})
    sections = []
    for section in council.sections:
        source = urls.source(urls.section(section))
        out.pages[source] = env.get_template("section.md.j2").render(
            c=council, s=section, audience=lambda p: _audience(council, p),
            tag_labels=lambda p: ", ".join(library.tags[t].label for t in p.tags))
        sections.append({section_label(section): source})
    nav.append({"The protocol, section by section": sections})
    return nav


def _render_wizard(env: Environment, library: Library, council: Council, wizard: Wizard,
                   out: Rendered) -> str:
    page = urls.wizard(council, wizard)
    tree = compile_wizard(library, council, wizard)
    tree_path, records_path = urls.tree(council, wizard), urls.records(council, wizard)
    out.assets[tree_path] = tree_json(tree)
    out.assets[records_path] = json.dumps(prewritten_records(tree), ensure_ascii=False)
    steps = [wizard.steps[wizard.start]] + [s for s in wizard.steps.values() if s.id != wizard.start]
    html = env.get_template("wizard.html.j2").render(
        c=council, w=wizard, tree=tree, steps=steps, questions=library.questions,
        paragraphs=council.paragraphs, verdicts=VERDICT_LABELS,
        tree_path=tree_path, records_path=records_path, rel=lambda target: urls.relative(page, target))
    flow = env.get_template("flow.html.j2").render(
        chart=mermaid(wizard, library.questions), flow_list=text_flow(wizard, library.questions))
    source = urls.source(page)
    out.pages[source] = env.get_template("wizard_page.md.j2").render(
        c=council, w=wizard, wizard_html=_raw_block(html), flow_html=_raw_block(flow))
    return source


def _raw_block(html: str) -> str:
    """Python-Markdown keeps a raw HTML block whole only if it has no blank lines."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def _by_topic(library: Library, council: Council) -> list:
    groups = []
    for topic in library.topics.values():
        wizards = [w for w in council.wizards if w.topic == topic.id]
        if wizards:
            groups.append((topic, wizards))
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
