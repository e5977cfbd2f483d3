"""Turn a validated wizard into the plain JSON tree that engine.py walks (everywhere)."""
from __future__ import annotations

import hashlib
import json
import re

from . import urls
from .model import Council, Library, Wizard


def compile_wizard(library: Library, council: Council, wizard: Wizard) -> dict:
    questions = library.questions
    paragraphs = council.paragraphs
    cited = sorted({c for o in wizard.outcomes.values() for c in o.cite}, key=_natural)
    tree = {
        "council": {"slug": council.slug, "name": council.name,
                    "document": {"title": council.document.full_title,
                                 "reference": council.document.reference,
                                 "version": council.document.version}},
        "wizard": {"id": wizard.id, "title": wizard.title, "topic": wizard.topic,
                   "asked_by": wizard.asked_by},
        "start": wizard.start,
        "steps": {
            step.id: {"ask": step.ask, "text": questions[step.ask].text,
                      "routes": dict(step.routes),
                      "labels": {a: questions[step.ask].answer(a).label for a in step.routes}}
            for step in wizard.steps.values()},
        "outcomes": {
            o.id: {"verdict": o.verdict, "answer": o.answer, "contact": o.contact,
                   "next_steps": list(o.next_steps), "time_limit": o.time_limit,
                   "silent": o.silent, "cite": list(o.cite)}
            for o in wizard.outcomes.values()},
        "paragraphs": {
            pid: {"summary": paragraphs[pid].summary, "heading": paragraphs[pid].heading,
                  "url": urls.paragraph(paragraphs[pid])}
            for pid in cited},
    }
    tree["version"] = tree_version(tree)
    return tree


def tree_version(tree: dict) -> str:
    """A short fingerprint of everything a person's answers depend on; shared links carry it."""
    body = json.dumps({k: v for k, v in tree.items() if k != "version"}, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:10]


def tree_json(tree: dict) -> str:
    return json.dumps(tree, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _natural(paragraph_id: str):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", paragraph_id)]
