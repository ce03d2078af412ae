"""The threshold rule of ``bench/days_threshold_lodo.py``: the best mean F1 among the cells whose pooled pure share
reaches the packaged cell's minus the margin, chosen on the days given (leave one day out leaves one out)."""

from __future__ import annotations

from bench.days_threshold_lodo import Cell, Counts, choose

PACKAGED: Cell = (0.7, 0.85)


def _rows(cells: dict[Cell, list[tuple[float, int, int]]]) -> dict[Cell, dict[str, Counts]]:
    """Cell -> per day (F1, pure, multi-report) on days d0, d1, ..."""
    return {cell: {f"d{i}": (f1, 1.0, 1.0, pure, multi) for i, (f1, pure, multi) in enumerate(days)}
            for cell, days in cells.items()}


def test_the_best_f1_above_the_pure_floor() -> None:
    rows = _rows({PACKAGED: [(0.90, 90, 100), (0.90, 90, 100)],
                  (0.7, 0.8): [(0.92, 89, 100), (0.92, 90, 100)],  # pure .895 >= .90 - .005
                  (0.6, 0.7): [(0.99, 80, 100), (0.99, 80, 100)]})  # best F1, too impure
    assert choose(rows, ["d0", "d1"], PACKAGED) == (0.7, 0.8)


def test_pure_is_pooled_over_the_days_given() -> None:
    # the lower cell gains F1 on both days; on d0 alone its pure share falls past the floor
    rows = _rows({PACKAGED: [(0.90, 9, 10), (0.90, 900, 1000)],
                  (0.7, 0.8): [(0.95, 8, 10), (0.95, 900, 1000)]})
    assert choose(rows, ["d0"], PACKAGED) == PACKAGED
    assert choose(rows, ["d0", "d1"], PACKAGED) == (0.7, 0.8)  # 908/1010 = .899 >= 909/1010 - .005


def test_a_tie_keeps_the_packaged_cell() -> None:
    rows = _rows({(0.75, 0.9): [(0.90, 9, 10)], PACKAGED: [(0.90, 9, 10)]})
    assert choose(rows, ["d0"], PACKAGED) == PACKAGED
