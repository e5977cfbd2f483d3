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

from . import engine
from .compile import compile_wizard
from .loader import council_slugs, load_library
from .problems import InvalidTrees
from .thesaurus import load_thesaurus


class UsageError(Exception):
    """A wrong council, wizard, question or answer: one line naming the valid choices."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="protocol-guide", description=__doc__)
    parser.add_argument("--trees", default="decision_trees", help="the decision_trees folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every council, section and wizard; exit 1 listing every error")
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
        library = load_library(Path(args.trees))
        load_thesaurus(Path(args.trees))  # the search's everyday words (generator/thesaurus.py)
    except InvalidTrees:
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
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    import logging
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
        shutil.rmtree(staging, ignore_errors=True)
        print("Build stopped; nothing was published.", file=sys.stderr)
        return err.code if isinstance(err, SystemExit) and isinstance(err.code, int) else 130
    except BaseException:
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


COMMANDS = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "paths": cmd_paths,
            "ask": cmd_ask}

if __name__ == "__main__":
    sys.exit(main())
