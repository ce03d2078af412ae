"""A report of the small made-up port story the fact tools' tests build (no text of the fact labels)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str) -> Article:
    """One outlet's report: a URL of its own per outlet and body, the story's one date and title."""
    return Article(outlet=outlet, title="港口", original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)
