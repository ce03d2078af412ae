"""Consecutive unlabelled archive days grouped as production groups them, for the complete-story join's state.

``bench/days_runs.py`` replays one day in runs: shorter than the 3-day window, so no story completes between runs
and the join's state across runs (stories judged, cores and their members before their first side) is never
exercised. This replays several consecutive days through ``jobs.grouping.group_articles`` in runs of ``--step``
arriving reports, one real store between runs (the last run closes, as the one-run evaluation), and in one closing
run, with the defaults and with ``--set``. It prints, per config: stories and joins in one run and in runs; stories
the join passes judged in two runs or more; stories a run made a side that an earlier run had made a core; and the
B-cubed F1 of the runs' grouping read against the one run's (no labels are read).

    python bench/join_replay.py --set join_complete=true

Unlabelled days only: a range touching a never-read day (or its +-3 days) is refused; the default 2020-09-01..08
holds one tuning day (09-06), as in session 26 (join23).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, TEST_DAYS, import_day, parse_setting  # noqa: E402
from bench.days_runs import in_runs  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.store import open_store  # noqa: E402
from newsmirror.store.base import ArticleQuery  # noqa: E402
from newsmirror.stories import cluster  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig  # noqa: E402

NEVER_READ = (HELD_OUT_DAY, *TEST_DAYS, *FRESH_DAYS)
ARCHIVE = REPO.parent / "waimei-full" / "archived"  # the whole-archive export beside the checkout (GUIDE.md)


class Recorder:
    """What each grouping run's join passes decided (one clusterer per run): stories judged, cores, sides."""

    def __init__(self) -> None:
        self.judged: list[set[str]] = []
        self.cores: list[set[str]] = []
        self.sides: list[set[str]] = []

    def install(self) -> None:
        started, pairs, joins = (cluster.StoryClusterer.__init__, cluster.StoryClusterer.join_pairs,
                                 cluster.StoryClusterer.join_complete)
        recorder = self

        def start(self: cluster.StoryClusterer, *args: Any, **kwargs: Any) -> None:
            started(self, *args, **kwargs)
            recorder.judged.append(set())
            recorder.cores.append(set())
            recorder.sides.append(set())

        def judged(self: cluster.StoryClusterer, final: bool = False) -> list[tuple[float, str, str]]:
            before = set(self._judged)
            scored = pairs(self, final)
            recorder.judged[-1] |= self._judged - before
            return scored

        def joined(self: cluster.StoryClusterer, final: bool = False) -> int:
            before = dict(self._joined)
            count = joins(self, final)
            for story, role in self._joined.items():
                if before.get(story) != role:
                    (recorder.cores if role == "core" else recorder.sides)[-1].add(story)
            return count

        cluster.StoryClusterer.__init__ = start  # type: ignore[method-assign]
        cluster.StoryClusterer.join_pairs = judged  # type: ignore[method-assign]
        cluster.StoryClusterer.join_complete = joined  # type: ignore[method-assign]

    def judged_twice(self) -> int:
        return sum(1 for n in Counter(s for run in self.judged for s in run).values() if n > 1)

    def cores_made_sides(self) -> int:
        earlier: set[str] = set()
        count = 0
        for cores, sides in zip(self.cores, self.sides, strict=True):
            count += len(sides & earlier)
            earlier |= cores
        return count


def grouped(template: Path, config: ClusterConfig, step: int) -> tuple[dict[str, str], Recorder]:
    """article -> story after grouping a copy of the imported store in runs of ``step`` (0: one run)."""
    recorder = Recorder()
    originals = (cluster.StoryClusterer.__init__, cluster.StoryClusterer.join_pairs,
                 cluster.StoryClusterer.join_complete)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "replay.sqlite"
        shutil.copy(template, copy)
        recorder.install()
        try:
            with open_store(copy) as store:
                in_runs(step)(store, config, close=True)
                ids = [a.id for a in store.iter_articles(ArticleQuery(newest_first=False))]
                return {i: store.story_of(i) or i for i in ids}, recorder
        finally:
            (cluster.StoryClusterer.__init__, cluster.StoryClusterer.join_pairs,  # type: ignore[method-assign]
             cluster.StoryClusterer.join_complete) = originals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help="folder of <date>/ day folders")
    parser.add_argument("--first", default="2020-09-01")
    parser.add_argument("--last", default="2020-09-08")
    parser.add_argument("--step", type=int, default=100, help="reports arriving per run")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="as days_eval --set")
    args = parser.parse_args()
    first, last = date.fromisoformat(args.first), date.fromisoformat(args.last)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    for day in NEVER_READ:
        if any(abs((d - date.fromisoformat(day)).days) <= 3 for d in days):
            raise SystemExit(f"{args.first}..{args.last} lies within 3 days of {day}, which is never read")
    settings: dict[str, Any] = {}
    for item in args.set:
        settings.update(parse_setting(item))
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "days.sqlite"
        with open_store(template) as store:
            for day in days:
                import_day(store, args.archive / day.isoformat())
            reports = len(store.unassigned_article_ids())
        print(f"{args.first}..{args.last}: {reports} reports, runs of {args.step}", flush=True)
        for name, config in (("main", ClusterConfig()), ("with --set", ClusterConfig(**settings))):
            one, one_run = grouped(template, config, 0)
            runs, in_steps = grouped(template, config, args.step)
            _, _, f1 = bcubed(one, runs)
            print(f"{name:10}: stories one run {len(set(one.values()))} / runs {len(set(runs.values()))}"
                  f"  joins one run {sum(map(len, one_run.sides))} / runs {sum(map(len, in_steps.sides))}"
                  f"  runs {len(in_steps.judged)}  judged twice {in_steps.judged_twice()}"
                  f"  earlier core made a side {in_steps.cores_made_sides()}  runs vs one run B3 F1 {f1:.5f}",
                  flush=True)


if __name__ == "__main__":
    main()
