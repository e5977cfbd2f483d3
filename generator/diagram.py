"""Draw a compiled wizard tree: a mermaid flowchart, and the same flow as nested lists for
people who cannot see the picture (and for browsers without JavaScript). Both read the tree
the engine walks, so the drawing cannot disagree with the answers."""
from __future__ import annotations

import html


def node_ids(tree: dict) -> dict[str, str]:
    """Short, safe mermaid ids for every step and outcome, in a stable order."""
    names = list(tree["steps"]) + list(tree["outcomes"])
    return {name: f"n{i}" for i, name in enumerate(names)}


def _label(text: str) -> str:
    # Mermaid's own escape for a quote inside a quoted label; angle brackets as entities.
    return html.escape(text, quote=False).replace('"', "#quot;")


def mermaid(tree: dict) -> str:
    ids = node_ids(tree)
    lines = ["flowchart TD"]
    for name, step in tree["steps"].items():
        lines.append(f'  {ids[name]}["{_label(step["text"])}"]')
    for name, outcome in tree["outcomes"].items():
        lines.append(f'  {ids[name]}(["{_label(outcome["headline"])}"])')
    for name, step in tree["steps"].items():
        for answer_id, target in step["routes"].items():
            lines.append(f'  {ids[name]} -->|"{_label(step["labels"][answer_id])}"| {ids[target]}')
    lines.append("  classDef outcome fill:#eef3fa,stroke:#1d4f91")
    lines.append(f"  class {','.join(ids[o] for o in tree['outcomes'])} outcome")
    return "\n".join(lines)


def text_flow(tree: dict) -> str:
    """The flow as nested HTML lists: question, each answer, and where it leads."""
    shown: set[str] = set()

    def node(name: str) -> str:
        if name in tree["outcomes"]:
            o = tree["outcomes"][name]
            cited = ", ".join(tree["paragraphs"][c]["label"] for c in o["cite"])
            return f"<strong>{html.escape(o['headline'])}</strong> (based on {html.escape(cited)})"
        step = tree["steps"][name]
        text = html.escape(step["text"])
        if name in shown:
            return f"{text} (as above)"
        shown.add(name)
        items = "".join(f"<li>{html.escape(step['labels'][a])} &rarr; {node(t)}</li>"
                        for a, t in step["routes"].items())
        return f"{text}<ul>{items}</ul>"

    return f"<ul class=\"pg-flow-list\"><li>{node(tree['start'])}</li></ul>"
