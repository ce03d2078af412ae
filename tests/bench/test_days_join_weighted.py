"""``bench/days_join_weighted.py``'s weighting of the join pass's candidate pairs (each pair's B³ gain or cost) on a
constructed capture: a right pair weighs the recall its join gains, a wrong pair the precision its join costs; the
weighting moves the fit."""

from __future__ import annotations

import numpy as np
from bench.days_join_fit import Captured
from bench.days_join_weighted import fitted, pair_costs

from newsmirror.stories.joincomplete import JOIN_FEATURES


def captured(name: str = "d", right_value: float = 1.0) -> Captured:
    # Core c (3 reports of event e), side s (1 report of e), story t (2 reports of event f), single u (event e).
    assigned = {"c1": "c", "c2": "c", "c3": "c", "s1": "s", "t1": "t", "t2": "t", "u1": "u"}
    truth = {"c1": "e", "c2": "e", "c3": "e", "s1": "e", "t1": "f", "t2": "f", "u1": "e"}
    sizes = {"c": 3, "s": 1, "t": 2, "u": 1}
    pairs = [("c", "s"), ("c", "t"), ("c", "u")]
    features = np.array([[right_value] * len(JOIN_FEATURES), [0.5] * len(JOIN_FEATURES),
                         [right_value] * len(JOIN_FEATURES)])
    return Captured(name, assigned, sizes, pairs, features, truth)


def test_a_pair_weighs_what_its_join_gains_or_costs() -> None:
    # Event e holds 5 reports: the core-side pair gains 2·3·1/5 in reports; the wrong pair of a 3- and a 2-report
    # story costs 2·3·2/5.
    cost = pair_costs(captured())
    assert np.allclose(cost, [2 * 3 * 1 / 5, 2 * 3 * 2 / 5, 2 * 3 * 1 / 5])


def test_the_weighting_moves_the_fit() -> None:
    days = [captured("d1", 1.0), captured("d2", 0.8)]
    plain, weighed = fitted(days, weighted=False), fitted(days, weighted=True)
    assert not np.allclose(plain[0], weighed[0])
