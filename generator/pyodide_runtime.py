"""The self-hosted Pyodide runtime: which files of the npm package the site ships.

The wizard engine needs only the standard library, so the site ships the core
runtime and a lock file with no packages: Pyodide then has nothing it could
try to fetch from anywhere else.
"""
from __future__ import annotations

import json
from pathlib import Path

CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide-lock.json"


class PyodideMissing(Exception):
    pass


def runtime_files(folder: Path) -> dict[str, Path | str]:
    """{site file name: source path, or generated text for the trimmed lock file}."""
    missing = [name for name in CORE + (LOCK,) if not (folder / name).is_file()]
    if missing:
        raise PyodideMissing(
            f"{folder}: Pyodide's files are missing ({', '.join(missing)}). "
            "Fix: run 'npm ci' in the project folder (or 'make setup') to install the pinned "
            "pyodide package.")
    files: dict[str, Path | str] = {name: folder / name for name in CORE}
    lock = json.loads((folder / LOCK).read_text(encoding="utf-8"))
    lock["packages"] = {}
    files[LOCK] = json.dumps(lock, separators=(",", ":"))
    return files
