"""Re-checks per second against a loopback site of synthetic Chinese article pages.

    python bench/recheck_bench.py                   # 300 articles per scenario (well under a minute)
    python bench/recheck_bench.py --articles 3000 --workers 16

Articles are stored the way ingest stores them (the page fetched and extracted), then the
whole set is re-checked under several scenarios, each a full run of the re-check job
(conditional GET through newsmirror.fetch.Fetcher, extraction, classification, store writes):

- 304: the server honours ETags, every answer is "Not Modified" (the common case);
- unchanged 200: the server sends the full page again with new ads, render time and counters;
- mixed: of the pages, 10% edited, 5% 404, 5% soft 404, 5% redirected home, the rest unchanged.

The table shows re-checks/s and the outcomes counted; "as expected" says whether they match
what the server did (no false edit in the unchanged scenarios, every edit and takedown seen).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # this checkout's package, and tests.httpserver (the loopback server)

from tests.httpserver import LoopbackServer  # noqa: E402

from newsmirror.config import FetchSettings  # noqa: E402
from newsmirror.fetch import Fetcher  # noqa: E402
from newsmirror.jobs.recheck import default_extractor, recheck_due  # noqa: E402
from newsmirror.model import DocumentKind, RawDocument, utcnow  # noqa: E402
from newsmirror.store import open_store  # noqa: E402

CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
    "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向"
)
NOT_FOUND = ("<html><head><title>示例新闻网</title></head><body><nav><a href='/'>首页</a></nav>"
             "<p>抱歉，您访问的页面不存在或已被删除。</p></body></html>")
HOME = ("<html><head><title>示例新闻网 首页</title></head><body><ul>"
        + "".join(f"<li><a href='/n/{i}.html'>今日要闻标题第{i}条</a></li>" for i in range(20)) + "</ul></body></html>")


def sentence(rng: random.Random) -> str:
    return "".join(rng.choice(CHARS) for _ in range(rng.randint(18, 40))) + "。"


def page(title: str, paragraphs: list[str], rng: random.Random) -> str:
    noise = rng.randint(1, 10**6)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{title} - 示例新闻网</title>"
            f"<meta property='og:title' content='{title}'>"
            "<meta property='article:published_time' content='2026-11-20T08:00:00+08:00'></head><body>"
            f"<nav><a href='/?utm_source={noise}'>首页</a> <a href='/china/'>中国</a></nav>"
            f"<div class='ad'>广告 特价促销 {noise}</div><article><h1>{title}</h1>"
            f"<div class='meta'>阅读 {noise}</div>{body}</article>"
            f"<footer>页面生成时间：2026-11-23 09:{noise % 60:02d}:{noise % 59:02d}</footer></body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    console = Console()
    extract = default_extractor()
    settings = FetchSettings(per_host_delay_seconds=0, per_host_concurrency=args.workers, max_retries=0,
                             respect_robots=False, private_hosts=["127.0.0.1"])  # the loopback site, allowed
    rows = []
    with tempfile.TemporaryDirectory() as tmp, LoopbackServer() as server, \
            open_store(Path(tmp) / "bench.sqlite") as store, Fetcher(settings) as fetcher:
        articles: dict[str, tuple[str, str, list[str]]] = {}
        ids = []
        for n in range(args.articles):
            path = f"/news/2026/11/20/{n}.html"
            title = "".join(rng.choice(CHARS) for _ in range(12))
            paragraphs = [sentence(rng) + sentence(rng) for _ in range(rng.randint(4, 10))]
            html = page(title, paragraphs, rng)
            server.route(path, body=html, etag=f'"{n}-1"')
            article = extract(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=server.url(path),
                                          outlet_hint="示例新闻网"))
            store.upsert_article(article)
            articles[article.id] = (path, title, paragraphs)
            ids.append(article.id)
        clock = utcnow()

        def run(name: str, expected: dict[str, int]) -> None:
            nonlocal clock
            clock += timedelta(days=400)  # far enough ahead that every article is due: the scheduled path
            summary = recheck_due(store, fetcher, now=clock, limit=len(ids), extract=extract, workers=args.workers)
            counts = Counter(r.outcome.value for r in summary.reports)
            as_expected = all(counts.get(k, 0) == v for k, v in expected.items())
            rows.append((name, len(summary.reports), summary.elapsed_seconds, summary.checks_per_second,
                         ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
                         "yes" if as_expected else "[red]NO[/]"))

        total = len(ids)
        run("first check (baseline, 200)", {"edited": 0, "deleted": 0})
        run("304 Not Modified", {"unchanged": total})
        for path, title, paragraphs in articles.values():
            server.route(path, body=page(title, paragraphs, rng))  # no ETag: full page, new noise
        run("unchanged 200 (new ads/counters)", {"unchanged": total})
        edited = sum(1 for index in range(total) if index % 20 < 2)
        gone = sum(1 for index in range(total) if 2 <= index % 20 <= 4)
        for index, (path, title, paragraphs) in enumerate(articles.values()):
            bucket = index % 20
            if bucket < 2:
                server.route(path, body=page(title, [*paragraphs[:-1], sentence(rng)], rng))
            elif bucket == 2:
                server.gone(path, status=404)
            elif bucket == 3:
                server.route(path, body=NOT_FOUND)
            elif bucket == 4:
                server.route("/", body=HOME)
                server.route(path, redirect_to="/")
            else:
                server.route(path, body=page(title, paragraphs, rng))
        run("mixed: 10% edited, 15% taken down",
            {"edited": edited, "deleted": gone, "unchanged": total - edited - gone})

    table = Table(title=f"re-check throughput ({args.articles} articles, {args.workers} workers, loopback)")
    for column in ("scenario", "checks", "seconds", "re-checks/s", "outcomes", "as expected"):
        table.add_column(column, justify="left" if column in ("scenario", "outcomes") else "right")
    for name, checks, seconds, rate, outcomes, verdict in rows:
        table.add_row(name, str(checks), f"{seconds:.2f}", f"{rate:.0f}", outcomes, verdict)
    console.print(table)


if __name__ == "__main__":
    main()
