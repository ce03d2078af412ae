"""Titles of reports about several events, as grouping reads them.

``stories.digest.DIGEST_TITLE`` names the genre words; read as bare substrings, some of them
are also ordinary words of a one-event report, and such a report then stays a story of its
own (nothing can join it). This stricter reading keeps the genre names and drops those uses:

* 综述 ("wrap-up") heads a news agency's synthesis of *one* event (路透's 综述：...);
* 回顾 is a digest only as a review of a period (一周回顾, 年度回顾), not in 习近平回顾深圳特区成立史;
* 市场 is any market (市场反响, 市场业务), unlike the market-report words (收盘, 股市, 金价 ...);
* 直播 is a live page only as a label (直播：, 【直播】, 实时直播), not 直播平台 or 直播泰王生日;
* 一览无余 is an idiom, not a list; 要闻解说 / 要闻分析 is one outlet's explainer of one subject;
* 今日 / 每日 / 本周 are as often in a one-event title (今日宣布) as in a digest's name; 日报 and
  联合早报 are newspapers credited in titles (--中国日报), 一周年 an anniversary.
"""

from __future__ import annotations

import re

from newsmirror.text.normalize import normalize

# Normalized (Simplified, lower case, punctuation as spaces).
MULTI_EVENT_TITLE = re.compile(
    "(?<!联合)早报|晚报|简报|周报|快讯|摘要|汇总|速览|精选|盘点|新闻联播|文字版|最新情报|最新消息|报纸摘要|媒体观察|看时事|"
    "一周(?!年)|(?:年度|每周|本周|一周)回顾|要闻(?!解说|分析)|一览(?!无)|实时|(?:^| )直播(?: |$)|"
    "收盘|盘前|盘中|早盘|午盘|尾盘|开盘|汇市|股市|美股|港股|a股|欧股|亚股|日股|台股|金价|油价|期货|债市|中间价"
)


def multi_event_title(title: str, *, normalized: bool = False) -> bool:
    """Whether a title names the genre of a report about several events (briefing, market wrap-up,
    live page, press review, weekly list). ``normalized``: the title is already ``normalize``d."""
    return bool(MULTI_EVENT_TITLE.search(title if normalized else normalize(title)))
