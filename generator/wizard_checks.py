"""Structural checks of one wizard: references, routes, cycles, reachability, citations."""
from __future__ import annotations

from pathlib import Path

from .fields import Block
from .model import ELECTION_ENDS, ELECTION_STARTS, POLLING_DAY, ElectionPeriod, Outcome, Question, Wizard
from .problems import Problems
from .verdicts import headline_problem

HEADLINE_WORDS = 20  # a headline is read at a glance, on a phone: a short sentence


def check_wizard(wizard: Wizard, file: Path, paragraphs: set[str],
                 questions: dict[str, Question], problems: Problems,
                 roles: dict[str, str] | None = None,
                 unoffered: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset()) -> None:
    """unoffered: (question, answer) pairs the council does not offer (audience.check_fit
    reports any route to one), so no route is asked for them."""
    lines = wizard.lines
    where = f"wizard '{wizard.id}'"

    def add(key: str, message: str, fix: str) -> None:
        problems.add(file, lines.get(key, lines.get("wizard", 1)), message, fix)

    for clash in sorted(set(wizard.steps) & set(wizard.outcomes)):
        add(clash, f"'{clash}' in {where} is both a step and an outcome.", "rename one of them.")
    targets = set(wizard.steps) | set(wizard.outcomes)
    if wizard.start and wizard.start not in wizard.steps:
        add("start", f"{where} starts at '{wizard.start}', which is not one of its steps.",
            f"set 'start:' to one of: {', '.join(wizard.steps) or '(add a step first)'}.")
    for step in wizard.steps.values():
        question = questions.get(step.ask)
        if step.ask and question is None:
            add(step.id, f"step '{step.id}' asks '{step.ask}', which is not in the question bank.",
                "use a question id from decision_trees/questions/, or add the question there.")
        for answer_id, target in step.routes.items():
            if question is not None and question.answer(answer_id) is None:
                add(f"{step.id}->{answer_id}", f"step '{step.id}' routes the answer '{answer_id}', "
                    f"which question '{step.ask}' does not offer.",
                    f"route only these answers: {', '.join(a.id for a in question.answers)}.")
            if target not in targets:
                add(f"{step.id}->{answer_id}", f"step '{step.id}' sends '{answer_id}' to "
                    f"'{target}', which is neither a step nor an outcome of {where}.",
                    "correct the name, or add that step or outcome.")
        if question is not None:
            missing = [a.id for a in question.answers if a.id not in step.routes
                       and (step.ask, a.id) not in unoffered]
            if missing:
                add(step.id, f"step '{step.id}' does not say where these answers go: "
                    f"{', '.join(missing)}.",
                    "add a route for each; if the protocol is silent, send it to an outcome "
                    "that says so and names who can advise.")
    for outcome in wizard.outcomes.values():
        _check_outcome(wizard, outcome, roles, add)
        for cited in outcome.cite:
            if cited not in paragraphs:
                add(f"cite:{outcome.id}", f"outcome '{outcome.id}' cites paragraph '{cited}', "
                    "which this council's sections do not have.",
                    "cite a paragraph id exactly as it appears in a section file.")
    if wizard.start in wizard.steps:
        _check_paths(wizard, add)


def _check_outcome(wizard: Wizard, outcome: Outcome, roles: dict[str, str] | None, add) -> None:
    """What an outcome says must fit together: verdict, silence, conditions, headline, contact."""
    name = f"outcome '{outcome.id}'"
    if outcome.silent and outcome.verdict in ("yes", "no", "yes-if"):
        add(f"silent:{outcome.id}", f"{name} is 'silent: true' but its verdict is '{outcome.verdict}'.",
            "where the protocol is silent, use 'verdict: ask-someone' and name who can advise.")
    if outcome.verdict == "yes-if" and not outcome.conditions:
        add(outcome.id, f"{name} is 'yes-if' but does not say what the 'if' is.",
            "add 'conditions:' with one short sentence for each condition the protocol sets.")
    if outcome.conditions and outcome.verdict != "yes-if":
        add(f"conditions:{outcome.id}", f"{name} lists conditions but its verdict is '{outcome.verdict}'.",
            "use 'verdict: yes-if', or fold the conditions into the answer and remove 'conditions:'.")
    if outcome.headline:
        why = headline_problem(wizard.asks, outcome.verdict, outcome.silent, outcome.headline)
        if why:
            add(f"headline:{outcome.id}", f"{name}: {why}.",
                "write a headline that answers the wizard's question as asked and agrees with the verdict.")
        if len(outcome.headline.split()) > HEADLINE_WORDS:
            add(f"headline:{outcome.id}", f"{name}'s headline has {len(outcome.headline.split())} words.",
                f"keep it to {HEADLINE_WORDS} words or fewer; put the detail in 'answer:'.")
    if roles is not None:
        for key in outcome.contact:
            if key not in roles:
                add(f"contact:{outcome.id}", f"{name}'s contact names the role '{key}', which "
                    "council.yaml's 'roles:' does not have.",
                    f"use one of: {', '.join(roles) or '(add roles first)'}; or add '{key}:' with the "
                    "council's own name for it under 'roles:' in council.yaml.")


def _check_paths(wizard: Wizard, add) -> None:
    """Depth-first walk from the start: finds cycles, repeated questions and unreachable nodes."""
    reached: set[str] = set()
    reported: set[str | tuple[str, str]] = set()  # looped nodes, and (node, question) repeats

    def visit(node: str, trail: list[str], asked: dict[str, str], via: str) -> None:
        if node in trail:
            if node not in reported:
                reported.add(node)
                loop = " -> ".join(trail[trail.index(node):] + [node])
                add(via, f"wizard '{wizard.id}' goes round in a circle: {loop}.",
                    "send one of these routes to an outcome or to a later step instead.")
            return
        step = wizard.steps.get(node)
        reached.add(node)
        if step is None:
            return
        if step.ask in asked and (node, step.ask) not in reported:
            reported.add((node, step.ask))
            add(node, f"step '{node}' asks '{step.ask}' again on a path where step "
                f"'{asked[step.ask]}' has already asked it.",
                "route on the earlier answer instead of asking the same question twice.")
            return
        for answer, target in step.routes.items():
            if target in wizard.steps or target in wizard.outcomes:
                visit(target, trail + [node], {**asked, step.ask: node}, f"{node}->{answer}")

    visit(wizard.start, [], {}, "start")
    for node in list(wizard.steps) + list(wizard.outcomes):
        if node not in reached:
            add(node, f"'{node}' in wizard '{wizard.id}' cannot be reached from its start.",
                "route an answer to it, or delete it.")


def load_election_period(out: Block, cited: list[str], file: Path,
                         problems: Problems) -> ElectionPeriod | None:
    """An outcome's `election_period:` (publicity before an election) as data, each problem at
    its line. `defined: true` needs starts, ends and polling_day; `defined: false` (the protocol
    mentions election-time publicity but sets no period) must not give them."""
    if "election_period" not in out.data:
        return None
    block = Block(out.data["election_period"], file, problems, "'election_period'",
                  ("defined", "cite"), ("starts", "ends", "polling_day"),
                  line=out.line_of("election_period"))
    if not block.ok:
        return None
    defined = block.flag("defined")
    period = ElectionPeriod(defined, block.texts("cite"), block.text("starts"), block.text("ends"),
                            block.text("polling_day"))
    for paragraph in period.cite:
        if paragraph not in cited:
            block.problem(block.line_of("cite"), f"'election_period' cites '{paragraph}', which "
                          f"{out.what} does not cite.",
                          "cite only paragraphs the outcome's own 'cite:' lists (add it there first).")
    choices = {"starts": ELECTION_STARTS, "ends": ELECTION_ENDS, "polling_day": POLLING_DAY}
    if not defined:
        for key in choices:
            if key in block.data:
                block.problem(block.line_of(key), f"'{key}' is given but 'defined' is false.",
                              f"remove '{key}:' (a protocol that sets no period has nothing to count "
                              "from), or write 'defined: true' if the protocol does say when the period runs.")
        return period
    for key, allowed in choices.items():
        value = getattr(period, key)
        if key not in block.data:
            block.problem(block.line, f"'election_period' is 'defined: true' but has no '{key}'.",
                          f"add '{key}:' with one of: {', '.join(allowed)}.")
        elif value not in allowed:
            block.problem(block.line_of(key), f"{key} is '{value}'.",
                          f"write one of: {', '.join(allowed)}"
                          + (" ('assumed-...' where the protocol does not say)." if key == "polling_day" else "."))
    return period
