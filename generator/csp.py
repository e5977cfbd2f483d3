"""The Content-Security-Policy every page carries: nothing from other sites, no inline script.

Even if some content slipped past `check` and the templates' escaping, the browser would
refuse to run it or to send anything to another site. The policy goes into each page as a
`<meta http-equiv>` (so the site is protected wherever it is copied) and, as the same text,
into the web server's header (README, "Publishing"), which also covers the Web Worker.

The theme writes two small inline scripts into every page. Rather than allow them by hash
(the header would then need the hash of every variant), they are moved into files of the
site, named by a hash of their text, and loaded from there at the same point of the page.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import urls

POLICY = {
    "default-src": "'self'",
    # Pyodide compiles its WebAssembly in the worker; nothing else is compiled or evaluated.
    "script-src": "'self' 'wasm-unsafe-eval'",
    "worker-src": "'self'",
    # the web app manifest (generator/offline.py)
    "manifest-src": "'self'",
    "connect-src": "'self'",
    # the theme's icons are CSS masks written as data: URLs; they make no request
    "img-src": "'self' data:",
    "font-src": "'self'",
    # mermaid writes a <style> into each diagram it draws: styles cannot run script, and
    # img-src/font-src still keep their url()s on this site
    "style-src": "'self' 'unsafe-inline'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
MOVED = urls.ASSETS + "inline/"

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s+(?:type=\"(?:text/javascript|module)\"))?)>"
                           r"(?P<body>.*?)</script>", re.S)
CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.I)


def policy() -> str:
    """The policy as one line, for the <meta> and for a web server's header."""
    return "; ".join(f"{name} {value}" for name, value in POLICY.items())


def header_line() -> str:
    return f"Content-Security-Policy: {policy()}"


# The theme's own inline scripts begin like this (mkdocs-material 9.8, pinned). Only these are
# moved into files; any other inline script is not the theme's, so it is dropped, never moved
# (moving it would let it run under the policy).
THEME_SCRIPTS = ("__md_scope=new URL(", "var target=document.getElementById(location.hash.slice(1));")


def secure_page(html: str, page_url: str, site_dir: Path) -> str:
    """The page with its inline scripts moved into site files and the policy's <meta> added."""
    prefix = "/" if not page_url.endswith("/") and page_url else urls.relative(page_url, "")

    def move(match: re.Match) -> str:
        body = match.group("body")
        if not body.strip():
            return match.group(0)
        if not body.lstrip().startswith(THEME_SCRIPTS):
            return ""
        name = hashlib.sha256(body.encode()).hexdigest()[:16] + ".js"
        target = Path(site_dir) / MOVED / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        return f'<script{match.group("attrs")} src="{prefix}{MOVED}{name}"></script>'

    html = INLINE_SCRIPT.sub(move, html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'
    html, found = CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
    if not found:
        html = html.replace("<head>", "<head>" + meta, 1)
    return html
