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


def test_collect_reads_the_tuning_samples_only() -> None:
    """Never the held sample K nor the fresh one (onlyx114: the tool named A-H in a list of its own)."""
    from bench.days import onlyx_samples
    from bench.onlyx_model import SAMPLES

    assert tuple(SAMPLES) == onlyx_samples.TUNING
    assert "K" not in SAMPLES and not set(SAMPLES) & set(onlyx_samples.FRESH)


def test_the_candidate_feature_reads_the_other_script_in_a_silent_outlets_sentence() -> None:
    from bench.onlyx_model import candidate_features

    fact = {"甲报": "市场研究公司科纳仕说 ", "乙社": "市场研究公司canalys说 "}
    assert candidate_features("科纳仕", "甲报", fact) == [1.0]
    assert candidate_features("canalys", "乙社", fact) == [1.0]
    same = {"甲报": "科纳仕（canalys）说 ", "乙社": "canalys说 "}
    assert candidate_features("科纳仕", "甲报", same) == [0.0]


def test_counts_split_claims_by_verdict_at_the_threshold() -> None:
    from bench.onlyx_model import _counts

    counts = _counts([("true", 0.7), ("false", 0.5), ("not-a-name", 0.9), ("true", 0.4)], 0.6)
    assert counts["shown true"] == 1 and counts["withheld true"] == 1
    assert counts["withheld false"] == 1 and counts["shown not-a-name"] == 1
