"""Print stories of a grouped archive for reading: the largest ones and a fixed random draw.

The stories come from ``bench/stories_scale.py --db sqlite:STORE --dump STORIES.json`` (the
clusterer streamed over every stored article); the article texts from the same store.

    python bench/stories_read.py --db sqlite:STORE --dump STORIES.json             # titles
    python bench/stories_read.py --db sqlite:STORE --dump STORIES.json --text L2 R5 --lead 300

Each story is named ``L<rank>`` (the largest first) or ``R<n>`` (drawn with ``--seed`` among the
stories of at least ``--min-size`` members that are not among the largest). A story with any member
from a test day's folder (``--archive``/<day>, matched by the file's bytes through the store's
import bookkeeping, or published on that day) is shown by its titles only: test-day texts are
never printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from datetime import UTC, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.days_eval import HELD_OUT_DAY, TEST_DAYS  # noqa: E402  (bench/days/GUIDE.md: never tuned on, never read)

# Days whose texts a reading never prints: the test days and the held-out day (read11 found a
# held-out story among its draws and had to skip it by hand).
UNREAD_DAYS = (*TEST_DAYS, HELD_OUT_DAY)
from newsmirror.model import Article  # noqa: E402
from newsmirror.store import open_store  # noqa: E402
from newsmirror.store.base import Store  # noqa: E402

_BEIJING = timezone(timedelta(hours=8))


def pick(stories: list[list[str]], largest: int, drawn: int, min_size: int, seed: int) -> dict[str, list[str]]:
    """The ``largest`` biggest stories and ``drawn`` others of >= ``min_size`` members, by name."""
    picked = {f"L{rank}": story for rank, story in enumerate(stories[:largest], 1)}
    pool = [story for story in stories[largest:] if len(story) >= min_size]
    sample = random.Random(seed).sample(pool, min(drawn, len(pool)))
    picked.update({f"R{n}": story for n, story in enumerate(sorted(sample, key=len, reverse=True), 1)})
    return picked


def test_day_articles(store: Store, archive: Path | None) -> set[str]:
    """Ids of the articles imported from the test and held-out days' folders (by the hash of each file's bytes)."""
    if archive is None:
        return set()
    hashes = [hashlib.sha1(path.read_bytes()).hexdigest()
              for day in UNREAD_DAYS for path in sorted((archive / day).rglob("*")) if path.is_file()]
    return {article_id for article_id, _, _ in store.known_files(hashes).values() if article_id}


def on_test_day(article: Article, hidden: set[str]) -> bool:
    if article.id in hidden:
        return True
    moment = article.published_at or article.fetched_at
    return any(f"{moment.astimezone(zone):%Y-%m-%d}" in UNREAD_DAYS for zone in (UTC, _BEIJING))


def show(name: str, articles: list[Article], hidden: set[str], text: bool, lead: int) -> None:
    articles.sort(key=lambda a: a.published_at or a.fetched_at)
    times = [a.published_at or a.fetched_at for a in articles]
    span = (max(times) - min(times)).total_seconds() / 86400
    secret = any(on_test_day(a, hidden) for a in articles)
    print(f"== {name}: {len(articles)} articles, {len({a.outlet for a in articles})} outlets, {span:.1f} days, "
          f"{min(times):%Y-%m-%d} .. {max(times):%Y-%m-%d}" + ("  [TEST DAY: titles only]" if secret else ""))
    for article in articles:
        moment = article.published_at or article.fetched_at
        print(f"   {moment:%m-%d %H:%M} {article.outlet[:10]}: {article.title[:80]}")
        if text and not secret:
            body = " ".join((article.body_text or article.body_markdown or article.summary).split())
            print(f"        | {body[:lead]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the grouped store (sqlite:PATH, postgresql://...)")
    parser.add_argument("--dump", type=Path, required=True, help="stories_scale.py --dump output")
    parser.add_argument("--archive", type=Path, help="the archive's day folders (to recognise test-day files)")
    parser.add_argument("--largest", type=int, default=15)
    parser.add_argument("--random", type=int, default=15, help="stories drawn at random")
    parser.add_argument("--min-size", type=int, default=5)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--text", nargs="*", default=[], help="story names (L1, R3) whose texts to print")
    parser.add_argument("--lead", type=int, default=200, help="characters of text per member")
    args = parser.parse_args()

    stories: list[list[str]] = json.loads(args.dump.read_text())["stories"]
    print(f"{len(stories):,} stories; {sum(len(s) >= args.min_size for s in stories):,} of >= {args.min_size} members")
    picked = pick(stories, args.largest, args.random, args.min_size, args.seed)
    with open_store(args.db, create=False) as store:
        hidden = test_day_articles(store, args.archive)
        for name, ids in picked.items():
            if args.text and name not in args.text:
                continue
            articles = [a for a in (store.get_article(i) for i in ids) if a is not None]
            show(name, articles, hidden, bool(args.text), args.lead)


if __name__ == "__main__":
    main()
