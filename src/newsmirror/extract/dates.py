"""Publication dates: the page's own dateline, the container's date, or the date in the URL.

All results are time-zone aware. Date-only values (datelines, URL dates) are read as midnight
Beijing/Taipei time (+08:00): every outlet with such datelines in the archives dates them in that
zone, and a day boundary there is what a reader of these archives expects.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote, urlsplit

import dateparser

CHINA_TZ = timezone(timedelta(hours=8), "UTC+08:00")

# 【新唐人北京时间2023年02月05日讯】 【大纪元2020年10月16日讯】 【希望之声2020年10月17日】
_DATELINE = re.compile(
    r"[【\[]\s*[^】\]\d]{0,12}?(?:北京时间|北京時間|台北时间|台北時間)?\s*"
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"(?:\s*(?P<H>\d{1,2})[:：时時](?P<M>\d{2})?)?[^】\]]{0,6}[】\]]"
)
_URL_PATTERNS = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$)"),  # /2023/02/04/
    re.compile(r"/(?P<y>\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/n\d+"),  # epochtimes /gb/20/10/16/n123
    re.compile(r"(?:story|/)(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{4}|-|/|$)"),  # 202302040101, /20230204-
    re.compile(r"-(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<y>20\d{2})\d{6}\.html"),  # rfa ...-10162020145106.html
)


def _date(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime | None:
    if year < 100:
        year += 2000
    try:
        return datetime(year, month, day, hour, minute, tzinfo=CHINA_TZ)
    except ValueError:
        return None


def date_from_dateline(text: str) -> datetime | None:
    """The date in a Chinese dateline like 【新唐人北京时间2023年02月05日讯】 (first 300 characters)."""
    match = _DATELINE.search(text[:300])
    if not match:
        return None
    hour = int(match.group("H")) if match.group("H") else 0
    minute = int(match.group("M")) if match.group("M") else 0
    return _date(int(match.group("y")), int(match.group("m")), int(match.group("d")), hour, minute)


def date_from_url(url: str) -> datetime | None:
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    for pattern in _URL_PATTERNS:
        match = pattern.search(path)
        if match:
            found = _date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            if found is not None:
                return found
    return None


def parse_date(text: str) -> datetime | None:
    """A free-form date ("Sat, 04 Feb 2023 03:26:18 GMT", "2021-01-20 15:50:33"); naive -> +08:00."""
    if not text.strip():
        return None
    parsed = dateparser.parse(text.strip(), settings={"TIMEZONE": "+0800", "RETURN_AS_TIMEZONE_AWARE": True})
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=CHINA_TZ)


def resolve_published(*, container: datetime | None, body_text: str, url: str,
                      feed_date: str = "") -> datetime | None:
    """Best publication time: the container's precise timestamp, then the dateline, then the
    feed header, then the URL."""
    if container is not None:
        return container if container.tzinfo else container.replace(tzinfo=CHINA_TZ)
    return date_from_dateline(body_text) or parse_date(feed_date) or date_from_url(url)
