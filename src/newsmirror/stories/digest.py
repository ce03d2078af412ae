"""Reports about several events, and wire credits.

Multi-event reports (daily briefings, TV bulletin transcripts, market wrap-ups, live pages,
press reviews, weekly reviews) mention many events, so comparing them to stories glues those
stories together. They are recognised by two general signals, never by the text of a labelled
example:

* the title uses a digest's form: the words of ``DIGEST_TITLE`` (the usual names of the
  genre in Chinese news: 早报/晚报, 简报, 要闻, 快讯, 一览, 摘要, 综述, 回顾, 新闻联播, 直播,
  实时, 最新情报 ..., and market wrap-up words: 收盘, 汇市, 股市, 金价 ...);
* the body is a list of items: many short paragraphs whose names hardly repeat (a report on one
  event keeps naming its main people and places; a digest names new ones in every item).

Wire credits (``（中央社記者…）``, ``（路透）``, ``據法新社報導``) name the outlet a report comes
from; a copy credits its original. So does a staff sign-off an outlet puts under its own reports (中央社's
``（譯者：徐睿承/核稿：…）``, 自由亚洲电台's ``（记者：… 责编：… 网编：…）``), which a republisher often keeps while
it rewrites the dateline: ``staff_named`` reads the names of such lines and gives the outlets whose staff they
are, by a table mined from the archive (``text/staff_credits.tsv``, ``bench/mine_staff_credits.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsmirror.text.fold import nfkc
from newsmirror.text.normalize import normalize
from newsmirror.text.packaged import packaged_rows
from newsmirror.text.script import to_simplified
from newsmirror.text.tokenize import is_name, words

# Titles of the genre (normalized: Simplified). A documented general list, not taken from labels.
DIGEST_TITLE = re.compile(
    "早报|晚报|简报|日报|周报|要闻|快讯|一览|摘要|综述|回顾|汇总|速览|精选|盘点|新闻联播|文字版|直播|实时|"
    "最新情报|最新消息|报纸摘要|媒体观察|看时事|一周|每日|今日|本周|"
    "收盘|盘前|盘中|早盘|午盘|尾盘|汇市|股市|美股|港股|a股|欧股|亚股|金价|油价|期货|债市|市场"
)
# Wire services and outlets that credit themselves in copies, normalized (Simplified).
WIRES = ("中央社", "路透", "美联社", "法新社", "新华社", "彭博", "共同社", "韩联社", "德新社", "塔斯社", "安莎社",
         "中新社", "美国之音", "自由亚洲电台", "法广", "德国之声", "联合早报", "大纪元", "新唐人", "bbc")
_CREDIT_CHARS = 160  # credits sit in the first or last lines
# Between the head and the tail of ``credit_ends``: no space, which would end a name cut at the head's last character
# (a staff credit's name ends at a space: ``STAFF_CREDIT``) or let a role there take the tail's first word as a name
# (（譯者： + 紐約19日…). No wire's name holds it.
_ENDS_JOIN = "…"
# A staff credit: a newsroom role (the usual names of the roles Chinese news sign-offs give, Simplified, with the
# prefixes 实习/特约/责任) and a colon, then a person's name of 2-4 Han characters (Simplified, NFKC: （ and ：
# read as ( and :), itself no role (责编：网编：…). A general list of roles, not taken from any one report.
_ROLES = "(?:实习|特约|责任)?(?:记者|编辑|责编|网编|译者|翻译|编译|核稿|撰稿|编写|校对|主编|审校|撰文)"
# A name ends where a sign-off line's names end (polish70): at a bracket, a separator between credits or names
# (/ ∕ \ 、 ; #), a space or the line's end, never at a sentence's punctuation, a digit or a foreign name's dot. An
# interview's turns are a role and a colon too ("记者：好的，谢谢您接受我们的访问。" made 好的 自由亚洲电台's staff), and
# the end of ``credit_ends``'s head, cut inside a name (（譯者：張佑|之）), is no end of it (张佑 was mined as 中央社's).
_NAME_END = r"(?=[()/∕\\、;#\s]|$)"
STAFF_CREDIT = re.compile(_ROLES + r"\s*:\s*(?!" + _ROLES + r")([\u4e00-\u9fff]{2,4})" + _NAME_END)

LIST_MIN_PARAGRAPHS = 6  # a list of items: at least this many paragraphs ...
LIST_MAX_REPEAT = 0.3  # ... and at most this share of them names what another paragraph names


def credited_outlets(text: str) -> frozenset[str]:
    """Wire services named where credits go (the first and last lines), normalized."""
    return wires_named(credit_ends(text))


def credit_ends(text: str) -> str:
    """The part of a text where credits go (its first and last characters), unnormalized: all
    ``wires_named`` needs, to read later (grouping reads credits only when it finds a copy)."""
    return text[:_CREDIT_CHARS] + _ENDS_JOIN + text[-_CREDIT_CHARS:]


def wires_named(ends: str) -> frozenset[str]:
    """The wire services ``ends`` (from ``credit_ends``) names, normalized."""
    normal = normalize(ends)
    return frozenset(wire for wire in WIRES if wire in normal)


def staff_signed(ends: str) -> list[str]:
    """The names of the staff credits in ``ends`` (from ``credit_ends``), Simplified, in order."""
    return STAFF_CREDIT.findall(nfkc(to_simplified(ends)))


@lru_cache(maxsize=1)
def _staff_outlets() -> dict[str, str]:
    """Staff name -> the outlet (normalized) whose staff it is (``text/staff_credits.tsv``)."""
    return {name: outlet for name, outlet, *_counts in packaged_rows("staff_credits.tsv")}


def staff_named(ends: str) -> frozenset[str]:
    """The outlets (normalized) whose staff sign ``ends`` (from ``credit_ends``): a copy that kept its original's
    sign-off credits the original's outlet, as a wire credit does."""
    if ":" not in ends and "：" not in ends:
        return frozenset()
    table = _staff_outlets()
    return frozenset(table[name] for name in staff_signed(ends) if name in table)


def credits(outlet: str, credited: frozenset[str]) -> bool:
    """Whether ``credited`` (from ``credited_outlets``) names ``outlet`` ((臺)中央社CNA is 中央社)."""
    name = normalize(outlet)
    return any(wire in name for wire in credited)


def is_list_of_items(paragraph_names: list[set[str]]) -> bool:
    """Many paragraphs (each given by the names it mentions) whose names seldom recur in
    another paragraph."""
    names = [n for n in paragraph_names if n]
    if len(names) < LIST_MIN_PARAGRAPHS:
        return False
    seen: Counter[str] = Counter(name for group in names for name in group)
    repeating = sum(1 for group in names if any(seen[name] > 1 for name in group))
    return repeating / len(names) <= LIST_MAX_REPEAT


def paragraph_names(text: str) -> list[set[str]]:
    """The names of each paragraph of 20+ characters (normalized)."""
    paragraphs = [p for p in (p.strip() for p in text.split("\n")) if len(p) >= 20]
    return [{w for w in words(p) if len(w) >= 2 and is_name(w)} for p in paragraphs]


def digest_title(title: str, *, normalized: bool = False) -> bool:
    return bool(DIGEST_TITLE.search(title if normalized else normalize(title)))


def is_digest(title: str, text: str) -> bool:
    """A report about several events (see the module docstring)."""
    return digest_title(title) or is_list_of_items(paragraph_names(text))
