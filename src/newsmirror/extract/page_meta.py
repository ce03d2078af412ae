"""Metadata a whole web page carries in its <head>: title and publication time.

Only WEB_PAGE documents have a head worth reading; archive containers and feed items bring
the same facts as hints.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import lxml.html

from newsmirror.extract.datelines import parse_iso
from newsmirror.extract.page_header import line_above_stamp, split_headline, visible_lines
from newsmirror.extract.profiles import profile_for
from newsmirror.extract.zones import in_site_zone
from newsmirror.model import DocumentKind, RawDocument

# Publication-time metadata (meta property/name/itemprop), best first; compared in lower case
# because pages write "PubDate" as often as "pubdate". The names are those GNE and htmldate read
# (both public lists), including the ones Chinese CMSs use (PubDate, publishdate, pubtime,
# _pubtime, apub:time, og:time, firstpublishedtime, "weibo: article:create_at"); update times
# (dateUpdate, modified) are not publication times and are left out. Loose names that pages also
# use for other things ("date", "created", "pdate", "ptime") come last.
_DATE_META_NAMES = (
    "article:published_time", "og:published_time", "og:article:published_time", "article:published",
    "article:publish_time", "article:published_date", "article:publicationdate", "article_date_original",
    "rnews:datepublished", "datepublished", "og:datepublished", "pubdate", "og:pubdate", "publishdate",
    "og:publish_date", "publish_date", "publish-date", "published_date", "published-date", "publisheddate",
    "publishtime", "publish-time", "publish_time", "published_time", "published_at", "pubtime", "_pubtime",
    "firstpublishedtime", "apub:time", "og:time", "og:release_date", "weibo: article:create_at",
    "originalpublicationdate", "publication_date", "date_published", "citation_publication_date",
    "citation_date", "dc.date.issued", "dc.date.publication", "dc.date", "dc.date.created", "dc.created",
    "dcterms.issued", "dcterms.created", "dcterms.date", "dcterms:issued", "dcterms:created", "dc:date",
    "dc:created", "sailthru.date", "parsely-pub-date", "bt:pubdate", "cxenseparse:recs:publishtime",
    "shareaholic:article_published_time", "dcsext.articlefirstpublished", "analyticsattributes.articledate",
    "mediator_published_time", "vr:published_time", "twt-published-at", "rbpubdate", "displaydate",
    "dateposted", "datecreated", "date_created", "content_create_date", "article.created", "article.published",
    "date", "created", "pdate", "ptime",
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
# A date (and time) as metadata values write it when not in ISO 8601: "2020-7-12 9:05",
# "2020/07/12", "2020年07月12日 10:30:00", "20200413T16:38:07Z", with an optional offset.
_LOOSE_DATE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d\d)\s*(?:[-./年]\s*)?(?P<m>[01]?\d)\s*(?:[-./月]\s*)?(?P<d>[0-3]?\d)\s*日?"
    r"(?:\s*(?:T|\s)\s*(?P<H>[0-2]?\d)\s*[:时時](?P<M>[0-5]\d)(?:\s*[:分](?P<S>[0-5]\d)(?:\.\d+)?)?\s*(?:秒)?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d\d:?\d\d)?\s*$", re.I)
_EPOCH = re.compile(r"^\s*(1\d{9})(\d{3})?\s*$")  # Unix seconds (or milliseconds) of 2001..2033
_TITLE_XPATHS = ("//meta[@property='og:title']/@content", "//title/text()")


def _head(raw: RawDocument) -> lxml.html.HtmlElement | None:
    if raw.kind != DocumentKind.WEB_PAGE or "<head" not in raw.content[:5000].lower():
        return None
    try:
        return lxml.html.document_fromstring(raw.content)
    except (ValueError, lxml.etree.ParserError):
        return None


def _first(root: lxml.html.HtmlElement, xpaths: tuple[str, ...]) -> str:
    for xpath in xpaths:
        for value in root.xpath(xpath):
            if str(value).strip():
                return str(value).strip()
    return ""


def strip_site_suffix(title: str, url: str) -> str:
    """The headline without what the site appends to it ("… – 法国国际广播电台 - RFI")."""
    suffix = profile_for(url).title_suffix
    if title and suffix:
        title = re.sub(suffix, "", title)
    return re.sub(r"\s+", " ", title).strip()


def page_title(raw: RawDocument) -> str:
    """og:title or <title> of a web page."""
    root = _head(raw)
    return _first(root, _TITLE_XPATHS) if root is not None else ""


_TITLE_SEPARATOR = re.compile(r"\s*(?:\s[-–—|·:]\s|[_|｜]|\s-\s|--)\s*")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def plain_title(document: lxml.html.HtmlElement) -> str:
    """og:title or <title>, as the document gives it."""
    return _first(document, _TITLE_XPATHS)


SHORT_LABEL = 8  # characters: a page title part this short names a section, not an article


def document_title(document: lxml.html.HtmlElement, lines: list[str] | None = None) -> str:
    """The headline: the page's ``<h1>`` (or a heading) that the ``<title>``/og:title contains,
    else that title without the site name the page appends to it ("headline_站名", "headline | Site")."""
    title = re.sub(r"\s+", " ", _first(document, _TITLE_XPATHS)).strip()
    page_title_text = re.sub(r"\s+", " ", _first(document, ("//title/text()",))).strip()
    squeezed = {_squeeze(title), _squeeze(page_title_text)} - {""}
    # the longest heading the title holds: a page may also set its site name in an <h1>
    contained = [text for heading in document.iter("h1", "h2")
                 if len(text := re.sub(r"\s+", " ", heading.text_content()).strip()) >= 4
                 and any(_squeeze(text) in candidate for candidate in squeezed)]
    if contained:
        return max(contained, key=len)
    # a visible line that the title starts with ("headline 站名" with only a space between)
    squeezed_title = _squeeze(page_title_text or title)
    if lines is None:
        lines = visible_lines(document)
    printed = [(line, _squeeze(line)) for line in lines[:400]]  # read by both checks below
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(title) if part.strip()]
    if len(parts) > 1 and len(_squeeze(parts[0])) >= SHORT_LABEL and split_headline(lines[:400], parts[0]):
        # the headline the title starts with, printed broken over lines ("headline" / "second half")
        return parts[0]
    whole = page_title_text or title
    if len(parts) == 1 and split_headline(lines[:400], whole):
        # the whole title printed broken over lines (a two-line headline, the <title> joining them):
        # the headline is all of it, not its first line
        return whole
    prefixes = [line for line, bare in printed
                if len(bare) >= max(6, 0.4 * len(squeezed_title))
                and squeezed_title.startswith(bare) and bare != squeezed_title]
    if prefixes:
        return max(prefixes, key=len)
    if len(parts) > 1:
        # the headline comes first ("headline_频道_站名"), unless that part is only a short label
        first, longest = parts[0].strip(), max(parts, key=len).strip()
        headline = first if len(first) >= 4 and len(first) >= 0.4 * len(longest) else longest
    else:
        headline = title
    bare_headline = _squeeze(headline)
    if len(bare_headline) < SHORT_LABEL or not (any(bare_headline in bare for _line, bare in printed)
                                                or split_headline(lines[:400], headline)):
        # a section name ("新闻动态--学会官网") or a title the page never prints (the site's slogan):
        # not the headline; take the line above the date stamp
        return line_above_stamp(lines) or headline
    return headline


def meta_date(value: str, zone: str) -> datetime | None:
    """A metadata value read as a date: ISO 8601, a looser date and time (see ``_LOOSE_DATE``),
    or Unix seconds or milliseconds. A naive value is read in ``zone``."""
    value = value.strip()
    if not value or len(value) > 40:
        return None
    parsed = parse_iso(value.replace("/", "-"), zone) if "-" in value or "/" in value else None
    if parsed is not None and 1990 <= parsed.year <= 2100:
        return parsed
    loose = _LOOSE_DATE.match(value)
    if loose:
        parts = loose.groupdict()
        offset = (parts["zone"] or "").upper()
        text = (f"{parts['y']}-{int(parts['m']):02d}-{int(parts['d']):02d}T{int(parts['H'] or 0):02d}:"
                f"{parts['M'] or '00'}:{parts['S'] or '00'}"
                + ("+00:00" if offset in ("Z", "UTC", "GMT") else offset if ":" in offset
                   else f"{offset[:3]}:{offset[3:]}" if offset else ""))
        return parse_iso(text, zone)
    epoch = _EPOCH.match(value)
    if epoch:
        return datetime.fromtimestamp(int(epoch.group(1)), tz=UTC)
    if "," in value:  # RFC 2822, as feeds write it: "Mon, 13 Apr 2020 16:38:07 GMT"
        with contextlib.suppress(TypeError, ValueError, IndexError):
            rfc = parsedate_to_datetime(value)
            return rfc if rfc.tzinfo is not None else rfc.replace(tzinfo=ZoneInfo(zone))
    return None


def htmldate_published(document: lxml.html.HtmlElement, url: str, zone: str) -> datetime | None:
    """htmldate's reading of the page's original publication day (its metadata, URL, date-bearing
    elements and timestamps, with its checks against copyright years and future dates): the last
    resort when nothing else dates the page. Local midnight of that day in ``zone``.
    Without htmldate's extensive search of the page's free text: measured on htmldate's own sets
    it dates 2 more pages of ~95 news pages and 12 of 798 BBAW pages, but it costs a tenth to a
    fifth of extraction time on trafilatura-eval, where a fifth of the pages reach this fallback."""
    from htmldate import find_date  # only for the few pages nothing else dates

    try:
        value = find_date(document, url=url or None, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises assorted errors on odd pages; it is the last resort
        return None
    if not value or value.endswith("-01-01"):
        return None  # January 1st is how htmldate reports a bare year (a copyright line, a "today" widget)
    return parse_iso(value, zone)


def page_published(raw: RawDocument) -> datetime | None:
    root = _head(raw)
    return document_published(root, raw.url) if root is not None else None


def _meta_contents(document: lxml.html.HtmlElement, attributes: tuple[str, ...]) -> dict[str, str]:
    """Lower-cased meta key (the value of any of ``attributes``) -> the first non-empty content
    stated under it."""
    found: dict[str, str] = {}
    for meta in document.iter("meta"):
        content = (meta.get("content") or "").strip()
        if content:
            for attribute in attributes:
                found.setdefault((meta.get(attribute) or "").strip().lower(), content)
    return found


def _published_value(document: lxml.html.HtmlElement, url: str, zone: str) -> tuple[datetime, bool] | None:
    """The publication value the page's metadata states (meta tags, then JSON-LD), with whether it states its
    offset; a naive value is read in ``zone``."""
    found = _meta_contents(document, ("property", "name", "itemprop"))
    values = [found[name] for name in _DATE_META_NAMES if name in found]
    for element in document.xpath("//*[@itemprop='datePublished' or @itemprop='datepublished']"):
        values.append(element.get("datetime") or element.get("content") or element.text_content())
    for script in document.xpath("//script[@type='application/ld+json']/text()"):
        values.extend(match.group(1) for match in _JSON_LD_DATE.finditer(str(script)))
    candidates = [(parsed, _states_offset(value)) for value in values if (parsed := meta_date(value, zone))]
    if not candidates:
        return None
    first, stated = candidates[0]
    if not stated:
        # a naive value is a guess at the zone: a value stating its offset within a day of it is
        # the same time told exactly ("2020-08-25|00h23" in one meta, "…T00:23:33Z" in JSON-LD)
        first, stated = next(((value, True) for value, has_offset in candidates[1:]
                              if has_offset and abs(value - first) <= timedelta(hours=26)), (first, False))
    elif first.utcoffset() == timedelta(0):
        # the same instant stated elsewhere in an offset of its own ("…T23:59:50+00:00" in a meta
        # tag, "…T01:59:50+02:00" in JSON-LD): the outlet's clock, its readers' calendar day
        first = next((value for value, has_offset in candidates[1:]
                      if has_offset and value == first and value.utcoffset() != timedelta(0)), first)
    return first, stated


def document_published(document: lxml.html.HtmlElement, url: str, zone: str | None = None) -> datetime | None:
    """The publication time the page's metadata states (meta tags, then JSON-LD); a naive value
    is read in ``zone`` (default: the site profile's zone, else UTC)."""
    zone = zone or profile_for(url).timezone or "UTC"
    found = _published_value(document, url, zone)
    # metadata written in UTC by the CMS: shown on the site's clock, its readers' calendar day
    return in_site_zone(found[0], zone) if found is not None else None


def stated_published(document: lxml.html.HtmlElement, url: str, zone: str | None = None) -> datetime | None:
    """:func:`document_published`'s value as the metadata states it, in the offset it states ("…T02:00:00+00:00"
    stays at 02:00 UTC); None when the value states no offset (read in ``zone``, a guess) or there is none."""
    found = _published_value(document, url, zone or profile_for(url).timezone or "UTC")
    return found[0] if found is not None and found[1] else None


# Update times: not when the article was published, but a year to read a yearless stamp with.
_UPDATE_META_NAMES = ("article:modified_time", "og:updated_time", "datemodified", "dateupdate", "modified_time",
                      "updated_time", "lastmod", "last-modified", "lastmodified", "modified")


def document_updated(document: lxml.html.HtmlElement, zone: str) -> datetime | None:
    """The update time the page's metadata states, if any."""
    found = _meta_contents(document, ("property", "name", "itemprop", "http-equiv"))
    return next((parsed for name in _UPDATE_META_NAMES if name in found and (parsed := meta_date(found[name], zone))),
                None)


_STATED_OFFSET = re.compile(r"(?:Z|UTC|GMT|[+-]\d\d:?\d\d)\s*$", re.I)


def _states_offset(value: str) -> bool:
    """Does a metadata value state its UTC offset (or is it Unix time, which is UTC)?"""
    value = value.strip()
    return bool(_STATED_OFFSET.search(value) or _EPOCH.match(value))


# A publication time kept as Unix seconds in a page script: ``var ct = "1581517074"`` (WeChat
# articles, which show only "昨天" or a day), ``"publish_time": 1581517074``, ``pubTime: "…"``.
# The keys are found with str.find (a regex scan of a whole page costs milliseconds).
_EPOCH_KEYS = ("var ct", "publish_time", "publishTime", "PublishTime", "publishtime", "pub_time", "pubTime",
               "pubtime", "datePublished")
_EPOCH_VALUE = re.compile(r"""\s*["']?\s*[:=]\s*["']?(1\d{9})(?!\d)""")
_EARLIEST_EPOCH, _LATEST_EPOCH = 946684800, 2208988800  # 2000-01-01 .. 2040-01-01


def script_published(content: str) -> datetime | None:
    """The publication instant a page script states in Unix seconds (UTC, so no zone guess)."""
    for key in _EPOCH_KEYS:
        index = content.find(key)
        while index >= 0:
            match = _EPOCH_VALUE.match(content, index + len(key))
            if match and _EARLIEST_EPOCH <= int(match.group(1)) < _LATEST_EPOCH:
                return datetime.fromtimestamp(int(match.group(1)), tz=UTC)
            index = content.find(key, index + len(key))
    return None
