"""Fit and replay the complete-story join (``stories.joincomplete``) on the labelled tuning days.

``--capture`` groups each tuning day as ``jobs.grouping`` does with the shipped settings (the event layer's
pass every 500 reports and at the end), then, as the run's final join pass would, scores every candidate
pair of the finished stories (``StoryClusterer.join_pairs(final=True)``'s pairs) with ``JOIN_FEATURES``, and
keeps it all in a pickle. Without flags the cache is then read:

* the headroom: B-cubed recall and F1 of the shipped grouping, and after perfect joins (the same-event
  candidate pairs, each story joined once; every candidate pair of one event; every story of one event);
* leave-one-day-out: each day's pairs scored by a model fitted on the other days' pairs, joined as the pass
  joins (most probable first, each story once, at or above the threshold); the threshold of each fold is
  chosen on its training days (in sample: the best mean F1 among those whose mean pure share stays within
  ``PURE_SLACK`` of the shipped grouping's), so no day's threshold is chosen on it;
* ``--write``: the model fitted on every tuning day, threshold by the same rule on all of them, written to
  ``src/newsmirror/stories/join_model.toml``.

    python bench/days_join_fit.py --days PATH/archived --capture CACHE.pickle
    python bench/days_join_fit.py --cache CACHE.pickle [--write]

Only tuning days are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import purity  # noqa: E402
from bench.days_pair_fit import Day, add_days_arguments, fit, tuning_days  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer, _dice  # noqa: E402
from newsmirror.stories.joincomplete import JOIN_FEATURES, JOIN_MODEL_FILE, as_complete, join_features  # noqa: E402
from newsmirror.stories.pairscore import PairModel  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
PURE_SLACK = 0.005
SHIPPED_ON = ("2020-08-04", "2020-10-14", "2020-09-16", "2021-01-06", "2020-07-22")  # the shipped models' days
BATCH = 500  # jobs.grouping's save interval: the event layer's pass


@dataclass
class Captured:
    name: str
    assigned: dict[str, str]  # article id -> story id at the end of the run
    sizes: dict[str, int]  # story id -> members
    pairs: list[tuple[str, str]]
    features: np.ndarray
    truth: dict[str, str]  # labelled article -> event (multi-event reports left out)


def capture_day(day: Day, extra: Callable[[Any, Any], tuple[float, ...]] | None = None,
                features: tuple[str, ...] = JOIN_FEATURES) -> Captured:
    """``features``: the columns (``JOIN_FEATURES`` or the join pass's ``COMPLETE_JOIN_FEATURES``); ``extra(a, b)``:
    more columns after them for each pair (a feature tried, not shipped)."""
    clusterer = StoryClusterer(ClusterConfig(join_complete=False))  # the grouping the join pass reads: no join yet
    assigned = {}
    for n, document in enumerate(day.documents, 1):
        assigned[document.id] = clusterer.add(document).story_id
        if n % BATCH == 0:
            clusterer.link_events()
    clusterer.link_events()
    assigned = {k: clusterer.resolve(v) for k, v in assigned.items()}
    live = {s.id: s for s in clusterer.stories.values() if not s.closed}
    pairs, rows, seen = [], [], set()
    for story_id in sorted(live):
        story = live[story_id]
        for other in clusterer.event_candidates(story):
            key = (min(story.id, other.id), max(story.id, other.id))
            if other.id not in live or key in seen:
                continue
            seen.add(key)
            pairs.append((story.id, other.id))
            rows.append(join_features(story, other, clusterer._is_name, _dice, clusterer._event_weights,
                                      clusterer._core_probability, features) + (extra(story, other) if extra else ()))
    truth = {k: v for k, v in day.events.items() if k not in day.multi and k in assigned}
    sizes = {s.id: len(s.members) for s in clusterer.stories.values()}
    width = len(features) + (len(rows[0]) - len(features) if rows else 0)
    return Captured(day.name, assigned, sizes, pairs, np.array(rows, dtype=float).reshape(-1, width), truth)


_GAP = JOIN_FEATURES.index("gap")


def scoped(day: Captured, least: int, max_gap: float | None = None) -> Captured:
    """The day with only the pairs whose larger story holds ``least`` reports or more (``join_least``) and, with
    ``max_gap``, whose first reports lie at most that many hours apart (``join_gap``)."""
    near = day.features[:, _GAP] <= np.log1p(max_gap) if max_gap is not None else np.ones(len(day.pairs), bool)
    keep = [i for i, (a, b) in enumerate(day.pairs) if max(day.sizes[a], day.sizes[b]) >= least and near[i]]
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep], day.features[keep], day.truth)


def story_labels(day: Captured) -> dict[str, str]:
    """The event most of a story's labelled members belong to."""
    events: dict[str, Counter[str]] = defaultdict(Counter)
    for article, story in day.assigned.items():
        if article in day.truth:
            events[story][day.truth[article]] += 1
    return {story: counts.most_common(1)[0][0] for story, counts in events.items()}


def same_event(day: Captured) -> np.ndarray:
    label = story_labels(day)
    return np.array([float(a in label and label.get(a) == label.get(b) and not label[a].startswith("solo:"))
                     for a, b in day.pairs])


def joined(day: Captured, probability: np.ndarray, threshold: float, star: bool = False,
           cap: int = 0) -> dict[str, str]:
    """Story -> story after the pass, most probable first: each story joined once, or (``star``) a story either
    absorbs or is absorbed, and the absorbed one joins once (a core may take several sides; ``cap`` > 0: at most
    that many, ``join_cap``)."""
    into: dict[str, str] = {}
    role: dict[str, str] = {}
    taken: Counter[str] = Counter()
    size = dict(day.sizes)
    order = sorted(((p, a, b) for p, (a, b) in zip(probability, day.pairs, strict=True) if p >= threshold),
                   reverse=True)
    for _, a, b in order:
        big, small = (a, b) if size[a] >= size[b] else (b, a)
        if star:
            if small in role or role.get(big) == "side" or (cap and taken[big] >= cap):
                continue
        elif a in role or b in role:
            continue
        role[small], role[big] = "side", "core"
        taken[big] += 1
        into[small] = big
        size[big] += size[small]
    return into


def score(day: Captured, into: dict[str, str]) -> tuple[float, float, float, float]:
    predicted = {k: into.get(v, v) for k, v in day.assigned.items()}
    precision, recall, f1 = bcubed(day.truth, predicted)
    pure, multi = purity(day.truth, predicted)
    return f1, precision, recall, pure / max(multi, 1)


def union_all(day: Captured, same: np.ndarray) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for (a, b), s in zip(day.pairs, same, strict=True):
        if s:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    return {s: find(s) for s in day.sizes if find(s) != s}


def headroom(cache: dict[str, Captured]) -> None:
    rows: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    for day in cache.values():
        same = same_event(day)
        label = story_labels(day)
        rows["shipped grouping (main)"].append(score(day, {}))
        rows["perfect join pass: same-event candidate pairs, each story once"].append(score(day, joined(day, same, 0.5)))
        rows["perfect join pass: same-event candidate pairs, star"].append(score(day, joined(day, same, 0.5, True)))
        rows["same-event candidate pairs, chained"].append(score(day, union_all(day, same)))
        by_event = {}
        for story, event in sorted(label.items()):
            if not event.startswith("solo:"):
                by_event.setdefault(event, story)
        rows["every story of one event joined (no candidate limit)"].append(
            score(day, {s: by_event[e] for s, e in label.items() if e in by_event and by_event[e] != s}))
    print("headroom (tuning days, B3; means over days):")
    for name, values in rows.items():
        f1, p, r, pure = np.mean(values, axis=0)
        print(f"  {name:64s} F1 {f1:.4f}  P {p:.4f}  R {r:.4f}  pure {pure:.4f}")
    pairs = sum(len(d.pairs) for d in cache.values())
    positive = sum(int(same_event(d).sum()) for d in cache.values())
    print(f"  candidate pairs {pairs}, same event {positive}")


def probability(weights: np.ndarray, bias: float, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ weights + bias, -30, 30)))


def fit_days(days: list[Captured], l2: float, days_equal: bool = False) -> tuple[np.ndarray, float]:
    """``days_equal``: each day's pairs weigh the same in the fit (summing to the number of pairs)."""
    x = np.vstack([d.features for d in days])
    y = np.concatenate([same_event(d) for d in days])
    sizes = [len(d.pairs) for d in days]
    weight = (np.concatenate([np.full(n, len(y) / (len(days) * n)) for n in sizes if n]) if days_equal else None)
    return fit(x, y, l2, sample_weight=weight)


def choose(days: list[Captured], weights: np.ndarray, bias: float, star: bool = False, cap: int = 0) -> float:
    """The threshold with the best mean F1 on ``days`` among those keeping their mean pure share within
    ``PURE_SLACK`` of the grouping without joins."""
    base_pure = float(np.mean([score(d, {})[3] for d in days]))
    best = (-1.0, 1.01)
    for threshold in THRESHOLDS:
        scores = [score(d, joined(d, probability(weights, bias, d.features), threshold, star, cap)) for d in days]
        f1, pure = float(np.mean([s[0] for s in scores])), float(np.mean([s[3] for s in scores]))
        if pure >= base_pure - PURE_SLACK and f1 > best[0]:
            best = (f1, threshold)
    return best[1]


def lodo(cache: dict[str, Captured], l2: float, fixed: float | None, star: bool = False,
         days_equal: bool = False, quiet: bool = False, cap: int = 0, bound_only: bool = False,
         ) -> tuple[float, float, float]:
    """Mean F1 and pure share (LODO) and the mean F1 of the days no shipped model was fitted on (``bound_only``:
    the threshold chosen without the cap, the cap applied after)."""
    say = (lambda *_: None) if quiet else print
    say(f"leave-one-day-out, {'star' if star else 'once'}, days equal {days_equal} (l2 {l2}; threshold {'per fold, chosen on its training days' if fixed is None else fixed}):")
    base, ours = [], []
    for name, day in cache.items():
        train = [d for n, d in cache.items() if n != name]
        weights, bias = fit_days(train, l2, days_equal)
        threshold = fixed if fixed is not None else choose(train, weights, bias, star, 0 if bound_only else cap)
        p = probability(weights, bias, day.features)
        into = joined(day, p, threshold, star, cap)
        before, after = score(day, {}), score(day, into)
        base.append(before)
        ours.append(after)
        label = story_labels(day)
        wrong = sum(1 for s, b in into.items() if label.get(s) is not None and label.get(s) != label.get(b))
        say(f"  {name} thr {threshold:.2f} joins {len(into):3d} (wrong by majority {wrong})  F1 {before[0]:.4f} -> "
              f"{after[0]:.4f}  R {before[2]:.4f} -> {after[2]:.4f}  pure {before[3]:.3f} -> {after[3]:.3f}")
    b, o = np.mean(base, axis=0), np.mean(ours, axis=0)
    say(f"  mean F1 {b[0]:.5f} -> {o[0]:.5f} ({o[0] - b[0]:+.5f}); mean pure {b[3]:.5f} -> {o[3]:.5f} "
          f"({o[3] - b[3]:+.5f})")
    untuned = [i for i, n in enumerate(cache) if n not in SHIPPED_ON]
    bu, ou = np.mean([base[i] for i in untuned], axis=0), np.mean([ours[i] for i in untuned], axis=0)
    say(f"  the {len(untuned)} days no shipped model was fitted on: mean F1 {bu[0]:.5f} -> {ou[0]:.5f} "
        f"({ou[0] - bu[0]:+.5f})")
    return float(o[0]), float(o[3]), float(ou[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_days_arguments(parser)
    parser.add_argument("--capture", type=Path, help="group the tuning days and write the pairs here")
    parser.add_argument("--cache", type=Path, help="a --capture pickle to read")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--threshold", type=float, help="a fixed threshold instead of the per-fold choice")
    parser.add_argument("--write", action="store_true", help=f"fit on every day and write {JOIN_MODEL_FILE.name}")
    parser.add_argument("--star", action="store_true", help="with --write: the threshold for the star pass")
    parser.add_argument("--least", type=int, default=1, help="with --write: join_least")
    parser.add_argument("--days-equal", action="store_true", help="with --write: each day's pairs weigh the same")
    parser.add_argument("--cap", type=int, nargs="*",
                        help="only the star pass with join_least --least and these caps on sides per core (0: none)")
    parser.add_argument("--bound-only", action="store_true",
                        help="with --cap: the threshold chosen without the cap, the cap applied after")
    parser.add_argument("--max-gap", type=float,
                        help="only pairs whose first reports lie at most this many hours apart (join_gap)")
    parser.add_argument("--verbose", action="store_true", help="each variant's per-day table")
    args = parser.parse_args()
    if args.capture:
        cache = {d.name: capture_day(d) for d in tuning_days(args)}
        with args.capture.open("wb") as handle:
            pickle.dump(cache, handle)
    else:
        with args.cache.open("rb") as handle:
            cache = pickle.load(handle)
    headroom(cache)
    base = {n: score(d, {}) for n, d in cache.items()}
    untuned = [n for n in cache if n not in SHIPPED_ON]
    print(f"main: mean F1 {np.mean([v[0] for v in base.values()]):.5f}, mean pure "
          f"{np.mean([v[3] for v in base.values()]):.5f}, untuned days' mean F1 "
          f"{np.mean([base[n][0] for n in untuned]):.5f}")
    if args.cap is not None:
        view = {n: scoped(d, args.least, args.max_gap) for n, d in cache.items()}
        print(f"variants (LODO): star, least {args.least}, cap -> mean F1, mean pure, untuned days' mean F1")
        for cap in args.cap:
            f1, pure, untuned_f1 = lodo(view, args.l2, args.threshold, True, args.days_equal, not args.verbose, cap,
                                            args.bound_only)
            print(f"  cap {cap}: F1 {f1:.5f} pure {pure:.5f} untuned F1 {untuned_f1:.5f}")
    print("variants (LODO): least, days equal, once/star -> mean F1, mean pure, untuned days' mean F1")
    for least in ((1, 2, 3) if args.cap is None else ()):
        view = {n: scoped(d, least) for n, d in cache.items()}
        for days_equal in (False, True):
            for star in (False, True):
                f1, pure, untuned_f1 = lodo(view, args.l2, args.threshold, star, days_equal, quiet=not args.verbose)
                print(f"  least {least} equal {days_equal!s:5} {'star' if star else 'once'}: F1 {f1:.5f} pure {pure:.5f} "
                      f"untuned F1 {untuned_f1:.5f}")
    if args.write:
        cap = args.cap[-1] if args.cap else 0
        days = [scoped(d, args.least, args.max_gap) for d in cache.values()]
        weights, bias = fit_days(days, args.l2, args.days_equal)
        threshold = args.threshold if args.threshold is not None else choose(days, weights, bias, args.star,
                                                                                 0 if args.bound_only else cap)
        pairs = sum(len(d.pairs) for d in days)
        positive = sum(int(same_event(d).sum()) for d in days)
        note = (f"Fitted by bench/days_join_fit.py --write --least {args.least}{' --star' if args.star else ''}"
                f"{f' --cap {cap}' if cap else ''}{f' --max-gap {args.max_gap:g}' if args.max_gap is not None else ''}"
                f"{' --days-equal' if args.days_equal else ''} (logistic regression, L2 {args.l2}) on the candidate\n"
                f"pairs of finished stories (larger side >= {args.least} reports{', first reports within the gap' if args.max_gap is not None else ''}) of the tuning days\n{', '.join(cache)}\n"
                f"(shipped grouping): {pairs} pairs, {positive} same event. Threshold by the fit's rule on the same days.\n"
                "No held-out, test or fresh day was read to fit it.")
        model = PairModel(tuple(round(float(w), 4) for w in weights), round(bias, 4), threshold, JOIN_FEATURES)
        JOIN_MODEL_FILE.write_text(as_complete(model).to_toml(note))  # the join pass's list, the outlets weighed 0
        print(f"wrote {JOIN_MODEL_FILE} (threshold {threshold})")


if __name__ == "__main__":
    main()
