"""Publication stamps a page states relative to when it was read: "3小时前", "昨天 10:20", "刚刚",
"2 hours ago", "Yesterday at 10:20".

Such a stamp dates the article only against the time the page was fetched. A page whose crawl
time is unknown (an archive file, a saved page that does not record it) stays undated: resolving
against "now" would date a page saved years ago to this week. The crawl time comes from the
fetcher (``RawDocument.fetched_at``) or from the saved page's own record (:func:`saved_at`: the
Wayback Machine's, SingleFile's and HTTrack's comments).

Only short stamp lines by the headline are read, as for absolute stamps; an absolute stamp, the
page's metadata or a script's instant always win over a relative one (the caller's order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from newsmirror.extract.stamps import squeeze_space

_NUMERALS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "几": 0, "幾": 0}
_ZH_UNITS = {"秒": 1, "秒钟": 1, "秒鐘": 1, "分钟": 60, "分鐘": 60, "小时": 3600, "小時": 3600, "个小时": 3600,
             "個小時": 3600, "钟头": 3600, "鐘頭": 3600, "天": 86400}
# "3小时前", "30 分钟前", "半小时前", "一天前", "3小時前"
_ZH_AGO = re.compile(r"(?P<n>\d{1,3}|[一二两兩三四五六七八九十]{1,3}|半)\s*"
                     r"(?P<unit>秒钟|秒鐘|秒|分钟|分鐘|个小时|個小時|小时|小時|钟头|鐘頭|天)\s*(?:之)?前")
# "昨天 10:20", "今天10:20", "前天", "昨日 下午3:05"
_ZH_DAY = re.compile(r"(?P<day>今天|今日|昨天|昨日|前天)\s*(?P<half>上午|下午|中午|晚上|凌晨|早上)?\s*"
                     r"(?:(?P<H>[01]?\d|2[0-3])\s*[:：]\s*(?P<M>[0-5]\d))?(?!\d)")
_ZH_NOW = re.compile(r"刚刚|剛剛")
# The languages of the other stamps (:mod:`.stamps`): "2 hours ago", "3h ago", "2 ore fa", "2 uur geleden",
# "2 godziny temu", "2 часа назад"; "vor 3 Stunden", "il y a 2 heures", "hace 2 horas", "há 2 horas".
_COUNT = r"\d{1,3}|an?|one|eine[mr]?|ein|une?|una?|uno"
_AGO_AFTER = re.compile(rf"(?<!\w)(?P<n>{_COUNT})\s*(?P<unit>[^\W\d_]{{1,10}})\.?\s+(?:ago|назад|temu|geleden|fa)(?!\w)",
                        re.I)
_AGO_BEFORE = re.compile(rf"(?<!\w)(?:vor|il y a|hace|há)\s+(?P<n>{_COUNT})\s+(?P<unit>[^\W\d_]{{1,10}})", re.I)
# A unit written as one letter ("3h ago") or by the first letters of its word (longest first).
_UNIT_LETTERS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_UNIT_WORDS = (("sec", 1), ("sek", 1), ("seg", 1), ("сек", 1), ("min", 60), ("мин", 60), ("hour", 3600),
               ("hr", 3600), ("stund", 3600), ("heure", 3600), ("hora", 3600), ("ora", 3600), ("ore", 3600),
               ("uur", 3600), ("godz", 3600), ("час", 3600), ("day", 86400), ("tag", 86400), ("jour", 86400),
               ("día", 86400), ("dia", 86400), ("giorn", 86400), ("dag", 86400), ("dni", 86400),
               ("dzie", 86400), ("день", 86400), ("дн", 86400))
_TODAY = ("today", "heute", "aujourd'hui", "aujourd’hui", "hoy", "oggi", "hoje", "vandaag", "dzisiaj", "dziś",
          "сегодня", "сьогодні")
_YESTERDAY = ("yesterday", "gestern", "hier", "ayer", "ieri", "ontem", "gisteren", "wczoraj", "вчера", "вчора")
_DAY_WORD = "|".join(sorted((*_TODAY, *_YESTERDAY), key=len, reverse=True))
_CLOCK = r"(?P<H>[01]?\d|2[0-3])[:.h](?P<M>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?"
# Outside English a day word counts only with its clock ("heute, 10:20", "сегодня в 20:12", "11:00,
# сьогодні"): alone, "hier" is German for "here".
_DAY_CLOCK = re.compile(rf"(?<!\w)(?P<day>{_DAY_WORD})(?!\w),?\s*(?:(?:at|um|à|alle|a las|às|в|o|om)\s+)?{_CLOCK}",
                        re.I)
_CLOCK_DAY = re.compile(rf"(?<![\d:.]){_CLOCK}\s*[,|·]?\s*(?P<day>{_DAY_WORD})(?!\w)", re.I)
_EN_DAY = re.compile(r"\b(?P<day>today|yesterday)\b", re.I)
_EN_NOW = re.compile(r"\bjust now\b", re.I)
_DAYS_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2} | dict.fromkeys(_TODAY, 0) \
    | dict.fromkeys(_YESTERDAY, 1)
_PATTERNS = (_ZH_AGO, _ZH_DAY, _ZH_NOW, _AGO_AFTER, _AGO_BEFORE, _DAY_CLOCK, _CLOCK_DAY, _EN_DAY, _EN_NOW)
# what follows an update word is the last change, not the publication
_UPDATE_WORD = re.compile(r"更新|updated|aktualisiert|mis à jour|actualizad|aggiornat|atualizad|обновлен", re.I)
_AFTERNOON = frozenset({"下午", "晚上"})
LABEL = 32  # characters before the stamp at most: a label or byline, not a sentence
SHORT_LINE = 60  # characters: a stamp line is short; "昨天" in a longer line is part of a sentence
_SENTENCE = re.compile(r"[。！？，]|[^\W\d_]{2}[.!?](?:\s|$)")  # "昨天" told in a sentence, not a stamp
MAX_AGE = timedelta(days=31)  # "N天前" further back is shown as a date by every site that uses the form


@dataclass(frozen=True, slots=True)
class RelativeStamp:
    value: datetime
    has_time: bool  # False: the day only ("昨天", "3天前")


def _count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text[:1].isascii() and text.isalpha():
        return 1  # "an hour ago", "vor einer Stunde", "il y a une heure"
    if text == "十":
        return 10
    if len(text) == 2 and text[0] == "十":
        return 10 + _NUMERALS.get(text[1], 0)  # 十五
    if len(text) == 2 and text[1] == "十":
        return 10 * _NUMERALS.get(text[0], 0)  # 二十
    if len(text) == 3 and text[1] == "十":
        return 10 * _NUMERALS.get(text[0], 0) + _NUMERALS.get(text[2], 0)  # 二十五
    value = _NUMERALS.get(text)
    return value or None  # "几小时前" says no number


def _unit_seconds(unit: str) -> int | None:
    unit = unit.lower()
    if unit in _ZH_UNITS:
        return _ZH_UNITS[unit]
    if len(unit) == 1:
        return _UNIT_LETTERS.get(unit)
    found = [(len(prefix), seconds) for prefix, seconds in _UNIT_WORDS if unit.startswith(prefix)]
    return max(found)[1] if found else None  # "meses", "weeks": not a unit read here


def _ago(seconds: int, crawl: datetime, zone: ZoneInfo, unit: int = 1) -> RelativeStamp | None:
    if seconds <= 0 or timedelta(seconds=seconds) > MAX_AGE:
        return None
    if unit == 3600:
        # pages render the elapsed time floored ("3小时前" for 3 h to 3 h 59 min): the middle of
        # that hour is the nearest guess (minutes are close enough as shown)
        seconds += 1800
    value = (crawl - timedelta(seconds=seconds)).astimezone(zone)
    if seconds >= 86400:
        return RelativeStamp(value.replace(hour=0, minute=0, second=0, microsecond=0), False)
    return RelativeStamp(value.replace(second=0, microsecond=0), True)


def _on_day(days_back: int, hour: int | None, minute: int, crawl: datetime, zone: ZoneInfo) -> RelativeStamp:
    day = crawl.astimezone(zone).date() - timedelta(days=days_back)
    value = datetime(day.year, day.month, day.day, hour or 0, minute if hour is not None else 0, tzinfo=zone)
    return RelativeStamp(value, hour is not None)


def relative_in_line(line: str, crawl: datetime, zone: str) -> RelativeStamp | None:
    """The relative stamp a short line states, resolved against the aware ``crawl`` time in the
    site's ``zone`` (days are the site's calendar days); None when the line states none."""
    if len(line) > SHORT_LINE or _SENTENCE.search(line):
        return None
    if update := _UPDATE_WORD.search(line):
        line = line[:update.start()]
    tz = ZoneInfo(zone)
    found = [match for pattern in _PATTERNS
             if (match := pattern.search(line)) is not None and match.start() <= LABEL]
    if not found:
        return None
    # the first stamp in the line; of two at one place the longer ("today 10:20", not "today")
    match = min(found, key=lambda item: (item.start(), -len(item.group(0))))
    if match.re in (_ZH_NOW, _EN_NOW):
        return RelativeStamp(crawl.astimezone(tz).replace(second=0, microsecond=0), True)
    if match.re in (_ZH_AGO, _AGO_AFTER, _AGO_BEFORE):
        seconds = _unit_seconds(match.group("unit"))
        if seconds is None:
            return None
        if match.group("n") == "半":
            return _ago(seconds // 2, crawl, tz)
        count = _count(match.group("n").lower())
        return _ago(count * seconds, crawl, tz, seconds) if count else None
    groups = match.groupdict()
    hour = int(groups["H"]) if groups.get("H") else None
    if hour is not None:
        half = groups.get("half") or ""
        ampm = (groups.get("ampm") or "").lower()[:1]
        if (half in _AFTERNOON or half == "中午" and hour < 11 or ampm == "p") and hour < 12:
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
    return _on_day(_DAYS_BACK[match.group("day").lower()], hour, int(groups.get("M") or 0), crawl, tz)


_PROSE_END = re.compile(r"[。！？.!?]")
AFTER, BEFORE = 25, 4  # lines below and above the headline that may hold its stamp
TEXT_LINES = 2  # running-text lines below the headline after which the article has begun


def relative_by_headline(lines: list[str], headlines: tuple[str, ...], crawl: datetime | None,
                         zone: str) -> RelativeStamp | None:
    """The relative stamp printed by the headline (the first of ``headlines`` that a line prints):
    the first below it before the running text, else the nearest above it. None without a crawl
    time, or when no line prints a headline (a "2小时前" elsewhere is a list item's)."""
    if crawl is None:
        return None
    at = None
    for headline in headlines:
        wanted = squeeze_space(headline)
        at = next((index for index, line in enumerate(lines) if wanted and squeeze_space(line) == wanted), None)
        if at is not None:
            break
    if at is None:
        return None
    text_lines = 0
    for line in lines[at + 1:at + 1 + AFTER]:
        if len(line) > SHORT_LINE and _PROSE_END.search(line):
            text_lines += 1
            if text_lines >= TEXT_LINES:
                break
            continue
        if (stamp := relative_in_line(line, crawl, zone)) is not None:
            return stamp
    for line in reversed(lines[max(0, at - BEFORE):at]):
        if (stamp := relative_in_line(line, crawl, zone)) is not None:
            return stamp
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# The Wayback Machine's closing comment: "FILE ARCHIVED ON 10:23:42 Sep 29, 2020 AND RETRIEVED …" (UTC)
_WAYBACK = re.compile(r"FILE ARCHIVED ON (\d{1,2}):(\d\d):(\d\d) ([A-Z][a-z]{2}) (\d{1,2}), (\d{4})")
# SingleFile: " saved date: Tue Sep 29 2020 10:23:42 GMT+0800 (China Standard Time)"
_SINGLEFILE = re.compile(r"saved date:\s*[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d\d):(\d\d):(\d\d) "
                         r"GMT([+-])(\d\d)(\d\d)")
# HTTrack: "<!-- Mirrored from host/path by HTTrack Website Copier/3.x [XR&CO'2014], Tue, 29 Sep 2020 02:23:42 GMT -->"
_HTTRACK = re.compile(r"Mirrored from \S+ by HTTrack Website Copier/[^,]*\],\s*([^>]+?GMT)")
SAVED_SCAN = 200_000  # characters: the comments stand at the start (SingleFile, HTTrack) or the end (Wayback)


def saved_at(content: str) -> datetime | None:
    """When a saved page was read from the web, as the page's own saving tool recorded it."""
    head, tail = content[:SAVED_SCAN], content[-SAVED_SCAN:]
    if (match := _WAYBACK.search(tail)) or (match := _WAYBACK.search(head)):
        hour, minute, second, month, day, year = match.groups()
        if month.lower() in _MONTHS:
            return _utc(int(year), _MONTHS.index(month.lower()) + 1, int(day), int(hour), int(minute), int(second))
    if match := _SINGLEFILE.search(head):
        month, day, year, hour, minute, second, sign, off_h, off_m = match.groups()
        offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (1 if sign == "+" else -1)
        if month.lower() in _MONTHS:
            value = _utc(int(year), _MONTHS.index(month.lower()) + 1, int(day), int(hour), int(minute), int(second))
            return value - offset if value is not None else None
    if match := _HTTRACK.search(head):
        try:
            return parsedate_to_datetime(match.group(1))
        except (TypeError, ValueError):
            return None
    return None


def _utc(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
