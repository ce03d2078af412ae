"""Two single reports the small-join model scores under its threshold but over ``ClusterConfig.small_told_probability``
join when each one's title is told by the other's titles and ledes (``small_told``, the smaller cover of the two
ways, each title term weighed by its rarity among the window's recent reports; session 67, group116), on small
reports written for these tests (not taken from any labelled day): two outlets' reports of the flooded metro join; a
car fair of the same city does not; 0 turns it off; a pair under the bar is not joined; one way is not enough."""

from __future__ import annotations

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
from tests.stories.test_cluster_join import FAIR, NEVER, built, story_count
from tests.stories.test_cluster_join_told import MIDDLE, OTHERS

# MIDDLE: probability .73 for every pair, threshold .9: under the small pass's threshold, over a bar of .6.
SETTINGS = dict(event_link=False, merge_probability=None, event_merge_similarity=2.0, small_join=True,
                small_join_floor=0.0, figure_join_probability=0.0)
METRO = ("新华网", "郑州暴雨 地铁五号线乘客被困隧道",
         "河南郑州遭遇特大暴雨，郑州地铁五号线一列列车在隧道内被洪水围困，五百多名乘客被困，消防连夜救援。")
METRO_TW = ("中央社", "郑州地铁五号线乘客被困隧道 暴雨成灾",
            "郑州周二遭遇罕见暴雨，洪水涌入郑州地铁五号线隧道，列车乘客被困，消防人员连夜救援。")
# A broad title the metro report tells, whose lede does not tell the metro report's title back.
RAIN = ("法广", "郑州暴雨", "河南省会周二降下罕见大雨，气象部门发布红色预警，多地停课停工。")


def clusterer_of(bar: float, told: float = 0.6) -> StoryClusterer:
    return StoryClusterer(ClusterConfig(join_complete=True, small_told_probability=bar, small_told=told,  # type: ignore[arg-type]
                                        **SETTINGS), join_model=NEVER, small_join_model=MIDDLE)


def stories(other: tuple[str, str, str]) -> list[list[tuple[tuple[str, str, str], float]]]:
    return [[(METRO, 0)], [(other, 5)], *[[(report, 1 + n)] for n, report in enumerate(OTHERS)]]


def test_two_single_reports_that_tell_each_others_title_join_under_the_threshold() -> None:
    clusterer = clusterer_of(0.6)
    ids = built(clusterer, stories(METRO_TW))
    clusterer.join_complete(final=True)
    assert clusterer.resolve(ids[1]) == clusterer.resolve(ids[0])


def test_another_event_of_the_city_does_not_join() -> None:
    clusterer = clusterer_of(0.6)
    ids = built(clusterer, stories(FAIR))
    clusterer.join_complete(final=True)
    assert story_count(clusterer, ids) == len(ids)


def test_a_title_told_one_way_only_does_not_join() -> None:
    clusterer = clusterer_of(0.6)
    ids = built(clusterer, stories(RAIN))
    metro, rain = clusterer.stories[ids[0]], clusterer.stories[ids[1]]
    assert clusterer._told(rain, metro) >= 0.6 > clusterer._told(metro, rain)  # the broad title is told, not back
    clusterer.join_complete(final=True)
    assert story_count(clusterer, ids) == len(ids)


def test_off_at_zero() -> None:
    clusterer = clusterer_of(0.0)
    ids = built(clusterer, stories(METRO_TW))
    clusterer.join_complete(final=True)
    assert story_count(clusterer, ids) == len(ids)  # .73 is under the threshold .9


def test_the_bar_is_a_floor_of_the_models_probability() -> None:
    clusterer = clusterer_of(0.8)  # .73 is under it
    ids = built(clusterer, stories(METRO_TW))
    clusterer.join_complete(final=True)
    assert story_count(clusterer, ids) == len(ids)
