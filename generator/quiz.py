"""A scenario quiz per council, built from its wizards' real paths through the engine.

Each situation is one path through one wizard: its answers, put into words, are the question;
the choices are that wizard's own outcome headlines; the right one is whatever engine.walk
reaches on those answers. So the quiz cannot disagree with the wizard: change a route and the
quiz's answer changes with it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from . import engine, urls
from .model import Council, Wizard

SIZE = 12           # situations per council (the issue asks for at least 10)
MOST_CHOICES = 4    # the right headline and up to three others from the same wizard


@dataclass
class Choice:
    outcome: str
    headline: str


@dataclass
class Situation:
    number: int
    wizard_id: str
    wizard_title: str
    asked_by: str
    answers: dict[str, str]                   # question id -> answer id: the wizard path
    said: list[tuple[str, str]]               # (question text, answer label) along the path
    choices: list[Choice]
    right: str                                # the outcome engine.walk reaches
    headline: str
    why: str
    cite: list[dict] = field(default_factory=list)   # label, summary, url (site path)
    tree_path: str = ""                       # the compiled tree the browser's engine loads
    link: str = ""                            # the wizard at this outcome (site path)

    @property
    def key(self) -> str:
        return f"q{self.number}"


def build_quiz(council: Council, compiled: dict) -> list[Situation]:
    """Up to SIZE situations, taking each wizard in turn so every topic is asked about."""
    candidates = {w.id: _candidates(compiled[(council.slug, w.id)]) for w in council.wizards}
    rounds = max((len(found) for found in candidates.values()), default=0)
    chosen: list[tuple[Wizard, dict]] = []
    for allow_silent in (False, True):   # the protocol's silences teach too, but come last
        for round_ in range(rounds):
            for wizard in council.wizards:
                found = candidates[wizard.id]
                if len(chosen) == SIZE or round_ >= len(found):
                    continue
                path = found[round_]
                silent = compiled[(council.slug, wizard.id)]["outcomes"][path["outcome"]]["silent"]
                if silent == allow_silent:
                    chosen.append((wizard, path))
    return [_situation(i + 1, council, wizard, compiled[(council.slug, wizard.id)], path)
            for i, (wizard, path) in enumerate(chosen)]


def _candidates(tree: dict) -> list[dict]:
    """Paths whose outcome has at least one other headline to choose instead; one per outcome."""
    headlines = {o["headline"] for o in tree["outcomes"].values()}
    seen: set[str] = set()
    found = []
    for path in engine.paths(tree):
        if len(headlines) > 1 and path["outcome"] not in seen:
            seen.add(path["outcome"])
            found.append(path)
    return found


def _situation(number: int, council: Council, wizard_of: Wizard, tree: dict, path: dict) -> Situation:
    result = engine.walk(tree, path["answers"])
    right = result["outcome"]
    outcome = tree["outcomes"][right]
    wizard = tree["wizard"]
    return Situation(
        number=number, wizard_id=wizard["id"], wizard_title=wizard["title"],
        asked_by=wizard["asked_by"], answers=dict(path["answers"]),
        said=[(r["question_text"], r["answer_label"]) for r in engine.answered(tree, result)],
        choices=_choices(tree, path, right), right=right, headline=outcome["headline"],
        why=outcome["answer"],
        cite=[{"label": tree["paragraphs"][c]["label"], "summary": tree["paragraphs"][c]["summary"],
               "url": tree["paragraphs"][c]["url"]} for c in outcome["cite"]],
        tree_path=urls.tree(council, wizard_of),
        link=urls.wizard_state(council, wizard_of, path["answers"], right, tree["version"]))


def _choices(tree: dict, path: dict, right: str) -> list[Choice]:
    """The right headline and others from the same wizard: first the outcomes one changed
    answer away (the near misses), then the rest; in an order that does not give it away."""
    outcomes = tree["outcomes"]
    last_step = _last_step(tree, path["answers"])
    near = list(tree["steps"][last_step]["routes"].values()) if last_step else []
    order = [o for o in near if o in outcomes] + list(outcomes)
    picked = [right]
    headlines = {outcomes[right]["headline"]}
    for outcome in order:
        if len(picked) == MOST_CHOICES:
            break
        if outcome not in picked and outcomes[outcome]["headline"] not in headlines:
            picked.append(outcome)
            headlines.add(outcomes[outcome]["headline"])
    seed = f"{tree['council']['slug']}/{tree['wizard']['id']}/{right}"
    picked.sort(key=lambda o: hashlib.sha256(f"{seed}:{o}".encode()).hexdigest())
    return [Choice(o, outcomes[o]["headline"]) for o in picked]


def _last_step(tree: dict, answers: dict) -> str:
    path = engine.walk(tree, answers)["path"]
    return path[-1]["step"] if path else ""
