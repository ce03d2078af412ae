"""Import throughput on the shared corpus: archive reading, extraction, and storing.

    python bench/bench_import.py [--repeat N] [--corpus PATH]

The corpus is found as `newsmirror demo` finds it ($NEWSMIRROR_CORPUS, else ../shared/corpus) unless --corpus names it.

Prints a table: files, articles, seconds and articles/second for a first import into an empty
SQLite store, a re-import (everything unchanged), and extraction alone (repeated N times).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "src"), str(Path(__file__).resolve().parent.parent)]

from bench.corpus import require_corpus  # noqa: E402
from newsmirror.extract import extract_article  # noqa: E402
from newsmirror.ingest.archives import iter_archive_files, read_archive_file  # noqa: E402
from newsmirror.jobs.importing import import_paths  # noqa: E402
from newsmirror.store import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="the corpus folder (default: where the package finds it)")
    parser.add_argument("--repeat", type=int, default=3, help="extraction passes over the corpus (default 3)")
    options = parser.parse_args()
    options.corpus = require_corpus(options.corpus)

    table = Table(title=f"import benchmark ({options.corpus.name})")
    for column in ("stage", "files", "articles", "seconds", "articles/s"):
        table.add_column(column, justify="right" if column != "stage" else "left")

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.sqlite") as store:
        for label in ("first import", "re-import"):
            started = time.perf_counter()
            report = import_paths(store, [options.corpus])
            elapsed = time.perf_counter() - started
            # Article files, as before import reports counted each article once (files of one article repeat it).
            table.add_row(label, str(len(report.results)), str(report.article_files), f"{elapsed:.2f}",
                          f"{report.article_files / elapsed:.0f}")

    raws = [found.raw for path in iter_archive_files([options.corpus])
            if (found := read_archive_file(path)).raw is not None]
    started = time.perf_counter()
    for _ in range(options.repeat):
        for raw in raws:
            extract_article(raw)
    elapsed = time.perf_counter() - started
    count = len(raws) * options.repeat
    table.add_row(f"extract only x{options.repeat}", str(count), str(count), f"{elapsed:.2f}", f"{count / elapsed:.0f}")
    Console().print(table)


if __name__ == "__main__":
    main()
