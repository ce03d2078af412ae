"""Storage behind one interface: embedded SQLite by default, PostgreSQL for fleets."""

from __future__ import annotations

from pathlib import Path

from newsmirror.errors import StoreError
from newsmirror.store.base import ArticleQuery, FeedState, Job, SearchHit, SearchQuery, Store, StoryMember

__all__ = ["ArticleQuery", "FeedState", "Job", "SearchHit", "SearchQuery", "Store", "StoryMember", "open_store"]


def open_store(location: str | Path) -> Store:
    """Open (and migrate) the store named by a path, ``sqlite:PATH`` or ``postgresql://...``."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from newsmirror.store.postgres import PostgresStore  # type: ignore[import-not-found,unused-ignore]
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL support is not installed: pip install 'newsmirror[postgres]'"
            ) from exc
        return PostgresStore(text)  # type: ignore[abstract,no-any-return,unused-ignore]
    if text.startswith("sqlite:"):
        text = text.removeprefix("sqlite:").removeprefix("//")
    from newsmirror.store.sqlite import SQLiteStore

    return SQLiteStore(text)
