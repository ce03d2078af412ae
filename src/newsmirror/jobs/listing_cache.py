"""What a build remembers of every article for its listings: ``out/.cache/listing.sqlite``.

One row per article (its listing entry, content fingerprint and story signature, under the
content mark it was made from: ``Store.article_hashes``, the content hash and when the article was
last refreshed in place), so an incremental build reads from the store only the articles
whose content mark changed, and writes back only their rows: as one JSON file the cache was
~50 MB for the whole real archive, parsed and written again in full by every build that
changed anything. The JSON file of an older version (``listing.json``) is still read, then
replaced.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsmirror.publish.manifest import OutputError, open_ours, updating

CACHE_NAME = "listing.sqlite"
LEGACY_NAME = "listing.json"
COLUMNS = ("content_hash", "title", "outlet", "channel", "published", "url", "summary", "lang", "content_print",
           "signature")
_SCHEMA = ("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
           "CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, " + ", ".join(COLUMNS) + ") WITHOUT ROWID;")
Row = Sequence[Any]  # the values of COLUMNS, content hash first


class ListingCache:
    """Article id -> :data:`Row`, as the last build with the same options left it."""

    def __init__(self, folder: Path, options_key: str) -> None:
        self.path = folder / CACHE_NAME
        self.legacy = folder / LEGACY_NAME
        self.options_key = options_key
        self.rows: dict[str, Row] = {}
        self._rewrite_all = True
        self._foreign = False
        try:
            self._load()
        except (OSError, ValueError, KeyError, TypeError, sqlite3.Error):
            self.rows = {}  # a cache: unreadable, it is made again (every article read once)
        except OutputError:
            # Not a file we wrote (a view, a trigger: publish.manifest.foreign_schema): never read nor written
            # through; replaced by a new one when saved.
            self.rows, self._foreign = {}, True

    def _load(self) -> None:
        if self.legacy.exists():  # written after our file by an older version (ours deletes it)
            cached = json.loads(self.legacy.read_text(encoding="utf-8"))
            if cached.get("options") == self.options_key:
                self.rows = {k: v for k, v in cached["articles"].items() if isinstance(v, list) and len(v) == len(COLUMNS)}
            return
        if not self.path.exists():
            return
        with contextlib.closing(open_ours(self.path, _SCHEMA, "the listing cache")) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("options") != self.options_key:
                return
            # The id last: a row is then its values as they are, no copy per article.
            self.rows = {r[-1]: r for r in db.execute("SELECT " + ", ".join(COLUMNS) + ", id FROM articles")}
        self._rewrite_all = False

    def save(self, rows: dict[str, Row], changed: list[str]) -> None:
        """Keep ``rows`` (every article listed); ``changed``: the ids whose rows are new."""
        gone = [k for k in self.rows if k not in rows]
        if not (self._rewrite_all or gone or changed):
            return  # an unchanged store leaves the file as it was
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._foreign or self.path.is_symlink():
            self.path.unlink(missing_ok=True)
            self._foreign = False
        marks = ", ".join("?" * (len(COLUMNS) + 1))
        with updating(self.path, _SCHEMA, "the listing cache") as db:
            if self._rewrite_all:
                db.execute("DELETE FROM articles")
                changed = list(rows)
            db.executemany("DELETE FROM articles WHERE id = ?", ((k,) for k in gone))
            db.executemany(f"INSERT OR REPLACE INTO articles VALUES ({marks})",
                           ((k, *rows[k][: len(COLUMNS)]) for k in changed))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('options', ?)", (self.options_key,))
        self.legacy.unlink(missing_ok=True)
        self.rows, self._rewrite_all = rows, False
