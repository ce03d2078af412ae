"""The shared-quotation pair feature of ``bench/days_quoted.py`` (session 44, group55), on small reports written for
the pair tests (not taken from any labelled day): the image event quoted by a second outlet and by another country's
leader, and the same reaction without the quotation."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from bench.days_pair_fit import Day, pairs
from bench.days_quoted import WITH_QUOTED, QuotedFeature, capture_pairs, group, quote_grams

from newsmirror.stories.cluster import ClusterConfig, Document
from newsmirror.stories.pairscore import FEATURES, PairModel, default_pair_model
from tests.stories.test_cluster_pair import DAY, START

IMAGE = DAY[1]
# A second report of the image event that quotes the Prime Minister.
IMAGE_QUOTED = ("image", "美国之音", "莫里森：赵立坚推文图片“真正令人反感” 要求北京道歉",
                "澳大利亚总理莫里森周一说，中国外交部发言人赵立坚在推特上发布的合成图片“真正令人反感，北京应当为此感到"
                "羞耻”，要求中方道歉并删除推文。莫里森说，澳大利亚已经要求推特删除这张图片。")
REACTION_TEXT = ("新西兰总理阿德恩周二在惠灵顿说，新西兰政府已经直接向中国当局表达关切，她同意推特上的这张图片{}。"
                 "阿德恩说，新西兰与中国的贸易关系很重要，奶制品出口商不必担心，两国外交渠道保持畅通。")


def _docs(quoted: str) -> list[Document]:
    items = [IMAGE, IMAGE_QUOTED, ("image", "法广", "阿德恩：新西兰已就图片向北京表达关切", REACTION_TEXT.format(quoted))]
    return [Document(f"d{i}", item[1], START + timedelta(hours=i), item[2], item[3]) for i, item in enumerate(items)]


def test_quote_grams_fold_scripts_and_read_only_quoted_han_runs() -> None:
    assert quote_grams("「真正令人反感」", "", 6, 2000) == {"真正令人反感"}
    assert quote_grams("", "他說「真正令人反感」", 6, 2000) == quote_grams("", "他说“真正令人反感”", 6, 2000)
    assert quote_grams("", "“令人反感”，真正令人反感", 6, 2000) == frozenset()
    assert quote_grams("", "x" * 50 + "“真正令人反感”", 6, 40) == frozenset()  # past the body read
    assert len(quote_grams("", "『真正令人反感的』", 6, 2000)) == 2  # seven characters, two runs of six


def test_the_capture_adds_quoted_after_the_shipped_features() -> None:
    for quoted, last in (("“真正令人反感”", 1.0), ("真正令人反感", 0.0), ("“令人反感”", 0.0)):
        day = Day("2021-03-02", _docs(quoted), {"d0": "image", "d1": "image", "d2": "image"}, set())
        x, y = capture_pairs(day)
        base_x, base_y = pairs(day)
        assert x.shape[1] == len(WITH_QUOTED) and np.array_equal(x[:, : len(FEATURES)], base_x)
        assert np.array_equal(y, base_y)
        # d1 quotes, d0 does not: 0; d2 meets the story of d0 and d1, and d1 quotes the same six characters.
        assert x[0, -1] == 0.0
        assert x[-1, -1] == last


def _placed(quoted: str) -> list[str]:
    weights = tuple(20.0 if name == "quoted" else 0.0 for name in WITH_QUOTED)
    model = PairModel(weights, -10.0, 0.5, WITH_QUOTED)  # joins only on a shared quotation
    # The pair layer alone: no event pass, no join, no merge by term similarity.
    config = ClusterConfig(event_link=False, join_complete=False, merge_similarity=2.0, event_merge_similarity=2.0)
    clusterer = QuotedFeature(config, model=model)
    clusterer.setup()
    return [clusterer.resolve(clusterer.add(d).story_id) for d in _docs(quoted)]


def test_a_model_reading_only_quoted_joins_the_reports_that_quote_the_same_words() -> None:
    image, image_quoted, reaction = _placed("“真正令人反感”")
    assert image != image_quoted == reaction
    image, image_quoted, reaction = _placed("真正令人反感")
    assert len({image, image_quoted, reaction}) == 3


def test_the_shipped_pair_model_groups_as_days_eval_does_without_the_feature() -> None:
    day = Day("2021-03-02", _docs("“真正令人反感”"), {"d0": "image", "d1": "image", "d2": "solo:reaction"}, set())
    f1, _, _, pure, multi, glued, _ = group(day, default_pair_model())
    assert 0.0 < f1 <= 1.0 and glued == 0 and pure <= multi
