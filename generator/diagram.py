"""Draw a wizard: a mermaid flowchart, and the same flow as nested lists for people who
cannot see the picture (and for browsers without JavaScript)."""
from __future__ import annotations

import html

from .engine import VERDICT_LABELS
from .model import Question, Wizard


def node_ids(wizard: Wizard) -> dict[str, str]:
    """Short, safe mermaid ids for every step and outcome, in a stable order."""
    names = [wizard.start] + [s for s in wizard.steps if s != wizard.start] + list(wizard.outcomes)
    return {name: f"n{i}" for i, name in enumerate(names)}


def _label(text: str) -> str:
    # Mermaid's own escape for a quote inside a quoted label; angle brackets as entities.
    return html.escape(text, quote=False).replace('"', "#quot;")


def mermaid(wizard: Wizard, questions: dict[str, Question]) -> str:
    ids = node_ids(wizard)
    lines = ["flowchart TD"]
    for step in wizard.steps.values():
        lines.append(f'  {ids[step.id]}["{_label(questions[step.ask].text)}"]')
    for outcome in wizard.outcomes.values():
        lines.append(f'  {ids[outcome.id]}(["{_label(VERDICT_LABELS[outcome.verdict])}: '
                     f'{_label(outcome.contact)}"])')
    for step in wizard.steps.values():
        question = questions[step.ask]
        for answer_id, target in step.routes.items():
            lines.append(f'  {ids[step.id]} -->|"{_label(question.answer(answer_id).label)}"| {ids[target]}')
    lines.append("  classDef outcome fill:#eef3fa,stroke:#1d4f91")
    lines.append(f"  class {','.join(ids[o] for o in wizard.outcomes)} outcome")
    return "\n".join(lines)


def text_flow(wizard: Wizard, questions: dict[str, Question]) -> str:
    """The flow as nested HTML lists: question, each answer, and where it leads."""
    shown: set[str] = set()

    def node(name: str) -> str:
        if name in wizard.outcomes:
            o = wizard.outcomes[name]
            return (f"<strong>{html.escape(VERDICT_LABELS[o.verdict])}</strong>: "
                    f"{html.escape(o.contact)} (paragraphs {html.escape(', '.join(o.cite))})")
        step = wizard.steps[name]
        question = questions[step.ask]
        text = html.escape(question.text)
        if name in shown:
            return f"{text} (as above)"
        shown.add(name)
        items = "".join(f"<li>{html.escape(question.answer(a).label)} &rarr; {node(t)}</li>"
                        for a, t in step.routes.items())
        return f"{text}<ul>{items}</ul>"

    return f"<ul class=\"pg-flow-list\"><li>{node(wizard.start)}</li></ul>"
