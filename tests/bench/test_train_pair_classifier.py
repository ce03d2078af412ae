"""bench/train_pair_classifier.py: statement pairs chosen by a shared rare figure and rare name, not wording."""

from __future__ import annotations

from collections import Counter

import pytest
from bench.mine_paraphrases import Post
from bench.train_pair_classifier import labelled_pairs, pair_features


def _post(outlet: str, sentences: list[list[str]]) -> Post:
    return Post("2020-10-01", outlet, sentences, frozenset(w for s in sentences for w in s))


def test_a_rare_figure_and_a_rare_name_make_a_positive_whatever_the_wording() -> None:
    first = _post("甲", [["国泰", "宣布", "裁员", "8500", "人"], ["国泰", "航空", "今天", "停飞", "6", "架"]])
    second = _post("乙", [["该", "集团", "将", "削减", "约", "8500", "个", "职位", "国泰"],
                          ["国泰", "去年", "载客", "3800", "万"], ["天气", "晴朗"]])
    df = Counter({"国泰": 5, "港龙": 5, "8500": 3, "3800": 2, "6": 900})
    kinds = dict(labelled_pairs([first, second], [(0, 1)], df, rare_df=100))
    assert kinds[0, 0, 1, 0] == "positive"  # 8500 and 国泰 shared, little else
    # 国泰 shared, but one side gives no rare figure (6 is common): neither kind, left out
    assert (0, 1, 1, 1) not in kinds
    assert kinds[0, 1, 1, 2] == "easy"  # neither a rare figure nor a rare name shared


def test_a_shared_name_with_different_rare_figures_is_a_hard_negative() -> None:
    first = _post("甲", [["国泰", "航空", "员工", "2400", "人"]])
    second = _post("乙", [["国泰", "去年", "载客", "3800", "万"]])
    df = Counter({"国泰": 5, "2400": 3, "3800": 2})
    assert dict(labelled_pairs([first, second], [(0, 1)], df, rare_df=100)) == {(0, 0, 1, 0): "hard"}


def test_pair_features_of_one_text_are_full_overlap() -> None:
    weight = {g: 1.0 for g in ("国泰", "泰裁", "裁员")}
    containment, dice, trigram, ratio, _short, gap = pair_features("国泰裁员", "国泰裁员", weight, 0.2, 0.5)
    assert (containment, dice, trigram, ratio) == (1.0, 1.0, 1.0, 1.0)
    assert gap == pytest.approx(0.3)
