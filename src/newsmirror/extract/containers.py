"""Take the article HTML out of its container: archive shells, feed items, whole web pages."""

from __future__ import annotations

import lxml.html
import trafilatura

from newsmirror.errors import ExtractionError
from newsmirror.extract.profiles import SiteProfile
from newsmirror.ingest.archives import jekyll_parts, page_mirror_parts
from newsmirror.model import DocumentKind, RawDocument


def _web_page_body(raw: RawDocument, profile: SiteProfile) -> str:
    """The site's article element when its profile knows it, else trafilatura's main-content guess."""
    try:
        document = lxml.html.document_fromstring(raw.content)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ExtractionError(f"{raw.origin or raw.url}: not an HTML page ({exc})") from None
    for css in profile.content:
        found = document.cssselect(css)
        if found:
            return "".join(lxml.html.tostring(element, encoding="unicode") for element in found[:1])
    guessed = trafilatura.extract(raw.content, url=raw.url or None, output_format="html",
                                  include_images=True, include_links=True, include_comments=False)
    if not guessed:
        raise ExtractionError(f"{raw.origin or raw.url}: no article text found in the page")
    return str(guessed)


def container_body(raw: RawDocument, profile: SiteProfile) -> str:
    """The raw article HTML of a document, before cleaning."""
    origin = raw.origin or raw.url
    try:
        if raw.kind == DocumentKind.PAGE_MIRROR:
            return page_mirror_parts(raw.content).body_html
        if raw.kind == DocumentKind.JEKYLL_POST:
            return jekyll_parts(raw.content).body_html
    except ValueError as exc:
        raise ExtractionError(f"{origin}: unreadable {raw.kind} container ({exc})") from None
    if raw.kind == DocumentKind.WEB_PAGE:
        return _web_page_body(raw, profile)
    return raw.content
