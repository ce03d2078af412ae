"""The event layer's end-of-day pass replayed offline, to compare event-model variants cheaply.

``days_event_fit`` regroups a whole day for every threshold and fold. The pass itself only needs the
stories as the report-level grouping left them and their candidate pairs: on one day ``_mergeable``
always holds (``max_span`` is three days), so one ``link_events`` pass at the end of the day is the
single-link union of every candidate pair at or above the threshold, judged as the stories stood
before the pass. ``capture`` groups each tuning day twice without links (the pair model fitted on the
other tuning days, for leave-one-day-out; the packaged pair model, for the in-sample check), keeps the
stories and their candidate pairs in a pickle, and ``replay`` scores any event model on them.

    python bench/days_event_replay.py --days PATH/archived --capture CACHE.pickle
    python bench/days_event_replay.py --cache CACHE.pickle [--variant NAME ...] [--list DAY]
    python bench/days_event_replay.py --cache CACHE.pickle --refit-rows   # LODO: pair, event or both refit

Only tuning days are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import purity  # noqa: E402
from bench.days_event_fit import NEVER, config, leave_one_out_pair_models  # noqa: E402
from bench.days_pair_fit import (  # noqa: E402
    SETTINGS,
    Day,
    add_days_arguments,
    choose_threshold,
    fit,
    fit_final,
    parse_setting,
    reading_lengths,
    tuning_days,
)
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import StoryClusterer, _dice, _StoryState  # noqa: E402
from newsmirror.stories.eventlink import (  # noqa: E402
    EVENT_FEATURES,
    EVENT_FEATURES_COVER,
    EVENT_MODEL_COVER_FILE,
    EVENT_MODEL_FILE,
    event_features,
)
from newsmirror.stories.pairscore import PairModel, default_pair_model  # noqa: E402

THRESHOLDS = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
PURE_TARGET = 0.92  # this session's rule (bench/days_results.md, Session 18, layer9)
F1_MARGIN = 0.005
SHIPPED, SHIPPED_THRESHOLD = "refit (as shipped)", 0.85  # session 17's mechanism and threshold


@dataclass
class Grouped:
    """One day grouped without links: where each report went, the live stories, their candidate pairs."""

    assigned: dict[str, str]  # article id -> story id (resolved)
    stories: dict[str, _StoryState]
    pairs: list[tuple[str, str]]
    features: np.ndarray  # EVENT_FEATURES of each pair
    names: dict[str, int]  # is_name of every title / lede term of the stories
    extra: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass
class Captured:
    day: Day
    loo: Grouped  # pair model fitted on the other tuning days
    ship: Grouped  # the packaged pair model


def group(day: Day, pair_model: PairModel) -> Grouped:
    clusterer = StoryClusterer(config(), model=pair_model, event_model=NEVER)
    assigned = {d.id: clusterer.add(d).story_id for d in day.documents}
    assigned = {k: clusterer.resolve(v) for k, v in assigned.items()}
    stories = {s.id: s for s in clusterer.stories.values() if not s.closed}
    pairs: list[tuple[str, str]] = []
    rows = []
    seen: set[tuple[str, str]] = set()
    for story in sorted(stories.values(), key=lambda s: s.id):
        for other in clusterer.event_candidates(story):
            key = (min(story.id, other.id), max(story.id, other.id))
            if key in seen or other.id not in stories:
                continue
            seen.add(key)
            pairs.append(key)
            rows.append(event_features(stories[key[0]], stories[key[1]], clusterer._is_name, _dice))
    terms = {t for s in stories.values() for t in (*s.title_terms, *s.lede_terms, *s.centroid)}
    names = {t: clusterer._is_name(t) for t in terms}
    return Grouped(assigned, stories, pairs, np.array(rows, dtype=float), names)


def capture(days: list[Day], path: Path) -> None:
    models = leave_one_out_pair_models(days)
    captured = {d.name: Captured(d, group(d, models[d.name]), group(d, default_pair_model())) for d in days}
    with path.open("wb") as handle:
        pickle.dump(captured, handle)


def story_labels(day: Day, grouped: Grouped) -> dict[str, str]:
    """The event most of a story's labelled (not multi-event) members belong to."""
    label = {}
    for story in grouped.stories.values():
        events = Counter(day.events[m.article_id] for m in story.members
                         if m.article_id in day.events and m.article_id not in day.multi)
        if events:
            label[story.id] = events.most_common(1)[0][0]
    return label


def training(day: Day, grouped: Grouped, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    label = story_labels(day, grouped)
    keep, same = [], []
    for i, (a, b) in enumerate(grouped.pairs):
        if a in label and b in label:
            keep.append(i)
            same.append(int(label[a] == label[b] and not label[a].startswith("solo:")))
    return x[keep], np.array(same, dtype=float)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        while self.parent.get(a, a) != a:
            a = self.parent[a]
        return a

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def link(grouped: Grouped, probability: np.ndarray, threshold: float, allowed: np.ndarray,
         event_core: int = 3) -> dict[str, str]:
    """Story id -> linked story id after the pass (single link over the pairs at or above the threshold)."""
    union = _Union()
    for i, (a, b) in enumerate(grouped.pairs):
        if probability[i] < threshold or not allowed[i]:
            continue
        if max(len(grouped.stories[a].members), len(grouped.stories[b].members)) < event_core:
            continue
        union.join(a, b)
    return {s: union.find(s) for s in grouped.stories}


def score_counts(day: Day, grouped: Grouped, linked: dict[str, str]) -> tuple[float, float, float, int, int]:
    """B-cubed F1, precision, recall, pure and all multi-report stories of a day after the pass: the counts
    pool over days (a rule on pooled pure sums them)."""
    predicted = {k: linked.get(v, v) for k, v in grouped.assigned.items()}
    truth = {k: v for k, v in day.events.items() if k not in day.multi and k in predicted}
    precision, recall, f1 = bcubed(truth, predicted)
    pure, multi = purity(truth, predicted)
    return f1, precision, recall, pure, multi


def score(day: Day, grouped: Grouped, linked: dict[str, str]) -> tuple[float, float, float, float]:
    f1, precision, recall, pure, multi = score_counts(day, grouped, linked)
    return f1, precision, recall, pure / max(multi, 1)


@dataclass
class Variant:
    """An event-model variant: which columns of the feature matrix it uses and which pairs may link."""

    name: str
    columns: Callable[[Captured, Grouped], np.ndarray]
    allowed: Callable[[Captured, Grouped, np.ndarray], np.ndarray] | None = None  # (captured, grouped, p) -> mask
    event_core: int = 3
    l2: float = 1.0
    # (grouped, p) -> p as the pass reads it (e.g. a larger core asks for more evidence); None: p as fitted
    adjust: Callable[[Grouped, np.ndarray], np.ndarray] | None = None
    linker: Callable[..., dict[str, str]] | None = None  # a pass other than ``link`` (same arguments)
    # Each day's story pairs weigh the same in the fit: one day of many same-event pairs (2020-11-08's split
    # event) otherwise shapes the weights most.
    days_equal: bool = False
    probabilities: dict[tuple[str, bool], np.ndarray] = field(default_factory=dict)  # (day, LODO?) -> last scored


def day_weights(sizes: list[int], variant: Variant) -> np.ndarray | None:
    """Row weights giving each day's pairs the same total (summing to the number of rows), or None."""
    if not variant.days_equal:
        return None
    total, days = sum(sizes), sum(1 for n in sizes if n)
    return np.concatenate([np.full(n, total / (days * n)) for n in sizes if n])


def evaluate(cache: dict[str, Captured], variant: Variant, thresholds: Iterable[float] = THRESHOLDS
             ) -> tuple[dict[float, list[tuple[float, float, float, float]]],
                        dict[float, list[tuple[float, float, float, float]]], tuple[np.ndarray, float]]:
    """Leave-one-day-out and in-sample tables (threshold -> per day F1, P, R, pure) and the all-day fit."""
    names = list(cache)
    cols = {n: (variant.columns(cache[n], cache[n].loo), variant.columns(cache[n], cache[n].ship)) for n in names}
    train = {n: training(cache[n].day, cache[n].loo, cols[n][0]) for n in names}
    loo: dict[float, list[tuple[float, float, float, float]]] = {t: [] for t in thresholds}
    ins: dict[float, list[tuple[float, float, float, float]]] = {t: [] for t in thresholds}

    def run(weights: np.ndarray, bias: float, c: Captured, g: Grouped, x: np.ndarray,
            into: dict[float, list[tuple[float, float, float, float]]]) -> None:
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ weights + bias, -30, 30))) if len(x) else np.zeros(0)
        if variant.adjust is not None and len(p):
            p = variant.adjust(g, p)
        variant.probabilities[(c.day.name, g is c.loo)] = p
        allowed = variant.allowed(c, g, p) if variant.allowed else np.ones(len(p), dtype=bool)
        for t in into:
            into[t].append(score(c.day, g, (variant.linker or link)(g, p, t, allowed, variant.event_core)))

    for held in names:
        rest = [n for n in names if n != held]
        x = np.vstack([train[n][0] for n in rest])
        y = np.concatenate([train[n][1] for n in rest])
        weights, bias = fit(x, y, variant.l2, sample_weight=day_weights([len(train[n][1]) for n in rest], variant))
        run(weights, bias, cache[held], cache[held].loo, cols[held][0], loo)
    x = np.vstack([train[n][0] for n in names])
    weights, bias = fit(x, np.concatenate([train[n][1] for n in names]), variant.l2,
                        sample_weight=day_weights([len(train[n][1]) for n in names], variant))
    for n in names:
        run(weights, bias, cache[n], cache[n].ship, cols[n][1], ins)
    return loo, ins, (weights, bias)


def session_rule(rows: dict[str, tuple[float, float]]) -> str:
    """Session 18's rule over (LODO mean F1, mean pure) rows: the best F1 among rows at least PURE_TARGET
    pure; if none, the purest among those within F1_MARGIN of the best F1 (ties: the better F1)."""
    pure = [name for name, (_, p) in rows.items() if p >= PURE_TARGET]
    if pure:
        return max(pure, key=lambda name: rows[name][0])
    best = max(f1 for f1, _ in rows.values())
    near = [name for name, (f1, _) in rows.items() if f1 >= best - F1_MARGIN]
    return max(near, key=lambda name: (round(rows[name][1], 9), rows[name][0]))


def no_links(cache: dict[str, Captured]) -> tuple[list[tuple[float, float, float, float]], list[Any]]:
    loo = [score(c.day, c.loo, {}) for c in cache.values()]
    ins = [score(c.day, c.ship, {}) for c in cache.values()]
    return loo, ins


def mean(rows: Sequence[tuple[float, ...]], column: int) -> float:
    return float(np.mean([r[column] for r in rows]))


def print_table(name: str, loo: dict[float, list[tuple[float, float, float, float]]],
                ins: dict[float, list[tuple[float, float, float, float]]]) -> None:
    for t in loo:
        cells = "  ".join(f"{r[0]:.3f}/{r[3]:.2f}" for r in loo[t])
        print(f"{name:28s} {t:.2f}  {cells}   LODO {mean(loo[t], 0):.5f} {mean(loo[t], 3):.5f}"
              f"   in-sample {mean(ins[t], 0):.5f} {mean(ins[t], 3):.5f}", flush=True)


def write_model(cache: dict[str, Captured], threshold: float, cover: bool = False) -> None:
    """The event model fitted on every day's story pairs (as ``days_event_fit`` fits it), at ``threshold``
    (``cover``: with ``core_lede_cover``, written to ``event_model_cover.toml``)."""
    from bench.days_event_variants import current

    data = {n: training(c.day, c.loo, current(c, c.loo, cover)) for n, c in cache.items()}
    model, y = fit_final(data, 1.0, threshold, EVENT_FEATURES_COVER if cover else EVENT_FEATURES)
    note = (f"Fitted by bench/days_event_replay.py --write {threshold} (logistic regression, L2 1.0; the same pairs "
            f"bench/days_event_fit.py fits) on the tuning days\n{', '.join(cache)}: {len(y)} candidate story pairs, "
            f"{int(y.sum())} same event (stories grouped by pair models fitted leave-one-day-out).\nThreshold by "
            "the rule of the session that wrote it (bench/days_results.md). No held-out or test day was read to fit "
            f"it.\n{reading_lengths()}")
    path = EVENT_MODEL_COVER_FILE if cover else EVENT_MODEL_FILE
    path.write_text(model.to_toml(note), encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}")


def list_links(cache: dict[str, Captured], probabilities: dict[str, np.ndarray], threshold: float = 0.85,
               loo: bool = False) -> None:
    """Every pair linked at ``threshold`` whose stories' labels differ (the shipped grouping, or ``loo``'s)."""
    for name, c in cache.items():
        g, p = (c.loo if loo else c.ship), probabilities[name]
        label = story_labels(c.day, g)
        title = {d.id: d.title for d in c.day.documents}
        right = wrong = 0
        for i, (a, b) in enumerate(g.pairs):
            sa, sb = g.stories[a], g.stories[b]
            if p[i] < threshold or max(len(sa.members), len(sb.members)) < 3:
                continue
            la, lb = label.get(a, "(multi)"), label.get(b, "(multi)")
            if la == lb and not la.startswith("solo:"):
                right += 1
                continue
            wrong += 1
            print(f"{name} p={p[i]:.3f} gap={g.features[i][EVENT_FEATURES.index('gap')]:.2f}")
            for s, lab in ((sa, la), (sb, lb)):
                titles = "; ".join(title[m.article_id][:40] for m in s.members[:4])
                print(f"   [{len(s.members)}] {lab[:30]}: {titles}")
        print(f"{name}: {right} right links, {wrong} wrong")


def score_packaged(cache: dict[str, Captured]) -> None:
    """Each day as the packaged models group it, by the scorer the LODO rows use: a day no packaged model
    was fitted on is then comparable with another model's LODO row on it."""
    from bench.days_event_variants import packaged
    from newsmirror.stories.eventlink import load_event_model

    threshold = load_event_model().threshold
    probabilities = packaged(cache)
    rows = []
    for name, c in cache.items():
        p = probabilities[name]
        rows.append(score(c.day, c.ship, link(c.ship, p, threshold, np.ones(len(p), dtype=bool))))
        print(f"{name}  F1 {rows[-1][0]:.4f} P {rows[-1][1]:.4f} R {rows[-1][2]:.4f} pure {rows[-1][3]:.4f}")
    print(f"packaged models (event threshold {threshold}): mean F1 {mean(rows, 0):.5f} pure {mean(rows, 3):.5f}")


def refit_rows(cache: dict[str, Captured], event_model: PairModel,
               threshold: float = SHIPPED_THRESHOLD) -> dict[str, list[tuple[float, float, float, int, int]]]:
    """Leave-one-day-out rows of a refit of the two models, each day scored by models not fitted on it
    (``score_counts`` per day): "packaged" (the day grouped by the packaged pair model, ``event_model`` links
    it), "pair refit" (grouped by the pair model of the other days, ``event_model``), "event refit" (the
    packaged pair model, the event model fitted on the other days' story pairs at ``threshold``) and "both
    refit" (the replay's LODO row of the current features). The event model is fitted on each day's grouping
    by its own LODO pair model, as ``write_model`` fits it."""
    from bench.days_event_variants import current

    names = list(cache)
    train = {n: training(cache[n].day, cache[n].loo, current(cache[n], cache[n].loo)) for n in names}
    rows: dict[str, list[tuple[float, float, float, int, int]]] = {
        "packaged": [], "pair refit": [], "event refit": [], "both refit": []}
    packaged = np.array(event_model.weights), event_model.bias
    for held in names:
        rest = [n for n in names if n != held]
        refit = fit(np.vstack([train[n][0] for n in rest]), np.concatenate([train[n][1] for n in rest]))
        c = cache[held]
        for row, grouped, (weights, bias), at in (("packaged", c.ship, packaged, event_model.threshold),
                                                  ("pair refit", c.loo, packaged, event_model.threshold),
                                                  ("event refit", c.ship, refit, threshold),
                                                  ("both refit", c.loo, refit, threshold)):
            x = current(c, grouped)
            p = 1.0 / (1.0 + np.exp(-np.clip(x @ weights + bias, -30, 30))) if len(x) else np.zeros(0)
            linked = link(grouped, p, at, np.ones(len(p), dtype=bool))
            rows[row].append(score_counts(c.day, grouped, linked))
    return rows


def print_refit_rows(cache: dict[str, Captured], rows: dict[str, list[tuple[float, float, float, int, int]]]) -> None:
    print("day         " + "".join(f"{name:>20s}" for name in rows))
    for i, day in enumerate(cache):
        print(f"{day:10s}  " + "".join(f"{r[i][0]:>11.4f} {r[i][3]:>3d}/{r[i][4]:<3d}" for r in rows.values()))
    for name, rs in rows.items():
        pure, multi = sum(r[3] for r in rs), sum(r[4] for r in rs)
        print(f"{name:12s} mean F1 {mean(rs, 0):.5f} P {mean(rs, 1):.4f} R {mean(rs, 2):.4f}   pooled pure "
              f"{pure}/{multi} = {pure / max(multi, 1):.4f}")


def capture_or_load(args: argparse.Namespace, write: Callable[[list[Day], Path], None]) -> Any:
    """``--capture PATH``: the tuning days grouped and written there by ``write`` (None returned); otherwise the
    cache ``--cache PATH`` holds."""
    if args.capture:
        write(tuning_days(args), args.capture)
        return None
    if not args.cache:
        raise SystemExit("--capture PATH or --cache PATH")
    with args.cache.open("rb") as handle:
        return pickle.load(handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_days_arguments(parser)
    parser.add_argument("--capture", type=Path, help="group the tuning days and write the cache here")
    parser.add_argument("--cache", type=Path, help="a cache written by --capture")
    parser.add_argument("--variant", action="append", default=[], help="variants to score (default: all)")
    parser.add_argument("--write", type=float, metavar="THRESHOLD",
                        help="fit the event model of the current EVENT_FEATURES on every day and write it with this "
                             "threshold to src/newsmirror/stories/event_model.toml")
    parser.add_argument("--lede-cover", action="store_true",
                        help="with --write: the model with core_lede_cover, to event_model_cover.toml")
    parser.add_argument("--packaged", action="store_true",
                        help="score the packaged pair and event models (each day's grouping by the packaged pair "
                             "model, the packaged event model at its threshold) instead of refitting variants")
    parser.add_argument("--refit-rows", action="store_true",
                        help="leave-one-day-out rows of the packaged models, the pair model refit, the event model "
                             "refit and both (at the shipped thresholds), with pooled pure counts")
    parser.add_argument("--list-at", type=float, help="with --variant: list its wrong LODO links at this threshold")
    parser.add_argument("--list", action="store_true",
                        help="list the packaged event model's links on the shipped grouping that join two labelled "
                             "events (or a multi-event report's story) instead of scoring")
    # A model fitted on features read at one length reads another length's features differently, so a refit
    # for shorter reads must group the days (and head the model) at that length.
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a ClusterConfig setting for grouping the days (e.g. body_chars=1000); give it to "
                             "--capture and --write alike")
    args = parser.parse_args()
    for item in args.set:
        SETTINGS.update(parse_setting(item))
    cache: dict[str, Captured] | None = capture_or_load(args, capture)
    if cache is None:
        return
    from bench.days_event_variants import VARIANTS, packaged

    if args.list:
        from newsmirror.stories.eventlink import load_event_model

        list_links(cache, packaged(cache), load_event_model().threshold)
        return
    if args.write is not None:
        write_model(cache, args.write, args.lede_cover)
        return
    if args.packaged:
        score_packaged(cache)
        return
    if args.refit_rows:
        from newsmirror.stories.eventlink import load_event_model

        print_refit_rows(cache, refit_rows(cache, load_event_model()))
        return
    loo, ins = no_links(cache)
    rows: dict[str, tuple[float, float]] = {"layer off": (mean(loo, 0), mean(loo, 3))}
    print("days: " + " | ".join(cache))
    print(f"{'no links':28s}       " + "  ".join(f"{r[0]:.3f}/{r[3]:.2f}" for r in loo)
          + f"   LODO {mean(loo, 0):.5f} {mean(loo, 3):.5f}   in-sample {mean(ins, 0):.5f} {mean(ins, 3):.5f}")
    for variant in VARIANTS:
        if args.variant and variant.name not in args.variant:
            continue
        table, in_sample, _ = evaluate(cache, variant)
        if args.list_at:
            list_links(cache, {d: p for (d, is_loo), p in variant.probabilities.items() if is_loo}, args.list_at, True)
        print_table(variant.name, table, in_sample)
        chosen = choose_threshold(table, in_sample)
        rows[f"{variant.name} at {chosen}"] = (mean(table[chosen], 0), mean(table[chosen], 3))
        if variant.name == SHIPPED and SHIPPED_THRESHOLD in table:
            rows[f"layer as shipped ({SHIPPED_THRESHOLD})"] = (mean(table[SHIPPED_THRESHOLD], 0),
                                                               mean(table[SHIPPED_THRESHOLD], 3))
        print(f"  -> {variant.name}: threshold {chosen} LODO F1 {mean(table[chosen], 0):.5f} pure "
              f"{mean(table[chosen], 3):.5f}; in sample {mean(in_sample[chosen], 0):.5f} {mean(in_sample[chosen], 3):.5f}",
              flush=True)
    print(f"session-18 rule over {len(rows)} rows: {session_rule(rows)}")


if __name__ == "__main__":
    main()
