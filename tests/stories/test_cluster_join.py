"""The complete-story join (``stories.joincomplete``, ``ClusterConfig.join_complete``), on small reports written
for these tests (not taken from any labelled day): when stories count as complete, the once and star rules,
the span bound, and the packaged model on two halves of one event and on two events of one city and day."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer, _dice
from newsmirror.stories.joincomplete import (
    COMPLETE_JOIN_FEATURES,
    JOIN_FEATURES,
    OUTLET_FEATURES,
    as_complete,
    default_join_model,
    default_small_join_model,
    join_features,
    join_probability,
)
from newsmirror.stories.multireport import FEATURES as MULTI_FEATURES
from newsmirror.stories.multireport import default_multi_model, multi_report, reader_features
from newsmirror.stories.pairscore import PairModel

START = datetime(2021, 3, 1, 6, tzinfo=UTC)
ALWAYS = PairModel(tuple(0.0 for _ in JOIN_FEATURES), 50.0, 0.5, JOIN_FEATURES)
NEVER = PairModel(tuple(0.0 for _ in JOIN_FEATURES), -50.0, 0.5, JOIN_FEATURES)
# Joins a pair only when its larger story holds 2+ reports (log size 0 for one report: p .5, under .6).
BIGGER = PairModel(tuple(10.0 if name == "max_size" else 0.0 for name in JOIN_FEATURES), 0.0, 0.6, JOIN_FEATURES)
# The event layer and story merges off; stories are built by ``restore`` (members chosen here), so only the
# join pass joins. ``join_least=1``: pairs of single reports are judged too (the rules, not the scope, are tested).
SETTINGS = dict(event_link=False, merge_probability=None, event_merge_similarity=2.0, join_least=1)

FLOOD = [("新华网", "郑州特大暴雨致地铁五号线停运 乘客被困车厢",
          "河南郑州遭遇特大暴雨，郑州地铁五号线一列列车在隧道内被洪水围困，五百多名乘客被困车厢。"
          "消防和地铁工作人员连夜救援，郑州市防汛指挥部启动一级应急响应。"),
         ("中央社", "郑州暴雨 地铁五号线乘客受困隧道 当局全力救援",
          "河南省会郑州遭遇罕见特大暴雨，郑州地铁五号线列车在隧道中停驶，大批乘客受困，积水一度淹到胸口。"
          "郑州市防汛指挥部将应急响应提升至最高级别，消防人员连夜营救。"),
         ("美国之音", "郑州罕见暴雨淹没地铁 五号线乘客受困",
          "中国河南郑州周二遭遇罕见暴雨，洪水涌入郑州地铁五号线隧道，一列地铁列车内数百名乘客受困。"
          "官方说，消防人员已赶到现场救援，郑州全市地铁停运。")]
# The event's other half: its toll and the rescue's end, told a day later in other words.
TOLL = ("法广", "郑州地铁五号线受困乘客全部获救 官方通报十二人罹难",
        "郑州市政府周三通报，周二晚暴雨灌入郑州地铁五号线隧道，受困乘客已全部获救，十二人罹难，五人受伤。"
        "河南省防汛指挥部说，郑州一小时降雨量刷新中国大陆纪录。")
# Another event of the same city and day.
FAIR = ("新华网", "郑州国际车展开幕 新能源车型占半数",
        "第十届郑州国际车展在郑州国际会展中心开幕，三百多款车型参展，新能源车型占半数。"
        "主办方预计展期吸引观众二十万人次，多家车企发布新车。")


def document(index: int, item: tuple[str, str, str], hours: float) -> Document:
    outlet, title, text = item
    return Document(f"a{index}", outlet, START + timedelta(hours=hours), title, text)


def clusterer_of(model: PairModel, multi_model: PairModel | None = None, **settings: object) -> StoryClusterer:
    return StoryClusterer(ClusterConfig(join_complete=True, **{**SETTINGS, **settings}),  # type: ignore[arg-type]
                          join_model=model, multi_model=multi_model)


def built(clusterer: StoryClusterer, stories: list[list[tuple[tuple[str, str, str], float]]]) -> list[str]:
    """Restore each story's (report, hours) into a story of its own; the story ids, in order."""
    index = 0
    for number, members in enumerate(stories):
        for item, hours in members:
            clusterer.restore(document(index, item, hours), f"s{number}")
            index += 1
    return [f"s{number}" for number in range(len(stories))]


def story_count(clusterer: StoryClusterer, ids: list[str]) -> int:
    return len({clusterer.resolve(story) for story in ids})


def test_a_story_is_judged_only_once_complete() -> None:
    clusterer = clusterer_of(ALWAYS)
    ids = built(clusterer, [[(FLOOD[0], 0)], [(TOLL, 20)]])
    assert clusterer.join_complete() == 0  # both can still grow
    assert clusterer.join_complete(final=True) == 1  # the run has ended
    assert story_count(clusterer, ids) == 1


def test_stories_complete_when_the_clock_passes_their_window() -> None:
    clusterer = clusterer_of(ALWAYS)
    ids = built(clusterer, [[(FLOOD[0], 0)], [(TOLL, 20)]])
    clusterer.add(document(9, FAIR, 20 + 24 * 3 + 1))  # a later report moves the clock beyond their window
    assert clusterer.join_complete() == 1
    assert story_count(clusterer, ids) == 1


def test_a_story_joins_once_unless_star() -> None:
    stories = [[(FLOOD[0], 0), (FLOOD[1], 1)], [(FLOOD[2], 2)], [(TOLL, 20)]]
    for star, joins in ((False, 1), (True, 2)):  # the core of two takes one side, or (star) both
        clusterer = clusterer_of(BIGGER, join_star=star)
        ids = built(clusterer, stories)
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 3 - joins


def test_a_core_takes_at_most_join_cap_sides() -> None:
    stories = [[(FLOOD[0], 0), (FLOOD[1], 1)], [(FLOOD[2], 2)], [(TOLL, 20)]]
    for cap, joins in ((0, 2), (1, 1), (2, 2)):  # 0: no bound
        clusterer = clusterer_of(BIGGER, join_cap=cap)
        ids = built(clusterer, stories)
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 3 - joins


def test_the_bound_skips_only_pairs_surely_below_the_floor() -> None:
    # The packaged models (the join pass's, its own features; the small pass's, the shared ones), and one whose
    # pair-model readings weigh against a join (their bound is then 0, not 1).
    packaged = default_join_model()
    against = PairModel(tuple(-w if name.startswith("core_pair") else w
                              for name, w in zip(packaged.features, packaged.weights, strict=True)),
                        packaged.bias + 6.0, packaged.threshold, packaged.features)
    skipped = 0
    for model in (packaged, against, default_small_join_model()):
        clusterer = clusterer_of(model, join_least=1)
        ids = built(clusterer, [[(item, i) for i, item in enumerate(FLOOD)], [(TOLL, 20)], [(FAIR, 5)]])
        for a, b in itertools.combinations([clusterer.stories[i] for i in ids], 2):
            args = (a, b, clusterer._is_name, _dice, clusterer._event_weights, clusterer._core_probability)
            full = model.probability(join_features(*args, model.features))
            for floor in (0.0, 0.05, 0.5, 0.85, 0.99, 1.0):
                probability = join_probability(model, floor, *args)
                if probability is None:
                    skipped += 1
                    assert full < floor
                else:
                    assert probability == full
    assert skipped  # the bound does skip pairs here


def test_the_join_pass_reads_its_own_outlet_features_and_the_small_pass_the_shared_ones() -> None:
    # Session 61 (join106): the join pass's model has its own list; the small pass's keeps JOIN_FEATURES. The costly
    # pair-model readings stay last (the bound reads the features before them).
    assert default_join_model().features == COMPLETE_JOIN_FEATURES
    assert default_small_join_model().features == JOIN_FEATURES
    assert (*JOIN_FEATURES[:-2], *OUTLET_FEATURES, "core_pair_max", "core_pair_min") == COMPLETE_JOIN_FEATURES


def test_the_outlet_features_read_the_core_and_the_side() -> None:
    clusterer = clusterer_of(NEVER)
    # A core of three outlets (hours 0-2); a side from a fourth outlet at hour 20; a side from one of the core's
    # outlets at hour 5; a side that began before the core's last report.
    core, toll, fair, early = built(clusterer, [[(item, i) for i, item in enumerate(FLOOD)], [(TOLL, 20)],
                                                [(FAIR, 5)], [(RESCUE, 1.5)]])
    stories = clusterer.stories
    at = {name: COMPLETE_JOIN_FEATURES.index(name) for name in OUTLET_FEATURES}

    def outlets(a: str, b: str) -> tuple[float, ...]:
        args = (stories[a], stories[b], clusterer._is_name, _dice, clusterer._event_weights,
                clusterer._core_probability)
        values = join_features(*args, COMPLETE_JOIN_FEATURES)
        # Either order gives the same values; the shared features are JOIN_FEATURES' (the small pass's) exactly.
        assert join_features(*args[1::-1], *args[2:], COMPLETE_JOIN_FEATURES) == values
        assert tuple(v for name, v in zip(COMPLETE_JOIN_FEATURES, values, strict=True)
                     if name not in OUTLET_FEATURES) == join_features(*args)
        return tuple(values[at[name]] for name in OUTLET_FEATURES)

    three = math.log(3)
    assert outlets(core, toll) == (0.0, 0.0, three, math.log1p(18))
    assert outlets(fair, core) == (1.0, 1.0, three, math.log1p(3))
    assert outlets(core, early) == (0.0, 0.0, three, 0.0)


def test_a_model_of_the_shared_features_reads_as_one_of_the_pass_s_own_with_the_outlets_weighed_0() -> None:
    small = default_small_join_model()
    complete = as_complete(small)
    assert complete.features == COMPLETE_JOIN_FEATURES and as_complete(complete) is complete
    assert [w for name, w in zip(COMPLETE_JOIN_FEATURES, complete.weights, strict=True)
            if name in OUTLET_FEATURES] == [0.0] * len(OUTLET_FEATURES)
    clusterer = clusterer_of(complete, join_least=1)
    ids = built(clusterer, [[(item, i) for i, item in enumerate(FLOOD)], [(TOLL, 20)], [(FAIR, 5)]])
    for a, b in itertools.combinations([clusterer.stories[i] for i in ids], 2):
        args = (a, b, clusterer._is_name, _dice, clusterer._event_weights, clusterer._core_probability)
        assert join_probability(complete, 0.0, *args) == join_probability(small, 0.0, *args)


def test_a_join_model_of_another_feature_list_is_refused() -> None:
    odd = PairModel((0.0,) * (len(JOIN_FEATURES) + 1), 0.0, 0.5, (*JOIN_FEATURES, "odd"))
    clusterer = clusterer_of(odd)
    a, b = (clusterer.stories[i] for i in built(clusterer, [[(FLOOD[0], 0)], [(TOLL, 20)]]))
    with pytest.raises(ValueError, match="COMPLETE_JOIN_FEATURES"):
        join_probability(odd, 0.0, a, b, clusterer._is_name, _dice, clusterer._event_weights,
                         clusterer._core_probability)


def test_no_join_spans_beyond_max_span() -> None:
    clusterer = clusterer_of(ALWAYS)
    ids = built(clusterer, [[(FLOOD[0], 0)], [(TOLL, 80)]])
    assert clusterer.join_complete(final=True) == 0
    assert story_count(clusterer, ids) == 2


def test_the_model_decides_and_the_scope_holds() -> None:
    clusterer = clusterer_of(NEVER)
    ids = built(clusterer, [[(FLOOD[0], 0)], [(TOLL, 20)]])
    assert clusterer.join_complete(final=True) == 0
    assert story_count(clusterer, ids) == 2
    # Two single reports: not judged by the join pass (the small pass, on by default, is test_cluster_small_join's).
    small = clusterer_of(ALWAYS, join_least=3, small_join=False)
    ids = built(small, [[(FLOOD[0], 0)], [(TOLL, 20)]])
    assert small.join_complete(final=True) == 0


def test_packaged_model_joins_two_halves_of_one_event_and_not_two_events_of_one_city() -> None:
    model = default_join_model()
    clusterer = clusterer_of(model, join_least=ClusterConfig().join_least)
    core, toll, fair = built(clusterer, [[(item, i) for i, item in enumerate(FLOOD)], [(TOLL, 20)], [(FAIR, 5)]])
    scored = {frozenset((a, b)): p for p, a, b in clusterer.join_pairs(final=True)}
    assert scored[frozenset((core, toll))] >= model.threshold > scored.get(frozenset((core, fair)), 0.0)


# One more report of the flood, told by a third outlet, for the side a later pass judges.
RESCUE = ("联合早报", "郑州地铁五号线进水 数百乘客隧道内等待救援",
          "河南郑州暴雨不断，地铁五号线隧道进水，列车停在隧道内，数百名乘客在车厢中等待救援。"
          "郑州消防出动救援人员，地铁全线停运。")
# Joins two stories whose sizes, summed as logs, reach that of two stories of two reports (p .87), not of two
# reports and one (p .007): a model that a core swollen by an earlier side would wrongly satisfy.
SIZES = PairModel(tuple(10.0 if name in ("min_size", "max_size") else 0.0 for name in JOIN_FEATURES), -12.0, 0.6,
                  JOIN_FEATURES)


def test_a_later_side_is_judged_against_the_core_before_its_sides() -> None:
    clusterer = clusterer_of(SIZES)
    ids = built(clusterer, [[(FLOOD[0], 0), (FLOOD[1], 1)], [(FLOOD[2], 2), (TOLL, 3)], [(RESCUE, 10)]])
    clusterer.add(document(9, FAIR, 75))  # the clock passes the first two stories' span, not the third's
    assert clusterer.join_complete() == 1  # two stories of two reports: joined
    assert story_count(clusterer, ids) == 2
    clusterer.add(document(10, FAIR, 83))  # now the third is complete too
    # Read against the joined story of four, the single report would pass (p .87); against the core as the model
    # was fitted on (two reports) it does not.
    assert clusterer.join_complete() == 0
    assert story_count(clusterer, ids) == 2


def test_the_pass_judges_only_pairs_within_join_gap() -> None:
    # The toll reported 30 hours after the flood's first report: within max_span, beyond the day the model was
    # fitted on (every tuning day's pair lies within a day), so not judged unless join_gap is lifted.
    stories = [[(FLOOD[0], 0)], [(TOLL, 30)]]
    for gap, joins in ((ClusterConfig().join_gap, 0), (None, 1)):
        clusterer = clusterer_of(ALWAYS, join_gap=gap)
        ids = built(clusterer, stories)
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 2 - joins


def test_a_story_an_earlier_run_judged_is_not_judged_again() -> None:
    # A later run restores the stories an earlier run judged (``restore_join``, from the store): complete again at
    # this run's clock, even after a late report moved its last time, they are not judged again.
    for earlier, joins in ((("s0", "s1"), 0), (("s0",), 1), ((), 1)):
        clusterer = clusterer_of(ALWAYS)
        for story in earlier:
            clusterer.restore_join(story, "judged")
        ids = built(clusterer, [[(FLOOD[0], 0)], [(TOLL, 20)]])
        clusterer.restore(document(8, FLOOD[1], 30), "s0")  # a late report of the first story
        clusterer.add(document(9, FAIR, 24 * 3 + 40))  # the clock passes both windows
        assert clusterer.join_complete() == joins
        assert story_count(clusterer, ids) == 2 - joins
        assert not {story for story, role, _ in clusterer.drain_joins() if role == "judged"} & set(earlier)


def test_an_earlier_runs_core_is_never_made_a_side() -> None:
    # s0, a core of an earlier run (it absorbed a side then), is restored smaller than s1, a story of this run: the
    # pass may join them only with s1 as the side, never s0 (that would chain its earlier join into a bigger one).
    for role, joins in (("core", 0), ("judged", 1)):
        clusterer = clusterer_of(ALWAYS)
        clusterer.restore_join("s0", role, ["a0"])
        ids = built(clusterer, [[(FLOOD[0], 0)], [(FLOOD[1], 1), (FLOOD[2], 2)]])
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 2 - joins


def test_a_restored_core_judges_a_later_side_against_its_members_before_its_first_side() -> None:
    # s0 holds four reports, two of them an earlier run's side; the single report of s1 is judged against the two
    # (p .007 with SIZES), not against the four (p .87), as it was in the run that joined them.
    for unjoined, joins in ((["a0", "a1"], 0), (["a0", "a1", "a2", "a3"], 1)):
        clusterer = clusterer_of(SIZES)
        clusterer.restore_join("s0", "core", unjoined)
        ids = built(clusterer, [[(FLOOD[0], 0), (FLOOD[1], 1), (FLOOD[2], 2), (TOLL, 3)], [(RESCUE, 10)]])
        assert len(clusterer._unjoined["s0"].members) == len(unjoined)
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 2 - joins


def test_a_new_core_is_reported_with_its_members_before_its_first_side() -> None:
    clusterer = clusterer_of(BIGGER)
    built(clusterer, [[(FLOOD[0], 0), (FLOOD[1], 1)], [(FLOOD[2], 2)], [(TOLL, 20)]])
    assert clusterer.join_complete(final=True) == 2
    joins = {story: (role, members) for story, role, members in clusterer.drain_joins()}
    assert joins == {"s0": ("core", ("a0", "a1"))}  # the sides are gone (absorbed); the core is stored once


# A market report of the flood's day: its title has a multi-event report's form by the loose list only (市场), so its
# story is not closed (``strict_genre``), yet it is the kind of report join106's refits glued into a big event's story.
MARKET = ("路透", "郑州暴雨 地铁五号线停运 市场担忧经济受损",
          "河南郑州特大暴雨致地铁五号线停运，乘客被困车厢，亚洲市场周三开盘走低，投资者担忧洪水拖累经济。"
          "分析师说，郑州是重要的制造业中心，暴雨影响工厂生产和物流。")
# A reader of multi-event reports that reads the loose title list only (the tests' stand-in for multi_model.toml).
LOOSE_READER = PairModel(tuple(10.0 if name == "title_loose" else 0.0 for name in MULTI_FEATURES), -5.0, 0.5,
                         MULTI_FEATURES)


def test_the_join_guard_keeps_a_side_holding_a_multi_event_report_out() -> None:
    stories = [[(FLOOD[0], 0), (FLOOD[1], 1)], [(MARKET, 2)]]
    for guard, joins in ((False, 1), (True, 0)):
        clusterer = clusterer_of(ALWAYS, LOOSE_READER, join_guard=guard)
        ids = built(clusterer, stories)
        assert not clusterer.stories["s1"].closed  # not a multi-event report by the strict reading
        assert clusterer.stories["s1"].mixed == int(guard)
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 2 - joins


def test_the_join_guard_lets_a_core_holding_a_multi_event_report_take_a_side() -> None:
    clusterer = clusterer_of(ALWAYS, LOOSE_READER, join_guard=True)
    ids = built(clusterer, [[(FLOOD[0], 0), (MARKET, 1)], [(TOLL, 20)]])
    assert clusterer.stories["s0"].mixed == 1
    assert clusterer.join_complete(final=True) == 1
    assert story_count(clusterer, ids) == 1


def test_the_join_guard_leaves_stories_without_one_to_the_model() -> None:
    clusterer = clusterer_of(ALWAYS, LOOSE_READER, join_guard=True)
    ids = built(clusterer, [[(FLOOD[0], 0), (FLOOD[1], 1)], [(TOLL, 20)]])
    assert clusterer.join_complete(final=True) == 1
    assert story_count(clusterer, ids) == 1


def test_the_packaged_reader_loads_and_reads_a_report() -> None:
    model = default_multi_model()
    assert model.features == MULTI_FEATURES
    assert len(reader_features(*MARKET[1:])) == len(MULTI_FEATURES)
    assert multi_report(model, *MARKET[1:]) in (True, False)


def test_the_guard_reads_a_report_from_what_grouping_analyses() -> None:
    # join109: the reader's features come from ``_analyse`` (its normalised lines, each paragraph's terms and names),
    # not from a second reading of the body (bullets and datelines from the raw lines' leads).
    clusterer = StoryClusterer(ClusterConfig())
    clusterer.read_multi = True
    body = "\n".join(["1、美国总统大选计票持续，宾夕法尼亚州的结果仍未公布，双方阵营都表示有信心。",
                      "● （记者 张三 北京报道）中国人民银行宣布下调存款准备金率，市场反应平稳。",
                      "3、日本东京股市收盘上涨百分之二，投资者关注美国大选的结果和疫情走势。"])
    clusterer._analyse("早安世界", body)
    features = dict(zip(MULTI_FEATURES, clusterer.multi_features, strict=True))
    assert features["bullet_share"] == 1.0
    assert features["dateline_share"] > 0
    assert features["percents"] > 0
    assert len(clusterer.multi_features) == len(reader_features("早安世界", body))


# Session 64 (join112): the shipped setting. A later report of the flood told in few of the core's words: the packaged
# join model reads the pair between .81 and .85 (joined at .81, not at session 63's .85).
LATE = ("法广", "郑州地铁全线恢复运营时间未定",
        "郑州地铁公司说，暴雨过后全线恢复运营的时间尚未确定，五号线隧道仍在排水，乘客已全部撤离。")
# A report of the flood with a market report after it, each paragraph under its own dateline: its title is the
# flood's alone (grouping does not close its story), the packaged reader of multi-event reports calls it one.
DATELINES = ("路透", "郑州特大暴雨致地铁五号线停运",
             "（路透郑州21日电）河南郑州特大暴雨致地铁五号线停运，数百名乘客被困车厢，消防人员连夜救援。\n"
             "（路透东京21日电）日本东京股市周三收盘下跌，投资者担忧疫情反弹拖累经济复苏。")


def test_the_packaged_join_model_joins_at_81() -> None:
    model = default_join_model()
    assert model.threshold == 0.81
    stories = [[(item, i) for i, item in enumerate(FLOOD)], [(LATE, 15)]]
    least = ClusterConfig().join_least
    read = clusterer_of(model, join_least=least, complete_probability=0.0)
    built(read, stories)
    [(probability, _, _)] = read.join_pairs(final=True)
    assert 0.81 <= probability < 0.85
    clusterer = clusterer_of(model, join_least=least)
    ids = built(clusterer, stories)
    assert clusterer.join_complete(final=True) == 1
    assert story_count(clusterer, ids) == 1


def test_by_default_the_guard_keeps_a_side_the_packaged_reader_calls_multi_event_out() -> None:
    assert ClusterConfig().join_guard
    stories = [[(item, i) for i, item in enumerate(FLOOD)], [(DATELINES, 10)]]
    for settings, joins in (({}, 0), ({"join_guard": False}, 1)):
        clusterer = clusterer_of(ALWAYS, **settings)
        ids = built(clusterer, stories)
        side = clusterer.stories[ids[-1]]
        assert not side.closed and side.mixed == 1 - joins
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 2 - joins
