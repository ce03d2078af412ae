"""Take the article HTML out of its container: archive shells, feed items, whole web pages.

A whole web page may itself be a rendered archive container or feed item. Two shapes are
recognised structurally, whatever the outlet: a page of the gfw-breaker page-mirror family
(title, promo headings, the article block, a share trailer) and a feed item (a title heading,
usually a link, followed by the item's content). The cleaner then works on the region only, so
navigation, promos and share trailers never reach it.
"""

from __future__ import annotations

import lxml.html
from lxml.html import HtmlElement

from newsmirror.errors import ExtractionError
from newsmirror.extract.dom import text_of
from newsmirror.extract.profiles import SiteProfile
from newsmirror.extract.webpage import article_html, is_bare_document, parse_document
from newsmirror.ingest.archives import jekyll_body, page_mirror_parts
from newsmirror.model import DocumentKind, RawDocument

_MIRROR_TRAILER = "手机上长按并复制下列链接"


def parse_web_page(raw: RawDocument) -> HtmlElement:
    try:
        return parse_document(raw.content)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ExtractionError(f"{raw.origin or raw.url}: not an HTML page ({exc})") from None


def mirror_region(root: HtmlElement) -> list[HtmlElement] | None:
    """Page mirrors: the elements between the last promo heading and the share trailer."""
    body = root.find("body")
    if body is None:
        return None
    children = list(body)
    for index, child in enumerate(children):
        if child.tag == "hr" and _MIRROR_TRAILER in (child.tail or ""):
            start = index
            while start > 0 and children[start - 1].tag not in ("h4", "h3", "h2"):
                start -= 1
            region = [c for c in children[start:index] if c.tag != "hr"]
            return region or None
    return None


def feed_item_region(root: HtmlElement) -> list[HtmlElement] | None:
    """Feed items rendered as a page: a title heading (usually a link) and one content element."""
    body = root.find("body")
    if body is None:
        return None
    children = [c for c in body if isinstance(c.tag, str)]
    for index, child in enumerate(children[:-1]):
        if child.tag in ("h1", "h2", "h3") and len(children) - index <= 3:
            content = children[index + 1]
            if content.tag in ("div", "article", "section") and len(text_of(content)) > 40:
                return [content]
    return None


def web_page_body(raw: RawDocument, profile: SiteProfile, document: HtmlElement) -> str:
    """The article HTML of a whole page: an archive/feed region when the page is a rendered
    container, the site's article element when its profile knows it, else the best candidate of
    :mod:`.webpage`. ``document`` is consumed."""
    # The feed-item shape (a heading and one content block) is common on ordinary pages too, so
    # only bare documents (no scripts, styles, navigation) are read as rendered containers.
    if is_bare_document(document):
        region = mirror_region(document) or feed_item_region(document)
        if region:
            return "".join(lxml.html.tostring(element, encoding="unicode") for element in region)
    for css in profile.content:
        found = document.cssselect(css)
        if found:
            return "".join(lxml.html.tostring(element, encoding="unicode") for element in found[:1])
    html = article_html(document, raw.url, raw.content)
    if not html:
        raise ExtractionError(f"{raw.origin or raw.url}: no article text found in the page")
    return html


def container_body(raw: RawDocument, profile: SiteProfile, document: HtmlElement | None = None) -> str:
    """The raw article HTML of a document, before cleaning (``document``: the parsed web page)."""
    origin = raw.origin or raw.url
    try:
        if raw.kind == DocumentKind.PAGE_MIRROR:
            return page_mirror_parts(raw.content).body_html
        if raw.kind == DocumentKind.JEKYLL_POST:
            return jekyll_body(raw.content)
    except ValueError as exc:
        raise ExtractionError(f"{origin}: unreadable {raw.kind} container ({exc})") from None
    if raw.kind == DocumentKind.WEB_PAGE:
        if document is None:
            document = parse_web_page(raw)
        return web_page_body(raw, profile, document)
    return raw.content
