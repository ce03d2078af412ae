"""The pair model's tail bound (``cluster._TailBound``) passes over only pairs that cannot reach the
probability asked: checked against the worst tail of random models and feature values (the test fails
if the bound forgets a feature's range or a story's member count), against a clusterer that scores
every pair in full (same decisions), and after the model is replaced (the bound follows it). The
reports are the small ones written for ``test_cluster_pair`` (not taken from any labelled day)."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer, _TailBound
from newsmirror.stories.pairscore import FEATURES, PairModel
from tests.stories.test_cluster_pair import CRICKET, DAY, WINE_FOLLOW_UP, document

DOCUMENTS = [document(i, item) for i, item in enumerate([*DAY, WINE_FOLLOW_UP, CRICKET, *DAY[1:3]])]


def worst_tail(model: PairModel, members: int) -> tuple[float, float, float]:
    """The tail (meaning, members, agreeing) that adds most to ``model``'s sum, within each feature's range."""
    meaning, agree_mean, agreeing = model.weights[-3:]
    return (1.0 if meaning > 0 else -1.0, 1.0 if agree_mean > 0 else 0.0,
            math.log1p(members) if agreeing > 0 else 0.0)


def test_the_bound_never_passes_over_a_pair_that_could_reach_the_probability() -> None:
    rng = random.Random(11)
    below = reached = 0
    for _ in range(4000):
        weights = tuple(rng.uniform(-4, 6) for _ in FEATURES)
        model = PairModel(weights, rng.uniform(-9, 0), 0.5)
        bound = _TailBound.of(model)
        assert bound is not None
        least = rng.uniform(0.05, 0.95)
        members = rng.randint(0, 10)
        tail = worst_tail(model, members)
        head = [rng.uniform(0, 1) for _ in range(len(FEATURES) - 3)]
        # Put the pair's best possible sum near the probability asked, so the margins are tested.
        target = math.log(least / (1 - least)) + rng.uniform(-0.05, 0.05)
        rest = model.bias + sum(w * x for w, x in zip(weights, [0.0, *head[1:], *tail], strict=True))
        head[0] = (target - rest) / weights[0]
        values = (*head, *tail)
        if bound.below(tuple(head), members, least):
            below += 1
            assert model.probability(values) < least
        if model.probability(values) >= least:
            reached += 1
            assert not bound.below(tuple(head), members, least)
    assert below > 500 and reached > 500


def test_no_bound_for_a_model_of_other_features_or_thresholds_out_of_range() -> None:
    model = PairModel((1.0,) * len(FEATURES), -50.0, 0.5)
    bound = _TailBound.of(model)
    assert bound is not None and bound.below((0.0,) * (len(FEATURES) - 3), 3, 0.5)
    assert not bound.below((0.0,) * (len(FEATURES) - 3), 3, 0.0) and not bound.below((0.0,) * 10, 3, 1.0)
    assert _TailBound.of(PairModel((1.0, 2.0), 0.0, 0.5, ("a", "b"))) is None
    assert _TailBound.of(None) is None


class FullScoring(StoryClusterer):
    """Every pair scored in full (no bound): the reference; counts the tails computed."""

    tails = 0

    def _tail_features(self, *args: Any) -> tuple[float, float, float]:
        type(self).tails += 1
        return super()._tail_features(*args)

    def _pair_probability(self, least: float, *args: Any, **kwargs: Any) -> float | None:
        assert self.model is not None
        return self.model.probability(self.pair_features(*args, **kwargs))


class Counting(StoryClusterer):
    tails = 0

    def _tail_features(self, *args: Any) -> tuple[float, float, float]:
        type(self).tails += 1
        return super()._tail_features(*args)


@pytest.mark.parametrize("settings", [{}, {"join_probability": 0.2, "merge_probability": 0.3},
                                      {"join_probability": 0.02, "merge_probability": 0.05}])
def test_the_bound_leaves_every_decision_as_full_scoring_makes_it(settings: dict[str, float]) -> None:
    config = ClusterConfig(**settings)  # type: ignore[arg-type]
    FullScoring.tails = Counting.tails = 0
    fast, full = Counting(config), FullScoring(config)
    fast_assigned = [(a.story_id, a.role, a.score) for a in map(fast.add, DOCUMENTS)]
    full_assigned = [(a.story_id, a.role, a.score) for a in map(full.add, DOCUMENTS)]
    assert fast_assigned == full_assigned
    assert fast.link_events() == full.link_events()
    assert {s: [m.article_id for m in fast.members(s)] for s in fast.stories} == \
        {s: [m.article_id for m in full.members(s)] for s in full.stories}
    assert FullScoring.tails > 0
    if not settings:  # the shipped thresholds: some pairs are passed over
        assert Counting.tails < FullScoring.tails


def test_the_bound_follows_a_replaced_model() -> None:
    clusterer = StoryClusterer(ClusterConfig(event_link=False))
    for doc in DOCUMENTS[:4]:
        clusterer.add(doc)
    doc = DOCUMENTS[6]  # the cricket report: far from every story
    vector, _, _, meaning, *_ = clusterer._analyse(doc.title, doc.text)
    story = next(iter(clusterer.stories.values()))
    args = (vector, [], [], doc.time, {doc.outlet}, story, meaning)
    assert clusterer._pair_probability(0.7, *args) is None  # the shipped model: passed over
    assert clusterer.model is not None
    clusterer.model = PairModel(clusterer.model.weights, 40.0, 0.7)  # now every pair is certain
    score = clusterer._pair_probability(0.7, *args)
    assert score is not None and score >= 0.7
