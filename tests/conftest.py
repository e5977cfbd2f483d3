import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def make_trees(tmp_path: Path, case: str | None = None) -> Path:
    """A decision_trees folder: the valid base fixture, with a broken case's files laid over it."""
    trees = tmp_path / "decision_trees"
    shutil.copytree(FIXTURES / "base", trees)
    if case:
        shutil.copytree(FIXTURES / "broken" / case, trees, dirs_exist_ok=True)
    return trees


@pytest.fixture
def base_trees(tmp_path):
    return make_trees(tmp_path)
