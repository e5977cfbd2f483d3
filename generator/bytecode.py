"""The site's standard library archive as bytecode, so Python in the browser starts without
compiling a module.

Pyodide's archive holds source files: at every start, Python compiled each module it imports
(asyncio, typing, inspect and others that Pyodide's own start-up needs), which took most of the
engine's start (about 3 of 4 seconds on this machine). The build compiles them once, in Pyodide
itself under Node.js (bytecode.mjs), so the .pyc files match the interpreter exactly; docstrings
and asserts are left out (optimize=2), as `python -OO` does. The archive is stored uncompressed:
the server's Brotli or gzip copy (precompress.py) compresses across files and comes out smaller
than per-file deflate. Made once per input and kept in the build cache.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from . import node_job
from .build_cache import kept

SCRIPT = Path(__file__).with_name("bytecode.mjs")
OPTIMIZE = 2


class BytecodeUnavailable(Exception):
    pass


def compiled_archive(source_zip: bytes, pyodide: Path, cache: Path) -> bytes:
    """The archive source_zip (.py files) with each module as .pyc, compiled by Pyodide."""
    runtime = hashlib.sha256((pyodide / "pyodide.asm.wasm").read_bytes()).digest()
    key = hashlib.sha256(source_zip + runtime + f"optimize={OPTIMIZE}".encode()).hexdigest()
    return kept(cache, f"{key}.pyc.zip", lambda: compile_with_pyodide(source_zip, pyodide))


def compile_with_pyodide(source_zip: bytes, pyodide: Path) -> bytes:
    node = shutil.which("node")
    if node is None:
        raise BytecodeUnavailable(
            "Node.js is missing, so the build cannot prepare Python for the browser. Fix: install "
            "Node.js (or run 'make setup').")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source.zip"
        source.write_bytes(source_zip)
        output = Path(tmp) / "output.zip"
        job = {"pyodide": str(pyodide.resolve()), "source": str(source), "output": str(output),
               "optimize": OPTIMIZE}
        run = node_job.run(node, SCRIPT, job)
        if run.returncode != 0:
            raise BytecodeUnavailable(f"{node_job.failure(run)}. Fix: run 'npm ci' to reinstall "
                                      "the pinned pyodide package.")
        return output.read_bytes()
