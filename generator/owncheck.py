"""The checks that protect a council's own text: `protocol-guide check --source SOURCE.txt`.

- Own words: no run of WORDS or more words in a council's files is the same as a run in that
  council's own protocol (the rule of ../shared/tools/verbatim-check, against any council's
  source, not only the five in ../shared/seeds). A `title:` whose whole value is in quotation
  marks ("..." or “...”) is a quotation of the document's own title, shown as one, and allowed.
- Expected ids: every id in the council's expected-id list (council.yaml `expected_ids:`) has a
  paragraph, and every paragraph is in the list.

Paragraphs with no summary yet are reported by the loader ("'summary' ... is empty").
"""
from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem, Problems
from .yamlsource import load_yaml

WORDS = 12
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
QUOTED_TITLE = re.compile(r"""^\s*(?:-\s+)?title:\s*(['"]?)\s*["“‘'].*["”’']\s*\1\s*(?:#.*)?$""")


def words(text: str) -> list[str]:
    return [m.group(0).replace("’", "'") for m in WORD.finditer(text.lower())]


def shingles(tokens: list[str], n: int = WORDS) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def copied_runs(file: Path, known: set[tuple[str, ...]], n: int = WORDS) -> list[tuple[int, int, str]]:
    """(line, length, first words) of every run of n+ words in file that the source has."""
    tokens: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if QUOTED_TITLE.match(line):
            tokens.append("\0")  # a quotation: it breaks a run instead of joining one
            lines.append(number)
            continue
        for word in words(line):
            tokens.append(word)
            lines.append(number)
    runs, i = [], 0
    while i <= len(tokens) - n:
        if tuple(tokens[i:i + n]) in known:
            j = i + n
            while j < len(tokens) and tuple(tokens[j - n + 1:j + 1]) in known:
                j += 1
            runs.append((lines[i], j - i, " ".join(tokens[i:i + 8])))
            i = j
        else:
            i += 1
    return runs


def council_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) + sorted((folder / "wizards").glob("*.yaml"))


def own_words_problems(folder: Path, source: Path, problems: Problems, n: int = WORDS) -> None:
    known = shingles(words(source.read_text(encoding="utf-8", errors="replace")), n)
    for file in council_files(folder):
        for line, length, start in copied_runs(file, known, n):
            problems.add(file, line, f"{length} words are the same as in the protocol "
                         f"({source.name}): \"{start} ...\".",
                         "say it in your own plain words and cite the paragraph; a document title "
                         "may be quoted whole as title: \"“...”\".")


def council_keys(folder: Path) -> dict[str, str]:
    """source, numbering and expected_ids from council.yaml, as written (empty where absent)."""
    data = load_yaml(folder / "council.yaml", Problems()) if (folder / "council.yaml").is_file() else None
    keys = ("source", "numbering", "expected_ids")
    if data is None or not hasattr(data, "get"):
        return {k: "" for k in keys}
    return {k: str(data.get(k) or "").strip() for k in keys}


def source_of(folder: Path) -> Path | None:
    """The council's protocol text, where council.yaml names one and it is on this machine."""
    named = council_keys(folder)["source"]
    return (folder / named) if named and (folder / named).is_file() else None


def read_expected(file: Path) -> list[str]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return [l.strip() for l in lines if l.strip() and not l.lstrip().startswith("#")]


def expected_id_problems(folder: Path, paragraphs: dict, problems: Problems) -> None:
    """Ids in the expected list with no paragraph, and paragraphs the list does not have."""
    named = council_keys(folder)["expected_ids"]
    if not named or not (folder / named).is_file():
        return
    listed = folder / named
    expected = read_expected(listed)
    for pid in expected:
        if pid not in paragraphs:
            problems.add(folder / "council.yaml", 1, f"paragraph {pid} of the expected-id list "
                         f"({named}) has no entry in any section file.",
                         f"add '- id: \"{pid}\"' with its summary to the section it belongs to.")
    for pid, paragraph in paragraphs.items():
        if pid not in expected:
            problems.add(paragraph.section.file, paragraph.line, f"paragraph {pid} is not in the "
                         f"expected-id list ({named}).",
                         "use the id exactly as the source numbers it, or add it to the list if the "
                         "list missed it.")


def check_council_text(trees: Path, slugs: list[str], source: Path | None = None) -> list[Problem]:
    """Own-words problems of each council (against source, or its council.yaml `source:`)."""
    problems = Problems(trees)
    for slug in slugs:
        folder = trees / slug
        text = source or source_of(folder)
        if text is not None:
            own_words_problems(folder, text, problems)
    return problems.sorted()
