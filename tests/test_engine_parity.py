"""One engine, two Pythons: generator/engine.py in Pyodide (Node.js, the pinned npm package) and
under CPython gives the same reply, byte for byte, to every request the page can make: every
path and prefix of every wizard, random walks with invalid and stale answers, records, due
dates and the pre-election period. Pyodide starts from the trimmed standard library the site ships."""
import json
import random
import shutil
import subprocess
from datetime import date, timedelta

import pytest

from conftest import ROOT
from generator import engine
from generator.compile import compile_all, tree_json
from generator.loader import load_library
from generator.pyodide_runtime import STDLIB, STDLIB_FILES, runtime_files

HARNESS = ROOT / "tests" / "support" / "pyodide_engine.mjs"
RANDOM_WALKS = 2400


def requests() -> list[dict]:
    rng = random.Random(20261201)
    trees = compile_all(load_library(ROOT / "decision_trees"))
    found: list[dict] = []
    for (slug, wizard_id), tree in trees.items():
        key = f"{slug}/{wizard_id}"
        found.append({"op": "load", "key": key, "tree": tree_json(tree)})
        for path in engine.paths(tree):
            items = list(path["answers"].items())
            for end in range(len(items) + 1):
                found.append({"op": "walk", "key": key, "answers": dict(items[:end])})
            found.append({"op": "record", "key": key, "answers": path["answers"],
                          "when": "1 December 2026 at 10:00", "link": "https://example.invalid/?a=b"})
        for outcome, detail in tree["outcomes"].items():
            for _ in range(60 if detail["due"] else 1):
                start = date(2000, 1, 1) + timedelta(days=rng.randrange(41 * 365))
                found.append({"op": "due", "key": key, "outcome": outcome, "from": start.isoformat()})
            for _ in range(40 if detail.get("election_period") else 0):
                found.append({"op": "election-period", "key": key, "outcome": outcome,
                              **election_dates(rng)})
    keys, offered = list(trees), {k: engine.questions(t) for k, t in trees.items()}
    for _ in range(RANDOM_WALKS):
        slug_wizard = rng.choice(keys)
        questions = offered[slug_wizard]
        answers = {}
        for question in rng.sample(list(questions), k=rng.randint(0, len(questions))):
            answers[question] = rng.choice(questions[question] + ["stale-answer", "", "<b>x</b>"])
        if rng.random() < 0.2:
            answers["utm_source"] = "newsletter"   # not a question of this wizard
        found.append({"op": "walk", "key": "/".join(slug_wizard), "answers": answers})
    found += [{"op": "due", "key": "/".join(keys[0]), "outcome": "nope", "from": "2026-01-01"},
              {"op": "election-period", "key": "/".join(keys[0]), "outcome": "nope", "on": "2026-01-01"},
              {"op": "walk", "key": "no/such"}, {"op": "nonsense", "key": "/".join(keys[0])}]
    return found


def election_dates(rng: random.Random) -> dict:
    """The three inputs of the pre-election form: near one another (so every verdict comes up),
    sometimes missing, empty, or not a date."""
    poll = date(2000, 1, 1) + timedelta(days=rng.randrange(41 * 365))
    notice = poll - timedelta(days=rng.randrange(-5, 45))
    on = poll + timedelta(days=rng.randrange(-50, 5))
    given = {"on": on.isoformat(), "notice": notice.isoformat(), "poll": poll.isoformat()}
    for name in ("notice", "poll"):
        given[name] = rng.choice([given[name]] * 4 + [None, ""])
    if rng.random() < 0.05:
        given[rng.choice(list(given))] = rng.choice(["15/04/2027", "2027-02-30", "", "x"])
    return given


def cpython_reply(request_json: str) -> str:
    try:
        return engine.handle(request_json)
    except Exception as error:  # the harness reports Pyodide's exception the same way
        return json.dumps({"error": f"{type(error).__name__}: {error}"}, separators=(",", ":"))


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_pyodide_and_cpython_give_identical_replies(tmp_path):
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        pytest.skip("the pinned pyodide npm package is not installed (run 'npm ci')")
    lines = [json.dumps(r) for r in requests()]
    walks = sum(1 for line in lines if '"op": "walk"' in line)
    assert walks >= RANDOM_WALKS and sum('"op": "due"' in line for line in lines) >= 300
    assert sum('"op": "election-period"' in line for line in lines) >= 200
    (tmp_path / "requests.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the archive the site ships (trimmed and compiled: generator/pyodide_runtime.py), not the stock one
    shipped = runtime_files(ROOT / "node_modules" / "pyodide", ROOT / "node_modules" / ".cache" / "protocol-guide")
    (tmp_path / STDLIB).write_bytes(shipped[STDLIB])
    run = subprocess.run(["node", str(HARNESS), str(tmp_path / "requests.jsonl"), str(tmp_path / STDLIB)],
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    header, *replies = run.stdout.splitlines()
    header = json.loads(header)
    assert header["python"].startswith("3.14")
    missing = set(header["imported"]) - STDLIB_FILES
    assert not missing, f"add to pyodide_runtime.STDLIB_FILES: {sorted(missing)}"
    assert len(replies) == len(lines)
    for line, reply in zip(lines, replies):
        assert reply == cpython_reply(line), line[:200]
    assert any('"error"' in r for r in replies)  # the error cases were compared too
