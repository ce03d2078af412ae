"""bench/mine_paraphrases.py: a slot's context, the evidence that a row is seen in more than one story."""

from __future__ import annotations

import pickle
from pathlib import Path

from bench.mine_paraphrases import Post, cached_posts, slots


def test_a_slot_comes_with_the_identical_words_either_side() -> None:
    first = ["美国", "海军", "用", "导弹", "拦截", "了", "目标"]
    second = ["美国", "海军", "用", "飞弹", "拦截", "了", "目标"]
    assert list(slots(first, second)) == [("导弹", "飞弹", ("用", "拦截"))]


def test_a_story_retold_fills_one_context_and_another_story_a_second() -> None:
    retold = ["中国", "外长", "王毅", "表示", "反对"], ["中国", "外交部长", "王毅", "表示", "反对"]
    other = ["日本", "外长", "茂木", "周二", "访华"], ["日本", "外交部长", "茂木", "周二", "访华"]
    contexts = {context for first, second in (retold, retold, other) for _l, _r, context in slots(first, second)}
    assert contexts == {("中国", "王毅"), ("日本", "茂木")}


def test_a_cache_cut_before_a_day_was_labelled_leaves_that_day_out(tmp_path: Path) -> None:
    cache = tmp_path / "posts.pickle"
    posts = [Post(day, "甲报", [["美国"]], frozenset({"美国"})) for day in ("2020-12-11", "2020-12-20")]
    cache.write_bytes(pickle.dumps(posts))
    kept = cached_posts(tmp_path / "no-archive", cache, {"2020-12-11", "2020-12-12"}, 4000, 0)
    assert [post.day for post in kept] == ["2020-12-20"]
