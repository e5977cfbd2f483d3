"""The councils the per-council tests cover: every folder in decision_trees/ with a council.yaml,
with its council.yaml `source:`, `numbering:` and `expected_ids:`. A new council folder (and its
tests/cases/<slug>.yaml) is covered without editing any test.

PG_TREES and PG_CASES point the tests at another decision_trees/ and cases folder; the test
that adds a sixth council (tests/test_add_your_council.py) uses them."""
import os
from pathlib import Path

from generator.loader import council_slugs
from generator.owncheck import council_keys

ROOT = Path(__file__).resolve().parent.parent
TREES = Path(os.environ.get("PG_TREES", ROOT / "decision_trees"))
CASES = Path(os.environ.get("PG_CASES", Path(__file__).resolve().parent / "cases"))
SLUGS = council_slugs(TREES)


def keys(slug: str) -> dict[str, str]:
    return council_keys(TREES / slug)


def path_of(slug: str, key: str) -> Path | None:
    named = keys(slug)[key]
    return (TREES / slug / named) if named else None
