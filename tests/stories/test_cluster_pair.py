"""The pair model (``stories.pairscore``) and its topic guard, on small reports written for these
tests (not taken from any labelled day): four events of one day that all name Australia, and
reports that share either the day's topic or one event's own words with them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from bench.days_pair_fit import fit

from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from newsmirror.stories.pairscore import FEATURES, PairModel, PairModelError, load_pair_model

START = datetime(2021, 3, 1, 6, tzinfo=UTC)

# One day, four events, one topic word (澳大利亚) in every report's title and lead.
DAY = [
    ("wine", "新华网", "澳大利亚葡萄酒遭中国加征反倾销关税",
     "中国商务部周五宣布，对原产于澳大利亚的进口葡萄酒征收反倾销保证金，税率最高超过两百个百分点。"
     "商务部称，调查认定进口葡萄酒存在倾销，国内葡萄酒产业受到实质损害，保证金自周六起征收。"
     "葡萄酒出口商协会表示震惊，称对华出口的红酒货柜已经滞留港口，酒庄担心订单被取消。"
     "贸易部长伯明翰说，政府将考虑向世界贸易组织申诉，反倾销调查缺乏依据。"),
    ("image", "路透", "澳大利亚总理莫里森要求中方就推文道歉",
     "澳大利亚总理莫里森要求北京就外交部发言人赵立坚在推特发布的合成图片道歉，称图片令人反感。"
     "赵立坚的推文图片显示一名士兵手持刀具抵住一名儿童，配文提及阿富汗战争罪调查报告。"
     "莫里森在记者会上说，推特应当立即删除这张伪造图片，外交部发言人华春莹随后拒绝道歉。"
     "新西兰和法国官员也批评这条推文，社交媒体平台称正在审查图片。"),
    ("gdp", "中央社", "澳大利亚第三季度经济增长百分之三点三",
     "澳大利亚统计局周三公布，第三季度国内生产总值环比增长百分之三点三，走出疫情引发的衰退。"
     "统计局说，家庭消费回升推动了增长，零售和餐饮支出大幅反弹，维多利亚州解除封锁也有帮助。"
     "经济学家此前预期增长百分之二点五，财政部长弗莱登伯格说失业率仍然偏高。"
     "储备银行本月维持零点一厘的利率不变，并称将继续购买国债支持复苏。"),
    ("defence", "德国之声", "澳大利亚与日本签署互惠准入防务协定",
     "澳大利亚总理与日本首相菅义伟在东京会谈，双方原则上同意互惠准入协定，允许两国军队在对方领土训练。"
     "菅义伟说，这项防务协定将加强两国在印太地区的安全合作，谈判已经持续六年。"
     "分析人士认为，东京和堪培拉希望借此应对南海和东海局势，自卫队将参加联合演习。"
     "协定仍需两国议会批准，日方表示希望明年生效。"),
]
# Shares the wine event's own words: joins it.
WINE_FOLLOW_UP = ("wine", "法广", "中国对澳大利亚葡萄酒征收反倾销保证金 出口商担忧",
                  "中国商务部对澳大利亚葡萄酒征收高额反倾销保证金后，出口商担忧失去最大市场。"
                  "葡萄酒出口商协会说，反倾销保证金让对华出口几乎停止，滞留港口的红酒货柜无法清关。"
                  "贸易部长伯明翰表示将向世界贸易组织申诉，酒庄正在寻找其他市场。")
# Shares only the day's topic (and common words) with the stories: a story of its own.
CRICKET = ("cricket", "美国之音", "澳大利亚板球队击败印度队",
           "澳大利亚板球队周二在悉尼板球场以五十一分击败印度队，赢得三场系列赛。"
           "板球队队长说，球员在炎热天气下表现出色，快速投手连续拿下三个三柱门。"
           "印度队将在下一场比赛中寻求扳回一城，比赛门票已经售罄，观众人数受到防疫限制。")


def document(index: int, item: tuple[str, str, str, str]) -> Document:
    _, outlet, title, text = item
    return Document(f"a{index}", outlet, START + timedelta(hours=index), title, text)


def day_of_four_stories(config: ClusterConfig | None = None) -> StoryClusterer:
    """A grouping state with the four events loaded as four stories (not decided), merging as
    the clusterer does when a story's core changes."""
    clusterer = StoryClusterer(config)
    for i, item in enumerate(DAY):
        clusterer.restore(document(i, item), "story-" + item[0])
    return clusterer


def test_a_report_sharing_an_events_own_words_joins_it_and_one_sharing_only_the_topic_does_not() -> None:
    clusterer = day_of_four_stories()
    assert clusterer.add(document(10, WINE_FOLLOW_UP)).story_id == "story-wine"
    assert clusterer.add(document(11, CRICKET)).new_story


def test_stories_sharing_only_the_topic_are_not_merged() -> None:
    assert len(day_of_four_stories().stories) == 4
    # The plain cosine merge (hand settings) glues them: 澳大利亚 and its search-mode parts
    # (澳大利, 利亚, 大利) are the heaviest terms of every one of these reports.
    assert len(day_of_four_stories(ClusterConfig.hand_settings()).stories) < 4


def test_terms_many_stories_use_count_as_topic_and_a_single_storys_terms_as_event() -> None:
    clusterer = day_of_four_stories()
    wine = clusterer.stories["story-wine"]

    def split(item: tuple[str, str, str, str]) -> tuple[float, float]:
        doc = document(10, item)
        vector = clusterer.vector(doc.title, doc.text)
        values = dict(zip(FEATURES, clusterer.pair_features(vector, [], [], doc.time, {doc.outlet}, wine), strict=True))
        assert values["event"] + values["topic"] == pytest.approx(values["cosine"])
        return values["event"], values["topic"]

    event, topic = split(WINE_FOLLOW_UP)
    assert event > topic > 0  # 澳大利亚 is in all four stories; 葡萄酒, 反倾销 only in this one
    event, topic = split(CRICKET)
    assert topic > 2 * event  # what it shares with the wine story is the topic


def test_the_fitted_model_weighs_event_evidence_above_the_days_topic() -> None:
    model = load_pair_model()
    base = dict.fromkeys(FEATURES, 0.0)
    as_event = {**base, "cosine": 0.3, "event": 0.3, "topic": 0.0}
    as_topic = {**base, "cosine": 0.3, "event": 0.0, "topic": 0.3}
    assert model.probability(tuple(as_event.values())) > model.probability(tuple(as_topic.values()))
    assert 0.0 < model.threshold < 1.0


def test_the_model_file_round_trips_and_a_missing_weight_is_a_clear_error(tmp_path: Path) -> None:
    model = load_pair_model()
    path = tmp_path / "model.toml"
    path.write_text(model.to_toml("fitted for a test"), encoding="utf-8")
    assert load_pair_model(path) == model
    path.write_text("threshold = 0.5\nbias = 0.0\n[weights]\ncosine = 1.0\n", encoding="utf-8")
    with pytest.raises(PairModelError, match="days_pair_fit"):
        load_pair_model(path)
    with pytest.raises(PairModelError, match="cannot read"):
        load_pair_model(tmp_path / "absent.toml")


def test_hand_settings_group_without_the_model() -> None:
    assert StoryClusterer(ClusterConfig.hand_settings()).model is None
    assert StoryClusterer().model is not None
    # A model that never joins: every report starts its own story.
    never = PairModel(tuple(0.0 for _ in FEATURES), -50.0, 0.5)
    clusterer = StoryClusterer(ClusterConfig(), model=never)
    assert all(clusterer.add(document(i, item)).new_story for i, item in enumerate([*DAY, WINE_FOLLOW_UP]))


def test_fit_recovers_a_known_logistic_rule() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(4000, 3))
    truth = np.array([2.0, -1.0, 0.0])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(x @ truth - 0.5)))).astype(float)
    weights, bias = fit(x, y, l2=0.1)
    assert weights == pytest.approx(truth, abs=0.2)
    assert bias == pytest.approx(-0.5, abs=0.2)


# A later angle of the wine event, in words closer to the follow-up than to the first report.
WINE_EXPORTERS = ("wine", "德国之声", "葡萄酒出口商寻找新市场 滞留港口的红酒货柜无法清关",
                  "反倾销保证金生效后，葡萄酒出口商协会说对华出口几乎停止，滞留港口的红酒货柜仍然无法清关。"
                  "多家酒庄表示正在寻找其他市场，出口商担忧失去最大市场，部分酒庄考虑裁员。")


def test_the_members_features_read_every_kept_member_not_only_the_core() -> None:
    def agreement(config: ClusterConfig) -> tuple[float, float, list[float]]:
        clusterer = day_of_four_stories(config)
        clusterer.restore(document(5, WINE_FOLLOW_UP), "story-wine")
        wine = clusterer.stories["story-wine"]
        doc = document(10, WINE_EXPORTERS)
        vector = clusterer.vector(doc.title, doc.text)
        values = dict(zip(FEATURES, clusterer.pair_features(vector, [], [], doc.time, {doc.outlet}, wine), strict=True))
        cosines = [sum(w * member.get(t, 0.0) for t, w in vector.items()) for member in wine.member_vectors]
        return values["members"], values["agreeing"], cosines

    members, agreeing, cosines = agreement(ClusterConfig())
    assert len(cosines) == 2  # the first report and the follow-up, each read apart
    assert members == pytest.approx(sum(cosines) / 2)
    assert min(cosines) >= 0.2 and agreeing == pytest.approx(np.log(3))  # both agree
    assert agreement(ClusterConfig(agree_cosine=0.99))[1] == 0.0
    # Only the latest ``member_vectors`` members are kept (bounded state): here the follow-up.
    members, agreeing, cosines = agreement(ClusterConfig(member_vectors=1))
    assert len(cosines) == 1 and members == pytest.approx(cosines[0])
    assert members > agreement(ClusterConfig())[2][0]  # the exporters' report is closer to the follow-up


def test_the_model_header_says_when_the_threshold_was_chosen_among_few_values() -> None:
    from bench.days_pair_fit import THRESHOLDS, threshold_note

    assert threshold_note(THRESHOLDS) == "Threshold chosen leave-one-day-out on the same days."
    assert threshold_note((0.7,)).endswith("among 0.7 only (--threshold).")
    assert "0.65, 0.7" in threshold_note((0.7, 0.65))
