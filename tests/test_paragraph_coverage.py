"""Every paragraph of every council's protocol is in that council's YAML.

Each council's council.yaml names its expected-id list (`expected_ids:`, read by hand from the
source or written by `protocol-guide import`), its source text (`source:`) and numbering
(`numbering:`). Where the source is on this machine, the ids a pattern finds in it must all be
in the list too, so the list cannot quietly fall behind the source.
"""
import re

import pytest

from councils import SLUGS, TREES, keys, path_of
from generator.loader import load_library
from generator.owncheck import read_expected

LIBRARY = load_library(TREES)


def source_ids(text, scheme):
    """The paragraph numbers a pattern can see at the start of the source's lines."""
    if scheme == "dotted":
        return {m.group(1) for m in re.finditer(r"^\s*(\d+\.\d+(?:\.\d+)*)\b(?!\.\d)", text, re.M)}
    if scheme == "numbered":
        found, number = set(), None
        for line in text.splitlines():
            paragraph = re.match(r"^\s*-?\s*(\d{1,2})\.\s", line)
            letter = re.match(r"^\s*-\s*\(([a-z])\)", line)
            if paragraph:
                number = paragraph.group(1)
                found.add(number)
            elif letter and number:
                found.add(f"{number}({letter.group(1)})")
        return found
    return set()


@pytest.mark.parametrize("slug", SLUGS)
def test_every_expected_id_is_in_the_yaml(slug):
    listed = path_of(slug, "expected_ids")
    assert listed is not None and listed.is_file(), (
        f"{slug}: council.yaml has no 'expected_ids:' list (protocol-guide import writes one)")
    expected = read_expected(listed)
    assert len(expected) == len(set(expected)), "the expected list repeats an id"
    missing = [i for i in expected if i not in LIBRARY.councils[slug].paragraphs]
    assert missing == [], f"{slug}: paragraphs missing from the YAML: {missing}"
    extra = [i for i in LIBRARY.councils[slug].paragraphs if i not in expected]
    assert extra == [], f"{slug}: YAML paragraphs that the source does not have: {extra}"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_source_has_no_numbered_paragraph_beyond_the_list(slug):
    source, scheme = path_of(slug, "source"), keys(slug)["numbering"]
    if source is None or not source.is_file():
        pytest.skip(f"{slug}: its source text ({keys(slug)['source'] or 'no source:'}) is not on this machine")
    assert scheme, f"{slug}: council.yaml has 'source:' but no 'numbering:'"
    found = source_ids(source.read_text(encoding="utf-8"), scheme)
    if scheme != "unnumbered":
        assert len(found) >= 3, "the pattern should find the source's numbering"
    missing = sorted(found - set(read_expected(path_of(slug, "expected_ids"))))
    assert missing == [], f"{slug}: numbered in the source but not in expected_ids: {missing}"
