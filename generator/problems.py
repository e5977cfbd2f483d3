"""Validation problems: every one names a file, a line, what is wrong and how to fix it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix else text


class Problems:
    """Collects problems so one run reports all of them, not just the first."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else None
        self.items: list[Problem] = []
        # Files that could not be read at all: problems that would only follow from their
        # missing content (an uncited paragraph, an unknown section) are not reported.
        self.unreadable: set[Path] = set()

    def add(self, file: Path | str, line: int, message: str, fix: str = "") -> None:
        self.items.append(Problem(self._show(file), int(line or 1), message, fix))

    def _show(self, file: Path | str) -> str:
        path = Path(file)
        if self.root is not None:
            try:
                return str(path.resolve().relative_to(self.root.resolve().parent))
            except ValueError:
                pass
        return str(path)

    def unreadable_in(self, folder: Path) -> bool:
        """True when a file directly in folder could not be read."""
        folder = Path(folder)
        return any(f.parent == folder for f in self.unreadable)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class InvalidTrees(Exception):
    """Raised when decision_trees/ fails validation; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in decision_trees:\n{lines}")
