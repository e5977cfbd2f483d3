"""Walk a compiled decision tree. Standard library only.

This one file runs in three places: under pytest, behind the `protocol-guide`
command line, and in the browser inside Pyodide (Python 3.14, in a Web
Worker). Keep it free of imports outside the standard library and of any
knowledge of files, YAML or HTML: it receives a tree as plain dicts (the JSON
that generator/compile.py writes) and answers as {question id: answer id}.
"""
from __future__ import annotations

import json

VERDICT_LABELS = {
    "yes": "Yes",
    "no": "No",
    "yes-if": "Yes, if…",
    "ask-someone": "Ask someone",
}


def walk(tree: dict, answers: dict) -> dict:
    """Follow the answers from the start until a question is unanswered or an outcome is reached.

    Returns the path taken, then either the step still to answer or the outcome.
    Answers that are not on the path are returned as 'dropped'; an answer the
    question does not offer is returned as 'invalid' and the walk stops there.
    """
    steps, outcomes = tree["steps"], tree["outcomes"]
    path: list[dict] = []
    used: set[str] = set()
    invalid: dict[str, str] = {}
    node = tree["start"]
    while node in steps:
        step = steps[node]
        question = step["ask"]
        answer = answers.get(question)
        if answer is None:
            break
        if answer not in step["routes"] or question in used:
            invalid[question] = answer
            break
        path.append({"step": node, "question": question, "answer": answer})
        used.add(question)
        node = step["routes"][answer]
    dropped = {q: a for q, a in answers.items() if q not in used and q not in invalid}
    result = {"path": path, "dropped": dropped, "invalid": invalid, "step": None, "outcome": None,
              "cite": []}
    if node in outcomes:
        result["outcome"] = node
        result["cite"] = list(outcomes[node]["cite"])
    else:
        result["step"] = node
        result["question"] = steps[node]["ask"]
    return result


def paths(tree: dict) -> list[dict]:
    """Every path from the start to an outcome: the answers in order, the outcome and its citations."""
    found: list[dict] = []

    def visit(node: str, answers: list[tuple[str, str]]) -> None:
        if node in tree["outcomes"]:
            found.append({"answers": dict(answers), "outcome": node,
                          "cite": list(tree["outcomes"][node]["cite"])})
            return
        step = tree["steps"][node]
        for answer, target in step["routes"].items():
            visit(target, answers + [(step["ask"], answer)])

    visit(tree["start"], [])
    return found


def questions(tree: dict) -> dict[str, list[str]]:
    """The questions this tree can ask, each with the answers it accepts."""
    found: dict[str, list[str]] = {}
    for step in tree["steps"].values():
        found.setdefault(step["ask"], [])
        for answer in step["routes"]:
            if answer not in found[step["ask"]]:
                found[step["ask"]].append(answer)
    return found


def answered(tree: dict, result: dict) -> list[dict]:
    """The path of a walk in words: question text and answer label for each step."""
    rows = []
    for entry in result["path"]:
        step = tree["steps"][entry["step"]]
        rows.append({"question": entry["question"], "answer": entry["answer"],
                     "question_text": step["text"], "answer_label": step["labels"][entry["answer"]]})
    return rows


def outcome_text(tree: dict, outcome_id: str) -> list[str]:
    """The outcome as plain lines: verdict, answer, contact, time limit, next steps, citations."""
    outcome = tree["outcomes"][outcome_id]
    lines = [f"Verdict: {VERDICT_LABELS[outcome['verdict']]}", "", outcome["answer"], ""]
    if outcome.get("silent"):
        lines += ["The protocol does not cover this situation.", ""]
    lines.append(f"Who to go to: {outcome['contact']}")
    if outcome.get("time_limit"):
        lines.append(f"Time limit: {outcome['time_limit']}")
    if outcome.get("next_steps"):
        lines += ["", "Next steps:"] + [f"- {s}" for s in outcome["next_steps"]]
    lines += ["", "Based on:"]
    for cited in outcome["cite"]:
        paragraph = tree["paragraphs"].get(cited, {})
        lines.append(f"- paragraph {cited}: {paragraph.get('summary', '')}".rstrip())
    return lines


def record(tree: dict, answers: dict, when: str) -> str:
    """A decision record in Markdown: who checked what, when, against which version, and the result."""
    result = walk(tree, answers)
    council, wizard = tree["council"], tree["wizard"]
    doc = council["document"]
    lines = [f"# Decision record: {wizard['title']}", "",
             f"- Council: {council['name']}",
             f"- Protocol: {doc['title']}" + (f" ({doc['reference']})" if doc.get("reference") else ""),
             f"- Protocol version: {doc.get('version') or 'not stated in the document'}",
             f"- Guide tree version: {tree['version']}",
             f"- Checked on: {when}", "", "## Questions and answers", ""]
    for row in answered(tree, result):
        lines.append(f"- {row['question_text']} **{row['answer_label']}**")
    lines.append("")
    if result["outcome"]:
        lines += ["## Outcome", ""] + outcome_text(tree, result["outcome"])
    else:
        lines += ["## Outcome", "", "Not reached: the questions were not all answered."]
    lines += ["", "This record explains the protocol in plain English; the adopted protocol is "
              "the authority. Keep it with your notes."]
    return "\n".join(lines) + "\n"


# --- the browser's entry point -------------------------------------------------------------

_TREES: dict[str, dict] = {}


def handle(request_json: str) -> str:
    """One JSON request from the Web Worker, one JSON reply. Ops: load, walk, record."""
    request = json.loads(request_json)
    op = request.get("op")
    if op == "load":
        tree = json.loads(request["tree"])
        _TREES[request["key"]] = tree
        return json.dumps({"ok": True, "version": tree["version"]})
    tree = _TREES[request["key"]]
    if op == "walk":
        return json.dumps(walk(tree, request.get("answers", {})))
    if op == "record":
        return json.dumps({"text": record(tree, request.get("answers", {}), request["when"])})
    raise ValueError(f"unknown op {op!r}")
