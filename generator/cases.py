"""Rule cases (tests/cases/<council>.yaml): what no case takes yet, and drafts an author turns
into cases by reading the source.

A case says, from the protocol: given these answers, this outcome, its verdict and exactly these
citations. Every outcome must be reached by a case and every answer of every step followed by
one (tests/test_cases.py). `protocol-guide cases COUNCIL` lists what is missing and can write a
draft for each, filled in from the wizard as it stands. A draft restates the wizard, so it proves
nothing until someone has read the cited paragraphs: the tests refuse any case still marked
`draft`, and the author removes the mark once the case says what the protocol says.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import engine

DRAFT_KEY = "draft"
DRAFT_NOTE = "read the cited paragraphs in the source, correct this case, then delete this line"


def gaps(tree: dict, answers_of_cases: list[dict]) -> tuple[list[str], list[tuple[str, str]]]:
    """(outcomes no case reaches, (step, answer) pairs no case takes) for one compiled wizard."""
    walks = [engine.walk(tree, dict(answers)) for answers in answers_of_cases]
    reached = {w["outcome"] for w in walks}
    taken = {(p["step"], p["answer"]) for w in walks for p in w["path"]}
    outcomes = [o for o in tree["outcomes"] if o not in reached]
    routes = [(s, a) for s, step in tree["steps"].items() for a in step["routes"] if (s, a) not in taken]
    return outcomes, routes


def drafts(wizard_id: str, tree: dict, outcomes: list[str], routes: list[tuple[str, str]]) -> list[dict]:
    """One draft per path that reaches an outcome or takes an answer of the gaps given (from
    `gaps`): the fewest paths, in the wizard's order, that close every gap."""
    open_outcomes, open_routes = set(outcomes), set(routes)
    out = []
    for path in engine.paths(tree):
        steps = {(p["step"], p["answer"]) for p in engine.walk(tree, dict(path["answers"]))["path"]}
        if path["outcome"] not in open_outcomes and not steps & open_routes:
            continue
        open_outcomes.discard(path["outcome"])
        open_routes -= steps
        outcome = tree["outcomes"][path["outcome"]]
        out.append({"name": f"{wizard_id}: {path['outcome']} (say, in your words, which rule this is)",
                    "wizard": wizard_id, "answers": path["answers"], "outcome": path["outcome"],
                    "verdict": outcome["verdict"], "cites": path["cite"], DRAFT_KEY: "true"})
    return out


def drafts_yaml(found: list[dict]) -> str:
    """The drafts as YAML list items, to go under `cases:` (JSON-style values are valid YAML)."""
    lines = []
    for case in found:
        lines += [f"  - name: {json.dumps(case['name'])}", f"    wizard: {case['wizard']}",
                  f"    answers: {json.dumps(case['answers'])}", f"    outcome: {case['outcome']}",
                  f"    verdict: {json.dumps(case['verdict'])}", f"    cites: {json.dumps(case['cites'])}",
                  f'    {DRAFT_KEY}: "true"  # {DRAFT_NOTE}']
    return "\n".join(lines) + ("\n" if lines else "")


def append_drafts(file: Path, found: list[dict]) -> None:
    """Add the drafts to the council's case file (made with its `cases:` key if new)."""
    text = file.read_text(encoding="utf-8") if file.exists() else "cases:\n"
    if text and not text.endswith("\n"):
        text += "\n"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text + drafts_yaml(found), encoding="utf-8")
