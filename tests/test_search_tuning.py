"""The theme's search worker is adjusted so sentences find paragraphs, and a theme upgrade that
moves the adjusted line stops the build instead of quietly searching worse."""
import pytest

from generator.search_tuning import ORIGINAL, TUNED, SearchWorkerChanged, tune_search_worker


def test_the_built_worker_keeps_the_wildcard_only_on_the_last_word(site):
    worker = next(site.glob("assets/javascripts/workers/search.*.min.js"))
    text = worker.read_text()
    assert TUNED in text and ORIGINAL not in text


def test_a_changed_worker_stops_the_build(tmp_path):
    folder = tmp_path / "assets" / "javascripts" / "workers"
    folder.mkdir(parents=True)
    (folder / "search.0000.min.js").write_text("something else entirely")
    with pytest.raises(SearchWorkerChanged, match="search_tuning.py"):
        tune_search_worker(tmp_path)


def test_tuning_twice_changes_nothing(tmp_path):
    folder = tmp_path / "assets" / "javascripts" / "workers"
    folder.mkdir(parents=True)
    worker = folder / "search.0000.min.js"
    worker.write_text(f"a{ORIGINAL}b")
    tune_search_worker(tmp_path)
    tune_search_worker(tmp_path)
    assert worker.read_text() == f"a{TUNED}b"
