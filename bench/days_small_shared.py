"""The small pass opened to two stories that share an outlet, replayed on ``days_join_refit.py --capture`` captures
leaving one day out (session 71, recall71).

Production's small pass (``StoryClusterer._join_small``) never scores two small stories with an outlet in both
(``join_pairs``: "an outlet's own items of one series are not one event"); recall70's census (session 70) put 15 % of
the ten newest tuning days' lost report pairs there. This tool replays the passes as ``days_small_refit.py`` does
(the join pass with the packaged join model at its threshold, then the shipped small pass on its own scope) and adds
**the shared-outlet pairs** (both stories under 3 reports, first reports within 24 h, an outlet in both, meaning and
lede cosines at the floor, neither story touched by the join pass or the shipped small pass) as a third step with
its **own threshold**, chosen on the other days (leave one day out): the best mean B³ F1 among ``THRESHOLDS`` (or
none) whose pooled pure share of multi-report stories stays within ``PURE_SLACK`` of the shipped small pass there.
The shared-outlet pairs are scored

* by the packaged small model (``shipped weights``), or
* by a model fitted on the other days' shared-outlet pairs (``refit, L2 x``), or
* by one fitted with ``OUTLET_COLUMNS`` after ``JOIN_FEATURES`` (``with outlet columns``: how much of the two
  stories' outlets they share, whether their outlet sets differ, how many outlets they hold);

and gated: ``all`` shared pairs, or only ``others too`` (the two stories' outlets are not one and the same set:
another outlet tells one of them, so they are not merely one outlet's two items). Two information rows: the packaged
small model at its own .9 on the shared pairs, and the labels' own joins (every shared pair of one event, star): the
ceiling of the lever.

Not replayed: the figure path and the told path (they read text), the join guard's multi-event reader (the capture's
truth leaves multi-event reports out, so "glued" cannot be counted here).

    python bench/days_small_shared.py --cache FOLDER [--cache FOLDER2] --days PATH/archived [--per-day]

Only captured days are read; a capture holds tuning days only (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_join_fit import Captured, fit_days, probability, same_event, scoped  # noqa: E402
from bench.days_join_refit import load_all  # noqa: E402
from bench.days_join_small import star  # noqa: E402
from bench.days_small_refit import (  # noqa: E402
    _GAP,
    _LEDE,
    _MEANING,
    FLOOR,
    GAP_HOURS,
    LEAST,
    Scores,
    best_threshold,
    outlets_of,
    scored,
    shipped_models,
    small_scope,
    story_outlets,
)
from bench.days_small_refit import table as replay_table  # noqa: E402

L2S = (1.0,)
GATES = ("all", "others too")


def shared_scope(day: Captured, outlets: dict[str, frozenset[str]], gate: str = "all") -> Captured:
    """The pairs production's small pass never scores because an outlet is in both: both stories under ``LEAST``
    reports, first reports within the gap, meaning and lede cosines at the floor, an outlet in both; ``gate`` "others
    too": only when the two stories' outlet sets differ (another outlet tells one of them)."""
    x = day.features
    keep = []
    for i, (a, b) in enumerate(day.pairs):
        oa, ob = outlets.get(a, frozenset()), outlets.get(b, frozenset())
        if (max(day.sizes[a], day.sizes[b]) < LEAST and x[i, _GAP] <= np.log1p(GAP_HOURS) and oa & ob
                and x[i, _MEANING] >= FLOOR and x[i, _LEDE] >= FLOOR and (gate == "all" or oa != ob)):
            keep.append(i)
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep], x[keep], day.truth)


def with_outlets(day: Captured, outlets: dict[str, frozenset[str]]) -> Captured:
    """``day`` with ``OUTLET_COLUMNS`` after its features: the share of the smaller outlet set the other story has,
    whether another outlet tells one of the two (the outlet sets differ), the outlets of both (log)."""
    rows = []
    for a, b in day.pairs:
        oa, ob = outlets.get(a, frozenset()), outlets.get(b, frozenset())
        rows.append((len(oa & ob) / max(min(len(oa), len(ob)), 1), float(oa != ob), np.log(max(len(oa | ob), 1))))
    extra = np.array(rows, dtype=float).reshape(-1, len(OUTLET_COLUMNS))
    return Captured(day.name, day.assigned, day.sizes, day.pairs, np.hstack([day.features, extra]), day.truth)


OUTLET_COLUMNS = ("shared_share", "outlets_differ", "outlets_union")


def three(main: Captured, main_p: np.ndarray, main_t: float, small: Captured, small_p: np.ndarray, small_t: float,
          shared: Captured, shared_p: np.ndarray | None, shared_t: float) -> dict[str, str]:
    """The join pass, the shipped small pass, then the shared-outlet pairs of stories neither pass touched (star)."""
    into: dict[str, str] = {}
    role: dict[str, str] = {}
    star(main.pairs, main_p, main_t, main.sizes, into, role)
    star(small.pairs, small_p, small_t, small.sizes, into, role, untouched=set(role))
    if shared_p is not None and shared.pairs:
        star(shared.pairs, shared_p, shared_t, shared.sizes, into, role, untouched=set(role))
    return into


Day = tuple[Captured, np.ndarray, Captured, np.ndarray, Captured]  # main, its p, small, its p, shared


def choose(days: list[Day], jt: float, st: float, scorer: Callable[[np.ndarray], np.ndarray]) -> float:
    """The shared step's threshold on ``days``: the best mean F1 among ``THRESHOLDS`` whose pooled pure share stays
    within ``PURE_SLACK`` of the shipped small pass alone (1.01: none)."""
    def pooled(threshold: float | None) -> list[Scores]:
        return [scored(m, three(m, mp, jt, s, sp, st, h, None if threshold is None or not h.pairs
                                else scorer(h.features), threshold or 1.0)) for m, mp, s, sp, h in days]

    return best_threshold(pooled)


@dataclass(frozen=True, slots=True)
class ShippedPasses:
    """The shipped join and small models, and each day's join-pass and small-pass pairs with their probabilities."""

    small_model: Any
    small_w: np.ndarray
    jt: float
    st: float
    mains: dict[str, Captured]
    main_ps: dict[str, np.ndarray]
    smalls: dict[str, Captured]
    small_ps: dict[str, np.ndarray]


def shipped_passes(cache: dict[str, Captured], story_out: dict[str, dict[str, frozenset[str]]]) -> ShippedPasses:
    """What every replay arm starts from (this tool's and days_shared_evidence's): the shipped passes, scored once."""
    join_model, small_model, join_w, small_w = shipped_models()
    mains = {n: scoped(cache[n], LEAST, GAP_HOURS) for n in cache}
    smalls = {n: small_scope(cache[n], story_out[n]) for n in cache}
    return ShippedPasses(
        small_model, small_w, join_model.threshold, small_model.threshold, mains,
        {n: probability(join_w, join_model.bias, mains[n].features) for n in cache}, smalls,
        {n: probability(small_w, small_model.bias, smalls[n].features) for n in cache})


def arms(cache: dict[str, Captured], outlets: dict[str, dict[str, str]]
         ) -> tuple[dict[str, list[Scores]], dict[str, Counter[str]], dict[str, tuple[int, int]]]:
    names = list(cache)
    story_out = {n: story_outlets(cache[n], outlets[n]) for n in names}
    passes = shipped_passes(cache, story_out)
    jt, st, small_w, small_model = passes.jt, passes.st, passes.small_w, passes.small_model
    mains, main_ps, smalls, small_ps = passes.mains, passes.main_ps, passes.smalls, passes.small_ps
    shareds = {g: {n: shared_scope(cache[n], story_out[n], g) for n in names} for g in GATES}
    wides = {n: with_outlets(shareds["all"][n], story_out[n]) for n in names}
    rows: dict[str, list[Scores]] = {"shipped (no shared-outlet pair)": []}
    for g in GATES:
        rows[f"{g}: shipped weights, threshold per fold"] = []
        rows.update({f"{g}: refit L2 {l2:g}, threshold per fold": [] for l2 in L2S})
        rows[f"{g}: shipped weights at .9 (information)"] = []
    rows.update({f"all: refit L2 {l2:g} with outlet columns, threshold per fold": [] for l2 in L2S})
    rows.update({f"{g}: the labels' own joins (ceiling, information)": [] for g in GATES})
    chosen: dict[str, Counter[str]] = {k: Counter() for k in rows}
    for name in names:
        m, mp, s, sp = mains[name], main_ps[name], smalls[name], small_ps[name]
        rows["shipped (no shared-outlet pair)"].append(scored(m, three(m, mp, jt, s, sp, st, s, None, 1.0)))
        for g in GATES:
            h = shareds[g][name]
            train = [(mains[n], main_ps[n], smalls[n], small_ps[n], shareds[g][n]) for n in names if n != name]

            def shipped(x: np.ndarray) -> np.ndarray:
                return probability(small_w, small_model.bias, x)

            t = choose(train, jt, st, shipped)
            arm = f"{g}: shipped weights, threshold per fold"
            chosen[arm][f"{t:g}"] += 1
            rows[arm].append(scored(m, three(m, mp, jt, s, sp, st, h, shipped(h.features) if h.pairs else None, t)))
            rows[f"{g}: shipped weights at .9 (information)"].append(
                scored(m, three(m, mp, jt, s, sp, st, h, shipped(h.features) if h.pairs else None, st)))
            for l2 in L2S:
                w, b = fit_days([shareds[g][n] for n in names if n != name and shareds[g][n].pairs], l2)

                def refit(x: np.ndarray, w: np.ndarray = w, b: float = b) -> np.ndarray:
                    return probability(w, b, x)

                t = choose(train, jt, st, refit)
                arm = f"{g}: refit L2 {l2:g}, threshold per fold"
                chosen[arm][f"{t:g}"] += 1
                rows[arm].append(scored(m, three(m, mp, jt, s, sp, st, h, refit(h.features) if h.pairs else None, t)))
        for l2 in L2S:
            w, b = fit_days([wides[n] for n in names if n != name and wides[n].pairs], l2)
            train = [(mains[n], main_ps[n], smalls[n], small_ps[n], wides[n]) for n in names if n != name]

            def wide(x: np.ndarray, w: np.ndarray = w, b: float = b) -> np.ndarray:
                return probability(w, b, x)

            t = choose(train, jt, st, wide)
            arm = f"all: refit L2 {l2:g} with outlet columns, threshold per fold"
            chosen[arm][f"{t:g}"] += 1
            h = wides[name]
            rows[arm].append(scored(m, three(m, mp, jt, s, sp, st, h, wide(h.features) if h.pairs else None, t)))
        for g in GATES:  # every shared-outlet pair the labels call one event, most probable by the labels
            h = shareds[g][name]
            rows[f"{g}: the labels' own joins (ceiling, information)"].append(
                scored(m, three(m, mp, jt, s, sp, st, h, same_event(h) if h.pairs else None, 0.5)))
        print(f"  {name}: " + "; ".join(f"{arm} {v[-1][0]:.4f}" for arm, v in rows.items()), file=sys.stderr,
              flush=True)
    counts = {g: (sum(len(h.pairs) for h in shareds[g].values()),
                  int(sum(same_event(h).sum() for h in shareds[g].values() if h.pairs))) for g in GATES}
    return rows, chosen, counts


def table(names: list[str], rows: dict[str, list[Scores]], chosen: dict[str, Counter[str]]) -> str:
    return replay_table(names, rows, chosen, "join + small + shared-outlet pass", "shipped (no shared-outlet pair)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, action="append", required=True,
                        help="days_join_refit.py --capture's folder or pickle (repeatable: a later one's day wins)")
    parser.add_argument("--days", type=Path, required=True, help="the day folders (to read each post's outlet)")
    parser.add_argument("--per-day", action="store_true")
    args = parser.parse_args()
    cache = load_all(args.cache)
    outlets = {n: outlets_of(args.days / n) for n in cache}
    rows, chosen, counts = arms(cache, outlets)
    print(f"{len(cache)} tuning days: {', '.join(cache)}; shared-outlet pairs in scope "
          + "; ".join(f"{g} {n} ({k} of one event)" for g, (n, k) in counts.items()))
    print(table(list(cache), rows, chosen))
    if args.per_day:
        for i, name in enumerate(cache):
            print(name, " ".join(f"{arm}={values[i][0]:.4f}" for arm, values in rows.items()))


if __name__ == "__main__":
    main()
