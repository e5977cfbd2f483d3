"""Content is text, never markup: one escape for each place text goes.

Every `{{ }}` in a Markdown template passes through `markdown_text` (the environment's finalize),
so a council name, a summary or an answer can never become HTML, a link, an attribute list or
a table cell break. HTML templates use Jinja's own autoescape. Values that are markup on purpose
(the rendered wizard) are wrapped in Markup by the generator, never by content.
"""
from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Characters Markdown (with the extensions in mkdocs.yml) gives a meaning inside a line:
# links and images, emphasis, code, attribute lists { }, table cells |, backslash escapes.
_INLINE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]|~^"})
# At the start of a line, these begin a heading, quote, list or definition.
_LINE_START = re.compile(r"^([#>+=:-]|\d+[.)])")


def markdown_text(value) -> Markup:
    """Plain text made safe to put anywhere in a Markdown page (finalize for .md templates)."""
    if isinstance(value, Markup) or value is None:
        return value if value is not None else Markup("")
    text = html.escape(str(value), quote=True)
    text = text.translate(_INLINE)
    text = _LINE_START.sub(lambda m: f"&#{ord(m.group(1)[0])};" + m.group(1)[1:], text)
    return Markup(text)


def front_matter(value: str) -> Markup:
    """A page title in YAML front matter. The theme prints titles into <title>, the header and
    the navigation without escaping them, so the title is HTML-escaped here; and a JSON string
    is valid YAML, whatever quotes it holds."""
    return Markup(json.dumps(html.escape(str(value), quote=True), ensure_ascii=False))


def nav_titles(nav: list) -> list:
    """MkDocs navigation with every title HTML-escaped, for the same reason."""
    out: list = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append({html.escape(str(k), quote=True): nav_titles(v) if isinstance(v, list) else v
                        for k, v in entry.items()})
        else:
            out.append(entry)
    return out


def trusted(html_text: str) -> Markup:
    """HTML that the generator itself produced from escaped templates."""
    return Markup(html_text)
