"""Full and incremental build time of all three outputs for N synthetic articles.

    python bench/build_bench.py                 # 10k articles
    python bench/build_bench.py --articles 100000

Phases: full build into an empty folder; incremental build after changing 1% of the
articles; a build of the unchanged store (should write nothing). Images are off (no
network in benchmarks); QR codes, feeds, indexes and the sitemap are on.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsmirror.jobs.building import build
from newsmirror.model import Article
from newsmirror.publish.base import BuildOptions
from newsmirror.store.rows import article_columns
from newsmirror.store.sqlite import SQLiteStore

OUTLETS = ["测试日报", "樣本時報", "模拟新闻网", "示例电台", "範例通訊社"]
CHANNELS = ["国内", "国际", "财经", "评论"]
PHRASES = ["市政府今天宣布新的交通计划", "专家认为经济前景仍不明朗", "居民对新政策表示关注", "官员拒绝回应记者提问",
           "报告显示出口连续三个月下降", "多名学者联名发表公开信", "当局加强了网络信息管理"]


def synthetic(n: int, rng: random.Random, revision: int = 0) -> Article:
    paragraphs = ["，".join(rng.choice(PHRASES) for _ in range(4)) + "。" for _ in range(6)]
    if revision:
        paragraphs.append(f"（第{revision}次更新）")
    outlet = OUTLETS[n % len(OUTLETS)]
    return Article(
        outlet=outlet, channel=CHANNELS[n % len(CHANNELS)], title=f"第{n}号报道：{rng.choice(PHRASES)}",
        original_url=f"https://outlet.invalid/{n}.html",
        published_at=datetime(2022, 1, 1, tzinfo=UTC) + timedelta(minutes=17 * n),
        body_html="".join(f"<p>{p}</p>" for p in paragraphs), body_text="\n\n".join(paragraphs),
        script="zh-Hans", authors=["记者"],
    )


def bulk_insert(store: SQLiteStore, articles: Iterable[Article]) -> None:
    """Rows straight into the articles table: the store's upsert matches URLs with an
    unindexed OR query, so 100k upserts take hours; the build reads nothing else."""
    now = datetime.now(UTC).isoformat()
    with store.transaction():
        for article in articles:
            columns = article_columns(article) | {"first_seen_at": now, "updated_at": now, "version": 1}
            names = ", ".join(columns)
            marks = ", ".join(f":{name}" for name in columns)
            store.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", columns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--changed", type=float, default=0.01, help="share of articles changed (default 1%%)")
    parser.add_argument("--keep", type=Path, help="build here and keep the output")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nm-build-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    console = Console()
    table = Table(title=f"newsmirror build: {args.articles:,} synthetic articles, 3 formats")
    for column in ("phase", "seconds", "articles/s", "rendered", "files written", "files removed"):
        table.add_column(column, justify="left" if column == "phase" else "right")
    try:
        with SQLiteStore(work / "store.sqlite") as store:
            rng = random.Random(7)
            started = time.perf_counter()
            bulk_insert(store, (synthetic(n, rng) for n in range(args.articles)))
            console.print(f"stored {args.articles:,} articles in {time.perf_counter() - started:.1f}s")
            options = BuildOptions(base_url="https://mirror.invalid/news")

            def phase(name: str) -> None:
                report = build(store, work / "out", ["all"], options, images=False)
                rendered = sum(c.rendered_inputs for c in report.formats.values())
                removed = sum(c.removed for c in report.formats.values())
                table.add_row(name, f"{report.seconds:.1f}", f"{report.articles / report.seconds:,.0f}",
                              f"{rendered:,}", f"{report.written:,}", f"{removed:,}")
                console.print(f"{name}: {report.seconds:.1f}s")

            phase("full build")
            changed = rng.sample(range(args.articles), max(1, int(args.articles * args.changed)))
            for n in changed:
                store.upsert_article(synthetic(n, rng, revision=1))
            phase(f"incremental ({len(changed):,} changed)")
            phase("unchanged store")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    console.print(table)


if __name__ == "__main__":
    main()
