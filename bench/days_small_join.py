"""The small pass of the complete-story join (``ClusterConfig.small_join``) on the labelled tuning days (session 46,
group60).

``census``: each tuning day grouped as ``days_eval`` groups it (``days_event_refit.grouped``: the shipped models, a
pass of each layer every 500 reports, then both with every story complete); then, at the run's end, every pair of
two live stories both under ``join_least`` reports that one offers the other as an event candidate (the join pass's
candidate list), with ``JOIN_FEATURES`` and what the census reads beside them: the shared title terms and how many
live stories' titles use each (the day's window), the gap, whether the two share an outlet, whether either holds a
daily-series title (``genre.DailySeries``). A pair is right when both stories' labelled majority events are one event
(not a report of its own); each carries the B³ recall its reports cost (2|A_E||B_E| / |E| / N). The table: right and
wrong pairs by feature band; ``--cache`` keeps the pairs.

``lodo``: for each held day, the small-join model (``days_pair_fit.fit``, L2 1.0) fitted on the other days' pairs of
stories from outlets none of which is in both, its threshold chosen on those days by a replay of the small joins on
their final partitions (``THRESHOLDS``: the best mean F1 whose pooled pure share stays within ``PURE_SLACK`` of the
shipped grouping's there); the held day then **grouped by the production code** with that fold's model and threshold,
beside main (``small_join`` off; the same run, CPU side by side). ``--write``: the model fitted on every day, threshold by the same rule
on all of them, written to ``src/newsmirror/stories/small_join_model.toml``.

``lodo --weighted`` (session 47, group63): the model refit with each pair weighed by what its join gains or costs in
B³ (``costs``: group62's weighting) against main as shipped (the packaged model), and refit unweighed as a third
arm (information), each fold's model and threshold fitted and chosen on the other days as above; ``--write``: the
weighted refit on every day.

    python bench/days_small_join.py census --days PATH/archived --cache PAIRS.pickle
    python bench/days_small_join.py lodo --days PATH/archived --cache PAIRS.pickle [--weighted] [--write]

Only ``TUNING_DAYS`` are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import purity  # noqa: E402
from bench.days_event_refit import grouped_by, score  # noqa: E402
from bench.days_pair_fit import Day, add_days_arguments, fit, tuning_days  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer, _dice  # noqa: E402
from newsmirror.stories.joincomplete import JOIN_FEATURES, SMALL_JOIN_MODEL_FILE, join_features  # noqa: E402
from newsmirror.stories.pairscore import PairModel  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
PURE_SLACK = 0.005
RARE = 3  # a shared title term that at most this many live stories' titles use (census bands)


@dataclass
class Pair:
    a: str
    b: str
    sizes: tuple[int, int]
    features: tuple[float, ...]
    shared: list[tuple[int, str, bool]]  # (live stories whose titles use it, term, is a name), rarest first
    gap: float  # hours between the first reports
    same_outlet: bool
    series: bool
    right: bool
    weight: float  # B³ recall its reports cost when right


@dataclass
class DayPairs:
    name: str
    predicted: dict[str, str]  # article -> story at the run's end (shipped grouping)
    truth: dict[str, str]
    pairs: list[Pair] = field(default_factory=list)


def grouped(day: Day, config: ClusterConfig, small_model: PairModel | None = None
            ) -> tuple[StoryClusterer, dict[str, str], float]:
    """``days_event_refit.grouped`` with a small-join model: the clusterer, article -> story, clusterer CPU seconds."""
    return grouped_by(day, lambda: StoryClusterer(config, small_join_model=small_model))


def day_pairs(day: Day) -> DayPairs:
    """The census of one day: the small candidate pairs of the shipped grouping at the run's end."""
    clusterer, predicted, _ = grouped(day, ClusterConfig(small_join=False))
    truth = {k: v for k, v in day.events.items() if k not in day.multi and k in predicted}
    sizes = Counter(truth.values())
    live = {s.id: s for s in clusterer.stories.values() if not s.closed}
    least = clusterer.config.join_least
    small = {i: s for i, s in live.items() if len(s.members) < least}
    events = {i: Counter(truth[m.article_id] for m in s.members if m.article_id in truth) for i, s in small.items()}
    titled: Counter[str] = Counter()
    for story in live.values():
        titled.update(set(story.title_terms))
    out = DayPairs(day.name, predicted, truth)
    seen: set[tuple[str, str]] = set()
    for story_id in sorted(small):
        for other in clusterer.event_candidates(small[story_id]):
            key = (min(story_id, other.id), max(story_id, other.id))
            if other.id not in small or key in seen:
                continue
            seen.add(key)
            a, b = small[key[0]], small[key[1]]
            values = join_features(a, b, clusterer._is_name, _dice, clusterer._event_weights,
                                   clusterer._core_probability)
            shared = sorted((titled[t], t, bool(clusterer._is_name(t))) for t in set(a.title_terms) & set(b.title_terms))
            weight = sum(2 * n * events[key[1]][e] / sizes[e] / len(truth)
                         for e, n in events[key[0]].items() if not e.startswith("solo:") and events[key[1]][e])
            la, lb = (events[k].most_common(1)[0][0] if events[k] else None for k in key)
            out.pairs.append(Pair(key[0], key[1], (len(a.members), len(b.members)), values, shared,
                                  abs((a.first - b.first).total_seconds()) / 3600, bool(a.outlets & b.outlets),
                                  bool(a.series) or bool(b.series),
                                  la is not None and la == lb and not la.startswith("solo:"), weight))
    return out


def band_table(days: list[DayPairs]) -> None:
    pairs = [p for d in days for p in d.pairs]
    count = len(days)
    at = {name: i for i, name in enumerate(JOIN_FEATURES)}

    def rare(p: Pair, names: bool = False) -> int:
        return next((n for n, _, name in p.shared if name or not names), 0)

    bands = [
        ("rarest shared title term: live stories whose titles use it", lambda p: rare(p) or 999,
         (2.5, 3.5, 5.5, 10.5, 998), ("2 (only these two)", "3", "4-5", "6-10", "11+", "none shared")),
        ("rarest shared title name", lambda p: rare(p, True) or 999,
         (2.5, 3.5, 5.5, 10.5, 998), ("2", "3", "4-5", "6-10", "11+", "none shared")),
        (f"shared title terms at most {RARE} live stories use", lambda p: sum(n <= RARE for n, _, _ in p.shared),
         (0.5, 1.5, 2.5), ("0", "1", "2", "3+")),
        ("gap between first reports (hours)", lambda p: p.gap, (3, 6, 12, 24), ("< 3", "3-6", "6-12", "12-24", "24+")),
        ("pair model, a core read as a report (`core_pair_max`)", lambda p: p.features[at["core_pair_max"]],
         (.02, .05, .1, .2, .4, .7), ("< .02", ".02-.05", ".05-.1", ".1-.2", ".2-.4", ".4-.7", ".7+")),
        ("meaning cosine of the cores", lambda p: p.features[at["meaning"]], (.6, .7, .8, .9),
         ("< .6", ".6-.7", ".7-.8", ".8-.9", ".9+")),
        ("lede meaning cosine", lambda p: p.features[at["lede"]], (.6, .7, .8, .9), ("< .6", ".6-.7", ".7-.8", ".8-.9", ".9+")),
        ("term cosine of the cores", lambda p: p.features[at["cosine"]], (.05, .1, .2, .3, .5),
         ("< .05", ".05-.1", ".1-.2", ".2-.3", ".3-.5", ".5+")),
        ("an outlet in both stories", lambda p: float(p.same_outlet), (0.5,), ("no", "yes")),
        ("a daily-series title in either (genre)", lambda p: float(p.series), (0.5,), ("no", "yes")),
        ("sizes", lambda p: sum(p.sizes), (2.5, 3.5), ("1 + 1", "1 + 2", "2 + 2")),
    ]
    for title, value, edges, labels in bands:
        tally: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0])
        for p in pairs:
            v = value(p)
            k = next((i for i, e in enumerate(edges) if v < e), len(edges))
            row = tally[k]
            if p.right:
                row[0] += 1
                row[1] += p.weight
            else:
                row[2] += 1
        print(f"\n| {title} | right pairs | their recall loss (mean of {count} days) | wrong pairs | right share |")
        print("|---|---|---|---|---|")
        for k, label in enumerate(labels):
            right, loss, wrong = tally[k]
            print(f"| {label} | {right:.0f} | {loss / count:.4f} | {wrong:.0f} | {right / max(1, right + wrong):.2f} |")


def across(day: DayPairs) -> list[Pair]:
    return [p for p in day.pairs if not p.same_outlet]


def replay(day: DayPairs, pairs: list[Pair], probability: np.ndarray, threshold: float) -> dict[str, str]:
    """The day's final partition after the small pass's star joins (most probable first)."""
    role: dict[str, str] = {}
    into: dict[str, str] = {}
    for k in np.argsort(-probability, kind="stable"):
        if probability[k] < threshold:
            break
        p = pairs[k]
        big, small = (p.a, p.b) if (p.sizes[0], p.b) > (p.sizes[1], p.a) else (p.b, p.a)
        if small in role or role.get(big) == "side":
            continue
        role[small], role[big] = "side", "core"
        into[small] = big
    return {k: into.get(v, v) for k, v in day.predicted.items()}


def choose(days: list[DayPairs], weights: np.ndarray, bias: float) -> float | None:
    """The threshold of the best mean F1 on ``days`` whose pooled pure share stays within ``PURE_SLACK`` of the
    shipped grouping's there (None: no threshold does)."""
    base_pure = [purity(d.truth, d.predicted) for d in days]
    floor = sum(p for p, _ in base_pure) / max(1, sum(m for _, m in base_pure)) - PURE_SLACK
    probabilities = [probability(weights, bias, x_of(across(d))) for d in days]
    best: tuple[float, float] | None = None
    for threshold in THRESHOLDS:
        f1s, pure, multi = [], 0, 0
        for d, p in zip(days, probabilities, strict=True):
            predicted = replay(d, across(d), p, threshold)
            f1s.append(bcubed(d.truth, predicted)[2])
            one, two = purity(d.truth, predicted)
            pure, multi = pure + one, multi + two
        if pure / max(1, multi) >= floor and (best is None or float(np.mean(f1s)) > best[0]):
            best = (float(np.mean(f1s)), threshold)
    return None if best is None else best[1]


def x_of(pairs: list[Pair]) -> np.ndarray:
    return np.array([p.features for p in pairs]).reshape(len(pairs), len(JOIN_FEATURES))


def probability(weights: np.ndarray, bias: float, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def costs(days: list[DayPairs]) -> np.ndarray:
    """Each across-outlet pair's weight (session 47, group62's weighting): what its join would gain or cost in B³,
    in reports — a right pair the recall its reports cost (2|A_E||B_E|/|E|), a wrong pair the precision a join of
    its sizes costs (2·s1·s2/(s1+s2)) — scaled to a mean of 1."""
    cost = np.array([p.weight * len(d.truth) if p.right else 2 * p.sizes[0] * p.sizes[1] / sum(p.sizes)
                     for d in days for p in across(d)])
    return cost / cost.mean()


def fitted(days: list[DayPairs], weighted: bool = False) -> tuple[np.ndarray, float]:
    """The small-join model on ``days``' across-outlet pairs; ``weighted``: each pair weighed by ``costs`` (group60
    fitted it unweighed: every pair counts 1)."""
    pairs = [p for d in days for p in across(d)]
    return fit(x_of(pairs), np.array([float(p.right) for p in pairs]), 1.0,
               sample_weight=costs(days) if weighted else None)


def lodo(days: list[Day], cache: dict[str, DayPairs], write: bool, weighted: bool = False) -> None:
    """group60's LODO (main: ``small_join`` off) or, ``weighted``, the refit's: main as shipped (the packaged small-join
    model) against the model refit with each pair weighed by ``costs`` and, as information, refit unweighed, both
    fitted and their thresholds chosen on the other days."""
    arms = (("weighted refit (LODO)", True), ("unweighed refit (LODO)", False)) if weighted else (
        ("small join (LODO)", False),)
    rows: dict[str, list] = {"main": [], **{name: [] for name, _ in arms}}
    chosen: dict[str, dict[str, float | None]] = {name: {} for name, _ in arms}
    for day in days:
        train = [cache[d.name] for d in days if d.name != day.name]
        _, predicted, cpu = grouped(day, ClusterConfig(small_join=weighted))
        rows["main"].append(score(day, predicted, cpu))
        line = [f"{day.name}: main F1 {rows['main'][-1].f1:.4f} pure {rows['main'][-1].pure}/{rows['main'][-1].multi} "
                f"CPU {cpu:.2f} s"]
        for name, weigh in arms:
            weights, bias = fitted(train, weigh)
            threshold = choose(train, weights, bias)
            chosen[name][day.name] = threshold
            if threshold is None:
                _, predicted, cpu = grouped(day, ClusterConfig(small_join=False))
            else:
                model = PairModel(tuple(float(w) for w in weights), bias, threshold, JOIN_FEATURES)
                _, predicted, cpu = grouped(day, ClusterConfig(small_join=True), model)
            c = score(day, predicted, cpu)
            rows[name].append(c)
            line.append(f"{name} ({threshold}) F1 {c.f1:.4f} pure {c.pure}/{c.multi} glued {c.glued} CPU {cpu:.2f} s")
        print("; ".join(line), flush=True)
    summary(days, rows, chosen)
    if write:
        every = [cache[d.name] for d in days]
        weights, bias = fitted(every, weighted)
        threshold = choose(every, weights, bias)
        if threshold is None:
            raise SystemExit("no threshold keeps the pooled pure share on every day: nothing written")
        model = PairModel(tuple(round(float(w), 4) for w in weights), round(bias, 4), threshold, JOIN_FEATURES)
        how = (",\neach pair weighed by its B-cubed gain or cost (a right pair its recall, a wrong pair the precision "
               "its join costs),\n") if weighted else " "
        note = (f"Fitted by bench/days_small_join.py (logistic regression, L2 1.0){how}on the {len(days)} tuning days' "
                "pairs\nof two complete stories both under join_least reports from outlets none of which is in both\n"
                f"({sum(len(across(d)) for d in every)} pairs, {sum(p.right for d in every for p in across(d))} of one event); "
                "threshold chosen by a replay on the same days.\nNo held-out, test or fresh day was read to fit it.")
        SMALL_JOIN_MODEL_FILE.write_text(model.to_toml(note), encoding="utf-8")
        print(f"wrote {SMALL_JOIN_MODEL_FILE} (threshold {threshold})")
        for name, weight in zip(JOIN_FEATURES, model.weights, strict=True):
            print(f"  {name} {weight:+.4f}")
        print(f"  bias {model.bias:+.4f}")


def summary(days: list[Day], rows: dict[str, list], chosen: dict[str, dict[str, float | None]]) -> None:
    """The LODO table: main and each candidate (``rows``' keys after the first), the days moved, the thresholds."""
    print(f"\n| {len(days)} tuning days (tuned on) | mean B³ F1 | P | R | pair R | pooled pure | impure | glued | "
          "cluster CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, scored in rows.items():
        pure, multi = sum(s.pure for s in scored), sum(s.multi for s in scored)
        print(f"| {name} | {np.mean([s.f1 for s in scored]):.5f} | {np.mean([s.precision for s in scored]):.4f} | "
              f"{np.mean([s.recall for s in scored]):.4f} | {np.mean([s.pair_recall for s in scored]):.4f} | "
              f"{pure}/{multi} = {pure / multi:.4f} | {multi - pure} | {sum(s.glued for s in scored)} | "
              f"{sum(s.cpu for s in scored):.1f} s |")
    main_f1 = [s.f1 for s in rows["main"]]
    for name in list(rows)[1:]:
        gains = [(s.f1 - m, d.name) for m, s, d in zip(main_f1, rows[name], days, strict=True)]
        print(f"\n{name} against main: days up / down / equal (> .001):", sum(g > .001 for g, _ in gains),
              sum(g < -.001 for g, _ in gains), sum(abs(g) <= .001 for g, _ in gains))
        print("per day:", ", ".join(f"{n} {g:+.4f}" for g, n in sorted(gains, reverse=True)))
        print("thresholds chosen:", dict(Counter(str(t) for t in chosen[name].values())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("census", "lodo"))
    parser.add_argument("--cache", type=Path, required=True, help="the census's pairs (written by census)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--weighted", action="store_true",
                        help="lodo: main as shipped against the model refit with each pair weighed by its B³ gain or "
                             "cost (and refit unweighed, information); --write writes the weighted refit")
    add_days_arguments(parser)
    args = parser.parse_args()
    days = tuning_days(args)
    if args.command == "census":
        cache = {}
        for day in days:
            cache[day.name] = day_pairs(day)
            print(day.name, len(cache[day.name].pairs), "pairs", flush=True)
        with args.cache.open("wb") as handle:
            pickle.dump(cache, handle)
        band_table(list(cache.values()))
        return
    with args.cache.open("rb") as handle:
        cache = pickle.load(handle)
    lodo(days, cache, args.write, args.weighted)


if __name__ == "__main__":
    main()
