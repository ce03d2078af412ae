"""Session 72's cuts of the clusterer's cost (speed72) change no value: each is checked against the computation it
replaced, on random inputs (no labelled day)."""

from __future__ import annotations

import random

import numpy as np

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer, _least_count, _shares
from newsmirror.stories.memo import IDFS
from newsmirror.text.vectors import cosine, kept_cosine
from tests.stories.test_cluster_exact_cuts import VOCABULARY, loop_weights


def test_kept_common_terms_follow_the_counts_as_the_window_fills_and_slides() -> None:
    """``_common_of`` (kept by ``_count``) is, after every report, the terms ``least`` or more recent reports use, while
    the window of recent reports fills (``least`` changes: the set is made again) and slides (terms leave it)."""
    rng = random.Random(72)
    clusterer = StoryClusterer(ClusterConfig(local_df_docs=120, local_df_floor=0.05))
    common_words = VOCABULARY[:12]  # used by many reports, so some reach ``least`` and fall below it again
    for round_ in range(900):
        phase = (round_ // 150) % 2  # the common words change every 150 reports: terms join and leave the set
        pool = common_words[6 * phase: 6 * phase + 6]
        terms = rng.sample(VOCABULARY[12:], rng.randint(0, 20)) + [w for w in pool if rng.random() < 0.3]
        clusterer._count({w: 1.0 for w in dict.fromkeys(terms)})
        seen = len(clusterer._recent)
        if seen >= 50 and round_ % 2:
            least = _least_count(clusterer.config.local_df_floor, seen)
            assert clusterer._common_of(least) == {t for t, n in clusterer._df.items() if n >= least}
    assert clusterer._common  # the test reached common terms at all


def test_weights_are_the_loops_with_the_window_sliding() -> None:
    rng = random.Random(7)
    clusterer = StoryClusterer(ClusterConfig(local_df_docs=80, local_df_floor=0.05))
    for _ in range(600):
        clusterer._count({w: 1.0 for w in rng.sample(VOCABULARY, 25)})
        words = rng.sample(VOCABULARY, rng.randint(0, 60))
        counts: dict[str, float] = {w: rng.choice([1, 1, 1, 2, 3, 1.5, 1.0]) for w in words}
        names = {w for w in words if rng.random() < 0.2}
        expected = loop_weights(clusterer, counts, names)
        assert list(clusterer._weights(counts, names, [IDFS[w] for w in counts]).items()) == list(expected.items())


def test_shares_is_the_count_of_shared_terms() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        vector = {w: 1.0 for w in rng.sample(VOCABULARY, rng.randint(0, 40))}
        centroid = {w: 1.0 for w in rng.sample(VOCABULARY, rng.randint(0, 80))}
        least = rng.randint(-1, 6)
        assert _shares(vector, centroid, least) == (sum(map(centroid.__contains__, vector)) >= least)


def test_kept_cosine_is_the_cosine_of_each_vector_as_it_is() -> None:
    rng = np.random.default_rng(5)
    vectors = [rng.standard_normal(64).astype(np.float32) for _ in range(50)]
    for _ in range(2000):
        a, b = vectors[rng.integers(50)], vectors[rng.integers(50)]
        assert kept_cosine(a, b) == cosine(a, b)
        if rng.random() < 0.1:  # a vector replaced by a new one (as a story's sum is): its own length
            vectors[rng.integers(50)] = rng.standard_normal(64).astype(np.float32)
    assert kept_cosine(None, vectors[0]) == 0.0
    zero = np.zeros(64, dtype=np.float32)
    assert kept_cosine(zero, vectors[0]) == 0.0
