"""Splits of big events on the tuning days: how much of the B³ recall loss is events of ``--least`` (6) reports or
more told in several stories, and of which kind each side fragment is (session 48, group64).

``record``: each tuning day grouped as ``days_eval`` groups it (shipped defaults, ``close=True``), and for every
labelled report its story, event, outlet, time and title kept in ``--cache`` (a pickle).

``table``: every labelled event of ``--least`` reports or more that ends in 2+ stories; its largest fragment is the
event's *core*, every other fragment a *side*. Each fragment pair costs B³ recall 2|A||B|/|E| over the day's N
labelled reports (a day's pairs sum to 1 - R; ``days_split_kinds``' weighing); a core-side pair goes to the side's
kind, a side-side pair half to each side. The kinds are read from the sides' titles by hand (``--kinds``: a TSV of
``day<TAB>event<TAB>first title<TAB>kind``, kind one of ``analysis``, ``reaction``, ``follow-up``, ``other``);
a side whose every outlet has an earlier report of the event elsewhere is marked ``same outlet`` mechanically,
beside. ``--list`` prints the sides to read (day, event, size, the core's first title, the side's titles);
``--sample K --seed S`` only K sides drawn with probability proportional to their cost (with replacement,
``random.Random(S)``, before any is read), so the kinds' shares among the drawn estimate their shares of the cost.

    python bench/days_big_splits.py record --days PATH/archived --cache SPLITS.pickle
    python bench/days_big_splits.py table --cache SPLITS.pickle [--kinds KINDS.tsv] [--list] [--sample K --seed S]

Only ``days_eval.TUNING_DAYS`` are read.
"""

from __future__ import annotations

import argparse
import csv
import pickle
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import available_tuning_days, imported_day, load_day_labels, scored_truth  # noqa: E402

KINDS = ("analysis", "reaction", "follow-up", "other")


@dataclass
class Report:
    story: str
    event: str
    outlet: str
    hours: float
    title: str


def record(days: Path, names: list[str]) -> dict[str, dict[str, Report]]:
    from newsmirror.jobs.grouping import group_articles

    out: dict[str, dict[str, Report]] = {}
    for day in names:
        labels = load_day_labels(REPO / "bench" / "days" / f"labels-{day}.toml")
        with imported_day(days / day) as (store, file_of):
            group_articles(store, None, close=True)
            truth = scored_truth(labels, file_of)
            reports = {}
            for article_id, event in truth.items():
                article = store.get_article(article_id)
                if article is None:
                    continue
                reports[article_id] = Report(store.story_of(article_id) or article_id, event, article.outlet,
                                             (article.published_at or article.fetched_at).timestamp() / 3600,
                                             article.title)
            out[day] = reports
        print(day, len(out[day]), flush=True)
    return out


@dataclass
class Side:
    day: str
    event: str
    size: int
    core_title: str
    titles: list[str]
    same_outlet: bool
    cost: float  # B³ recall points of the day (pooled over days: divided by the days' N in ``table``)


def sides(day: str, reports: dict[str, Report], least: int) -> tuple[list[Side], float, int]:
    """The day's sides of split events of ``least``+ reports, each with its cost in recall x N; the day's whole loss
    x N; N."""
    n = len(reports)
    by_event: dict[str, list[str]] = defaultdict(list)
    by_story: dict[str, list[str]] = defaultdict(list)
    for a, r in reports.items():
        by_event[r.event].append(a)
        by_story[r.story].append(a)
    loss = sum(1 - sum(1 for m in by_story[r.story] if reports[m].event == r.event) / len(by_event[r.event])
               for r in reports.values())
    found: list[Side] = []
    for event, members in sorted(by_event.items()):
        if event.startswith("solo:") or len(members) < least:
            continue
        fragments: dict[str, list[str]] = defaultdict(list)
        for m in sorted(members, key=lambda a: reports[a].hours):
            fragments[reports[m].story].append(m)
        if len(fragments) < 2:
            continue
        ordered = sorted(fragments.values(), key=lambda f: (-len(f), reports[f[0]].hours))
        core, rest = ordered[0], ordered[1:]
        size = len(members)
        for side in rest:
            cost = 2 * len(core) * len(side) / size
            cost += sum(len(side) * len(other) / size for other in rest if other is not side)  # half of 2|A||B|/|E|
            first = min(reports[m].hours for m in side)
            earlier = {reports[m].outlet for m in members if m not in side and reports[m].hours < first + 1e-9}
            found.append(Side(day, event, size, reports[core[0]].title,
                              [f"{reports[m].outlet}: {reports[m].title}" for m in side],
                              all(reports[m].outlet in earlier for m in side), cost))
    return found, loss, n


def table(cache: dict[str, dict[str, Report]], least: int, kinds_path: Path | None, show: bool,
          sample: int = 0, seed: int = 0) -> None:
    kinds: dict[tuple[str, str, str], str] = {}
    if kinds_path is not None:
        with kinds_path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                if row and not row[0].startswith("#"):
                    kinds[(row[0], row[1], row[2])] = row[3]
    days = len(cache)
    loss_mean = big_mean = 0.0
    by_kind: Counter[str] = Counter()
    same: Counter[str] = Counter()
    count: Counter[str] = Counter()
    reports_of: Counter[str] = Counter()
    for day, reports in cache.items():
        found, loss, n = sides(day, reports, least)
        loss_mean += loss / n / days
        for side in found:
            key = (side.day, side.event, side.titles[0])
            kind = kind_of(side, kinds)
            big_mean += side.cost / n / days
            by_kind[kind] += side.cost / n / days
            same[kind] += side.cost / n / days if side.same_outlet else 0
            count[kind] += 1
            reports_of[kind] += len(side.titles)
            if show:
                print("\t".join((side.day, side.event, side.titles[0], kinds.get(key, ""))))
                print(f"#   size {side.size}, core: {side.core_title}; same outlet {side.same_outlet}; "
                      f"cost {side.cost / n:.4f}")
                for title in side.titles:
                    print("#       " + title)
    if sample:
        drawn(cache, least, kinds, sample, seed)
    print(f"{days} tuning days: mean B³ recall lost {loss_mean:.4f}; of it splits of events of {least}+ reports "
          f"{big_mean:.4f} ({big_mean / loss_mean:.0%})")
    print("| side's kind | sides | reports | mean recall lost | share of the big splits | of it same outlet |")
    print("|---|---|---|---|---|---|")
    for kind in (*KINDS, "unread"):
        if count[kind]:
            print(f"| {kind} | {count[kind]} | {reports_of[kind]} | {by_kind[kind]:.4f} | "
                  f"{by_kind[kind] / big_mean:.0%} | {same[kind]:.4f} |")


def drawn(cache: dict[str, dict[str, Report]], least: int, kinds: dict[tuple[str, str, str], str], sample: int,
          seed: int) -> None:
    """``sample`` sides drawn by cost (each day's cost over its N, as the pooled mean weighs them), their titles and
    kinds (as read), and the kinds' shares among the draws."""
    everyone: list[tuple[Side, float]] = []
    for day, reports in cache.items():
        found, _, n = sides(day, reports, least)
        everyone.extend((side, side.cost / n) for side in found)
    picks = random.Random(seed).choices(range(len(everyone)), weights=[c for _, c in everyone], k=sample)
    shares: Counter[str] = Counter()
    same: Counter[str] = Counter()
    for k in picks:
        side = everyone[k][0]
        kind = kind_of(side, kinds)
        shares[kind] += 1
        same[kind] += side.same_outlet
        print("\t".join((side.day, side.event, side.titles[0], kind)))
        print(f"#   size {side.size}, core: {side.core_title}; same outlet {side.same_outlet}")
        for title in side.titles[1:]:
            print("#       " + title)
    print(f"{sample} sides drawn by cost (seed {seed}): " + ", ".join(
        f"{k} {v} (same outlet {same[k]})" for k, v in shares.most_common()))


def kind_of(side: Side, kinds: dict[tuple[str, str, str], str]) -> str:
    """The side's kind as read (``told`` made ``follow-up`` or ``other`` by the same-outlet mark), or ``unread``."""
    kind = kinds.get((side.day, side.event, side.titles[0]), "unread")
    return ("follow-up" if side.same_outlet else "other") if kind == "told" else kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("record", "table"))
    parser.add_argument("--days", type=Path, default=REPO.parent / "shared" / "days")
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--least", type=int, default=6)
    parser.add_argument("--kinds", type=Path)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=64)
    args = parser.parse_args()
    if args.command == "record":
        cache = record(args.days, available_tuning_days(args.days))
        with args.cache.open("wb") as handle:
            pickle.dump(cache, handle)
        return
    with args.cache.open("rb") as handle:
        table(pickle.load(handle), args.least, args.kinds, args.list, args.sample, args.seed)


if __name__ == "__main__":
    main()
