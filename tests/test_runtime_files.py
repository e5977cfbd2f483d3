"""What the site ships of Pyodide: a trimmed standard library and gzip copies of the large files."""
import gzip
import io
import zipfile
from pathlib import Path

from conftest import ROOT
from generator.pyodide_runtime import PRECOMPRESSED, STDLIB, STDLIB_FILES, gzipped, runtime_files

PACKAGE = ROOT / "node_modules" / "pyodide"


FILES = runtime_files(PACKAGE)


def test_the_archive_keeps_exactly_the_measured_files_with_their_bytes():
    files = FILES
    with zipfile.ZipFile(io.BytesIO(files[STDLIB])) as trimmed, zipfile.ZipFile(PACKAGE / STDLIB) as stock:
        assert set(trimmed.namelist()) == STDLIB_FILES & set(stock.namelist()) == STDLIB_FILES
        for name in trimmed.namelist():
            assert trimmed.read(name) == stock.read(name), name
    assert len(files[STDLIB]) < (PACKAGE / STDLIB).stat().st_size / 2


def test_each_gzip_copy_is_the_file_and_the_same_every_build():
    first = FILES
    for name in PRECOMPRESSED:
        source = first[name]
        original = source.read_bytes() if isinstance(source, Path) else source
        assert gzip.decompress(first[name + ".gz"]) == original
        assert len(first[name + ".gz"]) < len(original) * 0.5
    assert gzipped(b"same bytes") == gzipped(b"same bytes")  # no timestamp inside
