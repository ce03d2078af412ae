"""Storage behind one interface: embedded SQLite by default, PostgreSQL for fleets."""

from __future__ import annotations

import re
from pathlib import Path

from newsmirror.errors import StoreError
from newsmirror.store.base import (
    ArticleQuery,
    FeedState,
    Job,
    SearchHit,
    SearchQuery,
    Store,
    StoryMember,
    article_summary,
    as_stored,
    outlet_counts,
    outlet_key,
    outlet_names,
    search_query,
    spelling_shown,
    spelt_as_among,
)

__all__ = ["ArticleQuery", "FeedState", "Job", "SearchHit", "SearchQuery", "Store", "StoryMember", "article_summary",
           "as_stored", "open_store", "outlet_counts", "outlet_key", "outlet_names", "search_query", "spelling_shown",
           "spelt_as_among"]


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONNINFO = re.compile(r"^\s*(?:host|hostaddr|port|dbname|user|password|service|sslmode)\s*=", re.IGNORECASE)


def open_store(location: str | Path, *, create: bool = True) -> Store:
    """Open (and migrate) the store named by a path, ``sqlite:PATH`` or ``postgresql://...``.

    ``create=False`` refuses a store that does not exist yet (a SQLite file that is not there,
    a PostgreSQL database or schema without newsmirror's tables) instead of making an empty one:
    commands that only read use it, so a mistyped --db is an error, not an empty archive.
    Unknown schemes (``mysql://...``) are always an error."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from newsmirror.store.postgres import PostgresStore  # type: ignore[import-not-found,unused-ignore]
        except ImportError as exc:
            # The checkout's extra, as the README installs it: `pip install 'newsmirror[postgres]'` asked a package
            # index for a project of that name, which is not this checkout (a walk's operator ran it as told).
            raise StoreError(
                f"PostgreSQL support is not installed ({exc}): in the newsmirror checkout, run "
                "`python3 -m pip install -e '.[postgres]'` in this environment"
            ) from exc
        return PostgresStore(text, create=create)  # type: ignore[no-any-return,unused-ignore]
    if text.startswith("sqlite:"):
        text = text.removeprefix("sqlite:").removeprefix("//")
    else:
        if _CONNINFO.match(text):
            # libpq's other form of a connection string: read as a path, it made a SQLite file of that name.
            raise StoreError(
                f"{text!r} reads as a PostgreSQL connection string of key=value words: give it as a URL, "
                "postgresql://USER@HOST:PORT/DBNAME (a SQLite path is a file name)"
            )
        scheme = _SCHEME.match(text)
        # One letter before the colon is a Windows drive (C:\...), not a scheme.
        if scheme and len(scheme.group(1)) > 1:
            raise StoreError(
                f"unknown store location {text!r}: use a file path, sqlite:PATH or postgresql://... "
                f"({scheme.group(1)} is not supported)"
            )
    if not create and not Path(text).is_file():
        raise StoreError(
            f"no store at {text}: check --db (or NEWSMIRROR_DB); `newsmirror import`, `fetch`, `run` "
            "or `demo` create one"
        )
    from newsmirror.store.sqlite import SQLiteStore

    return SQLiteStore(text)
