"""The pages rendered on every core: MkDocs renders one page at a time, so the build forks.

Once the navigation is made (the plugin's on_nav), the build forks into `jobs` processes and
each renders its own share of the pages into the site folder: in each process the other pages
are marked excluded, and their sources are read, not rendered, so the navigation still has their
titles. A child hands what its pages gave the search index to the parent in a file and exits at
post_build; the parent waits for every child, merges their parts in page order (so the index is
the one a single process makes), and alone does what follows the pages: the search index, the
compressed copies and the service worker.

A parallel build does not check anchors in links between two shares; a one-process build
(`jobs: 1`) checks every link, and a test compares the two builds' output file by file.
"""
from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils import CountHandler

MIN_SHARE = 40   # pages per process below which a fork costs more than it saves


class BuildFailed(Exception):
    pass


RUNNING: set[int] = set()   # children of this process still rendering (stop_all ends them)


def stop_all() -> None:
    """End every child still rendering: a build stopped by a signal must not leave one writing."""
    for pid in list(RUNNING):
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        RUNNING.discard(pid)


class ParallelBuild:
    def __init__(self, jobs: int):
        self.jobs = (jobs or os.cpu_count() or 1) if hasattr(os, "fork") else 1
        self.children: list[tuple[int, int]] = []   # (share, pid)
        self.share: int | None = None               # this process's share, once split
        self.child = False
        self.folder: Path | None = None

    def split(self, files: Files, config) -> None:
        """Fork; every process returns here and goes on to render its own share only."""
        pages = list(files.documentation_pages())
        jobs = min(self.jobs, len(pages) // MIN_SHARE)
        if jobs <= 1:
            return
        self.folder = Path(tempfile.mkdtemp(prefix="pg-build-"))
        share = jobs - 1   # the parent's is the last
        for index in range(jobs - 1):
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                share, self.child, self.children = index, True, []
                RUNNING.clear()
                for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    signal.signal(signum, signal.SIG_DFL)   # stopped with the build, no clean-up
                self.warnings = CountHandler()
                self.warnings.setLevel(logging.WARNING)
                logging.getLogger("mkdocs").addHandler(self.warnings)
                break
            self.children.append((index, pid))
            RUNNING.add(pid)
        self.share = share
        start, end = share * len(pages) // jobs, (share + 1) * len(pages) // jobs
        for position, file in enumerate(pages):
            if not start <= position < end:
                file.inclusion = InclusionLevel.EXCLUDED
                if file.page is not None:
                    file.page.read_source(config)   # its title and meta, for the navigation
        if self.child:   # the parent alone copies the static files and writes the theme's pages
            for file in files:
                if not file.is_documentation_page():
                    file.inclusion = InclusionLevel.EXCLUDED
            config.theme.static_templates.clear()
            config.extra_templates = []

    def hand_over(self, part: object) -> None:
        """In a child: give the parent this share's part, and end the process."""
        assert self.child and self.folder is not None
        counts = dict(self.warnings.get_counts())
        (self.folder / f"{self.share}.part").write_bytes(pickle.dumps((part, counts)))
        self._exit(0)

    def failed(self, error: BaseException) -> None:
        """A build error: a child reports it and ends; the parent stops its children."""
        if self.child and self.folder is not None:
            (self.folder / f"{self.share}.error").write_text(str(error) or type(error).__name__, "utf-8")
            self._exit(1)
        stop_all()
        self.children = []
        self._tidy()

    def gather(self, strict: bool) -> list[object]:
        """In the parent: every child's part, in page order. Raises BuildFailed if one failed
        (or, in strict mode, warned)."""
        parts, problems = [], []
        for share, pid in self.children:
            _, status = os.waitpid(pid, 0)
            RUNNING.discard(pid)
            assert self.folder is not None
            error, part = self.folder / f"{share}.error", self.folder / f"{share}.part"
            if error.is_file():
                problems.append(error.read_text("utf-8"))
            elif os.waitstatus_to_exitcode(status) != 0 or not part.is_file():
                problems.append(f"a build process stopped (exit status {os.waitstatus_to_exitcode(status)})")
            else:
                value, counts = pickle.loads(part.read_bytes())
                if counts and strict:
                    said = ", ".join(f"{n} {level.lower()}s" for level, n in counts.items())
                    problems.append(f"{said} while rendering pages (printed above)")
                parts.append(value)
        self.children = []
        self._tidy()
        if problems:
            raise BuildFailed("; ".join(problems))
        return parts

    def _tidy(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    @staticmethod
    def _exit(code: int) -> None:
        for handler in logging.getLogger("mkdocs").handlers:
            handler.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
