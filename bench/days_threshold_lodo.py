"""The pair (join) and event thresholds chosen leave one day out, main's two models unchanged.

Each tuning day is grouped without event links by the packaged pair model at every pair threshold of the grid
(``days_event_replay.group``); the packaged event model's end-of-day pass is then replayed on each grouping at every
event threshold (``days_event_replay.link``), as ``days_eval`` makes the pass. The rule (bench/days_results.md,
Session 26, thresh22): on a set of days, among the cells whose pooled pure share reaches the packaged cell's
minus ``PURE_MARGIN``, the one of highest mean B-cubed F1; each day is scored at the cell chosen on the others.

    python bench/days_threshold_lodo.py --days PATH/archived --capture GRID.pickle   # groups 4 x 15 days
    python bench/days_threshold_lodo.py --cache GRID.pickle                          # the grid and the LODO rows

Only tuning days are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_event_replay import Captured, Grouped, capture_or_load, group, link, score_counts  # noqa: E402
from bench.days_event_variants import current  # noqa: E402
from bench.days_pair_fit import Day, add_days_arguments  # noqa: E402
from newsmirror.stories.eventlink import load_event_model  # noqa: E402
from newsmirror.stories.pairscore import default_pair_model  # noqa: E402

PAIR_THRESHOLDS = (0.6, 0.65, 0.7, 0.75)
EVENT_THRESHOLDS = (0.7, 0.75, 0.8, 0.85, 0.9)
PURE_MARGIN = 0.005  # a cell may lose this much pooled pure share against the packaged cell

Cell = tuple[float, float]  # (pair threshold, event threshold)
Counts = tuple[float, float, float, int, int]  # ``score_counts``: F1, precision, recall, pure, multi-report


def capture(days: list[Day], path: Path) -> None:
    model = default_pair_model()
    grouped = {(t, d.name): group(d, dataclasses.replace(model, threshold=t)) for t in PAIR_THRESHOLDS for d in days}
    with path.open("wb") as handle:
        pickle.dump({"days": {d.name: d for d in days}, "grouped": grouped}, handle)


def grid(days: dict[str, Day], grouped: dict[tuple[float, str], Grouped]) -> dict[Cell, dict[str, Counts]]:
    """Every cell's counts on every day: the packaged event model's pass over the pair threshold's grouping."""
    event_model = load_event_model()
    weights, bias = np.array(event_model.weights), event_model.bias
    rows: dict[Cell, dict[str, Counts]] = {(t, e): {} for t in PAIR_THRESHOLDS for e in EVENT_THRESHOLDS}
    for (t, name), g in grouped.items():
        x = current(Captured(days[name], g, g), g)
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ weights + bias, -30, 30))) if len(x) else np.zeros(0)
        for e in EVENT_THRESHOLDS:
            rows[(t, e)][name] = score_counts(days[name], g, link(g, p, e, np.ones(len(p), dtype=bool)))
    return rows


def summary(counts: Iterable[Counts]) -> tuple[float, int, int]:
    """Mean B-cubed F1, pure and multi-report stories summed (pooled pure = pure / multi)."""
    rows = list(counts)
    return float(np.mean([r[0] for r in rows])), sum(r[3] for r in rows), sum(r[4] for r in rows)


def choose(rows: dict[Cell, dict[str, Counts]], days: Iterable[str], packaged: Cell) -> Cell:
    """The rule's cell on ``days``: the best mean F1 among cells whose pooled pure reaches the packaged cell's
    minus ``PURE_MARGIN`` (ties: the purer, then the packaged cell)."""
    names = list(days)
    scored = {cell: summary(counts[n] for n in names) for cell, counts in rows.items()}
    _, pure, multi = scored[packaged]
    floor = pure / max(multi, 1) - PURE_MARGIN
    allowed = [cell for cell, (_, p, m) in scored.items() if p / max(m, 1) >= floor - 1e-12]
    return max(allowed, key=lambda cell: (round(scored[cell][0], 9), round(scored[cell][1] / max(scored[cell][2], 1), 9),
                                          cell == packaged))


def report(rows: dict[Cell, dict[str, Counts]], packaged: Cell) -> None:
    names = list(next(iter(rows.values())))
    print("pair  event   mean F1  pooled pure   (per day F1)")
    for cell, counts in rows.items():
        f1, pure, multi = summary(counts.values())
        mark = " <- packaged" if cell == packaged else ""
        print(f"{cell[0]:.2f}  {cell[1]:.2f}   {f1:.5f}  {pure:3d}/{multi:3d} = {pure / max(multi, 1):.4f}   "
              + " ".join(f"{counts[n][0]:.3f}" for n in names) + mark)
    lodo: list[Counts] = []
    print("\nleave one day out: the cell chosen on the other days, the day scored at it")
    for held in names:
        cell = choose(rows, (n for n in names if n != held), packaged)
        lodo.append(rows[cell][held])
        main = rows[packaged][held]
        print(f"{held}  chosen {cell[0]:.2f}/{cell[1]:.2f}  F1 {lodo[-1][0]:.4f} pure {lodo[-1][3]}/{lodo[-1][4]}   "
              f"packaged F1 {main[0]:.4f} pure {main[3]}/{main[4]}")
    f1, pure, multi = summary(lodo)
    main_f1, main_pure, main_multi = summary(rows[packaged].values())
    passes = f1 >= main_f1 + 0.004 and pure / max(multi, 1) >= main_pure / max(main_multi, 1) - PURE_MARGIN
    print(f"LODO mean F1 {f1:.5f} pooled pure {pure}/{multi} = {pure / max(multi, 1):.4f}; packaged {main_f1:.5f} "
          f"{main_pure}/{main_multi} = {main_pure / max(main_multi, 1):.4f}; the days {'pass' if passes else 'fail'} "
          f"(F1 >= packaged + .004, pure >= packaged - {PURE_MARGIN})")
    chosen = choose(rows, names, packaged)
    print(f"chosen on all {len(names)} days: pair {chosen[0]}, event {chosen[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_days_arguments(parser)
    parser.add_argument("--capture", type=Path, help="group the tuning days at every pair threshold, write here")
    parser.add_argument("--cache", type=Path, help="a cache written by --capture")
    args = parser.parse_args()
    cache = capture_or_load(args, capture)
    if cache is None:
        return
    packaged = (default_pair_model().threshold, load_event_model().threshold)
    report(grid(cache["days"], cache["grouped"]), packaged)


if __name__ == "__main__":
    main()
