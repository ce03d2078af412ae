"""``bench/days_multi_reader.py`` on constructed rows: the reader is fitted on raw features (its weights read them as
they come), a day's verdicts come from the other days' fit, and closed reports are never read as open ones."""

from __future__ import annotations

import numpy as np
from bench.days_multi_reader import Rows, fit_reader, lodo_found

from newsmirror.stories.multireport import FEATURES

DATELINES = FEATURES.index("dateline_share")


def rows() -> Rows:
    rng = np.random.default_rng(0)
    count = 400
    features = rng.normal(size=(count, len(FEATURES)))
    multi = rng.random(count) < 0.2
    features[:, DATELINES] += 3.0 * multi  # one feature tells them apart
    days = np.array([f"day{i % 4}" for i in range(count)])
    opened = np.ones(count, dtype=bool)
    opened[:10] = False
    return Rows(days, features, multi, opened)


def test_the_reader_weighs_raw_features_and_finds_what_tells_apart() -> None:
    data = rows()
    model = fit_reader(data.features, data.multi)
    assert model.features == FEATURES
    assert max(range(len(FEATURES)), key=lambda i: model.weights[i]) == DATELINES
    found = np.array([model.probability(tuple(row)) >= model.threshold for row in data.features])
    assert (found & data.multi).sum() > 0.8 * data.multi.sum()


def test_verdicts_leave_their_day_out_and_read_open_reports_only() -> None:
    data = rows()
    found, thresholds = lodo_found(data)
    assert sorted(thresholds) == ["day0", "day1", "day2", "day3"]
    assert not found[:10].any()
    assert (found & data.multi).sum() > 0.8 * (data.multi & data.open).sum()
