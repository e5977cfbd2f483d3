"""Put each topic's shared situations to every council's wizards, through the engine.

Nothing here is written by hand: each cell is what `protocol-guide ask` gives for the
situation's answers, or an honest 'not covered' when no wizard of that council covers it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import engine, urls
from .compile import compile_all
from .coverage import situation_needs
from .model import Council, Library, Situation, Topic


@dataclass
class Cell:
    council: Council
    status: str                 # "outcome", "depends" (a question the situation leaves open), "none",
    #                             "not-applicable" (the council lacks a body the situation needs)
    wizard: str = ""
    outcome: str = ""
    detail: dict = field(default_factory=dict)     # the outcome as compiled (verdict, contact, ...)
    paragraphs: dict = field(default_factory=dict)  # cited id -> {summary, heading, url}
    question: str = ""          # for "depends": the question text still open
    answers: dict = field(default_factory=dict)     # the answers on the path, for a link to the wizard
    state: str = ""             # the site path that opens the wizard at this outcome (or open step)


@dataclass
class Row:
    situation: Situation
    cells: list[Cell]

    @property
    def differs(self) -> bool:
        """Councils differ when their verdicts, or where they send people, are not all the same."""
        keys = {(c.status, c.detail.get("verdict"), tuple(r["role"] for r in c.detail.get("contact_roles", [])))
                for c in self.cells if c.status != "not-applicable"}
        return len(keys) > 1


def compare_topic(library: Library, topic: Topic, compiled: dict | None = None) -> list[Row]:
    """compiled: (council slug, wizard id) -> tree, as the build compiled them (once each)."""
    councils = sorted(library.councils.values(), key=lambda c: c.name.lower())
    compiled = compiled if compiled is not None else compile_all(library)
    trees = {c.slug: [compiled[(c.slug, w.id)] for w in c.wizards if w.topic == topic.id]
             for c in councils}
    return [Row(s, [_cell(c, trees[c.slug], s) if not c.lacks(situation_needs(library, s))
                    else Cell(c, "not-applicable") for c in councils]) for s in topic.situations]


def _cell(council: Council, trees: list[dict], situation: Situation) -> Cell:
    open_question = None
    for tree in trees:
        result = engine.walk(tree, dict(situation.answers))
        answers = {p["question"]: p["answer"] for p in result["path"]}
        wizard = council.wizard(tree["wizard"]["id"])
        assert wizard is not None  # the tree was compiled from this council's wizard
        if result["outcome"]:
            return Cell(council, "outcome", wizard.id, result["outcome"],
                        tree["outcomes"][result["outcome"]],
                        {c: tree["paragraphs"][c] for c in result["cite"]}, answers=answers,
                        state=urls.wizard_state(council, wizard, answers, result["outcome"], tree["version"]))
        if result["path"] and open_question is None:
            open_question = Cell(council, "depends", wizard.id, question=tree["steps"][result["step"]]["text"],
                                 answers=answers,
                                 state=urls.wizard_state(council, wizard, answers, result["step"], tree["version"]))
    return open_question or Cell(council, "none")
