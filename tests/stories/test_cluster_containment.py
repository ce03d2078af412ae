"""The containment copy test (``ClusterConfig.duplicate_containment``): a repost with a header or commentary of its
own, or an excerpt, holds most of the original's text though its Jaccard to it is below ``duplicate_jaccard``."""

from __future__ import annotations

import zlib
from datetime import timedelta

import numpy as np

from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from newsmirror.text.fingerprint import containment, jaccard, key_fingerprint, shingles
from tests.stories.fixtures import DAY, FLOOD, TRADE_HANS

ON = ClusterConfig(duplicate_containment=0.8, containment_in_story=False, containment_as_member=False)  # copy110's test
OFF = ClusterConfig(duplicate_containment=None)

# A fictional report long enough to be cut, and another outlet's repost of it under a commentary of its own.
WOOL = Document(
    "wool", "甲报", DAY, TRADE_HANS.title,
    TRADE_HANS.body_text + "\n\n"
    "联合工作组将由两国农业部门的官员组成，首次会议定于下月在惠灵顿举行。"
    "工作组的任务包括统一羊毛检疫标准，并研究简化通关手续。\n\n"
    "新西兰羊毛协会主席麦克莱恩说，取消关税后，每年可为牧场主节省约三千万纽元。"
    "澳大利亚纺织业则担心进口羊毛增加会压低本地收购价格。\n\n"
    "两国贸易部长将在九月的部长级会议上审议协定文本，协定须经两国议会批准后生效。\n\n"
    "分析人士指出，澳新两国互为重要贸易伙伴，去年双边贸易额超过两百亿澳元，羊毛、乳制品和葡萄酒是其中的大宗商品。\n\n"
    "希普金斯此行还将会见澳大利亚工商界人士，并于周四前往堪培拉参加两国年度领导人会议。",
)
COMMENTARY = (
    "编者按：本台转载甲报的报道如下，供读者参考。两国的羊毛生意向来是农业界关注的焦点，"
    "过去十年间关税几度调整，牧场主与纺织厂之间的争论从未停止，这次的会谈能否带来改变，各方看法不一。"
    "有学者认为，取消关税只是第一步，真正的难题在于检疫标准和运输成本；也有牧场主担心，协定签署后，"
    "大型贸易商会压低收购价，小牧场的处境未必好转。本台记者走访了南岛的几家牧场，牧场主们普遍表示欢迎，"
    "但希望政府说明补贴是否继续发放。纺织厂方面则希望协定给予过渡期，让本地工厂有时间调整采购计划。"
    "以下是甲报报道的全文，标题和段落未作改动。\n\n"
)
REPOST = Document("repost", "丁台", DAY + timedelta(hours=3), "转载：" + TRADE_HANS.title, COMMENTARY + WOOL.text)
EXCERPT = Document("excerpt", "戊网", DAY + timedelta(hours=5), TRADE_HANS.title,
                   "\n\n".join(WOOL.text.split("\n\n")[:4]))  # its first half: a lede and more (copy113's floor)


def _key_shingles(doc: Document) -> set[str]:
    return shingles(doc.title + " " + doc.text)


def _roles(docs: list[Document], config: ClusterConfig | None = None) -> dict[str, tuple[str, str, str | None]]:
    clusterer = StoryClusterer(config)
    return {d.id: (a.story_id, a.role, a.duplicate_of) for d in docs for a in [clusterer.add(d)]}


def test_the_constructed_copies_fall_below_the_jaccard_test_but_lie_in_the_original() -> None:
    for copy in (REPOST, EXCERPT):
        assert jaccard(_key_shingles(copy), _key_shingles(WOOL)) < 0.6

    def crcs(doc: Document) -> np.ndarray:
        return np.unique(np.array([zlib.crc32(s.encode()) for s in _key_shingles(doc)], dtype=np.uint32))

    assert containment(crcs(REPOST), crcs(WOOL)) > 0.9 and containment(crcs(EXCERPT), crcs(WOOL)) > 0.9


def test_a_repost_under_a_commentary_of_its_own_is_a_copy_of_the_original() -> None:
    off = _roles([WOOL, REPOST], OFF)
    assert off["repost"][1:] == ("member", None)  # the Jaccard test alone misses it
    on = _roles([WOOL, REPOST], ON)
    assert on["repost"] == (on["wool"][0], "duplicate", "wool")


def test_an_excerpt_crawled_first_is_the_copy_of_the_earlier_published_full_report() -> None:
    clusterer = StoryClusterer(ON)
    first = clusterer.add(EXCERPT)  # crawled first, published five hours after the full report
    assert first.role == "member"
    full = clusterer.add(WOOL)
    assert (full.role, full.duplicate_of, full.story_id) == ("member", None, first.story_id)
    changed = {c.article_id: (c.role, c.duplicate_of) for c in clusterer.drain_changes()}
    assert changed == {"excerpt": ("duplicate", "wool")}


def test_a_multi_event_report_holding_the_report_whole_is_not_its_copy() -> None:
    others = ("国际奥委会周二宣布，下届冬奥会的火炬传递将于十月从希腊出发，途经二十个国家，历时一百天，约一万名火炬手参加。\n\n"
              "日本央行周二结束议息会议，宣布维持利率不变，行长表示将继续观察物价和工资走势，必要时再考虑调整货币政策。")
    digest = Document("digest", "己台", DAY + timedelta(hours=6), "今日要闻 3月5日",
                      WOOL.text + "\n\n" + FLOOD.body_text + "\n\n" + others)  # three other events: no Jaccard copy
    result = _roles([WOOL, digest], ON)
    assert result["digest"][1:] == ("member", None) and result["digest"][0] != result["wool"][0]


def test_an_outlets_longer_version_of_its_own_report_is_not_a_copy_of_it() -> None:
    update = Document("update", WOOL.outlet, DAY + timedelta(hours=2), WOOL.title, WOOL.text + "\n\n" + COMMENTARY)
    flash = Document("flash", WOOL.outlet, DAY, WOOL.title, WOOL.text.split("\n\n")[0])
    assert _roles([flash, update], ON)["update"][1:] == ("member", None)


def test_on_by_default_with_the_in_story_candidates_the_copy_fed_as_a_member_and_the_floor() -> None:
    config = ClusterConfig()
    assert (config.duplicate_containment, config.containment_in_story, config.containment_as_member,
            config.containment_min_body) == (0.8, True, True, 100)
    assert _roles([WOOL, EXCERPT])["excerpt"][1:] == ("duplicate", "wool")
    assert _roles([WOOL, EXCERPT], OFF)["excerpt"][1:] == ("member", None)


def test_a_containment_copy_among_the_first_reports_feeds_the_story_core_when_asked() -> None:
    # Mend (a), session 64: a repost taken as a copy no longer fed its story's core (the first ``core_size``
    # reports), so an event whose first reports were a report and its repost found fewer later reports.
    fed = StoryClusterer(ClusterConfig(duplicate_containment=0.8, containment_core=True, containment_in_story=False, containment_as_member=False))
    plain = StoryClusterer(ON)
    for clusterer in (fed, plain):
        original = clusterer.add(WOOL)
        assert clusterer.add(REPOST).role == "duplicate"
        assert clusterer.stories[original.story_id].core == (2 if clusterer is fed else 1)
    # The repost's own words (its commentary) are in the fed core's centroid, not in the plain one's.
    story_of = {c: c.resolve(c._assignments["wool"].story_id) for c in (fed, plain)}
    assert len(fed.stories[story_of[fed]].centroid) > len(plain.stories[story_of[plain]].centroid)


def test_a_copy_by_jaccard_still_does_not_feed_the_core() -> None:
    clusterer = StoryClusterer(ClusterConfig(duplicate_containment=0.8, containment_core=True, containment_in_story=False, containment_as_member=False))
    original = clusterer.add(WOOL)
    same = Document("same", "丁台", DAY + timedelta(hours=1), WOOL.title, WOOL.text)
    assert clusterer.add(same).role == "duplicate"
    assert clusterer.stories[original.story_id].core == 1


def test_the_smaller_copy_rule_keeps_excerpts_and_leaves_a_repost_under_its_own_commentary() -> None:
    # Mend (c): only the later-published text being the smaller set is a containment copy (an excerpt, a cut).
    smaller = ClusterConfig(duplicate_containment=0.8, containment_smaller_copy=True, containment_in_story=False, containment_as_member=False)
    assert _roles([WOOL, EXCERPT], smaller)["excerpt"][1:] == ("duplicate", "wool")
    assert _roles([WOOL, REPOST], smaller)["repost"][1:] == ("member", None)
    # Crawled out of order, the excerpt is still the copy: it is the later-published and the smaller.
    clusterer = StoryClusterer(smaller)
    clusterer.add(EXCERPT)
    clusterer.add(WOOL)
    assert {c.article_id: (c.role, c.duplicate_of) for c in clusterer.drain_changes()} == {
        "excerpt": ("duplicate", "wool")}


def test_in_story_candidates_take_a_copy_of_a_report_of_the_story_it_joins_without_a_second_index() -> None:
    # Mend (b): no second LSH; the copy is sought among the members of the story the pair model gives the report.
    config = ClusterConfig(duplicate_containment=0.8, containment_in_story=True, containment_as_member=False)
    clusterer = StoryClusterer(config)
    assert clusterer._loose is None
    wool = clusterer.add(WOOL)
    repost = clusterer.add(REPOST)
    assert (repost.story_id, repost.role, repost.duplicate_of) == (wool.story_id, "duplicate", "wool")
    off = _roles([WOOL, REPOST], OFF)
    assert off["repost"] == (off["wool"][0], "member", None)  # the same story, as an own report, without the test
    assert _roles([WOOL, EXCERPT], config)["excerpt"][1:] == ("duplicate", "wool")


def test_a_containment_copy_fed_as_a_member_feeds_the_lede_past_the_core_too() -> None:
    # containment_as_member: the copy's role alone differs from a member's; past the core it still feeds the lede.
    small_core = dict(duplicate_containment=0.8, containment_in_story=True, core_size=1)
    fed = StoryClusterer(ClusterConfig(**small_core, containment_as_member=True))  # type: ignore[arg-type]
    plain = StoryClusterer(ClusterConfig(**small_core, containment_core=True, containment_as_member=False))  # type: ignore[arg-type]
    for clusterer in (fed, plain):
        wool = clusterer.add(WOOL)
        assert clusterer.add(REPOST).role == "duplicate"
        story = clusterer.stories[clusterer.resolve(wool.story_id)]
        assert story.core == 1
        assert story.ledes == (2 if clusterer is fed else 1)


# Session 65 (copy113): the floor. Two outlets' own short rewrites of one visit under one title (as the suite's
# 外长访问堪培拉 reports): the smaller whole key lies .8 in the larger, the title's shingles most of it, yet neither
# copied the other.
VISIT = Document("visit", "甲报", DAY, "外长访问堪培拉",
                 "新西兰外长彼得斯周一在堪培拉会见了澳大利亚副总理马尔斯和贸易部长法瑞尔。\n\n双方讨论了安全合作与贸易。")
VISIT_REWRITE = Document("visit-rewrite", "乙社", DAY + timedelta(hours=1), "外长访问堪培拉",
                         "紐西蘭外長彼得斯週一在坎培拉會見了澳洲兩名部長。\n\n雙方討論了安全合作與貿易。")
# A real repost: another outlet's long report, whole, under that outlet's own title and header (an introduction of
# its own, long enough that the Jaccard test misses it).
REPOST_HEADED = Document(
    "repost-headed", "庚网", DAY + timedelta(hours=4), "澳新取消羊毛关税 成立联合工作组",
    "（庚网综合报道）澳大利亚和新西兰是南太平洋地区关系最密切的两个邻国，两国早在上世纪八十年代就签署了更紧密经济关系协定，"
    "货物贸易大多已经免税，羊毛却一直留有关税，牧场主和纺织厂为此争论多年。两国政府去年曾表示愿意重新谈判，"
    "但疫情打乱了会谈日程。本周的会谈是两国总理今年的第一次面对面会晤，外界普遍关注能否在羊毛问题上取得突破。"
    "本网转载甲报当日的报道全文如下，供读者参考。\n\n" + WOOL.text,
)


def test_two_outlets_short_rewrites_under_one_title_are_not_copies_though_the_whole_key_lies_in_the_other() -> None:
    whole = ClusterConfig(duplicate_containment=0.8, containment_min_body=None)  # copy112's test: no floor
    assert _roles([VISIT, VISIT_REWRITE], whole)["visit-rewrite"][1:] == ("duplicate", "visit")
    for config in (ClusterConfig(duplicate_containment=0.8), ClusterConfig(duplicate_containment=0.8,
                                                                           containment_min_body=0)):
        roles = _roles([VISIT, VISIT_REWRITE], config)  # the body beyond the title, with the floor or without it
        assert roles["visit-rewrite"][1:] == ("member", None) and roles["visit-rewrite"][0] == roles["visit"][0]


def test_a_long_report_reposted_whole_under_another_outlets_header_and_title_is_a_copy() -> None:
    assert _roles([WOOL, REPOST_HEADED], OFF)["repost-headed"][1:] == ("member", None)  # the Jaccard test misses it
    roles = _roles([WOOL, REPOST_HEADED], ClusterConfig(duplicate_containment=0.8))
    assert roles["repost-headed"] == (roles["wool"][0], "duplicate", "wool")


def test_a_text_below_the_floor_is_no_containment_copy_even_when_it_lies_whole_in_the_other() -> None:
    flash = Document("flash", "辛台", DAY + timedelta(hours=2), WOOL.title, WOOL.text.split("\n\n")[0])
    config = ClusterConfig(duplicate_containment=0.8)
    assert _roles([WOOL, flash], config)["flash"][1:] == ("member", None)
    assert _roles([WOOL, flash], ClusterConfig(duplicate_containment=0.8, containment_min_body=0))["flash"][1:] == (
        "duplicate", "wool")


def test_the_body_shingles_leave_out_the_titles_windows_and_a_repeated_title() -> None:
    title, body = "外长访问堪培拉", "外长访问堪培拉彼得斯周一抵达"  # a body opening with its title

    def crcs(text: str) -> set[int]:
        return {zlib.crc32(s.encode()) for s in shingles(text, normalized=True)}

    signature, beyond = key_fingerprint(title + body, head=len(title))
    assert set(beyond.tolist()) == crcs(body) - crcs(title)  # no window across the join, none of the title's
    assert signature == key_fingerprint(title + body)[0] and list(beyond) == sorted(beyond)
