from __future__ import annotations

import pytest

from newsmirror.stories.genre import multi_event_title
from newsmirror.text.normalize import normalize


@pytest.mark.parametrize("title", [
    "简报：法国延长封锁；日本股市收涨",
    "2020-08-04 新闻联播 文字版",
    "美股收低 投资人观望",
    "武漢肺炎全球最新情報 8/4",
    "【一周回顾】本周要闻",
    "直播：美国大选开票",
    "法国报纸摘要",
    "港口罢工、央行加息、新总理就职和本周更多重要故事",  # a weekly digest titled by its contents
    "港口罢工、央行加息及更多本周精彩故事",
])
def test_digest_genre_titles_are_recognised(title: str) -> None:
    assert multi_event_title(title)
    assert multi_event_title(normalize(title), normalized=True)


@pytest.mark.parametrize("title", [
    "综述：欧盟称贸易磋商处于关键阶段",  # one event's synthesis
    "习近平回顾特区成立史",
    "新手机成为热门话题 但市场反响喜忧参半",
    "158款直播平台被处置",
    "大数据面前 从此经过一览无余",
    "中国不会接受美国盗窃 有能力做出回应--中国日报",
    "特殊地位遭废近一周年 士兵加强巡逻",
    "人权理事会改选 - 要闻解说",
    "美国威胁关闭更多领事馆",  # "more" of one event's measure
    "外长：将争取更多支持和更多新闻自由保障",
])
def test_one_event_titles_using_a_genre_word_otherwise_are_not(title: str) -> None:
    assert not multi_event_title(title)
    assert not multi_event_title(normalize(title), normalized=True)
