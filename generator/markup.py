"""What content text may hold: plain words and Markdown, never HTML or a script link.

Every text value in decision_trees/ ends up in a page; the templates escape it, and this
check refuses the dangerous things before they get that far:

  - anything that looks like an HTML tag, comment or declaration: `<b>`, `</p>`, `<!--`;
  - a Markdown link or image whose target runs script or embeds data
    (`javascript:`, `vbscript:`, `data:`), however it is spelled or spaced;
  - an image from another site (`![..](https://...)`): the guide requests nothing from
    other sites.
"""
from __future__ import annotations

import html
import re

TAG = re.compile(r"<\s*[/!?]?\s*[A-Za-z!]")
# [text](target), ![alt](target) and reference definitions "[name]: target"
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)>]*)|^\s*\[[^\]]+\]:\s*<?(\S+)", re.M)
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers decode character references (&#58;) and drop tabs, newlines and other controls
# inside a URL before they read its scheme.
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def markup_problem(text: str) -> tuple[int, str, str] | None:
    """(offset, message, fix) for the first forbidden markup in text, or None."""
    if "<" in text:
        tag = TAG.search(text)
        if tag:
            return (tag.start(), f"the text holds HTML ('{_excerpt(text, tag.start())}').",
                    "write plain text: HTML is not allowed in the guide's content; for emphasis "
                    "use *stars*, for a link [words](https://...).")
    if "](" in text or "]:" in text:
        for link in LINK.finditer(text):
            image = link.group(1) == "!"
            target = link.group(2) if link.group(2) is not None else link.group(3)
            plain = IGNORED_IN_URL.sub("", html.unescape(target)).lower()
            if plain.startswith(SCRIPT_SCHEMES):
                return (link.start(), f"the link '{_excerpt(text, link.start())}' points at a "
                        f"'{plain.split(':')[0]}:' address, which could run code.",
                        "link only to https:// pages or to a paragraph (#p-...).")
            if image and (re.match(r"[a-z][a-z0-9+.-]*:", plain) or plain.startswith("//")):
                return (link.start(), f"the image '{_excerpt(text, link.start())}' comes from "
                        "another site.",
                        "the guide loads nothing from other sites: remove the image, or link to "
                        "the page that shows it.")
    return None


def _excerpt(text: str, start: int, size: int = 40) -> str:
    piece = " ".join(text[start:start + size].split())
    return piece + ("..." if len(text) > start + size else "")
