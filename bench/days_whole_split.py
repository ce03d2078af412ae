"""Where a labelled day's events go when the day is grouped after its days before (whole69, session 48).

history68 found that ``days_eval --history 6 --history-whole`` (production's path: the 6 dates before grouped with
the day in one run) scores far below the day alone on some tuning days (2020-11-08 -.137 B3 F1). This groups a day
in ``whole`` mode, keeps the store, and for each of the day's largest labelled events prints every story its
reports landed in: how many of the event's reports, how many other reports of the day, how many reports of the days
before (and the oldest one's date and title), the story's span in hours, and the B3 recall the event's reports lose
by the split (the share of same-event mates each report lacks, summed over the day's scored reports / labelled).

    python3 bench/days_whole_split.py --days PATH/archived --archive PATH/archived --day 2020-11-08 [--events 1]
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import HISTORY_BACK, TEST_DAYS, History, imported_day, load_day_labels, scored_truth  # noqa: E402


def recall_lost(truth: dict[str, str], predicted: dict[str, str], event: str) -> float:
    """The B3 recall (over all the day's scored reports) the event's reports lack: sum over its reports of the share
    of its same-event mates not in the report's story, divided by the number of scored reports."""
    members = [a for a, e in truth.items() if e == event]
    lost = 0.0
    for a in members:
        together = sum(1 for b in members if predicted[b] == predicted[a])
        lost += 1 - together / len(members)
    return lost / len(truth)


def story_rows(store: Any, day_ids: set[str], members: list[str], predicted: dict[str, str]) -> list[dict[str, Any]]:
    """One row per story the event's members landed in."""
    rows = []
    for story, count in Counter(predicted[a] for a in members).most_common():
        if story in day_ids:  # an article in no story
            rows.append({"story": story, "event": count, "day_other": 0, "before": 0, "span_h": 0.0,
                         "oldest": "", "first": store.get_article(story).title, "duplicates": 0})
            continue
        story_members = store.story_members(story)
        articles = [store.get_article(m.article_id) for m in story_members]
        times = [(a.published_at or a.fetched_at) for a in articles]
        before = [a for a in articles if a.id not in day_ids]
        oldest = min(zip(times, articles, strict=True), key=lambda pair: pair[0])
        rows.append({
            "story": story, "event": count,
            "day_other": sum(1 for a in articles if a.id in day_ids) - count,
            "before": len(before),
            "span_h": (max(times) - min(times)).total_seconds() / 3600,
            "oldest": oldest[0].isoformat()[:16], "first": f"{oldest[1].outlet}: {oldest[1].title}",
            "duplicates": sum(1 for m in story_members if m.role == "duplicate"),
            "event_titles": sorted(f"{a.outlet}: {a.title}" for a in articles
                                   if a.id in day_ids and a.id in members),
        })
    return rows


PROBE_WORDS: list[str] = []  # ``--probe``: words whose recent counts ``df`` prints before clearing them
VARIANTS = ("guard", "df", "window", "evict", "onebatch")


@contextmanager
def counterfactual(variants: list[str], day_start: datetime) -> Iterator[None]:
    """Patch ``StoryClusterer`` for a diagnosis run: ``guard``: ``_other_stories`` counts only the live stories whose
    first report is at or after ``day_start`` (the days before's stories no longer make a word a topic); ``df``: the
    recent reports' term counts (``_recent``, ``_df``) are cleared when the first report of the day arrives (the
    day's words weigh as grouped alone)."""
    from newsmirror.stories.cluster import StoryClusterer

    other, add, candidates = StoryClusterer._other_stories, StoryClusterer.add, StoryClusterer._candidates

    def joinable(self: Any, probes: Any, limit: int) -> list[str]:
        postings_of = self._postings
        hits: Counter[str] = Counter()
        for postings in filter(None, map(postings_of.get, probes)):
            hits.update(s for s in postings if s in self.stories and not self.stories[s].closed
                        and self._in_window(self.clock, self.stories[s]))
        return [story_id for story_id, _ in hits.most_common(limit)]

    def guard(self: Any, term: str, story: Any, near: frozenset[str] = frozenset()) -> int:
        postings = self._postings.get(term)
        if not postings:
            return 0
        return sum(1 for s in postings if s != story.id and s not in near and s in self.stories
                   and self.stories[s].first >= day_start)

    def fresh(self: Any, doc: Any) -> Any:
        if doc.time >= day_start and not getattr(self, "_whole69_fresh", False):
            self._whole69_fresh = True
            seen, floor = len(self._recent), self.config.local_df_floor
            for word in PROBE_WORDS:
                used = self._df.get(word, 0)
                cut = max(0.1, 1.0 + math.log(floor / (used / seen)) / 3) if used and used / seen > floor else 1.0
                print(f"  at the day's first report: {word} in {used}/{seen} recent reports, weight x{cut:.2f}")
            self._recent.clear()
            self._df.clear()
        return add(self, doc)

    if "guard" in variants:
        StoryClusterer._other_stories = guard  # type: ignore[method-assign]
    def evicting(self: Any, doc: Any) -> Any:
        if doc.time >= day_start and not getattr(self, "_whole69_evicted", False):
            self._whole69_evicted = True
            self.evict(day_start)
        return (fresh if "df" in variants else add)(self, doc)

    if "evict" in variants:
        StoryClusterer.add = evicting  # type: ignore[method-assign]
    if "window" in variants:
        StoryClusterer._candidates = joinable  # type: ignore[method-assign]
    if "df" in variants and "evict" not in variants:
        StoryClusterer.add = fresh  # type: ignore[method-assign]
    try:
        yield
    finally:
        StoryClusterer._other_stories, StoryClusterer.add = other, add  # type: ignore[method-assign]
        StoryClusterer._candidates = candidates  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--day", required=True)
    parser.add_argument("--history", type=int, default=HISTORY_BACK)
    parser.add_argument("--events", type=int, default=1, help="how many of the day's largest events")
    parser.add_argument("--titles", action="store_true", help="print the event's titles in each story")
    parser.add_argument("--variant", choices=VARIANTS, action="append", default=[],
                        help="counterfactual (diagnosis only): guard = the topic guard counts only stories begun on "
                             "the day; df = the recent reports' term counts start afresh at the day's first report")
    parser.add_argument("--probe", action="append", default=[], help="with --variant df: a word whose recent count "
                        "and commonness cut to print at the day's first report")
    args = parser.parse_args()
    PROBE_WORDS.extend(args.probe)
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths

    folder = args.days / args.day
    assert args.day not in TEST_DAYS, "tuning days only"
    labels = load_day_labels(REPO / "bench" / "days" / f"labels-{args.day}.toml")
    history = History(args.archive, args.history, whole=True)
    with imported_day(folder) as (store, file_of):
        folders = history.folders(args.day)
        if folders:
            import_paths(store, folders)
        with counterfactual(args.variant, datetime.fromisoformat(args.day + "T00:00:00+00:00")):
            group_articles(store, None, close=True, **({"batch": 10**9} if "onebatch" in args.variant else {}))
        predicted = {a: store.story_of(a) or a for a in file_of}
        truth = scored_truth(labels, file_of)
        predicted = {a: predicted[a] for a in truth}
        sizes = Counter(truth.values())
        for event, size in [(e, n) for e, n in sizes.most_common() if not e.startswith("solo:")][:args.events]:
            members = [a for a in truth if truth[a] == event]
            print(f"{args.day} event {event}: {size} reports, in {len(set(predicted[a] for a in members))} stories;"
                  f" B3 recall lost {recall_lost(truth, predicted, event):.4f}")
            for row in story_rows(store, set(file_of), members, predicted):
                print(f"  {row['event']:3d} of the event  +{row['day_other']} other of the day  +{row['before']}"
                      f" of the days before (dup {row['duplicates']})  span {row['span_h']:.0f} h  oldest"
                      f" {row['oldest']}  {row['first'][:60]}")
                if args.titles:
                    for title in row.get("event_titles", []):
                        print(f"        {title[:90]}")


if __name__ == "__main__":
    main()
