"""Reads a built Pagefind index back, for tests: every document Pagefind stored.

A fragment file is gzip over b"pagefind_dcd" followed by the document's JSON (url, content,
meta, filters), as Pagefind's own front end reads it.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def documents(site: Path, bundle: str = "pagefind/") -> list[dict]:
    """The documents of one index (or of one part of an index in parts: generator/search.py)."""
    found = []
    for fragment in sorted((Path(site) / bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        found.append(json.loads(data[len(SIGNATURE):] if data.startswith(SIGNATURE) else data))
    return found
