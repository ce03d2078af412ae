"""Row weights in the bench logistic fit (``days_pair_fit.fit``) and the event replay's equal-day weights."""

from __future__ import annotations

import numpy as np
import pytest
from bench.days_event_replay import Variant, day_weights
from bench.days_event_variants import current
from bench.days_pair_fit import fit

RNG = np.random.default_rng(7)
X = RNG.normal(size=(200, 2))
Y = (X[:, 0] + 0.3 * RNG.normal(size=200) > 0).astype(float)


def test_unit_weights_fit_as_no_weights() -> None:
    plain = fit(X, Y)
    weighted = fit(X, Y, sample_weight=np.ones(len(Y)))
    assert np.allclose(plain[0], weighted[0]) and plain[1] == pytest.approx(weighted[1])


def test_a_row_of_weight_two_fits_as_the_row_twice() -> None:
    doubled = fit(np.vstack([X, X[:1]]), np.concatenate([Y, Y[:1]]))
    weights = np.ones(len(Y))
    weights[0] = 2.0
    weighted = fit(X, Y, sample_weight=weights)
    assert np.allclose(doubled[0], weighted[0], atol=1e-6) and doubled[1] == pytest.approx(weighted[1], abs=1e-6)


def test_equal_days_give_each_day_the_same_total_and_keep_the_row_count() -> None:
    variant = Variant("equal", current, days_equal=True)
    weights = day_weights([300, 100, 0, 200], variant)
    assert weights is not None and len(weights) == 600
    assert weights.sum() == pytest.approx(600)
    assert weights[:300].sum() == pytest.approx(weights[300:400].sum()) == pytest.approx(weights[400:].sum())
    assert day_weights([300, 100], Variant("plain", current)) is None
