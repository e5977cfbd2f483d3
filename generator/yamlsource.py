"""Read YAML keeping the line of every value, so errors can point at it.

Scalars stay strings exactly as written: a paragraph id `11.10` must not become
the float 11.1. Duplicate keys, which PyYAML would silently overwrite, are
reported.

The files are written by many hands and published, so reading is defensive: a file
too big, not UTF-8, holding control characters, nested too deep, using anchors and
aliases (which can expand a few lines into gigabytes) or tags such as `!include`, or
holding no content at all, gives one problem with its line and nothing else. Parsing
uses libyaml's C parser where PyYAML has it (about 10 times faster); values are built
from the parser's events, which carry the line of each value and never recurse.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from .markup import markup_problem
from .problems import Problems

MAX_BYTES = 1_000_000   # the largest real section file is about 11 KB
MAX_DEPTH = 20          # a wizard is nested about 6 deep
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What YAML 1.1 allows in a file (tab, newlines and printable text), as PyYAML's reader has it.
NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NULLS = {"", "~", "null", "Null", "NULL"}


class YStr(str):
    line: int = 1


class YMap(dict):
    line: int = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    line: int = 1


def line_of(value, default: int = 1) -> int:
    return getattr(value, "line", default)


class Unreadable(Exception):
    """The file cannot be used at all: one problem, at this line."""

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


def load_yaml(file: Path, problems: Problems):
    """Return the file's content with line numbers, or None after recording a problem."""
    try:
        return _read(file, problems)
    except Unreadable as err:
        problems.add(file, err.line, err.message, err.fix)
    except (OSError, RecursionError, MemoryError, ValueError) as err:
        problems.add(file, 1, f"the file cannot be read ({type(err).__name__}: {err}).",
                     "save it again as plain UTF-8 text, or restore it from the last good copy.")
    problems.unreadable.add(Path(file))
    return None


def _read(file: Path, problems: Problems):
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise Unreadable(1, f"the file is {size / 1_000_000:.1f} MB; the limit is "
                         f"{MAX_BYTES // 1_000_000} MB.",
                         "split it into smaller files (one per section, one per wizard).")
    text = _decode(file.read_bytes())
    bad = NOT_ALLOWED.search(text)
    if bad:
        char = bad.group()
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "a control character")
        raise Unreadable(text.count("\n", 0, bad.start()) + 1,
                         f"the file holds the invisible character U+{ord(char):04X} ({name}).",
                         "delete it (it usually comes from copying text out of a PDF or a word "
                         "processor): retype the text around it.")
    value = _build(text, file, problems)
    if value is _NOTHING:
        raise Unreadable(1, "the file is empty.", "add content or delete the file.")
    if value is None:
        raise Unreadable(1, "the file holds only an empty value ('~', 'null' or '---').",
                         "write the content, or delete the file.")
    return value


_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x1b: "ESCAPE", 0x7f: "DELETE",
                  0xfffe: "not a character", 0xffff: "not a character"}


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise Unreadable(line, f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} on "
                         "this line).", "save it as UTF-8 in your editor (in Word or Excel: "
                         "'Save as', then choose UTF-8).") from None


_NOTHING = object()


class _Open:
    """A mapping or list being built, and (for a mapping) the key waiting for its value."""
    __slots__ = ("value", "key", "key_line", "skip")

    def __init__(self, value):
        self.value, self.key, self.key_line, self.skip = value, None, 0, False


def _build(text: str, file: Path, problems: Problems):
    root = _NOTHING
    stack: list[_Open] = []
    documents = 0

    def place(value, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top.value, YList):
            top.value.append(value)
            return
        if not top.skip:
            top.value[top.key] = value
            top.value.key_lines[top.key] = top.key_line
        top.key, top.skip = None, False

    try:
        for event in yaml.parse(text, Loader=LOADER):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise Unreadable(line, "the file holds more than one YAML document ('---').",
                                     "keep one document per file: remove the second '---' and "
                                     "what follows, or move it to its own file.")
                continue
            if isinstance(event, yaml.AliasEvent):
                raise Unreadable(line, f"the YAML alias '*{event.anchor}' repeats another part "
                                 "of the file; the guide does not allow aliases.",
                                 "write the value out in full where it is needed.")
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                _refuse_anchor_and_tag(event, line)
            if isinstance(event, yaml.ScalarEvent):
                value = _scalar(event, line, file, problems)
                top = stack[-1] if stack else None
                if top is not None and isinstance(top.value, YMap) and top.key is None:
                    _take_key(top, event.value if value is not None else "", line, file, problems)
                else:
                    place(value, line)
            elif isinstance(event, yaml.CollectionStartEvent):
                top = stack[-1] if stack else None
                if top is not None and isinstance(top.value, YMap) and top.key is None:
                    raise Unreadable(line, "a key here is a list or block, not a name.",
                                     "write keys as plain names followed by ':'.")
                if len(stack) >= MAX_DEPTH:
                    raise Unreadable(line, f"the content is nested more than {MAX_DEPTH} levels "
                                     "deep.", "check the brackets and indentation on this line; "
                                     "the guide's files are never this deep.")
                value = YMap() if isinstance(event, yaml.MappingStartEvent) else YList()
                value.line = line
                stack.append(_Open(value))
            elif isinstance(event, yaml.CollectionEndEvent):
                done = stack.pop()
                place(done.value, done.value.line)
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text) from None
    except yaml.YAMLError as err:
        raise Unreadable(1, f"YAML cannot read the file ({err}).",
                         "check it is a text file written in YAML.") from None
    return root


def _refuse_anchor_and_tag(event, line: int) -> None:
    if event.anchor is not None:
        raise Unreadable(line, f"the YAML anchor '&{event.anchor}' marks a part to repeat "
                         "elsewhere; the guide does not allow anchors or aliases.",
                         "remove the anchor and write each value out in full.")
    plain = isinstance(event, yaml.ScalarEvent) and event.tag is None
    if not plain and event.tag not in (None, "!"):
        raise Unreadable(line, f"the YAML tag '{event.tag}' is not supported (each file is read "
                         "on its own, as plain text values).",
                         f"remove '{event.tag}'; to use another file's content, copy it here.")


def _scalar(event, line: int, file: Path, problems: Problems):
    if event.tag is None and event.implicit[0] and event.value in NULLS:
        return None
    value = YStr(event.value)
    value.line = line
    found = markup_problem(value)
    if found:
        offset, message, fix = found
        # block scalars ('|' and '>') start on the line after their key
        below = (1 if event.style in ("|", ">") else 0) + value.count("\n", 0, offset)
        problems.add(file, line + below, message, fix)
    return value


def _take_key(top: _Open, key: str, line: int, file: Path, problems: Problems) -> None:
    top.key, top.key_line = str(key), line
    if top.key in top.value:
        problems.add(file, line, f"the key '{top.key}' appears twice in this block "
                     f"(first on line {top.value.key_lines[top.key]}).",
                     "keep one of them; YAML would silently drop the first.")
        top.skip = True


def _syntax_error(err: yaml.MarkedYAMLError, text: str) -> Unreadable:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    what = err.problem or "the YAML cannot be read"
    context = f" ({err.context})" if err.context else ""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here or "tab" in what:
        fix = ("this line holds a tab character: YAML lines may start only with spaces, so "
               "replace the tab with spaces (inside text, a tab can become one space).")
    else:
        fix = ("check the indentation and the colons on this line and the one above; "
               "text containing ': ' or starting with a quote needs quoting as a whole.")
    return Unreadable(line, f"YAML syntax error: {what}{context}.", fix)
