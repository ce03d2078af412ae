"""The clusterer's cost shortcuts change no decision: scoring a report reads only the terms a story's
core shares with it (and the report's own norms once), member cosines and the model's sum run as
C-level loops, and an event pass drops a small story's small candidates before its other checks.
Each is checked against the straightforward computation it replaced, bit for bit, on the small
reports written for ``test_cluster_pair`` (not taken from any labelled day)."""

from __future__ import annotations

import math
import random
from datetime import datetime
from typing import Any

import numpy as np
import pytest

from newsmirror.stories.cluster import (
    ClusterConfig,
    StoryClusterer,
    _cosine,
    _dice,
    _part_squares,
    _StoryState,
)
from newsmirror.stories.eventlink import event_features, is_chinese
from newsmirror.stories.pairscore import FEATURES, PairModel
from newsmirror.text.tokenize import idf
from newsmirror.text.vectors import cosine as vector_cosine
from tests.stories.test_cluster_pair import CRICKET, DAY, WINE_FOLLOW_UP, document


def full_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The sum over every term of the smaller vector, as ``_cosine`` was written."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def test_member_cosine_is_the_full_sum_bit_for_bit() -> None:
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(120)]
    for _ in range(300):
        a = {w: rng.random() for w in rng.sample(vocabulary, rng.randint(0, 40))}
        b = {w: rng.random() for w in rng.sample(vocabulary, rng.randint(0, 40))}
        assert _cosine(a, b) == full_cosine(a, b)
        assert isinstance(_cosine(a, b), float)
    assert _cosine({"a": 1.0}, {"b": 1.0}) == 0.0


def full_pair_features(self: StoryClusterer, vector: dict[str, float], titles: list[frozenset[str]],
                       title_names: Any, time: datetime, outlets: set[str], story: _StoryState,
                       meaning: np.ndarray | None = None, *, joining: bool = True,
                       own: tuple[float, float] | None = None) -> tuple[float, ...]:
    """``pair_features`` as it was before the shortcuts: one loop over every term of the report."""
    centroid, norm = story.centroid, story.norm or 1.0
    dots = [0.0, 0.0]
    mine = [0.0, 0.0]
    event = 0.0
    near = self._near_stories(meaning) if joining else frozenset()
    for term, weight in vector.items():
        part = self._names[term]
        mine[part] += weight * weight
        other = centroid.get(term)
        if other is None:
            continue
        dot = weight * other
        dots[part] += dot
        event += dot / (1 + self._other_stories(term, story, near))
    cosine = (dots[0] + dots[1]) / norm
    what = dots[0] / (math.sqrt(mine[0]) * story.part_norms[0]) if mine[0] and story.part_norms[0] else 0.0
    who = dots[1] / (math.sqrt(mine[1]) * story.part_norms[1]) if mine[1] and story.part_norms[1] else 0.0
    event /= norm
    title = max((_dice(x, y) for x in titles for y in story.titles), default=0.0)
    names = list(title_names)
    new_names = sum(1 for n in names if n not in centroid and n not in story.title_words) / len(names) if names else 0.0
    gap = math.log1p(abs((time - story.first).total_seconds()) / 3600)
    agree = sorted((full_cosine(vector, member) for member in story.member_vectors), reverse=True)
    members = sum(agree[:3]) / min(len(agree), 3) if agree else 0.0
    agreeing = math.log1p(sum(1 for value in agree if value >= self.config.agree_cosine))
    return (cosine, who, what, event, cosine - event, title, new_names, gap,
            float(bool(outlets & story.outlets)), math.log(min(len(story.members), 6) or 1),
            vector_cosine(meaning, story.meaning), members, agreeing)


class FullScoring(StoryClusterer):
    """A clusterer that scores every candidate with the full loops (the reference)."""

    pair_features = full_pair_features  # type: ignore[assignment]


DOCUMENTS = [document(i, item) for i, item in enumerate([*DAY, WINE_FOLLOW_UP, CRICKET, *DAY[1:3]])]


@pytest.mark.parametrize("settings", [{}, {"join_probability": 0.2, "merge_probability": 0.3}, {"topic_near": 0.3}])
def test_scoring_shortcuts_give_the_full_features_and_the_same_decisions(settings: dict[str, float]) -> None:
    config = ClusterConfig(event_link=False, **settings)  # type: ignore[arg-type]
    fast, full = StoryClusterer(config), FullScoring(config)
    fast_seen: list[tuple[float, ...]] = []
    full_seen: list[tuple[float, ...]] = []
    for clusterer, seen in ((fast, fast_seen), (full, full_seen)):
        assert clusterer.model is not None
        clusterer.model = Recording(clusterer.model, seen)
        for doc in DOCUMENTS:
            clusterer.add(doc)
    assert fast_seen == full_seen  # every pair the model read, in order, bit for bit
    assert len(fast_seen) >= 5 and any(values[0] > 0 for values in fast_seen)
    assert {s: [m.article_id for m in fast.members(s)] for s in fast.stories} == \
        {s: [m.article_id for m in full.members(s)] for s in full.stories}
    # Every report against every live story, as a report and as another story's core (``joining``).
    pairs = 0
    for doc in DOCUMENTS:
        vector, _, _, meaning, *_ = fast._analyse(doc.title, doc.text)
        own = _part_squares(vector, fast._names)
        for story in fast.stories.values():
            for joining in (True, False):
                args = (vector, [frozenset({"澳大"})], ["澳大利亚"], doc.time, {doc.outlet}, story, meaning)
                expected = full_pair_features(fast, *args, joining=joining)
                assert fast.pair_features(*args, joining=joining) == expected
                assert fast.pair_features(*args, joining=joining, own=own) == expected
                pairs += 1
    assert pairs >= 40


class Recording:
    """A pair model that notes every feature tuple it is asked about."""

    def __init__(self, model: PairModel, seen: list[tuple[float, ...]]) -> None:
        self.model, self.seen, self.threshold = model, seen, model.threshold

    def probability(self, values: tuple[float, ...]) -> float:
        self.seen.append(values)
        return self.model.probability(values)


def test_the_model_sum_is_the_generator_sum() -> None:
    rng = random.Random(3)
    weights = tuple(rng.uniform(-3, 3) for _ in FEATURES)
    model = PairModel(weights, -1.25, 0.5)
    for _ in range(200):
        values = tuple(rng.uniform(-2, 2) for _ in FEATURES)
        z = -1.25 + sum(w * x for w, x in zip(weights, values, strict=True))
        assert model.probability(values) == 1.0 / (1.0 + math.exp(-z))
    with pytest.raises(ValueError):
        model.probability((1.0,))


def full_event_pairs(self: StoryClusterer, story_ids: set[str]) -> list[tuple[float, str, str]]:
    """``event_pairs`` as it was: every candidate found, then the size of the pair checked."""
    assert self.event_model is not None
    scored: list[tuple[float, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for story_id in sorted(story_ids):
        story = self.stories.get(self.resolve(story_id))
        if story is None or story.closed:
            continue
        for other in self.event_candidates(story):
            pair = (min(story.id, other.id), max(story.id, other.id))
            if other.closed or pair in seen or max(len(story.members), len(other.members)) < self.config.event_core:
                continue
            seen.add(pair)
            features = event_features(story, other, self._is_name, _dice, self._event_weights)
            scored.append((self.event_model.probability(features), story.id, other.id))
    return scored


def test_an_event_pass_drops_only_pairs_of_two_small_stories() -> None:
    # The wine story has two reports (the follow-up joins it), the others one each: with
    # ``event_core`` 2, the singletons' pairs among themselves are never scored.
    clusterer = StoryClusterer(ClusterConfig(event_core=2))
    for doc in DOCUMENTS[:6]:
        clusterer.add(doc)
    stories = list(clusterer.stories.values())
    sizes = sorted(len(s.members) for s in stories)
    assert sizes[-1] >= 2 and sizes[0] == 1 and all(is_chinese(s) for s in stories)
    small = [s for s in stories if len(s.members) < 2]
    assert any(len(clusterer.event_candidates(s)) > len(clusterer.event_candidates(s, 2)) for s in small)
    for story in stories:
        assert clusterer.event_candidates(story, 2) == [o for o in clusterer.event_candidates(story)
                                                        if len(o.members) >= 2]
    ids = set(clusterer.stories)
    expected = full_event_pairs(clusterer, ids)
    assert expected and clusterer.event_pairs(ids) == expected


def full_weights(self: StoryClusterer, counts: dict[str, float], names: set[str]) -> dict[str, float]:
    """``_weights`` as it was: the whole formula for each word, one word at a time."""
    floor, seen = self.config.local_df_floor, len(self._recent)
    weighted: dict[str, float] = {}
    for word, count in counts.items():
        weight = (1 + math.log(count)) * idf(word)
        if word in names:
            weight *= self.config.entity_weight
        used = self._df.get(word, 0) if seen >= 50 else 0
        if used / max(seen, 1) > floor:
            weight *= max(0.1, 1.0 + math.log(floor / (used / seen)) / 3)
        if weight > 0:
            weighted[word] = weight
    return weighted


@pytest.mark.parametrize("seen", [0, 49, 50, 333, 2000])
def test_term_weights_are_the_formula_word_by_word(seen: int) -> None:
    # Words used once, several times (whole counts and the title's fractional weight), names, English
    # function words (IDF 0, dropped), and words at, just under and over the commonness floor.
    rng = random.Random(seen)
    clusterer = StoryClusterer(ClusterConfig(event_link=False))
    clusterer._recent.extend(("x",) for _ in range(seen))
    vocabulary = ["澳大利亚", "外交部", "总理", "葡萄酒", "关税", "板球", "the", "of", "vaccine", "新冠",
                  "疫苗", "中国", "北京", "声明", "调查", "反倾销", "莫里森", "赵立坚", "记者", "报道"]
    least = max(1, math.floor(clusterer.config.local_df_floor * seen))
    for _ in range(200):
        words = rng.sample(vocabulary, rng.randint(0, len(vocabulary)))
        counts = {w: rng.choice([1, 1, 1, 2, 5, 1.0, 1.5, 3.5]) for w in words}
        names = {w for w in words if rng.random() < 0.3}
        clusterer._df = {w: rng.choice([0, 1, least - 1, least, least + 1, seen]) for w in words if rng.random() < 0.7}
        expected = full_weights(clusterer, counts, names)
        got = clusterer._weights(counts, names)
        assert list(got.items()) == list(expected.items())  # the same floats, in the same order
    assert "the" not in clusterer._weights({"the": 1, "中国": 2}, set())


def test_one_word_look_up_gives_what_the_separate_tables_give() -> None:
    # ``_analyse`` takes a word's IDF, name verdict and vector row from one per-clusterer record
    # (``_words``). The records must be those of the clusterer's own vectors (a clusterer with other
    # vectors gets other rows, so a record shared across vectors would be stale), and the weights and
    # meaning built from them must be bit for bit those from the separate look-ups.
    from newsmirror.stories.cluster import _IDFS, _NAMES
    from newsmirror.text.vectors import WordVectors

    words = ["澳大利亚", "葡萄酒", "板球", "印度", "反倾销"]
    mine = WordVectors(words, np.eye(len(words), 4), np.full(len(words), 5), 1000)
    other = WordVectors(list(reversed(words)), np.eye(len(words), 4), np.full(len(words), 5), 1000)
    first, second = StoryClusterer(ClusterConfig(), vectors=mine), StoryClusterer(ClusterConfig(), vectors=other)
    for word in [*words, "出口商", "the"]:
        assert first._words[word] == (idf(word), _NAMES[word], mine.index.get(word, -1))
        assert second._words[word] == (_IDFS[word], _NAMES[word], other.index.get(word, -1))
    assert first._words["澳大利亚"][2] != second._words["澳大利亚"][2]
    for item in (WINE_FOLLOW_UP, CRICKET):
        _, _, title, text = item
        clusterer = StoryClusterer(ClusterConfig(), vectors=mine)
        vector, _, _, meaning, lede, lede_terms, _ = clusterer._analyse(title, text)
        # The reference: every table read on its own, as before the records.
        reference = StoryClusterer(ClusterConfig(), vectors=mine)
        counts: dict[str, float] = {}
        captured: list[Any] = []
        original = reference._weights

        def spy(counts_: dict[str, float], names: set[str], idfs: Any = None, counts: dict[str, float] = counts,
                captured: list[Any] = captured, original: Any = original) -> dict[str, float]:
            counts.update(counts_)
            captured.append({w for w in counts_ if _NAMES[w]} == names)
            return original(counts_, {w for w in counts_ if _NAMES[w]})

        reference._weights = spy  # type: ignore[method-assign]
        reference._analyse(title, text)
        assert captured == [True]
        weighted = original(counts, {w for w in counts if _NAMES[w]})
        assert list(weighted.items()) == list(clusterer._weights(counts, set(filter(_NAMES.__getitem__, counts)),
                                                                  [_IDFS[w] for w in counts]).items())
        whole, part = mine.weighted_vectors(weighted, lede_terms)
        rows = [mine.index.get(w, -1) for w in weighted]
        assert all(np.array_equal(x, y) for x, y in zip((whole, part), mine.weighted_vectors(weighted, lede_terms, rows),
                                                         strict=True) if x is not None)
        assert (meaning is None) == (whole is None) and (meaning is None or np.array_equal(meaning, whole))
        assert (lede is None) == (part is None) and (lede is None or np.array_equal(lede, part))
