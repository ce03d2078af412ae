"""The publication stamp a page prints by its headline, in the languages of non-Chinese pages.

Chinese pages are read by :mod:`.page_header`. Other pages print "24.01.2022", "1. Februar 2022
um 21:17", "Jul 3, 2019, 4:22am", "Le 17/02/2020", "15 августа 2016, 13:43", often with a
``<time datetime=…>`` element around the visible text. Only the few lines just above and below
the headline are read, so dates of comments, related items, embedded posts, the site's clock and
the footer are never taken. A stamp line is cut at an update word ("Aktualisiert", "Updated"):
what follows is the last change, not the publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

from newsmirror.extract.datelines import parse_iso

# Month names and the abbreviations pages print, by their first letters (lower case), for the
# languages of the non-Chinese pages the mirror meets (de, en, fr, it, es, pt, nl, pl, ru, uk).
_MONTH_NAMES = {
    1: ("jan", "jän", "janv", "genn", "ene", "stycz", "январ", "янв", "січ", "styczeń"),
    2: ("feb", "fév", "fev", "febb", "lut", "феврал", "фев", "лют"),
    3: ("mär", "mar", "maa", "març", "мар", "берез"),
    4: ("apr", "avr", "abr", "kwie", "апрел", "апр", "квіт"),
    5: ("mai", "may", "mag", "mei", "maj", "мая", "май", "трав"),
    6: ("jun", "juin", "giu", "czer", "июн", "черв"),
    7: ("jul", "juil", "lug", "lip", "июл", "лип"),
    8: ("aug", "aoû", "aou", "ago", "sie", "август", "авг", "серп"),
    9: ("sep", "set", "wrz", "сентябр", "сен", "верес"),
    10: ("okt", "oct", "ott", "out", "paź", "paz", "октябр", "окт", "жовт"),
    11: ("nov", "lis", "ноябр", "ноя", "листоп"),
    12: ("dez", "dec", "déc", "dic", "gru", "декабр", "дек", "груд"),
}  # fmt: skip
_MONTH_WORD = r"(?P<mon>[^\W\d_]{3,12})\.?"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_DATES = (
    # 2022-01-24, 2022/01/24
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 2019年9月7日 (a Chinese stamp above the headline, or on a page that the Chinese reader missed)
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    # 24.01.2022, 24/01/2022, 24-01-2022 (day first: the order of every language here but US English)
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\s?[./-]\s?(?P<m>\d{{1,2}})\s?[./-]\s?{_YEAR}"),
    # 1. Februar 2022, 06 Novembre 2019, 15 августа 2016, 8th December 2012
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?{_MONTH_WORD},?\s+(?:de\s+)?{_YEAR}"),
    # Jul 3, 2019   March 14, 2021   Januar 8th, 2017
    re.compile(rf"{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}"),
)
# The time of day written after the date: ", 12:01 Uhr", " um 21:17", " @ 18:13", " | 14:10", " 12.09",
# " à 14h05", ", 4:22am".
_TIME_AFTER = re.compile(
    r"^\s*(?:[,|@\-–]|\b(?:um|at|à|alle|ore|a las|às|в)\b|\s)*\s*"
    r"(?P<H>[01]?\d|2[0-3])[:.h](?P<M>[0-5]\d)(?:[:.](?P<S>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?", re.I
)
_UPDATE_WORD = re.compile(r"aktualisiert|geändert|updated|modified|mis à jour|modifié|aggiornat|actualizad|atualizad|"
                          r"обновлен|zaktualizowano", re.I)
_CLOCK = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")
_UTC_WORD = re.compile(r"^\s*(?:GMT|UTC|Z)\b(?![+-]\d)")
# Zone abbreviations written after the time whose offset is unambiguous ("CST" is not: US Central
# or China Standard Time).
ZONE_WORDS = {"edt": -4, "est": -5, "cdt": -5, "mdt": -6, "mst": -7, "pdt": -7, "pst": -8, "bst": 1, "cet": 1,
               "mez": 1, "cest": 2, "mesz": 2, "eet": 2, "eest": 3, "msk": 3, "hkt": 8, "jst": 9, "kst": 9}
_ZONE_WORD = re.compile(r"^\s*([A-Za-z]{3,4})\b")
SHORT_LINE = 90  # characters: a stamp line is short; a date in a longer line is part of a sentence
LABEL = 32  # characters before the date at most: a label or byline ("Veröffentlicht am Fr,", "Von X //"),
# not a sentence about something dated ("A post shared by … on Jun 16, 2019")
STANDFIRST = 2  # running-text lines below the headline after which a stamp may be a comment's
BEFORE, AFTER = 4, 25  # lines above and below the headline that may hold its stamp


def _month(word: str) -> int | None:
    word = word.lower()
    best: tuple[int, int] | None = None  # (prefix length, month): the longest matching name wins
    for month, names in _MONTH_NAMES.items():
        for name in names:
            if word.startswith(name) and (best is None or len(name) > best[0]):
                best = (len(name), month)
    return best[1] if best else None


@dataclass(frozen=True, slots=True)
class Stamp:
    value: datetime
    has_time: bool
    stated_zone: bool  # the offset is the page's own (a <time> value, "GMT"), not the site's zone


def stamp_in_line(line: str, zone: str) -> Stamp | None:
    """The first date (with its time of day, if written after it) in a short line, in ``zone``."""
    update = _UPDATE_WORD.search(line)
    if update:
        line = line[:update.start()]
    if len(line) > SHORT_LINE:
        return None
    found: list[tuple[int, re.Match[str]]] = []
    for pattern in _DATES:
        match = pattern.search(line)
        if match:
            found.append((match.start(), match))
    for start, match in sorted(found, key=lambda item: item[0]):
        if start > LABEL:
            break
        groups = match.groupdict()
        if match.re is _DATES[2] and "." not in match.group(0) and max(int(groups["d"]), int(groups["m"])) <= 12:
            continue  # 11/01/2021: 11 January or November 1 (US order); only the metadata can tell
        month = _month(groups["mon"]) if groups.get("mon") else int(groups["m"])
        if month is None:
            continue
        rest = line[match.end():]
        clock = _TIME_AFTER.match(rest)
        hour = minute = second = 0
        if clock:
            hour, minute = int(clock.group("H")), int(clock.group("M"))
            second = int(clock.group("S") or 0)
            ampm = (clock.group("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            rest = rest[clock.end():]
        tz: tzinfo = ZoneInfo(zone)
        stated = False
        if clock:
            word = _ZONE_WORD.match(rest)
            if _UTC_WORD.match(rest):
                tz, stated = UTC, True
            elif word and word.group(1).lower() in ZONE_WORDS:
                tz, stated = timezone(timedelta(hours=ZONE_WORDS[word.group(1).lower()])), True
        try:
            value = datetime(int(groups["y"]), month, int(groups["d"]), hour, minute, second, tzinfo=tz)
        except ValueError:
            continue
        return Stamp(value, clock is not None, stated)
    return None


def squeeze_space(text: str) -> str:
    """The text without any whitespace: how a headline is found again among a page's lines, which
    break and indent it differently (shared by the stamp, header and relative-date readers)."""
    return _WHITESPACE.sub("", text)


_WHITESPACE = re.compile(r"\s+")


def time_elements(document: HtmlElement) -> dict[str, str]:
    """Visible text of each ``<time datetime=…>`` (squeezed) -> its machine-readable value."""
    found: dict[str, str] = {}
    for element in document.iter("time"):
        value = (element.get("datetime") or "").strip()
        text = squeeze_space(element.text_content())
        if value and text:
            found.setdefault(text, value)
    return found


def time_on_day(document: HtmlElement, day: datetime, zone: str, *, rendered: bool = False) -> datetime | None:
    """The instant of the page's ``<time>`` element whose visible text is the day ``day`` and whose
    machine value has a time of day, on the site's clock (a UTC value is moved to ``zone``; another
    stated offset is the page's word): a page that prints only the day by its headline often keeps
    the time in the element (``<time datetime="2023-11-29T12:27:43Z">2023-11-29</time>``). None
    unless exactly one such instant falls on that day.

    ``rendered``: the value may fall on another day on the site's clock, as long as it falls on the
    shown day somewhere on Earth (UTC-12 to UTC+14): a page script wrote the element's text from its
    value in the reader's zone (the saving browser's, ``2022-03-02T05:20:00Z`` shown as 1 March in
    America), so the shown day is not the outlet's word and the value is."""
    found: set[datetime] = set()
    for text, value in time_elements(document).items():
        shown = stamp_in_line(text, zone)
        machine = parse_iso(value, zone) if _MACHINE_CLOCK.search(value) else None
        if shown is None or shown.value.date() != day.date() or machine is None:
            continue
        if machine.utcoffset() == timedelta(0):
            machine = machine.astimezone(ZoneInfo(zone))
        if machine.date() == day.date() or (rendered and _falls_on_somewhere(machine, day)):
            found.add(machine)
    return found.pop() if len(found) == 1 else None


# the earliest and latest clocks on Earth: a day begins at UTC+14 and ends at UTC-12
_EARLIEST, _LATEST = timedelta(hours=14), timedelta(hours=12)


def _falls_on_somewhere(instant: datetime, day: datetime) -> bool:
    """Whether ``instant`` is on the calendar day of ``day`` in some zone of the world."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start - _EARLIEST <= instant < start + timedelta(days=1) + _LATEST


# A clock in brackets closing a headline ("… 市府回應 (09:45)"): the time of day some outlets
# print the publication with, the day standing elsewhere (a day-only line above the headline)
_HEADLINE_END_CLOCK = re.compile(r"[（(]\s*(?P<H>[01]?\d|2[0-3])\s*[:：]\s*(?P<M>[0-5]\d)\s*[）)]\s*$")


def headline_end_clock(headline: str) -> tuple[int, int] | None:
    """(hour, minute) of a clock in brackets that closes the headline, else None."""
    match = _HEADLINE_END_CLOCK.search(headline)
    return (int(match.group("H")), int(match.group("M"))) if match else None


_SENTENCE_END = re.compile(r"[.!?。！？]")


def _is_text(line: str) -> bool:
    """A line of the article's running text (long and punctuated), not a stamp or byline line."""
    return len(line) > SHORT_LINE and bool(_SENTENCE_END.search(line))


NEIGHBOURHOOD = 3000  # characters of text around the headline that surely hold its stamp and first paragraphs


def near_headline(document: HtmlElement, headline: str) -> HtmlElement:
    """The smallest ancestor of the headline's heading with ``NEIGHBOURHOOD`` characters of text
    (the whole document when no heading holds the headline): reading only its lines is what keeps
    the stamp reader cheap on long pages."""
    wanted = squeeze_space(headline)
    for heading in document.iter("h1", "h2", "h3"):
        if wanted and squeeze_space(heading.text_content()) == wanted:
            element: HtmlElement = heading
            while element.getparent() is not None and element.tag != "body":
                element = element.getparent()
                if len(element.text_content()) >= NEIGHBOURHOOD:
                    return element
            return element
    return document


# What sites put between a headline and the parts of a title or a headline line: " - ", " | ",
# "headline: Site" (a colon with a space after it also splits "Topic: headline", on both sides alike)
_PART_SEPARATOR = re.compile(r"\s+[-–—|·:]\s+|:\s+|\s*[|｜_]\s*|\s+--\s+")
HEADLINE_PART = 12  # characters (squeezed) of a shared part at least: a site or section name is shorter


def _parts(text: str) -> set[str]:
    return {squeezed for part in _PART_SEPARATOR.split(text) if (squeezed := squeeze_space(part).casefold())}


def headline_line(lines: list[str], title: str) -> str | None:
    """The visible line that prints the headline of a page whose headline no heading holds: a
    line made only of parts of the ``<title>`` ("headline: Site" shows "headline"; "Site -
    headline - Section" shows "Section : headline"), sharing one of ``HEADLINE_PART`` characters
    or more. The line covering most of the title wins, the first of equals."""
    title_parts = _parts(title)
    best: tuple[int, str] | None = None
    for line in lines:
        if len(line) > 2 * SHORT_LINE:
            continue
        parts = _parts(line)
        if not parts or not parts <= title_parts or max(map(len, parts)) < HEADLINE_PART:
            continue
        covered = sum(map(len, parts))
        if best is None or covered > best[0]:
            best = (covered, line)
    return best[1] if best else None


def headline_stamp(lines: list[str], headline: str, zone: str, times: dict[str, str]) -> tuple[Stamp, bool] | None:
    """The stamp printed nearest the headline: the first stamp line below it, else the nearest
    above it; with True when it sits before the article's running text (a stamp found below the
    first paragraph may be a comment's or an embedded post's). A line that is a ``<time>``
    element's text takes that element's value (its offset is the page's own)."""
    wanted = squeeze_space(headline)
    if not wanted:
        return None
    at = next((index for index, line in enumerate(lines)
               if squeeze_space(line) == wanted or (len(wanted) >= 12 and squeeze_space(line).startswith(wanted))), None)
    if at is None:
        return None
    text_lines = 0  # a standfirst may stand between headline and stamp; two text lines are the article
    for index in range(at + 1, min(len(lines), at + 1 + AFTER)):
        stamp = _line_stamp(lines[index], zone, times)
        if stamp is not None:
            return stamp, text_lines < STANDFIRST
        text_lines += _is_text(lines[index])
    for index in range(at - 1, max(-1, at - 1 - BEFORE), -1):
        stamp = _line_stamp(lines[index], zone, times)
        if stamp is not None:
            return stamp, True
    return None


# A line that shows only a time of day, after at most a short label ("05:01", "6:14 a.m.",
# "Par E. NURDIN - 05:01"): today's stamp on a page that prints the day only for older items.
_BARE_CLOCK = re.compile(r"^(?:[^\d]{0,32}?[\s|·,–—-])?(?P<H>[01]?\d|2[0-3])[:h](?P<M>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?$",
                         re.I)


def headline_clock(lines: list[str], headline: str) -> tuple[int, int] | None:
    """The time of day (hour, minute) of a stamp below the headline that shows only the time,
    before the article's running text; None when a line there holds a date (the dated stamp is
    :func:`headline_stamp`'s) or no such line stands there."""
    wanted = squeeze_space(headline)
    at = next((index for index, line in enumerate(lines) if wanted and squeeze_space(line) == wanted), None)
    if at is None:
        return None
    for line in lines[at + 1:at + 1 + AFTER]:
        if _is_text(line) or stamp_in_line(line, "UTC") is not None:
            return None
        match = _BARE_CLOCK.match(line.strip())
        if match:
            hour, ampm = int(match.group("H")), (match.group("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            return hour, int(match.group("M"))
    return None


_MACHINE_CLOCK = re.compile(r"\d[T ]\d\d:\d\d")  # "2021-11-25T16:11", "2021-11-25 16:11"


def _local_time_labelled_utc(machine: datetime, shown: datetime) -> bool:
    """A ``<time>`` value that says UTC but carries the clock the page shows in its own zone
    ("08.03.2016 | 15:30 Uhr" as ``15:30:55+00:00`` on a Berlin page): a CMS that labels local
    time as UTC. The page's visible word wins."""
    return machine.utcoffset() == timedelta(0) and shown.utcoffset() != timedelta(0) \
        and (machine.date(), machine.hour, machine.minute) == (shown.date(), shown.hour, shown.minute)


def _shown_clock(text: str) -> tuple[int, int] | None:
    """The one 24-hour clock a ``<time>`` element's text shows, when it names no zone and no half
    of the day (a "3:02pm PST" is another zone's clock, not a disagreement)."""
    clocks = list(_CLOCK.finditer(text))
    if len(clocks) != 1 or re.match(r"\s*[^\W\d_]", text[clocks[0].end():]):
        return None  # text squeezed of spaces: "3:02pmPST", "21:17Uhr" have a letter right after
    hour, minute = clocks[0].group(0).split(":")
    return int(hour), int(minute)


def _line_stamp(line: str, zone: str, times: dict[str, str]) -> Stamp | None:
    visible = stamp_in_line(line, zone)
    if len(line) > SHORT_LINE:
        return visible
    # a <time> after an update word ("Aktualisiert: 11.04.2020") is the last change, as in text
    update = _UPDATE_WORD.search(line)
    squeezed = squeeze_space(line[:update.start()] if update else line)
    for text, value in times.items():
        if 0 <= squeezed.find(text) <= LABEL:
            machine = parse_iso(value, zone)
            if machine is None:
                continue
            has_time = visible.has_time if visible is not None else bool(_CLOCK.search(text))
            stated = "T" in value and (value.endswith("Z") or bool(re.search(r"[+-]\d\d:?\d\d$", value)))
            if visible is not None and visible.has_time and _local_time_labelled_utc(machine, visible.value):
                return visible
            local = machine.astimezone(ZoneInfo(zone)) if machine.tzinfo is not None else machine
            if visible is None and (shown := _shown_clock(text)) and _MACHINE_CLOCK.search(value) \
                    and shown not in ((machine.hour, machine.minute), (local.hour, local.minute)):
                # the element's text shows another clock than its value, both in the value's own
                # offset and on the site's clock ("Publié le 27 Mar 20 à 9:21" as 08:21:53+01:00):
                # the page's visible word wins
                return Stamp(machine.replace(hour=shown[0], minute=shown[1], second=0), True, stated)
            return Stamp(machine, has_time and bool(_MACHINE_CLOCK.search(value)), stated)
    return visible
