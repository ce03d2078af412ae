"""``bench/days_small_join.py``'s replay on constructed pairs: star joins most probable first, only pairs with no
outlet in both, the threshold chosen within the purity slack; each pair's weight in the refit (its B³ gain or cost)."""

from __future__ import annotations

import numpy as np
from bench.days_small_join import DayPairs, Pair, across, choose, costs, fitted, replay

from newsmirror.stories.joincomplete import JOIN_FEATURES


def pair(a: str, b: str, right: bool, same_outlet: bool = False, value: float = 0.0) -> Pair:
    features = tuple(value for _ in JOIN_FEATURES)
    return Pair(a, b, (1, 1), features, [], 1.0, same_outlet, False, right, 0.0)


def day() -> DayPairs:
    # Stories s1, s2 (one event e), s3 (event f), s4 (f, but the same outlet as s3).
    predicted = {"r1": "s1", "r2": "s2", "r3": "s3", "r4": "s4"}
    truth = {"r1": "e", "r2": "e", "r3": "f", "r4": "f"}
    pairs = [pair("s1", "s2", True, value=1.0), pair("s2", "s3", False, value=0.5),
             pair("s3", "s4", True, same_outlet=True, value=1.0)]
    return DayPairs("d", predicted, truth, pairs)


def test_only_pairs_with_no_outlet_in_both() -> None:
    assert [(p.a, p.b) for p in across(day())] == [("s1", "s2"), ("s2", "s3")]


def test_star_joins_most_probable_first() -> None:
    d = day()
    pairs = across(d)
    joined = replay(d, pairs, np.array([0.95, 0.9]), 0.85)
    # s1-s2 first; s2 is then a side and s3 cannot join it (a side never absorbs).
    assert joined["r1"] == joined["r2"] and joined["r3"] != joined["r2"]
    assert replay(d, pairs, np.array([0.8, 0.9]), 0.85)["r1"] == "s1"  # under the threshold: apart


def test_the_threshold_keeps_the_purity() -> None:
    d = day()
    # A model that ranks the right pair first: the chosen threshold joins it, not the wrong one.
    weights = np.array([10.0] + [0.0] * (len(JOIN_FEATURES) - 1))
    threshold = choose([d], weights, -7.0)  # p(s1-s2) = .95, p(s2-s3) = .12
    assert threshold is not None and 0.12 < threshold <= 0.95


def test_a_pair_weighs_what_its_join_gains_or_costs() -> None:
    # A right pair of two singles of a 2-report event on a 4-report day: the recall its reports cost, in reports
    # (2·1·1/2 = 1); a wrong pair of a single and a 2-report story: the precision its join costs (2·1·2/3 = 4/3).
    d = day()
    d.pairs[0].weight = 2 * 1 * 1 / 2 / len(d.truth)
    d.pairs[1].sizes = (1, 2)
    cost = costs([d])
    assert np.allclose(cost, np.array([1.0, 4 / 3]) / np.mean([1.0, 4 / 3]))


def test_the_weighting_moves_the_fit() -> None:
    # Two days whose right pairs carry little recall and whose wrong pairs cost much: weighed, the fit differs from
    # the unweighed one (every pair counting 1).
    days = []
    for name, right_value in (("d1", 1.0), ("d2", 0.8)):
        d = day()
        d.name = name
        d.pairs[0].features = tuple(right_value for _ in JOIN_FEATURES)
        d.pairs[0].weight = 0.01
        d.pairs[1].sizes = (2, 2)
        days.append(d)
    plain, weighed = fitted(days), fitted(days, weighted=True)
    assert not np.allclose(plain[0], weighed[0])
