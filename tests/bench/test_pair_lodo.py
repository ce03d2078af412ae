"""The pair model's leave-one-day-out judge (``bench/days_pair_lodo.py``): day weights and the threshold choice."""

from __future__ import annotations

import numpy as np
import pytest
from bench.days_pair_lodo import Score, choose, day_weights, pooled


def test_pairs_weigh_one_each_and_days_weigh_the_same_in_total() -> None:
    assert np.array_equal(day_weights([3, 1], "pairs"), np.ones(4))
    weights = day_weights([300, 100, 200], "days")
    assert len(weights) == 600 and weights.sum() == pytest.approx(600)
    assert weights[:300].sum() == pytest.approx(weights[300:400].sum()) == pytest.approx(weights[400:].sum())


def _score(f1: float, pure: int, multi: int) -> Score:
    return f1, 1.0, f1, pure, multi


def test_pooled_pure_sums_stories_over_days_and_f1_is_the_mean() -> None:
    assert pooled([_score(0.8, 9, 10), _score(0.9, 1, 10)]) == (pytest.approx(0.85), pytest.approx(0.5))


def test_the_threshold_is_the_best_f1_among_those_as_pure_as_the_shipped_model_on_the_same_days() -> None:
    shipped = {"a": _score(0.9, 9, 10), "b": _score(0.9, 9, 10), "c": _score(0.1, 0, 10)}
    table = {
        0.6: {"a": _score(0.99, 8, 10), "b": _score(0.99, 8, 10), "c": _score(0.99, 10, 10)},  # best F1, less pure
        0.7: {"a": _score(0.92, 9, 10), "b": _score(0.92, 9, 10), "c": _score(0.0, 0, 10)},
        0.8: {"a": _score(0.91, 10, 10), "b": _score(0.91, 10, 10), "c": _score(0.0, 0, 10)},
    }
    assert choose(table, shipped, ["a", "b"]) == 0.7
    # On other days the bar is other days' shipped purity: "c" alone lets the loosest threshold through.
    assert choose(table, shipped, ["c"]) == 0.6


def test_when_no_threshold_is_pure_enough_the_purest_is_chosen() -> None:
    shipped = {"a": _score(0.9, 10, 10)}
    table = {0.6: {"a": _score(0.99, 7, 10)}, 0.8: {"a": _score(0.5, 9, 10)}}
    assert choose(table, shipped, ["a"]) == 0.8
