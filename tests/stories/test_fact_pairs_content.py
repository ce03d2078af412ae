"""``content_dice``: the pair's weighted Dice of the bigrams outside the story's names (session 70, facts70).

A switched ninth column (``fact_pairs.CONTENT_FEATURE``, off: measured leaving one file out and refused). Pure
functions on made-up units (fictional names); these fail on main 1cc8449f (no switch, no column, no ``names`` on a
``PairUnit``, and a pair model of eight coefficients refuses nine columns).
"""

from __future__ import annotations

import numpy as np
import pytest

from newsmirror.stories import fact_pairs
from newsmirror.stories.fact_model import RESCUE, PairModel
from newsmirror.stories.fact_pairs import FEATURES, PairUnit, pair_features, story_weights


def unit(key: str, outlet: str, names: frozenset[str] = frozenset()) -> PairUnit:
    grams = frozenset(key[k : k + 2] for k in range(len(key) - 1))
    return PairUnit(key, grams, f"{outlet}-1", outlet, 0.0, frozenset(), names)


NAMED = frozenset({"柯文达"})
UNITS = [
    unit("柯文达宣布全国进入紧急状态", "甲报", NAMED),   # a statement naming 柯文达
    unit("柯文达周日宣布全国紧急状态", "乙社", NAMED),   # the same statement
    unit("柯文达今天访问边境城市", "乙社", NAMED),       # the same name, another statement
]


def columns(units: list[PairUnit]) -> dict[tuple[int, int], dict[str, float]]:
    weight = story_weights([u.grams for u in units])
    pairs, features = pair_features(units, weight)
    names = fact_pairs.feature_names()
    return {(i, j): dict(zip(names, row.tolist(), strict=True)) for (i, j), row in zip(pairs.tolist(), features, strict=True)}


def test_the_switch_adds_one_column_and_leaves_the_eight_as_they_were(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fact_pairs, "CONTENT_FEATURE", False)
    off = columns(UNITS)
    assert fact_pairs.feature_names() == FEATURES
    monkeypatch.setattr(fact_pairs, "CONTENT_FEATURE", True)
    on = columns(UNITS)
    assert fact_pairs.feature_names() == (*FEATURES, "content_dice")
    assert set(on) == set(off)
    for pair, row in off.items():
        assert {k: on[pair][k] for k in FEATURES} == row


def test_a_shared_name_alone_is_no_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fact_pairs, "CONTENT_FEATURE", True)
    found = columns(UNITS)
    same, other = found[(0, 1)], found[(0, 2)]
    # Both pairs share 柯文达; only the first shares what is said of him (宣布, 紧急状态).
    assert same["content_dice"] > 0.3
    assert other["content_dice"] == 0.0 and other["dice"] > 0.0
    # The name's bigrams count in Dice, not in content_dice.
    assert same["content_dice"] < 1.0


def test_a_model_fitted_on_eight_columns_reads_the_first_eight_of_nine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fact_pairs, "CONTENT_FEATURE", True)
    weight = story_weights([u.grams for u in UNITS])
    _pairs, nine = pair_features(UNITS, weight)
    assert nine.shape[1] == len(FEATURES) + 1
    assert np.array_equal(RESCUE.probability(nine), RESCUE.probability(nine[:, : len(FEATURES)]))
    wide = PairModel(0.0, (0.0,) * 8 + (1.0,), (0.0,) * 9, (1.0,) * 9, 0.5)
    assert wide.probability(nine).max() > 0.5  # the pair that shares what is said
    with pytest.raises(ValueError):
        wide.probability(nine[:, :8])
