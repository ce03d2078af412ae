"""Metadata a whole web page carries in its <head>: title and publication time.

Only WEB_PAGE documents have a head worth reading; archive containers and feed items bring
the same facts as hints.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import lxml.html

from newsmirror.extract.datelines import parse_iso
from newsmirror.extract.page_header import line_above_stamp, visible_lines
from newsmirror.extract.profiles import profile_for
from newsmirror.model import DocumentKind, RawDocument

# Publication-time metadata (meta property/name/itemprop), best first; compared in lower case
# because pages write "PubDate" as often as "pubdate".
_DATE_META_NAMES = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                    "publish_date", "publishtime", "publish-time", "dc.date.issued", "dc.date", "dcterms.issued",
                    "dcterms.created", "dcterms:issued", "dcterms:created", "dc:date", "sailthru.date", "parsely-pub-date")
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
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
    prefixes = [line for line in lines[:400]
                if len(_squeeze(line)) >= max(6, 0.4 * len(squeezed_title))
                and squeezed_title.startswith(_squeeze(line)) and _squeeze(line) != squeezed_title]
    if prefixes:
        return max(prefixes, key=len)
    parts = [part for part in _TITLE_SEPARATOR.split(title) if part.strip()]
    if len(parts) > 1:
        # the headline comes first ("headline_频道_站名"), unless that part is only a short label
        first, longest = parts[0].strip(), max(parts, key=len).strip()
        headline = first if len(first) >= 4 and len(first) >= 0.4 * len(longest) else longest
    else:
        headline = title
    if len(_squeeze(headline)) < SHORT_LABEL:
        # a section name ("新闻动态--学会官网"), not a headline: take the line above the date stamp
        return line_above_stamp(lines) or headline
    return headline


def page_published(raw: RawDocument) -> datetime | None:
    root = _head(raw)
    return document_published(root, raw.url) if root is not None else None


def document_published(document: lxml.html.HtmlElement, url: str, zone: str | None = None) -> datetime | None:
    """The publication time the page's metadata states (meta tags, then JSON-LD); a naive value
    is read in ``zone`` (default: the site profile's zone, else UTC)."""
    zone = zone or profile_for(url).timezone or "UTC"
    found: dict[str, str] = {}
    for meta in document.iter("meta"):
        content = (meta.get("content") or "").strip()
        if content:
            for attribute in ("property", "name", "itemprop"):
                found.setdefault((meta.get(attribute) or "").strip().lower(), content)
    values = [found[name] for name in _DATE_META_NAMES if name in found]
    values += [str(v) for v in document.xpath("//*[@itemprop='datePublished']/@datetime")]
    for value in values:
        parsed = parse_iso(value.replace("/", "-"), zone)
        if parsed is not None:
            return parsed
    for script in document.xpath("//script[@type='application/ld+json']/text()"):
        match = _JSON_LD_DATE.search(str(script))
        if match:
            parsed = parse_iso(match.group(1), zone)
            if parsed is not None:
                return parsed
    return None


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
