"""The pair model judged leave one day out on every tuning day, grouped as ``days_eval`` groups.

``days_pair_fit`` chooses its threshold on the pair layer alone (no end-of-day event pass, no complete-story
join); a model that ships is read with both on top. Here each tuning day is grouped as ``bench/days_eval.py``
groups it (``ClusterConfig()`` defaults: the pair model, the event layer's pass and the complete-story join at
the day's end) by a pair model fitted on the other days, so a refit's figure is what it would do on a day it
was not fitted on, on the same scorer as the shipped model's.

    python bench/days_pair_lodo.py --days DAYS --capture C.pickle   # each day's documents and pairs, once
    python bench/days_pair_lodo.py --cache C.pickle --hyper         # held-out pair log-loss of each L2, weighing
    python bench/days_pair_lodo.py --cache C.pickle --lodo          # one-level table, the final threshold
    python bench/days_pair_lodo.py --cache C.pickle --lodo --nested # and the nested estimate
    python bench/days_pair_lodo.py --cache C.pickle --bound         # the most the nested estimate can reach

L2 and the days' weighing (every pair 1, or every day the same total) are chosen by the least mean held-out
pair log-loss (each day's teacher-forced pairs under the model fitted on the others). The join threshold is
chosen on grouped days (``choose``): among the thresholds of ``--threshold`` (default 0.6 to 0.8 by 0.05) whose
pooled pure share reaches the shipped model's on the same days, the best mean B-cubed F1.

One level: each day grouped at each threshold by the model fitted on the other N - 1; the threshold chosen
on all N is the one the final model (fitted on all N) ships with. Nested (the honest estimate): each day
grouped by the model fitted on the other N - 1 with L2, weighing and threshold chosen on those N - 1 alone
(their own leave-one-day-out, models fitted on N - 2 days), so nothing about the day scored chose anything.
The packaged model is scored on the same days by the same grouping. Only tuning days are read
(``days_pair_fit.load_day`` refuses any other).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_context import context_documents, score_in_context  # noqa: E402
from bench.days_eval import purity  # noqa: E402
from bench.days_pair_fit import Day, add_days_arguments, fit, pairs, reading_lengths, tuning_days  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer  # noqa: E402
from newsmirror.stories.pairscore import MODEL_FILE, PairModel, default_pair_model  # noqa: E402

THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8)
L2S = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
WEIGHINGS = ("pairs", "days")
# (F1, precision, recall, pure stories, multi-article stories) of one grouped day
Score = tuple[float, float, float, int, int]


def day_weights(sizes: Sequence[int], weigh: str) -> np.ndarray:
    """Row weights of pairs stacked day after day: 'pairs' weighs every pair 1; 'days' weighs every day the
    same in total (each pair 1 / its day's pairs, scaled so the weights sum to the number of pairs, so the L2
    penalty means the same against the likelihood in both)."""
    if weigh == "pairs":
        return np.ones(sum(sizes))
    total = sum(sizes)
    return np.concatenate([np.full(n, total / (len(sizes) * n)) for n in sizes])


def fit_days(data: dict[str, tuple[np.ndarray, np.ndarray]], names: Sequence[str], l2: float,
             weigh: str) -> tuple[np.ndarray, float]:
    x = np.vstack([data[n][0] for n in names])
    y = np.concatenate([data[n][1] for n in names])
    return fit(x, y, l2, sample_weight=day_weights([len(data[n][1]) for n in names], weigh))


def log_loss(x: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> float:
    """Mean negative log-likelihood of a day's pairs under a model."""
    z = np.clip(x @ weights + bias, -30, 30)
    p = 1.0 / (1.0 + np.exp(-z))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def group(day: Day, model: PairModel) -> Score:
    """The day grouped as ``days_eval`` groups it (defaults; the event pass and the closing join at its end)."""
    clusterer = StoryClusterer(ClusterConfig(), model=model)
    assigned = {d.id: clusterer.add(d).story_id for d in day.documents}
    clusterer.link_events()
    clusterer.join_complete(final=True)
    predicted = {k: clusterer.resolve(v) for k, v in assigned.items()}
    truth = {k: v for k, v in day.events.items() if k not in day.multi and k in predicted}
    precision, recall, f1 = bcubed(truth, predicted)
    pure, multi = purity(truth, predicted)
    return f1, precision, recall, pure, multi


def pooled(rows: Sequence[Score]) -> tuple[float, float]:
    """Mean F1 and pooled pure share of some days' scores."""
    return float(np.mean([r[0] for r in rows])), sum(r[3] for r in rows) / max(sum(r[4] for r in rows), 1)


def choose(table: dict[float, dict[str, Score]], shipped: dict[str, Score], days: Sequence[str]) -> float:
    """The threshold chosen on ``days``: the best mean F1 among those whose pooled pure share reaches the shipped
    model's on the same days (the purest threshold when none does)."""
    bar = pooled([shipped[d] for d in days])[1]
    scores = {t: pooled([rows[d] for d in days]) for t, rows in table.items()}
    enough = [t for t, (_, pure) in scores.items() if pure >= bar]
    if not enough:
        return max(scores, key=lambda t: scores[t][1])
    return max(enough, key=lambda t: scores[t][0])


def context_of(day: Day, store: str | None, days_before: float) -> list[Document]:
    """The archive's reports of the ``days_before`` days before ``day`` (none without a store)."""
    if store is None or days_before <= 0:
        return []
    return context_documents(store, day.name, days_before, exclude=(d.id for d in day.documents))


def capture(args: argparse.Namespace) -> None:
    """Each tuning day's teacher-forced pairs: alone, or (``--context``) after the archive's days before it."""
    if args.context and not args.store:
        raise SystemExit("--context needs --store (a whole-archive store copy)")
    days = tuning_days(args)
    data = {}
    for day in days:
        started = time.process_time()
        context = context_of(day, args.store, args.context)
        data[day.name] = pairs(day, context=context)
        print(f"{day.name}: {len(day.documents)} reports after {len(context)} of context, {len(data[day.name][1])} "
              f"pairs ({int(data[day.name][1].sum())} same event), {time.process_time() - started:.1f} s", flush=True)
    with args.capture.open("wb") as handle:
        pickle.dump((days, data, args.context), handle)


def in_context(days: list[Day], data: dict[str, tuple[np.ndarray, np.ndarray]], hyper: tuple[float, str],
               chosen: dict[str, float], store: str, days_before: float) -> None:
    """Each day grouped after its context (``days_context.score_in_context``) by the shipped model and by the
    model fitted on the other days at the threshold chosen on them (``chosen``); only the day's reports scored."""
    names = [d.name for d in days]
    shipped: list[Score] = []
    refit: list[Score] = []
    # labelled report -> (day/label, predicted story) of each model, for B-cubed pooled over the days
    labelled: dict[str, str] = {}
    placed: dict[str, dict[str, str]] = {"shipped": {}, "refit": {}}
    started = time.process_time()
    for day in days:
        context = context_of(day, store, days_before)
        weights, bias = fit_days(data, [n for n in names if n != day.name], *hyper)
        fold = PairModel(tuple(float(w) for w in weights), float(bias), chosen[day.name])
        for name, pair_model, scores in (("shipped", default_pair_model(), shipped), ("refit", fold, refit)):
            score, truth, predicted = score_in_context(day, context, pair_model)
            scores.append(score)
            labelled.update((k, f"{day.name}/{v}") for k, v in truth.items())
            placed[name].update(predicted)
        print(f"in context {day.name} ({len(context)} reports before it): shipped F1 {shipped[-1][0]:.4f} "
              f"{shipped[-1][3]}/{shipped[-1][4]} | refit at {chosen[day.name]:g} F1 {refit[-1][0]:.4f} "
              f"{refit[-1][3]}/{refit[-1][4]}  ({time.process_time() - started:.0f} s CPU)", flush=True)
    print(summary(f"in context ({days_before:g} days), shipped", shipped))
    print(summary(f"in context ({days_before:g} days), refit leave one day out", refit))
    for name, predicted in placed.items():
        precision, recall, f1 = bcubed(labelled, predicted)
        print(f"in context, {name}: B3 pooled over the days' labelled reports P {precision:.4f} R {recall:.4f} "
              f"F1 {f1:.4f} (as genre_scale's 'tuning days in context')")


def hyper_table(days: list[Day], data: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    """Held-out log-loss of each (L2, weighing): each day's pairs under the model fitted on the others."""
    names = [d.name for d in days]
    print("L2      weigh  mean per-day log-loss  pooled log-loss")
    for weigh in WEIGHINGS:
        for l2 in L2S:
            losses, total = [], 0.0
            for held in names:
                weights, bias = fit_days(data, [n for n in names if n != held], l2, weigh)
                loss = log_loss(data[held][0], data[held][1], weights, bias)
                losses.append(loss)
                total += loss * len(data[held][1])
            pooled_loss = total / sum(len(data[n][1]) for n in names)
            print(f"{l2:6g}  {weigh:5s}  {np.mean(losses):.5f}  {pooled_loss:.5f}", flush=True)


def held_out_loss(data: dict[str, tuple[np.ndarray, np.ndarray]], names: Sequence[str], l2: float,
                  weigh: str) -> float:
    """Mean over ``names`` of each day's pair log-loss under the model fitted on the others of ``names``."""
    losses = []
    for held in names:
        weights, bias = fit_days(data, [n for n in names if n != held], l2, weigh)
        losses.append(log_loss(data[held][0], data[held][1], weights, bias))
    return float(np.mean(losses))


def choose_hyper(data: dict[str, tuple[np.ndarray, np.ndarray]], names: Sequence[str]) -> tuple[float, str]:
    """The (L2, weighing) with the least mean held-out pair log-loss on ``names`` (days weighted equally, as the
    rule's mean F1 weighs them)."""
    grid = [(l2, weigh) for weigh in WEIGHINGS for l2 in L2S]
    return min(grid, key=lambda h: held_out_loss(data, names, *h))


def model(data: dict[str, tuple[np.ndarray, np.ndarray]], names: Sequence[str], hyper: tuple[float, str],
          threshold: float) -> PairModel:
    weights, bias = fit_days(data, names, *hyper)
    return PairModel(tuple(float(w) for w in weights), float(bias), threshold)


def table_of(days: Sequence[Day], data: dict[str, tuple[np.ndarray, np.ndarray]], hyper: tuple[float, str],
             thresholds: Sequence[float]) -> dict[float, dict[str, Score]]:
    """Each of ``days`` grouped at each threshold by the model fitted on the others of ``days``."""
    names = [d.name for d in days]
    table: dict[float, dict[str, Score]] = {t: {} for t in thresholds}
    for day in days:
        weights, bias = fit_days(data, [n for n in names if n != day.name], *hyper)
        for t in thresholds:
            table[t][day.name] = group(day, PairModel(tuple(float(w) for w in weights), float(bias), t))
    return table


def summary(label: str, scores: Sequence[Score]) -> str:
    return (f"{label}: mean F1 {np.mean([v[0] for v in scores]):.4f} P {np.mean([v[1] for v in scores]):.4f} "
            f"R {np.mean([v[2] for v in scores]):.4f} pure {sum(v[3] for v in scores)}/{sum(v[4] for v in scores)}"
            f" = {sum(v[3] for v in scores) / max(sum(v[4] for v in scores), 1):.4f}")


def write_model(days: Sequence[Day], data: dict[str, tuple[np.ndarray, np.ndarray]], hyper: tuple[float, str],
                threshold: float, thresholds: Sequence[float], reached: bool, days_before: float = 0.0) -> None:
    """The model fitted on every day, written with how it was chosen."""
    names = [d.name for d in days]
    final = model(data, names, hyper, threshold)
    rounded = PairModel(tuple(round(w, 4) for w in final.weights), round(final.bias, 4), threshold)
    pairs_n = sum(len(data[n][1]) for n in names)
    same = sum(int(data[n][1].sum()) for n in names)
    weighing = "every pair weighs 1" if hyper[1] == "pairs" else "every day weighs the same in total"
    context = (f"each day teacher-forced after the archive's {days_before:g} days before it, grouped live "
               "(bench/days_context.py)" if days_before else "each day alone")
    note = (f"Fitted by bench/days_pair_lodo.py (logistic regression of bench/days_pair_fit.py, L2 {hyper[0]:g}, "
            f"{weighing}) on the {len(names)} tuning days\n{', '.join(names)},\n{context}:\n"
            f"{pairs_n} candidate pairs, {same} same event. L2 and weighing: the least mean held-out pair log-loss "
            f"(leave one day out;\nL2 {', '.join(f'{v:g}' for v in L2S)} x {' / '.join(WEIGHINGS)}). Threshold: "
            f"leave one day out on the same days, each grouped as\ndays_eval groups it, the best mean B3 F1 among "
            f"{', '.join(f'{t:g}' for t in thresholds)} whose pooled pure share reaches the\nshipped model's"
            + ("" if reached else " (none did: the purest of them)")
            + ". No held-out, test or fresh day was read to fit it.\n" + reading_lengths())
    MODEL_FILE.write_text(rounded.to_toml(note), encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(REPO)}")
    for name, weight in zip(rounded.features, rounded.weights, strict=True):
        print(f"  {name:12s} {weight:+.4f}")
    print(f"  bias         {rounded.bias:+.4f}   threshold {threshold:g}")


def lodo(days: list[Day], data: dict[str, tuple[np.ndarray, np.ndarray]], thresholds: Sequence[float],
         nested: bool, write: bool = False, store: str | None = None, days_before: float = 0.0) -> None:
    """The one-level table on every day (the final model's threshold and information), then, with ``nested``,
    each day grouped by the model fitted on the others with L2, weighing and threshold chosen on the others only."""
    names = [d.name for d in days]
    packaged = default_pair_model()
    started = time.process_time()
    shipped = {d.name: group(d, packaged) for d in days}
    print(f"shipped model grouped in {time.process_time() - started:.0f} s CPU; " + summary("shipped", list(shipped.values())), flush=True)
    hyper = choose_hyper(data, names)
    print(f"L2 and weighing chosen on all {len(names)} days: {hyper}", flush=True)
    table = table_of(days, data, hyper, thresholds)
    for t in thresholds:
        print(f"  one level, fixed threshold {t:g}: " + summary("", list(table[t].values())), flush=True)
    final = choose(table, shipped, names)
    print(f"threshold chosen on all days (the model that would ship): {final:g}", flush=True)
    chosen = {d: choose(table, shipped, [n for n in names if n != d]) for d in names}
    rows = {d: table[chosen[d]][d] for d in names}
    print("one level, each day at the threshold chosen on the other days' rows: "
          + summary("", list(rows.values())), flush=True)
    if write:
        bar = pooled(list(shipped.values()))[1]
        write_model(days, data, hyper, final, thresholds, pooled(list(table[final].values()))[1] >= bar,
                    days_before)
    if store is not None:
        in_context(days, data, hyper, chosen, store, days_before)
    if not nested:
        return
    print("\nnested: day  L2 weigh  threshold  F1 P R pure | shipped F1 pure", flush=True)
    outer: dict[str, Score] = {}
    for day in days:
        others = [d for d in days if d is not day]
        other_names = [d.name for d in others]
        fold_hyper = choose_hyper(data, other_names)
        inner = table_of(others, data, fold_hyper, thresholds)
        threshold = choose(inner, shipped, other_names)
        outer[day.name] = score = group(day, model(data, other_names, fold_hyper, threshold))
        s = shipped[day.name]
        print(f"{day.name}  {fold_hyper[0]:g} {fold_hyper[1]}  {threshold:.2f}  {score[0]:.4f} {score[1]:.4f} "
              f"{score[2]:.4f} {score[3]}/{score[4]} | {s[0]:.4f} {s[3]}/{s[4]}  "
              f"({time.process_time() - started:.0f} s CPU)", flush=True)
    print(summary("nested LODO refit", list(outer.values())))
    print(summary("shipped (in sample on 5 days)", list(shipped.values())))


def bound(days: list[Day], data: dict[str, tuple[np.ndarray, np.ndarray]], thresholds: Sequence[float]) -> None:
    """What the nested estimate can reach at best, without its inner tables: each day's nested row is its
    grouping by the model of the other days (L2 and weighing chosen on them, computed here exactly) at some
    threshold of the grid, so the mean of each day's best F1 over the grid bounds the nested mean F1 from above,
    and (sum of each day's most pure stories) / (sum of its fewest multi-article stories) bounds its pooled pure
    share. A bound below the bar decides the rule as the full nested run would."""
    names = [d.name for d in days]
    rows: dict[str, dict[float, Score]] = {}
    started = time.process_time()
    for day in days:
        others = [n for n in names if n != day.name]
        fold_hyper = choose_hyper(data, others)
        weights, bias = fit_days(data, others, *fold_hyper)
        rows[day.name] = {t: group(day, PairModel(tuple(float(w) for w in weights), float(bias), t)) for t in thresholds}
        best = max(rows[day.name].values())
        print(f"{day.name}  L2 {fold_hyper[0]:g} {fold_hyper[1]}  " + "  ".join(
            f"{t:g}: {s[0]:.4f} {s[3]}/{s[4]}" for t, s in rows[day.name].items())
            + f"  best F1 {best[0]:.4f}  ({time.process_time() - started:.0f} s CPU)", flush=True)
    f1 = float(np.mean([max(s[0] for s in r.values()) for r in rows.values()]))
    pure = sum(max(s[3] for s in r.values()) for r in rows.values()) / sum(min(s[4] for s in r.values())
                                                                          for r in rows.values())
    print(f"nested estimate at best: mean F1 <= {f1:.4f}, pooled pure share <= {pure:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--capture", type=Path, help="load the tuning days, write their pairs here")
    parser.add_argument("--cache", type=Path, help="a --capture file")
    parser.add_argument("--hyper", action="store_true")
    parser.add_argument("--lodo", action="store_true", help="the one-level table and the final threshold")
    parser.add_argument("--nested", action="store_true", help="with --lodo: the nested estimate too")
    parser.add_argument("--write", action="store_true", help="with --lodo: write the model fitted on every day")
    parser.add_argument("--bound", action="store_true", help="the most the nested estimate can reach (cheap)")
    parser.add_argument("--threshold", action="append", type=float)
    parser.add_argument("--store", help="a whole-archive store copy (read only): the days' context")
    parser.add_argument("--context", type=float, default=0.0,
                        help="with --capture: teacher-force each day after the archive's DAYS days before it; "
                             "with --lodo (default: the capture's): also score the days in that context")
    add_days_arguments(parser)
    args = parser.parse_args()
    if args.capture:
        capture(args)
        return
    if args.cache is None:
        parser.error("--capture or --cache")
    with args.cache.open("rb") as handle:
        loaded = pickle.load(handle)
    days, data = loaded[:2]
    days_before = args.context or (loaded[2] if len(loaded) > 2 else 0.0)
    print(f"pairs taken {'after ' + format(loaded[2], 'g') + ' days of context' if len(loaded) > 2 and loaded[2] else 'on each day alone'}")
    if args.hyper:
        hyper_table(days, data)
    if args.bound:
        bound(days, data, args.threshold or THRESHOLDS)
    if args.lodo:
        lodo(days, data, args.threshold or THRESHOLDS, args.nested, args.write,
             args.store if days_before else None, days_before)


if __name__ == "__main__":
    main()
