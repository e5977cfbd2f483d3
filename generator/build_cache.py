"""The build's cache folder: results of slow, pure steps (Brotli copies, the compiled standard
library) kept under a hash of their inputs, so a later build reuses them. Safe to delete."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def kept(cache: Path, name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes stored as cache/name, made (and stored) the first time they are asked for."""
    entry = cache / name
    if entry.is_file():
        return entry.read_bytes()
    data = make()
    cache.mkdir(parents=True, exist_ok=True)
    # Write then rename, so two builds at once never read half a file.
    fd, part = tempfile.mkstemp(dir=cache, prefix=".part-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(part, entry)
    return data
