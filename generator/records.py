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
