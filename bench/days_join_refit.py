"""The complete-story join's model (``join_model.toml``) against refits on the other tuning days, replayed on the
captured pairs leaving one day out (session 60, group97).

``bench/days_join_fit.py --capture`` keeps each tuning day's candidate pairs of finished stories (no join yet) with
their ``JOIN_FEATURES``; here, on the pairs the pass judges as shipped (``days_join_fit.scoped``: larger story >=
``join_least`` 3 reports, first reports within ``join_gap`` 24 hours), the star pass is replayed
(``days_join_fit.joined``) with

* **shipped**: the packaged model and its threshold, as they are (in sample on the 15 days it was fitted on,
  ``SHIPPED_DAYS``; the other days are the fair comparison);
* **shipped, threshold per fold**: the packaged weights, the threshold chosen on the other days by
  ``days_join_fit.choose`` (star: the best mean F1 whose mean pure share stays within ``PURE_SLACK`` of no joins);
* **refit, L2 x**: the model fitted on the other days' pairs with that L2, its threshold chosen on them by the same
  rule; **refit, L2 per fold**: the L2 of ``L2_GRID`` with the least held-out log-loss on the training days' pairs
  (an inner leave-days-out over ``INNER`` groups of them), then fitted on all the training days.

So no day's model, threshold or L2 is chosen on it. Per day: B³ F1, recall and the pure share of multi-report
stories (``days_join_fit.score``); the means over the days, over the days the shipped model never saw, and the days
each arm moves. The replay is the join pass alone (the small pass after it, the order by ``_rank`` and the event
layer's passes during the run are production's: ``bench/days_join_weighted.py`` groups by the production code).

    python bench/days_join_refit.py --days PATH/archived --capture --cache FOLDER [--extras] [--tuning-day D ...]
    python bench/days_join_refit.py --cache FOLDER [--per-day]      # or days_join_fit.py --capture's pickle

``--extras`` captures ``EXTRAS`` (outlets and time of the two stories) after ``JOIN_FEATURES``: the refits read them,
the packaged model's weights of the same names (``joincomplete.OUTLET_FEATURES``, session 61) are read for them
(session 60: +.0013 F1 at equal purity in the replay).

Only what the capture holds is read: tuning days (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import math
import pickle
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_join_fit import (  # noqa: E402
    Captured,
    capture_day,
    choose,
    fit_days,
    joined,
    probability,
    same_event,
    scoped,
    score,
)
from bench.days_pair_fit import add_days_arguments, tuning_days  # noqa: E402
from newsmirror.stories.joincomplete import (  # noqa: E402
    JOIN_FEATURES,
    JOIN_MODEL_FILE,
    OUTLET_FEATURES,
    load_join_model,
    outlet_features,
)

LEAST = 3  # ClusterConfig.join_least as shipped
MAX_GAP = 24.0  # hours: ClusterConfig.join_gap as shipped
L2_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
INNER = 5  # day groups of the inner leave-days-out that chooses L2 in a fold
# The 15 tuning days the session-26 model was fitted on (its header).
SHIPPED_DAYS = ("2020-08-04", "2020-10-14", "2020-09-16", "2021-01-06", "2020-07-22", "2020-11-08", "2020-08-09",
                "2020-09-06", "2020-08-29", "2020-08-23", "2021-01-02", "2020-12-27", "2020-10-25", "2020-09-27",
                "2020-12-19")

Scores = tuple[float, float, float, float]  # F1, P, R, pure share
# ``--extras``: the join pass's cheap outlet columns after ``JOIN_FEATURES`` (group97's, shipped to the join pass's own
# feature list in session 61 as ``joincomplete.OUTLET_FEATURES``).
EXTRAS = OUTLET_FEATURES


def _core_and_side(a: Any, b: Any) -> tuple[Any, Any]:
    """More members, then the earlier first report (a story without one counts as the latest), then the smaller id:
    either order of a pair takes the same core (review62: on a full tie (a, b) and (b, a) took different cores, and a
    story without times was a TypeError)."""
    def rank(story: Any) -> tuple[int, float]:
        return len(story.members), -story.first.timestamp() if story.first else -math.inf

    if rank(a) != rank(b):
        return (a, b) if rank(a) > rank(b) else (b, a)
    return (a, b) if str(getattr(a, "id", "")) <= str(getattr(b, "id", "")) else (b, a)


def pair_extras(a: Any, b: Any) -> tuple[float, float, float, float]:
    """``EXTRAS`` of two finished stories (core: the one a join keeps, more members then the earlier, as
    ``eventlink.event_features``): ``joincomplete.outlet_features``."""
    core, side = _core_and_side(a, b)
    return outlet_features(core, side)


def load(path: Path) -> dict[str, Captured]:
    """A ``--capture`` pickle, or a folder of one pickle per day (``<day>.pickle``), in name order. Its days must
    hold the same columns, and there must be some (review62: an empty folder gave a table of nan means, a missing one a
    traceback); a folder captured into twice, with and without ``--extras``, is refused naming them
    (review62: the replay died in numpy on a shape mismatch, naming neither the days nor the remedy)."""
    if not path.exists():
        raise SystemExit(f"{path}: no such capture: make one with --capture --cache {path} (and --days)")
    if path.is_dir():
        cache = {p.stem: pickle.loads(p.read_bytes()) for p in sorted(path.glob("*.pickle"))}
        if not cache:
            raise SystemExit(f"{path}: no captured day (<day>.pickle) in it: make them with --capture (and --days)")
    else:
        with path.open("rb") as handle:
            cache = pickle.load(handle)
    widths: dict[int, list[str]] = {}
    for name, day in cache.items():
        widths.setdefault(day.features.shape[1], []).append(name)
    if len(widths) > 1:
        raise SystemExit(f"{path}: days captured with different columns ("
                         + "; ".join(f"{width} columns: {', '.join(names)}" for width, names in sorted(widths.items()))
                         + "): capture into an empty --cache folder, with or without --extras for every day")
    return cache



def load_all(paths: list[Path]) -> dict[str, Captured]:
    """Several captures (``load`` each) as one, a later one's day winning, in day order (``--cache`` repeated)."""
    cache: dict[str, Captured] = {}
    for path in paths:
        cache.update(load(path))
    return dict(sorted(cache.items()))


def add_capture_arguments(parser: argparse.ArgumentParser) -> None:
    """``--cache``, ``--days`` and ``--store``: what a tool reading captures with their reports' text needs."""
    parser.add_argument("--cache", type=Path, action="append", required=True,
                        help="days_join_refit.py --capture's folder or pickle (repeatable: a later one's day wins)")
    parser.add_argument("--days", type=Path, required=True, help="the day folders (to read each post's outlet)")
    parser.add_argument("--store", type=Path, required=True, help="a store holding the captured days' articles")


def store_rows(store: Path, ids: Iterable[str], columns: str) -> Iterator[tuple[Any, ...]]:
    """``(id, *columns)`` of the articles asked (each once, 500 to a query), from a store opened read-only: how the
    capture tools read their reports' text, titles or metadata."""
    wanted = sorted(set(ids))
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            yield from db.execute(f"SELECT id, {columns} FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                  chunk)


def replay(day: Captured, weights: np.ndarray, bias: float, threshold: float) -> Scores:
    """The day after the star pass with this model at this threshold."""
    return score(day, joined(day, probability(weights, bias, day.features), threshold, star=True))


def inner_l2(train: list[Captured], grid: tuple[float, ...] = L2_GRID, groups: int = INNER) -> float:
    """The L2 of ``grid`` with the least held-out log-loss on ``train``'s pairs when each group of its days (every
    ``groups``-th day) is scored by a model fitted on the other groups (a threshold-free criterion: a fold's choice
    costs fits only)."""
    best = (math.inf, grid[0])
    for l2 in grid:
        loss = 0.0
        for g in range(groups):
            held = train[g::groups]
            weights, bias = fit_days([d for i, d in enumerate(train) if i % groups != g], l2)
            for day in held:
                p = np.clip(probability(weights, bias, day.features), 1e-12, 1 - 1e-12)
                y = same_event(day)
                loss -= float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
        if loss < best[0] - 1e-9:
            best = (loss, l2)
    return best[1]


def arms(cache: dict[str, Captured], grid: tuple[float, ...] = L2_GRID, per_fold_l2: bool = True,
         ) -> tuple[dict[str, list[Scores]], dict[str, Counter[str]]]:
    """Per arm, each day's scores (in ``cache``'s order), and the thresholds (and L2s) the folds chose."""
    shipped = load_join_model(JOIN_MODEL_FILE)
    names = list(cache)
    width = next(iter(cache.values())).features.shape[1] if cache else len(JOIN_FEATURES)
    # The capture's columns: ``JOIN_FEATURES``, then with ``--extras`` ``EXTRAS`` (the packaged model's
    # ``OUTLET_FEATURES``, by name; 0 where it has no such weight).
    columns = (*JOIN_FEATURES, *EXTRAS)[:width]
    by_name = dict(zip(shipped.features, shipped.weights, strict=True))
    shipped_w = np.array([by_name.get(name, 0.0) for name in columns])
    shipped_b = shipped.bias
    rows: dict[str, list[Scores]] = {"no join pass": [], "shipped": [], "shipped, threshold per fold": []}
    chosen: dict[str, Counter[str]] = {k: Counter() for k in rows}
    fits: dict[str, Callable[[list[Captured]], tuple[np.ndarray, float, str]]] = {}
    for l2 in grid:
        fits[f"refit, L2 {l2:g}"] = lambda train, l2=l2: (*fit_days(train, l2), "")
    if per_fold_l2:
        def per_fold(train: list[Captured]) -> tuple[np.ndarray, float, str]:
            l2 = inner_l2(train, grid)
            return (*fit_days(train, l2), f"L2 {l2:g} ")
        fits["refit, L2 per fold"] = per_fold
    for name in fits:
        rows[name], chosen[name] = [], Counter()
    for name in names:
        day = cache[name]
        train = [cache[n] for n in names if n != name]
        rows["no join pass"].append(score(day, {}))
        rows["shipped"].append(replay(day, shipped_w, shipped_b, shipped.threshold))
        threshold = choose(train, shipped_w, shipped_b, star=True)
        chosen["shipped, threshold per fold"][f"{threshold:g}"] += 1
        rows["shipped, threshold per fold"].append(replay(day, shipped_w, shipped_b, threshold))
        for arm, fitter in fits.items():
            weights, bias, said = fitter(train)
            threshold = choose(train, weights, bias, star=True)
            chosen[arm][f"{said}{threshold:g}"] += 1
            rows[arm].append(replay(day, weights, bias, threshold))
        print(f"  {name}: " + "; ".join(f"{arm} {v[-1][0]:.4f}" for arm, v in rows.items()), file=sys.stderr,
              flush=True)
    return rows, chosen


def table(names: list[str], rows: dict[str, list[Scores]], chosen: dict[str, Counter[str]]) -> str:
    unseen = [i for i, n in enumerate(names) if n not in SHIPPED_DAYS]
    out = [f"| {len(names)} tuning days (tuned on), join pass replayed | mean B³ F1 | P | R | mean pure | "
           f"F1 on the {len(unseen)} days the shipped model never saw | days up / down vs shipped (> .001) | "
           "thresholds chosen |", "|---|---|---|---|---|---|---|---|"]
    base = [r[0] for r in rows["shipped"]]
    for arm, values in rows.items():
        f1, p, r, pure = np.mean(values, axis=0)
        moved = [v[0] - b for v, b in zip(values, base, strict=True)]
        up, down = sum(m > .001 for m in moved), sum(m < -.001 for m in moved)
        picks = ", ".join(f"{k} x{v}" for k, v in sorted(chosen.get(arm, Counter()).items()))
        # Every day among SHIPPED_DAYS: no unseen day to average (review62: nan, with numpy's RuntimeWarning).
        unseen_f1 = f"{np.mean([values[i][0] for i in unseen]):.5f}" if unseen else "—"
        out.append(f"| {arm} | {f1:.5f} | {p:.4f} | {r:.4f} | {pure:.4f} | {unseen_f1} | {up} / {down} | {picks} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, required=True,
                        help="days_join_fit.py --capture's pickle, or a folder of one pickle per day")
    parser.add_argument("--capture", action="store_true",
                        help="first capture each tuning day (--days) into the --cache folder, one pickle per day")
    parser.add_argument("--extras", action="store_true", help="with --capture: EXTRAS columns after JOIN_FEATURES")
    add_days_arguments(parser)
    parser.add_argument("--per-day", action="store_true", help="each day's F1 under each arm")
    parser.add_argument("--no-per-fold-l2", action="store_true", help="skip the inner choice of L2 (the slow arm)")
    args = parser.parse_args()
    if args.capture:
        args.cache.mkdir(parents=True, exist_ok=True)
        for day in tuning_days(args):
            captured = capture_day(day, pair_extras if args.extras else None)
            (args.cache / f"{day.name}.pickle").write_bytes(pickle.dumps(captured))
    cache = {n: scoped(d, LEAST, MAX_GAP) for n, d in load(args.cache).items()}
    pairs = sum(len(d.pairs) for d in cache.values())
    print(f"{len(cache)} tuning days: {', '.join(cache)}; {pairs} pairs in scope")
    rows, chosen = arms(cache, per_fold_l2=not args.no_per_fold_l2)
    print(table(list(cache), rows, chosen))
    if args.per_day:
        for i, name in enumerate(cache):
            print(name, " ".join(f"{arm}={values[i][0]:.4f}/{values[i][3]:.3f}" for arm, values in rows.items()))


if __name__ == "__main__":
    main()
