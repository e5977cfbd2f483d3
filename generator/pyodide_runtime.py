"""The self-hosted Pyodide runtime: which files of the npm package the site ships.

The wizard engine needs only the standard library, so the site ships the core
runtime and a lock file with no packages: Pyodide then has nothing it could
try to fetch from anywhere else. Its standard library archive is trimmed to the
modules Pyodide's start-up and the engine import (STDLIB_FILES). Its large files get
precompressed copies beside them (PRECOMPRESSED; see precompress.py).
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from .bytecode import BytecodeUnavailable, compiled_archive

CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide-lock.json"


class PyodideMissing(Exception):
    pass


def runtime_files(folder: Path, cache: Path) -> dict[str, Path | str | bytes]:
    """{site file name: source path, or generated content (the trimmed lock file, and the
    trimmed archive compiled to bytecode: bytecode.py)}."""
    missing = [name for name in CORE + (LOCK,) if not (folder / name).is_file()]
    if missing:
        raise PyodideMissing(
            f"{folder}: Pyodide's files are missing ({', '.join(missing)}). "
            "Fix: run 'npm ci' in the project folder (or 'make setup') to install the pinned "
            "pyodide package.")
    files: dict[str, Path | str | bytes] = {name: folder / name for name in CORE}
    lock = json.loads((folder / LOCK).read_text(encoding="utf-8"))
    lock["packages"] = {}
    files[LOCK] = json.dumps(lock, separators=(",", ":"))
    try:
        files[STDLIB] = compiled_archive(trimmed_stdlib(folder / STDLIB), folder, cache)
    except BytecodeUnavailable as err:
        raise PyodideMissing(f"{folder}: {err}") from None
    return files


def content(source: Path | str | bytes) -> bytes:
    """The bytes of one of runtime_files' values."""
    if isinstance(source, Path):
        return source.read_bytes()
    return source if isinstance(source, bytes) else source.encode()


STDLIB = "python_stdlib.zip"
# The files worth a .gz and .br copy (precompress.py); the archive among them, as it is stored
# uncompressed (bytecode.py).
PRECOMPRESSED = ("pyodide.asm.wasm", "pyodide.asm.mjs", STDLIB)

# The archive entries kept: every file of the stock archive that Pyodide 314.0.7 imports to start
# and that engine.py imports to answer every op, measured in Pyodide (tests/support/
# pyodide_engine.mjs lists them; tests/test_engine_parity.py runs the engine on this archive and
# fails, naming the module, if one is missing). Re-measure when Pyodide or engine.py's imports change.
STDLIB_FILES = frozenset("""
    __future__.py _collections_abc.py _colorize.py _opcode_metadata.py _py_warnings.py
    _pyodide/__init__.py _pyodide/_base.py _pyodide/_core_docs.py _pyodide/_future_helper.py
    _pyodide/_importhook.py _pyodide/docs_argspec.py _pyodide/docstring.py _pyodide/jsbind.py
    _sitebuiltins.py _ssl.py _weakrefset.py abc.py annotationlib.py ast.py asyncio/__init__.py
    asyncio/base_events.py asyncio/base_futures.py asyncio/base_subprocess.py asyncio/base_tasks.py
    asyncio/constants.py asyncio/coroutines.py asyncio/events.py asyncio/exceptions.py
    asyncio/format_helpers.py asyncio/futures.py asyncio/graph.py asyncio/locks.py asyncio/log.py
    asyncio/mixins.py asyncio/protocols.py asyncio/queues.py asyncio/runners.py
    asyncio/selector_events.py asyncio/sslproto.py asyncio/staggered.py asyncio/streams.py
    asyncio/subprocess.py asyncio/taskgroups.py asyncio/tasks.py asyncio/threads.py
    asyncio/timeouts.py asyncio/transports.py asyncio/trsock.py asyncio/unix_events.py base64.py
    bisect.py bz2.py codecs.py codeop.py collections/__init__.py compression/__init__.py
    compression/_common/__init__.py compression/_common/_streams.py compression/zstd/__init__.py
    compression/zstd/_zstdfile.py concurrent/__init__.py concurrent/futures/__init__.py
    concurrent/futures/_base.py contextlib.py contextvars.py copy.py copyreg.py dataclasses.py
    datetime.py dis.py encodings/__init__.py encodings/aliases.py encodings/utf_8.py enum.py
    fnmatch.py functools.py genericpath.py glob.py heapq.py importlib/__init__.py importlib/_abc.py
    importlib/_bootstrap.py importlib/_bootstrap_external.py importlib/abc.py importlib/machinery.py
    importlib/util.py inspect.py io.py json/__init__.py json/decoder.py json/encoder.py
    json/scanner.py keyword.py linecache.py locale.py logging/__init__.py lzma.py ntpath.py
    opcode.py operator.py os.py pathlib/__init__.py pathlib/_os.py posixpath.py pyodide/__init__.py
    pyodide/_package_loader.py pyodide/_state.py pyodide/code.py pyodide/common.py
    pyodide/ffi/__init__.py pyodide/webloop.py random.py re/__init__.py re/_casefix.py
    re/_compiler.py re/_constants.py re/_parser.py reprlib.py selectors.py shutil.py signal.py
    site.py socket.py ssl.py stat.py string/__init__.py struct.py subprocess.py tempfile.py
    textwrap.py threading.py token.py tokenize.py traceback.py types.py typing.py warnings.py
    weakref.py zipfile/__init__.py zipfile/_path/__init__.py zipfile/_path/glob.py zipimport.py
""".split())


def trimmed_stdlib(archive: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(archive) as stock, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as kept:
        for entry in stock.infolist():
            if entry.filename in STDLIB_FILES:
                kept.writestr(entry, stock.read(entry.filename))
    return out.getvalue()


# The engine's start, timed in one place: the page reads these from the wizard's data attributes
# (templates/wizard.html.j2), the browser tests import them, so the two cannot drift.
ENGINE_WAITS = {
    # No byte received and no phase begun for this long: the start has stalled, so the page
    # falls back to the build-time table. Bytes still arriving never count as a stall.
    "stall_ms": 15000,
    # Say what the page is doing only if the engine is not ready by then (most starts are quicker).
    "quiet_ms": 2000,
    # Then say how far it has got at most this often (a polite live region, not a ticker).
    "status_every_ms": 10000,
}
# The longest a test waits for the page to settle (engine ready, or fallen back): a slow but
# steady download on a busy 2-core machine, plus one stall.
TEST_SETTLE_MS = 60000
