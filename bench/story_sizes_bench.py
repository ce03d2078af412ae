"""How long `stories list --biggest` takes to size every story, and the story page's no-report look-up, on a store
of the whole archive's size (polish75; session 55).

`stories list --biggest` ranks every story of 2+ outlets (``Store.story_sizes(limit=None)`` then
``publish.front.biggest_first``). Timed here beside what the store could answer itself (the same statement ordered by
size with ``LIMIT``) and two plain scans joined in Python (as ``SqlStore.stories_and_reports`` does), and the story
page's ``Store.count_by_outlet_between`` over two days and over a month (``publish.absent``).

A store holding no stories (the whole-archive import of session 51 has none, and grouping the whole archive would
run the grouping on days nobody may group) gets ``--synthetic N`` stories: every article put into one of N stories by
a hash of its id. Only the rows' number and shape matter to these statements, not which articles go together. This
WRITES to the store: give it a copy.

    python bench/story_sizes_bench.py --db COPY.sqlite [--synthetic 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.stories_show_bench import timed  # noqa: E402  (best wall and CPU of N runs)


def add_synthetic_stories(path: str, count: int) -> None:
    db = sqlite3.connect(path)
    if db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]:
        raise SystemExit("the store holds stories already; --synthetic is for a copy without any")
    now = "2026-01-01T00:00:00+00:00"
    members: dict[str, list[str]] = {}
    for (article_id,) in db.execute("SELECT id FROM articles"):
        number = int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % count
        members.setdefault(f"s{number:015x}", []).append(article_id)
    db.executemany("INSERT INTO stories (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                   [(story, story, now, now) for story in members])
    db.executemany("INSERT INTO story_members (article_id, story_id, role, joined_at) VALUES (?, ?, 'member', ?)",
                   [(article, story, now) for story, ids in members.items() for article in ids])
    db.commit()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a SQLite store (a copy when --synthetic is given)")
    parser.add_argument("--synthetic", type=int, default=0, help="first add this many stories (see above)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from newsmirror.publish.absent import day_bounds
    from newsmirror.publish.front import biggest_first
    from newsmirror.store import open_store

    if args.synthetic:
        add_synthetic_stories(args.db, args.synthetic)
    store = open_store(args.db, create=False)
    raw = sqlite3.connect(args.db)
    newest = store.story_sizes(min_outlets=1, limit=1)
    last = (newest[0].newest.date() if newest and newest[0].newest else date.today())

    def shipped() -> object:
        return biggest_first(store.story_sizes(min_outlets=2, limit=None))[:31]

    def ordered_in_sql() -> object:
        return raw.execute(
            "SELECT s.id, COUNT(DISTINCT a.outlet) AS outlets, COUNT(*) AS reports, MAX(a.published_utc) AS newest"
            " FROM stories s JOIN story_members m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id"
            " GROUP BY s.id HAVING COUNT(DISTINCT a.outlet) >= 2"
            " ORDER BY outlets DESC, reports DESC, newest IS NOT NULL DESC, newest DESC, s.id DESC LIMIT 31").fetchall()

    def joined_in_python() -> object:
        articles = {i: (o, p) for i, o, p in raw.execute("SELECT id, outlet, published_utc FROM articles")}
        groups: dict[str, list[tuple[str, str | None]]] = {}
        for story, article in raw.execute("SELECT story_id, article_id FROM story_members"):
            if article in articles:
                groups.setdefault(story, []).append(articles[article])
        sizes = []
        for story, found in groups.items():
            outlets = len({o for o, _ in found})
            if outlets >= 2:
                dated = [p for _, p in found if p]
                sizes.append((outlets, len(found), bool(dated), max(dated) if dated else "", story))
        return sorted(sizes, reverse=True)[:31]

    counts = (store.count_articles(), raw.execute("SELECT COUNT(*) FROM stories").fetchone()[0],
              len(store.story_sizes(min_outlets=2, limit=None)))
    print(f"{counts[0]:,} articles, {counts[1]:,} stories, {counts[2]:,} of 2+ outlets; best of {args.repeat}, wall / CPU")
    for name, run in (("stories list --biggest's sizing (story_sizes(limit=None) + biggest_first)", shipped),
                      ("the same statement ordered by size, LIMIT 31", ordered_in_sql),
                      ("two plain scans joined in Python", joined_in_python),
                      ("count_by_outlet_between, the last two days", lambda: store.count_by_outlet_between(
                          *day_bounds(last - timedelta(days=1), last))),
                      ("count_by_outlet_between, the last 30 days", lambda: store.count_by_outlet_between(
                          *day_bounds(last - timedelta(days=29), last)))):
        wall, cpu = timed(run, args.repeat)
        print(f"  {name}: {wall:.3f} s / {cpu:.3f} s")


if __name__ == "__main__":
    main()
