"""Session 56's cuts of the clusterer's cost change no value: each computation is checked, bit for bit and in
order, against the straightforward one it replaced, on random inputs and on the small reports written for
``test_cluster_pair`` (not taken from any labelled day)."""

from __future__ import annotations

import math
import random
from collections import Counter, OrderedDict
from datetime import timedelta
from itertools import chain

from newsmirror.stories import eventlink
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer, _least_count, _norm, _StoryState
from newsmirror.stories.eventlink import (
    _title_weights,
    _weighted_jaccard,
    is_chinese,
    lede_cover,
    story_weights,
)
from newsmirror.stories.memo import IDFS, NAMES
from newsmirror.text.tokenize import idf
from tests.stories.test_cluster_pair import CRICKET, START, WINE_FOLLOW_UP, document

VOCABULARY = [f"w{i}" for i in range(150)] + ["澳大利亚", "葡萄酒", "板球", "the", "and", "TikTok"]


def loop_weights(self: StoryClusterer, counts: dict[str, float], names: set[str]) -> dict[str, float]:
    """``_weights`` as it was written before session 56: one Python loop over every word."""
    boost, floor, seen = self.config.entity_weight, self.config.local_df_floor, len(self._recent)
    df = self._df if seen >= 50 else {}
    least = _least_count(floor, seen)
    weighted: dict[str, float] = {}
    for word, count in counts.items():
        background = idf(word)
        weight = background if count == 1.0 else (1 + math.log(count)) * background
        if word in names:
            weight *= boost
        used = df.get(word)
        if used is not None and used >= least:
            weight *= max(0.1, 1.0 + math.log(floor / (used / seen)) / 3)
        if weight > 0:
            weighted[word] = weight
    return weighted


def test_weights_are_the_loops_bit_for_bit_and_in_order() -> None:
    rng = random.Random(56)
    clusterer = StoryClusterer(ClusterConfig())
    for round_ in range(300):
        if round_ % 3 == 0:  # recent reports: words of every commonness, below and above 50 reports
            clusterer._count({w: 1.0 for w in rng.sample(VOCABULARY, 30)})
        words = rng.sample(VOCABULARY, rng.randint(0, 60))
        # Title weights (floats), body counts (ints) and a title word used in the body too.
        counts: dict[str, float] = {w: rng.choice([1, 1, 1, 2, 3, 1.5, 2.5, 1.0]) for w in words}
        names = {w for w in words if rng.random() < 0.2}
        expected = loop_weights(clusterer, counts, names)
        got = clusterer._weights(counts, names, [IDFS[w] for w in counts])
        assert list(got.items()) == list(expected.items())
        assert list(clusterer._weights(counts, names).items()) == list(expected.items())
    assert "the" not in clusterer._weights({"the": 1.0, "and": 2.0, "葡萄酒": 1.0}, set())  # IDF 0: left out


def test_norm_is_the_generators_sum() -> None:
    rng = random.Random(3)
    for _ in range(200):
        vector = {w: rng.random() * 10 for w in rng.sample(VOCABULARY, rng.randint(0, 50))}
        assert _norm(vector) == math.sqrt(sum(v * v for v in vector.values()))


def test_candidates_rank_as_most_common() -> None:
    rng = random.Random(9)
    clusterer = StoryClusterer(ClusterConfig())
    stories = [f"s{i}" for i in range(300)]
    for term in VOCABULARY:
        clusterer._postings[term] = dict.fromkeys(rng.sample(stories, rng.randint(1, 120)))
    for _ in range(100):
        probes = rng.sample(VOCABULARY, 12)
        hits = Counter(chain.from_iterable(clusterer._postings[t] for t in probes))
        limit = rng.choice([1, 5, 11, 40, 500])
        assert clusterer._candidates(probes, limit) == [s for s, _ in hits.most_common(limit)]


def test_posting_lists_keep_the_ordered_dicts_order() -> None:
    # ``_reindex`` moves a story to the end of a term's list and drops the oldest past ``posting_limit``, as
    # ``OrderedDict.move_to_end`` and ``popitem(last=False)`` did.
    rng = random.Random(4)
    clusterer = StoryClusterer(ClusterConfig(posting_limit=7))
    reference: dict[str, OrderedDict[str, None]] = {}
    for n in range(400):
        story = _StoryState(f"s{rng.randint(0, 25)}", "", START, START)
        story.centroid = {w: rng.random() for w in rng.sample(VOCABULARY[:40], 30)}
        story.indexed_terms = clusterer.stories[story.id].indexed_terms if story.id in clusterer.stories else ()
        clusterer.stories[story.id] = story
        top = sorted(story.centroid, key=story.centroid.__getitem__, reverse=True)[: clusterer.config.probe_terms * 2]
        for term in set(story.indexed_terms) - set(top):
            if term in reference:
                reference[term].pop(story.id, None)
                if not reference[term]:
                    del reference[term]
        for term in top:
            postings = reference.setdefault(term, OrderedDict())
            postings[story.id] = None
            postings.move_to_end(story.id)
            while len(postings) > 7:
                postings.popitem(last=False)
        clusterer._reindex(story)
        assert {t: list(p) for t, p in clusterer._postings.items()} == {t: list(p) for t, p in reference.items()}, n


def loop_jaccard(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    inter = math.fsum(min(w, b[t]) for t, w in a.items() if t in b)
    union = math.fsum(a.values()) + math.fsum(b.values()) - inter
    return inter / union if union > 0 else 0.0


def loop_lede_cover(common: dict[str, float], side: _StoryState, names: dict[str, float] | None = None) -> float:
    if names:
        common = {t: w for t, w in common.items()
                  if not (t in names and (t in side.lede_terms or t in side.title_terms or t in side.centroid))}
    total = math.fsum(common.values())
    if not total:
        return 0.0
    return math.fsum(w for t, w in common.items() if t in side.lede_terms) / total


def random_story(rng: random.Random, name: str) -> _StoryState:
    story = _StoryState(name, "", START, START + timedelta(hours=rng.randint(0, 30)))
    story.centroid = {w: rng.random() for w in rng.sample(VOCABULARY, rng.randint(0, 60))}
    story.norm = math.sqrt(sum(v * v for v in story.centroid.values()))
    story.title_terms = Counter(rng.sample(VOCABULARY, rng.randint(0, 8)))
    story.titled = rng.randint(1, 4)
    story.lede_terms = Counter({w: rng.randint(1, 4) for w in rng.sample(VOCABULARY, rng.randint(0, 30))})
    story.ledes = rng.randint(1, 4)
    story.titles = [frozenset(rng.sample(VOCABULARY, 5)) for _ in range(rng.randint(0, 3))]
    return story


def test_event_sums_are_the_loops_bit_for_bit() -> None:
    rng = random.Random(11)
    for n in range(300):
        a, b = random_story(rng, f"a{n}"), random_story(rng, f"b{n}")
        wa, wb = ({w: rng.random() for w in rng.sample(VOCABULARY, rng.randint(0, 30))} for _ in range(2))
        assert _weighted_jaccard(wa, wb) == loop_jaccard(wa, wb) == _weighted_jaccard(wb, wa)
        common = {t: idf(t) for t in rng.sample(VOCABULARY, rng.randint(0, 30))}
        names = {t: w for t, w in common.items() if rng.random() < 0.4}
        for kept_names in (None, {}, names):
            assert lede_cover(common, b, kept_names) == loop_lede_cover(common, b, kept_names)
        if a.norm and b.norm:
            small, large = (a.centroid, b.centroid) if len(a.centroid) <= len(b.centroid) else (b.centroid, a.centroid)
            cosine = math.fsum(w * large.get(t, 0.0) for t, w in small.items()) / (a.norm * b.norm)
            assert eventlink.event_features(a, b, NAMES.__getitem__, lambda x, y: 0.0)[3] == cosine
        # The IDFs from the shared table are ``idf``'s.
        assert _title_weights(a.title_terms, a.titled) == {t: n * (1.0 / a.titled) * idf(t)
                                                            for t, n in a.title_terms.items()}
        assert story_weights(a, NAMES.__getitem__)[4] == {t: idf(t) for t, k in a.lede_terms.items()
                                                          if k >= a.ledes / 2}


def test_a_stories_language_is_kept_only_until_it_changes() -> None:
    clusterer = StoryClusterer(ClusterConfig())
    for n, item in enumerate((WINE_FOLLOW_UP, CRICKET, WINE_FOLLOW_UP)):
        clusterer.add(document(n, item))
        for story in clusterer.stories.values():
            assert clusterer._is_chinese(story) == is_chinese(story)
    story = next(iter(clusterer.stories.values()))
    english = _StoryState("en", "", START, START, title_terms=Counter({"wine": 1, "tariffs": 1}), titled=1)
    assert not clusterer._is_chinese(english) and english.chinese is False
    clusterer.stories["en"] = english
    clusterer._absorb(english, story)  # the English story takes a Chinese one's titles: asked again
    assert english.chinese is None and clusterer._is_chinese(english)


def test_the_kept_sums_of_a_stories_weights_are_the_sums_made_each_time() -> None:
    """Session 62 (speed62): ``story_weights`` gives ``eventlink.Weights``, whose sum is made once; every feature read
    from them is the one made from plain dicts, summed for each pair, bit for bit."""
    rng = random.Random(62)
    for n in range(300):
        a, b = random_story(rng, f"a{n}"), random_story(rng, f"b{n}")
        kept_a, kept_b = story_weights(a, NAMES.__getitem__), story_weights(b, NAMES.__getitem__)
        assert all(type(w) is eventlink.Weights for w in (*kept_a, *kept_b))
        plain_a, plain_b = (tuple(dict(w) for w in kept) for kept in (kept_a, kept_b))
        for weights in (*kept_a, *kept_b):
            assert weights.total == math.fsum(weights.values()) == weights.total  # type: ignore[attr-defined]
        for x, y in ((kept_a, kept_b), (plain_a, plain_b)):
            for i in range(3):
                assert _weighted_jaccard(x[i], y[i]) == loop_jaccard(dict(x[i]), dict(y[i]))
        assert lede_cover(kept_a[4], b, kept_a[3]) == lede_cover(plain_a[4], b, plain_a[3])
        assert lede_cover(kept_a[4], b) == lede_cover(plain_a[4], b) == loop_lede_cover(plain_a[4], b, None)
        assert eventlink.names_missing(kept_a[3], b) == eventlink.names_missing(plain_a[3], b)
        kept = {a.id: kept_a, b.id: kept_b}
        plain = {a.id: plain_a, b.id: plain_b}
        for cover in (False, True):
            assert (eventlink.event_features(a, b, NAMES.__getitem__, lambda x, y: 0.0, lambda s, k=kept: k[s.id], cover)
                    == eventlink.event_features(a, b, NAMES.__getitem__, lambda x, y: 0.0, lambda s, k=plain: k[s.id],
                                                cover))
