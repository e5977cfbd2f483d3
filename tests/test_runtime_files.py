"""What the site ships of Pyodide: a trimmed standard library, and .gz and .br copies of the
large files (precompress.py) that decompress to the file and are the same every build."""
import gzip
import io
import zipfile

import brotli

from conftest import ROOT
from generator import urls
from generator.precompress import Precompressor, cached, gzipped
from generator.pyodide_runtime import PRECOMPRESSED, STDLIB, STDLIB_FILES, runtime_files

PACKAGE = ROOT / "node_modules" / "pyodide"


FILES = runtime_files(PACKAGE)


def test_the_archive_keeps_exactly_the_measured_files_with_their_bytes():
    files = FILES
    with zipfile.ZipFile(io.BytesIO(files[STDLIB])) as trimmed, zipfile.ZipFile(PACKAGE / STDLIB) as stock:
        assert set(trimmed.namelist()) == STDLIB_FILES & set(stock.namelist()) == STDLIB_FILES
        for name in trimmed.namelist():
            assert trimmed.read(name) == stock.read(name), name
    assert len(files[STDLIB]) < (PACKAGE / STDLIB).stat().st_size / 2


def test_the_built_site_has_each_copy_of_each_large_file(site):
    for name in PRECOMPRESSED:
        original = (site / urls.PYODIDE / name).read_bytes()
        assert original == (PACKAGE / name).read_bytes()
        gz = (site / urls.PYODIDE / (name + ".gz")).read_bytes()
        br = (site / urls.PYODIDE / (name + ".br")).read_bytes()
        assert gzip.decompress(gz) == original and brotli.decompress(br) == original, name
        assert len(br) < len(gz) < len(original) * 0.5, name
    assert brotli.decompress((site / (urls.MERMAID + ".br")).read_bytes()) == (site / urls.MERMAID).read_bytes()


def test_copies_are_the_same_every_build_and_come_from_the_cache(tmp_path):
    assert gzipped(b"same bytes") == gzipped(b"same bytes")  # no timestamp inside
    first = cached(b"some text " * 100, ".br", tmp_path)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(b"from the cache")          # a later build reads it instead of compressing
    assert cached(b"some text " * 100, ".br", tmp_path) == b"from the cache"
    assert brotli.decompress(first) == b"some text " * 100
    job = Precompressor(tmp_path / "other")
    job.add("a/b.js", b"x" * 1000)
    assert job.write(tmp_path / "site") == ["a/b.js.br", "a/b.js.gz"]
    assert gzip.decompress((tmp_path / "site/a/b.js.gz").read_bytes()) == b"x" * 1000
