"""Decision records for every path, written at build time by the same engine.record.

When Pyodide cannot start (WebAssembly blocked on a locked-down laptop, an old browser), the
wizard still walks in static mode; these let "Save a record" work there too, with the same
words the engine would write. The date, time and link are only known in the browser, so each
record carries marks that the front end replaces.
"""
from __future__ import annotations

from . import engine

WHEN_MARK = "[[checked-on]]"
LINK_MARK = "[[link]]"


def path_key(answers: dict[str, str]) -> str:
    """The answers on a path, in the order asked: how the front end looks a record up."""
    return "&".join(f"{question}={answer}" for question, answer in answers.items())


def prewritten_records(tree: dict) -> dict:
    return {"when": WHEN_MARK, "link": LINK_MARK,
            "version": tree["version"],
            "records": {path_key(p["answers"]): {
                "text": engine.record(tree, p["answers"], WHEN_MARK, LINK_MARK),
                "data": engine.record_data(tree, p["answers"], WHEN_MARK, LINK_MARK)}
                for p in engine.paths(tree)}}


def walk_table(tree: dict) -> dict:
    """engine.walk's answer for every answered prefix of every path, as a nested table.

    Before the engine is ready (or when it cannot start) the page follows this table instead of
    deciding any route itself: each entry is where engine.walk stops after those answers, either
    {"step", "question", "next": {answer: entry}} or {"outcome"}. An answer missing from "next"
    is one the engine calls invalid."""
    def entry(prefix: dict[str, str]) -> dict:
        result = engine.walk(tree, prefix)
        if result["outcome"]:
            return {"outcome": result["outcome"]}
        step, question = result["step"], result["question"]
        following = {}
        for answer in tree["steps"][step]["routes"]:
            longer = {**prefix, question: answer}
            taken = engine.walk(tree, longer)["path"]
            if [(p["question"], p["answer"]) for p in taken] == list(longer.items()):
                following[answer] = entry(longer)
        return {"step": step, "question": question, "next": following}

    return entry({})
