"""Read YAML keeping the line of every value, so errors can point at it.

Scalars stay strings exactly as written: a paragraph id `11.10` must not become
the float 11.1. Duplicate keys, which PyYAML would silently overwrite, are
reported.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problems


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


NULL_TAG = "tag:yaml.org,2002:null"


def line_of(value, default: int = 1) -> int:
    return getattr(value, "line", default)


def _convert(node, file: Path, problems: Problems):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        value = YStr(node.value)
        value.line = line
        return value
    if isinstance(node, yaml.SequenceNode):
        items = YList(_convert(child, file, problems) for child in node.value)
        items.line = line
        return items
    if isinstance(node, yaml.MappingNode):
        mapping = YMap()
        mapping.line = line
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in mapping:
                problems.add(file, key_line, f"the key '{key}' appears twice in this block "
                             f"(first on line {mapping.key_lines[key]}).",
                             "keep one of them; YAML would silently drop the first.")
                continue
            mapping[key] = _convert(value_node, file, problems)
            mapping.key_lines[key] = key_line
        return mapping
    raise TypeError(f"unexpected YAML node {node!r}")  # aliases are resolved by compose


def load_yaml(file: Path, problems: Problems):
    """Return the file's content with line numbers, or None after recording a problem."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.add(file, 1, f"the file is not UTF-8 text ({err.reason}).",
                     "save it as UTF-8 in your editor.")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = err.problem or "the YAML cannot be read"
        context = f" ({err.context})" if err.context else ""
        problems.add(file, line, f"YAML syntax error: {what}{context}.",
                     "check the indentation and the colons on this line and the one above; "
                     "text containing ': ' or starting with a quote needs quoting as a whole.")
        return None
    if node is None:
        problems.add(file, 1, "the file is empty.", "add content or delete the file.")
        return None
    return _convert(node, file, problems)
