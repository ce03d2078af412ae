"""The tuning days grouped alone (as ``days_eval`` always did) and after the days before them (history68, session 48).

A production grouping streams the archive (or restores two windows back: ``jobs.grouping``), so the recognisers
that keep an outlet's days (``genre.DailyProgrammes``, ``ColumnLabels``, ``DailySeries``) and the rest of the
clusterer's state (live stories, copies' fingerprints, the recent reports' term counts) hold the days before when a
day is grouped; ``days_eval`` imports one day folder and sees none of it. This runs each tuning day (``days_eval``'s
own ``evaluate_day``, defaults or ``--set``) side by side in the modes asked:

* ``alone``: as the benches always ran it;
* ``recognisers``: the ``--history`` dates before the day (``--archive``) counted by the three recognisers first
  (``days_eval.History``), the day grouped alone;
* ``whole``: those days' reports grouped with the day in one run, oldest first (only the day's articles scored).

and prints each mode's figures, the days that moved, and a census of the stories that differ from ``alone``:
each set of the day's scored articles whose grouping differs (a connected part of the two partitions), with the
recognisers whose verdict on one of its members differs (a programme, a column label, a series template recognised)
or none (the change came another way), and its same-event / other-event pairs together in each mode.
Cluster CPU is not timed here (``days_eval --history`` times it). Held-out, test and fresh days are never grouped,
scored or read as history (skipped: a gap, like a weekend).

    python3 bench/days_history.py --days PATH/archived --archive PATH/archived --mode recognisers [--mode whole]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402
from bench.days_eval import (  # noqa: E402
    HISTORY_BACK,
    DayResult,
    History,
    add_setting_argument,
    add_tuning_day_arguments,
    census_days,
    load_day_labels,
)


@dataclass
class Verdicts:
    """Per report (its id) of the day grouped: what the recognisers of an outlet's days said."""

    programme: dict[str, bool] = field(default_factory=dict)
    column: dict[str, str | None] = field(default_factory=dict)
    series: dict[str, bool] = field(default_factory=dict)  # its series template recognised on its day
    digest: dict[str, bool] = field(default_factory=dict)  # its final multi-event verdict

    def differ(self, other: Verdicts, article: str) -> list[str]:
        kinds = []
        if self.programme.get(article) != other.programme.get(article):
            kinds.append("programme")
        if self.column.get(article) != other.column.get(article):
            kinds.append("column" + ("" if self.digest.get(article) != other.digest.get(article) else " (label only)"))
        if self.series.get(article) != other.series.get(article):
            kinds.append("series")
        return kinds


@contextmanager
def recording(verdicts: Verdicts) -> Iterator[None]:
    """The recognisers' verdicts on each report the clusterers made inside add (the history fed before is not)."""
    from newsmirror.stories import genre
    from newsmirror.stories.cluster import StoryClusterer

    current: list[str] = []
    saved = (StoryClusterer._is_digest, StoryClusterer.add, genre.DailyProgrammes.add, genre.ColumnLabels.add)
    is_digest, add, programme_add, column_add = saved

    def rec_is_digest(self: Any, doc: Any, *args: Any) -> bool:
        current.append(doc.id)
        try:
            verdict: bool = is_digest(self, doc, *args)
        finally:
            current.pop()
        verdicts.digest[doc.id] = verdict
        return verdict

    def rec_add(self: Any, doc: Any) -> Any:
        assignment = add(self, doc)
        key = self._doc_series
        verdicts.series[doc.id] = bool(key is not None and self._series is not None
                                       and self._series.recognised(key, doc.time.date()))
        return assignment

    def rec_programme(self: Any, outlet: str, title: str, time: Any) -> bool:
        verdict: bool = programme_add(self, outlet, title, time)
        if current:
            verdicts.programme[current[-1]] = verdict
        return verdict

    def rec_column(self: Any, outlet: str, title: str, time: Any) -> str | None:
        label: str | None = column_add(self, outlet, title, time)
        if current:
            verdicts.column[current[-1]] = label
        return label

    StoryClusterer._is_digest = rec_is_digest  # type: ignore[method-assign]
    StoryClusterer.add = rec_add  # type: ignore[method-assign]
    genre.DailyProgrammes.add = rec_programme  # type: ignore[method-assign]
    genre.ColumnLabels.add = rec_column  # type: ignore[method-assign]
    try:
        yield
    finally:
        (StoryClusterer._is_digest, StoryClusterer.add,  # type: ignore[method-assign]
         genre.DailyProgrammes.add, genre.ColumnLabels.add) = saved  # type: ignore[method-assign]


def parts(base: dict[str, str], other: dict[str, str], scored: list[str]) -> list[list[str]]:
    """The sets of ``scored`` articles grouped differently by the two assignments: connected parts of the union of
    both partitions (each a set of stories of one that the other groups another way), largest first."""
    parent = {a: a for a in scored}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for assignment in (base, other):
        first: dict[str, str] = {}
        for a in scored:
            story = assignment[a]
            if story in first:
                parent[find(a)] = find(first[story])
            else:
                first[story] = a
    groups: dict[str, list[str]] = defaultdict(list)
    for a in scored:
        groups[find(a)].append(a)

    def blocks(assignment: dict[str, str], members: list[str]) -> set[frozenset[str]]:
        by: dict[str, set[str]] = defaultdict(set)
        for a in members:
            by[assignment[a]].add(a)
        return {frozenset(v) for v in by.values()}

    changed = [m for m in groups.values() if blocks(base, m) != blocks(other, m)]
    return sorted(changed, key=len, reverse=True)


def pairs(members: list[str], assignment: dict[str, str], truth: dict[str, str]) -> tuple[int, int]:
    """(same-event, other-event) pairs of ``members`` in one story."""
    same = wrong = 0
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if assignment[a] == assignment[b]:
                if truth[a] == truth[b]:
                    same += 1
                else:
                    wrong += 1
    return same, wrong


def summary(results: list[DayResult]) -> str:
    n = len(results)
    p = sum(r.precision for r in results) / n
    rec = sum(r.recall for r in results) / n
    f1 = sum(r.f1 for r in results) / n
    pair = sum(r.pair_recall for r in results) / n
    pure, multi = sum(r.pure for r in results), sum(r.multi for r in results)
    glued, reports = sum(r.glued for r in results), sum(r.multi_reports for r in results)
    return (f"mean B³ P {p:.4f} R {rec:.4f} F1 {f1:.4f} pair R {pair:.4f}; pure {pure}/{multi} ({pure / multi:.4f}), "
            f"impure {multi - pure}; glued {glued}/{reports}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tuning_day_arguments(parser)
    add_setting_argument(parser)
    parser.add_argument("--archive", type=Path, required=True, help="the whole archive export's archived/")
    parser.add_argument("--history", type=int, default=HISTORY_BACK, help="dates before each day")
    parser.add_argument("--mode", action="append", choices=("recognisers", "whole"), help="besides alone")
    parser.add_argument("--titles", type=int, default=60, help="census parts listed with their titles")
    parser.add_argument("--every", type=int, default=1, help="only every k-th tuning day (a fixed sample, for the "
                                                               "slow whole mode)")
    args = parser.parse_args()
    days_eval._clusterer_cpu = lambda store, config=None: 0.0  # type: ignore[assignment]  # not timed here
    modes = ["alone", *(args.mode or ["recognisers"])]
    histories = {"recognisers": History(args.archive, args.history),
                 "whole": History(args.archive, args.history, whole=True)}
    results: dict[str, list[DayResult]] = {mode: [] for mode in modes}
    verdicts: dict[str, dict[str, Verdicts]] = {mode: {} for mode in modes}
    census: list[tuple[str, str, list[str], list[str], tuple[int, int], tuple[int, int]]] = []
    kinds_count: dict[str, dict[str, int]] = {mode: defaultdict(int) for mode in modes[1:]}
    for day in census_days(args)[:: args.every]:
        labels = load_day_labels(day.labels)
        for mode in modes:
            seen = verdicts[mode].setdefault(day.name, Verdicts())
            with recording(seen):
                result = days_eval.evaluate_day(day.folder, labels, day.config, histories.get(mode))
            results[mode].append(result)
        base = results["alone"][-1]
        line = [f"{day.name} alone F1 {base.f1:.4f} pure {base.pure}/{base.multi}"]
        for mode in modes[1:]:
            r = results[mode][-1]
            if set(r.truth) != set(base.truth) or r.truth != base.truth:
                raise SystemExit(f"{day.name}: {mode} scored other articles or labels than alone")
            scored = sorted(base.truth)
            line.append(f"{mode} F1 {r.f1:.4f} ({r.f1 - base.f1:+.4f}) pure {r.pure}/{r.multi}")
            for members in parts(base.predicted, r.predicted, scored):
                # every report of the stories the part's articles are in, either way (a multi-event report or an
                # unlabelled one too: its verdict may be what moved the others)
                stories = ({base.predicted[a] for a in members}, {r.predicted[a] for a in members})
                around = [a for a in base.predicted
                          if base.predicted[a] in stories[0] or r.predicted.get(a) in stories[1]]
                kinds = sorted({k for a in around
                                for k in verdicts["alone"][day.name].differ(verdicts[mode][day.name], a)})
                kinds_count[mode][", ".join(kinds) or "none (state beyond the stories' reports)"] += 1
                census.append((day.name, mode, members, kinds, pairs(members, base.predicted, base.truth),
                               pairs(members, r.predicted, base.truth)))
        print("; ".join(line), flush=True)
    print()
    for mode in modes:
        print(f"{mode}: {len(results[mode])} days, {summary(results[mode])}")
    for mode in modes[1:]:
        history = histories[mode]
        print(f"{mode}: history dates skipped (held-out/test/fresh): {history.skipped}")
        moved = [(b.day, r.f1 - b.f1) for b, r in zip(results["alone"], results[mode], strict=True)
                 if abs(r.f1 - b.f1) > 0.0005]
        print(f"{mode}: days moved (F1, > .0005): {len([m for m in moved if m[1] > 0])} up, "
              f"{len([m for m in moved if m[1] < 0])} down: "
              + ", ".join(f"{d} {x:+.4f}" for d, x in sorted(moved, key=lambda m: m[1])))
        differing = sum(1 for day_verdicts in [verdicts["alone"]] for d, v in day_verdicts.items()
                        for a in v.digest if v.differ(verdicts[mode][d], a))
        print(f"{mode}: reports whose recogniser verdict differs from alone: {differing}")
        for verdict_kind in ("programme", "column", "series"):
            gained = lost = 0
            for d, v in verdicts["alone"].items():
                w = verdicts[mode][d]
                table_a, table_b = getattr(v, verdict_kind), getattr(w, verdict_kind)
                for a in v.digest:
                    x, y = bool(table_a.get(a)), bool(table_b.get(a))
                    gained += y and not x
                    lost += x and not y
            print(f"   {verdict_kind}: recognised with history only {gained}, alone only {lost}")
        rows = [c for c in census if c[1] == mode]
        same_b = sum(c[4][0] for c in rows)
        wrong_b = sum(c[4][1] for c in rows)
        same_h = sum(c[5][0] for c in rows)
        wrong_h = sum(c[5][1] for c in rows)
        print(f"{mode}: {len(rows)} parts grouped differently; same-event pairs together {same_b} -> {same_h}, "
              f"other-event pairs together {wrong_b} -> {wrong_h}; by the recogniser whose verdict differs: "
              + ", ".join(f"{k} {n}" for k, n in sorted(kinds_count[mode].items(), key=lambda kv: -kv[1])))
    print()
    titles = {(r.day, a): r.titles.get(a, a) for r in results["alone"] for a in r.truth}
    truth = {(r.day, a): r.truth[a] for r in results["alone"] for a in r.truth}
    listed = sorted(census, key=lambda c: -len(c[2]))[: args.titles]
    alone_of = {r.day: r for r in results["alone"]}
    other_of = {(mode, r.day): r for mode in modes[1:] for r in results[mode]}
    for day, mode, members, kinds, before, after in listed:
        print(f"{day} {mode}: {len(members)} articles, recogniser {', '.join(kinds) or 'none'}; same/other-event "
              f"pairs together {before[0]}/{before[1]} -> {after[0]}/{after[1]}")
        base, other = alone_of[day].predicted, other_of[(mode, day)].predicted
        for a in sorted(members, key=lambda a: (base[a], other[a])):
            print(f"    alone {base[a][-5:]} {mode[:5]} {other[a][-5:]} [{truth[(day, a)][:24]}] {titles[(day, a)][:80]}")


if __name__ == "__main__":
    main()
