"""Embedded SQLite store: the default. WAL mode so the reader can query during a fetch run."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from newsmirror.errors import StoreError
from newsmirror.model import Article, Story, UpsertOutcome, Version, utcnow
from newsmirror.store.base import ArticleQuery, FeedState, Job, SearchHit, SearchQuery, StoryMember
from newsmirror.store.changes import ArticleEvent, EventKind
from newsmirror.store.packed import UnreadablePacked, check_packable, inflate_json
from newsmirror.store.queue import (
    BOOKKEEPING_TABLES,
    DERIVED_TABLES,
    parents_first,
    pick_within_host_limits,
    scan_size,
)
from newsmirror.store.rows import (
    article_columns,
    compared_reading_changed,
    event_params,
    feed_state_params,
    from_iso,
    observed_at,
    row_to_article,
    row_to_version,
    to_iso,
    to_utc_iso,
)
from newsmirror.store.schema import foreign_schema, quoted
from newsmirror.store.sql import CONTENT_MARK, DROP_COMPARISONS, SqlStore, in_lists
from newsmirror.text.search_key import (
    KEY_VERSION,
    ParsedQuery,
    fts5_match,
    fts5_term,
    parse_query,
    search_key,
    snippet,
    snippet_query,
)

# Stored together in articles.body_z (the summary repeats the text's start: nearly free there).
BODY_COLUMNS = ("body_html", "body_markdown", "body_text", "summary")
VERSION_BODY_COLUMNS = ("body_html", "body_text")
# Tables of this backend's own bookkeeping, never copied to another backend.
_LOCAL_TABLES = frozenset({"search_meta", "imported_files"})


def pack_bodies(*bodies: str, what: str = "an article") -> bytes:
    """Several renderings of one body in one zlib stream (they repeat each other, so the
    second and third cost a few hundred bytes). Never more than ``unpack_bodies`` reads back (BodyTooLarge)."""
    data = json.dumps(bodies, ensure_ascii=False).encode("utf-8")
    check_packable(data, what)
    return zlib.compress(data, 6)


_NOT_OURS = "the store is damaged or was not written by newsmirror"


def unpack_bodies(blob: bytes) -> list[str]:
    try:
        bodies = inflate_json(blob)
    except UnreadablePacked as exc:
        raise StoreError(f"a stored body {exc}: {_NOT_OURS}") from None
    if not isinstance(bodies, list) or not all(body is None or isinstance(body, str) for body in bodies):
        raise StoreError(f"a stored body is not a list of texts: {_NOT_OURS}")
    return bodies


def _with_bodies(row: sqlite3.Row) -> dict[str, Any]:
    """An articles row as a dict with its bodies decompressed."""
    values = dict(zip(row.keys(), row, strict=True))
    blob = values.get("body_z")
    if blob is not None:
        try:
            values.update(zip(BODY_COLUMNS, unpack_bodies(blob), strict=False))
        except StoreError as exc:
            raise StoreError(f"article {values.get('id')}: {exc}") from None
    return values


def _article(row: sqlite3.Row) -> Article:
    return row_to_article(_with_bodies(row))


# Order keys: search_docs.doc sorts like (published_utc, then article id descending), so that
# FTS5, which walks a match list by rowid, yields the newest first (and equal times by id).
# Seconds since 1990 times 256: FTS5 stores the gaps between rowids as varints, so the keys
# are kept dense (two articles a minute apart differ by 15,360, two bytes); 8 bits of the id
# order articles of the same second (past 256 of them, a few land a second early).
ORDER_KEY_VERSION = 2
_EPOCH = datetime(1990, 1, 1, tzinfo=UTC)
_ID_BITS = 8


def order_key(published_utc: str | None, article_id: str) -> int:
    seconds = 0
    if published_utc:
        seconds = max(0, int((datetime.fromisoformat(published_utc) - _EPOCH).total_seconds()) + 1)
    try:
        id_part = int(article_id[:2], 16)
    except ValueError:
        id_part = article_id.encode("utf-8")[0] if article_id else 0
    # Larger keys come first (descending walk): invert the id so that smaller ids come first.
    return (seconds << _ID_BITS) | ((1 << _ID_BITS) - 1 - id_part)


# Upgrades announce themselves here: unconfigured, logging prints warnings on stderr, so a
# command that opens an old store says why it is silent for minutes instead of looking hung.
log = logging.getLogger(__name__)
ANNOUNCED_REINDEX = 1000  # articles: a smaller backfill takes seconds and is not announced


def _index_version() -> int:
    """What search_meta records: the search key's version and the order key's."""
    return KEY_VERSION * 1000 + ORDER_KEY_VERSION


def migration_scripts(dialect: str) -> list[tuple[int, str, str]]:
    """(number, name, sql) for every packaged migration of a dialect, in order."""
    folder = resources.files("newsmirror.store") / "migrations" / dialect
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            scripts.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(scripts)


_MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"


def _schema_steps() -> tuple[str, ...]:
    """The store's schema as it is made, step by step: the migrations table, then each migration in order, as
    ``_migrate`` runs it (``_split_sql``'s statements, their comments dropped). SQLite keeps a CREATE statement's text
    as it was run: read from the scripts as written, an index, trigger or virtual table with a comment inside its
    statement would differ from the one every store holds, and every store be refused as not ours (review57)."""
    return (_MIGRATIONS_TABLE, *("\n".join(_split_sql(sql)) for _number, _name, sql in migration_scripts("sqlite")))


class SQLiteStore(SqlStore):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the database {self.path}: {exc}") from exc
        try:
            # One connection shared by threads (the web reader's thread pool), guarded by a lock.
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._db.execute("PRAGMA busy_timeout=10000")
        try:
            # The first statement that reads the file: a --db naming some other file fails here.
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path} is not a newsmirror store ({exc}): check --db (or NEWSMIRROR_DB)") from exc
        if tables and "schema_migrations" not in tables:
            # Another program's database: migrating it (even switching it to WAL) would change it.
            self._db.close()
            raise StoreError(f"{self.path} is a SQLite database but not a newsmirror store "
                             f"(tables {', '.join(sorted(tables)[:5])}): check --db (or NEWSMIRROR_DB)")
        # A store may come from elsewhere: before any table is read, nothing in it but our schema may run SQL (a view
        # over a recursive query as search_meta made every command run forever at open, deaf to SIGTERM; a trigger
        # ran on every upsert: safety73). Functions a schema may call are limited to the harmless ones besides.
        self._db.execute("PRAGMA trusted_schema = OFF")
        why = foreign_schema(self._db, *_schema_steps())
        if why is not None:
            self._db.close()
            raise StoreError(f"{self.path} is not a store newsmirror wrote ({why}); nothing was read from it: "
                             "check --db (or NEWSMIRROR_DB)")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()
        self._backfill_search_index()

    # -- plumbing --------------------------------------------------------------
    def _migrate(self) -> None:
        with self._lock:
            self._db.execute(_MIGRATIONS_TABLE)
            applied = {r[0] for r in self._db.execute("SELECT number FROM schema_migrations")}
            pending = [name for number, name, _sql in migration_scripts("sqlite") if number not in applied]
            if applied and pending:  # a store of an earlier version, not a new one
                log.warning("upgrading the store %s to this version (%s); this runs once, and an "
                            "interrupted step is started again next time", self.path, ", ".join(pending))
            for number, name, sql in migration_scripts("sqlite"):
                if number in applied:
                    continue
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    for statement in _split_sql(sql):
                        self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, to_iso(utcnow()))
                    )
                    self._db.execute("COMMIT")
                except sqlite3.Error as exc:
                    self._db.execute("ROLLBACK")
                    raise StoreError(f"migration {name} failed on {self.path}: {exc}") from exc

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, params)

    def transaction(self) -> _Transaction:
        return _Transaction(self)

    def _tuples(self, text: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            cursor = self._db.cursor()
            cursor.row_factory = None  # plain tuples: a sqlite3.Row per row doubled a scan's cost
            return cursor.execute(text, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- articles --------------------------------------------------------------
    def _match(self, article: Article) -> sqlite3.Row | None:
        existing = self.execute("SELECT id, content_hash, version FROM articles WHERE id = ?", (article.id,))
        row = existing.fetchone()
        if row:
            return row
        found = self.find_article_id(url=article.canonical_url, guid=article.guid, source_id=article.source_id)
        if found is None and article.original_url != article.canonical_url:
            found = self.find_article_id(url=article.original_url)
        if found is None:
            hit = self.execute(
                "SELECT id FROM articles WHERE outlet = ? AND content_hash = ? LIMIT 1",
                (article.outlet, article.content_hash),
            ).fetchone()
            found = hit[0] if hit else None
        if found is None:
            return None
        return self.execute(
            "SELECT id, content_hash, version FROM articles WHERE id = ?", (found,)
        ).fetchone()

    def upsert_article(self, article: Article) -> UpsertOutcome:
        stored_at = utcnow()
        now = to_iso(stored_at)
        observed_time = observed_at(article, stored_at)
        observed = to_utc_iso(observed_time)
        with self._lock, self.transaction():
            row = self._match(article)
            columns = article_columns(article)
            columns.update(dict.fromkeys(BODY_COLUMNS, ""),
                           body_z=pack_bodies(article.body_html, article.body_markdown, article.body_text,
                                              article.summary, what=article.original_url or article.id))
            if row is None:
                columns.update(first_seen_at=now, updated_at=now, version=1)
                names = ", ".join(columns)
                marks = ", ".join(f":{name}" for name in columns)
                self._db.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", columns)
                self._insert_version(article, 1, now, observed)
                self._index_for_search(article, None)
                return UpsertOutcome.NEW
            article.id = row["id"]
            columns["id"] = row["id"]
            if row["content_hash"] == article.content_hash:
                return UpsertOutcome.UNCHANGED
            place = self._earlier_place(row["id"], int(row["version"]), observed_time)
            if place is not None:  # an older copy: kept as the version it was, the current text stays
                self._insert_version(article, place, now, observed,
                                     body_z=pack_bodies(article.body_html, article.body_text))
                return UpsertOutcome.UPDATED
            previous = self.get_article(row["id"])
            number = int(row["version"]) + 1
            # The version being replaced keeps its body, compressed (until now it was the article's).
            if previous is not None:
                self._db.execute(
                    "UPDATE versions SET body_z = ?, body_html = '', body_text = '' WHERE article_id = ?"
                    " AND number = ? AND body_z IS NULL AND body_html = '' AND body_text = ''",
                    (pack_bodies(previous.body_html, previous.body_text), row["id"], int(row["version"])),
                )
            columns.update(updated_at=now, version=number)
            assignments = ", ".join(f"{name} = :{name}" for name in columns if name != "id")
            self._db.execute(f"UPDATE articles SET {assignments} WHERE id = :id", columns)
            self._insert_version(article, number, now, observed)
            self._index_for_search(article, previous)
            return UpsertOutcome.UPDATED

    def refresh_article(self, article: Article) -> bool:
        with self._lock, self.transaction():
            plan = self._refresh_plan(article)
            if plan is None:
                return False
            row, stored, columns = plan
            columns.update(dict.fromkeys(BODY_COLUMNS, ""),
                           body_z=pack_bodies(article.body_html, article.body_markdown, article.body_text,
                                              article.summary, what=article.original_url or article.id),
                           refreshed_at=to_iso(utcnow()))
            assignments = ", ".join(f"{name} = :{name}" for name in columns)
            # All or nothing within an import's batch too (a transaction inside it does nothing here): a refresh
            # that fails half way must not leave the article refreshed and its version or index not.
            self._db.execute("SAVEPOINT refresh_article")
            try:
                self._db.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**columns, "id": row["id"]})
                # The current version's body is the article's own (stored there); its date is its own column.
                self._db.execute("UPDATE versions SET published_at = ? WHERE article_id = ? AND number = ?",
                                 (columns["published_at"], row["id"], int(row["version"])))
                if to_utc_iso(stored.published_at) != to_utc_iso(article.published_at):
                    self._index_for_search(article, stored)  # the index's documents are ordered by the time
                if compared_reading_changed(stored, article):
                    self._db.execute(DROP_COMPARISONS, (row["id"],))
            except BaseException:
                self._db.execute("ROLLBACK TO refresh_article")
                raise
            finally:
                self._db.execute("RELEASE refresh_article")
            return True

    def _insert_version(self, article: Article, number: int, seen_at: str | None, observed: str | None,
                        body_z: bytes | None = None) -> None:
        # The current version's body is the article's own: stored once, there (``body_z`` None). A version that
        # is not the current text (an older copy placed before it) keeps its body compressed in ``body_z``.
        self._db.execute(
            "INSERT INTO versions (article_id, number, content_hash, title, body_html, body_text,"
            " published_at, seen_at, observed_at, body_z) VALUES (?, ?, ?, ?, '', '', ?, ?, ?, ?)",
            (article.id, number, article.content_hash, article.title, to_iso(article.published_at), seen_at,
             observed, body_z),
        )

    def get_article(self, article_id: str) -> Article | None:
        row = self.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def versions(self, article_id: str) -> list[Version]:
        rows = self.execute(
            "SELECT v.*, a.version AS current_number, a.body_z AS article_body_z, a.body_html AS article_html,"
            " a.body_text AS article_text FROM versions v JOIN articles a ON a.id = v.article_id"
            " WHERE v.article_id = ? ORDER BY v.number", (article_id,)
        ).fetchall()
        return [row_to_version(_version_values(r)) for r in rows]

    # -- archive imports: files already seen -----------------------------------
    def batch(self) -> _Transaction:
        return self.transaction()

    def known_files(self, hashes: Sequence[str]) -> dict[str, tuple[str | None, str, str]]:
        found: dict[str, tuple[str | None, str, str]] = {}
        for chunk, marks in in_lists(hashes):
            for r in self.execute(f"SELECT * FROM imported_files WHERE hash IN ({marks})", chunk).fetchall():
                found[r["hash"]] = (r["article_id"], r["reason"], r["kind"])
        return found

    def remember_files(self, entries: Sequence[tuple[str, str | None, str, str]]) -> None:
        if entries:
            with self._lock, self.transaction():
                self._db.executemany("INSERT OR REPLACE INTO imported_files VALUES (?, ?, ?, ?)", entries)

    def iter_articles(self, query: ArticleQuery | None = None) -> Iterator[Article]:
        query = query or ArticleQuery()
        clauses, values = query.filters("?", to_utc_iso)
        params: list[Any] = list(values)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        order = "DESC" if query.newest_first else "ASC"
        sql = f"SELECT * FROM articles {where} ORDER BY published_utc {order}, id {order}"
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [query.limit, query.offset]
        # Materialize in pages so a long iteration never holds the lock or a cursor open.
        rows = self.execute(sql, params).fetchall()
        for row in rows:
            yield _article(row)

    def article_hashes(self) -> list[tuple[str, str]]:
        # Plain tuples (ids and hashes are TEXT): a build reads this for every article.
        return self._tuples(f"SELECT id, {CONTENT_MARK} FROM articles ORDER BY published_utc DESC, id DESC")

    def count_articles(self, outlet: str | None = None) -> int:
        if outlet:
            return int(self.execute("SELECT COUNT(*) FROM articles WHERE outlet = ?", (outlet,)).fetchone()[0])
        return int(self.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def stats(self) -> dict[str, object]:
        def grouped(column: str) -> dict[str, int]:
            rows = self.execute(
                f"SELECT {column}, COUNT(*) FROM articles GROUP BY {column} ORDER BY COUNT(*) DESC"
            ).fetchall()
            return {str(r[0]): int(r[1]) for r in rows}

        scalar = lambda sql: int(self.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "articles": scalar("SELECT COUNT(*) FROM articles"),
            "versions": scalar("SELECT COUNT(*) FROM versions"),
            "edited_articles": scalar("SELECT COUNT(*) FROM articles WHERE version > 1"),
            "sources": scalar("SELECT COUNT(*) FROM sources"),
            "stories": scalar("SELECT COUNT(*) FROM stories"),
            "by_outlet": grouped("outlet"),
            "by_channel": grouped("channel"),
            "by_script": grouped("script"),
        }

    # -- sources ---------------------------------------------------------------
    def save_feed_state(self, state: FeedState) -> None:
        self.execute(
            "INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            feed_state_params(state),
        )

    # -- stories ---------------------------------------------------------------
    def save_story(self, story: Story, members: list[StoryMember]) -> None:
        with self._lock, self.transaction():
            self._db.execute(
                "INSERT INTO stories (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at",
                (story.id, story.title, to_iso(story.created_at), to_iso(story.updated_at)),
            )
            self._db.execute("DELETE FROM story_members WHERE story_id = ?", (story.id,))
            # Stories the members come from (a merge moves them here): only these can be left empty.
            left = {story.id}
            for chunk, marks in in_lists([m.article_id for m in members]):
                rows = self._db.execute(
                    f"SELECT DISTINCT story_id FROM story_members WHERE article_id IN ({marks})", chunk
                ).fetchall()
                left.update(str(r[0]) for r in rows)
            now = to_iso(utcnow())
            for m in members:
                self._db.execute(
                    "INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?, ?, ?)",
                    (m.article_id, story.id, m.role, m.duplicate_of, m.score, now),
                )
            # A story whose members all moved elsewhere has nothing left to show. Checked for the
            # stories this save touched only: a scan of every story made grouping slower as the
            # archive grew (the whole table per saved story).
            for story_id in left:
                self._db.execute(
                    "DELETE FROM stories WHERE id = ? AND NOT EXISTS"
                    " (SELECT 1 FROM story_members WHERE story_id = ?)", (story_id, story_id),
                )

    # -- stories: grouping -----------------------------------------------------
    def unassigned_article_ids(self, limit: int | None = None) -> list[str]:
        sql = (
            "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
            " WHERE m.article_id IS NULL ORDER BY COALESCE(a.published_utc, a.fetched_at), a.id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [str(r[0]) for r in self.execute(sql, params).fetchall()]

    # --- postgres helper: job queue and bulk copy -------------------------------
    # SQLite has no SKIP LOCKED: BEGIN IMMEDIATE serializes claims, which is all one machine needs.

    def enqueue_job(self, kind: str, key: str, host: str = "", due_at: datetime | None = None) -> Job:
        due = _queue_time(due_at or utcnow())
        row = self.execute(
            "INSERT INTO jobs (kind, key, host, due_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kind, key) DO UPDATE SET host = excluded.host,"
            " due_at = CASE WHEN jobs.done_at IS NOT NULL THEN excluded.due_at"
            # Re-armed while running: a new due time, which completion then keeps (see complete_job).
            " WHEN jobs.lease_owner IS NOT NULL AND jobs.lease_expires_at > ? THEN excluded.due_at"
            " ELSE MIN(jobs.due_at, excluded.due_at) END, done_at = NULL RETURNING *",
            (kind, key, host, due, _queue_time(utcnow())),
        ).fetchone()
        return _row_to_job(row)

    def claim_jobs(self, worker_id: str, kinds: list[str] | None = None, limit: int = 1,
                   lease_seconds: float = 300, per_host_limit: int | None = None) -> list[Job]:
        if limit <= 0:
            return []
        with self._lock, self.transaction():
            now = utcnow()
            where = ["done_at IS NULL", "due_at <= :now", "(lease_owner IS NULL OR lease_expires_at <= :now)"]
            params: dict[str, object] = {"now": _queue_time(now)}
            if kinds is not None:
                where.append(f"kind IN ({', '.join(f':kind{i}' for i in range(len(kinds)))})")
                params.update({f"kind{i}": kind for i, kind in enumerate(kinds)})
            if per_host_limit is not None:
                # Hosts already at their limit would only fill the scan window: leave them out.
                where.append(
                    "host NOT IN (SELECT host FROM jobs WHERE lease_owner IS NOT NULL AND done_at IS NULL AND host <> ''"
                    " AND lease_expires_at > :now GROUP BY host HAVING COUNT(*) >= :per_host)"
                )
                params["per_host"] = per_host_limit
            candidates = self._db.execute(
                f"SELECT id, host FROM jobs WHERE {' AND '.join(where)} ORDER BY due_at, id LIMIT :scan",
                {**params, "scan": scan_size(limit)},
            ).fetchall()
            live: dict[str, int] = {}
            if per_host_limit is not None and candidates:
                hosts = sorted({c["host"] for c in candidates})
                marks = ", ".join("?" for _ in hosts)
                live = dict(self._db.execute(
                    "SELECT host, COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL AND done_at IS NULL"
                    f" AND lease_expires_at > ? AND host IN ({marks}) GROUP BY host",
                    [_queue_time(now), *hosts],
                ).fetchall())
            chosen = pick_within_host_limits([(c["id"], c["host"]) for c in candidates], live,
                                             per_host_limit, limit)
            if not chosen:
                return []
            expires = _queue_time(now + timedelta(seconds=lease_seconds))
            marks = ", ".join("?" for _ in chosen)
            rows = self._db.execute(
                f"UPDATE jobs SET lease_owner = ?, lease_expires_at = ?, "
                f"attempts = CASE WHEN lease_owner IS NULL AND last_error = '' THEN 1 ELSE attempts + 1 END"
                f" WHERE id IN ({marks}) RETURNING *",
                [worker_id, expires, *chosen],
            ).fetchall()
        return sorted((_row_to_job(r) for r in rows), key=lambda j: (j.due_at or now, j.id))

    def _release(self, job: Job, assignments: str, params: list[Any]) -> bool:
        cursor = self.execute(
            f"UPDATE jobs SET {assignments}, lease_owner = NULL, lease_expires_at = NULL"
            " WHERE id = ? AND lease_owner = ? AND lease_expires_at = ?",
            [*params, job.id, job.lease_owner, _queue_time(job.lease_expires_at)],
        )
        return cursor.rowcount == 1

    def complete_job(self, job: Job, next_due_at: datetime | None = None) -> bool:
        # due_at changed under the lease: the job was re-armed while running; that run is still owed.
        claimed = _queue_time(job.due_at)
        if next_due_at is None:
            return self._release(job, "done_at = CASE WHEN due_at IS NOT ? THEN NULL ELSE ? END, last_error = ''",
                                 [claimed, _queue_time(utcnow())])
        return self._release(job, "due_at = CASE WHEN due_at IS NOT ? THEN MIN(due_at, ?) ELSE ? END,"
                                  " last_error = ''", [claimed, _queue_time(next_due_at), _queue_time(next_due_at)])

    def fail_job(self, job: Job, error: str, retry_at: datetime | None) -> bool:
        if retry_at is None:
            return self._release(job, "done_at = ?, last_error = ?", [_queue_time(utcnow()), error])
        return self._release(job, "due_at = ?, last_error = ?", [_queue_time(retry_at), error])

    def renew_lease(self, job: Job, lease_seconds: float) -> bool:
        now = utcnow()
        expires = now + timedelta(seconds=lease_seconds)
        # Only a live lease: an expired one is free (claimable, not counted against its host's limit) until renewed,
        # and reviving it put a second live lease on a host held to one (reader69).
        cursor = self.execute(
            "UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND lease_expires_at = ?"
            " AND lease_expires_at > ?",
            (_queue_time(expires), job.id, job.lease_owner, _queue_time(job.lease_expires_at), _queue_time(now)),
        )
        if cursor.rowcount != 1:
            return False
        job.lease_expires_at = from_iso(_queue_time(expires))
        return True

    def get_job(self, kind: str, key: str) -> Job | None:
        row = self.execute("SELECT * FROM jobs WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        return _row_to_job(row) if row else None

    def job_counts(self) -> dict[str, int]:
        now = _queue_time(utcnow())
        row = self.execute(
            "SELECT COUNT(*) FILTER (WHERE done_at IS NULL),"
            " COUNT(*) FILTER (WHERE done_at IS NULL AND due_at <= ?),"
            " COUNT(*) FILTER (WHERE done_at IS NULL AND lease_owner IS NOT NULL AND lease_expires_at > ?),"
            " COUNT(*) FILTER (WHERE done_at IS NOT NULL) FROM jobs",
            (now, now),
        ).fetchone()
        return {"pending": int(row[0]), "due": int(row[1]), "leased": int(row[2]), "done": int(row[3])}

    def copy_tables(self) -> list[str]:
        rows = self.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [r["name"] for r in rows if (r["sql"] or "").upper().startswith("CREATE VIRTUAL TABLE")]
        tables = [
            r["name"] for r in rows
            if not r["name"].startswith("sqlite_")
            and r["name"] not in BOOKKEEPING_TABLES | DERIVED_TABLES | _LOCAL_TABLES
            # Full-text indexes (virtual tables and their shadow tables) are derived, not data.
            and not any(r["name"] == v or r["name"].startswith(f"{v}_") for v in virtual)
        ]
        parents = {
            table: {str(fk["table"]) for fk in self.execute(f"PRAGMA foreign_key_list({quoted(table)})").fetchall()}
            for table in tables
        }
        return parents_first(parents)

    def table_columns(self, table: str) -> list[str]:
        # body_z is this backend's storage of the body columns: copies carry the columns.
        return [str(r["name"]) for r in self.execute(f"PRAGMA table_info({quoted(table)})").fetchall()
                if r["name"] != "body_z"]

    def count_rows(self, table: str) -> int:
        return int(self.execute(f"SELECT COUNT(*) FROM {quoted(table)}").fetchone()[0])

    def iter_rows(self, table: str, columns: list[str],
                  batch_size: int = 1000) -> Iterator[list[tuple[object, ...]]]:
        names = ", ".join(map(quoted, columns))
        expand = table in ("articles", "versions")
        if table == "articles":
            names += ", body_z"
        elif table == "versions":
            names += (", body_z, (SELECT a.body_z FROM articles a WHERE a.id = versions.article_id"
                      " AND a.version = versions.number) AS article_body_z")
        last = None
        while True:
            # Keyset paging on rowid: constant cost per batch however far into the table.
            where = "" if last is None else "WHERE rowid > ?"
            rows = self.execute(
                f"SELECT rowid, {names} FROM {quoted(table)} {where} ORDER BY rowid LIMIT ?",
                ([] if last is None else [last]) + [batch_size],
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            if expand:
                yield [_expanded(table, columns, r) for r in rows]
            else:
                yield [tuple(r)[1:] for r in rows]

    def insert_rows(self, table: str, columns: list[str], rows: list[tuple[object, ...]],
                    skip_existing: bool = False) -> None:
        names = ", ".join(map(quoted, columns))
        marks = ", ".join("?" for _ in columns)
        values = [tuple(_sqlite_value(v, table) for v in row) for row in rows]
        verb = "INSERT OR IGNORE" if skip_existing else "INSERT"
        with self._lock, self.transaction():
            self._db.executemany(f"{verb} INTO {quoted(table)} ({names}) VALUES ({marks})", values)

    def finish_bulk_load(self, progress: Callable[[str, int, int], None] | None = None) -> None:
        # AUTOINCREMENT counters follow explicit ids by themselves. The search index is
        # derived: ask for the same backfill that indexes articles older than migration 0002.
        self.execute("INSERT INTO search_backfill (pending) VALUES (1)")
        self._backfill_search_index()
        self.execute("ANALYZE")


    # --- search (web) ---------------------------------------------------------
    def _index_for_search(self, article: Article, previous: Article | None) -> None:
        """Keep the FTS row of an article in step with it; called inside upsert's transaction.
        ``previous`` is the article as it was indexed (the contentless index forgets a row only
        when given the same keys again)."""
        row = self._db.execute("SELECT doc FROM search_docs WHERE article_id = ?", (article.id,)).fetchone()
        if row is not None:
            if previous is not None:
                self._db.execute(
                    "INSERT INTO article_search (article_search, rowid, title_key, body_key)"
                    " VALUES ('delete', ?, ?, ?)", (row[0], *_keys(previous)))
            self._db.execute("DELETE FROM search_docs WHERE doc = ?", (row[0],))
        doc = self._free_doc(order_key(to_utc_iso(article.published_at), article.id))
        self._db.execute("INSERT INTO search_docs (doc, article_id, outlet) VALUES (?, ?, ?)",
                         (doc, article.id, article.outlet))
        self._db.execute("INSERT INTO article_search (rowid, title_key, body_key) VALUES (?, ?, ?)",
                         (doc, *_keys(article)))

    def _free_doc(self, key: int) -> int:
        # Two articles with the same second and id prefix: the later one steps aside.
        while self._db.execute("SELECT 1 FROM search_docs WHERE doc = ?", (key,)).fetchone():
            key -= 1
        return key

    def _backfill_search_index(self) -> None:
        """Index the articles that are not yet (stored before the index existed, or indexed by
        another version of the search key: then the index is rebuilt)."""
        with self._lock:
            meta = self._db.execute("SELECT key_version FROM search_meta").fetchone()
            if meta is None or int(meta[0]) != _index_version():
                with self.transaction():
                    self._db.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
                    self._db.execute("DELETE FROM search_docs")
                    self._db.execute("DELETE FROM search_meta")
                    self._db.execute("INSERT INTO search_meta VALUES (?)", (_index_version(),))
                    self._db.execute("DELETE FROM search_backfill")
                    self._db.execute("INSERT INTO search_backfill SELECT 1 WHERE EXISTS (SELECT 1 FROM articles)")
            if self._db.execute("SELECT 1 FROM search_backfill LIMIT 1").fetchone() is None:
                return
            missing = self._db.execute(
                "SELECT (SELECT COUNT(*) FROM articles) - (SELECT COUNT(*) FROM search_docs)").fetchone()[0]
            if missing >= ANNOUNCED_REINDEX:
                log.warning("indexing %s articles for search in %s (once, after an upgrade: about half a minute "
                            "per 10,000 articles; an interrupted run starts again next time)",
                            f"{missing:,}", self.path)
            with self.transaction():
                rows = self._db.execute(
                    "SELECT * FROM articles WHERE id NOT IN (SELECT article_id FROM search_docs)"
                )
                for row in rows.fetchall() if self.path == ":memory:" else rows:  # streamed
                    self._index_for_search(_article(row), None)
                self._db.execute("DELETE FROM search_backfill")

    def rebuild_search_index(self) -> int:
        """Re-key every article (after the folding or alias table changed); returns how many."""
        with self._lock, self.transaction():
            self._db.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
            self._db.execute("DELETE FROM search_docs")
            self._db.execute("INSERT INTO search_backfill VALUES (1)")
        self._backfill_search_index()
        return self.count_articles()

    def _search_sql(self, match: str, query: SearchQuery, what: str,
                    from_outlet: bool = False) -> tuple[str, list[Any], str]:
        """(sql, params, order column) of the matches of ``match`` that pass the query's filters.
        The usual walk goes down FTS5's match list and tests each match's filters; with
        ``from_outlet`` it goes down the outlet's own documents (index search_docs_outlet) and
        asks FTS5 whether each one matches. Both yield the same rows in the same order."""
        dated = bool(query.since or query.until)
        # Only the exact date tests need the article; the outlet is on search_docs.
        articles = " CROSS JOIN articles a ON a.id = d.article_id" if dated else ""
        clauses: list[str] = []
        params: list[Any] = []
        if from_outlet:
            source, key = "search_docs d" + articles, "d.doc"
            clauses.append("d.outlet = ?")
            params.append(query.outlet)
        else:
            source, key = "article_search", "article_search.rowid"
            clauses.append("article_search MATCH ?")
            params.append(match)
            # A count needs no article ids: every index row is a stored article (articles are
            # never deleted; their rows are replaced in place), so it counts the index alone.
            # CROSS JOIN keeps FTS5 outermost: left to itself, the planner drove a count of a
            # big outlet from the articles table, one FTS5 look-up per article (0.7 s).
            if what != "COUNT(*)" or query.outlet or dated:
                source += " CROSS JOIN search_docs d ON d.doc = article_search.rowid" + articles
            if query.outlet:
                clauses.append("d.outlet = ?")
                params.append(query.outlet)
        bounds, bound_params = _order_key_clauses(key, query)
        clauses += bounds
        params += bound_params
        if query.since:
            clauses.append("a.published_utc >= ?")
            params.append(to_utc_iso(query.since))
        if query.until:
            clauses.append("a.published_utc < ?")
            params.append(to_utc_iso(query.until))
        if from_outlet:
            clauses.append("EXISTS (SELECT 1 FROM article_search WHERE article_search MATCH ?"
                           " AND article_search.rowid = d.doc)")
            params.append(match)
        return f"SELECT {what} FROM {source} WHERE {' AND '.join(clauses)}", params, key

    def _walk_outlet(self, estimate: str, query: SearchQuery) -> bool:
        """Whether to walk the outlet's documents rather than the match list (see _SEEK_COST).
        Walking either until a page is found costs steps in proportion to its length (the
        outlet's documents, or the word's matches, per match in the outlet), so the cheaper
        walk is the shorter list, with a look-up weighed as _SEEK_COST steps. Both lengths
        are counted only up to where the answer is known (LIMIT), from indexes, within the
        query's dates: an outlet of _OUTLET_WALK_MAX documents or more is always walked
        from the match list, which then meets one of its matches every few hundred steps."""
        if not query.outlet:
            return False
        bounds, params = _order_key_clauses("doc", query)
        size = int(self.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM search_docs WHERE "
            + " AND ".join(["outlet = ?", *bounds]) + " LIMIT ?)",
            [query.outlet, *params, _OUTLET_WALK_MAX]).fetchone()[0])
        if size >= _OUTLET_WALK_MAX:
            return False
        enough = size * _SEEK_COST + 1
        bounds, params = _order_key_clauses("article_search.rowid", query)
        try:
            matches = int(self.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM article_search WHERE "
                + " AND ".join(["article_search MATCH ?", *bounds]) + " LIMIT ?)",
                [estimate, *params, enough]).fetchone()[0])
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed for {query.text!r}: {exc}") from exc
        return matches >= enough

    def _matching_ids(self, match: str, estimate: str, query: SearchQuery, limit: int, offset: int) -> list[str]:
        """A page of the matches of ``match``; ``estimate`` (as many matches or more, cheaper
        to count) sizes the match list when choosing the walk."""
        sql, params, key = self._search_sql(match, query, "d.article_id", self._walk_outlet(estimate, query))
        try:
            rows = self.execute(sql + f" ORDER BY {key} DESC LIMIT ? OFFSET ?",
                                [*params, limit, offset]).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed for {query.text!r}: {exc}") from exc
        return [str(r[0]) for r in rows]

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Articles in the order of ``_ranks`` (title matches first, then the others; a query typed
        without spaces, the articles holding it as typed before both), newest first within each
        (then by id). FTS5 walks each match list in that order, so a page stops early instead of
        sorting every match."""
        parsed = parse_query(query.text)
        if parsed.is_empty():
            return []
        every = fts5_match(parsed)
        page: list[tuple[str, float]] = []
        skip = query.offset  # matches of the ranks above still to skip
        ranks = _ranks(parsed)
        for n, (match, score) in enumerate(ranks):
            wanted = query.limit - len(page)
            if wanted <= 0:
                break
            if n < len(ranks) - 1:
                # A rank's matches up to the end of the page: how many there are tells the next rank's skip.
                ids = self._matching_ids(match, match if n == 0 else every, query, skip + wanted, 0)
                page += [(i, score) for i in ids[skip:]]
                skip = max(0, skip - len(ids))
            else:
                ids = self._matching_ids(match, every, query, wanted, skip)
                page += [(i, score) for i in ids]
        if not page:
            return []
        marks = ", ".join("?" for _ in page)
        rows = {r["id"]: r for r in self.execute(f"SELECT * FROM articles WHERE id IN ({marks})",
                                                 [i for i, _ in page]).fetchall()}
        hits = []
        for article_id, score in page:
            if article_id not in rows:
                continue
            article = _article(rows[article_id])
            text = article.body_text or article.summary
            hits.append(SearchHit(article=article, score=score,
                                  snippet=snippet(text, snippet_query(parsed, holds_phrases=score == 3.0))))
        return hits

    def count_search(self, query: SearchQuery) -> int:
        parsed = parse_query(query.text)
        if parsed.is_empty():
            return 0
        match = fts5_match(parsed)
        sql, params, _ = self._search_sql(match, query, "COUNT(*)", self._walk_outlet(match, query))
        try:
            return int(self.execute(sql, params).fetchone()[0])
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed for {query.text!r}: {exc}") from exc

    # --- recheck: edit and deletion tracking ----------------------------------
    def record_article_event(self, event: ArticleEvent) -> None:
        with self._lock, self.transaction():
            cursor = self._db.execute(
                "INSERT INTO article_events (article_id, kind, seen_at, version, detail, http_status,"
                " final_url) VALUES (?, ?, ?, ?, ?, ?, ?)",
                event_params(event),
            )
            event.id = cursor.lastrowid
            if event.kind is EventKind.DELETED:
                self._db.execute("UPDATE articles SET status = 'deleted' WHERE id = ?", (event.article_id,))
            elif event.kind is EventKind.RESTORED:
                self._db.execute("UPDATE articles SET status = 'live' WHERE id = ?", (event.article_id,))


# Search by outlet (SQLiteStore._walk_outlet). One look-up of a document in FTS5 (MATCH plus
# rowid = ?) costs about as much as _SEEK_COST steps down a match list joined to search_docs:
# measured on the real waimei archive (63k articles), 75-155 us per look-up against 0.3-2 us
# per step, so 200 is a middle value; a wrong choice near the boundary costs little, as both
# walks then cost about the same.
_SEEK_COST = 200
# Past this many documents an outlet is walked from the match list: such an outlet meets a
# match every few hundred steps at 1M articles, and counting to here costs well under 1 ms.
_OUTLET_WALK_MAX = 2_000


def _order_key_bounds(query: SearchQuery) -> tuple[int | None, int | None]:
    """Order keys (search_docs.doc) bounding the query's dates: lowest included, highest
    excluded. Whole seconds, with slack, so they never cut a match; the dates themselves are
    tested exactly on the article. Without the upper bound, a newest-first walk for an old
    month of a common word steps over every newer match first (1.3-2.0 s at 1M articles)."""
    low = high = None
    if query.since:
        low = order_key(to_utc_iso(query.since.replace(microsecond=0)), "ff")
    if query.until:
        # Two seconds of slack past ``until``, so rounding never cuts a match.
        high = order_key(to_utc_iso(query.until.replace(microsecond=0) + timedelta(seconds=2)), "00")
    return low, high


def _order_key_clauses(column: str, query: SearchQuery) -> tuple[list[str], list[int]]:
    """The query's date bounds on an order-key column, as SQL clauses and their parameters."""
    low, high = _order_key_bounds(query)
    clauses, params = [], []
    if low is not None:
        clauses.append(f"{column} >= ?")
        params.append(low)
    if high is not None:
        clauses.append(f"{column} < ?")
        params.append(high)
    return clauses, params


def _keys(article: Article) -> tuple[str, str]:
    return search_key(article.title), search_key(article.body_text or article.body_markdown)


def _ranks(parsed: ParsedQuery) -> list[tuple[str, float]]:
    """(FTS5 match, score) of each rank of the shared ranking (``Store.search``), best first; together the
    matches of ``fts5_match(parsed)``, each in one rank. Title: every positive term in the title. A query
    typed without spaces (``parsed.phrases``) first has the articles holding it as typed: in the title, then
    elsewhere."""
    every = fts5_match(parsed)
    in_title = "{title_key} : (" + " AND ".join(fts5_term(t) for t in parsed.positive) + ")"
    if not parsed.phrases:
        return [(fts5_match(parsed, column="title_key"), 2.0), (f"({every}) NOT ({in_title})", 1.0)]
    phrases = " AND ".join(fts5_term(t) for t in parsed.phrases)
    phrases_in_title = "{title_key} : (" + phrases + ")"
    return [(f"({every}) AND ({phrases_in_title})", 4.0),
            (f"(({every}) AND ({phrases})) NOT ({phrases_in_title})", 3.0),
            (f"(({every}) AND ({in_title})) NOT ({phrases})", 2.0),
            (f"(({every}) NOT ({phrases})) NOT ({in_title})", 1.0)]


def _version_values(row: sqlite3.Row) -> dict[str, Any]:
    """A versions row (joined with its article's version, body_z and bodies) with its body:
    compressed for an old version, the article's own for the current one."""
    values = dict(zip(row.keys(), row, strict=True))
    if values["body_z"] is not None:
        values.update(zip(VERSION_BODY_COLUMNS, unpack_bodies(values["body_z"]), strict=True))
    elif not values["body_html"] and not values["body_text"] and values["number"] == values["current_number"]:
        if values["article_body_z"] is not None:
            html, _markdown, text, *_rest = unpack_bodies(values["article_body_z"])
        else:
            html, text = values["article_html"], values["article_text"]
        values.update(body_html=html, body_text=text)
    return values


def _expanded(table: str, columns: list[str], row: sqlite3.Row) -> tuple[object, ...]:
    """A row read for copying, with the body columns filled from body_z."""
    values = dict(zip(columns, tuple(row)[1 : len(columns) + 1], strict=True))
    own = row["body_z"]
    if table == "articles" and own is not None:
        values.update(zip(BODY_COLUMNS, unpack_bodies(own), strict=False))
    elif table == "versions":
        blob = own if own is not None else row["article_body_z"]
        if own is not None:
            values.update(zip(VERSION_BODY_COLUMNS, unpack_bodies(own), strict=True))
        elif blob is not None and not values.get("body_html") and not values.get("body_text"):
            html, _markdown, text, *_rest = unpack_bodies(blob)
            values.update(body_html=html, body_text=text)
    return tuple(values[c] for c in columns)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception; nests by doing nothing inside."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self.outer = False

    def __enter__(self) -> None:
        self.store._lock.acquire()
        if not self.store._db.in_transaction:
            self.store._db.execute("BEGIN IMMEDIATE")
            self.outer = True

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if self.outer:
                self.store._db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.store._lock.release()


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.execute runs one at a time; executescript
    would commit behind our back and break the all-or-nothing migration)."""
    statements, buffer = [], []
    for line in script.splitlines():
        stripped = line.split("--", 1)[0] if not line.lstrip().startswith("--") else ""
        buffer.append(stripped)
        if stripped.rstrip().endswith(";") and sqlite3.complete_statement("\n".join(buffer)):
            statements.append("\n".join(buffer).strip())
            buffer = []
    rest = "\n".join(buffer).strip()
    if rest:
        statements.append(rest)
    return statements


def _queue_time(value: datetime | None) -> str | None:
    """Queue times as UTC text of one fixed width, so that SQL compares them correctly as strings."""
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value is not None else None


def _row_to_job(row: sqlite3.Row) -> Job:
    return Job(
        id=int(row["id"]), kind=row["kind"], key=row["key"], host=row["host"],
        due_at=from_iso(row["due_at"]), lease_owner=row["lease_owner"],
        lease_expires_at=from_iso(row["lease_expires_at"]), attempts=int(row["attempts"]),
        last_error=row["last_error"], done_at=from_iso(row["done_at"]),
    )


def _sqlite_value(value: object, table: str) -> object:
    """Values read from another backend, as SQLite's columns hold them."""
    if isinstance(value, datetime):
        return _queue_time(value) if table == "jobs" else to_utc_iso(value)
    if isinstance(value, bool):
        return int(value)
    return value
