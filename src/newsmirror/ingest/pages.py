"""Article pages over HTTP -> RawDocument(kind=WEB_PAGE), carrying the feed item's hints."""

from __future__ import annotations

from dataclasses import replace

from newsmirror.fetch.client import Fetcher, FetchResult
from newsmirror.model import DocumentKind, RawDocument, Source, utcnow


def page_document(result: FetchResult, *, hints: RawDocument | None = None,
                  source: Source | None = None) -> RawDocument:
    """A fetched page as a RawDocument; what the feed said about it travels along as hints."""
    if hints is not None:
        document = replace(hints, kind=DocumentKind.WEB_PAGE, content=result.text, url=result.final_url,
                           fetched_at=utcnow(),
                           extra={**hints.extra})
    else:
        document = RawDocument(kind=DocumentKind.WEB_PAGE, content=result.text, url=result.final_url,
                               origin=result.url, fetched_at=utcnow())
    if result.final_url != result.url:
        document.extra["requested_url"] = result.url
    document.extra["http_encoding"] = result.encoding
    if source is not None:
        document.source_id = source.id
        document.outlet_hint = document.outlet_hint or source.outlet
        document.channel_hint = document.channel_hint or source.channel
    return document


def fetch_page(fetcher: Fetcher, url: str, *, hints: RawDocument | None = None,
               source: Source | None = None, public_only: frozenset[str] | None = None) -> RawDocument:
    """GET an article page (raises the fetch errors) and wrap it for extraction. ``public_only``: see Fetcher.get."""
    result = fetcher.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", public_only=public_only)
    return page_document(result, hints=hints, source=source)
