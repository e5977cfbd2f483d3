"""What the service worker precaches (generator/offline.py): the whole site for a guide of a few
councils; beyond PRECACHE_ALL_UP_TO, only what the councils share (issue 19)."""
import pytest

from generator import offline, urls


def site(folder, councils: int):
    files = ["index.html", "glossary/index.html", urls.ASSETS + "wizard.js", urls.PYODIDE + "pyodide.asm.wasm",
             "pagefind/pagefind.js", "pagefind/index/en_1.pf_index", "404.html", urls.ASSETS + "wizard.js.gz"]
    slugs = [f"council-{n}" for n in range(councils)]
    for slug in slugs:
        files += [f"{slug}/index.html", f"{slug}/ask/a-question/index.html", urls.TREES + f"{slug}/a-question.json",
                  urls.ASSETS + f"compare/requests/{slug}.json"]
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    return slugs


def precached(folder, slugs):
    return {e["url"] for e in offline.precache_entries(folder, slugs)}


SHARED = {"index.html", "glossary/index.html", urls.ASSETS + "wizard.js", urls.PYODIDE + "pyodide.asm.wasm"}


def test_a_guide_of_a_few_councils_precaches_every_page_tree_comparison_and_the_search(tmp_path):
    slugs = site(tmp_path, offline.PRECACHE_ALL_UP_TO)
    got = precached(tmp_path, slugs)
    assert SHARED | {"pagefind/pagefind.js", "pagefind/index/en_1.pf_index"} <= got
    for slug in slugs:
        assert {f"{slug}/index.html", f"{slug}/ask/a-question/index.html", urls.TREES + f"{slug}/a-question.json",
                urls.ASSETS + f"compare/requests/{slug}.json"} <= got
    assert "404.html" not in got and urls.ASSETS + "wizard.js.gz" not in got


def test_beyond_it_only_what_the_councils_share_is_precached(tmp_path):
    slugs = site(tmp_path, offline.PRECACHE_ALL_UP_TO + 1)
    # a folder whose name only starts like a council's is shared; a later part of the index is not
    for name in (f"{slugs[1]}-notes/index.html", "pagefind/part-1/index/en_2.pf_index"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    assert precached(tmp_path, slugs) == SHARED | {f"{slugs[1]}-notes/index.html"}


@pytest.mark.parametrize("name, revision", [(urls.PYODIDE + "pyodide.asm.wasm", None), ("index.html", str)])
def test_the_runtime_carries_its_hash_and_pages_their_revision(tmp_path, name, revision):
    slugs = site(tmp_path, 1)
    entry = next(e for e in offline.precache_entries(tmp_path, slugs) if e["url"] == name)
    if revision is None:
        assert entry["revision"] is None and entry["integrity"].startswith("sha384-")
    else:
        assert len(entry["revision"]) == 32 and "integrity" not in entry
