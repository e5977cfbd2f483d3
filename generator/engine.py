"""Walk a compiled decision tree. Standard library only.

This one file runs in three places: under pytest, behind the `protocol-guide`
command line, and in the browser inside Pyodide (Python 3.14, in a Web
Worker). Keep it free of imports outside the standard library and of any
knowledge of files, YAML or HTML: it receives a tree as plain dicts (the JSON
that generator/compile.py writes) and answers as {question id: answer id}.
"""
from __future__ import annotations

import json

SILENT_NOTE = "The protocol does not cover this situation."


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
    """The outcome as plain lines, answer first: headline, badge, conditions, contact, detail."""
    outcome = tree["outcomes"][outcome_id]
    lines = [outcome["headline"]]
    if outcome.get("badge"):
        lines.append(f"({outcome['badge']})")
    lines.append("")
    if outcome.get("conditions"):
        lines += ["Conditions:"] + [f"- {c}" for c in outcome["conditions"]] + [""]
    lines.append(f"Who to go to: {outcome['contact']}")
    for role in outcome.get("contact_roles", []):
        details = [role[k] for k in ("name", "email", "phone", "web") if role.get(k)]
        if details:
            lines.append(f"  {role['title']}: {', '.join(details)}")
    if outcome.get("time_limit"):
        lines.append(f"Time limit: {outcome['time_limit']}")
    lines += ["", outcome["answer"], ""]
    if outcome.get("silent"):
        lines += [SILENT_NOTE + (f" For advice, ask: {outcome['adviser']}." if outcome.get("adviser") else ""), ""]
    if outcome.get("next_steps"):
        lines += ["Next steps:"] + [f"- {s}" for s in outcome["next_steps"]] + [""]
    lines.append("Based on:")
    for cited in outcome["cite"]:
        paragraph = tree["paragraphs"].get(cited, {})
        lines.append(f"- {paragraph.get('label', cited)}: {paragraph.get('summary', '')}".rstrip())
    return lines


def record_data(tree: dict, answers: dict, when: str, link: str = "") -> dict:
    """A decision record as data: the browser lays it out as a page, record() as plain text."""
    result = walk(tree, answers)
    council, wizard = tree["council"], tree["wizard"]
    doc = council["document"]
    data = {"title": wizard["title"], "council": council["name"],
            "protocol": doc["title"] + (f" ({doc['reference']})" if doc.get("reference") else ""),
            "protocol_version": doc.get("version") or "not stated in the document",
            "protocol_url": doc.get("url", ""), "tree_version": tree["version"],
            "when": when, "link": link,
            "answers": [{"question": r["question_text"], "answer": r["answer_label"]}
                        for r in answered(tree, result)],
            "outcome": None}
    if result["outcome"]:
        outcome = tree["outcomes"][result["outcome"]]
        data["outcome"] = {
            "id": result["outcome"],
            **{k: outcome.get(k) for k in ("headline", "badge", "answer", "conditions", "contact",
                                           "contact_roles", "time_limit", "next_steps", "silent",
                                           "adviser")},
            "text": outcome_text(tree, result["outcome"]),
            "citations": [{"id": c, **tree["paragraphs"].get(c, {})} for c in outcome["cite"]]}
    return data


def record(tree: dict, answers: dict, when: str, link: str = "") -> str:
    """A decision record in plain text: who checked what, when, against which version, and the result."""
    data = record_data(tree, answers, when, link)
    lines = [f"Decision record: {data['title']}", "",
             f"Council: {data['council']}",
             f"Protocol: {data['protocol']}",
             f"Protocol version: {data['protocol_version']}",
             f"Guide tree version: {data['tree_version']}",
             f"Checked on: {when}"]
    if link:
        lines.append(f"Link to these answers: {link}")
    lines += ["", "Questions and answers:"]
    lines += [f"- {row['question']} {row['answer']}" for row in data["answers"]]
    lines += ["", "Outcome:"]
    lines += data["outcome"]["text"] if data["outcome"] else ["Not reached: the questions were not all answered."]
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
        args = (tree, request.get("answers", {}), request["when"], request.get("link", ""))
        return json.dumps({"text": record(*args), "data": record_data(*args)})
    raise ValueError(f"unknown op {op!r}")
