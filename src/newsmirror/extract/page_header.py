"""The lines a web page prints around its headline: the visible publication stamp and the byline.

Chinese news pages put "2019-09-07 15:10:53 来源：… 作者：…" (or "2019年09月07日 15:10") just
below the headline, rarely in metadata; when both exist, the visible stamp is what the outlet
states. Only the lines near the headline are read, so dates of related articles further down
the page are never taken.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

from newsmirror.extract.bylines import names_in
from newsmirror.extract.credits import editor_names
from newsmirror.extract.stamps import ZONE_WORDS, squeeze_space

_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "option", "select"})
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
                     "section", "article", "header", "footer", "br", "dd", "dt"})
_SPACE = re.compile(r"\s+")
# A zone named with the stamp: "北京时间", "格林尼治标准时间10:41", "GMT+8", "UTC".
_ZONE_WORD = r"(?:北京|台北|臺北|香港|澳门|澳門|新加坡|格林尼治标准|格林威治标准|格林尼治標準|格林威治標準|格林尼治|格林威治)[时時][间間]"
# A zone abbreviation with a fixed offset, or GMT/UTC, set between date and time ("2018-07-02 HKT 12:58")
# or after the time ("12:58 HKT").
_LATIN_ZONE = r"(?<![A-Za-z])(?:GMT|UTC|" + "|".join(sorted((word.upper() for word in ZONE_WORDS), key=len,
                                                          reverse=True)) + r")(?![A-Za-z])"
_LATIN_ZONE_NEAR = re.compile(_LATIN_ZONE)
# The half of the day a 12-hour clock names: "下午2:25", "晚上8:05", "上午10:30".
_HALF_DAY = r"上午|下午|中午|晚上|晚间|晚間|凌晨|早上|傍晚"
_AFTERNOON = frozenset({"下午", "晚上", "晚间", "晚間", "傍晚"})
# The half of the day written after the time in Latin letters ("发表于2005年09月07日 01:57 PM").
_AM_PM = r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
_STAMP = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    rf"(?:\s*(?:[T（(]|星期.|周.|{_ZONE_WORD}|{_LATIN_ZONE}|\s)*\s*(?P<half>{_HALF_DAY})?\s*(?P<H>\d{{1,2}})\s*[:：時时]\s*(?P<M>\d{{2}})"
    rf"(?:\s*[:：分]\s*(?P<S>\d{{2}}))?{_AM_PM})?"
)
# A stamp without its year ("10-08 12:00", "5月6日 14:25"), as GNE's patterns read them: only
# with a time of day (a bare "10-08" is too often something else), and only when the page gives a
# date to take the year from.
_YEARLESS = re.compile(
    r"(?<![\d/.\-])(?P<m>1[0-2]|0?[1-9])\s*[-/月]\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?"
    rf"\s*(?:星期.|周.|\s)*\s*(?P<half>{_HALF_DAY})?\s*(?P<H>[01]?\d|2[0-3])\s*[:：]\s*(?P<M>[0-5]\d)"
    rf"(?:\s*[:：]\s*(?P<S>[0-5]\d))?(?![\d:]){_AM_PM}"
)
# A stamp whose CMS prints the year with two digits, year first as Chinese dates are ("16-05-17
# 09:22"): only with a time of day and two-digit month and day, so that a bare "16-05-17" (read
# day first elsewhere) or a code is not taken; the century is this one's.
_SHORT_YEAR = re.compile(
    r"(?<![\d/.\-:：])(?P<y>\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d\-])"
    rf"\s*(?P<half>{_HALF_DAY})?\s*(?P<H>[01]?\d|2[0-3])\s*[:：]\s*(?P<M>[0-5]\d)"
    rf"(?:\s*[:：]\s*(?P<S>[0-5]\d))?(?![\d:]){_AM_PM}"
)
# The time of day printed before the date ("14:36 2018/07/27"), read where no time follows the date.
_TIME_BEFORE = re.compile(
    rf"(?<![\d:：])(?P<half>{_HALF_DAY})?\s*(?P<H>[01]?\d|2[0-3])\s*[:：]\s*(?P<M>[0-5]\d)"
    rf"(?:\s*[:：]\s*(?P<S>[0-5]\d))?{_AM_PM}\s*$"
)
_RANGE_ENDS = tuple("0123456789:：-~～至–—")
_UTC_NEAR = re.compile(r"GMT(?![+-]\d)|UTC(?![+-]\d)|格林尼治|格林威治")
_PLUS_EIGHT = re.compile(r"(?:北京|台北|臺北|香港|澳门|澳門|新加坡)[时時][间間]|GMT\s*\+\s*0?8|UTC\s*\+\s*0?8")
WINDOW = 25  # lines after the headline that may hold its stamp and byline


@dataclass(slots=True)
class PageHeader:
    published: datetime | None = None
    has_time: bool = False
    before_text: bool = True  # printed above the article's text, not among or below it
    stated_zone: bool = False  # the stamp names its zone ("北京时间", "GMT"), not read in the site's
    authors: list[str] = field(default_factory=list)
    # named as author and as editor ("作者：甲 责任编辑：甲"): the writer only when nobody else is credited
    editor_authors: list[str] = field(default_factory=list)
    # a bare name on the line under a bare day by the headline: a columnist, when nobody else is credited
    columnists: list[str] = field(default_factory=list)


MAX_BLOCKS = 1500  # headline, stamp and byline sit near the top: the rest of the page is not walked


class _Enough(Exception):
    pass


def visible_lines(document: HtmlElement, max_blocks: int = MAX_BLOCKS) -> list[str]:
    """The page's visible text, one line per block element (the first ``max_blocks`` blocks)."""
    parts: list[str] = []
    blocks = 0

    def walk(element: HtmlElement) -> None:
        nonlocal blocks
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _INVISIBLE or not tag:
            return
        if tag in _BLOCKS:
            parts.append("\n")
            blocks += 1
            if blocks > max_blocks:
                raise _Enough
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKS:
            parts.append("\n")

    body = document.find("body")
    with contextlib.suppress(_Enough):
        walk(body if body is not None else document)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _hour(match: re.Match[str]) -> int:
    hour = int(match.group("H")) if match.group("H") else 0
    ampm = (match.group("ampm") or "")[:1].lower()
    if ampm:
        return hour + 12 if ampm == "p" and hour < 12 else 0 if ampm == "a" and hour == 12 else hour
    half = match.group("half")
    if half in _AFTERNOON and hour < 12:
        return hour + 12
    if half == "中午" and hour < 11:
        return hour + 12
    return 0 if half and half not in _AFTERNOON and half != "中午" and hour == 12 else hour


def _later_than(year: int, month: int, day: int, reference: datetime) -> bool:
    """Whether the day falls after the reference date (with its day of slack, as below)."""
    with contextlib.suppress(ValueError):
        return date(year, month, day) > reference.date() + timedelta(days=1)
    return True


def _year_before(month: int, day: int, reference: datetime) -> int | None:
    """The year of the last month-day on or before the reference date (a day of slack: the
    reference may be the publication's own metadata, an update time, or the address's day)."""
    latest = reference.date() + timedelta(days=1)
    for year in (latest.year, latest.year - 1):
        with contextlib.suppress(ValueError):
            if date(year, month, day) <= latest:
                return year
    return None


# Full-width digits and punctuation ("２０２０年１１月８日 １４：２５"): read as their ASCII forms
# (one character for one, so positions in the line stay valid).
_HALF_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})


def _stamp(line: str, zone: str, reference: datetime | None = None) -> tuple[datetime, bool, bool] | None:
    """(stamp, has a time of day, names its zone) of the first date in ``line``; a stamp naming no zone is
    read in ``zone``."""
    line = line.translate(_HALF_WIDTH)
    match = _STAMP.search(line)
    year: int | None = None
    if match:
        year = int(match.group("y"))
    elif match := _SHORT_YEAR.search(line):
        year = 2000 + int(match.group("y"))
        if reference is not None and _later_than(year, int(match.group("m")), int(match.group("d")), reference):
            return None  # a day after the page's own date: not a year-first stamp
    elif reference is not None and (match := _YEARLESS.search(line)):
        year = _year_before(int(match.group("m")), int(match.group("d")), reference)
    if match is None or year is None:
        return None
    clock: re.Match[str] = match
    if match.re is _STAMP and match.group("H") is None and (before := _TIME_BEFORE.search(line, 0, match.start())) \
            and not line[:before.start()].rstrip().endswith(_RANGE_ENDS):
        clock = before  # not the end of a range of hours ("10:30-14:36"), which times something else
    try:
        hour = _hour(clock)
        minute = int(clock.group("M")) if clock.group("M") else 0
        second = int(clock.group("S")) if clock.group("S") else 0
        # a zone word written with the stamp (between date and time, or right after it) wins
        near = line[match.start():match.end() + 12]
        latin = _LATIN_ZONE_NEAR.search(near)
        plus_eight, utc = _PLUS_EIGHT.search(near), _UTC_NEAR.search(near)
        tz = ZoneInfo("Asia/Shanghai") if plus_eight else ZoneInfo("UTC") if utc \
            else timezone(timedelta(hours=ZONE_WORDS[latin.group(0).lower()])) if latin else ZoneInfo(zone)
        value = datetime(year, int(match.group("m")), int(match.group("d")), hour, minute, second, tzinfo=tz)
    except ValueError:
        return None
    return value, clock.group("H") is not None, bool(plus_eight or utc or latin)


_PROSE_END = re.compile(r"[。！？]")


def _is_prose(line: str) -> bool:
    """A sentence of running text: a date in it is what the story is about, not when it was published."""
    return len(line) > 60 and bool(_PROSE_END.search(line))


SHORT_LINE = 8  # characters: shorter lines between headline and stamp are labels (a desk, "分享")


def line_above_stamp(lines: list[str], limit: int = 400, skip: int = 2) -> str:
    """The line printed just above the page's first stamp line ("发布时间：2019-05-18 来源：…"):
    where Chinese news pages put the headline, over at most ``skip`` short label lines set between
    them ("编译中心", "产生缩网址"). '' when that line does not look like one."""
    for index, line in enumerate(lines[:limit]):
        if index and len(line) <= 60 and not _is_prose(line) and _STAMP.search(line):
            above = index - 1
            while above > 0 and index - above <= skip and len(squeeze_space(lines[above])) < SHORT_LINE \
                    and not _STAMP.search(lines[above]):
                above -= 1
            text = lines[above]
            if SHORT_LINE <= len(squeeze_space(text)) <= 80 and not _STAMP.search(text) and not _is_prose(text):
                return text
            return ""
    return ""


# A "today" widget in the page's top bar ("今天是2019年9月7日 星期六"): the day the page was
# saved, not when the article was published.
_TODAY = re.compile(r"今天是|今日是|今天[:：]|今日[:：]|Today is", re.I)


# A stamp labelled as another article's ("最新推荐文章于 2024-05-07 发布", "上一篇：… 2024-05-01"): a
# widget of related items set between the headline and the page's own stamp.
_OTHER_ITEM = re.compile(r"推荐|推薦|相关|相關|上一篇|下一篇|热门|熱門|延伸阅读|延伸閱讀")
_UPDATE_LABEL = re.compile(r"(?:最后|最後|最近|最新)?(?:更新|修改|修订|修訂)(?:时间|時間|日期|于|於)?\s*[:：]|"
                           r"(?:最后|最後)(?:更新|修改|编辑|編輯)(?:于|於)")
STANDFIRST_LINES = 2  # prose lines after which the article's text has begun
_PUBLISHED_WORD = re.compile(r"(?:发布|發布|发表|發表)(?:时间|時間|日期|于|於)")
# A line that states the publication of the page it is on ("发布于：…", "发布时间：…", "发表于…").
_PUBLISHED_LABEL = re.compile(r"^\W{0,3}(?:发布|發布|发表|發表)(?:于|於|时间|時間|日期)\s*[:：]?\s*(?:19|20)\d\d")


def _window_stamp(window: list[str], zone: str,
                  reference: datetime | None = None) -> tuple[datetime, bool, bool, bool] | None:
    """(stamp, has a time of day, printed before the text, names its zone) of the first stamp line in ``window``;
    a day-only stamp gives way to a later one with the time on the same day, until the text begins."""
    dated: tuple[datetime, bool, bool, bool] | None = None
    updated: tuple[datetime, bool, bool, bool] | None = None
    prose = 0
    for line in window:
        if _is_prose(line):
            prose += 1
            if dated is not None and prose >= STANDFIRST_LINES:
                break  # a stamp among the text or below it is a related item's or a comment's
            continue
        if _TODAY.search(line) or ((found := _STAMP.search(line)) and _OTHER_ITEM.search(line[:found.start()])):
            continue
        label = _UPDATE_LABEL.search(line)
        if label:
            # what follows an update label is the last change: the publication is printed
            # before it, after it under its own label ("更新时间：… 发布时间：…") or on another
            # line; the update is kept only as a last resort
            published = _PUBLISHED_WORD.search(line, label.end())
            change = line[label.start():published.start() if published else len(line)]
            if updated is None and (late := _stamp(change, zone, reference)) is not None:
                updated = (late[0], late[1], prose < STANDFIRST_LINES, late[2])
            line = line[:label.start()] + (" " + line[published.start():] if published else "")
        stamp = _stamp(line, zone, reference)
        if stamp is None:
            continue
        if dated is None:
            dated = (stamp[0], stamp[1], prose < STANDFIRST_LINES, stamp[2])
        elif stamp[1] and not dated[1] and stamp[0].date() == dated[0].date():
            dated = (stamp[0], True, dated[2], stamp[2])
        if dated[1]:
            break
    if dated is not None and not dated[1]:
        # a day by the headline; the page may print the time in a line labelled as the
        # publication further down ("发布于：2015-11-05 11:34" below the text): same day, its time
        for line in window:
            if _PUBLISHED_LABEL.match(line) and (labelled := _stamp(line, zone, reference)) is not None \
                    and labelled[1] and labelled[0].date() == dated[0].date():
                return labelled[0], True, dated[2], labelled[2]
    return dated or updated


def _starts(lines: list[str], headline: str) -> list[int]:
    wanted = squeeze_space(headline)
    if not wanted:
        return []
    bare = [squeeze_space(line) for line in lines]  # once, for both ways the headline may be printed
    found = [index + 1 for index, line in enumerate(bare)
             if line == wanted or (len(wanted) >= 6 and line.startswith(wanted))]
    return found or _split_rows(bare, wanted)


SPLIT_ROWS = 3  # lines a headline may be broken over ("headline" / "its second half")


def split_headline(lines: list[str], headline: str) -> list[int]:
    """Where the page prints ``headline`` broken over up to ``SPLIT_ROWS`` consecutive lines (a
    headline set as a title and its second half, as the ``<title>`` joins them): the index after
    the last piece, for each place."""
    return _split_rows([squeeze_space(line) for line in lines], squeeze_space(headline))


def _split_rows(bare: list[str], wanted: str) -> list[int]:
    """``split_headline`` over lines and a headline already squeezed."""
    ends = []
    for index, joined in enumerate(bare):
        if len(joined) < 4 or len(joined) >= len(wanted) or not wanted.startswith(joined):
            continue
        for end in range(index + 1, min(index + SPLIT_ROWS, len(bare))):
            joined += bare[end]
            if joined == wanted:
                ends.append(end + 1)
            if not wanted.startswith(joined):
                break
    return ends


def _after_headline(line: str, headline: str) -> str:
    """What a line prints after the headline it starts with ("标题2014/12/1 18:13": a stamp set
    on the headline's own line), with its own spacing (squeezing it would glue day and hour)."""
    wanted = len(squeeze_space(headline))
    seen = 0
    for position, char in enumerate(line):
        if seen == wanted:
            return line[position:].strip()
        if not char.isspace():
            seen += 1
    return ""


def read_header(lines: list[str], headline: str, zone: str, headings: tuple[str, ...] = (),
                reference: datetime | None = None) -> PageHeader:
    """Stamp and byline from the lines after the headline: where the page prints it, else where
    it prints one of its ``headings`` (``<h1>`` texts: the title may be worded otherwise), else the
    page's first lines. A headline printed several times (share boxes, sticky bars) is tried at
    each place; the first place with a stamp that has a time of day wins. ``lines``:
    :func:`visible_lines` of the page; ``reference``: a date the page gives elsewhere (metadata, its
    address), for the year of a stamp printed without one."""
    starts, printed = _starts(lines, headline), headline
    for heading in headings:
        if starts:
            break
        starts, printed = _starts(lines, heading), heading
    best: tuple[datetime, bool, bool, bool] | None = None
    best_start = starts[0] if starts else 0
    for start in starts or [0]:
        window = lines[start:start + WINDOW]
        if start and (rest := _after_headline(lines[start - 1], printed)):
            window = [rest, *window]  # the stamp may share the headline's line
        stamp = _window_stamp(window, zone, reference)
        if stamp is not None and (best is None or (stamp[1] and not best[1])):
            best, best_start = stamp, start
            if stamp[1] or _fills_time(reference, stamp[0]):
                # the metadata gives the time of the day printed by the headline: a stamp with a
                # time by a later copy of the headline (a list of related items) is another item's
                break
    header = PageHeader()
    if best is not None:
        header.published, header.has_time, header.before_text, header.stated_zone = best
    window = lines[best_start:best_start + 12]
    for index, line in enumerate(window):
        if _LABEL_ONLY.match(line) and index + 1 < len(window):
            line += window[index + 1]  # "作者：" on one line, the name on the next
        for name in names_in(line):
            if name not in header.authors:
                header.authors.append(name)
    # "2023-08-25 甲" broken over two lines (a columnist's name under the day), above the headline
    # or below it; a weak sign (a site's name may stand there too): taken only when nothing else names
    # a writer
    above = lines[max(0, best_start - 1 - ABOVE):best_start - 1] if starts else []
    for block in (above, window):
        for line, following in zip(block, block[1:], strict=False):
            if _BARE_STAMP.fullmatch(line) and len(following) <= COLUMNIST_NAME:
                header.columnists.extend(name for name in names_in(f"{line} {following}")
                                         if name not in header.columnists)
    # a name the header also credits as the page's editor ("作者：甲 责任编辑：甲") is the web
    # editor's, filled into the author field; the writer is credited elsewhere
    editors = set(editor_names(window))
    header.editor_authors = [name for name in header.authors if name in editors]
    header.authors = [name for name in header.authors if name not in editors]
    return header


_LABEL_ONLY = re.compile(r"^(?:作者|撰文|文|记者|記者)\s*[：:/／]?$")
_BARE_STAMP = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
ABOVE = 3  # lines above the headline where a day and a columnist's name may stand
COLUMNIST_NAME = 3  # characters: a Chinese name (a longer bare line under the day is the site's or a desk's)


def _fills_time(reference: datetime | None, day: datetime) -> bool:
    return reference is not None and reference.time() != datetime.min.time() \
        and reference.astimezone(day.tzinfo).date() == day.date()
