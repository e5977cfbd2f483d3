"""The essentials for someone new to a council: decision_trees/<council>/essentials.yaml.

One list of points per audience (new councillors, new officers), each a short plain-English
explanation with the paragraphs it rests on. A point marked `specific: true` is something this
council's protocol has that others lack (a time limit, a named role, a rule of its own); the page
says so. The file is optional: a council without one has no induction pages.

  councillors:
    - title: Who you go to
      text: >
        ...
      cite: ["4.1", "4.2"]
      specific: true
  officers:
    - ...
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fields import Block
from .problems import Problems
from .yamlsource import load_yaml

FILE = "essentials.yaml"
AUDIENCES = ("councillors", "officers")
FEWEST, MOST = 8, 12       # points per audience: enough to matter, few enough for fifteen minutes
MOST_WORDS = 65            # "about 60 words": a point is read at a glance, on a phone
WORDS_PER_MINUTE = 200     # a typical adult reading speed for plain prose


@dataclass
class Point:
    title: str
    text: str
    cite: list[str]
    specific: bool = False
    line: int = 1

    @property
    def words(self) -> int:
        return len(self.title.split()) + len(self.text.split())


@dataclass
class Essentials:
    audiences: dict[str, list[Point]] = field(default_factory=dict)
    file: Path | None = None

    def minutes(self, audience: str) -> int:
        """Reading time, rounded up to a whole minute."""
        words = sum(p.words for p in self.audiences.get(audience, []))
        return max(1, -(-words // WORDS_PER_MINUTE))


def load_essentials(folder: Path, known_paragraphs: set[str], problems: Problems) -> Essentials | None:
    """The council's essentials, or None when it has no essentials.yaml (or it is unreadable)."""
    file = Path(folder) / FILE
    if not file.is_file():
        return None
    data = load_yaml(file, problems)
    if data is None:
        return None
    block = Block(data, file, problems, "the essentials", AUDIENCES)
    essentials = Essentials(file=file)
    for audience in AUDIENCES:
        items = block.items(audience)
        points = [p for p in (_point(item, file, problems, known_paragraphs) for item in items) if p]
        if audience in block.data and not FEWEST <= len(items) <= MOST:
            block.problem(block.line_of(audience), f"the essentials for {audience} have "
                          f"{len(items)} point{'s' if len(items) != 1 else ''}.",
                          f"give between {FEWEST} and {MOST}: the things that matter most in this "
                          "council's protocol.")
        essentials.audiences[audience] = points
    return essentials


def _point(item, file: Path, problems: Problems, known: set[str]) -> Point | None:
    entry = Block(item, file, problems, "an essentials point", ("title", "text", "cite"), ("specific",))
    if not entry.ok:
        return None
    point = Point(entry.text("title"), entry.text("text"), entry.texts("cite"), entry.flag("specific"),
                  entry.line)
    if point.words > MOST_WORDS:
        entry.problem(entry.line_of("text"), f"the point '{point.title}' has {point.words} words.",
                      f"keep the title and text to {MOST_WORDS} words at most; move detail to the "
                      "section pages, which the citations link to.")
    if "cite" in entry.data and not point.cite:
        entry.problem(entry.line_of("cite"), f"the point '{point.title}' cites no paragraph.",
                      "list the paragraph ids it rests on under 'cite:'.")
    for pid in point.cite:
        if pid not in known:
            entry.problem(entry.line_of("cite"), f"the point '{point.title}' cites paragraph "
                          f"'{pid}', which this council does not have.",
                          "use a paragraph id from this council's section files (as the source numbers it).")
    return point
