"""Offline and installable: the service worker, the web app manifest and its icons.

After a first visit the site keeps working with no network: a Workbox service worker
(`sw.js`, written by workbox-build through node, generator/offline.mjs) precaches every page,
the CSS and JavaScript, the trees the wizards load, the Pyodide runtime and the search index. Nothing about a
person's answers is kept: answers live in the URL's query, and the cache is keyed without it
(every query parameter is ignored when a page is looked up; nothing is cached at run time).
`assets/offline.js` registers the worker once the page is usable (on a wizard page, once the
engine is ready or has been given up), so the first visit's own bytes do not grow.

Pyodide's files are not versioned by their URL, yet the page has just downloaded them: they are
fetched through the HTTP cache rather than again (no `__WB_REVISION__`), with their SRI hash, and
the precache's name carries a hash of them, so a new runtime gets a fresh precache. See
docs/arch/0009-offline-with-a-service-worker.md.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import struct
import zlib
from collections.abc import Collection
from pathlib import Path

from . import node_job, urls

SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
ICON_SIZES = (192, 512)
ICONS = urls.ASSETS + "icons/"
SCRIPT = Path(__file__).with_name("offline.mjs")
CACHE_PREFIX = "protocol-guide"
DEFAULT_THEME_COLOUR = "#1d4f91"  # the guide's primary colour (assets/wizard.css)

# Search works offline too: Pagefind's script, its WebAssembly and its whole index (about 1.6 MB
# in 1,500 small files for five councils). Its ready-made interfaces (-ui) are not used.
SEARCH = ["pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/wasm.en.pagefind",
          "pagefind/pagefind-entry.json", "pagefind/*.pf_meta", "pagefind/{index,filter,fragment}/*"]
PRECACHE = ["**/*.html", "assets/**/*.{css,js,mjs,json,wasm,zip,py,png}", MANIFEST, *SEARCH]
NOT_PRECACHED = [
    "**/*.gz", "**/*.br", "**/*.map",  # precompressed copies and source maps: never fetched as such
    "404.html", SERVICE_WORKER,
    "assets/javascripts/lunr/**", "assets/javascripts/workers/**",  # the theme's search, unused
]
# Fetched through the HTTP cache (no cache-busting query), so what the page has just downloaded
# is not downloaded again: the runtime, and the files whose name is already a hash of their text.
THROUGH_HTTP_CACHE = (r"^(?:" + re.escape(urls.PYODIDE) + "|" + re.escape(urls.ASSETS + "inline/")
                      + r"|assets/(?:javascripts|stylesheets)/[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)$)")
MAXIMUM_BYTES = 64 * 1024 * 1024
# Up to this many councils a first visit precaches the whole site, so every page opens offline.
# Beyond it, that would be the pages of every council (790 MB at 300 councils), so only what is
# shared is precached: the shared pages, the styles and scripts, the icons and the engine's
# runtime. Councils' pages, trees and comparison rows, and the search index, then need the network.
PRECACHE_ALL_UP_TO = 8
PER_COUNCIL = ("{slug}/**", urls.TREES + "{slug}/**", urls.ASSETS + "compare/*/{slug}.json")

# What a site that turned offline off sends instead: any worker installed by an earlier build
# replaces itself with this one, which deletes the guide's caches and unregisters.
SWITCHED_OFF = f"""// Protocol Guide: offline use is turned off for this site. This removes the earlier worker.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {{
  for (const name of await caches.keys()) if (name.startsWith("{CACHE_PREFIX}-")) await caches.delete(name);
  await self.registration.unregister();
}})()));
"""


class OfflineUnavailable(Exception):
    pass


def _patterns(pattern: str) -> list[str]:
    """A glob with {a,b} alternatives, as the several globs it stands for."""
    found = re.search(r"\{([^{}]*)\}", pattern)
    if not found:
        return [pattern]
    return [p for choice in found.group(1).split(",")
            for p in _patterns(pattern[:found.start()] + choice + pattern[found.end():])]


def _glob_regex(glob: str) -> str:
    """One glob as a regular expression over a site path, as Workbox's globbing reads it: '*' and
    '?' stay within a folder, '**/' is any number of folders, a final '**' every file under it."""
    parts = re.split(r"(\*\*/|\*\*|\*|\?|\x00)", glob)
    meaning = {"**/": "(?:.*/)?", "**": ".+", "*": "[^/]*", "?": "[^/]", "\x00": "(?P<slug>[^/]+)"}
    return "".join(meaning.get(part, re.escape(part)) for part in parts)


def _matcher(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{_glob_regex(g)})" for p in patterns for g in _patterns(p)))


def _council_matchers() -> list[re.Pattern]:
    """PER_COUNCIL's globs, each with the council's slug as the group 'slug'."""
    return [re.compile(_glob_regex(pattern.replace("{slug}", "\x00"))) for pattern in PER_COUNCIL]


def _site_files(site_dir: Path) -> list[str]:
    """Every file of the built site, as a path from its root; one walk, however large the site
    (globbing it once per council took minutes at hundreds of councils)."""
    found = []
    for folder, _, names in os.walk(site_dir):
        at = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if at == "." else at + "/"
        found += [prefix + name for name in names]
    return found


def precache_entries(site_dir: Path, councils: Collection[str] = ()) -> list[dict]:
    """What the service worker precaches, each with its revision (an MD5 of its bytes, as Workbox
    makes it); an entry fetched through the HTTP cache has none, but its SRI hash instead.
    Listed here, not by Workbox's own globbing: at hundreds of councils that took minutes.
    councils: the councils' slugs (see PRECACHE_ALL_UP_TO)."""
    through_cache = re.compile(THROUGH_HTTP_CACHE)
    wanted, left_out = _matcher(PRECACHE), _matcher(NOT_PRECACHED)
    search, per_council = _matcher(SEARCH), _council_matchers()
    slugs = set(councils) if len(councils) > PRECACHE_ALL_UP_TO else set()

    def precached(name: str) -> bool:
        if not wanted.fullmatch(name) or left_out.fullmatch(name):
            return False
        if slugs and (search.fullmatch(name) or any(
                (m := council.fullmatch(name)) and m.group("slug") in slugs for council in per_council)):
            return False
        return True

    entries = []
    for name in sorted(filter(precached, _site_files(site_dir))):
        data = (site_dir / name).read_bytes()
        if len(data) > MAXIMUM_BYTES:
            raise OfflineUnavailable(f"{name}: {len(data)} bytes, more than a browser should be asked to "
                                     f"precache ({MAXIMUM_BYTES}). Fix: make the file smaller, or list it "
                                     "in NOT_PRECACHED (generator/offline.py).")
        if through_cache.search(name):
            entries.append({"url": name, "revision": None,
                            "integrity": "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()})
        else:
            entries.append({"url": name, "revision": hashlib.md5(data, usedforsecurity=False).hexdigest()})
    return entries


def write_service_worker(site_dir: Path, workbox: Path, councils: Collection[str] = ()) -> dict:
    """Write site_dir/sw.js with workbox-build; return {count, size} of what it precaches."""
    site_dir = Path(site_dir)
    node = shutil.which("node")
    if not (workbox / "build" / "index.js").is_file() or node is None:
        raise OfflineUnavailable(
            f"{workbox}: workbox-build is missing, so the site would not work offline. Fix: run "
            "'npm ci' in the project folder (or 'make setup') to install the pinned workbox-build "
            "package (it needs Node.js).")
    entries = precache_entries(site_dir, councils)
    runtime = hashlib.sha256()
    for entry in entries:
        if entry["revision"] is None:
            runtime.update(entry["url"].encode() + b"\0" + entry["integrity"].encode())
    job = {"workbox": str(workbox.resolve()), "options": {
        "globDirectory": str(site_dir), "globPatterns": [], "additionalManifestEntries": entries,
        "swDest": str(site_dir / SERVICE_WORKER),
        # A new runtime (or theme bundle) gets a fresh precache; cleanupOutdatedCaches drops the old.
        "cacheId": f"{CACHE_PREFIX}-{runtime.hexdigest()[:12]}",
        # Answers live in the query: pages are looked up without any of it.
        "ignoreURLParametersMatching": [".*"], "directoryIndex": "index.html",
        "skipWaiting": True, "clientsClaim": True, "cleanupOutdatedCaches": True,
        "inlineWorkboxRuntime": True,  # the Workbox runtime is inside sw.js: nothing from a CDN
        "mode": "production", "sourcemap": False, "disableDevLogs": True,
    }}
    run = node_job.run(node, SCRIPT, job)
    if run.returncode != 0:
        raise OfflineUnavailable(f"Workbox could not write the service worker: "
                                 f"{node_job.failure(run)}. Fix: run 'npm ci' "
                                 "to reinstall the pinned workbox-build package.")
    return {**node_job.reply(run), "size": sum((site_dir / e["url"]).stat().st_size for e in entries)}


def write_switched_off(site_dir: Path) -> None:
    (Path(site_dir) / SERVICE_WORKER).write_text(SWITCHED_OFF, encoding="utf-8")


# --- the web app manifest and its icons --------------------------------------------------------

def manifest(site_name: str, theme_colour: str) -> str:
    """The manifest, every URL relative to it (the site root), so the site installs from any folder."""
    return json.dumps({
        "name": site_name,
        "short_name": site_name if len(site_name) <= 15 else initials(site_name),
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_colour,
        "background_color": "#ffffff",
        "icons": [{"src": f"{ICONS}icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": "any maskable"} for size in ICON_SIZES],
    }, indent=1)


def files(site_name: str, theme_colour: str | None) -> dict[str, str | bytes]:
    """{site path: content}: the manifest and the icons, drawn here (no image library needed)."""
    colour = theme_colour or DEFAULT_THEME_COLOUR
    out: dict[str, str | bytes] = {MANIFEST: manifest(site_name, colour)}
    for size in ICON_SIZES:
        out[f"{ICONS}icon-{size}.png"] = icon(size, colour, initials(site_name))
    return out


def link(html: str, page_url: str) -> str:
    """The page with its <link rel="manifest">, relative to the page like the theme's own links."""
    prefix = urls.relative(page_url, "") if page_url.endswith("/") or not page_url else "/"
    tag = f'<link rel="manifest" href="{prefix}{MANIFEST}">'
    return html.replace("</head>", tag + "</head>", 1)


def initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", name)).upper()[:3] or "G"


# 5x7 capitals, one string of 7 rows of 5 bits per letter.
GLYPHS = {
    "A": "01110 10001 10001 11111 10001 10001 10001", "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110", "D": "11110 10001 10001 10001 10001 10001 11110",
    "E": "11111 10000 10000 11110 10000 10000 11111", "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111", "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "01110 00100 00100 00100 00100 00100 01110", "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001", "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001", "N": "10001 11001 10101 10011 10001 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110", "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101", "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110", "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110", "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010", "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 01010 00100 00100 00100 00100", "Z": "11111 00001 00010 00100 01000 10000 11111",
}


def icon(size: int, colour: str, letters: str) -> bytes:
    """A PNG: a square of the theme colour with the letters in white, centred (inside the
    maskable safe zone)."""
    background = bytes.fromhex(colour.lstrip("#")[:6])
    white = b"\xff\xff\xff"
    bitmap = [[False] * (6 * len(letters) - 1) for _ in range(7)]
    for n, letter in enumerate(letters):
        for y, row in enumerate(GLYPHS.get(letter, GLYPHS["G"]).split()):
            for x, bit in enumerate(row):
                bitmap[y][6 * n + x] = bit == "1"
    scale = max(1, int(size * 0.55) // len(bitmap[0]))
    left = (size - scale * len(bitmap[0])) // 2
    top = (size - scale * 7) // 2
    rows = []
    for y in range(size):
        line = bytearray(b"\x00")  # filter type 0 for each row
        by = (y - top) // scale if y >= top else -1
        for x in range(size):
            bx = (x - left) // scale if x >= left else -1
            on = 0 <= by < 7 and 0 <= bx < len(bitmap[0]) and bitmap[by][bx]
            line += white if on else background
        rows.append(bytes(line))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
