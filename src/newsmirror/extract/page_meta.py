"""Metadata a whole web page carries in its <head>: title and publication time.

Only WEB_PAGE documents have a head worth reading; archive containers and feed items bring
the same facts as hints.
"""

from __future__ import annotations

import re
from datetime import datetime

import lxml.html

from newsmirror.extract.datelines import parse_iso
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


def document_title(document: lxml.html.HtmlElement) -> str:
    return _first(document, _TITLE_XPATHS)


def page_published(raw: RawDocument) -> datetime | None:
    root = _head(raw)
    return document_published(root, raw.url) if root is not None else None


def document_published(document: lxml.html.HtmlElement, url: str) -> datetime | None:
    value = _first(document, _DATE_XPATHS)
    if not value:
        return None
    return parse_iso(value, profile_for(url).timezone or "UTC")
