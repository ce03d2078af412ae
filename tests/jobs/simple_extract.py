"""A deliberately simple extractor, so job tests check orchestration, not extraction quality."""

from __future__ import annotations

import html
import re

from newsmirror.model import Article, RawDocument

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def simple_extract(raw: RawDocument) -> Article:
    paragraphs = [html.unescape(p) for p in _PARAGRAPH.findall(raw.content)]
    canonical = _CANONICAL.search(raw.content)
    return Article(
        outlet=raw.outlet_hint or "unknown",
        title=raw.title_hint,
        original_url=raw.url,
        canonical_url=html.unescape(canonical.group(1)) if canonical else raw.url,
        published_at=raw.published_hint,
        body_html="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        body_text="\n\n".join(paragraphs),
        guid=raw.guid,
        source_id=raw.source_id,
        origin=raw.origin,
        channel=raw.channel_hint,
    )
