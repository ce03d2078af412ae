"""Feed-parse and end-to-end ingest throughput on the corpus' Jekyll posts, served from loopback.

    python bench/ingest_bench.py            # default: every post once
    python bench/ingest_bench.py --scale 5  # each post 5 times (distinct GUIDs/URLs)

Feeds are built at runtime (feedgen) from the corpus' Jekyll posts (found as `newsmirror demo` finds it:
$NEWSMIRROR_CORPUS, else ../shared/corpus; or --corpus PATH), one feed per outlet, and
served by a loopback server; nothing derived from the corpus is written to the repository.
Prints a table: items/s for parsing, articles/s for fetch -> extract -> store.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from feedgen.feed import FeedGenerator  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from tests.httpserver import LoopbackServer  # noqa: E402

from bench.corpus import require_corpus  # noqa: E402
from newsmirror.config import FetchSettings  # noqa: E402
from newsmirror.ingest.archives import jekyll_parts, read_jekyll_post  # noqa: E402
from newsmirror.ingest.feeds import parse_feed  # noqa: E402
from newsmirror.jobs.fetching import default_extractor, fetch_sources  # noqa: E402
from newsmirror.model import Source  # noqa: E402
from newsmirror.store import open_store  # noqa: E402


@dataclass
class Post:
    outlet: str
    title: str
    link: str
    body_html: str
    published: object


def load_posts(corpus: Path, scale: int) -> list[Post]:
    posts: list[Post] = []
    for path in sorted(corpus.rglob("*.md")):
        if "_posts" not in path.parts and "archived" not in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            raw = read_jekyll_post(text, path)
            body = jekyll_parts(text).body_html
        except Exception:  # noqa: BLE001 - a bench skips what the importer cannot read
            continue
        if not body.strip() or not raw.url:
            continue
        for copy in range(scale):
            link = raw.url if copy == 0 else f"{raw.url}{'&' if '?' in raw.url else '?'}copy={copy}"
            # Copies differ in text too, or the store would (rightly) merge them by content hash.
            marker = f"<p>（基准测试副本 {copy}）</p>" if copy else ""
            title = f"{raw.title_hint}（{copy}）" if copy else raw.title_hint
            posts.append(Post(raw.outlet_hint or "unknown", title, link, body + marker, raw.published_hint))
    return posts


def build_feed(outlet: str, posts: list[Post], base: str, *, full_text: bool, page_paths: dict[str, str]) -> bytes:
    generator = FeedGenerator()
    generator.load_extension("dc")  # harmless; keeps feedgen from warning about missing namespaces
    generator.title(outlet)
    generator.link(href=base + "/", rel="alternate")
    generator.description(f"{outlet} (benchmark feed)")
    for post in posts:
        entry = generator.add_entry(order="append")
        # Links point at loopback copies of the pages: a short full-text item makes the job fetch its
        # page, and a benchmark must never reach a real outlet.
        link = base + page_paths[post.link]
        entry.id(post.link)
        entry.title(post.title or "(untitled)")
        entry.link(href=link)
        if post.published is not None:
            entry.published(post.published)
        if full_text:
            entry.content(post.body_html, type="CDATA")
        entry.description((post.title or "")[:60])
    return generator.rss_str(pretty=False)


def page_html(post: Post) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{post.title}</title></head>"
            f"<body><nav>首页 | 新闻</nav><article><h1>{post.title}</h1>{post.body_html}</article>"
            "<footer>版权所有</footer></body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1, help="copies of each post (default 1)")
    parser.add_argument("--parse-rounds", type=int, default=5, help="times every feed is parsed (default 5)")
    parser.add_argument("--corpus", type=Path, help="the corpus folder (default: where the package finds it)")
    args = parser.parse_args()
    corpus = require_corpus(args.corpus)

    posts = load_posts(corpus, args.scale)
    by_outlet: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        by_outlet[post.outlet].append(post)
    rows: list[tuple[str, str, str, str]] = []

    with LoopbackServer() as server:
        page_paths = {post.link: f"/page/{n}.html" for n, post in enumerate(posts)}
        for post in posts:
            server.route(page_paths[post.link], body=page_html(post))
        feeds_full: dict[str, bytes] = {}
        for n, (outlet, items) in enumerate(sorted(by_outlet.items())):
            full = build_feed(outlet, items, server.base_url, full_text=True, page_paths=page_paths)
            summary = build_feed(outlet, items, server.base_url, full_text=False, page_paths=page_paths)
            feeds_full[outlet] = full
            server.route(f"/full/{n}.xml", body=full, content_type="application/rss+xml; charset=utf-8",
                         etag=f'"full-{n}"')
            server.route(f"/summary/{n}.xml", body=summary, content_type="application/rss+xml; charset=utf-8",
                         etag=f'"summary-{n}"')

        # 1. Parsing alone.
        total_bytes = sum(len(feed) for feed in feeds_full.values())
        parsed_items = 0
        started = time.perf_counter()
        for _ in range(args.parse_rounds):
            for outlet, feed in feeds_full.items():
                parsed_items += len(parse_feed(feed, feed_url=f"http://bench/{outlet}").items)
        elapsed = time.perf_counter() - started
        rows.append(("feed parse (feedparser, full text)", f"{parsed_items} items",
                     f"{elapsed:.2f} s", f"{parsed_items / elapsed:,.0f} items/s, "
                     f"{total_bytes * args.parse_rounds / elapsed / 1e6:.1f} MB/s"))

        # Warm-up outside the timings: the extract stage loads its models/dictionaries on first use.
        warm = default_extractor()
        warm(read_jekyll_post((corpus / "seeds" / "001_feedx_cna_jekyll_post.md").read_text(encoding="utf-8"),
                              corpus / "seeds" / "001_feedx_cna_jekyll_post.md"))

        settings = FetchSettings(per_host_delay_seconds=0.0, per_host_concurrency=8, total_concurrency=8,
                                 respect_robots=True, timeout_seconds=30.0)
        for mode in ("full", "summary"):
            with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.sqlite") as store:
                for n, outlet in enumerate(sorted(by_outlet)):
                    store.upsert_source(Source(id=f"{mode}-{n}", url=server.url(f"/{mode}/{n}.xml"), outlet=outlet))
                started = time.perf_counter()
                report = fetch_sources(store, settings, force=True)
                elapsed = time.perf_counter() - started
                new = report.total("new")
                label = ("end-to-end, full-text feeds" if mode == "full"
                         else "end-to-end, summary feeds + page fetch")
                rows.append((label, f"{new} new, {report.total('failed')} failed, {len(report.sources)} feeds",
                             f"{elapsed:.2f} s", f"{new / elapsed:,.1f} articles/s"))
                started = time.perf_counter()
                again = fetch_sources(store, settings, force=True)
                elapsed = time.perf_counter() - started
                seen = again.total("unchanged") + again.total("new") + again.total("updated")
                not_modified = sum(1 for r in again.sources if r.status == "not modified")
                rows.append((f"  re-poll ({mode}, conditional GET)", f"{not_modified} feeds 304, {seen} items re-read",
                             f"{elapsed:.2f} s", f"{len(again.sources) / elapsed:,.1f} feeds/s"))

    table = Table(title=f"ingest benchmark: {len(posts)} posts, {len(by_outlet)} outlet feeds, loopback HTTP")
    for column in ("what", "work", "time", "throughput"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    main()
