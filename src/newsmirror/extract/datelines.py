"""Publication dates from datelines, visible stamps and URLs, always time-zone aware.

Chinese-language outlets print the date in the first line rather than in metadata:
``【新唐人北京时间2023年02月05日讯】`` (a full date, in Beijing time), ``【大纪元2020年10月16日讯】``
(a full date, in the newsroom's zone), ``（中央社台北4日電）`` or ``路透1月19日 -`` (only a day,
or a month and day: the year and month come from a reference date such as the feed's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

_FULL_BRACKET = re.compile(
    r"[【\[]\s*(?P<who>[^【】\[\]\d]{0,16}?)\s*(?P<zone>北京[时時]间|北京時間|台北[时時]间|台北時間)?\s*"
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:[讯訊电電])?\s*[】\]]"
)
# （中央社台北4日電） （中央社記者徐薇婷華盛頓3日專電） （法新社洛杉矶19日电）
_DAY_ONLY = re.compile(r"[（(][^（）()]{0,30}?(?<!\d)(?P<d>\d{1,2})\s*日\s*(?:專|专|綜合|综合)?(?:電|电|訊|讯)[）)]")
# 路透1月19日 -   路透北京1月7日 -   (德国之声中文网) has no date
_MONTH_DAY = re.compile(r"^\s*(?:路透|美联社|美聯社|法新社|共同社)[^\d\s]{0,6}?(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*[-－—]")
# Visible stamps some feeds print above the text.
_ISO_STAMP = re.compile(r"\b(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)")
_DMY_STAMP = re.compile(r"^\s*(\d{2})/(\d{2})/(\d{4})\s*-\s*(\d{2}):(\d{2})\s*$")
_RFC_STAMP = re.compile(r"^\s*([A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4}))\s*$")
# Dates in article URLs.
_URL_PATTERNS = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$)"),  # /2023/02/04/
    re.compile(r"/(?P<y>\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/n\d+"),  # epochtimes /gb/20/10/16/n123
    re.compile(r"(?:story|/)(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{4}|-|/|$)"),  # 202302040101, /20230204-
    re.compile(r"-(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<y>20\d{2})\d{6}\.html"),  # rfa ...-10162020145106.html
)


@dataclass(frozen=True, slots=True)
class Dateline:
    day: int
    month: int | None = None
    year: int | None = None
    zone: str | None = None  # IANA name when the dateline states its zone


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of an article's text (first ~200 characters), if any."""
    head = text[:200]
    full = _FULL_BRACKET.search(head)
    if full:
        zone_text = full.group("zone") or ""
        zone = "Asia/Shanghai" if zone_text.startswith("北京") else "Asia/Taipei" if zone_text.startswith("台北") else None
        return Dateline(int(full.group("d")), int(full.group("m")), int(full.group("y")), zone)
    month_day = _MONTH_DAY.search(head)
    if month_day:
        return Dateline(int(month_day.group("d")), int(month_day.group("m")))
    day_only = _DAY_ONLY.search(head)
    if day_only:
        return Dateline(int(day_only.group("d")))
    return None


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def resolve_dateline(dateline: Dateline, default_zone: str, reference: datetime | None = None) -> datetime | None:
    """An aware datetime for a dateline.

    A full date is midnight of that day in the dateline's zone (or the outlet's). A day (or
    month and day) needs a reference, usually the feed's date: the result is the matching day
    nearest to the reference, in the outlet's zone; when it is the reference's own local day the
    reference's time of day is kept.
    """
    zone = ZoneInfo(dateline.zone or default_zone)
    if dateline.year and dateline.month:
        try:
            return _local_midnight(date(dateline.year, dateline.month, dateline.day), zone)
        except ValueError:
            return None
    if reference is None:
        return None
    local_reference = reference.astimezone(zone) if reference.tzinfo else reference.replace(tzinfo=zone)
    anchor = local_reference.date()
    candidates: list[date] = []
    for month_offset in (-1, 0, 1):
        month_index = anchor.year * 12 + anchor.month - 1 + month_offset
        year, month = divmod(month_index, 12)
        if dateline.month is not None and month + 1 != dateline.month:
            continue
        try:
            candidates.append(date(year, month + 1, dateline.day))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs((d - anchor).days))
    if abs((best - anchor).days) > 20:
        return None
    if best == anchor:
        return local_reference
    return _local_midnight(best, zone)


def parse_stamp(text: str, default_zone: str) -> datetime | None:
    """A date/time stamp line as feeds print it: ISO 8601, RFC 2822, or ``DD/MM/YYYY - HH:MM``."""
    stripped = text.strip()
    rfc = _RFC_STAMP.match(stripped)
    if rfc:
        try:
            return parsedate_to_datetime(rfc.group(1))
        except (TypeError, ValueError):
            return None
    dmy = _DMY_STAMP.match(stripped)
    if dmy:
        d, m, y, hh, mm = map(int, dmy.groups())
        try:
            return datetime(y, m, d, hh, mm, tzinfo=ZoneInfo(default_zone))
        except ValueError:
            return None
    iso = _ISO_STAMP.search(stripped)
    if iso and len(stripped) <= 60:
        return parse_iso(iso.group(1), default_zone)
    return None


def parse_iso(value: str, default_zone: str) -> datetime | None:
    """ISO 8601 (``Z`` allowed); a naive value is taken to be in the outlet's zone."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value.strip()[:10]), time(0, 0))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(default_zone))
    return parsed


# A page saved by the Wayback Machine: its address holds the capture time, then the page's own.
_WAYBACK = re.compile(r"^/web/\d{8,14}[a-z_]*/(?P<inner>.+)$")


def date_from_url(url: str, zone: str) -> datetime | None:
    """Midnight in ``zone`` of the date in an article URL (``/2023/02/04/``, ``story20230204-``), if any.
    A Wayback Machine address is read for the archived page's address, not the capture's."""
    try:
        parts = urlsplit(url)
        path = unquote(parts.path)
        wayback = _WAYBACK.match(path) if (parts.hostname or "").endswith("archive.org") else None
        if wayback:
            inner = wayback.group("inner")
            path = urlsplit(inner).path if "://" in inner else "/" + inner.partition("/")[2]
    except ValueError:
        return None
    for pattern in _URL_PATTERNS:
        match = pattern.search(path)
        if match:
            year = int(match.group("y"))
            try:
                return _local_midnight(date(year + 2000 if year < 100 else year, int(match.group("m")),
                                            int(match.group("d"))), ZoneInfo(zone))
            except ValueError:
                continue
    return None


def disagree(first: datetime, second: datetime, zone: str, tolerance_days: int = 1) -> bool:
    """True when two dates fall more than ``tolerance_days`` calendar days apart in ``zone``."""
    tz = ZoneInfo(zone)
    return abs(first.astimezone(tz).date() - second.astimezone(tz).date()) > timedelta(days=tolerance_days)


# A dateline may correct the page's or feed's date by a few days or weeks (a feed that re-dated
# an old item), never by more: a "date" a year away from the file's own is a typo or a date the
# text talks about (one article of the waimei archive was dated 1664-12-17). Dates before the
# web-news era are rejected outright; before 1901 zoneinfo gives local mean time (+08:05:43).
MAX_DATELINE_CORRECTION = timedelta(days=366)
EARLIEST_NEWS_DATE = datetime(1990, 1, 1, tzinfo=ZoneInfo("UTC"))


def _plausible(value: datetime | None, reference: datetime | None) -> datetime | None:
    if value is None or value < EARLIEST_NEWS_DATE:
        return None
    if reference is not None and abs(value - reference) > MAX_DATELINE_CORRECTION:
        return None
    return value


def publication_date(
    *,
    page_date: datetime | None,
    container_date: datetime | None,
    text: str,
    stamps: list[str],
    url_date: datetime | None,
    zone: str,
) -> datetime | None:
    """The best publication time, always aware.

    The page's own metadata first, then the container's (feed) date; a dateline in the text
    corrects either when it names a day more than one day away (a feed that re-dated an old
    item), and supplies the date when there is none; a dateline more than a year from the
    reference, or before 1990, is ignored. Then date stamps printed above the text, then the
    date in the URL.
    """
    reference = page_date or container_date
    if reference is not None and reference.tzinfo is None:
        reference = reference.replace(tzinfo=ZoneInfo(zone))
    dateline = next((found for line in text.split("\n\n")[:3] if (found := find_dateline(line))), None)
    from_dateline = _plausible(resolve_dateline(dateline, zone, reference), reference) if dateline else None
    if reference is not None and from_dateline is not None and disagree(reference, from_dateline, zone):
        return from_dateline
    if reference is not None:
        return reference
    if from_dateline is not None:
        return from_dateline
    for stamp in stamps:
        parsed = parse_stamp(stamp, zone)
        if parsed is not None:
            return parsed
    return url_date


def checked_by_url(found: datetime, url_date: datetime | None) -> datetime:
    """The publication time checked against the day in the page's address, which the site set
    when it published (so it is the site's local day):

    * a day more than one day after it is not the publication's (an update time, a later
      capture): the URL's day is taken. A day before it stays: an address may carry a later
      day than the publication (a magazine's issue date);
    * an instant stated in UTC that falls on the day after or before it on the UTC clock is the
      same publication late or early in the site's day: it is shown at the whole-hour offset
      nearest UTC that puts it on the URL's day (the site's real zone is unknown; the instant is
      unchanged).
    """
    if url_date is None:
        return found
    url_day, day = url_date.date(), found.date()
    if day == url_day:
        return found
    if (day - url_day).days > 1:
        return url_date
    if found.utcoffset() == timedelta(0):
        for hours in sorted(range(-12, 15), key=abs):
            shifted = found.astimezone(timezone(timedelta(hours=hours)))
            if shifted.date() == url_day:
                return shifted
    return found
