"""A comparison's rows as the reader sees them: each cell a list of runs of text and links.

The page shows some rows as HTML (compare_table.html.j2) and compare.js builds the others from
the same rows written as JSON, so the two cannot differ: the words are chosen here, once, and
each renderer only turns a run into text or a link. Link targets are site paths (urls.py); each
renderer makes them relative to its page.
"""
from __future__ import annotations

from collections.abc import Callable

from . import urls
from .compare import Cell, Row
from .model import Council
from .words import WORDS as ALL_WORDS

WORDS = ALL_WORDS["compare"]
# Up to this many councils, a comparison page holds every council's rows (and works without
# JavaScript); beyond it the page holds none, and compare.js fetches the ones a person picks.
IN_PAGE = 8

Run = dict  # {"text": str} or {"text": str, "url": site path}


def in_page(councils: list[Council]) -> bool:
    return len(councils) <= IN_PAGE


def row_view(cell: Cell, adviser: Callable[[Council], str]) -> list[list[Run]]:
    """The five cells of one council's row: council, answer, who to go to, time limit, based on."""
    council = cell.council
    if cell.status == "outcome":
        detail = cell.detail
        answer = detail["headline"] + (f" ({detail['badge']})" if detail.get("badge") else "")
        cites: list[Run] = []
        for paragraph in cell.paragraphs.values():
            cites += [{"text": ", "}] if cites else []
            cites.append({"text": paragraph["label"], "url": paragraph["url"]})
        return [[{"text": council.name, "url": cell.state}], [{"text": answer}], [{"text": detail["contact"]}],
                [{"text": detail.get("time_limit") or WORDS["no_time_limit"]}], cites]
    if cell.status == "depends":
        return [[{"text": council.name, "url": cell.state}], [{"text": WORDS["depends"] + " " + cell.question}],
                [], [], []]
    if cell.status == "not-applicable":
        return [[{"text": council.name}], [{"text": WORDS["not_applicable"]}], [], [], []]
    return [[{"text": council.name}],
            [{"text": WORDS["not_covered"] + " "}, {"text": WORDS["read_sections"], "url": urls.council(council)},
             {"text": " " + WORDS["or_ask"] + " " + adviser(council) + "."}],
            [{"text": adviser(council)}], [], []]


def council_data(rows: list[Row], adviser: Callable[[Council], str]) -> dict[str, dict]:
    """Each council's rows for one topic, by situation: what compare.js fetches for it."""
    data: dict[str, dict] = {}
    for row in rows:
        for cell in row.cells:
            data.setdefault(cell.council.slug, {"council": cell.council.slug, "rows": {}})["rows"][
                row.situation.id] = row_view(cell, adviser)
    return data
