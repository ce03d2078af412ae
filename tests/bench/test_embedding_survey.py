"""bench/embedding_survey.py's measures: AUC, recall at a precision, and the bound on links a model would add
(own small numbers, none taken from the fact labels of bench/days)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from bench import embedding_survey as survey


def test_auc_counts_ties_half() -> None:
    assert survey.auc(np.array([0.9, 0.8]), np.array([0.1, 0.2])) == 1.0
    assert survey.auc(np.array([0.1]), np.array([0.9])) == 0.0
    assert survey.auc(np.array([0.5]), np.array([0.5])) == 0.5


def test_recall_at_takes_the_lowest_threshold_reaching_the_precision() -> None:
    positive, negative = np.array([0.9, 0.8, 0.4]), np.array([0.5, 0.3])
    t, recall = survey.recall_at(positive, negative, 0.9)
    assert 0.5 < t <= 0.8 and recall == pytest.approx(2 / 3)


def _story() -> survey.StoryPairs:
    # Outlet 甲: units 0, 1; outlet 乙: units 2, 3. Main links the gold pair 0-2 and misses 1-3.
    story = survey.StoryPairs("facts-x", ["a", "b", "c", "d"], ["甲", "甲", "乙", "乙"])
    story.gold = [(0, 2, True, ""), (1, 3, False, "threshold")]
    story.right = {(0, 2)}
    story.judged = [(0, 3, False), (1, 2, False)]
    story.gold_quote_pairs = 2
    return story


def _rows(*angles: float) -> np.ndarray:
    return np.array([[np.cos(a), np.sin(a)] for a in angles], dtype=np.float32)


def test_a_close_missed_pair_is_added_and_a_far_non_pair_is_not() -> None:
    # 1 and 3 point the same way, 0 and 2 another; the non-pairs are far apart.
    counts = survey.file_counts([_story()], [_rows(0.0, 1.5, 0.0, 1.5)])
    assert counts.rates() == (0.5, 1.0)
    at = survey.choose(counts, "mutual", 0.005)
    assert at is not None and survey.GRID[at] > 0.9
    assert counts.rates("mutual", at) == (1.0, 1.0)


def test_a_pair_already_held_by_the_other_outlet_is_not_free() -> None:
    story = _story()
    story.held = {(1, 3)}
    counts = survey.file_counts([story], [_rows(0.0, 1.5, 0.0, 1.5)])
    assert counts.rates("free", survey.choose(counts, "free", 0.005)) == (0.5, 1.0)
    assert counts.rates("all", survey.choose(counts, "all", 0.005)) == (1.0, 1.0)


def test_a_wrong_link_costing_precision_is_not_chosen() -> None:
    # The non-pair 1-2 is as close as the missed pair 1-3: adding both drops precision by a third.
    counts = survey.file_counts([_story()], [_rows(0.0, 1.0, 1.0, 1.0)])
    assert survey.choose(counts, "all", 0.005) is None
    assert counts.rates("all", 0) == (1.0, 0.5)  # at t .2 both non-pairs are linked too


def test_test_and_fresh_fact_files_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    for facts in ("bench/days/test/facts-t.toml", "bench/days/facts-s84.toml"):
        monkeypatch.setattr(sys, "argv", ["embedding_survey", "--days", str(Path("nowhere")), "--facts", facts])
        with pytest.raises(SystemExit, match="never read"):
            survey.main()


def test_cached_rows_are_read_and_only_missing_texts_embedded(tmp_path: Path) -> None:
    path = tmp_path / "cache.npz"
    np.savez(path, texts=np.array(["甲", "乙"]), rows=np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    asked: list[list[str]] = []

    def embed(texts: object) -> np.ndarray:
        asked.append(list(texts))  # type: ignore[call-overload]
        return np.array([[0.6, 0.8]] * len(asked[-1]), dtype=np.float32)

    rows = survey.cached(embed, path)(["乙", "丙", "甲", "丙"])
    assert asked == [["丙"]]
    assert rows.tolist() == [[0.0, 1.0], [0.6000000238418579, 0.800000011920929], [1.0, 0.0],
                             [0.6000000238418579, 0.800000011920929]]
