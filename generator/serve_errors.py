"""Under `protocol-guide serve`, a save that breaks decision_trees/ must not hide its error.

The plugin keeps the last library that loaded. When a rebuild finds problems, it prints the same
`file:line: problem. Fix: ...` list as `check`, builds the last good content again (so the site
keeps working), and every page carries a banner naming the first problem's file and line
until a save fixes it.
"""
from __future__ import annotations

import html
import re
import sys

from .problems import InvalidTrees

BANNER = ('<div class="pg-broken" role="alert" style="background:#fff3cd;color:#1f1300;'
          'border-bottom:3px solid #8a5a00;padding:.75rem 1rem;font-size:.9rem">'
          '<strong>This preview is out of date.</strong> Your last save has {count} {noun}; '
          'the guide shows the last version that worked until you fix {them}. '
          'First: <code>{first}</code>. The full list is in the terminal running '
          '<code>protocol-guide serve</code>.</div>')


def announce(err: InvalidTrees, stream=None) -> InvalidTrees:
    """Print the problems as check does; return them for the banner."""
    print(f"\n{err}\nServing the last version that worked until this is fixed.\n",
          file=stream or sys.stderr, flush=True)
    return err


def banner(err: InvalidTrees) -> str:
    first = err.problems[0] if err.problems else None
    where = f"{first.file}:{first.line}: {first.message}" if first else "decision_trees"
    count = len(err.problems)
    return BANNER.format(count=count, noun="problem" if count == 1 else "problems",
                         them="it" if count == 1 else "them", first=html.escape(where))


def with_banner(page_html: str, err: InvalidTrees) -> str:
    """The page with the banner first inside <body>, where a screen reader meets it first."""
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner(err), page_html, count=1)
