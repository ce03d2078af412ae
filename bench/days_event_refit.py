"""The event model refit on every tuning day, judged as ``days_eval`` groups a day (session 45, event56).

``days_event_fit`` and ``days_event_replay`` score a refit event model on a day grouped by the pair model and one
event pass; the shipped grouping then runs the complete-story join (``join_model.toml``), which links sides the
event layer left apart. This tool groups each day as ``jobs.grouping.group_articles`` does on a fresh store
(reports in store order, an event pass and a join pass every ``batch`` reports, then both at the run's end with
every story complete: ``days_eval``'s figures), with the **shipped pair and join models** and one event model, so
a refit is measured by what the grouping ships.

    python bench/days_event_refit.py census --days PATH/archived   # where B³ recall is lost, by story sizes
    python bench/days_event_refit.py lodo --days PATH/archived      # shipped vs refit event models, LODO
    python bench/days_event_refit.py lodo --days PATH/archived --write   # also write the refit (every day)

``lodo``: each day's candidate story pairs (``days_event_fit.story_pairs``: the day grouped without event links by
the shipped pair model) are captured once; for each held day an event model is fitted on the other days' pairs
(``days_pair_fit.fit``) and the held day grouped with it; "shipped" groups every day with the packaged event model.
Variants (``VARIANTS``, named before they were measured; bench/days_results.md, session 45, event56): the refit as
``days_event_fit`` fits it, and two more. Only ``TUNING_DAYS`` are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import pairwise_recall, purity  # noqa: E402
from bench.days_event_fit import story_pairs  # noqa: E402
from bench.days_pair_fit import Day, add_days_arguments, fit, reading_lengths, tuning_days  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer, _dice  # noqa: E402
from newsmirror.stories.eventlink import (  # noqa: E402
    EVENT_FEATURES,
    EVENT_MODEL_FILE,
    default_event_model,
    event_features,
)
from newsmirror.stories.pairscore import PairModel, default_pair_model  # noqa: E402

BATCH = 500  # ``group_articles``' save interval: a pass of each layer every BATCH reports
SIZE = EVENT_FEATURES.index("max_size")


@dataclass
class Scored:
    f1: float
    precision: float
    recall: float
    pair_recall: float
    pure: int
    multi: int
    glued: int
    multi_reports: int
    cpu: float


def grouped(day: Day, event_model: PairModel | None, config: ClusterConfig | None = None
            ) -> tuple[StoryClusterer, dict[str, str], float]:
    """The day grouped as ``group_articles(store, close=True)`` groups a fresh store: the clusterer, article ->
    story, and the CPU seconds of the clusterer."""
    settings = config or ClusterConfig()
    return grouped_by(day, lambda: StoryClusterer(settings, event_model=event_model))


def grouped_by(day: Day, make: Callable[[], StoryClusterer]) -> tuple[StoryClusterer, dict[str, str], float]:
    """``grouped`` with the clusterer ``make`` builds (its building counted in the CPU seconds)."""
    started = time.process_time()
    clusterer = make()
    story_of: dict[str, str] = {}
    for done, document in enumerate(day.documents, 1):
        story_of[document.id] = clusterer.add(document).story_id
        for changed in clusterer.drain_changes():  # a report first taken for an original turned out a copy
            story_of[changed.article_id] = changed.story_id
        if done % BATCH == 0:
            clusterer.link_events()
            clusterer.join_complete(False)
    clusterer.link_events()
    clusterer.join_complete(True)
    cpu = time.process_time() - started
    predicted = {article: clusterer.resolve(story) for article, story in story_of.items()}
    return clusterer, predicted, cpu


def truth_of(day: Day, predicted: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in day.events.items() if k not in day.multi and k in predicted}


def score(day: Day, predicted: dict[str, str], cpu: float) -> Scored:
    """``days_eval.score_grouped``'s figures of a day."""
    truth = truth_of(day, predicted)
    precision, recall, f1 = bcubed(truth, predicted)
    pure, multi = purity(truth, predicted)
    by_story: dict[str, list[str]] = defaultdict(list)
    for article, story in predicted.items():
        by_story[story].append(article)
    glued = 0
    multi_ids = [d.id for d in day.documents if d.id in day.multi and d.id in predicted]
    for article in multi_ids:
        mates = {truth[m] for m in by_story[predicted[article]] if m in truth}
        glued += len({m for m in mates if not m.startswith("solo:")}) >= 2
    return Scored(f1, precision, recall, pairwise_recall(truth, predicted), pure, multi, glued, len(multi_ids), cpu)


# ---------------------------------------------------------------------------------------------------- census

BINS = (0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 1.01)


def oracle(day: Day, clusterer: StoryClusterer, predicted: dict[str, str], core: int,
           candidates_only: bool) -> dict[str, str]:
    """``predicted`` after a perfect event pass: every two live stories whose labelled majority event is one event
    (not a report of its own) linked when the larger holds ``core`` reports (and, ``candidates_only``, one offers
    the other as a candidate): what no fitted event model can beat at that ``event_core``."""
    live = {s.id: s for s in clusterer.stories.values() if not s.closed}
    label: dict[str, str] = {}
    for story in live.values():
        events = Counter(day.events[m.article_id] for m in story.members
                         if m.article_id in day.events and m.article_id not in day.multi)
        if events and not events.most_common(1)[0][0].startswith("solo:"):
            label[story.id] = events.most_common(1)[0][0]
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.get(a, a) != a:
            a = parent[a]
        return a

    by_label: dict[str, list[str]] = defaultdict(list)
    for story_id, event in label.items():
        by_label[event].append(story_id)
    for ids in by_label.values():
        for x, a in enumerate(ids):
            for b in ids[x + 1:]:
                sa, sb = live[a], live[b]
                if max(len(sa.members), len(sb.members)) < core:
                    continue
                if candidates_only and sb not in clusterer.event_candidates(sa) and sa not in clusterer.event_candidates(sb):
                    continue
                parent[find(a)] = find(b)
    return {k: find(v) for k, v in predicted.items()}


def census(days: list[Day], core: int = 3) -> None:
    """B³ recall lost on each day (shipped grouping), by the sizes of the two stories a lost pair lies between
    (both >= ``core`` reports, a core and a smaller side, both small); for the first two kinds the shipped event
    model's probability of the story pair as the stories stand at the end (not a candidate: ``event_candidates``
    offers neither to the other; the event layer never scores it)."""
    model = default_event_model()
    loss: Counter[str] = Counter()  # kind -> summed over days of the day's B³ recall loss
    binned: Counter[tuple[str, str]] = Counter()
    pairs_binned: Counter[tuple[str, str]] = Counter()
    events_lost: Counter[str] = Counter()
    recall_sum = 0.0
    ceiling: dict[tuple[int, bool], list[tuple[float, float, float, int, int]]] = defaultdict(list)
    for day in days:
        clusterer, predicted, _ = grouped(day, model)
        truth = truth_of(day, predicted)
        by_label: dict[str, list[str]] = defaultdict(list)
        for article, label in truth.items():
            by_label[label].append(article)
        n = len(truth)
        recall_sum += bcubed(truth, predicted)[1]
        for setting in ((core, True), (core, False), (2, True), (1, True)):
            linked = oracle(day, clusterer, predicted, *setting)
            precision, recall, f1 = bcubed(truth, linked)
            pure, multi = purity(truth, linked)
            ceiling[setting].append((f1, precision, recall, pure, multi))
        between: dict[tuple[str, str], float] = defaultdict(float)
        cored: dict[tuple[str, str], bool] = {}  # the pair's event has a story of ``core`` reports
        size = {s.id: len(s.members) for s in clusterer.stories.values()}
        for members in by_label.values():
            if len(members) < 2:
                continue
            has_core = any(size.get(predicted[m], 1) >= core for m in members)
            for i in members:
                for j in members:
                    if predicted[i] != predicted[j]:
                        a, b = sorted((predicted[i], predicted[j]))
                        between[(a, b)] += 1.0 / (n * len(members))
                        cored[(a, b)] = has_core
        for (a, b), lost in between.items():
            sa, sb = clusterer.stories.get(a), clusterer.stories.get(b)
            sizes = sorted((len(sa.members) if sa else 1, len(sb.members) if sb else 1))
            kind = "core-core" if sizes[0] >= core else "core-small" if sizes[1] >= core else "small-small"
            loss[kind] += lost
            if kind == "small-small":
                loss["small-small, event has a core story" if cored[(a, b)] else "small-small, no core story"] += lost
                loss[f"small-small, larger {sizes[1]}"] += lost
                continue
            if kind == "core-small":
                loss[f"core-small, side {sizes[0]}"] += lost
            events_lost[f"{day.name}"] += lost
            if sa is None or sb is None:
                where = "no live story"
            elif sb not in clusterer.event_candidates(sa) and sa not in clusterer.event_candidates(sb):
                where = "not a candidate"
            else:
                p = model.probability(event_features(sa, sb, clusterer._is_name, _dice))
                upper = next(x for x in BINS if p < x)
                lower = ([0.0, *BINS][BINS.index(upper)])
                where = f"p {lower:.2f}-{min(upper, 1.0):.2f}"
            binned[(kind, where)] += lost
            pairs_binned[(kind, where)] += 1
        print(f"{day.name}: B³ R {bcubed(truth, predicted)[1]:.4f}; lost core-core/core-small "
              f"{events_lost[day.name]:.4f}", flush=True)
    count = len(days)
    total = sum(loss[k] for k in ("core-core", "core-small", "small-small"))
    print(f"\n{count} days: mean B³ recall {recall_sum / count:.4f}, mean loss {total / count:.4f}")
    for kind in sorted(loss):
        print(f"  {kind:12s} mean loss {loss[kind] / count:.4f} ({loss[kind] / max(total, 1e-12):.1%} of the loss)")
    for (least, offered), rows in ceiling.items():
        print(f"  a perfect event pass (larger story >= {least}, {'candidates only' if offered else 'any pair'}): "
              f"mean B³ F1 {np.mean([r[0] for r in rows]):.4f} P {np.mean([r[1] for r in rows]):.4f} "
              f"R {np.mean([r[2] for r in rows]):.4f} pooled pure {sum(r[3] for r in rows)}/{sum(r[4] for r in rows)}")
    for kind in ("core-core", "core-small"):
        print(f"  {kind}: by the shipped event model's probability (mean loss; story pairs)")
        for (k, where), lost in sorted(binned.items()):
            if k == kind:
                print(f"    {where:18s} {lost / count:.4f} ({lost / max(total, 1e-12):.1%})  {pairs_binned[(k, where)]}")


# ------------------------------------------------------------------------------------------------------ lodo


@dataclass
class Variant:
    name: str
    l2: float = 1.0
    rows: Callable[[np.ndarray], np.ndarray] | None = None  # training pairs kept (mask over the captured rows)
    event_core: int = 3


def judged_only(x: np.ndarray, core: int = 3) -> np.ndarray:
    """The pairs the layer judges: the larger story holds ``event_core`` (``core``) reports (``max_size`` is its
    log)."""
    return np.asarray(np.exp(x[:, SIZE]) >= core - 1e-9)


VARIANTS = (
    # days_event_fit's fit: every candidate pair (two single reports too, which the layer never judges), L2 1.0
    Variant("refit"),
    # Only the pairs the layer judges (the larger story of 3+ reports): the pairs of two small stories are most
    # candidate pairs and teach the weights about pairs no pass reads.
    Variant("judged pairs", rows=judged_only),
    # A story of 2 reports may take a side too (event_core 2), fitted on the pairs it then judges: most of the
    # recall the days lose lies between two stories of 1-2 reports (the census).
    Variant("core 2", rows=lambda x: judged_only(x, 2), event_core=2),
)


def fitted(data: dict[str, tuple[np.ndarray, np.ndarray]], names: list[str], variant: Variant,
           threshold: float) -> PairModel:
    xs, ys = [], []
    for name in names:
        x, y = data[name]
        keep = variant.rows(x) if variant.rows else np.ones(len(y), dtype=bool)
        xs.append(x[keep])
        ys.append(y[keep])
    weights, bias = fit(np.vstack(xs), np.concatenate(ys), variant.l2)
    return PairModel(tuple(float(w) for w in weights), float(bias), threshold, EVENT_FEATURES)


def print_rows(names: list[str], rows: dict[str, list[Scored]]) -> None:
    print("day         " + "".join(f"{name:>28s}" for name in rows))
    for i, day in enumerate(names):
        print(f"{day:10s}  " + "".join(f"  {r[i].f1:.4f} {r[i].pure:>3d}/{r[i].multi:<3d} g{r[i].glued:<2d} "
                                       f"{r[i].cpu:5.2f}s" for r in rows.values()))
    for name, rs in rows.items():
        pure, multi = sum(r.pure for r in rs), sum(r.multi for r in rs)
        glued, reports = sum(r.glued for r in rs), sum(r.multi_reports for r in rs)
        print(f"{name:14s} mean B³ F1 {np.mean([r.f1 for r in rs]):.5f} P {np.mean([r.precision for r in rs]):.4f} "
              f"R {np.mean([r.recall for r in rs]):.4f} pair R {np.mean([r.pair_recall for r in rs]):.4f}  pooled pure "
              f"{pure}/{multi} = {pure / max(multi, 1):.4f}  glued {glued}/{reports}  cluster CPU "
              f"{sum(r.cpu for r in rs):.1f} s", flush=True)


def lodo(days: list[Day], variants: list[Variant], threshold: float, write: bool) -> None:
    names = [d.name for d in days]
    data = {}
    for day in days:
        data[day.name] = story_pairs(day, default_pair_model())
        x, y = data[day.name]
        print(f"{day.name}: {len(y)} candidate story pairs, {int(y.sum())} same event; "
              f"{int(judged_only(x).sum())} judged ({int(y[judged_only(x)].sum())} same)", flush=True)
    rows: dict[str, list[Scored]] = {"shipped": []}
    for variant in variants:
        rows[variant.name] = []
    shipped = default_event_model()
    for day in days:
        rows["shipped"].append(score(day, *grouped(day, shipped)[1:]))
        rest = [n for n in names if n != day.name]
        for variant in variants:
            model = fitted(data, rest, variant, threshold)
            config = ClusterConfig(event_core=variant.event_core)
            rows[variant.name].append(score(day, *grouped(day, model, config)[1:]))
        print(f"{day.name}: " + "  ".join(f"{k} {v[-1].f1:.4f} {v[-1].pure}/{v[-1].multi}" for k, v in rows.items()),
              flush=True)
    print("\nleave one day out (each day grouped by an event model fitted on the other days; shipped: the packaged "
          "event model, in sample on its five days); shipped pair and join models")
    print_rows(names, rows)
    for variant in variants:
        model = fitted(data, names, variant, threshold)
        print(f"\n{variant.name} fitted on every day: bias {model.bias:+.4f} "
              + " ".join(f"{f} {w:+.4f}" for f, w in zip(EVENT_FEATURES, model.weights, strict=True)))
    if write:
        variant = variants[0]
        model = fitted(data, names, variant, threshold)
        model = PairModel(tuple(round(w, 4) for w in model.weights), round(model.bias, 4), threshold, EVENT_FEATURES)
        x = np.vstack([data[n][0] for n in names])
        y = np.concatenate([data[n][1] for n in names])
        keep = variant.rows(x) if variant.rows else np.ones(len(y), dtype=bool)
        note = (f"Fitted by bench/days_event_refit.py lodo --write ({variant.name}; logistic regression, L2 "
                f"{variant.l2}) on the {len(names)} tuning days\n{', '.join(names)}:\n{int(keep.sum())} candidate "
                f"story pairs, {int(y[keep].sum())} same event (each day grouped without event links by the shipped "
                "pair model).\nThreshold kept at the shipped 0.85 (session 45, event56). No held-out, test or fresh "
                f"day was read to fit it.\n{reading_lengths()}")
        EVENT_MODEL_FILE.write_text(model.to_toml(note), encoding="utf-8")
        print(f"wrote {EVENT_MODEL_FILE.relative_to(REPO)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("census", "lodo"))
    add_days_arguments(parser)
    parser.add_argument("--variant", action="append", default=[], choices=[v.name for v in VARIANTS],
                        help="only these variants (default: all)")
    parser.add_argument("--threshold", type=float, default=0.85)
    parser.add_argument("--write", action="store_true", help="write the first variant fitted on every day")
    args = parser.parse_args()
    days = tuning_days(args)
    if args.command == "census":
        census(days)
        return
    variants = [v for v in VARIANTS if not args.variant or v.name in args.variant]
    lodo(days, variants, args.threshold, args.write)


if __name__ == "__main__":
    main()
