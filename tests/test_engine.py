"""The engine, node by node: given these answers, the next step is X."""
import pytest

from generator import engine
from generator.compile import compile_wizard
from generator.loader import load_library


@pytest.fixture
def tree(base_trees):
    library = load_library(base_trees)
    council = library.councils["testshire"]
    return compile_wizard(library, council, council.wizard("complain"))


@pytest.mark.parametrize("answers, step, outcome", [
    ({}, "stage", None),
    ({"complaint-stage": "not-yet"}, "about", None),
    ({"complaint-stage": "not-satisfied"}, None, "chief-executive"),
    ({"complaint-stage": "not-yet", "complaint-about": "officer"}, None, "head-of-service"),
    ({"complaint-stage": "not-yet", "complaint-about": "senior-officer"}, None, "manager"),
])
def test_given_these_answers_the_next_step_is(tree, answers, step, outcome):
    result = engine.walk(tree, answers)
    assert (result["step"], result["outcome"]) == (step, outcome)


def test_answers_off_the_path_are_dropped(tree):
    result = engine.walk(tree, {"complaint-stage": "not-satisfied", "complaint-about": "officer"})
    assert result["outcome"] == "chief-executive"
    assert result["dropped"] == {"complaint-about": "officer"}
    assert [p["question"] for p in result["path"]] == ["complaint-stage"]


def test_an_answer_the_question_does_not_offer_stops_the_walk(tree):
    result = engine.walk(tree, {"complaint-stage": "maybe"})
    assert result["step"] == "stage"
    assert result["invalid"] == {"complaint-stage": "maybe"}


def test_paths_enumerates_every_route_with_its_citations(tree):
    found = engine.paths(tree)
    assert [(p["answers"], p["outcome"], p["cite"]) for p in found] == [
        ({"complaint-stage": "not-yet", "complaint-about": "officer"}, "head-of-service", ["1.1"]),
        ({"complaint-stage": "not-yet", "complaint-about": "senior-officer"}, "manager", ["1.2"]),
        ({"complaint-stage": "not-satisfied"}, "chief-executive", ["1.10"]),
    ]


def test_record_lists_answers_outcome_and_citations(tree):
    text = engine.record(tree, {"complaint-stage": "not-yet", "complaint-about": "senior-officer"},
                         "22 November 2026 at 10:00", "https://example.test/x/?v=1")
    assert "Testshire Council" in text and "22 November 2026 at 10:00" in text
    assert "- Have you already raised it? No" in text
    assert "- Who is your complaint about? A senior officer" in text
    assert "paragraph 1.2: Complain about a senior officer to their manager." in text
    assert "Link to these answers: https://example.test/x/?v=1" in text
    assert tree["version"] in text
    outcome = text.split("Outcome:\n", 1)[1].splitlines()
    assert outcome[0] == tree["outcomes"]["manager"]["headline"], "the record's outcome starts with its headline"
    assert "*" not in text and "#" not in text, "plain text, not Markdown"


def test_handle_is_the_json_interface_the_browser_uses(tree):
    import json
    from generator.compile import tree_json
    assert json.loads(engine.handle(json.dumps({"op": "load", "key": "t", "tree": tree_json(tree)})))["ok"]
    reply = json.loads(engine.handle(json.dumps({"op": "walk", "key": "t",
                                                 "answers": {"complaint-stage": "not-satisfied"}})))
    assert reply["outcome"] == "chief-executive"


def test_the_version_changes_when_routing_changes(tree):
    from generator.compile import tree_version
    changed = {**tree, "start": "about"}
    assert tree_version(changed) != tree["version"]


def test_the_version_does_not_change_when_only_words_change(tree):
    """A typo fix must not mark every shared link as made with an earlier version."""
    import copy
    from generator.compile import tree_version
    reworded = copy.deepcopy(tree)
    reworded["outcomes"]["manager"]["headline"] = "Something else entirely"
    reworded["steps"]["stage"]["text"] = "Another question text?"
    assert tree_version(reworded) == tree["version"]
    rerouted = copy.deepcopy(tree)
    rerouted["steps"]["about"]["routes"]["officer"] = "manager"
    assert tree_version(rerouted) != tree["version"]


def test_engine_uses_only_the_standard_library():
    import ast
    import sys
    from pathlib import Path
    source = Path(engine.__file__).read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports: the browser loads engine.py on its own"
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


def test_prewritten_records_cover_every_path_in_the_engines_words(tree):
    from generator.records import path_key, prewritten_records
    prewritten = prewritten_records(tree)
    assert prewritten["version"] == tree["version"]
    paths = engine.paths(tree)
    assert set(prewritten["records"]) == {path_key(p["answers"]) for p in paths}
    for p in paths:
        found = prewritten["records"][path_key(p["answers"])]
        text = found["text"]
        assert text.count(prewritten["when"]) == 1 and text.count(prewritten["link"]) == 1
        filled = text.replace(prewritten["when"], "1 May 2026 at 09:30").replace(prewritten["link"], "L")
        assert filled == engine.record(tree, p["answers"], "1 May 2026 at 09:30", "L")
        assert found["data"]["outcome"]["headline"] == tree["outcomes"][p["outcome"]]["headline"]
