"""protocol-guide: check, build, serve, and walk the wizards from the command line."""
from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import cases as rule_cases
from . import engine, importer, owncheck, scaffold
from .compile import compile_wizard
from .loader import council_slugs, load_library
from .problems import InvalidTrees, Problems
from .thesaurus import load_thesaurus
from .yamlsource import load_yaml

CASES = "tests/cases"  # the rule cases, one file per council (generator/cases.py)


class UsageError(Exception):
    """A wrong council, wizard, question or answer: one line naming the valid choices."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="protocol-guide", description=__doc__)
    parser.add_argument("--trees", default="decision_trees", help="the decision_trees folder")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every council, section and wizard; exit 1 listing every error")
    check.add_argument("--source", help="a council's protocol as plain text: its files must not copy it")
    check.add_argument("--council", help="the council --source belongs to (found from council.yaml if not given)")
    scaffold.add_command(sub)
    importer.add_command(sub)
    build = sub.add_parser("build", help="build the static site (into site/ unless told otherwise)")
    build.add_argument("--config", default="mkdocs.yml")
    build.add_argument("--site-dir", default="site")
    serve = sub.add_parser("serve", help="serve the guide at http://127.0.0.1:8000, rebuilding on changes")
    serve.add_argument("--config", default="mkdocs.yml")
    serve.add_argument("--port", type=int, default=8000)
    paths = sub.add_parser("paths", help="every path through a council's wizards")
    paths.add_argument("council")
    paths.add_argument("wizard", nargs="?")
    paths.add_argument("--json", action="store_true")
    ask = sub.add_parser("ask", help="walk a wizard with given answers and print the outcome")
    ask.add_argument("council")
    ask.add_argument("wizard")
    ask.add_argument("--answer", action="append", default=[], metavar="QUESTION=ANSWER")
    ask.add_argument("--json", action="store_true")
    due = sub.add_parser("due", help="the dates an outcome's time limits fall due, from the day something happened")
    due.add_argument("council")
    due.add_argument("wizard")
    due.add_argument("outcome")
    due.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    due.add_argument("--json", action="store_true")
    election = sub.add_parser("election-period", help="whether a date is in the pre-election period an "
                              "outcome's protocol defines, from the notice of election and polling day")
    election.add_argument("council")
    election.add_argument("wizard")
    election.add_argument("outcome")
    election.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the date in question")
    election.add_argument("--notice", metavar="YYYY-MM-DD", help="the day the notice of election was published")
    election.add_argument("--poll", metavar="YYYY-MM-DD", help="polling day")
    election.add_argument("--json", action="store_true")
    readable = sub.add_parser("readability", help="reading age of essentials, headlines and outcome "
                              "answers, per council")
    readable.add_argument("council", nargs="?")
    readable.add_argument("--json", action="store_true")
    covered = sub.add_parser("coverage", help="per council and audience: shared situations answered, "
                             "answered as silent, not yet asked; paragraphs no outcome cites")
    covered.add_argument("council", nargs="?")
    covered.add_argument("--json", action="store_true")
    drafted = sub.add_parser("cases", help="what no rule case (tests/cases/COUNCIL.yaml) takes yet; "
                             "--write adds a draft case for each, to be checked against the source")
    drafted.add_argument("council")
    drafted.add_argument("--dir", default=CASES, help=f"the rule cases folder (default {CASES})")
    drafted.add_argument("--write", action="store_true", help="add the drafts to the council's case file")
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InvalidTrees as err:
        print(err, file=sys.stderr)
        return 1
    except UsageError as err:
        print(f"protocol-guide: {err}", file=sys.stderr)
        return 2


def cmd_check(args) -> int:
    try:
        text_problems = _own_words(args)
        try:
            library = load_library(Path(args.trees))
        except InvalidTrees as err:  # own-words problems are listed with the loader's
            raise InvalidTrees(sorted(set(err.problems) | set(text_problems))) from None
        text_problems += _expected_ids(Path(args.trees), library)
        if text_problems:
            raise InvalidTrees(sorted(set(text_problems)))
        load_thesaurus(Path(args.trees))  # the search's everyday words (generator/thesaurus.py)
    except (InvalidTrees, UsageError):
        raise
    except Exception as err:  # check must always answer in its own format, never a traceback
        print(f"{args.trees}:1: check stopped on an unexpected error ({type(err).__name__}: {err}). "
              "Fix: undo your last change to find the file that causes it, and report this "
              "to the guide's maintainers.", file=sys.stderr)
        return 1
    wizards = sum(len(c.wizards) for c in library.councils.values())
    paragraphs = sum(len(c.paragraphs) for c in library.councils.values())
    print(f"OK: {len(library.councils)} councils, {paragraphs} paragraphs, {wizards} wizards.")
    return 0


def cmd_build(args) -> int:
    """Build into a fresh folder and swap it in only when the whole build succeeded."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from . import parallel_build

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    target = Path(args.site_dir).resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server's worker must read it
    started = time.perf_counter()
    stop_on_signals()
    try:
        build(load_config(args.config, site_dir=str(staging)))
    except MkDocsException as err:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build stopped; nothing was published.\n{err}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit) as err:  # Ctrl-C, or SIGTERM/SIGHUP (stop_on_signals)
        parallel_build.stop_all()   # no share of the pages goes on writing into the staging folder
        shutil.rmtree(staging, ignore_errors=True)
        print("Build stopped; nothing was published.", file=sys.stderr)
        return err.code if isinstance(err, SystemExit) and isinstance(err.code, int) else 130
    except BaseException:
        parallel_build.stop_all()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {target} in {time.perf_counter() - started:.1f} s.")
    return 0


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into SystemExit, so a stopped build removes its staging folder."""
    def stop(signum, frame):
        raise SystemExit(128 + signum)
    for name in ("SIGTERM", "SIGHUP"):
        try:
            signal.signal(getattr(signal, name), stop)
        except (AttributeError, ValueError):
            pass  # not on this system, or not the main thread (signals go to the main one)


def cmd_serve(args) -> int:
    import mimetypes

    from mkdocs.commands.serve import serve

    mimetypes.add_type("application/wasm", ".wasm")
    mimetypes.add_type("text/javascript", ".mjs")
    serve(config_file=args.config, dev_addr=f"127.0.0.1:{args.port}", livereload=True)
    return 0


def _load_council(trees: str, slug: str):
    """Load one council (and the shared bank): another council's broken file does not block it."""
    if slug not in council_slugs(Path(trees)):
        raise UsageError(f"unknown council '{slug}'; choose one of: {', '.join(council_slugs(Path(trees)))}")
    library = load_library(Path(trees), only=slug)
    return library, library.councils[slug]


def _wizard(council, wizard_id: str):
    wizard = council.wizard(wizard_id)
    if wizard is None:
        choices = ", ".join(sorted(w.id for w in council.wizards)) or "(none yet)"
        raise UsageError(f"unknown wizard '{wizard_id}' for {council.slug}; choose one of: {choices}")
    return wizard


def cmd_paths(args) -> int:
    library, council = _load_council(args.trees, args.council)
    wizards = [_wizard(council, args.wizard)] if args.wizard else council.wizards
    report = {w.id: engine.paths(compile_wizard(library, council, w)) for w in wizards}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for wizard_id, found in report.items():
        print(f"{council.slug} / {wizard_id}: {len(found)} paths")
        for path in found:
            answers = ", ".join(f"{q}={a}" for q, a in path["answers"].items())
            print(f"  {answers} -> {path['outcome']} [cites {', '.join(path['cite'])}]")
    return 0


def parse_answers(tree: dict, pairs: list[str]) -> dict[str, str]:
    accepted = engine.questions(tree)
    answers: dict[str, str] = {}
    for pair in pairs:
        question, sep, answer = pair.partition("=")
        if not sep:
            raise UsageError(f"'{pair}' is not QUESTION=ANSWER")
        if question not in accepted:
            raise UsageError(f"unknown question '{question}'; this wizard asks: {', '.join(accepted)}")
        if answer not in accepted[question]:
            raise UsageError(f"unknown answer '{answer}' to '{question}'; choose one of: "
                             f"{', '.join(accepted[question])}")
        answers[question] = answer
    return answers


def cmd_ask(args) -> int:
    library, council = _load_council(args.trees, args.council)
    tree = compile_wizard(library, council, _wizard(council, args.wizard))
    result = engine.walk(tree, parse_answers(tree, args.answer))
    if args.json:
        if result["outcome"]:
            result["detail"] = tree["outcomes"][result["outcome"]]
        print(json.dumps(result, indent=2))
        return 0
    for row in engine.answered(tree, result):
        print(f"{row['question_text']} {row['answer_label']}")
    if result["outcome"] is None:
        step = tree["steps"][result["step"]]
        options = ", ".join(f"{result['question']}={a}" for a in step["routes"])
        print(f"\nNot finished. Next question: {step['text']}\nAnswer with one of: {options}")
        return 0
    print(f"\nOutcome: {result['outcome']}")
    print("\n".join(engine.outcome_text(tree, result["outcome"])))
    return 0


def cmd_due(args) -> int:
    library, council = _load_council(args.trees, args.council)
    tree = compile_wizard(library, council, _wizard(council, args.wizard))
    timed = [o for o, detail in tree["outcomes"].items() if detail["due"]]
    if args.outcome not in tree["outcomes"]:
        raise UsageError(f"unknown outcome '{args.outcome}' in {args.wizard}; outcomes with a time limit: "
                         f"{', '.join(timed) or '(none)'}")
    if not tree["outcomes"][args.outcome]["due"]:
        raise UsageError(f"outcome '{args.outcome}' has no time limit given as days; "
                         f"outcomes that have: {', '.join(timed) or '(none)'}")
    try:
        result = engine.due_dates(tree, args.outcome, args.start)
    except ValueError:
        raise UsageError(f"--from '{args.start}' is not a date; write it as YYYY-MM-DD, "
                         "for example 2026-12-24") from None
    if args.json:
        print(json.dumps({**result, "lines": engine.due_lines(result)}, indent=2))
        return 0
    print("\n".join(engine.due_lines(result)))
    return 0


def cmd_election_period(args) -> int:
    library, council = _load_council(args.trees, args.council)
    tree = compile_wizard(library, council, _wizard(council, args.wizard))
    having = [o for o, detail in tree["outcomes"].items() if detail.get("election_period")]
    if not tree["outcomes"].get(args.outcome, {}).get("election_period"):
        what = "unknown outcome" if args.outcome not in tree["outcomes"] else "no pre-election period for outcome"
        raise UsageError(f"{what} '{args.outcome}' in {args.wizard}; outcomes about publicity before an "
                         f"election: {', '.join(having) or '(none)'}")
    try:
        result = engine.election_period(tree, args.outcome, args.on, args.notice, args.poll)
    except ValueError as err:
        raise UsageError(str(err)) from None
    print(json.dumps(result, indent=2) if args.json else "\n".join(result["lines"]))
    return 0


def cmd_readability(args) -> int:
    """Exit 1 when an essentials point is above the ceiling (the target is only reported)."""
    from .readability import report

    slugs = [args.council] if args.council else council_slugs(Path(args.trees))
    councils = [_load_council(args.trees, slug)[1] for slug in slugs]
    text, failed = report(councils, as_json=args.json)
    print(text)
    return 1 if failed else 0


def cmd_coverage(args) -> int:
    from .coverage import report

    if args.council:
        library, council = _load_council(args.trees, args.council)
        councils = [council]
    else:
        library = load_library(Path(args.trees))
        councils = sorted(library.councils.values(), key=lambda c: c.name.lower())
    print(report(library, councils, as_json=args.json))
    return 0


def _own_words(args) -> list:
    """Each council against its own source; --source (and --council) name one explicitly."""
    trees = Path(args.trees)
    slugs = council_slugs(trees) if trees.is_dir() else []
    if not args.source:
        return owncheck.check_council_text(trees, slugs)
    source = Path(args.source)
    if not source.is_file():
        raise UsageError(f"--source {source} does not exist")
    council = args.council or next((s for s in slugs if (named := owncheck.source_of(trees / s)) is not None
                                    and named.resolve() == source.resolve()),
                                   None)
    if council is None and len(slugs) == 1:
        council = slugs[0]
    if council not in slugs:
        raise UsageError(f"which council is {source} the protocol of? Add --council SLUG "
                         f"(one of: {', '.join(slugs)}), or 'source:' to its council.yaml")
    others = [s for s in slugs if s != council]
    return owncheck.check_council_text(trees, [council], source) + owncheck.check_council_text(trees, others)


def _expected_ids(trees: Path, library) -> list:
    found = owncheck.Problems(trees)
    for slug, council in library.councils.items():
        owncheck.expected_id_problems(trees / slug, council.paragraphs, found)
    return found.sorted()


def cmd_cases(args) -> int:
    """List what no rule case takes yet for a council; with --write, add a draft case for each."""
    trees = Path(args.trees)
    if args.council not in council_slugs(trees):
        raise UsageError(f"unknown council '{args.council}'; choose one of: {', '.join(council_slugs(trees))}")
    library = load_library(trees, only=args.council)
    council = library.councils[args.council]
    file = Path(args.dir) / f"{council.slug}.yaml"
    written: list = []
    if file.exists():
        problems = Problems()
        data = load_yaml(file, problems)
        if problems:
            raise InvalidTrees(problems.sorted())
        written = (data or {}).get("cases") or []
    found, missing = [], []
    for wizard in council.wizards:
        tree = compile_wizard(library, council, wizard)
        answers = [c.get("answers") or {} for c in written if c.get("wizard") == wizard.id]
        outcomes, routes = rule_cases.gaps(tree, answers)
        missing += [f"  {wizard.id}: outcome '{o}'" for o in outcomes]
        missing += [f"  {wizard.id}: step '{s}' answer '{a}'" for s, a in routes]
        found += rule_cases.drafts(wizard.id, tree, outcomes, routes)
    if not missing:
        print(f"OK: every outcome and every answer of {council.slug}'s wizards is taken by a case in {file}")
        return 0
    print(f"{file}: no case takes these yet:")
    print("\n".join(missing))
    if args.write:
        rule_cases.append_drafts(file, found)
        print(f"Added {len(found)} draft case{'s' if len(found) != 1 else ''} to {file}. Each restates the "
              "wizard as it is: read the paragraphs it cites in the source, correct it, and delete its "
              "'draft' line; the tests refuse a case still marked draft.")
    else:
        print(f"{len(found)} draft case{'s' if len(found) != 1 else ''} would close these "
              f"(protocol-guide cases {council.slug} --write adds them).")
    return 1


COMMANDS = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "paths": cmd_paths,
            "ask": cmd_ask, "due": cmd_due, "readability": cmd_readability, "coverage": cmd_coverage}
COMMANDS.update({"new-council": scaffold.cmd_new_council, "import": importer.cmd_import,
                 "cases": cmd_cases})
COMMANDS["election-period"] = cmd_election_period

if __name__ == "__main__":
    sys.exit(main())
