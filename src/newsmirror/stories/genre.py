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

A digest may also be titled by what it holds: a list of subjects closed by "and more (top) stories"
(A、B、C和本周更多重要故事); 更多 alone is any "more" (关闭更多领事馆), so only that closing formula counts.

Most shows and newsletters have no genre word in their titles: a daily TV show or a morning
newsletter is titled by its lead item under its own name, 【NAME】lead or NAME》lead. What marks
them is the rhythm, not the name: an outlet files one such report a day, on most days
(``DailyProgrammes``), while a column of ordinary reports (【独家】, 【图集】, a topic tag) comes
several times on some days and not on others. A speaker's quote (王毅：...) is not read as a label.

A series (an outlet's daily case count, a daily fixing estimate) is told the same way: one outlet's
titles follow one template whose number changes (香港新增#例確診), day after day
(``DailySeries``). Two items of a series of different days are different events (GUIDE rule 7).

A show or bulletin under a label that is not once a day (several clips a day, a colon label) looks like a
commentary column about one event; its body tells it (``ColumnLabels``, ``leaves_title``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from newsmirror.text.fold import quick_normalize, quick_normalize_lines
from newsmirror.text.invisible import drop_invisible
from newsmirror.text.normalize import normalize
from newsmirror.text.tokenize import is_term, proper_nouns, search_tokens

# Normalized (Simplified, lower case, punctuation as spaces).
MULTI_EVENT_TITLE = re.compile(
    "(?<!联合)早报|晚报|简报|周报|快讯|摘要|汇总|速览|精选|盘点|新闻联播|文字版|最新情报|最新消息|报纸摘要|媒体观察|看时事|"
    "一周(?!年)|(?:年度|每周|本周|一周)回顾|要闻(?!解说|分析)|一览(?!无)|实时|(?:^| )直播(?: |$)|"
    "(?:和|与|及|等)(?:本周)?更多[^ ]{0,4}(?:故事|新闻) *$|"
    "收盘|盘前|盘中|早盘|午盘|尾盘|开盘|汇市|股市|美股|港股|a股|欧股|亚股|日股|台股|金价|油价|期货|债市|中间价"
)


def multi_event_title(title: str, *, normalized: bool = False) -> bool:
    """Whether a title names the genre of a report about several events (briefing, market wrap-up,
    live page, press review, weekly list). ``normalized``: the title is already ``normalize``d."""
    return bool(MULTI_EVENT_TITLE.search(title if normalized else normalize(title)))


# A column label at the start of a title: 【NAME】... or NAME》... (a programme's or newsletter's name).
_LABEL = re.compile(r"^\s*(?:【([^】]{1,10})】|([^\s《》【】：:]{2,8})》)")
# A daily programme: its label on this many different days of the last PROGRAMME_LOOKBACK (a weekend or
# a holiday off allowed; grouping restores two windows back, 6 days) ...
PROGRAMME_LOOKBACK = 6
PROGRAMME_DAYS = 4
PROGRAMME_PER_DAY = 4 / 3  # ... at most this many reports a day on average (one a day, a repeat allowed)


class RecentDays:
    """Per key (an outlet and its label or template), how many reports fell on each day of the last
    ``lookback`` days. Days older than the look-back of the newest day seen are forgotten when that day
    advances, so the state is bounded by the keys in use. Shared by the programme, series and column
    recognisers, which differ only in what they key on and what they ask of the days."""

    def __init__(self, lookback: int) -> None:
        self.lookback = lookback
        self._counts: dict[tuple[str, str], Counter[date]] = {}
        self._today: date | None = None

    def oldest(self, day: date) -> date:
        """The first day of the look-back ending on ``day``."""
        return day - timedelta(days=self.lookback - 1)

    def add(self, key: tuple[str, str], day: date) -> Counter[date]:
        """Count a report of ``key`` on ``day``; the key's counts per day (forgotten days left out)."""
        if self._today is None or day > self._today:
            self._today = day
            oldest = self.oldest(day)
            for seen in list(self._counts):
                counts = self._counts[seen]
                for old in [d for d in counts if d < oldest]:
                    del counts[old]
                if not counts:
                    del self._counts[seen]
        counts = self._counts.setdefault(key, Counter())
        counts[day] += 1
        return counts

    def days(self, key: tuple[str, str]) -> Counter[date]:
        """The key's counts per day still remembered (empty if none)."""
        return self._counts.get(key, Counter())


# A date or issue number inside a label (Epoch's 【疫情更新12·30】, 【疫情1·19】) makes the same programme's label
# new every day, so it is read without them when two or more Han characters remain (G7 and 【12·30】 stay as written).
_LABEL_NUMBER = re.compile(r"[0-9０-９]+(?:[·.．/\-－月日号年期][0-9０-９]*)*[日号期]?")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _label_key(label: str) -> str | None:
    label = drop_invisible(label).strip()
    without = _LABEL_NUMBER.sub("", label).strip()
    return (without if without != label and len(_HAN.findall(without)) >= 2 else label) or None


def column_label(title: str) -> str | None:
    """The column label a title starts with (【NAME】 or NAME》), or None; its dates and numbers left out."""
    match = _LABEL.match(title)
    if match is None:
        return None
    return _label_key(match.group(1) or match.group(2))


# A column or source label at a title's start: 【NAME】, [NAME], NAME》 or NAME｜ (a WeChat account's 二湘的九维空间 |,
# 德国之声｜); not NAME： (a speaker's quote, 王毅：..., or a topic, 新冠疫苗：..., heads a good title).
_OPENING_LABEL = re.compile(r"^\s*(?:【[^】]{1,10}】|\[[^\]]{1,10}\]|[^\s《》【】：:｜|丨\[\]]{2,8}\s*(?:》|[｜|丨]))")


def opens_with_label(title: str) -> bool:
    """Whether a title opens with a column, programme or source label (``column_label``'s 【NAME】 and NAME》,
    [NAME], NAME｜): a poor title for a story of several reports (Epoch's "【重播】FBI：逮捕5人 ..." headed the
    home page of 2020-10-28, a video replay's title, where other outlets' reports had plain titles)."""
    return bool(_OPENING_LABEL.match(drop_invisible(title)))


# A colon label at a title's start: NAME： or NAME: (NAME of 2-8 characters, no other label's brackets or bars).
_COLON_LABEL = re.compile(r"^\s*([^\s《》【】：:｜|丨\[\]]{2,8})\s*[：:]")


def opens_with_unnamed_label(title: str) -> bool:
    """Whether a title opens with a colon label that names no one and nothing (no person, place, organisation or
    other proper noun by jieba's tagger and the alias table's names, ``tokenize.proper_nouns``): a genre or a source
    (Reuters' 独家： "exclusive", 焦点：, 分析：, 港媒：, 消息人士：), what kind of report it is or who told it, not what
    it is about. A poor title for a story of several reports, like ``opens_with_label``'s; a speaker or a named
    subject (王毅：, 中国外交部：, 新冠疫苗：) heads a good one and is left alone."""
    match = _COLON_LABEL.match(drop_invisible(title))
    return match is not None and _names_nothing(match.group(1))


@lru_cache(maxsize=4096)
def _names_nothing(label: str) -> bool:
    return not proper_nouns(label)


# A source credited at a title's end (…目标考虑定于5%--消息人士, …——新华社): no naming of the subject either.
_CREDIT = re.compile(r"\s*(?:-{2,}|—{1,2}|－{2,})\s*[^\s\-—－]{1,10}\s*$")


def label_named_by(title: str, other: str) -> bool:
    """Whether ``other`` names a word of the colon label ``title`` opens with: then the label is the subject both
    titles share (a topic, 港口罢工：… beside 港口罢工进入第三天), not a genre or a source (独家：…), and heads a fair
    story title. Read in ``other`` after a label of its own and before a source credited at its end (路透社独家：…,
    …--消息人士 name no subject). False when ``title`` has no colon label."""
    match = _COLON_LABEL.match(drop_invisible(title))
    if match is None:
        return False
    other = _CREDIT.sub("", drop_invisible(other))
    own = _ANY_LABEL.match(other)  # a label of the other title's own (路透社独家：…) is no naming of the subject
    return bool(_terms(quick_normalize(match.group(1))) & _terms(quick_normalize(other[own.end():] if own else other)))


class DailyProgrammes:
    """Recognises the reports of an outlet's daily programme (a TV show, a newsletter) as they arrive:
    their titles start with one label the outlet used on ``days`` different days of the last
    ``lookback`` (the report's day included), about once a day. State: per (outlet, label), report
    counts of those days only, so it is bounded by the labels in use; the days it needs are restored
    by a grouping run (two windows back), so a run sees the same history as a stream."""

    def __init__(self, lookback: int = PROGRAMME_LOOKBACK, days: int = PROGRAMME_DAYS,
                 per_day: float = PROGRAMME_PER_DAY) -> None:
        self.days = days
        self.per_day = per_day
        self._recent = RecentDays(lookback)

    def add(self, outlet: str, title: str, time: datetime) -> bool:
        """Count the report and say whether it is one of a daily programme."""
        label = column_label(title)
        if label is None:
            return False
        day = time.date()
        oldest = self._recent.oldest(day)
        counts = self._recent.add((outlet, label), day)
        recent = [n for d, n in counts.items() if oldest <= d <= day]
        return len(recent) >= self.days and sum(recent) <= self.per_day * len(recent)


# A title's clauses; the first clause holding a number, the number masked, is its template. Numbers
# glued to Latin letters (Covid-19, F-16) and years are part of a name, not a slot.
_CLAUSES = re.compile(r"[\s，,；;：:？?！!》|｜\[\]【】]+")
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,-])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)*(?![A-Za-z])")
SERIES_LOOKBACK = 6  # days a series template is looked for (grouping restores two windows back) ...
SERIES_DAYS = 3  # ... and on how many different days of them it must have been used


def series_template(title: str) -> str | None:
    """The title's first clause with a number, the numbers masked as #, if the rest is long enough
    (4+ characters) to be a template rather than a bare figure; else None."""
    for clause in _CLAUSES.split(title):
        masked, slots = _NUMBER.subn("#", clause)
        if slots:
            return masked if len(masked) - masked.count("#") >= 4 else None
    return None


class DailySeries:
    """Recognises the items of an outlet's daily series as they arrive: the title's template
    (``series_template``) the outlet used on ``SERIES_DAYS`` different days of the last
    ``SERIES_LOOKBACK`` (the report's day included). State: per (outlet, template), the days seen
    within the look-back."""

    def __init__(self, lookback: int = SERIES_LOOKBACK, days: int = SERIES_DAYS) -> None:
        self.days = days
        self._recent = RecentDays(lookback)

    def add(self, outlet: str, title: str, time: datetime) -> tuple[str, str] | None:
        """Count the report; its key (outlet, template) if its title has a template (``recognised``
        says whether that is a daily series)."""
        template = series_template(title)
        if template is None:
            return None
        self._recent.add((outlet, template), time.date())
        return outlet, template

    def recognised(self, key: tuple[str, str], day: date) -> bool:
        """Whether ``key`` was used on ``days`` different days of the look-back ending on ``day``."""
        oldest = self._recent.oldest(day)
        return sum(1 for d in self._recent.days(key) if oldest <= d <= day) >= self.days


# A column's show or bulletin (VOA's 白宫要义, DW's 墙外文摘, Epoch's 时事纵横 / 新闻看点) is titled by its lead
# item under a label, like a commentary column about one event (德语媒体, 时事大家谈, 焦点) is. Rhythm
# does not tell them apart (genre11); what does is the body: a bulletin leaves its lead for other
# subjects, so most of its later paragraphs share no term with the title, while a one-event report
# keeps naming what its title names. Both signals are needed: on the tuning days many labelled
# single-event reports also drift from their titles, and most labelled columns are about one event.
_ANY_LABEL = re.compile(r"^\s*(?:【([^】]{1,10})】|\[([^\]]{1,10})\]|([^\s《》【】：:｜|丨\[\]]{2,8})\s*(?:》|[：:｜|丨]))")
COLUMN_LOOKBACK = 6  # days a column label is looked for (grouping restores two windows back) ...
COLUMN_DAYS = 3  # ... and on how many different days of them the outlet must have used it
LEAD_SKIP = 2  # paragraphs that may still be the lead item's (a title's subject and its first details)
DRIFT_PARAGRAPHS = 6  # a bulletin has at least this many paragraphs of 20+ characters in the body's head ...
DRIFT_SHARE = 0.2  # ... and fewer than this share of those after the lead share a term with the title


def title_label(title: str) -> str | None:
    """The label a title opens with, whatever its separator: 【NAME】, [NAME], NAME》, NAME：, NAME｜
    (a speaker's NAME： too: the body, not the label, tells a bulletin; ``leaves_title``)."""
    match = _ANY_LABEL.match(title)
    if match is None:
        return None
    return _label_key(next(g for g in match.groups() if g))


class ColumnLabels:
    """Recognises title labels an outlet uses day after day (a column, a show) as reports arrive: the
    label on ``days`` different days of the last ``lookback``, any number a day. State: per (outlet,
    label), the days seen within the look-back."""

    def __init__(self, lookback: int = COLUMN_LOOKBACK, days: int = COLUMN_DAYS) -> None:
        self.days = days
        self._recent = RecentDays(lookback)

    def add(self, outlet: str, title: str, time: datetime) -> str | None:
        """Count the report; its label if the outlet's use of it makes a column, else None."""
        label = title_label(title)
        if label is None:
            return None
        day = time.date()
        oldest = self._recent.oldest(day)
        seen = self._recent.add((outlet, label), day)
        return label if sum(1 for d in seen if d >= oldest) >= self.days else None


def _terms(normalized: str) -> set[str]:
    return set(filter(is_term, search_tokens(normalized)))


def leaves_title(title: str, text: str, label: str = "", *, head: int = 2000) -> bool:
    """Whether the body's head (``head`` characters, paragraphs of 20+ characters) leaves the title's
    subject: at least ``DRIFT_PARAGRAPHS`` paragraphs, and fewer than ``DRIFT_SHARE`` of those after the
    first ``LEAD_SKIP`` name any term of the title (its ``label`` left out)."""
    paragraphs: list[str] = []
    left = head
    for line in quick_normalize_lines(text[: head + 1000]):
        if left <= 0:
            break
        paragraph, left = line[:left], left - len(line) - 1
        if len(paragraph) >= 20:
            paragraphs.append(paragraph)
    if len(paragraphs) < DRIFT_PARAGRAPHS:  # most column reports: decided before any segmenting
        return False
    return paragraphs_leave(bulletin_title_terms(title, label), [_terms(p) for p in paragraphs])


def bulletin_title_terms(title: str, label: str = "") -> set[str]:
    """The terms of a title that a bulletin's later paragraphs would name, its ``label``'s left out."""
    return _terms(quick_normalize(title)) - _terms(quick_normalize(label))


def paragraphs_leave(title_terms: set[str], paragraph_terms: Sequence[set[str]]) -> bool:
    """``leaves_title`` on paragraphs already cut and read (each paragraph's terms, as ``_terms`` gives
    them): the clusterer has them from its own reading of the body, so it does not read it again."""
    if len(paragraph_terms) < DRIFT_PARAGRAPHS:
        return False
    later = paragraph_terms[LEAD_SKIP:]
    return sum(1 for terms in later if terms & title_terms) < DRIFT_SHARE * len(later)


def paragraphs_stay(title_terms: set[str], paragraph_terms: Sequence[set[str]]) -> bool:
    """The opposite reading to ``paragraphs_leave``, held as strictly: at least ``DRIFT_PARAGRAPHS`` paragraphs, and at
    least ``1 - DRIFT_SHARE`` of those after the first ``LEAD_SKIP`` name a term of the title. A body that keeps to
    its title's subject this closely is one event's report, whatever genre word its title holds (a market word
    naming the stock moves of one event's company, 一周 as a delay, a one-subject press review)."""
    if len(paragraph_terms) < DRIFT_PARAGRAPHS:
        return False
    later = paragraph_terms[LEAD_SKIP:]
    return sum(1 for terms in later if terms & title_terms) >= (1 - DRIFT_SHARE) * len(later)
