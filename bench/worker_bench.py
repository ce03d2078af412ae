"""Ingest throughput of the worker fleet: 1, 2, 4 worker processes on one PostgreSQL database.

    bash scripts/pg-test-server -- python bench/worker_bench.py          # throwaway local server
    python bench/worker_bench.py --dsn postgresql://user@host/db          # an existing database
    python bench/worker_bench.py --feeds 1000 --items 50 --workers 1,2,4,8 --sqlite

A loopback HTTP server (its own process, never the network) serves synthetic RSS feeds of
Chinese articles, each response delayed by --latency seconds to stand in for a remote outlet.
One `fetch` job per feed is queued; worker processes (each --threads jobs at a time, like
`newsmirror worker --concurrency`) claim the jobs through the store's queue, download and parse
the feed (httpx + feedparser) and store every item with Store.upsert_article (versions and the
search index included). Extraction is not part of this benchmark. Each run starts from an empty
schema; the table shows jobs and articles per second of wall-clock time until the queue is empty,
and the CPU time the worker processes used (the PostgreSQL server's own CPU is not included).
A second scenario ("polling": slow outlets, one item per feed) shows the fleet when waiting on
the network, not CPU, is what limits it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit
from xml.sax.saxutils import escape

from rich.console import Console
from rich.table import Table

PHRASES = ("立法院今天召开会议", "行政院长表示", "台风逼近东部沿海", "股市收盘上涨", "外交部发表声明",
           "警方正在调查事故原因", "选举投票率创新低", "央行宣布维持利率不变", "记者在现场看到",
           "居民纷纷撤离", "专家认为", "政府将提出新的方案", "國際社會高度關注", "學生團體發起連署")


def feed_xml(feed: int, items: int) -> bytes:
    """An RSS 2.0 feed with full-text items; deterministic for a given feed number."""
    rng = random.Random(feed)
    entries = []
    base = datetime(2024, 1, 1, tzinfo=UTC)
    for item in range(items):
        paragraphs = ["".join(rng.choice(PHRASES) + "，" for _ in range(8)) + "。" for _ in range(6)]
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        when = base + timedelta(minutes=feed * items + item)
        entries.append(
            f"<item><title>第{feed}号来源新闻{item}：{rng.choice(PHRASES)}</title>"
            f"<link>https://outlet{feed % 50}.example/news/{feed}/{item}</link>"
            f"<guid>feed{feed}-item{item}</guid>"
            f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>来源{feed}</title><link>https://outlet{feed % 50}.example/</link><description>bench</description>"
        + "".join(entries) + "</channel></rss>"
    ).encode("utf-8")


def serve(port_queue: Any) -> None:
    """The loopback 'internet': /feed/N.xml?items=I&latency=S answers after S seconds."""
    cache: dict[tuple[int, int], bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            url = urlsplit(self.path)
            params = parse_qs(url.query)
            time.sleep(float(params["latency"][0]))
            key = (int(url.path.rsplit("/", 1)[-1].split(".")[0]), int(params["items"][0]))
            body = cache.get(key) or cache.setdefault(key, feed_xml(*key))
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    port_queue.put(server.server_address[1])
    server.serve_forever()


def run_worker(location: str, base_url: str, feed_params: dict[str, str], worker_id: str, threads: int,
               counter: Any, ready: Any, go: Any) -> None:
    """One worker process: the real Worker loop with a fetch handler for the synthetic feeds."""
    import feedparser
    import httpx
    from lxml import html as lxml_html

    from newsmirror.jobs.worker import Worker, WorkerOptions
    from newsmirror.model import Article
    from newsmirror.store import Job, Store, open_store

    local = threading.local()

    def fetch_feed(job: Job, store: Store) -> datetime | None:
        client = getattr(local, "client", None) or httpx.Client(timeout=30)
        local.client = client
        response = client.get(f"{base_url}/feed/{job.key}.xml", params=feed_params)
        response.raise_for_status()
        parsed = feedparser.parse(response.content)
        stored = 0
        for entry in parsed.entries:
            body_html = entry.get("description", "")
            text = "\n\n".join(p.text_content() for p in lxml_html.fromstring(body_html).iter("p"))
            published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
            store.upsert_article(Article(
                outlet=f"来源{job.key}", title=entry.title, original_url=entry.link, guid=entry.id,
                source_id=f"feed-{job.key}", body_html=body_html, body_text=text, published_at=published,
            ))
            stored += 1
        with counter.get_lock():
            counter.value += stored
        return None

    worker = Worker(lambda: open_store(location),
                    WorkerOptions(worker_id=worker_id, kinds=["fetch"], concurrency=threads, once=True,
                                  poll_seconds=0.05, lease_seconds=60, per_host_limit=2),
                    handlers={"fetch": fetch_feed})
    # Imports and start-up are not ingest: the clock starts once every worker is ready.
    ready.release()
    go.wait()
    worker.run()


def fresh_location(backend: str, dsn: str, workdir: str) -> str:
    if backend == "sqlite":
        return f"sqlite:{workdir}/bench-{uuid.uuid4().hex[:8]}.sqlite"
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return f"{dsn}{'&' if '?' in dsn else '?'}options={quote(f'-csearch_path={schema}')}"


@dataclass(frozen=True)
class Scenario:
    name: str
    feeds: int
    items: int
    latency: float  # seconds per HTTP request
    threads: int  # jobs at once per worker process

    def describe(self) -> str:
        return (f"{self.name}: {self.feeds} feeds x {self.items} items, {self.latency * 1000:.0f} ms per request, "
                f"{self.threads} threads per worker")


def one_run(location: str, base_url: str, scenario: Scenario, workers: int) -> dict[str, float]:
    from newsmirror.store import open_store

    with open_store(location) as store:
        for feed in range(scenario.feeds):
            store.enqueue_job("fetch", str(feed), f"outlet{feed % 50}.example")
    context = multiprocessing.get_context("spawn")
    counter = context.Value("i", 0)
    ready, go = context.Semaphore(0), context.Event()
    feed_params = {"items": str(scenario.items), "latency": str(scenario.latency)}
    processes = [context.Process(target=run_worker,
                                 args=(location, base_url, feed_params, f"w{n}", scenario.threads, counter, ready, go))
                 for n in range(workers)]
    for process in processes:
        process.start()
    for _ in processes:
        ready.acquire()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    go.set()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the joined workers, start-up included
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    with open_store(location) as store:
        counts = store.job_counts()
        articles = store.count_articles()
    # A job that failed half-way stored part of its feed (kept: the retry's upserts are no-ops).
    if articles < counter.value:
        raise SystemExit(f"{location} x{workers}: {counter.value} articles handled but {articles} stored")
    # Jobs that failed (SQLite: "database is locked" under many writers) wait for their retry.
    return {"seconds": elapsed, "jobs": counts["done"], "articles": articles, "cpu": cpu,
            "unfinished": scenario.feeds - counts["done"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dsn", default=os.environ.get("NEWSMIRROR_TEST_PG_DSN", ""),
                        help="PostgreSQL to benchmark on (default: $NEWSMIRROR_TEST_PG_DSN)")
    parser.add_argument("--feeds", type=int, default=150, help="ingest scenario: fetch jobs (one feed each)")
    parser.add_argument("--items", type=int, default=20, help="ingest scenario: articles per feed")
    parser.add_argument("--latency", type=float, default=0.05, help="ingest scenario: seconds per request")
    parser.add_argument("--threads", type=int, default=4, help="ingest scenario: jobs at once per worker")
    parser.add_argument("--workers", default="1,2,4", help="worker process counts to compare")
    parser.add_argument("--no-polling", action="store_true",
                        help="skip the polling scenario (slow outlets, little to store)")
    parser.add_argument("--sqlite", action="store_true", help="also run on SQLite, for comparison")
    args = parser.parse_args()
    if not args.dsn:
        sys.exit("no PostgreSQL: pass --dsn, or run: bash scripts/pg-test-server -- python bench/worker_bench.py")

    import tempfile

    scenarios = [Scenario("ingest", args.feeds, args.items, args.latency, args.threads)]
    if not args.no_polling:
        # Waiting dominates: what many workers buy when outlets are slow and most polls find little.
        scenarios.append(Scenario("polling", 120, 1, 0.5, 2))
    console = Console(width=150)  # the table stays whole when the output goes to a file
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    server = context.Process(target=serve, args=(ports,), daemon=True)
    server.start()
    base_url = f"http://127.0.0.1:{ports.get(timeout=30)}"
    backends = ["postgres"] + (["sqlite"] if args.sqlite else [])
    table = Table(title=f"worker fleet throughput on one machine ({os.cpu_count()} CPUs)")
    for column in ("scenario", "backend", "workers", "seconds", "jobs/s", "articles/s", "speed-up", "failed jobs",
                   "worker CPU s"):
        table.add_column(column, justify="left" if column in ("scenario", "backend") else "right")
    try:
        with tempfile.TemporaryDirectory() as workdir:
            for scenario in scenarios:
                console.print(scenario.describe())
                for backend in backends:
                    baseline = None
                    for workers in [int(n) for n in args.workers.split(",")]:
                        location = fresh_location(backend, args.dsn, workdir)
                        result = one_run(location, base_url, scenario, workers)
                        jobs_rate = result["jobs"] / result["seconds"]
                        baseline = baseline or jobs_rate
                        table.add_row(scenario.name, backend, str(workers), f"{result['seconds']:.1f}",
                                      f"{jobs_rate:.1f}", f"{result['articles'] / result['seconds']:.0f}",
                                      f"{jobs_rate / baseline:.2f}x", str(int(result["unfinished"])),
                                      f"{result['cpu']:.1f}")
                        console.print(f"  {backend} x{workers}: {jobs_rate:.1f} jobs/s")
    finally:
        server.terminate()
    console.print(table)
    for scenario in scenarios:
        console.print(scenario.describe())


if __name__ == "__main__":
    main()
