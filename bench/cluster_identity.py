"""Grouping identity and clusterer cost on whole days: does a change to the clusterer's speed leave
every grouping decision as it was, and what does one article cost?

Each day folder is imported with the normal importer into a throw-away store, its articles are
streamed into a fresh ``StoryClusterer`` in grouping order (as ``bench/days_eval.py`` times it),
and the outcome is written in a canonical, order-independent form: each story as the sorted list
of its members (``article id/role/copy-of``), the stories sorted. Nothing else is printed: no
titles, no texts, no scores against labels, so this may run on any day, the test day included.

Run it once with the old source first on the path and once with the new, then compare::

    (cd OLD && python3 -m bench.cluster_identity --dump old.json --days DIR --day D ...)
    python3 -m bench.cluster_identity --dump new.json --days DIR --day D ...
    python3 -m bench.cluster_identity --compare old.json new.json

``--repeat N`` times the clusterer N times per day (CPU ms/article, the fastest and the median).
The event layer is on, as in ``ClusterConfig()`` since session 17; ``--no-event-layer`` groups with
``ClusterConfig(event_link=False)`` (before, the tool's default and ``--event-layer`` were both
``ClusterConfig()``, so both runs had the layer on). After the last report the event layer's pass and
the complete-story join's final pass run, as ``bench/days_eval.py`` times them (since session 36).

``--tuning`` takes the tuning days (``days_eval.TUNING_DAYS`` whose folders are under ``--days``).
``--db STORE --since DATE --until DATE`` takes a slice of an imported archive instead (e.g. a copy of
a whole-archive store): its articles published in [since, until) UTC, oldest first as
``bench/stories_scale.py --db`` streams them, with the event layer's and the join's passes every
``--batch`` reports as ``jobs.grouping`` makes them at each save; the slice's key is ``since..until``::

    python3 -m bench.cluster_identity --db sqlite:<copy of the store> --since 2020-08-01 --until 2020-09-01 \
        --dump new.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# This tree's source first, as bench/days_eval.py does: run as ``python3 -m bench.cluster_identity`` from a worktree,
# ``newsmirror`` was the installed package (the main checkout's source), so a run "of a branch" measured main.
sys.path.insert(0, str(REPO / "src"))
DEFAULT_DAYS = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived"
# The tuning days of the shared folder: the held-out day 2020-11-18 (and the test day 2020-12-02) lie in the same
# folder, and no tool's default may read them.
DAYS = ("2020-08-04", "2020-10-14")


def load_documents(folder: Path) -> list[Any]:
    """The day's documents in the order ``jobs.grouping`` streams them."""
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store
    from newsmirror.stories.stored import document_of

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
        import_paths(store, [folder])
        articles = (store.get_article(i) for i in store.unassigned_article_ids())
        return [document_of(a) for a in articles if a]


def load_slice(db: str, since: str, until: str) -> list[Any]:
    """The documents of a store's articles published in [``since``, ``until``) UTC, oldest first (the order
    ``bench/stories_scale.py --db`` streams a store in)."""
    from datetime import UTC, datetime

    from newsmirror.store import open_store
    from newsmirror.store.base import ArticleQuery
    from newsmirror.stories.stored import document_of

    query = ArticleQuery(since=datetime.fromisoformat(since).replace(tzinfo=UTC),
                         until=datetime.fromisoformat(until).replace(tzinfo=UTC))
    with open_store(db) as store:
        documents = [document_of(article) for article in store.iter_articles(query)]
    documents.sort(key=lambda d: d.time)
    return documents


def load_outside_the_clock(config: Any, document: Any) -> None:
    """Load what a clusterer loads on first use, so that a timed run counts grouping alone: dictionaries, vectors,
    models and patterns (one report added to a throw-away clusterer) and the figure reader the small join pass asks at
    its first figure check (``event_figures`` imports ``stories.compare``: pypinyin, the extractors, about 0.9 s CPU
    once per process, which a lone day's figure used to count: 0.7-0.9 ms an article of a 440-report day, speed75)."""
    from newsmirror.stories.cluster import StoryClusterer, event_figures

    StoryClusterer(config).add(document)
    event_figures([document.title])


def group(documents: list[Any], config: Any, batch: int = 0,
          tenths: list[tuple[int, float, int]] | None = None) -> tuple[list[list[str]], float]:
    """(canonical stories, CPU seconds) of one fresh clusterer over ``documents``; ``batch``: the event
    layer's and the join's passes every that many reports too (0: only after the last); ``tenths``: filled with
    (reports, CPU seconds, live stories) of each tenth of the stream (whether the cost stays flat)."""
    from newsmirror.stories.cluster import StoryClusterer

    clusterer = StoryClusterer(config)
    started = time.process_time()
    tenth = max(len(documents) // 10, 1)
    mark, done = started, 0
    assignments = []
    for n, document in enumerate(documents, 1):
        assignments.append(clusterer.add(document))
        if batch and n % batch == 0:
            clusterer.link_events()
            clusterer.join_complete()
        if n == len(documents):
            clusterer.link_events()
            clusterer.join_complete(final=True)
        if tenths is not None and (n % tenth == 0 or n == len(documents)) and n > done:
            now = time.process_time()
            tenths.append((n - done, now - mark, len(clusterer.stories)))
            mark, done = now, n
    if not documents:
        clusterer.link_events()
        clusterer.join_complete(final=True)
    seconds = time.process_time() - started
    clusterer.drain_changes()  # revised roles are already in the assignment objects
    stories: dict[str, list[str]] = {}
    for a in assignments:
        story = clusterer.resolve(a.story_id)
        stories.setdefault(story, []).append(f"{a.article_id}/{a.role}/{a.duplicate_of or ''}")
    return sorted(sorted(members) for members in stories.values()), seconds


def run(args: argparse.Namespace) -> None:
    import newsmirror
    from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
    from newsmirror.text.tokenize import idf, words

    config = ClusterConfig(event_link=not args.no_event_layer)
    print(f"source: {Path(newsmirror.__file__).parent} (event layer "
          f"{'on' if config.event_link else 'off'})", file=sys.stderr)
    words("预热"), idf("预热")
    out: dict[str, Any] = {}
    if args.db:
        if args.day or args.tuning or not (args.since and args.until):
            raise SystemExit("--db takes --since and --until (no --day, no --tuning)")
        sources: list[tuple[str, Any]] = [(f"{args.since}..{args.until}",
                                           lambda: load_slice(args.db, args.since, args.until))]
        batch = args.batch
    else:
        from bench.days_eval import available_tuning_days

        chosen = args.day or []
        if args.tuning:
            chosen += [d for d in available_tuning_days(args.days) if d not in chosen]
        sources = [(day, lambda day=day: load_documents(args.days / day)) for day in chosen or DAYS]
        batch = 0
    for day, load in sources:
        documents = load()
        if documents:  # dictionaries, vectors and models load outside the timing
            StoryClusterer(config).add(documents[0])
        timings = []
        canonical: list[list[str]] = []
        for _ in range(args.repeat):
            tenths: list[tuple[int, float, int]] = []
            canonical, seconds = group(documents, config, batch, tenths)
            timings.append(1000 * seconds / max(len(documents), 1))
            if args.db:  # a stream through an archive: is the cost flat as it goes?
                print("  CPU ms/article per tenth (live stories): " + ", ".join(
                    f"{1000 * cpu / count:.2f} ({live:,})" for count, cpu, live in tenths))
        digest = hashlib.sha256(json.dumps(canonical).encode()).hexdigest()[:16]
        out[day] = {"articles": len(documents), "stories": len(canonical), "sha": digest,
                    "cpu_ms": timings, "canonical": canonical}
        print(f"{day}: {len(documents)} articles, {len(canonical)} stories, sha {digest}, CPU ms/article "
              f"min {min(timings):.2f} median {statistics.median(timings):.2f} ({args.repeat} runs)")
    if args.dump:
        args.dump.write_text(json.dumps(out))


def compare(old_path: Path, new_path: Path) -> int:
    old, new = json.loads(old_path.read_text()), json.loads(new_path.read_text())
    different = 0
    for day in sorted(set(old) | set(new)):
        a, b = old.get(day), new.get(day)
        if a is None or b is None:
            print(f"{day}: only in {'new' if a is None else 'old'}")
            different += 1
            continue
        same = a["canonical"] == b["canonical"]
        different += not same
        moved = len({json.dumps(s) for s in a["canonical"]} ^ {json.dumps(s) for s in b["canonical"]})
        print(f"{day}: {'identical' if same else f'DIFFERENT ({moved} stories differ)'}; "
              f"CPU ms/article min old {min(a['cpu_ms']):.2f} new {min(b['cpu_ms']):.2f}")
    return different


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, default=DEFAULT_DAYS, help="folder of <date>/ day folders")
    parser.add_argument("--day", action="append", help=f"only these dates (repeatable; default {', '.join(DAYS)})")
    parser.add_argument("--tuning", action="store_true", help="the tuning days (days_eval.TUNING_DAYS) under --days")
    parser.add_argument("--db", help="a slice of this store (sqlite:PATH) instead of day folders: with --since, --until")
    parser.add_argument("--since", help="the slice's first publication date (UTC, ISO), with --db")
    parser.add_argument("--until", help="the date after the slice's last (UTC, ISO), with --db")
    parser.add_argument("--batch", type=int, default=500, help="with --db: the passes every this many reports")
    parser.add_argument("--repeat", type=int, default=1, help="time the clusterer this many times per day")
    parser.add_argument("--event-layer", action="store_true", help="the event layer on (the default; kept for old commands)")
    parser.add_argument("--no-event-layer", action="store_true", help="ClusterConfig(event_link=False)")
    parser.add_argument("--dump", type=Path, help="write the canonical grouping and timings here (JSON)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"),
                        help="compare two dumps; exit status 1 when any day differs")
    args = parser.parse_args()
    if args.compare:
        raise SystemExit(1 if compare(*args.compare) else 0)
    run(args)


if __name__ == "__main__":
    main()
