"""Precompressed copies of the site's large files, for web servers that serve them.

A server with nginx's `gzip_static` / `brotli_static` (or Apache's equivalent) sends
`file.br` or `file.gz` in place of `file` to a browser that accepts it, so it never compresses
on the fly and can use the slowest, smallest settings. Brotli at its best quality makes the
runtime's WebAssembly about a quarter smaller than gzip, but takes about a minute on a slow
machine: so the copies are made on a background thread while MkDocs renders the pages, and
each one is kept in a cache folder under the input's hash, making every later build free.
"""
from __future__ import annotations

import gzip
import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import brotli

from .build_cache import kept

SUFFIXES = (".gz", ".br")


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: the same bytes every build


def brotlied(data: bytes) -> bytes:
    return brotli.compress(data, quality=11)


COMPRESSORS = {".gz": gzipped, ".br": brotlied}


def cached(data: bytes, suffix: str, cache: Path) -> bytes:
    """The compressed copy of data, from the cache if an earlier build made it."""
    return kept(cache, hashlib.sha256(data).hexdigest() + suffix, lambda: COMPRESSORS[suffix](data))


class Precompressor:
    """Starts compressing when the build starts; writes the copies into the site at its end.
    The compressors release the GIL, so this runs beside the page rendering."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="precompress")
        self.jobs: dict[str, Future[bytes]] = {}

    def add(self, name: str, data: bytes) -> None:
        for suffix in SUFFIXES:
            self.jobs[name + suffix] = self.pool.submit(cached, data, suffix, self.cache)

    def write(self, site_dir: Path) -> list[str]:
        """Wait for every copy and write it beside its file; returns the names written."""
        for name, job in self.jobs.items():
            target = Path(site_dir) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(job.result())
        self.pool.shutdown()
        return sorted(self.jobs)
