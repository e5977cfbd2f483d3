"""How much of each council's protocol the guide's questions reach, per audience.

Every figure is worked out by the engine from the shared situations (the bank's fixed sets of
answers), never counted by hand: a situation is answered when a wizard of that audience reaches
an outcome for it, answered as silent when that outcome says the protocol does not say, not yet
asked when no wizard reaches an outcome, and does not apply when it needs a body (a Cabinet,
scrutiny ...) that council.yaml says the council lacks.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import engine
from .compile import compile_all
from .model import VOICES, Council, Library, Situation

STATUSES = ("answered", "silent", "not-asked", "not-applicable")
HEADINGS = {"answered": "answered", "silent": "answered as silent", "not-asked": "not yet asked",
            "not-applicable": "does not apply"}


@dataclass
class Coverage:
    council: Council
    audience: str
    situations: dict[str, list[Situation]] = field(
        default_factory=lambda: {status: [] for status in STATUSES})

    def count(self, status: str) -> int:
        return len(self.situations[status])


def situation_audience(library: Library, situation: Situation) -> str:
    """Whose situation it is: the voice of its answers ('anyone' when they have none)."""
    questions = library.questions
    for question_id, answer_id in situation.answers.items():
        question = questions.get(question_id)
        answer = question.answer(answer_id) if question else None
        if answer is not None and answer.voice:
            return answer.voice
    return "anyone"


def situation_needs(library: Library, situation: Situation) -> list[str]:
    """The bodies a council must have for the situation to arise there."""
    needs: list[str] = []
    for question_id, answer_id in situation.answers.items():
        question = library.questions.get(question_id)
        if question is None:
            continue
        answer = question.answer(answer_id)
        needs += question.needs + (answer.needs if answer else [])
    return list(dict.fromkeys(needs))


def status_of(library: Library, council: Council, situation: Situation, trees: list[dict]) -> str:
    if council.lacks(situation_needs(library, situation)):
        return "not-applicable"
    for tree in trees:
        result = engine.walk(tree, dict(situation.answers))
        if result["outcome"]:
            return "silent" if tree["outcomes"][result["outcome"]]["silent"] else "answered"
    return "not-asked"


def council_coverage(library: Library, council: Council, compiled: dict | None = None) -> list[Coverage]:
    """One Coverage per audience (councillor, officer)."""
    compiled = compiled if compiled is not None else compile_all(library)
    found = []
    for audience in VOICES:
        coverage = Coverage(council, audience)
        for topic in library.topics.values():
            trees = [compiled[(council.slug, w.id)] for w in council.wizards_for(audience)
                     if w.topic == topic.id]
            for situation in topic.situations:
                if situation_audience(library, situation) in (audience, "anyone"):
                    status = status_of(library, council, situation, trees)
                    coverage.situations[status].append(situation)
        found.append(coverage)
    return found


def uncited(council: Council) -> list[str]:
    """Paragraph ids, in document order, that no outcome of any wizard cites."""
    cited = {c for w in council.wizards for o in w.outcomes.values() for c in o.cite}
    return [p for p in council.paragraphs if p not in cited]


def topic_figures(rows: list) -> dict[str, int]:
    """For a comparison page: how many council-situation cells are answered, silent, not asked
    or not applicable (rows from compare.compare_topic)."""
    figures = {status: 0 for status in STATUSES}
    for row in rows:
        for cell in row.cells:
            if cell.status == "outcome":
                figures["silent" if cell.detail.get("silent") else "answered"] += 1
            elif cell.status == "not-applicable":
                figures["not-applicable"] += 1
            else:
                figures["not-asked"] += 1
    return figures


def report(library: Library, councils: list[Council], as_json: bool = False) -> str:
    compiled = compile_all(library)
    data: dict[str, dict] = {c.slug: {"name": c.name,
                     "audiences": {cov.audience: {s: [x.id for x in cov.situations[s]] for s in STATUSES}
                                   for cov in council_coverage(library, c, compiled)},
                     "uncited": uncited(c)}
            for c in councils}
    if as_json:
        return json.dumps(data, indent=2)
    lines = []
    for slug, entry in data.items():
        lines.append(f"{entry['name']} ({slug})")
        for audience, by_status in entry["audiences"].items():
            figures = ", ".join(f"{len(by_status[s])} {HEADINGS[s]}" for s in STATUSES)
            lines.append(f"  {audience}s: {figures}")
            for status in ("silent", "not-asked", "not-applicable"):
                if by_status[status]:
                    lines.append(f"    {HEADINGS[status]}: {', '.join(by_status[status])}")
        ids = entry["uncited"]
        lines.append(f"  paragraphs no outcome cites ({len(ids)}): {', '.join(ids) or 'none'}")
    return "\n".join(lines)
