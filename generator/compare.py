"""Put each topic's shared situations to every council's wizards, through the engine.

Nothing here is written by hand: each cell is what `protocol-guide ask` gives for the
situation's answers, or an honest 'not covered' when no wizard of that council covers it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import engine
from .compile import compile_wizard
from .model import Council, Library, Situation, Topic


@dataclass
class Cell:
    council: Council
    status: str                 # "outcome", "depends" (a question the situation leaves open), "none"
    wizard: str = ""
    outcome: str = ""
    detail: dict = field(default_factory=dict)     # the outcome as compiled (verdict, contact, ...)
    paragraphs: dict = field(default_factory=dict)  # cited id -> {summary, heading, url}
    question: str = ""          # for "depends": the question text still open
    answers: dict = field(default_factory=dict)     # the answers on the path, for a link to the wizard

    @property
    def query(self) -> str:
        return "&".join(f"{q}={a}" for q, a in self.answers.items())


@dataclass
class Row:
    situation: Situation
    cells: list[Cell]

    @property
    def differs(self) -> bool:
        """Councils differ when their verdicts, or where they send people, are not all the same."""
        keys = {(c.status, c.detail.get("verdict"), c.detail.get("contact", "").lower()) for c in self.cells}
        return len(keys) > 1


def compare_topic(library: Library, topic: Topic) -> list[Row]:
    councils = sorted(library.councils.values(), key=lambda c: c.name.lower())
    trees = {c.slug: [compile_wizard(library, c, w) for w in c.wizards if w.topic == topic.id]
             for c in councils}
    return [Row(s, [_cell(c, trees[c.slug], s) for c in councils]) for s in topic.situations]


def _cell(council: Council, trees: list[dict], situation: Situation) -> Cell:
    open_question = None
    for tree in trees:
        result = engine.walk(tree, dict(situation.answers))
        if result["outcome"]:
            return Cell(council, "outcome", tree["wizard"]["id"], result["outcome"],
                        tree["outcomes"][result["outcome"]],
                        {c: tree["paragraphs"][c] for c in result["cite"]},
                        answers={p["question"]: p["answer"] for p in result["path"]})
        if result["path"] and open_question is None:
            open_question = (tree["wizard"]["id"], tree["steps"][result["step"]]["text"])
    if open_question:
        return Cell(council, "depends", open_question[0], question=open_question[1])
    return Cell(council, "none")
