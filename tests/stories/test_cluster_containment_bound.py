"""The containment test's bound (session 66, copy114): with several candidates, ``_best_containing`` leaves out those
whose shared shingles, bounded from 2 KB sketches in one pass, cannot reach ``duplicate_containment``, before the exact
count. The bound never falls below the exact count, so the verdicts are the exact test's."""

from __future__ import annotations

import random
from datetime import timedelta

import numpy as np
import pytest

from newsmirror.stories import cluster
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from newsmirror.text.fingerprint import containment, overlap_bounds, shingle_sketch
from tests.stories.test_cluster_containment import COMMENTARY, DAY, REPOST_HEADED, WOOL

ON = ClusterConfig(duplicate_containment=0.8)  # the in-story test as copy113 set it (as member, floor 100)
BOUND_FROM = cluster._BOUND_FROM


def _sets(rng: np.random.Generator, size: int, shared: np.ndarray) -> np.ndarray:
    own = rng.integers(0, 2**32, size, dtype=np.uint32)
    return np.unique(np.concatenate([own, shared]))


@pytest.mark.parametrize("size", [0, 1, 50, 2_000, 20_000, 60_000])  # 60,000 shingles: most buckets crowded
def test_the_bound_is_never_below_the_exact_count_of_shared_shingles(size: int) -> None:
    rng = np.random.default_rng(size)
    for _ in range(20):
        shared = rng.integers(0, 2**32, int(rng.integers(0, size + 1)), dtype=np.uint32)
        a = _sets(rng, size, shared)
        others = [_sets(rng, int(rng.integers(0, size + 1)), shared[: int(rng.integers(0, len(shared) + 1))])
                  for _ in range(6)] + [a, a[::3].copy(), np.array([], dtype=np.uint32)]
        bounds = overlap_bounds(shingle_sketch(a), [shingle_sketch(b) for b in others])
        exact = [np.intersect1d(a, b, assume_unique=True).size for b in others]
        assert all(bound >= count for bound, count in zip(bounds, exact, strict=True))
        assert bounds[-3] == len(a)  # a set against itself: its bits and its loss, nothing more


def test_unrelated_sets_are_bounded_far_below_four_fifths() -> None:
    rng = np.random.default_rng(7)
    a, b = (np.unique(rng.integers(0, 2**32, 2_000, dtype=np.uint32)) for _ in range(2))
    assert overlap_bounds(shingle_sketch(a), [shingle_sketch(b)])[0] < 0.3 * min(len(a), len(b))


PARAGRAPHS = WOOL.text.split("\n\n")
OWN = COMMENTARY.replace("\n", "")


def _story(seed: int) -> list[Document]:
    """WOOL, then other outlets' texts of its story: each some of its paragraphs (kept, cut or left out) and words of
    its own, so that their shares in WOOL or in each other run from well below .8 to whole."""
    rng = random.Random(seed)
    docs = [WOOL]
    for i in range(14):
        kept = [p if rng.random() < 0.7 else p[: len(p) // 2] for p in PARAGRAPHS if rng.random() < 0.85]
        start = rng.randrange(len(OWN) // 2)
        own = OWN[start: start + rng.choice((0, 20, 60, 120, 200))]
        parts = ([own] if own else []) + kept
        docs.append(Document(f"d{seed}-{i}", f"台{i}", DAY + timedelta(minutes=20 * (i + 1)),
                             rng.choice((WOOL.title, REPOST_HEADED.title, "转载：" + WOOL.title)), "\n\n".join(parts)))
    return docs


def _verdicts(docs: list[Document], monkeypatch: pytest.MonkeyPatch, bound_from: int) -> list[tuple]:
    monkeypatch.setattr(cluster, "_BOUND_FROM", bound_from)
    clusterer = StoryClusterer(ON)
    added = [clusterer.add(doc) for doc in docs]
    return [(a.article_id, clusterer.resolve(a.story_id), a.role, a.duplicate_of, a.score) for a in added]


def test_the_verdicts_with_the_bound_are_the_exact_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[int] = []

    def counting(a: np.ndarray, b: np.ndarray) -> float:
        counted.append(1)
        return containment(a, b)

    monkeypatch.setattr(cluster, "containment", counting)
    copies = left_out = 0
    for seed in range(6):
        docs = _story(seed)
        counted.clear()
        exact = _verdicts(docs, monkeypatch, 10**9)  # never bounded: every candidate counted
        every = len(counted)
        counted.clear()
        assert _verdicts(docs, monkeypatch, 1) == exact  # always bounded first
        left_out += every - len(counted)
        counted.clear()
        assert _verdicts(docs, monkeypatch, BOUND_FROM) == exact
        copies += sum(role == "duplicate" for _, _, role, _, _ in exact)
    assert copies and left_out  # both kinds of candidate met: copies found, counts spared
