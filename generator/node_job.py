"""One way to hand a build step to a Node.js script (Pagefind's index, Workbox's service worker):
the job as a JSON file, the script's reply as JSON on its last line of output."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path


def run(node: str, script: Path, job: dict) -> subprocess.CompletedProcess[str]:
    """Run script with the job's file; the caller turns a failure into its own error."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(job, f)
    try:
        return subprocess.run([node, str(script), f.name], capture_output=True, text=True)
    finally:
        Path(f.name).unlink(missing_ok=True)


def reply(done: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(done.stdout.strip().splitlines()[-1])


def failure(done: subprocess.CompletedProcess[str]) -> str:
    return done.stderr.strip() or done.stdout.strip()
