"""Comparisons come from the engine (equal to `protocol-guide ask`); every wizard is drawn
whole, and the drawing renders in Chromium without leaving the site."""
import contextlib
import html as html_lib
import io
import json
import re

import pytest

from conftest import ROOT, assert_same_origin
from generator import cli, urls
from generator.compare import compare_topic
from generator.compile import compile_wizard
from generator.diagram import node_ids
from generator.loader import load_library

LIBRARY = load_library(ROOT / "decision_trees")
TOPICS = [t for t in LIBRARY.topics.values() if t.situations]
WIZARDS = [(c, w) for c in LIBRARY.councils.values() for w in c.wizards]


def ask(council, wizard, answers):
    out = io.StringIO()
    args = ["ask", council, wizard, "--json"] + [a for q, v in answers.items() for a in ("--answer", f"{q}={v}")]
    with contextlib.redirect_stdout(out):
        assert cli.main(args) == 0
    return json.loads(out.getvalue())


@pytest.mark.parametrize("topic", TOPICS, ids=[t.id for t in TOPICS])
def test_every_comparison_cell_equals_what_ask_gives(topic, cli_library_once):
    checked = 0
    for row in compare_topic(LIBRARY, topic):
        for cell in row.cells:
            if cell.status != "outcome":
                continue
            council = cell.council
            wizard = council.wizard(cell.wizard)
            asked = {q: a for q, a in row.situation.answers.items()
                     if any(s.ask == q for s in wizard.steps.values())}
            result = ask(council.slug, cell.wizard, asked)
            assert result["outcome"] == cell.outcome
            assert result["cite"] == list(cell.paragraphs)
            assert result["detail"]["contact"] == cell.detail["contact"]
            assert result["detail"]["time_limit"] == cell.detail["time_limit"]
            checked += 1
    assert checked or topic.id not in {w.topic for _, w in WIZARDS}


def test_the_complaint_comparison_shows_who_receives_it_and_the_time_limit(site):
    page = (site / urls.comparison("complaints") / "index.html").read_text()
    section = page.split('id="about-officer"')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)[1:]
    assert len(rows) == len(LIBRARY.councils)
    complaints = next(t for t in TOPICS if t.id == "complaints")
    row = next(r for r in compare_topic(LIBRARY, complaints) if r.situation.id == "about-officer")
    for cell, shown in zip(row.cells, rows):
        text = html_lib.unescape(re.sub(r"<[^>]+>", "", shown))
        assert cell.council.name in text
        if cell.status == "outcome":
            assert cell.detail["contact"] in text
            assert (cell.detail["time_limit"] or "None stated") in text
        else:
            assert "No question page" in text or "Depends" in text


@pytest.mark.parametrize("council, wizard", WIZARDS, ids=[f"{c.slug}/{w.id}" for c, w in WIZARDS])
def test_every_node_appears_in_the_diagram_and_the_list(site, council, wizard):
    page = (site / urls.wizard(council, wizard) / "index.html").read_text()
    chart = html_lib.unescape(re.search(r'<div class="pg-flow-diagram" data-mermaid hidden>(.*?)</div>', page, re.S).group(1))
    assert chart.startswith("flowchart TD")
    tree = compile_wizard(LIBRARY, council, wizard)
    ids = node_ids(tree)
    assert set(ids) == set(wizard.steps) | set(wizard.outcomes)
    for name, node in ids.items():
        assert re.search(rf"^\s+{node}[\[(]", chart, re.M), f"{name} is not drawn"
    edges = re.findall(r"^\s+(n\d+) -->\|", chart, re.M)
    assert len(edges) == sum(len(s.routes) for s in wizard.steps.values())
    flow_list = html_lib.unescape(page.split('class="pg-flow-list"')[1].split("</details>")[0])
    for outcome in tree["outcomes"].values():
        assert outcome["headline"] in flow_list


def test_diagrams_render_in_chromium_without_leaving_the_site(page, server):
    for council, wizard in WIZARDS:
        page.goto(server.url + urls.wizard(council, wizard))
        page.click("details[data-flow] summary")
        page.wait_for_selector('[data-mermaid][data-rendered="true"] svg', timeout=30000)
        drawn = page.locator("[data-mermaid] g.node").count()
        assert drawn == len(wizard.steps) + len(wizard.outcomes)
    assert page.errors == []
    assert_same_origin(page, server)
