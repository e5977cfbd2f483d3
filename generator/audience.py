"""Who a question is for, and whether it fits the council.

The bank marks the voice a question or option is written in (`voice: councillor|officer`, on a
topic file, a question or an answer) and what a council must have for it to make sense
(`needs: cabinet`, from model.BODIES); council.yaml says what the council has (`has:`). A
wizard may ask and route only what fits its audience and its council.
"""
from __future__ import annotations

from pathlib import Path

from .fields import Block
from .model import BODIES, VOICES, Council, Question, Wizard
from .problems import Problems
from .yamlsource import YMap

A = {"councillor": "a councillor", "officer": "an officer"}


def topic_voice(topic: Block) -> str:
    """A bank file's 'voice:', for all its questions."""
    return _voice(topic.data, topic.line_of("voice"), topic.file, topic.problems)


def load_marks(question: Question, item, topic_voice: str, file: Path, problems: Problems) -> None:
    """Read voice and needs onto the question and its answers; an answer inherits the
    question's voice, the question the topic file's."""
    if not isinstance(item, YMap):
        return
    question.voice = _voice(item, item.line_of("voice"), file, problems) or topic_voice
    question.needs = _needs(item, file, problems)
    given = item.get("answers")
    raw_answers = given if isinstance(given, list) else []
    # a question's answers were built from these same items, in order (extra items were refused)
    for answer, raw in zip(question.answers, raw_answers, strict=False):
        if isinstance(raw, YMap):
            answer.voice = _voice(raw, raw.line_of("voice"), file, problems) or question.voice
            answer.needs = _needs(raw, file, problems)


def _voice(data: YMap, line: int, file: Path, problems: Problems) -> str:
    value = data.get("voice")
    if value is None:
        return ""
    if value not in VOICES:
        problems.add(file, line, f"voice is '{value}'.",
                     "write 'voice: councillor' or 'voice: officer' (whose words these are), "
                     "or remove it if either could say them.")
        return ""
    return value


def _needs(data: YMap, file: Path, problems: Problems) -> list[str]:
    value = data.get("needs")
    if value is None:
        return []
    found = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if found is None or not all(isinstance(v, str) for v in found):
        problems.add(file, data.line_of("needs"), "'needs' should be a body or a list of bodies.",
                     "write for example 'needs: cabinet' or 'needs: [cabinet, scrutiny]'.")
        return []
    for body in found:
        if body not in BODIES:
            problems.add(file, data.line_of("needs"), f"'needs' names '{body}', which is not a body "
                         "a council can have here.", f"use one of: {', '.join(BODIES)}.")
    return [b for b in found if b in BODIES]


def load_has(block: Block) -> list[str]:
    """council.yaml's 'has:': the bodies the protocol shows the council has."""
    line = block.line_of("has")
    found = block.texts("has")
    for body in found:
        if body not in BODIES:
            block.problem(line, f"'has' lists '{body}', which is not a body the guide knows.",
                          f"use only: {', '.join(BODIES)}; leave out what the council does not have.")
    return [b for b in found if b in BODIES]


def check_fit(council: Council, wizard: Wizard, questions: dict[str, Question],
              problems: Problems) -> set[tuple[str, str]]:
    """Report every step or route that does not fit the council or the wizard's audience, and
    return the (question, answer) pairs the council does not offer (they need no route)."""
    unoffered: set[tuple[str, str]] = set()
    lines = wizard.lines

    def add(key: str, message: str, fix: str) -> None:
        problems.add(wizard.file, lines.get(key, lines.get("wizard", 1)), message, fix)

    for step in wizard.steps.values():
        question = questions.get(step.ask)
        if question is None:
            continue  # check_wizard reports it
        lacking = council.lacks(question.needs)
        if lacking:
            add(step.id, f"step '{step.id}' asks '{step.ask}', which needs {_bodies(lacking)}; "
                f"{council.slug}'s council.yaml 'has:' does not list {', '.join(lacking)}.",
                "remove the step and route its answers elsewhere, or, if the protocol shows the "
                f"council has it, add '{lacking[0]}' to 'has:' with a comment naming the paragraph.")
        if wizard.asked_by in VOICES and question.voice and question.voice != wizard.asked_by:
            add(step.id, f"step '{step.id}' asks '{step.ask}', which the bank words for "
                f"{A[question.voice]}, in a wizard asked_by {wizard.asked_by}.",
                f"ask a question written for {A[wizard.asked_by]} (officers' questions are in "
                "decision_trees/questions/officer-*.yaml), or change 'asked_by'.")
        for answer in question.answers:
            lacking = council.lacks(answer.needs)
            if lacking:
                unoffered.add((question.id, answer.id))
                if answer.id in step.routes:
                    add(f"{step.id}->{answer.id}", f"step '{step.id}' routes '{answer.id}', which "
                        f"needs {_bodies(lacking)}; {council.slug}'s council.yaml 'has:' does not "
                        f"list {', '.join(lacking)}.",
                        "delete this route (the option is not shown for this council), or, if the "
                        f"protocol shows the council has it, add '{lacking[0]}' to 'has:'.")
            elif (answer.id in step.routes and wizard.asked_by in VOICES and answer.voice
                  and answer.voice != wizard.asked_by):
                add(f"{step.id}->{answer.id}", f"step '{step.id}' routes '{answer.id}', an option "
                    f"in {A[answer.voice]}'s words, in a wizard asked_by {wizard.asked_by}.",
                    f"route only options {A[wizard.asked_by]} would choose, or set 'asked_by: anyone' "
                    "if the wizard is for both.")
    return unoffered


def offered(council: Council, question: Question) -> list:
    """The answers of a bank question that make sense for the council."""
    if council.lacks(question.needs):
        return []
    return [a for a in question.answers if not council.lacks(a.needs)]


def _bodies(bodies: list[str]) -> str:
    return " and ".join(BODIES[b] for b in bodies)
