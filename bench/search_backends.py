"""Search on SQLite and PostgreSQL side by side, on real-length articles: latency and top-20 overlap.

    # synthetic scale from real bodies: the four days of ../shared/days replicated with shifted
    # dates and ids up to --articles (both stores are built; the PostgreSQL one in its own schema)
    bash scripts/pg-test-server -- python bench/search_backends.py --articles 64000
    # two stores that already hold the same data (e.g. a real archive and its `newsmirror migrate` copy)
    python bench/search_backends.py --sqlite /tmp/waimei.sqlite --postgres postgresql://...

For every query: p50/p95 of a 20-hit page (``Store.search``, snippets included) over --repeat
runs after one warm-up, p50 of ``count_search``, the number of matches, and how many of the 20
ids the two backends share (the ranking contract says all 20: title matches, then newest, then
id). The queries are the ones the issue reported, plus two very common words, a two-term query
and an exclusion; the PostgreSQL query plans were worked out on the replicated days, so the
untuned figures are those of a real archive given with --sqlite/--postgres (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsmirror.jobs.importing import import_paths
from newsmirror.jobs.migrate import migrate
from newsmirror.model import Article, utcnow
from newsmirror.store import ArticleQuery, SearchQuery, Store, open_store
from newsmirror.store.rows import article_columns, to_iso

REPO = Path(__file__).resolve().parent.parent
DAYS = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived"
QUERIES = ["疫情", "習近平", "拜登", "香港", "中国", "美国", "新冠 疫苗", "特朗普 -拜登"]

console = Console(width=140)


def _cache_search_keys() -> None:
    """Replicated bodies repeat: compute each one's search key once while loading (bench only;
    the stored index is exactly what the store would build)."""
    import newsmirror.store.pg_search as pg_search
    import newsmirror.store.sqlite as sqlite_store

    cached = functools.lru_cache(maxsize=8192)(sqlite_store.search_key)
    sqlite_store.search_key = cached  # type: ignore[assignment]
    pg_search.search_key = cached  # type: ignore[assignment]


def _replicas(seed: list[Article], total: int) -> Iterator[Article]:
    """Copies of the seed articles with new URLs (so new ids) and dates shifted back by whole
    weeks per round, until ``total`` articles."""
    made = 0
    round_ = 0
    while made < total:
        for article in seed:
            if made >= total:
                return
            shift = timedelta(days=7 * round_)
            url = f"{article.original_url}#copy-{round_}" if round_ else article.original_url
            yield dataclasses.replace(
                article, id="", original_url=url, canonical_url=url, guid=None,
                published_at=article.published_at - shift if article.published_at else None,
            )
            made += 1
        round_ += 1


def build_stores(sqlite_path: Path, pg_dsn: str, articles: int) -> None:
    _cache_search_keys()
    with tempfile.TemporaryDirectory() as scratch:
        with open_store(Path(scratch) / "seed.sqlite") as seed_store:
            started = time.perf_counter()
            import_paths(seed_store, [DAYS])
            seed = list(seed_store.iter_articles(ArticleQuery(newest_first=False)))
        console.print(f"seed: {len(seed)} real posts of {DAYS.name}/ in {time.perf_counter() - started:.0f}s")
    started = time.perf_counter()
    with open_store(sqlite_path) as store:
        columns: list[str] = []
        batch: list[tuple[object, ...]] = []
        now = to_iso(utcnow())
        for article in _replicas(seed, articles):
            row = article_columns(article)
            row.update(first_seen_at=now, updated_at=now, version=1, content_hash=article.content_hash,
                       status="live")
            columns = list(row)
            batch.append(tuple(row.values()))
            if len(batch) == 2000:
                store.insert_rows("articles", columns, batch)
                batch = []
        if batch:
            store.insert_rows("articles", columns, batch)
        store.finish_bulk_load()  # the search index, as `newsmirror migrate` builds it
        count = store.count_articles()
    console.print(f"SQLite: {count} articles in {time.perf_counter() - started:.0f}s")
    started = time.perf_counter()
    with open_store(sqlite_path) as source, open_store(pg_dsn) as target:
        migrate(source, target, batch_size=2000)
    console.print(f"PostgreSQL: copied and indexed in {time.perf_counter() - started:.0f}s")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _time(call: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    result = call()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def measure(stores: dict[str, Store], repeat: int) -> Table:
    table = Table(title=f"search, 20-hit page (ms over {repeat} runs after a warm-up)")
    for column in ("query", "backend", "matches", "page p50", "page p95", "count p50", "top-20 shared",
                   "chars in top 20"):
        table.add_column(column, justify="left" if column in ("query", "backend") else "right")
    for text in QUERIES:
        pages: dict[str, list[str]] = {}
        for name, store in stores.items():
            query = SearchQuery(text, limit=20)
            page_times, hits = _time(lambda s=store, q=query: s.search(q), repeat)  # type: ignore[misc]
            count_times, count = _time(lambda s=store, q=query: s.count_search(q), max(3, repeat // 4))  # type: ignore[misc]
            pages[name] = [h.article.id for h in hits]  # type: ignore[attr-defined]
            chars = sum(len(h.article.body_text) for h in hits)  # type: ignore[attr-defined]
            shared = len(set(pages[name]) & set(next(iter(pages.values()))))
            same_order = pages[name] == next(iter(pages.values()))
            table.add_row(
                text, name, str(count), f"{statistics.median(page_times):.1f}",
                f"{_percentile(page_times, 0.95):.1f}", f"{statistics.median(count_times):.1f}",
                f"{shared}/{len(pages[name])}" + (" same order" if same_order else ""), f"{chars:,}",
            )
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=8000, help="articles to build (synthetic mode)")
    parser.add_argument("--sqlite", help="an existing SQLite store (skip building)")
    parser.add_argument("--postgres", help="an existing PostgreSQL store with the same data (skip building)")
    parser.add_argument("--keep", help="build the SQLite store at this path and keep it")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    if bool(args.sqlite) != bool(args.postgres):
        parser.error("give both --sqlite and --postgres, or neither (then both are built)")
    if args.sqlite:
        sqlite_location, pg_location = args.sqlite, args.postgres
        console.print("data: the two given stores")
    else:
        dsn = os.environ.get("NEWSMIRROR_TEST_PG_DSN")
        if not dsn:
            parser.error("building needs a PostgreSQL server: run under scripts/pg-test-server")
        sys.path.insert(0, str(REPO))
        from tests.store.pg_util import fresh_schema_dsn

        pg_location = fresh_schema_dsn(dsn)
        scratch = tempfile.mkdtemp(prefix="search-backends-")
        sqlite_location = args.keep or str(Path(scratch) / "bench.sqlite")
        build_stores(Path(sqlite_location), pg_location, args.articles)
        console.print(f"stores: --sqlite {sqlite_location} --postgres '{pg_location}'")
        console.print(f"data: {args.articles} articles = real posts of {DAYS.relative_to(REPO.parent)} replicated "
                      "with dates shifted by whole weeks (the PostgreSQL query plans were worked out on this "
                      "kind of data: measure a real archive with --sqlite/--postgres for untuned numbers)")
    with open_store(sqlite_location) as sqlite_store, open_store(pg_location) as pg_store:
        console.print(measure({"SQLite": sqlite_store, "PostgreSQL": pg_store}, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
