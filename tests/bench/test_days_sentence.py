"""The sentence-cosine pair feature of ``bench/days_sentence.py``, with made-up sentence vectors (the encoder is not
a project dependency) on the fictional reports of ``tests/stories/test_cluster_pair.py``."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from bench.days_pair_fit import Day, pairs
from bench.days_sentence import WITH_SENTENCE, SentenceFeature, capture_pairs, group, lede_text, split_lines

from newsmirror.stories.cluster import ClusterConfig, Document
from newsmirror.stories.pairscore import FEATURES, PairModel, default_pair_model
from tests.bench.test_days_context import WINE_AGAIN
from tests.stories.test_cluster_pair import DAY, START, WINE_FOLLOW_UP


def _docs() -> list[Document]:
    items = [DAY[0], WINE_FOLLOW_UP, WINE_AGAIN, DAY[1]]
    return [Document(f"d{i}", item[1], START + timedelta(hours=i), item[2], item[3]) for i, item in enumerate(items)]


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_the_encoders_text_is_the_normalized_title_and_lede() -> None:
    text = lede_text("澳大利亚葡萄酒遭中國加征關稅", "第一段，很短。\n" + "第二段" * 100)
    assert text.startswith("澳大利亚葡萄酒遭中国加征关税 第一段 很短")  # simplified, punctuation a space
    assert len(text) <= len("澳大利亚葡萄酒遭中国加征关税") + 1 + 150


def test_the_capture_adds_the_cosine_to_the_story_cores_sum_after_the_shipped_features() -> None:
    docs = _docs()[:3]
    day = Day("2021-03-02", docs, {"d0": "wine", "d1": "wine", "d2": "wine"}, set())
    vectors = {"d0": _unit(1, 0), "d1": _unit(0, 1), "d2": _unit(1, 1)}
    x, y = capture_pairs(day, vectors)
    base_x, base_y = pairs(day)
    assert x.shape[1] == len(WITH_SENTENCE) and np.array_equal(x[:, : len(FEATURES)], base_x)
    assert np.array_equal(y, base_y)
    # d1 meets the story d0 founded (core: d0); d2 meets it with d0 and d1 in the core: cos((1,1), (1,0) + (0,1)) = 1.
    assert x[0, -1] == pytest.approx(0.0, abs=1e-6)
    assert x[-1, -1] == pytest.approx(1.0)


def _placed(vectors: dict[str, np.ndarray]) -> list[str]:
    weights = tuple(20.0 if name == "sentence" else 0.0 for name in WITH_SENTENCE)
    model = PairModel(weights, -10.0, 0.5, WITH_SENTENCE)  # joins when the cosine passes 0.5
    # The pair layer alone: no event pass, no join, no merge by term similarity.
    config = ClusterConfig(event_link=False, join_complete=False, merge_similarity=2.0, event_merge_similarity=2.0)
    clusterer = SentenceFeature(config, model=model)
    clusterer.setup(vectors)
    return [clusterer.resolve(clusterer.add(d).story_id) for d in _docs()]


def test_a_model_reading_only_the_sentence_cosine_joins_reports_by_their_vectors() -> None:
    same = {"d0": _unit(1, 0, 0), "d1": _unit(1, 0, 0), "d2": _unit(1, 0, 0), "d3": _unit(0, 0, 1)}
    wine, follow_up, again, image = _placed(same)
    assert wine == follow_up == again != image
    wine, follow_up, again, image = _placed({**same, "d1": _unit(0, 1, 0), "d2": _unit(0, 1, 0)})
    assert wine != follow_up == again != image


def test_the_shipped_pair_model_groups_as_days_eval_does_without_the_feature() -> None:
    day = Day("2021-03-02", _docs(), {"d0": "wine", "d1": "wine", "d2": "wine", "d3": "solo:image"}, set())
    f1, precision, recall, pure, multi, glued, _ = group(day, default_pair_model())
    assert (f1, pure, multi, glued) == (pytest.approx(1.0), 1, 1, 0)


def test_the_split_scores_the_first_days_and_the_rest_apart(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {"a": (1.0, 1.0, 1.0, 2, 2, 0, 0.0), "b": (0.5, 1.0, 0.4, 1, 2, 1, 0.0), "c": (0.8, 1.0, 0.7, 0, 1, 0, 0.0)}
    shipped = {d: (0.6, 1.0, 0.5, 1, 1, 0, 0.0) for d in rows}
    split_lines("candidate", rows, shipped, 2)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("  split, first 2 days: candidate: mean F1 0.7500") and "pure 3/4" in lines[0]
    assert "glued 1" in lines[0]
    assert lines[2].startswith("  split, last 1 days: candidate: mean F1 0.8000") and "pure 0/1" in lines[2]
    assert lines[3].startswith("  split, last 1 days: shipped model: mean F1 0.6000")
