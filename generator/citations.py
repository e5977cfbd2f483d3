"""How a citation names a paragraph: as the council's own document numbers it, never by the
guide's internal id ("6.2-use-of-information", "press-and-media-3")."""
from __future__ import annotations

import re

from .model import Paragraph

NUMBERED = re.compile(r"^\d+(?:\.\d+)*(?:\([a-z0-9]+\))?$")      # 11.3, 3.2.10, 16(a)
PART_OF_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)-([a-z0-9-]+?)(?:\(([a-z0-9]+)\))?$")  # 6.2-budget-proposals(a)
POSITION = re.compile(r"^(.+)-(\d+)$")                             # press-and-media-3


def cite_label(paragraph: Paragraph) -> str:
    """'paragraph 11.3'; "'Press and media', point 3"; 'paragraph 6.2 (part: Budget proposals, item a)'."""
    if paragraph.cite_as:
        return paragraph.cite_as
    pid = paragraph.id
    if NUMBERED.match(pid):
        return f"paragraph {pid}"
    part = PART_OF_NUMBERED.match(pid)
    if part:
        number, slug, item = part.groups()
        name = _heading_of(paragraph, f"{number}-{slug}") or slug.replace("-", " ").capitalize()
        return f"paragraph {number} (part: {name}" + (f", item {item})" if item else ")")
    position = POSITION.match(pid)
    section = paragraph.section
    if position and section is not None and position.group(1) == section.id:
        return f"'{section.title}', point {position.group(2)}"
    return f"'{paragraph.heading}'" if paragraph.heading else f"paragraph {pid}"


def _heading_of(paragraph: Paragraph, pid: str) -> str:
    """The heading of a paragraph's parent block (an item '(a)' has none of its own)."""
    if paragraph.id == pid and paragraph.heading:
        return paragraph.heading
    section = paragraph.section
    parent = next((p for p in section.paragraphs if p.id == pid), None) if section else None
    return parent.heading if parent is not None else paragraph.heading


def display_number(paragraph: Paragraph) -> str:
    """The number a section page shows before a paragraph's heading, as the document has it."""
    if paragraph.cite_as:
        return paragraph.cite_as
    pid = paragraph.id
    if NUMBERED.match(pid):
        return pid
    part = PART_OF_NUMBERED.match(pid)
    if part:
        number, _, item = part.groups()
        return f"{number} ({item})" if item else f"{number}, continued"
    position = POSITION.match(pid)
    if position and paragraph.section is not None and position.group(1) == paragraph.section.id:
        return f"Point {position.group(2)}"
    return ""
