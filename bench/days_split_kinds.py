"""Where the tuning days' events split, by kind, weighed in B-cubed recall (issue 14 item 2; session 28, group28).

``days_split_census`` puts each pair of an event's fragments in the first grouping *stage* that could have joined
them. This tool groups each tuning day the same way (shipped defaults, ``close=True``, as ``days_eval``) and puts
each fragment pair in one *kind* of split, the first that holds in this order:

- ``genre``: one fragment's story was closed as multi-subject (a digest, a daily programme);
- ``pulled``: one fragment sits in a story where reports labelled otherwise (another event or a singleton)
  outnumber it: the member was pulled into another story;
- ``copy``: a report of one fragment is a near copy of a report of the other in the same script (character
  4-gram Jaccard of the first 600 body characters, folded to Simplified, >= .5);
- ``script``: the same, but the two reports are written in different scripts (the same report in the other
  script: a CNA wire in Traditional and its RFI copy in Simplified);
- ``gap``: the two fragments' nearest reports are 12 hours or more apart;
- ``short``: every report of the smaller fragment has a body under 200 characters;
- ``side, core >= 3`` / ``side, small``: the rest (a reaction, follow-up or side angle; the larger fragment
  holding 3+ reports, or both fewer).

Each pair is weighed as what it costs B-cubed recall: an item of fragment F loses |G| / |E| for every other
fragment G of its event E, so a pair (A, B) costs 2 |A| |B| / |E| over the day's N labelled items; summed over the
day it is exactly 1 - recall. Printed per kind as points of the 19-day mean recall, beside report pairs (|A| |B|,
recall12's unit) and the census's report stage. ``--sample K --seed S`` draws K fragment pairs (with
``random.Random(S)``, before any is read) and prints their titles and ledes for reading.

    python bench/days_split_kinds.py --days PATH/archived [--day D] [--sample 15 --seed 28] [--json OUT]

Only tuning days are read; held-out, test and fresh days never are.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402
from bench.days_split_census import _band, _classify, record_grouping  # noqa: E402

KINDS = ("genre", "pulled", "copy", "script", "gap", "short", "side, core >= 3", "side, small")
WITHOUT = "2020-11-08"  # one split election: printed apart as well (it dominates fragment pair counts)
GAP_HOURS = 12.0
SHORT_CHARS = 200
COPY_JACCARD = 0.5


@dataclass
class Report:
    title: str
    outlet: str
    script: str
    hours: float  # published time, hours since the epoch
    chars: int
    lede: str
    shingles: frozenset[str]


@dataclass
class Pair:
    day: str
    event: str
    size: int
    a: list[str]
    b: list[str]
    kind: str
    stage: str
    cost: float  # share of the day's B-cubed recall lost: 2 |A| |B| / |E| / N


def shingles(text: str, n: int = 4) -> frozenset[str]:
    from newsmirror.text.script import to_simplified

    text = to_simplified("".join(text.split())[:600])
    return frozenset(text[i:i + n] for i in range(max(len(text) - n + 1, 0)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def kind_of(a: list[str], b: list[str], reports: dict[str, Report], closed: set[str],
            pulled: set[str]) -> str:
    """The first kind (``KINDS``' order) that holds for fragments a (the larger) and b."""
    if closed & (set(a) | set(b)):
        return "genre"
    if pulled & (set(a) | set(b)):
        return "pulled"
    copies = [(x, y) for x in a for y in b if jaccard(reports[x].shingles, reports[y].shingles) >= COPY_JACCARD]
    if copies:
        return "copy" if any(reports[x].script == reports[y].script for x, y in copies) else "script"
    if min(abs(reports[x].hours - reports[y].hours) for x in a for y in b) >= GAP_HOURS:
        return "gap"
    if all(reports[y].chars < SHORT_CHARS for y in b):
        return "short"
    return "side, core >= 3" if len(a) >= 3 else "side, small"


def day_pairs(folder: Path, labels_path: Path, config: Any) -> tuple[list[Pair], dict[str, Report], int]:
    from newsmirror.stories.cluster import StoryClusterer

    probe = StoryClusterer(config)
    threshold, layer_threshold = probe.join_probability, probe.event_probability
    labels = days_eval.load_day_labels(labels_path)
    reports: dict[str, Report] = {}
    with days_eval.imported_day(folder) as (store, file_of):
        record, _ = record_grouping(store, config)
        predicted = days_eval.stories_of(store, file_of)
        for a in file_of:
            article = store.get_article(a)
            if article is None:
                continue
            body = article.body_text or ""
            when = article.published_at or article.fetched_at
            reports[a] = Report(article.title, article.outlet, article.script, when.timestamp() / 3600, len(body),
                                " ".join(body.split())[:90], shingles(body))
    # Truth as days_eval scores it: multi-event reports left out, every other unlabelled file a singleton.
    truth = {a: e for a, e in days_eval.scored_truth(labels, file_of).items() if a in reports}
    by_event = days_eval.members_of(truth)
    by_story = days_eval.members_of({a: predicted[a] for a in truth})
    pairs: list[Pair] = []
    for event, members in by_event.items():
        fragments: dict[str, list[str]] = defaultdict(list)
        for a in members:
            fragments[predicted[a]].append(a)
        if len(fragments) < 2:
            continue
        pulled = {a for story, part in fragments.items() for a in part
                  if len(by_story[story]) - len(part) > len(part)}
        parts = sorted(fragments.values(), key=lambda f: (-len(f), min(record.order.get(x, 0) for x in f)))
        for i, big in enumerate(parts):
            for little in parts[i + 1:]:
                split = _classify(day=folder.name, event=event, size=len(members), a=big, b=little, record=record,
                                  threshold=threshold, layer_threshold=layer_threshold)
                pairs.append(Pair(folder.name, event, len(members), big, little,
                                  kind_of(big, little, reports, record.closed, pulled), _band(split, threshold),
                                  2 * len(big) * len(little) / len(members) / len(truth)))
    return pairs, reports, len(truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    days_eval.add_setting_argument(parser)
    parser.add_argument("--sample", type=int, default=0, help="fragment pairs drawn for reading")
    parser.add_argument("--seed", type=int, default=28)
    parser.add_argument("--json", type=Path, help="write every pair (with its reports) here")
    args = parser.parse_args()
    everything: list[Pair] = []
    reports: dict[str, Report] = {}
    days = days_eval.census_days(args)
    for day, folder, labels, config in days:
        pairs, day_reports, labelled = day_pairs(folder, labels, config)
        everything.extend(pairs)
        reports.update(day_reports)
        lost = sum(p.cost for p in pairs)
        print(f"{day}: {labelled} labelled, {len(pairs)} fragment pairs, recall lost {lost:.4f} (R {1 - lost:.4f})",
              flush=True)
    n = len(days)
    n_without = max(1, sum(1 for day in days if day.name != WITHOUT))  # one day alone (not 11-08) must not divide by 0
    cost: dict[str, float] = defaultdict(float)
    cost_without: dict[str, float] = defaultdict(float)
    count: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    by_stage: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for p in everything:
        cost[p.kind] += p.cost / n
        if p.day != WITHOUT:
            cost_without[p.kind] += p.cost / n_without
        count[p.kind] += 1
        weight[p.kind] += len(p.a) * len(p.b)
        by_stage[p.kind][p.stage] += p.cost / n
    total, total_without = sum(cost.values()), sum(cost_without.values())
    print(f"\n| kind | fragment pairs | report pairs | mean recall lost ({n} days) | share | without {WITHOUT} | share "
          "| report stage (recall, all days) |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in KINDS:
        stages = ", ".join(f"{s} {c:.4f}" for s, c in sorted(by_stage[kind].items(), key=lambda sc: -sc[1])[:3])
        print(f"| {kind} | {count[kind]} | {weight[kind]} | {cost[kind]:.4f} | {cost[kind] / (total or 1):.0%} "
              f"| {cost_without[kind]:.4f} | {cost_without[kind] / (total_without or 1):.0%} | {stages} |")
    print(f"| all | {sum(count.values())} | {sum(weight.values())} | {total:.4f} | | {total_without:.4f} | | |")
    if args.sample:
        # Drawn in proportion to the recall each pair costs (a uniform draw is mostly 2020-11-08's singletons).
        drawn = random.Random(args.seed).choices(everything, weights=[p.cost for p in everything], k=args.sample)
        for p in drawn:
            print(f"\n{p.day} {p.event} |E| {p.size} |A| {len(p.a)} |B| {len(p.b)} kind {p.kind}; stage {p.stage}")
            for label, part in (("A", p.a), ("B", p.b)):
                for a in part[:4]:
                    r = reports[a]
                    print(f"  {label} {r.script} {r.chars:5} {r.outlet}: {r.title[:50]} | {r.lede[:70]}")
    if args.json:
        rows = [{**asdict(p), "titles": {a: reports[a].title for a in p.a + p.b}} for p in everything]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
