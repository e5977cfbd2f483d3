"""protocol-guide import: a protocol's plain text to section files with ids, not words.

The text is what a PDF or web page copies to: page numbers, numbers on a line of their own,
paragraphs split across pages, bullets that lost their marks. The importer finds the
paragraph ids and headings and where each sits in the source (its line), and writes section
files whose summaries are empty: the author fills them in the guide's own words. It never
writes the source's sentences into the YAML; only headings (a few words) and ids.

Numbering schemes (council.yaml `numbering:`):
  dotted      sections 1, 2 ...; paragraphs 1.1, 2.2.1, 3.2.10; items (i), (ii)
  numbered    paragraphs 1, 2 ... 48; lettered items 16(a)
  unnumbered  headed blocks and bullets: id = short slug of the heading + position (intro-3)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SCHEMES = ("dotted", "numbered", "unnumbered")
BULLET = re.compile(r"^(?:[-•\u2022\uf0b7\u25aa\u25cf*–]|\uf0a7)\s*")
DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?(?=\s|$)\s*(.*)$")
BARE_NUMBER = re.compile(r"^(\d{1,2})\.?(?:\s+(.*))?$")
NUMBERED = re.compile(r"^(\d{1,2})\.\s+(.*)$")
LETTER = re.compile(r"^\(?([a-z])\)\s*(.*)$")
ROMAN = re.compile(r"^\((i{1,3}|iv|v|vi{0,3}|ix|x)\)\s*(.*)$")
SENTENCE_END = re.compile(r"[.:;?!\"”’)>]$")
REFERENCE = re.compile(r"\b(?:paragraphs?|para\.?|sections?)$", re.I)
PAGE = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$|^page\s+\d+", re.I)  # page furniture
SLUG_WORDS = 4  # a heading slug keeps its first few words: ids stay short in links


@dataclass
class Entry:
    id: str
    line: int                 # where it starts in the source (1-based)
    heading: str = ""         # the source's own heading for it, where it has one


@dataclass
class Section:
    id: str
    title: str
    line: int
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Imported:
    scheme: str
    sections: list[Section]
    unplaced: list[tuple[int, str]]  # (line, why): what the author must look at

    @property
    def ids(self) -> list[str]:
        return [e.id for s in self.sections for e in s.entries]


def slug(text: str, words: int = SLUG_WORDS) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    return "-".join(parts[:words]) or "section"


def detect_scheme(text: str) -> str:
    lines = [l.strip() for l in text.splitlines()]
    dotted = sum(1 for l in lines if DOTTED.match(l))
    numbered = sum(1 for l in lines if NUMBERED.match(BULLET.sub("", l)))
    if dotted >= 5:
        return "dotted"
    return "numbered" if numbered >= 3 else "unnumbered"


def _is_title(line: str) -> bool:
    """A heading: short, no full stop at the end, not a bullet, starts with a capital."""
    words = line.split()
    return (0 < len(words) <= 12 and not line.endswith((".", ";", ",")) and line[0].isupper()
            and not BULLET.match(line) and not line.endswith(":"))


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def import_text(text: str, scheme: str | None = None) -> Imported:
    scheme = scheme or detect_scheme(text)
    # Page furniture ("Page 3", "3 of 12") becomes a blank line; bare numbers are left to the
    # scheme, where "2" may be a section's number.
    lines = [l.replace("\u00a0", " ").rstrip() for l in text.splitlines()]
    lines = ["" if PAGE.match(l.strip()) and not l.strip().isdigit() else l for l in lines]
    return {"dotted": _dotted, "numbered": _numbered, "unnumbered": _unnumbered}[scheme](lines)


def _dotted(lines: list[str]) -> Imported:
    sections: list[Section] = []
    unplaced: list[tuple[int, str]] = []
    seen: set[str] = set()
    last: Entry | None = None
    heading = ""           # a sub-heading waiting for the next paragraph
    ended = True           # the previous text line ended a sentence
    previous = ""          # the previous text line
    bodied = True          # the last paragraph has had its first block of text
    i = 0
    while i < len(lines):
        raw = lines[i].strip()
        number = i + 1
        i += 1
        if not raw:
            continue
        before, previous = previous, raw
        current = int(sections[-1].id) if sections else 0
        bare = BARE_NUMBER.match(raw)
        if bare and int(bare.group(1)) == current + 1 and not DOTTED.match(raw):
            title = (bare.group(2) or "").strip()
            if not title:
                j = _next_nonblank(lines, i)
                if j < len(lines) and _is_title(lines[j].strip()):
                    title, i = lines[j].strip(), j + 1
                    if i < len(lines) and lines[i].strip() and _is_title(f"{title} {lines[i].strip()}") \
                            and _next_is_paragraph(lines, i + 1):
                        title, i = f"{title} {lines[i].strip()}", i + 1  # a title wrapped in two
            if title and _is_title(title.rstrip(":")):
                sections.append(Section(bare.group(1), _title_case(title), number))
                last, heading, ended = None, "", True
                continue
        if bare and not bare.group(2) and ended:
            continue  # a page number between paragraphs
        dotted = DOTTED.match(raw)
        if dotted and sections and dotted.group(1).split(".")[0] == sections[-1].id:
            pid = dotted.group(1)
            rest = dotted.group(2)
            if pid in seen or (rest in ("", ".") and REFERENCE.search(before)):
                # "as set out in paragraph / 11.3." : a reference wrapped onto a new line
                unplaced.append((number, f"'{pid}' at the start of a line repeats an id already "
                                 "placed, read as a cross-reference"))
                ended = bool(SENTENCE_END.search(raw))
                continue
            inline = re.match(r"^([A-Z][^.:]{1,60}):\s", rest)  # "6.1. The Mayor:  The Mayor ..."
            entry = Entry(pid, number, inline.group(1).strip() if inline else heading)
            sections[-1].entries.append(entry)
            seen.add(pid)
            last, heading, bodied = entry, "", bool(rest)
            ended = bool(SENTENCE_END.search(rest)) if rest else True
            continue
        roman = ROMAN.match(raw)
        if roman and last is not None:
            base = last.id.split("(")[0]
            entry = Entry(f"{base}({roman.group(1)})", number)
            sections[-1].entries.append(entry)
            seen.add(entry.id)
            continue
        if not sections:
            continue  # the document's own title lines
        if ended and _is_title(raw) and len(raw.split()) <= 6 and _next_is_paragraph(lines, i):
            heading = raw
            continue
        if last is None:
            unplaced.append((number, f"text in section {sections[-1].id} before its first "
                             "numbered paragraph"))
        elif not bodied:
            bodied = True
        elif ended and raw[0].isupper() and not BULLET.match(raw) and _blank_before(lines, number - 1) \
                and not LETTER.match(raw):
            unplaced.append((number, f"an unnumbered block after paragraph {last.id}; counted as "
                             f"part of it. If it is a point of its own, add an entry "
                             f"'{last.id}-<subject>'"))
        ended = bool(SENTENCE_END.search(raw)) or bool(BULLET.fullmatch(raw))
    return Imported("dotted", sections, unplaced)


def _blank_before(lines: list[str], index: int) -> bool:
    return index > 0 and not lines[index - 1].strip()


def _next_is_paragraph(lines: list[str], i: int) -> bool:
    j = _next_nonblank(lines, i)
    return j < len(lines) and bool(DOTTED.match(lines[j].strip()) or NUMBERED.match(
        BULLET.sub("", lines[j].strip())))


def _title_case(title: str) -> str:
    """'INTRODUCTION' reads as 'Introduction'; mixed case is kept as written."""
    return title.capitalize() if title.isupper() else title


def _numbered(lines: list[str]) -> Imported:
    sections: list[Section] = []
    unplaced: list[tuple[int, str]] = []
    last: Entry | None = None
    heading = ""
    expected = 1
    for index, line in enumerate(lines):
        raw = BULLET.sub("", line.strip()) if line.strip() else ""
        number = index + 1
        if not raw:
            continue
        para = NUMBERED.match(raw)
        if para and int(para.group(1)) == expected:
            if not sections:
                sections.append(Section(slug(heading or "introduction"), heading or "Introduction", number))
            entry = Entry(para.group(1), number, heading if heading != sections[-1].title else "")
            sections[-1].entries.append(entry)
            last, heading, expected = entry, "", expected + 1
            continue
        if para:
            unplaced.append((number, f"paragraph number {para.group(1)} where {expected} was "
                             "expected; left as text"))
            continue
        letter = LETTER.match(raw)
        if letter and line.lstrip().startswith(("(", "-", "•")) and last is not None:
            base = last.id.split("(")[0]
            sections[-1].entries.append(Entry(f"{base}({letter.group(1)})", number))
            continue
        if _is_title(raw) and not line.lstrip().startswith("-") and _next_is_paragraph(lines, index + 1):
            # A heading before a numbered paragraph: the first of a run starts a section.
            if heading and sections and sections[-1].entries:
                pass
            if heading == "" or not sections or sections[-1].entries:
                sections.append(Section(_unique(slug(raw), sections), raw, number))
            heading = raw
            continue
        if _is_title(raw) and not line.lstrip().startswith("-") and last is None and not sections:
            continue  # the document's own title
        if last is None:
            unplaced.append((number, "text before the first numbered paragraph"))
    return Imported("numbered", [s for s in sections if s.entries], unplaced)


def _unique(sid: str, sections: list[Section]) -> str:
    taken = {s.id for s in sections}
    candidate, n = sid, 2
    while candidate in taken:
        candidate, n = f"{sid}-{n}", n + 1
    return candidate


def _unnumbered(lines: list[str]) -> Imported:
    sections: list[Section] = []
    unplaced: list[tuple[int, str]] = []
    ended = True
    title_seen = 0
    for index, line in enumerate(lines):
        raw = line.strip()
        number = index + 1
        if not raw:
            continue
        if (bare := BARE_NUMBER.fullmatch(raw)) and not bare.group(2):
            continue  # a page number
        bullet = bool(BULLET.match(raw)) and len(raw) > 1
        heading = (not bullet and (ended or raw.isupper()) and _is_title(raw)
                   and _blank_around(lines, index))
        if heading and not sections and (raw.isupper() and title_seen < 2 and _next_is_title(lines, index)):
            title_seen += 1
            continue  # the council's name and the document's title above the first heading
        if heading:
            sections.append(Section(_unique(slug(raw), sections), _title_case(raw), number))
            ended = True
            continue
        if not sections:
            if raw.isupper():
                continue
            unplaced.append((number, "text before the first heading"))
            continue
        if _is_label(raw, lines, index):
            continue  # "Procedure for officers:": a label within the section, not a point
        starts = bullet or (ended and (raw[0].isupper() or raw[0] in "\"“'‘("))
        if starts:
            section = sections[-1]
            section.entries.append(Entry(f"{section.id}-{len(section.entries) + 1}", number))
        ended = bool(SENTENCE_END.search(raw)) or bullet and not _continues(lines, index)
    return Imported("unnumbered", [s for s in sections if s.entries], unplaced)


def _is_label(raw: str, lines: list[str], index: int) -> bool:
    """A short line ending in ':' on its own, followed by a paragraph rather than bullets."""
    if not raw.endswith(":") or len(raw.split()) > 4 or not _blank_around(lines, index):
        return False
    j = _next_nonblank(lines, index + 1)
    return j < len(lines) and not BULLET.match(lines[j].strip())


def _blank_around(lines: list[str], index: int) -> bool:
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return before and after


def _next_is_title(lines: list[str], index: int) -> bool:
    j = _next_nonblank(lines, index + 1)
    return j < len(lines) and lines[j].strip().isupper()


def _continues(lines: list[str], index: int) -> bool:
    """A bullet wrapped onto the next line (which starts in lower case)."""
    nxt = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return bool(nxt) and nxt[0].islower()


# --- writing the section files -------------------------------------------------------------

def _q(text: str) -> str:
    import json
    return json.dumps(text, ensure_ascii=False)


def _title_line(title: str) -> str:
    """A title of QUOTE_WORDS or more words is the document's own: written as a quotation."""
    if len(title.split()) >= QUOTE_WORDS:
        return f"title: {_q('“' + title + '”')}  # quoted from the document"
    return f"title: {_q(title)}"


QUOTE_WORDS = 12  # the own-words check's run length (generator/owncheck.py)


def section_yaml(section: Section, source_name: str) -> str:
    out = [f"# Imported from {source_name} by protocol-guide import: ids, headings and where each",
           "# paragraph starts in the source. Write every summary in your own words and add its tags.",
           f"section: {_q(section.id)}", _title_line(section.title), "paragraphs:"]
    for entry in section.entries:
        out.append(f"  - id: {_q(entry.id)}  # source line {entry.line}")
        if entry.heading:
            out.append(f"    heading: {_q(entry.heading)}")
        out += ['    summary: ""', "    applies_to: [everyone]", "    tags: []"]
    return "\n".join(out) + "\n"


def write_council(folder: Path, imported: Imported, source: Path) -> list[Path]:
    """Section files NN-<slug>.yaml and expected-ids.txt; refuses to overwrite a section file."""
    from .scaffold import FIRST_PARAGRAPH, FIRST_SECTION
    files = {}
    for n, section in enumerate(imported.sections, 1):
        name = f"{n:02d}-{slug(section.title)}.yaml"
        files[folder / name] = section_yaml(section, source.name)
    clashes = [f for f in files if f.exists()]
    if clashes:
        raise FileExistsError(f"{clashes[0]} already exists")
    for file, text in files.items():
        file.write_text(text, encoding="utf-8")
    listed = folder / "expected-ids.txt"
    listed.write_text(f"# Paragraph ids of {source.name}, in source order (protocol-guide import).\n"
                      "# Correct this list by hand where the import was wrong: check compares the\n"
                      "# section files with it.\n" + "\n".join(imported.ids) + "\n", encoding="utf-8")
    first = imported.sections[0]
    for wizard in sorted((folder / "wizards").glob("*.yaml")):
        text = wizard.read_text(encoding="utf-8")
        wizard.write_text(text.replace(FIRST_SECTION, first.id)
                          .replace(FIRST_PARAGRAPH, first.entries[0].id), encoding="utf-8")
    _record_source(folder / "council.yaml", folder, source, imported.scheme)
    return list(files) + [listed]


def _record_source(council: Path, folder: Path, source: Path, scheme: str) -> None:
    """Uncomment council.yaml's source/numbering/expected_ids lines (new-council wrote them)."""
    import os
    if not council.is_file():
        return
    where = os.path.relpath(source.resolve(), folder.resolve())
    values = {"source": where, "numbering": scheme, "expected_ids": "expected-ids.txt"}
    lines = council.read_text(encoding="utf-8").splitlines()
    present = {l.split(":")[0] for l in lines if not l.startswith((" ", "#"))}
    out = []
    for line in lines:
        key = line[2:].split(":")[0] if line.startswith("# ") else ""
        if key in values and key not in present:
            line = f"{key}: {values.pop(key)}"
        out.append(line)
    out += [f"{k}: {v}" for k, v in values.items() if k not in present]
    council.write_text("\n".join(out) + "\n", encoding="utf-8")


def cmd_import(args) -> int:
    folder = Path(args.trees) / args.slug
    source = Path(args.source)
    if not folder.is_dir():
        print(f"protocol-guide: no council folder {folder}. Fix: run protocol-guide new-council "
              f"{args.slug} --name \"...\" first.")
        return 2
    if not source.is_file():
        print(f"protocol-guide: {source} does not exist. Fix: save the protocol as plain text there.")
        return 2
    imported = import_text(source.read_text(encoding="utf-8", errors="replace"), args.numbering)
    if not imported.sections:
        print(f"{source}:1: no {imported.scheme} paragraphs found. Fix: check the text, or give "
              f"--numbering ({', '.join(SCHEMES)}).")
        return 1
    try:
        written = write_council(folder, imported, source)
    except FileExistsError as err:
        print(f"protocol-guide: {err}. Fix: import into a council with no section files yet "
              "(move the old ones away first).")
        return 2
    print(f"Imported {len(imported.ids)} paragraphs in {len(imported.sections)} sections "
          f"({imported.scheme} numbering) into {len(written) - 1} files; ids in {written[-1]}.")
    for line, why in imported.unplaced:
        print(f"{source}:{line}: {why}.")
    if imported.unplaced:
        print(f"{len(imported.unplaced)} line(s) to look at: the import could not place them with "
              "certainty.")
    return 0


def add_command(sub) -> None:
    imp = sub.add_parser("import", help="read a protocol's plain text into section files "
                         "(ids and headings; summaries empty)")
    imp.add_argument("slug")
    imp.add_argument("source", help="the protocol as plain text")
    imp.add_argument("--numbering", choices=SCHEMES, help="found from the text if not given")
