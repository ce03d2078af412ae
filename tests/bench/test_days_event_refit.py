"""``bench/days_event_refit.py`` (session 45, event56), on the small reports written for the pair tests (not taken
from any labelled day)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from bench.days_event_refit import VARIANTS, fitted, grouped, judged_only, score
from bench.days_pair_fit import Day

from newsmirror.stories.cluster import ClusterConfig, Document
from newsmirror.stories.eventlink import EVENT_FEATURES, default_event_model
from newsmirror.stories.pairscore import PairModel
from tests.stories.test_cluster_pair import DAY, START


def _day() -> Day:
    docs = [Document(f"d{i}", item[1], START + timedelta(hours=i), item[2], item[3]) for i, item in enumerate(DAY)]
    return Day("2021-03-02", docs, {d.id: f"e:{item[0]}" for d, item in zip(docs, DAY, strict=True)}, set())


def test_grouped_places_every_report_and_scores_it_as_days_eval_counts() -> None:
    day = _day()
    _, predicted, cpu = grouped(day, default_event_model())
    assert set(predicted) == {d.id for d in day.documents} and cpu >= 0.0
    result = score(day, predicted, cpu)
    assert 0.0 < result.f1 <= 1.0 and result.pure <= result.multi and result.glued == 0


def test_an_event_model_that_always_links_joins_the_stories_of_a_core() -> None:
    day = _day()
    never = PairModel(tuple(0.0 for _ in EVENT_FEATURES), -50.0, 0.85, EVENT_FEATURES)
    always = PairModel(tuple(0.0 for _ in EVENT_FEATURES), 50.0, 0.85, EVENT_FEATURES)
    off = ClusterConfig(join_complete=False)
    apart = len(set(grouped(day, never, off)[1].values()))
    linked = len(set(grouped(day, always, off)[1].values()))
    assert linked <= apart


def test_judged_only_keeps_pairs_whose_larger_story_holds_three_reports() -> None:
    size = EVENT_FEATURES.index("max_size")
    x = np.zeros((3, len(EVENT_FEATURES)))
    x[:, size] = np.log([1, 2, 3])
    assert judged_only(x).tolist() == [False, False, True]


def test_fitted_reads_only_the_variant_s_rows() -> None:
    size = EVENT_FEATURES.index("max_size")
    rng = np.random.default_rng(0)
    x = rng.random((40, len(EVENT_FEATURES)))
    x[:, size] = np.log(np.where(np.arange(40) % 2 == 0, 3, 1))
    y = (x[:, 0] > 0.5).astype(float)
    data = {"a": (x[:20], y[:20]), "b": (x[20:], y[20:])}
    every, judged = (fitted(data, ["a", "b"], v, 0.85) for v in VARIANTS[:2])
    assert every.threshold == judged.threshold == 0.85 and every.weights != judged.weights
    odd = x.copy()
    odd[1::2, 1:size] = 9.0  # rows the judged variant never reads (their sizes kept)
    assert fitted({"a": (odd[:20], y[:20]), "b": (odd[20:], y[20:])}, ["a", "b"], VARIANTS[1], 0.85) == judged
