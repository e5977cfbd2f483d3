"""`make mutants`: seed mistakes into a copy of decision_trees/ and check the rule tests catch each.

Four kinds of mistake an author can make, several of each, spread over the councils:
  swap-route      two answers of one step lead to each other's targets
  drop-citation   an outcome loses one of its citations
  change-verdict  an outcome's verdict becomes another (one the checks accept, where one exists)
  rename-answer   an answer id is renamed consistently in the question bank and every wizard
                  (valid content, but every shared link and case naming it breaks)

Each mutant is written into a temporary copy of the project's trees and tests, and the rule tests
(tests/test_cases.py by default) are run against it. A mutant is killed when they fail. The
unmutated copy must pass first. Exit status 1 if any mutant survives.

No test restates the routes (the path snapshots that did were removed: docs/arch/0006), so a
mutant killed here was caught by a rule read from the source.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.loader import load_library  # noqa: E402
from generator.model import Library  # noqa: E402
from generator.problems import InvalidTrees  # noqa: E402
from generator.verdicts import VERDICTS  # noqa: E402

DEFAULT_TESTS = ["tests/test_cases.py"]
OTHER_TREES = ("PG_TREES", "PG_CASES")  # tests/councils.py: would point the tests away from the copy
KINDS = ("swap-route", "drop-citation", "change-verdict", "rename-answer")
MAX_TRIES = 40  # candidates tried for a mutant the checks accept

# --- finding a value's exact place in a YAML file, to change only that text ---------------------

Edit = tuple[int, int, str]  # replace text[start:end] with the string


def _compose(file: Path) -> yaml.Node:
    return yaml.compose(file.read_text(encoding="utf-8"))


def _pair(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | tuple[None, None]:
    """A mapping's (key node, value node) for key, or (None, None)."""
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if k.value == key), (None, None))
    return None, None


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    return _pair(node, key)[1]


def _key(node: yaml.Node, key: str) -> yaml.Node | None:
    return _pair(node, key)[0]


def _span(node: yaml.Node, text: str) -> Edit:
    return node.start_mark.index, node.end_mark.index, text


def _apply(file: Path, edits: list[Edit]) -> None:
    text = file.read_text(encoding="utf-8")
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    file.write_text(text, encoding="utf-8")


def _block_item_removal(file: Path, item: yaml.Node) -> Edit:
    """Delete a block-sequence item's whole line ('  - "4.1"')."""
    text = file.read_text(encoding="utf-8")
    start = text.rfind("\n", 0, item.start_mark.index) + 1
    end = text.find("\n", item.end_mark.index)
    return start, (len(text) if end < 0 else end + 1), ""


# --- the mutants -----------------------------------------------------------------------------------


@dataclass
class Mutant:
    kind: str
    where: str          # council/wizard, for the report
    what: str           # the change, in words
    apply: Callable[[Path], None]  # writes the change into a copy of decision_trees/
    council: str | None = None     # the council to check, or None for all


def _relative(library: Library, file: Path) -> Path:
    return Path(file).resolve().relative_to(Path(library.root).resolve())


def swap_routes(library: Library, rng: random.Random) -> Iterator[Mutant]:
    for council in _round_robin(library, rng):
        wizard = rng.choice(council.wizards)
        steps = [s for s in wizard.steps.values() if len(set(s.routes.values())) > 1]
        if not steps:
            continue
        step = rng.choice(steps)
        a, b = rng.sample(sorted(step.routes), 2)
        while step.routes[a] == step.routes[b]:
            a, b = rng.sample(sorted(step.routes), 2)
        rel = _relative(library, wizard.file)

        def apply(trees: Path, rel=rel, step=step.id, a=a, b=b) -> None:
            routes = _get(_get(_get(_compose(trees / rel), "steps"), step), "routes")
            va, vb = _get(routes, a), _get(routes, b)
            _apply(trees / rel, [_span(va, vb.value), _span(vb, va.value)])

        yield Mutant("swap-route", f"{council.slug}/{wizard.id}",
                     f"step '{step.id}': '{a}' -> {step.routes[b]}, '{b}' -> {step.routes[a]}", apply, council.slug)


def drop_citations(library: Library, rng: random.Random) -> Iterator[Mutant]:
    for council in _round_robin(library, rng):
        wizard = rng.choice(council.wizards)
        outcomes = [o for o in wizard.outcomes.values() if len(o.cite) > 1]
        if not outcomes:
            continue
        outcome = rng.choice(outcomes)
        dropped = rng.choice(outcome.cite)
        rel = _relative(library, wizard.file)

        def apply(trees: Path, rel=rel, outcome=outcome.id, dropped=dropped) -> None:
            cite = _get(_get(_get(_compose(trees / rel), "outcomes"), outcome), "cite")
            assert isinstance(cite, yaml.SequenceNode)
            if cite.flow_style:
                kept = [item.value for item in cite.value if item.value != dropped]
                _apply(trees / rel, [_span(cite, json.dumps(kept))])
            else:
                item = next(i for i in cite.value if i.value == dropped)
                _apply(trees / rel, [_block_item_removal(trees / rel, item)])

        yield Mutant("drop-citation", f"{council.slug}/{wizard.id}",
                     f"outcome '{outcome.id}' no longer cites {dropped}", apply, council.slug)


def change_verdicts(library: Library, rng: random.Random) -> Iterator[Mutant]:
    """Prefer a verdict the checks accept (silent outcomes and conditions pin many verdicts)."""
    for council in _round_robin(library, rng):
        candidates = [(w, o, v) for w in council.wizards for o in w.outcomes.values()
                      for v in VERDICTS if v != o.verdict]
        rng.shuffle(candidates)
        mutants = []
        for wizard, outcome, verdict in candidates[:MAX_TRIES]:
            def apply(trees: Path, rel=_relative(library, wizard.file), outcome=outcome.id,
                      verdict=verdict) -> None:
                node = _get(_get(_get(_compose(trees / rel), "outcomes"), outcome), "verdict")
                _apply(trees / rel, [_span(node, verdict)])
            mutants.append(Mutant("change-verdict", f"{council.slug}/{wizard.id}",
                                  f"outcome '{outcome.id}': verdict {outcome.verdict} -> {verdict}",
                                  apply, council.slug))
        yield _first_valid(mutants, library.root)


def rename_answers(library: Library, rng: random.Random) -> Iterator[Mutant]:
    """Rename in the bank, its situations and every wizard that routes on it, so the content
    stays valid and only the tests can notice."""
    for council in _round_robin(library, rng):
        wizard = rng.choice(council.wizards)
        step = rng.choice(list(wizard.steps.values()))
        answer = rng.choice(sorted(step.routes))
        question, renamed = step.ask, f"{answer}-renamed"
        topic = next(t for t in library.topics.values() if any(q.id == question for q in t.questions))
        bank = Path("questions") / f"{topic.id}.yaml"
        wizards = [(_relative(library, w.file), [s.id for s in w.steps.values()
                                                  if s.ask == question and answer in s.routes])
                   for c in library.councils.values() for w in c.wizards]

        def apply(trees: Path, bank=bank, wizards=wizards, question=question, answer=answer,
                  renamed=renamed) -> None:
            doc = _compose(trees / bank)
            edits = []
            for q in _get(doc, "questions").value:
                if _get(q, "id").value == question:
                    edits += [_span(_get(a, "id"), renamed) for a in _get(q, "answers").value
                              if _get(a, "id").value == answer]
            for situation in (_get(doc, "situations").value if _get(doc, "situations") else []):
                given = _get(_get(situation, "answers"), question)
                if given is not None and given.value == answer:
                    edits.append(_span(given, renamed))
            _apply(trees / bank, edits)
            for rel, steps in wizards:
                if steps:
                    root = _get(_compose(trees / rel), "steps")
                    _apply(trees / rel, [_span(_key(_get(_get(root, s), "routes"), answer), renamed)
                                         for s in steps])

        yield Mutant("rename-answer", f"{council.slug}/{wizard.id}",
                     f"answer '{answer}' of '{question}' renamed '{renamed}' everywhere", apply)


def _round_robin(library: Library, rng: random.Random) -> Iterator:
    councils = sorted(library.councils.values(), key=lambda c: c.slug)
    while True:
        rng.shuffle(councils)
        yield from councils


def _first_valid(mutants: list[Mutant], trees: Path) -> Mutant:
    """The first mutant the checks accept (a mistake only the tests can catch), else the first."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "tests").symlink_to(ROOT / "tests")  # council.yaml may name tests/expected_ids
        for mutant in mutants:
            copy = Path(tmp) / "decision_trees"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(trees, copy)
            mutant.apply(copy)
            if _rejection(copy, mutant.council) is None:
                return mutant
    return mutants[0]


def _rejection(trees: Path, council: str | None) -> str | None:
    try:
        load_library(trees, only=council)
    except InvalidTrees as problems:
        return str(problems).splitlines()[-1].strip()
    return None


# --- running the tests against each mutant ---------------------------------------------------------


def _run(project: Path, tests: list[str]) -> tuple[bool, str]:
    """Whether the tests pass in the copied project, and the first failure's name."""
    run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-rfE",
                          *[str(project / t) for t in tests]],
                         cwd=project, capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if k not in OTHER_TREES})
    failed = next((line for line in run.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))), "")
    return run.returncode == 0, failed.split(" - ")[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", type=int, default=5, help="mutants of each kind (default 5)")
    parser.add_argument("--seed", type=int, default=19, help="which mutants (default 19)")
    parser.add_argument("--tests", nargs="+", default=DEFAULT_TESTS, help="test files, from the project root")
    args = parser.parse_args(argv)

    library = load_library(ROOT / "decision_trees")
    rng = random.Random(args.seed)
    makers = {"swap-route": swap_routes, "drop-citation": drop_citations,
              "change-verdict": change_verdicts, "rename-answer": rename_answers}
    mutants: list[Mutant] = []
    for kind in KINDS:
        found, chosen = makers[kind](library, rng), {}
        for _ in range(args.each * MAX_TRIES):  # each mutant once, however often it is drawn
            mutant = next(found)
            chosen.setdefault((mutant.where, mutant.what), mutant)
            if len(chosen) == args.each:
                break
        mutants += chosen.values()

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
        trees = project / "decision_trees"
        shutil.copytree(ROOT / "decision_trees", trees)
        passed, failed = _run(project, args.tests)
        if not passed:
            print(f"The unmutated trees already fail {' '.join(args.tests)} ({failed}). Fix: make that pass first.")
            return 2
        survivors, by_check = [], 0
        for mutant in mutants:
            shutil.rmtree(trees)
            shutil.copytree(ROOT / "decision_trees", trees)
            mutant.apply(trees)
            rejected = _rejection(trees, mutant.council)
            passed, failed = _run(project, args.tests)
            by_check += rejected is not None
            verdict = "SURVIVED" if passed else "killed"
            reason = "" if passed else f" by {'check: ' + rejected if rejected else failed}"
            print(f"{verdict:8} {mutant.kind:14} {mutant.where}: {mutant.what}{reason}")
            if passed:
                survivors.append(mutant)
    killed = len(mutants) - len(survivors)
    print(f"\nkill rate: {killed}/{len(mutants)} ({100 * killed / len(mutants):.0f}%) with "
          f"{' '.join(args.tests)}; {by_check} of them also rejected by `protocol-guide check`, "
          f"{killed - by_check} valid content caught only by the tests")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
