"""Turn a validated wizard into the plain JSON tree that engine.py walks (everywhere).

The tree is the one artefact: the wizard page, the records, the comparisons and the engine
all read it, so the words they show cannot disagree. It carries the words the page needs
(question text, answer labels and hints, headline, badge, resolved contacts, citation labels).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict

from . import engine, urls
from .citations import cite_label
from .model import Answer, Council, Library, Outcome, Question, Wizard
from .verdicts import badge


def compile_wizard(library: Library, council: Council, wizard: Wizard) -> dict:
    questions = library.questions
    paragraphs = council.paragraphs
    cited = sorted({c for o in wizard.outcomes.values() for c in o.cite}, key=_natural)
    tree = {
        "council": {"slug": council.slug, "name": council.name,
                    "document": {"title": council.document.full_title,
                                 "reference": council.document.reference,
                                 "version": council.document.version,
                                 "url": council.document.url}},
        "wizard": {"id": wizard.id, "title": wizard.title, "topic": wizard.topic,
                   "asked_by": wizard.asked_by, "asks": wizard.asks,
                   "url": urls.wizard(council, wizard)},
        "start": wizard.start,
        "steps": {
            step.id: {"ask": step.ask, "text": questions[step.ask].text,
                      "hint": questions[step.ask].hint,
                      "routes": dict(step.routes),
                      "labels": {a: _answer(questions[step.ask], a).label for a in step.routes},
                      "hints": {a: _answer(questions[step.ask], a).hint for a in step.routes
                                if _answer(questions[step.ask], a).hint}}
            for step in _start_first(wizard)},
        "outcomes": {o.id: _outcome(council, wizard, o) for o in wizard.outcomes.values()},
        "paragraphs": {
            pid: {"summary": paragraphs[pid].summary, "heading": paragraphs[pid].heading,
                  "label": cite_label(paragraphs[pid]), "url": urls.paragraph(paragraphs[pid])}
            for pid in cited},
    }
    tree["version"] = tree_version(tree)
    return tree


def compile_all(library: Library) -> dict[tuple[str, str], dict]:
    """Every wizard of every council, compiled once: (council slug, wizard id) -> tree."""
    return {(c.slug, w.id): compile_wizard(library, c, w)
            for c in library.councils.values() for w in c.wizards}


def _answer(question: Question, answer_id: str) -> Answer:
    """The validated wizard routes only on answers its question offers."""
    return next(a for a in question.answers if a.id == answer_id)


def _start_first(wizard: Wizard) -> list:
    return [wizard.steps[wizard.start]] + [s for s in wizard.steps.values() if s.id != wizard.start]


def _outcome(council: Council, wizard: Wizard, outcome: Outcome) -> dict:
    adviser = council.adviser_for(wizard.asked_by) if outcome.silent else []
    compiled = {
        "verdict": outcome.verdict, "silent": outcome.silent,
        "headline": outcome.headline,
        "badge": badge(wizard.asks, outcome.verdict, outcome.silent),
        "answer": outcome.answer, "conditions": list(outcome.conditions),
        "contact": contact_text(council, outcome.contact, outcome.contact_note),
        "contact_names": _names(council, outcome.contact),
        "contact_roles": [{"role": key, "title": council.role_name(key),
                           **_details(council, key)} for key in outcome.contact],
        "contact_note": outcome.contact_note,
        "adviser": _names(council, adviser),
        "next_steps": list(outcome.next_steps), "time_limit": outcome.time_limit,
        "due": [asdict(d) for d in outcome.due],
        "election_period": asdict(outcome.election_period) if outcome.election_period else None,
        "cite": list(outcome.cite),
    }
    period = compiled["election_period"]
    if isinstance(period, dict):  # the rule in words, from the engine: shown without it
        period["rule"] = engine.election_rule({"outcomes": {outcome.id: compiled}}, outcome.id)
    return compiled


def _details(council: Council, key: str) -> dict:
    details = council.contacts.get(key)
    return {k: v for k, v in asdict(details).items() if v} if details else {}


def _names(council: Council, keys: list[str]) -> str:
    """Role names in the council's words, as 'A', 'A or B', 'A, B or C'."""
    names = [council.role_name(k) for k in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1] if names else ""


def contact_text(council: Council, keys: list[str], note: str = "") -> str:
    names = _names(council, keys)
    return f"{names} ({note})" if note and names else names or note


def tree_version(tree: dict) -> str:
    """A short fingerprint of the routing a person's answers depend on; shared links carry it.

    Only routing counts (the steps' questions and routes, the outcome ids), so correcting a
    word does not mark every shared link as made with an earlier version."""
    routing = {"start": tree["start"],
               "steps": {k: {"ask": s["ask"], "routes": s["routes"]} for k, s in tree["steps"].items()},
               "outcomes": sorted(tree["outcomes"])}
    body = json.dumps(routing, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:10]


def tree_json(tree: dict) -> str:
    return json.dumps(tree, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _natural(paragraph_id: str):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", paragraph_id)]
