"""A side the join model scores under its threshold but over ``ClusterConfig.join_told_probability`` joins its core
when the core's titles and ledes tell the side's title (``join_told``: the share of the side's title terms, weighed by
their rarity among the window's recent reports; session 67, group115), on small reports written for these tests (not
taken from any labelled day): the flood's rescue, told later, joins the flood; a car fair of the same city, whose title's words the
flood's story does not use, does not; 0 turns it off; a pair under the bar is not joined."""

from __future__ import annotations

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
from newsmirror.stories.joincomplete import JOIN_FEATURES
from newsmirror.stories.pairscore import PairModel
from tests.stories.test_cluster_join import FAIR, FLOOD, SETTINGS, built, story_count

# Probability .73 for every pair (bias 1.0), threshold .9: under the join pass's threshold, over a bar of .6.
MIDDLE = PairModel(tuple(0.0 for _ in JOIN_FEATURES), 1.0, 0.9, JOIN_FEATURES)
# The flood's rescue told later by another outlet: its title's words are the flood story's.
RESCUE = ("法广", "郑州地铁五号线乘客受困隧道 消防连夜救援",
          "周二晚郑州地铁五号线列车在隧道内被洪水围困，消防人员连夜救援，官方尚未公布伤亡人数。")
# Other reports of the window, so that a term's rarity among recent reports is read (none of them on the flood).
OTHERS = [("路透", "欧盟峰会就复苏基金达成协议", "欧盟领导人在布鲁塞尔峰会上就七千五百亿欧元复苏基金达成协议。"),
          ("德国之声", "英国禁止华为参与5G网络建设", "英国政府宣布禁止电信商购买华为的5G设备，并在2027年前拆除。"),
          ("法广", "澳大利亚维州新增确诊病例创新高", "澳大利亚维多利亚州周二新增确诊病例三百余例，墨尔本再度封城。")]


def clusterer_of(bar: float, model: PairModel = MIDDLE, told: float = 0.6) -> StoryClusterer:
    return StoryClusterer(ClusterConfig(join_complete=True, small_join=False, join_told_probability=bar,  # type: ignore[arg-type]
                                        join_told=told, **SETTINGS), join_model=model)


def stories(side: tuple[str, str, str]) -> list[list[tuple[tuple[str, str, str], float]]]:
    return [[(FLOOD[0], 0), (FLOOD[1], 1), (FLOOD[2], 2)], [(side, 20)], *[[(other, 3 + n)] for n, other in
                                                                        enumerate(OTHERS)]]


def test_a_side_whose_title_the_core_tells_joins_under_the_threshold() -> None:
    clusterer = clusterer_of(0.6)
    ids = built(clusterer, stories(RESCUE))
    clusterer.join_complete(final=True)
    assert clusterer.resolve(ids[1]) == clusterer.resolve(ids[0])


def test_a_side_of_another_event_of_the_city_does_not_join() -> None:
    clusterer = clusterer_of(0.6)
    ids = built(clusterer, stories(FAIR))
    clusterer.join_complete(final=True)
    assert clusterer.resolve(ids[1]) != clusterer.resolve(ids[0])
    assert story_count(clusterer, ids) == len(ids)


def test_off_at_zero() -> None:
    clusterer = clusterer_of(0.0)
    ids = built(clusterer, stories(RESCUE))
    clusterer.join_complete(final=True)
    assert story_count(clusterer, ids) == len(ids)  # .73 is under the threshold .9


def test_the_bar_is_a_floor_of_the_models_probability() -> None:
    clusterer = clusterer_of(0.8)  # .73 is under it
    ids = built(clusterer, stories(RESCUE))
    clusterer.join_complete(final=True)
    assert story_count(clusterer, ids) == len(ids)


def test_the_cover_is_read() -> None:
    clusterer = clusterer_of(0.6, told=1.01)  # no side's title is told beyond all of it
    ids = built(clusterer, stories(RESCUE))
    clusterer.join_complete(final=True)
    assert story_count(clusterer, ids) == len(ids)
