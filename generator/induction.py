"""The pages for someone new to a council: essentials per audience, the quiz, the print pack.

Called by render.py for each council that has an essentials.yaml; the start page lists them.
Words live in templates/induction.yaml; the quiz comes from generator/quiz.py.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml

from . import urls
from .citations import cite_label
from .escape import trusted
from .essentials import AUDIENCES
from .model import Council
from .pyodide_runtime import ENGINE_WAITS
from .quiz import Situation, build_quiz

SAY = yaml.safe_load((Path(__file__).parent / "templates" / "induction.yaml").read_text("utf-8"))
LETTERS = "ABCD"


def _letter(situation: Situation) -> str:
    return LETTERS[[c.outcome for c in situation.choices].index(situation.right)]


def render_start_page(render: Callable, councils: list[Council]) -> dict[str, str]:
    """{source path: Markdown} for the site-wide 'New to the council?' page, if any council has essentials."""
    having = [c for c in councils if c.essentials is not None]
    if not having:
        return {}
    return {urls.source(urls.START_HERE): render("start_here.md.j2", councils=having, say=SAY)}


def render_council_induction(render: Callable, link: Callable, raw_block: Callable, council: Council,
                             compiled: dict, pages: dict[str, str]) -> list:
    """Write the council's induction pages into pages; return their navigation entries."""
    if council.essentials is None:
        return []
    paragraphs = council.paragraphs
    cite_name = lambda pid: cite_label(paragraphs[pid])  # noqa: E731
    nav = []
    for audience in AUDIENCES:
        page = urls.essentials(council, audience)
        pages[urls.source(page)] = render(
            "essentials.md.j2", c=council, audience=audience, say=SAY,
            points=council.essentials.audiences[audience],
            minutes=council.essentials.minutes(audience),
            other=next(a for a in AUDIENCES if a != audience), cite_name=cite_name,
            paragraph_link=lambda pid, page=page: link(urls.relative(page, urls.paragraph(paragraphs[pid]))))
        nav.append({SAY["essentials_title"][audience]: urls.source(page)})
    situations = build_quiz(council, compiled)
    page = urls.quiz(council)
    rel = lambda target, page=page: link(urls.relative(page, target))  # noqa: E731
    html = render("quiz.html.j2", c=council, situations=situations, say=SAY, rel=rel, letter=_letter,
                  waits=ENGINE_WAITS)
    pages[urls.source(page)] = render("quiz.md.j2", c=council, situations=situations, say=SAY,
                                      quiz_html=trusted(raw_block(html)))
    nav.append({SAY["quiz_title"]: urls.source(page)})
    page = urls.induction_pack(council)
    html = render("induction_pack.html.j2", c=council, situations=situations, say=SAY,
                  letter=_letter, cite_name=cite_name,
                  audiences=[(a, council.essentials.audiences[a]) for a in AUDIENCES])
    pages[urls.source(page)] = render("induction_pack.md.j2", c=council, say=SAY,
                                      pack_html=trusted(raw_block(html)))
    nav.append({SAY["pack_title"]: urls.source(page)})
    return nav
