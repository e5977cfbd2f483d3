"""The thesaurus: everyday words people search with, mapped to the words the protocols use.

decision_trees/thesaurus.yaml maps each everyday word to one or more of the protocols' own
phrases. At build time (generator/search.py) every paragraph or answer that uses one of those
phrases is also indexed under the everyday word, so "daughter" finds "family and close
relationships" in the static index, with or without the Python engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import InvalidTrees, Problems
from .yamlsource import YMap, line_of, load_yaml

FILE = "thesaurus.yaml"
WORD = re.compile(r"[a-z][a-z' -]*[a-z]|[a-z]")
FIX_ENTRY = "write it as 'everyday word: [protocol phrase, another phrase]'."


@dataclass(frozen=True)
class Entry:
    word: str                  # what a person types
    phrases: tuple[str, ...]   # what the protocols say
    line: int = 1


class Thesaurus:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        # One pattern per protocol phrase, with a plural or verb ending allowed on its last word,
        # and the phrase's words: a text without one of them cannot match, and looking for plain
        # substrings is many times quicker than the pattern (the build runs this on every
        # paragraph and answer of every council).
        self._patterns: list[tuple[tuple[str, ...], re.Pattern, str]] = [
            (tuple(phrase.lower().split()),
             re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"(?:s|es|ed|ing)?\b", re.I),
             entry.word)
            for entry in entries for phrase in entry.phrases]

    def __len__(self) -> int:
        return len(self.entries)

    def words_for(self, text: str) -> list[str]:
        """The everyday words whose protocol phrases occur in text (each once, in file order)."""
        found: dict[str, None] = {}
        lowered = text.lower()
        for words, pattern, word in self._patterns:
            if word not in found and all(w in lowered for w in words) and pattern.search(text):
                found[word] = None
        return list(found)


def load_thesaurus(trees: Path, problems: Problems | None = None) -> Thesaurus:
    """Read and check decision_trees/thesaurus.yaml; an absent file is an empty thesaurus.

    With problems given, problems are added to it; without, InvalidTrees is raised."""
    own = problems is None
    problems = Problems(trees) if problems is None else problems
    file = Path(trees) / FILE
    entries = _entries(file, problems) if file.is_file() else []
    if own and problems:
        raise InvalidTrees(problems.sorted())
    return Thesaurus(entries)


def _entries(file: Path, problems: Problems) -> list[Entry]:
    data = load_yaml(file, problems)
    if data is None:
        return []
    if not isinstance(data, YMap):
        problems.add(file, line_of(data), "the thesaurus must be a list of 'word: [phrases]' lines.", FIX_ENTRY)
        return []
    entries = []
    for key, value in data.items():
        line = data.line_of(key)
        word = str(key).strip().lower()
        if not isinstance(key, str) or not WORD.fullmatch(word):
            problems.add(file, line, f"'{key}' is not an everyday word or phrase.",
                         "use letters, spaces, hyphens and apostrophes only.")
            continue
        phrases = [value] if isinstance(value, str) else value
        if not isinstance(phrases, list) or not phrases:
            problems.add(file, line, f"'{key}' lists no protocol phrase.", FIX_ENTRY)
            continue
        good = []
        for phrase in phrases:
            text = str(phrase).strip().lower() if isinstance(phrase, str) else ""
            if not WORD.fullmatch(text):
                problems.add(file, line_of(phrase, line), f"'{phrase}' under '{key}' is not a phrase.",
                             "use words as the protocols write them: letters, spaces, hyphens.")
            elif text == word:
                problems.add(file, line_of(phrase, line), f"'{key}' maps to itself.",
                             "list the protocols' other words for it, or remove the line.")
            else:
                good.append(text)
        if good:
            entries.append(Entry(word, tuple(good), line))
    return entries
