"""What the site ships of Pyodide: a trimmed standard library compiled to bytecode (bytecode.py;
test_engine_parity.py runs the engine on it in Pyodide), and .gz and .br copies of the large
files (precompress.py) that decompress to the file and are the same every build."""
import gzip
import io
import zipfile

import brotli

from conftest import ROOT
from generator import urls
from generator.precompress import Precompressor, cached, gzipped
from generator.pyodide_runtime import PRECOMPRESSED, STDLIB, STDLIB_FILES, content, runtime_files

PACKAGE = ROOT / "node_modules" / "pyodide"


CACHE = ROOT / "node_modules" / ".cache" / "protocol-guide"
FILES = runtime_files(PACKAGE, CACHE)
UNCHECKED_HASH_PYC = (0b01).to_bytes(4, "little")  # PEP 552: hash-based, never checked against a source


def test_the_archive_holds_exactly_the_measured_modules_as_bytecode_and_no_source():
    with zipfile.ZipFile(io.BytesIO(FILES[STDLIB])) as shipped, zipfile.ZipFile(PACKAGE / STDLIB) as stock:
        assert STDLIB_FILES <= set(stock.namelist())
        assert set(shipped.namelist()) == {name + "c" for name in STDLIB_FILES}
        entries = shipped.infolist()
        assert {entry.compress_type for entry in entries} == {zipfile.ZIP_STORED}
        headers = {shipped.read(entry.filename)[:8] for entry in entries}
        assert len(headers) == 1  # one interpreter's magic number throughout
        magic, flags = next(iter(headers))[:4], next(iter(headers))[4:]
        assert flags == UNCHECKED_HASH_PYC and magic.endswith(b"\r\n")
    assert len(FILES[STDLIB]) < (PACKAGE / STDLIB).stat().st_size * 1.5


def test_the_built_site_has_each_copy_of_each_large_file(site):
    for name in PRECOMPRESSED:
        original = (site / urls.PYODIDE / name).read_bytes()
        assert original == content(FILES[name])
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
