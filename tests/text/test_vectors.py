"""Word vectors (text.vectors): the arithmetic on a tiny hand-made table, then the packaged vectors
on pairs written for this test (not taken from any labelled day)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsmirror.text.vectors import VectorsError, WordVectors, _length, cosine, default_vectors, load_vectors


def _tiny() -> WordVectors:
    table = np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]], dtype=np.float16)
    return WordVectors(["退市", "摘牌", "足球"], table, np.array([10, 10, 1000]), 1000)


def test_weighted_vector_is_the_unit_weighted_sum_of_known_words() -> None:
    vectors = _tiny()
    got = vectors.weighted_vector({"退市": 1.0, "摘牌": 1.0, "未知词": 5.0})
    assert got is not None
    expected = np.array([1.8, 0.6, 0.0]) / np.linalg.norm([1.8, 0.6, 0.0])
    assert np.allclose(got, expected, atol=1e-3)
    assert vectors.weighted_vector({"未知词": 1.0}) is None
    assert vectors.weighted_vector({"退市": 0.0}) is None


def test_weighted_vector_is_exactly_the_float32_product_over_the_known_words() -> None:
    vectors = default_vectors()
    words = vectors.words[:400:3] + ["未知词", "另一个未知词"]
    weights = {w: (i % 7) * 0.37 for i, w in enumerate(words)}  # some weights are 0
    known = [(vectors.index[w], x) for w, x in weights.items() if x and w in vectors.index]
    total = np.asarray([x for _, x in known], dtype=np.float32) @ vectors.vectors[[i for i, _ in known]]
    got = vectors.weighted_vector(weights)
    assert got is not None and np.array_equal(got, total / float(np.linalg.norm(total)))


def test_weighted_vectors_are_the_whole_and_the_parts_weighted_vectors() -> None:
    vectors = default_vectors()
    words = vectors.words[:600:5] + ["未知词", "另一个未知词"]
    weights = {w: (i % 5) * 0.41 for i, w in enumerate(words)}
    for part in (set(words[::3]), set(words), set(), {"未知词"}, set(words[:4])):
        whole, inside = vectors.weighted_vectors(weights, part)
        alone = vectors.weighted_vector({w: x for w, x in weights.items() if w in part})
        expected = vectors.weighted_vector(weights)
        assert whole is not None and expected is not None and np.array_equal(whole, expected)
        assert (inside is None) == (alone is None)
        assert inside is None or alone is None or np.array_equal(inside, alone)


def test_common_words_weigh_less_than_rare_ones() -> None:
    vectors = _tiny()
    assert vectors.idf[vectors.index["足球"]] < vectors.idf[vectors.index["退市"]]
    mixed = vectors.text_vector("退市 足球")
    assert mixed is not None and mixed[0] > mixed[2]


def test_cosine_of_missing_vectors_is_zero() -> None:
    assert cosine(None, np.ones(3)) == 0.0
    assert cosine(np.zeros(3), np.ones(3)) == 0.0
    assert cosine(np.array([1.0, 0.0]), np.array([2.0, 0.0])) == pytest.approx(1.0)


def test_a_missing_file_is_an_error_a_user_can_act_on(tmp_path: Path) -> None:
    with pytest.raises(VectorsError, match="train_vectors"):
        load_vectors(tmp_path / "none.npz")


def test_packaged_vectors_are_small_and_unit_length() -> None:
    vectors = default_vectors()
    assert 10_000 <= len(vectors.words) <= 30_000
    assert vectors.dims == 64
    norms = np.linalg.norm(vectors.vectors[:1000], axis=1)
    assert np.all((norms > 0.98) & (norms < 1.02))


def test_paraphrases_are_closer_than_unrelated_words() -> None:
    vectors = default_vectors()
    near = cosine(vectors.text_vector("公司股票下市"), vectors.text_vector("该股被摘牌"))
    far = cosine(vectors.text_vector("公司股票下市"), vectors.text_vector("足球比赛进球"))
    assert near > far + 0.2


def test_two_reports_of_one_event_in_other_words_are_closer_than_another_event() -> None:
    vectors = default_vectors()
    report = "强烈地震袭击土耳其西部 多栋楼房倒塌 数十人死亡"
    other_words = "土耳其发生强震 救援人员在废墟中搜寻幸存者 伤亡人数上升"
    other_event = "美国国会通过预算法案 总统签署生效"
    assert vectors.similarity(report, other_words) > vectors.similarity(report, other_event) + 0.1


def test_vector_length_is_numpys_norm_exactly() -> None:
    rng = np.random.default_rng(7)
    table = default_vectors().vectors
    for _ in range(200):
        x = (table[rng.integers(0, len(table), 5)] * rng.random((5, 1), dtype=np.float32)).sum(axis=0)
        for y in (x, x.astype(np.float64), x[::2], x.astype(np.float16), np.zeros(3, dtype=np.float32)):
            assert _length(y) == float(np.linalg.norm(y))
