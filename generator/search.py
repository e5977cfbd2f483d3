"""Site search: a Pagefind index of the built pages, written in MkDocs' on_post_build.

Pagefind (npm `pagefind`, pinned in package.json; its binary ships in `@pagefind/<platform>`)
stems every word, so "complaints" finds "complaint"; it loads its index in fragments, so a first
search downloads a small part of it however many councils there are; and a `council` filter
lets a council's pages search that council first.

What is indexed is prepared here, from each page's content (never its navigation):
- every council page carries the `council` filter (the slug) and meta (the council's name);
- each paragraph (a heading with an anchor and the text under it) is a document of its own,
  linked to `page/#anchor`, and so is each wizard answer (outcome section), linked to
  `page/#<wizard>--<outcome>` and titled by its headline; question steps, [data-search-exclude]
  and other UI text stay out;
- a page's `search: {boost: ...}` front matter becomes its weight, so overview and shared pages
  rank below the paragraphs;
- the thesaurus's everyday words are added to the paragraphs and answers that use the
  protocols' words, between ⟦ ⟧ marks that the front end never shows.
The served pages are not changed. Past COUNCILS_PER_PART councils the index is written in parts,
side by side, and the search box merges them (docs/arch/0012).
"""
from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import node_job, urls
from .thesaurus import Thesaurus

# A large index is written in parts, side by side (one Pagefind process each, on every core), and
# the page merges them when it searches. Pagefind indexes in one thread, and more slowly per
# document the more it holds: 78,000 documents (300 councils) took 100 s in one process, 20,000
# about 15 s. A council's documents are all in one part; the shared pages are in the first.
COUNCILS_PER_PART = 75
SYNONYM_WEIGHT = 2    # an everyday word added by the thesaurus means the text is about it
WORD_RE = re.compile(r"[a-z]{4,}")
# Left out of every document (also removed before splitting a page, by excluded() below). A
# wizard is all UI (questions, summary, record) except its answers, which are documents of their own.
EXCLUDE = ["[data-search-exclude]", ".pg-wizard", ".pg-step:not(.pg-outcome)", ".headerlink", ".pg-para-meta"]
# Pagefind's own weights for h1..h6; a page's weight scales them with its text.
HEADING_WEIGHTS = {1: 7, 2: 6, 3: 5, 4: 4, 5: 3, 6: 2}
SYNONYMS_OPEN, SYNONYMS_CLOSE = "⟦", "⟧"
INDEXER = Path(__file__).with_name("search_index.mjs")

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"([^\"]+)\"[^>]*>.*?</h\1>", re.S)
OUTCOME = re.compile(r'<section class="pg-step pg-outcome[^"]*" id="([^"]+)"[^>]*>(.*?)</section>', re.S)
OUTCOME_HEADING = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S)
# Inside an answer, what is not its words: labels, the cited paragraphs (found on their own
# pages), the contact box and "not covered" note every answer repeats, the "start again" link.
ANSWER_CHROME = re.compile(r"<h3\b.*?</h3>|<details\b.*?</details>|<ul class=\"pg-citations\">.*?</ul>"
                           r"|<p class=\"pg-restart\">.*?</p>|<div class=\"pg-contact-box\">.*?</div>"
                           r"|<p class=\"pg-silent\">.*?</p>", re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)   # the theme's ¶ links
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# One piece of markup: a comment, a declaration, or a tag whose quoted attribute values may hold
# ">". The build's own pages are scanned with it, not a full parser: html.parser took half of
# the time spent on each page's search documents, for the same result.
MARKUP = re.compile(r"""<!--.*?-->|<![^>]*>|<\?[^>]*>|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
CLASS_ATTRIBUTE = re.compile(r"""(?:^|\s)class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
EXCLUDE_ATTRIBUTE = re.compile(r"(?:^|\s)data-search-exclude(?=[\s=/]|$)")
LEFT_OUT_CLASSES = {"pg-wizard", "headerlink", "pg-para-meta"}


def excluded(attributes: str) -> bool:
    """Whether a start tag's attributes mark an element search leaves out (EXCLUDE)."""
    if EXCLUDE_ATTRIBUTE.search(attributes):
        return True
    found = CLASS_ATTRIBUTE.search(attributes)
    if not found:
        return False
    classes = set(html_lib.unescape(next(g for g in found.groups() if g is not None)).split())
    return bool(LEFT_OUT_CLASSES & classes) or ("pg-step" in classes and "pg-outcome" not in classes)


def _text(raw: str) -> str:
    """Text between tags, its character references read and only &, < and > written as such."""
    return html_lib.escape(html_lib.unescape(raw), quote=False) if "&" in raw or "<" in raw or ">" in raw else raw


def strip_excluded(fragment: str) -> str:
    """The fragment without the elements search leaves out (see excluded()), and no comments."""
    out: list[str] = []
    skipping, at = 0, 0   # depth inside a left-out element; where the text since the last tag starts
    for markup in MARKUP.finditer(fragment):
        if not skipping and markup.start() > at:
            out.append(_text(fragment[at:markup.start()]))
        at = markup.end()
        closing, tag, attributes = markup.groups()
        if tag is None:   # a comment or a declaration
            continue
        tag = tag.lower()
        if closing:
            if tag in VOID:
                continue
            if skipping:
                skipping -= 1
            else:
                out.append(f"</{tag}>")
        elif tag in VOID or attributes.rstrip().endswith("/"):
            if not skipping:
                out.append(markup.group(0))
        elif skipping or excluded(attributes):
            skipping += 1
        else:
            out.append(markup.group(0))
    if not skipping and at < len(fragment):
        out.append(_text(fragment[at:]))
    return "".join(out)


class SearchUnavailable(Exception):
    """Pagefind is not installed, or failed: the build stops with this message."""


def text_of(fragment: str) -> str:
    return " ".join(html_lib.unescape(TAG.sub(" ", fragment)).split())


def synonyms(thesaurus: Thesaurus, text: str) -> str:
    words = thesaurus.words_for(text)
    return f" {SYNONYMS_OPEN} {' '.join(words)} {SYNONYMS_CLOSE} " if words else ""


@dataclass
class SearchIndex:
    """Collects the built pages as search documents, one per paragraph or answer.

    Each heading with an anchor starts a document of its own (url `page/#anchor`), so a
    paragraph ranks on its own words, not on the length of the page around it; the page's
    title and introduction are one more document. A wizard's answers are documents too."""
    thesaurus: Thesaurus
    councils: dict[str, str]             # slug -> the council's name
    councils_per_part: int = COUNCILS_PER_PART
    documents: list[dict] = field(default_factory=list)
    words: dict[str, int] = field(default_factory=dict)   # every indexed word, and how often

    def council_of(self, url: str) -> str | None:
        slug = url.split("/", 1)[0]
        return slug if slug in self.councils else None

    def add_page(self, url: str, output: str, weight: float = 1.0) -> None:
        """Take one built page (its URL relative to the site root and its HTML)."""
        found = ARTICLE.search(output)
        if not found:
            return
        article, council = HEADERLINK.sub("", found.group(1)), self.council_of(url)
        h1 = H1.search(article)
        page_title = text_of(h1.group(1)) if h1 else ""
        for outcome_id, body in OUTCOME.findall(article):
            heading = OUTCOME_HEADING.search(body)
            headline = text_of(strip_excluded(heading.group(1))) if heading else page_title
            words = strip_excluded(ANSWER_CHROME.sub(" ", OUTCOME_HEADING.sub("", body, count=1)))
            self._add(f"{url}#{outcome_id}", headline, words, council, weight,
                      {"page": page_title, "kind": "answer"})
        rest = strip_excluded(OUTCOME.sub("", article))
        headings = [m for m in HEADING.finditer(rest) if m.group(1) != "1"]
        intro_end = headings[0].start() if headings else len(rest)
        self._add(url, page_title, rest[:intro_end], council, weight, {})
        for i, heading in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(rest)
            self._add(f"{url}#{heading.group(2)}", text_of(heading.group(0)), rest[heading.end():end],
                      council, weight, {"page": page_title})

    def _add(self, url: str, title: str, body: str, council: str | None, weight: float,
             meta: dict[str, str]) -> None:
        meta = {"title": title, **meta}
        if council:
            meta["council"] = self.councils[council]
        tags = "".join(f'<span data-pagefind-meta="{key}:{html_lib.escape(value)}"></span>'
                       for key, value in meta.items() if value)
        if council:
            tags += f'<span data-pagefind-filter="council:{council}"></span>'
        extra = synonyms(self.thesaurus, text_of(title + " " + body))
        heading = f'<h1 data-pagefind-weight="{HEADING_WEIGHTS[1] * weight:g}">{html_lib.escape(title)}</h1>'
        if extra:
            heading += f'<p data-pagefind-weight="{SYNONYM_WEIGHT * weight:g}">{extra}</p>'
        self.documents.append({"url": "/" + url, "html": (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body>'
            f'<main data-pagefind-body data-pagefind-weight="{weight:g}">{tags}{heading}'
            f'{body}</main></body></html>')})
        for word in WORD_RE.findall(text_of(title + " " + body + " " + extra).lower()):
            self.words[word] = self.words.get(word, 0) + 1

    def part(self) -> tuple[list[dict], dict[str, int]]:
        """What the pages gave the index so far (a parallel build's share: parallel_build.py)."""
        return self.documents, self.words

    def take_first(self, parts: list[tuple[list[dict], dict[str, int]]]) -> None:
        """Put the parts of the pages before this process's own first, as one process would."""
        documents: list[dict] = []
        for docs, words in parts:
            documents += docs
            for word, count in words.items():
                self.words[word] = self.words.get(word, 0) + count
        self.documents[:0] = documents

    def parts(self) -> list[str]:
        """Where each part of the index is written (urls.search_part), first part first."""
        count = max(1, -(-len(self.councils) // self.councils_per_part))
        return [urls.search_part(part) for part in range(count)]

    def _documents_by_part(self) -> list[list[dict]]:
        part_of = {slug: i // self.councils_per_part for i, slug in enumerate(self.councils)}
        parts: list[list[dict]] = [[] for _ in self.parts()]
        for doc in self.documents:
            council = self.council_of(doc["url"].lstrip("/"))
            parts[part_of[council] if council else 0].append(doc)
        return parts

    def write(self, site_dir: Path, pagefind: Path, at_once: int = 1) -> dict:
        """Write the index into site_dir/pagefind with Pagefind's Node API, its parts `at_once`
        at a time."""
        node = shutil.which("node")
        if not (pagefind / "lib" / "index.js").is_file() or node is None:
            raise SearchUnavailable(
                f"{pagefind}: Pagefind is missing, so the site would have no search. Fix: run "
                "'npm ci' in the project folder (or 'make setup') to install the pinned pagefind "
                "package (it needs Node.js).")
        output = Path(site_dir) / urls.SEARCH
        shutil.rmtree(output, ignore_errors=True)
        jobs = [{"pagefind": str(pagefind.resolve()), "output": str(Path(site_dir) / folder),
                 "config": {"excludeSelectors": EXCLUDE, "forceLanguage": "en"}, "documents": documents}
                for folder, documents in zip(self.parts(), self._documents_by_part(), strict=True)]
        with ThreadPoolExecutor(max(1, at_once)) as pool:
            runs = list(pool.map(lambda job: node_job.run(node, INDEXER, job), jobs))
        for run in runs:
            if run.returncode != 0:
                raise SearchUnavailable(f"Pagefind could not build the search index: "
                                        f"{node_job.failure(run)}. Fix: run 'npm ci' "
                                        "to reinstall the pinned pagefind package.")
        # Most frequent first: a misspelling is corrected to the likelier of two close words.
        words = Path(site_dir) / urls.SEARCH_WORDS
        words.parent.mkdir(parents=True, exist_ok=True)
        words.write_text(json.dumps(sorted(self.words, key=lambda w: (-self.words[w], w))), encoding="utf-8")
        return {"documents": sum(node_job.reply(run)["documents"] for run in runs), "parts": len(runs)}
