"""bench/onlyx_model.py's logistic fit (onlyx28): own data."""

from __future__ import annotations

import numpy as np
from bench.onlyx_model import fit_logistic


def test_the_fit_finds_the_feature_that_separates_the_labels() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] + 0.1 * rng.normal(size=200) > 0).astype(float)
    weights, intercept, _mean, _scale = fit_logistic(x, y)
    assert weights[0] > 1.0 and abs(weights[1]) < abs(weights[0]) / 4
    p = 1 / (1 + np.exp(-(x @ weights + intercept)))
    assert ((p > 0.5) == (y == 1)).mean() > 0.9
