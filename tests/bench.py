"""`make bench`: does the guide scale to hundreds of councils? A report, not a test.

Builds the guide in a temporary folder with 5, 30 and 300 councils (the five real ones copied
under new slugs, as `make search-scale` makes them) and reports, for each: build time, site
size, and the largest page's HTML (overall, and among council pages). Build time is given as
wall time and as CPU time (the build's processes), since a busy machine inflates the first. Targets (issue 19): the
largest page under 120 KB at 300 councils, the build under 5 minutes, size linear in councils.

    python tests/bench.py [--sizes 5 30 300]
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_scale import build, synthetic_trees  # noqa: E402

PAGE_LIMIT = 120 * 1024
BUILD_LIMIT = 5 * 60


def measure(councils: int, folder: Path) -> dict:
    trees = synthetic_trees(folder / "decision_trees", councils)
    slugs = {p.parent.name for p in trees.glob("*/council.yaml")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    site, seconds = build(trees, folder)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    council_pages = [p for p in pages if p[1].split("/", 1)[0] in slugs]
    return {"councils": councils, "seconds": seconds, "cpu": cpu,
            "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "html": sum(size for size, _ in pages), "pages": len(pages),
            "largest": max(pages), "largest_council": max(council_pages)}


def report(rows: list[dict]) -> None:
    print(f"\n{'councils':>8} {'build':>8} {'CPU':>7} {'site':>9} {'HTML':>9} {'pages':>6}  largest page (KB)")
    for r in rows:
        print(f"{r['councils']:>8} {r['seconds']:>7.1f}s {r['cpu']:>6.1f}s {r['site'] / 2**20:>7.1f}MB {r['html'] / 2**20:>7.1f}MB "
              f"{r['pages']:>6}  {r['largest'][0] / 1024:.0f} {r['largest'][1]}; council page "
              f"{r['largest_council'][0] / 1024:.0f} {r['largest_council'][1]}")
    for a, b in zip(rows, rows[1:]):
        per = (b["site"] - a["site"]) / (b["councils"] - a["councils"]) / 2**20
        per_s = (b["seconds"] - a["seconds"]) / (b["councils"] - a["councils"])
        per_cpu = (b["cpu"] - a["cpu"]) / (b["councils"] - a["councils"])
        print(f"{a['councils']} -> {b['councils']}: {per:.2f} MB, {per_s:.2f} s ({per_cpu:.2f} s CPU) per added council")
    last = rows[-1]
    print(f"\nat {last['councils']} councils: largest page {last['largest'][0] / 1024:.0f} KB "
          f"({'under' if last['largest'][0] < PAGE_LIMIT else 'OVER'} {PAGE_LIMIT // 1024} KB), build "
          f"{last['seconds']:.0f} s ({'under' if last['seconds'] < BUILD_LIMIT else 'OVER'} {BUILD_LIMIT} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 30, 300])
    args = parser.parse_args(argv)
    rows = []
    for councils in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(measure(councils, Path(tmp)))
        r = rows[-1]
        print(f"{councils} councils: built in {r['seconds']:.1f} s", flush=True)
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
