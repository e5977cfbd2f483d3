"""The table the page follows before the engine is ready is engine.walk's own answers."""
import random

import pytest

from generator import engine
from generator.records import walk_table
from generator.compile import compile_wizard
from test_browser import LIBRARY

WIZARDS = [(c, w) for c in LIBRARY.councils.values() for w in c.wizards]


def follow(table, answers):
    """Look the answers up the way wizard.js does: no routing of its own."""
    path, entry = [], table
    while "question" in entry:
        answer = answers.get(entry["question"])
        if answer is None or answer not in entry["next"]:
            break
        path.append((entry["question"], answer))
        entry = entry["next"][answer]
    return path, entry


@pytest.mark.parametrize("council, wizard", WIZARDS, ids=[f"{c.slug}/{w.id}" for c, w in WIZARDS])
def test_every_path_and_random_answers_look_up_to_the_engines_walk(council, wizard):
    tree = compile_wizard(LIBRARY, council, wizard)
    table = walk_table(tree)
    for p in engine.paths(tree):
        assert follow(table, p["answers"]) == (list(p["answers"].items()), {"outcome": p["outcome"]})
    offered = engine.questions(tree)
    rng = random.Random(council.slug + wizard.id)
    for _ in range(200):
        answers = {q: rng.choice(a + ["stale-answer"]) for q, a in offered.items() if rng.random() < 0.8}
        path, entry = follow(table, answers)
        walked = engine.walk(tree, answers)
        assert path == [(p["question"], p["answer"]) for p in walked["path"]]
        assert entry.get("outcome") == walked["outcome"] and entry.get("step") == walked["step"]
