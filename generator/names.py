"""The one pattern every id follows, and the names the site keeps for itself.

Ids go into URLs, file names, HTML ids and attributes, query strings and Markdown tables,
so they are limited to what is safe in all of them without escaping:

  - lowercase letters, digits and single hyphens between them: `complaint-stage`, `officer`;
  - a paragraph id may also hold dots and parentheses where the source's own number needs
    them: `3.2.10`, `16(a)`, `6.2-use-of-information`, `11.3(ii)`.

Councils (folder names), sections (file names), wizards, questions, answers, outcomes,
steps, roles, tags, topics and situations all follow the first rule.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import urls

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
PARAGRAPH = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+|\([a-z0-9]+\))*\Z")


def _top(url: str) -> str:
    return url.split("/", 1)[0]


# Top-level folders of the site: the generated ones (from urls.py), the theme's, and the
# hand-written pages in docs/.
SITE_FOLDERS = {_top(urls.ASSETS), _top(urls.GLOSSARY), _top(urls.COMPARE), _top(urls.START_HERE),
                "search", "index",
                "sitemap", "404", "about", "accessibility", "privacy", "authors", "arch",
                "javascripts", "stylesheets", "questions", "pagefind"}

RESERVED = {
    "council": SITE_FOLDERS,
    # a section page lives at <council>/<file stem>/, beside the question pages' <council>/ask/
    "section": {"ask", "index", "wizards", _top(urls.ASSETS), _top(urls.START_HERE)},
    "wizard": {"index", "councillors", "officers"},  # ask/councillors/, ask/officers/: the doors
    # the question page's address carries the tree version as ?v=
    "question": {"v"},
    # wizard.lines keeps the start, id and wizard lines under these keys
    "step": {"start", "id", "wizard"},
    "outcome": {"start", "id", "wizard"},
}

WHERE = {
    "council": "a council folder",
    "section": "a section file name",
}


def name_problem(name: str, kind: str) -> tuple[str, str] | None:
    """(message, fix) if name is not a valid id of this kind, else None."""
    what = WHERE.get(kind, f"the {kind} id")
    pattern = PARAGRAPH if kind == "paragraph" else NAME
    if not pattern.match(name):
        allowed = ("lowercase letters, digits, hyphens, and dots or parentheses where the "
                   "source's number has them" if kind == "paragraph"
                   else "lowercase letters, digits and single hyphens")
        suggestion = suggest(name, kind)
        hint = f" such as '{suggestion}'" if suggestion and suggestion != name else ""
        return (f"{what} '{shorten(name)}' is not a valid name.",
                f"use only {allowed}{hint} (see generator/names.py).")
    if name in RESERVED.get(kind, ()):
        return (f"{what} '{name}' is a name the site keeps for itself.",
                f"choose another name; these are taken: {', '.join(sorted(RESERVED[kind]))}.")
    return None


def suggest(name: str, kind: str) -> str:
    keep = r"[^a-z0-9.()]+" if kind == "paragraph" else r"[^a-z0-9]+"
    return re.sub(keep, "-", name.lower()).strip("-")


def shorten(text: str, limit: int = 60) -> str:
    """Enough of a bad value to find it, printable on one line."""
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text if len(text) <= limit else text[:limit] + "..."


def layout_problems(root: Path) -> list[tuple[Path, int, str, str]]:
    """(file, line, message, fix) for every folder or file under root whose name breaks the rules.

    Loading reads only '*.yaml', so a '.yml' file or a badly named folder would otherwise be
    ignored without a word."""
    found = []
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # editors' and version control's own files
        if path.is_file() and path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
            found.append((path, 1, f"'{path.name}' is not read: the guide reads only files ending "
                          "in '.yaml'.", f"rename it to '{path.stem}.yaml' (or delete it)."))
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name == "questions":
            continue
        found += _named(folder / "council.yaml", folder.name, "council")
        for file in sorted(folder.glob("*.yaml")):
            if file.name != "council.yaml":
                found += _named(file, file.stem, "section")
    return found


def _named(file: Path, name: str, kind: str) -> list[tuple[Path, int, str, str]]:
    problem = name_problem(name, kind)
    return [(file, 1, *problem)] if problem else []
