"""Every numbered paragraph of every source protocol is in that council's YAML.

tests/expected_ids/<council>.txt is the committed list of the source's ids, read by hand from
the source. Where ../shared/seeds is present, the ids a pattern finds in the source text must
all be in that list too, so the list cannot quietly fall behind the source.
"""
import re
from pathlib import Path

import pytest

from conftest import ROOT
from generator.loader import load_library

SEEDS = ROOT.parent / "shared" / "seeds"
EXPECTED = Path(__file__).resolve().parent / "expected_ids"
COUNCILS = {  # slug: (seed file, numbering scheme)
    "part5-unnamed": ("000_49c77ebd533333aa.txt", "dotted"),
    "cannock-chase": ("001_2c206b0ead6e9e81.txt", "dotted"),
    "dunstable": ("002_67db9816b9dd2982.txt", "unnumbered"),
    "derby": ("003_aa94a814b5b5c63f.txt", "derby"),
    "crawley": ("004_42e29fca7d98e6d8.txt", "dotted"),
}
LIBRARY = load_library(ROOT / "decision_trees")


def expected_ids(slug):
    lines = (EXPECTED / f"{slug}.txt").read_text(encoding="utf-8").splitlines()
    return [l.strip() for l in lines if l.strip() and not l.lstrip().startswith("#")]


def source_ids(text, scheme):
    """The paragraph numbers a pattern can see at the start of the source's lines."""
    if scheme == "dotted":
        return {m.group(1) for m in re.finditer(r"^\s*(\d+\.\d+(?:\.\d+)*)\b(?!\.\d)", text, re.M)}
    if scheme == "derby":
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


@pytest.mark.parametrize("slug", sorted(COUNCILS))
def test_every_expected_id_is_in_the_yaml(slug):
    assert slug in LIBRARY.councils, f"no decision_trees/{slug}"
    expected = expected_ids(slug)
    assert len(expected) == len(set(expected)), "the expected list repeats an id"
    missing = [i for i in expected if i not in LIBRARY.councils[slug].paragraphs]
    assert missing == [], f"{slug}: paragraphs missing from the YAML: {missing}"
    extra = [i for i in LIBRARY.councils[slug].paragraphs if i not in expected]
    assert extra == [], f"{slug}: YAML paragraphs that the source does not have: {extra}"


@pytest.mark.parametrize("slug", sorted(COUNCILS))
def test_the_source_has_no_numbered_paragraph_beyond_the_list(slug):
    seed, scheme = COUNCILS[slug]
    if not (SEEDS / seed).exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    found = source_ids((SEEDS / seed).read_text(encoding="utf-8"), scheme)
    if scheme != "unnumbered":
        assert len(found) > 20, "the pattern should find the source's numbering"
    missing = sorted(found - set(expected_ids(slug)))
    assert missing == [], f"{slug}: numbered in the source but not in expected_ids: {missing}"
