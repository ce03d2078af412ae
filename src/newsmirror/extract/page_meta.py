"""Metadata a whole web page carries in its <head>: title and publication time.

Only WEB_PAGE documents have a head worth reading; archive containers and feed items bring
the same facts as hints.
"""

from __future__ import annotations

import re
from datetime import datetime

import lxml.html

from newsmirror.extract.datelines import parse_iso
from newsmirror.extract.page_header import visible_lines
from newsmirror.extract.profiles import profile_for
from newsmirror.model import DocumentKind, RawDocument

_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='dc.date']/@content",
)
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


def document_title(document: lxml.html.HtmlElement, lines: list[str] | None = None) -> str:
    """The headline: the page's ``<h1>`` (or a heading) that the ``<title>``/og:title contains,
    else that title without the site name the page appends to it ("headline_站名", "headline | Site")."""
    title = re.sub(r"\s+", " ", _first(document, _TITLE_XPATHS)).strip()
    page_title_text = re.sub(r"\s+", " ", _first(document, ("//title/text()",))).strip()
    squeezed = {_squeeze(title), _squeeze(page_title_text)} - {""}
    for heading in document.iter("h1", "h2"):
        text = re.sub(r"\s+", " ", heading.text_content()).strip()
        if len(text) >= 4 and any(_squeeze(text) in candidate for candidate in squeezed):
            return text
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
        return first if len(first) >= 4 and len(first) >= 0.4 * len(longest) else longest
    return title


def page_published(raw: RawDocument) -> datetime | None:
    root = _head(raw)
    return document_published(root, raw.url) if root is not None else None


def document_published(document: lxml.html.HtmlElement, url: str) -> datetime | None:
    value = _first(document, _DATE_XPATHS)
    if not value:
        return None
    return parse_iso(value, profile_for(url).timezone or "UTC")
