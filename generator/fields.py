"""Typed access to one YAML block, recording a problem for every wrong or unknown field."""
from __future__ import annotations

from pathlib import Path

from .names import name_problem
from .problems import Problems
from .yamlsource import YMap, line_of

TRUE = {"true", "yes"}
FALSE = {"false", "no"}

# The kind of name a block's 'id' (or other naming key) defines, checked by names.py.
ID_KINDS = {("a paragraph", "id"): "paragraph", ("a question", "id"): "question",
            ("an answer", "id"): "answer", ("a wizard", "id"): "wizard", ("a tag", "id"): "tag",
            ("a situation", "id"): "situation", ("a question bank", "topic"): "topic"}
# Blocks whose keys are names: a wizard's steps and outcomes, a council's roles.
KEY_KINDS = {"steps": "step", "outcomes": "outcome", "roles": "role"}


class Block:
    """One mapping in a YAML file, read against the fields it may hold."""

    def __init__(self, value, file: Path, problems: Problems, what: str,
                 required: tuple[str, ...], optional: tuple[str, ...] = (), line: int | None = None):
        self.file, self.problems, self.what = file, problems, what
        self.required = set(required)
        self.ok = isinstance(value, YMap)
        self.data: YMap = value if self.ok else YMap()
        # The key's line when the caller knows it (a block's own first line is the line after).
        self.line = line if line is not None else line_of(value)
        if not self.ok:
            self.problem(self.line, f"{what} should be a block of 'key: value' lines.",
                         f"write it as keys indented under it: {', '.join(required)}.")
            return
        allowed = set(required) | set(optional)
        for key in self.data:
            if key not in allowed:
                self.problem(self.data.line_of(key), f"unknown key '{key}' in {what}.",
                             f"use only {', '.join(sorted(allowed))} (check the spelling).")
        for key in required:
            if key not in self.data:
                self.problem(self.line, f"{what} is missing '{key}'.", f"add a '{key}:' line to it.")

    def problem(self, line: int, message: str, fix: str = "") -> None:
        self.problems.add(self.file, line, message, fix)

    def line_of(self, key: str) -> int:
        return self.data.line_of(key) if key in self.data else self.line

    def _empty(self, key: str) -> bool:
        """True when the key is there with nothing after it (`key:` or `key: ~`)."""
        if key in self.data and self.data[key] is None and key in self.required:
            self.problem(self.line_of(key), f"'{key}' in {self.what} is empty.",
                         f"write its value after '{key}:'.")
            return True
        return False

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            self._empty(key)
            return default
        if isinstance(value, str):
            if not value.strip() and key in self.data:
                self.problem(self.line_of(key), f"'{key}' in {self.what} is empty.",
                             "write the text, or remove the line if it is optional.")
            elif (self.what, key) in ID_KINDS:
                self._check_name(value.strip(), ID_KINDS[self.what, key], self.line_of(key))
            return " ".join(str(value).split())
        self.problem(self.line_of(key), f"'{key}' in {self.what} should be text.",
                     "write it on one line after the colon, or use '>' and indent the text below.")
        return default

    def _check_name(self, name: str, kind: str, line: int) -> None:
        found = name_problem(name, kind)
        if found:
            self.problem(line, *found)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, str) and value.lower() in TRUE | FALSE:
            return value.lower() in TRUE
        self.problem(self.line_of(key), f"'{key}' in {self.what} should be true or false.",
                     f"write '{key}: true' or '{key}: false'.")
        return default

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            self._empty(key)
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(self.line_of(key), f"'{key}' in {self.what} should be a list of text.",
                         "put each item on its own line starting with '- ' (an empty '- ' "
                         "line counts as an item).")
            return []
        empty = [v for v in value if not v.strip()]
        if empty:
            self.problem(line_of(empty[0], self.line_of(key)), f"an item in '{key}' in {self.what} "
                         "is empty.", "write the item, or delete its line.")
            return [" ".join(v.split()) for v in value if v.strip()]
        return [" ".join(v.split()) for v in value]

    def items(self, key: str) -> list:
        value = self.data.get(key)
        if value is None:
            self._empty(key)
            return []
        if not isinstance(value, list):
            self.problem(self.line_of(key), f"'{key}' in {self.what} should be a list.",
                         "start each item on its own line with '- '.")
            return []
        return value

    def mapping(self, key: str) -> YMap:
        value = self.data.get(key)
        if value is None:
            self._empty(key)
            return YMap()
        if not isinstance(value, YMap):
            self.problem(self.line_of(key), f"'{key}' in {self.what} should be a block of "
                         "'name: value' lines.", "indent the entries under it, one per line.")
            return YMap()
        if key in KEY_KINDS:
            for name in value:
                self._check_name(name, KEY_KINDS[key], value.line_of(name))
        return value
