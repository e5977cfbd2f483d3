"""Where each generated page lives in the site. The only place that knows the URL scheme.

Paths are relative to the site root and end in '/', as MkDocs builds them with
use_directory_urls. Markdown sources are the same path with 'index.md'.
"""
from __future__ import annotations

from urllib.parse import urlencode

from .model import Council, Paragraph, Section, Wizard

ASSETS = "assets/protocol-guide/"
PYODIDE = ASSETS + "pyodide/"
MERMAID = ASSETS + "mermaid/mermaid.min.js"
TREES = ASSETS + "trees/"
GLOSSARY = "glossary/index.md"
COMPARE = "compare/"
COUNCIL_LIST_ANCHOR = "choose-your-council"  # the home page's list of councils (home.md.j2)
COUNCIL_LIST = "./#" + COUNCIL_LIST_ANCHOR       # ... from the site root
SEARCH = "pagefind/"                          # the search index (generator/search.py)
SEARCH_WORDS = ASSETS + "search-words.json"   # the index's words, to correct misspellings


def council(c: Council) -> str:
    return f"{c.slug}/"


def section(s: Section) -> str:
    return f"{s.council.slug}/{s.slug}/"


def wizard(c: Council, w: Wizard) -> str:
    return f"{c.slug}/ask/{w.id}/"


def wizard_state(c: Council, w: Wizard, answers: dict[str, str], node: str, version: str) -> str:
    """A link that opens a wizard at one state with JavaScript on (the answers, from the query)
    and off (the step or outcome, from the anchor)."""
    query = urlencode({"v": version, **answers})
    return f"{wizard(c, w)}?{query}#{step_anchor(w.id, node)}"


def step_anchor(wizard_id: str, node: str) -> str:
    return f"{wizard_id}--{node}"


def wizard_index(c: Council) -> str:
    return f"{c.slug}/ask/"


def audience_index(c: Council, audience: str) -> str:
    """One door's list of questions: audience is 'councillor' or 'officer'."""
    return f"{c.slug}/ask/{audience}s/"


def search_part(part: int) -> str:
    """Where one part of a large search index lives: part 0 is SEARCH itself."""
    return SEARCH if part == 0 else f"{SEARCH}part-{part}/"


def comparison(topic_id: str) -> str:
    return f"{COMPARE}{topic_id}/"


def comparison_data(topic_id: str, council_slug: str) -> str:
    """One council's rows of one comparison, as JSON (generator/compare_view.py)."""
    return f"{ASSETS}compare/{topic_id}/{council_slug}.json"


def paragraph(p: Paragraph) -> str:
    return f"{section(p.section)}#{p.anchor}"


def tree(c: Council, w: Wizard) -> str:
    return f"{TREES}{c.slug}/{w.id}.json"


def records(c: Council, w: Wizard) -> str:
    return f"{TREES}{c.slug}/{w.id}.records.json"


def source(page_url: str) -> str:
    """The Markdown file MkDocs reads for a page URL."""
    return f"{page_url}index.md" if page_url else "index.md"


def relative(from_page: str, to_url: str) -> str:
    """A link from one page to a site path, relative so the site works under any base URL."""
    depth = from_page.count("/")
    return "../" * depth + to_url if to_url else "../" * depth or "./"


# --- induction: the essentials, the quiz and the print pack (generator/induction.py) ----------
START_HERE = "new/"


def essentials(c: Council, audience: str) -> str:
    return f"{c.slug}/new/{audience}/"


def quiz(c: Council) -> str:
    return f"{c.slug}/new/quiz/"


def induction_pack(c: Council) -> str:
    return f"{c.slug}/new/print/"
