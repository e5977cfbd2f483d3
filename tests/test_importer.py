"""protocol-guide import: ids from each numbering scheme and its debris, nothing of the source's
wording in the YAML, and (where ../shared/seeds is present) the committed ids recovered."""
import pytest

from councils import SLUGS, keys, path_of
from generator.citations import NUMBERED
from generator.importer import import_text, section_yaml
from generator.owncheck import copied_runs, read_expected, shingles, words

DOTTED = """\
Protocol for Member/Officer Relations
1.

INTRODUCTION

1.1

The council wrote this protocol so that members and officers can work well together
in the interests of everyone who lives in the district.
 1.2 A second paragraph with its number on the same line and text that runs on
over a page break.
12
2

Duties of Members

2.1

Members must:
2.1.1

do the first thing;
2.1.2
2.1.3

do the second thing, and
do the third thing as set out in paragraph
2.1.
2.2 The last paragraph.
(i)
(ii)
"""

NUMBERED_TEXT = """\
Working together

Principles

1. The first principle, in one line.
2. The second principle, which the council values.

Extra text that belongs to paragraph two.

Expectations

3. Councillors can expect:
 - (a) a working partnership;
 - (b) timely answers;
- (c) respect.
4. The fourth paragraph.
"""

UNNUMBERED = """\
TOWN COUNCIL

THE PROTOCOL

INTRODUCTION

The purpose of this protocol is to guide everyone who works for the town council.

A second paragraph that the page break split in two, before the word

agreed by councillors.

Officers must:

- do one thing
- do another thing

IF THINGS GO WRONG

Procedure for officers:

Talk to the clerk first.
Then write to the chair.
"""


def test_dotted_numbers_on_their_own_line_split_numbers_cross_references_and_items():
    found = import_text(DOTTED, "dotted")
    assert found.ids == ["1.1", "1.2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.2", "2.2(i)", "2.2(ii)"]
    assert [(s.id, s.title) for s in found.sections] == [("1", "Introduction"), ("2", "Duties of Members")]
    reference = next(line for line, why in found.unplaced if "cross-reference" in why)
    assert DOTTED.splitlines()[reference - 1].strip() == "2.1."


def test_numbered_paragraphs_and_lettered_items():
    found = import_text(NUMBERED_TEXT, "numbered")
    assert found.ids == ["1", "2", "3", "3(a)", "3(b)", "3(c)", "4"]
    assert [s.title for s in found.sections] == ["Principles", "Expectations"]


def test_unnumbered_headings_bullets_and_split_paragraphs():
    found = import_text(UNNUMBERED, "unnumbered")
    # The split paragraph is one; the lead-in and each bullet count; a "Procedure for ...:" label
    # does not; two sentences on consecutive lines are two paragraphs.
    assert found.ids == ["introduction-1", "introduction-2", "introduction-3", "introduction-4",
                         "introduction-5", "if-things-go-wrong-1", "if-things-go-wrong-2"]


def test_the_scheme_is_found_from_the_text():
    assert import_text(DOTTED).scheme == "dotted"
    assert import_text(NUMBERED_TEXT).scheme == "numbered"
    assert import_text(UNNUMBERED).scheme == "unnumbered"


def test_the_yaml_has_ids_and_headings_but_not_the_sources_sentences(tmp_path):
    found = import_text(DOTTED, "dotted")
    out = tmp_path / "section.yaml"
    out.write_text("".join(section_yaml(s, "protocol.txt") for s in found.sections))
    assert copied_runs(out, shingles(words(DOTTED), 6), 6) == []
    assert 'id: "2.1.3"  # source line 24' in out.read_text()


def _recall(slug):
    source = path_of(slug, "source")
    if source is None or not source.is_file():
        pytest.skip(f"{slug}: its source ({keys(slug)['source'] or 'no source:'}) is not on this machine")
    found = import_text(source.read_text(encoding="utf-8"), keys(slug)["numbering"] or None)
    return read_expected(path_of(slug, "expected_ids")), found


@pytest.mark.parametrize("slug", SLUGS)
def test_import_recovers_the_ids_the_source_prints(slug):
    """Ids the source prints (1.1, 16(a)): at least 98% found, and nothing invented. Ids that are
    the guide's own names for unnumbered text (dunstable's 'introduction-3', crawley's
    '6.2-budget-proposals') are measured by position in the next test."""
    expected, found = _recall(slug)
    printed = [i for i in expected if NUMBERED.match(i)]
    if not printed:
        pytest.skip(f"{slug}: the source prints no paragraph numbers")
    hits = set(printed) & set(found.ids)
    assert len(hits) / len(printed) >= 0.98, sorted(set(printed) - hits)
    invented = [i for i in found.ids if i not in expected]
    assert len(invented) <= 0.02 * len(found.ids), invented


@pytest.mark.parametrize("slug", SLUGS)
def test_import_places_unnumbered_text_by_heading_and_position(slug):
    expected, found = _recall(slug)
    if keys(slug)["numbering"] != "unnumbered":
        pytest.skip(f"{slug}: numbered source")
    groups = []
    for pid in expected:
        head = pid.rsplit("-", 1)[0]
        if not groups or groups[-1][0] != head:
            groups.append([head, 0])
        groups[-1][1] += 1
    assert [n for _, n in groups] == [len(s.entries) for s in found.sections]
