"""PostgreSQL store (psycopg 3): the same behaviour as SQLite, for many workers on many machines.

The schema mirrors SQLite's column for column (see migrations/postgres/0001_core.sql), so both
backends share the row-level semantics and `newsmirror migrate` copies rows unchanged. One
connection per store object, guarded by a lock like SQLiteStore; each worker process opens its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, cast

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from newsmirror.errors import StoreError
from newsmirror.model import Article, Story, UpsertOutcome, utcnow
from newsmirror.store import pg_search
from newsmirror.store.base import ArticleQuery, FeedState, Job, SearchHit, SearchQuery, StoryMember
from newsmirror.store.changes import ArticleEvent, EventKind
from newsmirror.store.queue import (
    BOOKKEEPING_TABLES,
    DERIVED_TABLES,
    parents_first,
    scan_size,
)
from newsmirror.store.rows import (
    article_columns,
    compared_reading_changed,
    event_params,
    feed_state_params,
    observed_at,
    row_to_article,
    to_iso,
    to_utc_iso,
)
from newsmirror.store.sql import CONTENT_MARK, DROP_COMPARISONS, SqlStore
from newsmirror.store.sqlite import ANNOUNCED_REINDEX, migration_scripts
from newsmirror.text.search_key import ParsedQuery, parse_query, snippet_query

log = logging.getLogger(__name__)

# Any constant works: it only has to be the same for every process migrating this database.
_MIGRATION_LOCK = 0x6E6D_6D69  # "nmmi"
_BACKFILL_LOCK = 0x6E6D_6269  # "nmbi"
# Body chunks holding all of a phrase's words from which walking newest-first beats the GIN index.
_WALK_AT = 1000


def connect(dsn: str, **options: Any) -> psycopg.Connection[Any]:
    """A connection that speaks UTF-8 whatever the environment or the DSN asks: every connection newsmirror opens.

    libpq takes the client encoding from ``PGCLIENTENCODING``, a ``client_encoding`` in the DSN or a ``-c
    client_encoding=`` in its ``options`` (or ``PGOPTIONS``), and psycopg encodes and decodes text in it. On a UTF8
    database (measured, PostgreSQL 15, session 47) LATIN1 or BIG5 failed every Chinese article at import ("'latin-1'
    codec can't encode") and `stats`, `search` and `stories list` in tracebacks; GBK stopped the first migration
    (characters GBK does not have); SQL_ASCII imported 160 of 166 and then read text back as bytes (`search` ended in
    "fromisoformat: argument must be str"). newsmirror passes Python text only, so the connection is always UTF8: the
    keyword wins over all four (checked on each), and the setting stays the operator's for psql and other tools."""
    return psycopg.connect(dsn, client_encoding="UTF8", **options)


def _display_dsn(dsn: str) -> str:
    """The DSN without its password, for error messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "the PostgreSQL server"
    return f"postgresql://{info.get('user', '')}@{info.get('host', 'localhost')}:{info.get('port', 5432)}/{info.get('dbname', '')}"


def _reason(exc: Exception) -> str:
    """libpq's reason on one line, without its indented hint lines ("\tIs the server running on that host and
    accepting TCP/IP connections?"): the error said it on a second line, then asked our own question after it."""
    lines = [line for line in str(exc).splitlines() if line.strip() and not line[:1].isspace()]
    return "; ".join(" ".join(line.split()) for line in lines) or type(exc).__name__


_NO_JIT = "SET LOCAL jit = off"  # see PostgresStore.search


class PostgresStore(SqlStore):
    placeholder = "%s"
    # ISO timestamps kept as text compare byte by byte, as in SQLite, whatever the database's collation.
    byte_order = ' COLLATE "C"'

    def __init__(self, dsn: str, *, create: bool = True) -> None:
        self.dsn = dsn
        try:
            self._db = connect(dsn, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to {_display_dsn(dsn)}: {_reason(exc)} "
                "(is the server running, and do the user, password and database exist?)"
            ) from exc
        self._lock = threading.RLock()
        self._check_encoding()
        if not create:
            found = self._db.execute("SELECT to_regclass('schema_migrations') IS NOT NULL AS ok").fetchone()
            if not (found and found["ok"]):
                self._db.close()
                raise StoreError(
                    f"no newsmirror store in {_display_dsn(dsn)} (no tables in its schema): check --db "
                    "(or NEWSMIRROR_DB); `newsmirror migrate --to` or `import` create one"
                )
        self._migrate()
        self._backfill_search_index()

    # -- plumbing --------------------------------------------------------------
    def _check_encoding(self) -> None:
        """Refuse a database that cannot hold Chinese text, before anything is read or written.

        A database created in another encoding (``SQL_ASCII``, what ``createdb`` gives on a cluster made under the C
        or POSIX locale without ``-E UTF8``; ``LATIN1``; ...): in SQL_ASCII an import took the corpus's articles but
        they read back as bytes (outlets listed as b'\\xe5...', search ended in a traceback; 6 of 166 failed with
        "operator does not exist: text = bytea"); in LATIN1 every Chinese one failed ("'latin-1' codec can't
        encode"). The database's collation is not checked: every order newsmirror relies on compares byte-wise
        (``COLLATE "C"`` on ids and times), and a database in ICU's Chinese collation built the same site, stories and
        search results as one in C (session 46); the README still asks for C (``createdb -T template0 -E UTF8
        --locale=C``)."""
        row = self._db.execute("SELECT current_setting('server_encoding') AS encoding,"
                               " current_setting('client_encoding') AS client").fetchone()
        # An SQL_ASCII connection returns text as bytes.
        encoding, client = (value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)
                            for value in ((row["encoding"], row["client"]) if row else ("", "")))
        if client.upper() != "UTF8":  # connect() asks for UTF8; a server (or a pooler) that did not give it
            self._db.close()
            raise StoreError(
                f"{_display_dsn(self.dsn)} gave a connection in client encoding {client} although newsmirror asked "
                "for UTF8 (a connection pooler that drops it?): Chinese text would be refused or read back as bytes"
            )
        if encoding.upper() != "UTF8":
            self._db.close()
            raise StoreError(
                f"{_display_dsn(self.dsn)} is a database in {encoding}, which cannot store Chinese text: newsmirror "
                "needs a UTF8 database; create one (`createdb -T template0 -E UTF8 --locale=C NAME`, as the README "
                "says) and point --db at it"
            )

    def _migrate(self) -> None:
        with self._lock:
            try:
                with self._db.transaction():
                    # Several workers may start at once: one migrates, the others wait and see it done.
                    self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    self._db.execute(
                        "CREATE TABLE IF NOT EXISTS schema_migrations"
                        " (number INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
                    )
                    applied = {r["number"] for r in self._db.execute("SELECT number FROM schema_migrations")}
                    pending = [name for number, name, _script in migration_scripts("postgres") if number not in applied]
                    if applied and pending:  # a store of an earlier version (as SQLiteStore says it)
                        log.warning("upgrading the store %s to this version (%s); this runs once, and an "
                                    "interrupted step is started again next time", _display_dsn(self.dsn),
                                    ", ".join(pending))
                    for number, name, script in migration_scripts("postgres"):
                        if number in applied:
                            continue
                        self._db.execute(script.encode("utf-8"))
                        self._db.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                                         (number, name, to_iso(utcnow())))
            except psycopg.Error as exc:
                raise StoreError(f"migrating {_display_dsn(self.dsn)} failed: {str(exc).strip()}") from exc

    def execute(self, query: Any, params: Any = None) -> psycopg.Cursor[dict[str, Any]]:
        with self._lock:
            return self._db.execute(query, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock, self._db.transaction():
            yield

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- articles --------------------------------------------------------------
    def _match(self, article: Article) -> dict[str, Any] | None:
        """The stored row this article is, in SQLiteStore's order (id; GUID within the source;
        canonical URL; original URL; content hash within the outlet), in one round trip.
        FOR UPDATE: two workers storing the same article serialize here instead of both
        writing version n+1."""
        return self.execute(
            "SELECT id, content_hash, version FROM articles"
            " WHERE id = %(id)s OR (source_id = %(source)s AND guid = %(guid)s)"
            " OR canonical_url IN (%(canonical)s, %(original)s) OR original_url IN (%(canonical)s, %(original)s)"
            " OR (outlet = %(outlet)s AND content_hash = %(hash)s)"
            " ORDER BY CASE WHEN id = %(id)s THEN 0"
            " WHEN source_id = %(source)s AND guid = %(guid)s THEN 1"
            " WHEN %(canonical)s IN (canonical_url, original_url) THEN 2"
            " WHEN %(original)s IN (canonical_url, original_url) THEN 3 ELSE 4 END"
            " LIMIT 1 FOR UPDATE",
            {"id": article.id, "source": article.source_id, "guid": article.guid or None,
             "canonical": article.canonical_url or None, "original": article.original_url or None,
             "outlet": article.outlet, "hash": article.content_hash},
        ).fetchone()

    def upsert_article(self, article: Article) -> UpsertOutcome:
        for attempt in range(3):
            try:
                return self._upsert_once(article)
            except psycopg.errors.UniqueViolation:
                # Another worker inserted the same article between our lookup and insert:
                # look again, it is now an existing article.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _upsert_once(self, article: Article) -> UpsertOutcome:
        stored_at = utcnow()
        now = to_iso(stored_at)
        observed_time = observed_at(article, stored_at)
        observed = to_utc_iso(observed_time)
        with self.transaction():
            row = self._match(article)
            columns = article_columns(article)
            columns["published_utc"] = article.published_at.astimezone(UTC) if article.published_at else None
            if row is None:
                columns.update(first_seen_at=now, updated_at=now, version=1)
                self._db.execute(
                    sql.SQL("INSERT INTO articles ({}) VALUES ({})").format(
                        sql.SQL(", ").join(map(sql.Identifier, columns)),
                        sql.SQL(", ").join(map(sql.Placeholder, columns)),
                    ),
                    columns,
                )
                self._insert_version(article, 1, now, observed)
                self._index(article)
                return UpsertOutcome.NEW
            article.id = row["id"]
            columns["id"] = row["id"]
            if row["content_hash"] == article.content_hash:
                return UpsertOutcome.UNCHANGED
            place = self._earlier_place(row["id"], int(row["version"]), observed_time)
            if place is not None:  # an older copy: kept as the version it was, the current text stays
                self._insert_version(article, place, now, observed)
                return UpsertOutcome.UPDATED
            number = int(row["version"]) + 1
            columns.update(updated_at=now, version=number)
            self._db.execute(
                sql.SQL("UPDATE articles SET {} WHERE id = %(id)s").format(
                    sql.SQL(", ").join(
                        sql.SQL("{} = {}").format(sql.Identifier(name), sql.Placeholder(name))
                        for name in columns if name != "id"
                    )
                ),
                columns,
            )
            self._insert_version(article, number, now, observed)
            self._index(article)
            return UpsertOutcome.UPDATED

    def refresh_article(self, article: Article) -> bool:
        with self.transaction():
            plan = self._refresh_plan(article)
            if plan is None:
                return False
            row, stored, columns = plan
            columns.update(published_utc=article.published_at.astimezone(UTC) if article.published_at else None,
                           refreshed_at=to_iso(utcnow()))
            self._db.execute(
                sql.SQL("UPDATE articles SET {} WHERE id = %(id)s").format(sql.SQL(", ").join(
                    sql.SQL("{} = {}").format(sql.Identifier(name), sql.Placeholder(name)) for name in columns)),
                {**columns, "id": row["id"]})
            # Each version keeps its own body here: the current one's follows the article's, as its date.
            self._db.execute("UPDATE versions SET published_at = %s, body_html = %s, body_text = %s"
                             " WHERE article_id = %s AND number = %s",
                             (columns["published_at"], article.body_html, article.body_text, row["id"],
                              int(row["version"])))
            if stored.published_at != article.published_at:
                self._index(article)  # the index's rows carry the time
            if compared_reading_changed(stored, article):
                self.execute(self._sql(DROP_COMPARISONS), (row["id"],))
            return True

    def article_hashes(self) -> list[tuple[str, str]]:
        # As iter_articles orders them (undated last), without reading the articles.
        return self._tuples(f"SELECT id, {CONTENT_MARK} FROM articles"
                            " ORDER BY published_utc DESC NULLS LAST, id DESC")

    def _index(self, article: Article) -> None:
        published = article.published_at.astimezone(UTC) if article.published_at else None
        self._db.execute("DELETE FROM search_index WHERE article_id = %s", (article.id,))
        with self._db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_index (article_id, part, published_utc, document, outlet)"
                " VALUES (%s, %s, %s, %s::tsvector, %s)",
                [(article.id, part, published, vector, article.outlet) for part, vector in
                 pg_search.document_rows(article.title, article.body_text or article.body_markdown)],
            )

    def iter_articles(self, query: ArticleQuery | None = None) -> Iterator[Article]:
        query = query or ArticleQuery()
        clauses, values = query.filters("%s", lambda instant: instant)  # psycopg takes a datetime as it is
        params: list[Any] = list(values)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        # SQLite sorts NULL below every value; say so explicitly to get the same order here.
        order = "DESC NULLS LAST" if query.newest_first else "ASC NULLS FIRST"
        direction = "DESC" if query.newest_first else "ASC"
        text = f"SELECT * FROM articles {where} ORDER BY published_utc {order}, id {direction}"
        if query.limit is not None:
            text += " LIMIT %s OFFSET %s"
            params += [query.limit, query.offset]
        rows = self.execute(text.encode(), params).fetchall()
        for row in rows:
            yield row_to_article(row)

    def count_articles(self, outlet: str | None = None) -> int:
        if outlet:
            row = self.execute("SELECT COUNT(*) AS n FROM articles WHERE outlet = %s", (outlet,)).fetchone()
        else:
            row = self.execute("SELECT COUNT(*) AS n FROM articles").fetchone()
        return int(row["n"]) if row else 0

    def stats(self) -> dict[str, object]:
        def grouped(column: str) -> dict[str, int]:
            rows = self.execute(
                sql.SQL("SELECT {c} AS k, COUNT(*) AS n FROM articles GROUP BY {c} ORDER BY COUNT(*) DESC").format(
                    c=sql.Identifier(column)
                )
            ).fetchall()
            return {str(r["k"]): int(r["n"]) for r in rows}

        def scalar(text: str) -> int:
            row = self.execute(text.encode()).fetchone()
            return int(row["n"]) if row else 0

        return {
            "articles": scalar("SELECT COUNT(*) AS n FROM articles"),
            "versions": scalar("SELECT COUNT(*) AS n FROM versions"),
            "edited_articles": scalar("SELECT COUNT(*) AS n FROM articles WHERE version > 1"),
            "sources": scalar("SELECT COUNT(*) AS n FROM sources"),
            "stories": scalar("SELECT COUNT(*) AS n FROM stories"),
            "by_outlet": grouped("outlet"),
            "by_channel": grouped("channel"),
            "by_script": grouped("script"),
        }

    # -- sources ---------------------------------------------------------------
    def save_feed_state(self, state: FeedState) -> None:
        self.execute(
            "INSERT INTO feed_state VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (source_id) DO UPDATE"
            " SET etag = excluded.etag, last_modified = excluded.last_modified,"
            " last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at,"
            " consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error,"
            " next_due_at = excluded.next_due_at",
            feed_state_params(state),
        )

    # -- stories ---------------------------------------------------------------
    def save_story(self, story: Story, members: list[StoryMember]) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO stories (id, title, created_at, updated_at) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at",
                (story.id, story.title, to_iso(story.created_at), to_iso(story.updated_at)),
            )
            self._db.execute("DELETE FROM story_members WHERE story_id = %s", (story.id,))
            # Stories the members come from (a merge moves them here): only these can be left empty.
            left = {story.id}
            ids = [m.article_id for m in members]
            if ids:
                rows = self._db.execute(
                    "SELECT DISTINCT story_id FROM story_members WHERE article_id = ANY(%s)", (ids,)
                ).fetchall()
                left.update(str(r["story_id"]) for r in rows)
            now = to_iso(utcnow())
            for m in members:
                self._db.execute(
                    "INSERT INTO story_members VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (article_id)"
                    " DO UPDATE SET story_id = excluded.story_id, role = excluded.role,"
                    " duplicate_of = excluded.duplicate_of, score = excluded.score, joined_at = excluded.joined_at",
                    (m.article_id, story.id, m.role, m.duplicate_of, m.score, now),
                )
            # A story whose members all moved elsewhere has nothing left to show. Checked for the
            # stories this save touched only: a scan of every story made grouping slower as the
            # archive grew (the whole table per saved story).
            self._db.execute(
                "DELETE FROM stories s WHERE s.id = ANY(%s)"
                " AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.story_id = s.id)", (sorted(left),)
            )

    # -- stories: grouping -----------------------------------------------------
    def unassigned_article_ids(self, limit: int | None = None) -> list[str]:
        # fetched_at is ISO text with its offset; the cast makes it comparable to published_utc.
        text = (
            "SELECT a.id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM story_members m WHERE m.article_id = a.id)"
            " ORDER BY COALESCE(a.published_utc, a.fetched_at::timestamptz), a.id"
        )
        params: list[Any] = []
        if limit is not None:
            text += " LIMIT %s"
            params.append(limit)
        return [str(r["id"]) for r in self.execute(text.encode(), params).fetchall()]

    # -- search ----------------------------------------------------------------
    def _matches(self, query: SearchQuery, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        """SQL for (article_id, rank, published) of every matching article.

        Each positive term is looked up on its own and its rows (title, body chunks) grouped per
        article, so terms may sit in different parts, as in one FTS5 row; the articles with
        every term are kept, less those where a negated term occurs in any part. ``rank``, the
        shared ranking's (``SQLiteStore``'s ``_ranks``, its score): 2 when every positive term occurs
        in the title, else 1; for a query typed without spaces (``parsed.phrases``), 4 when the title
        holds every phrase as typed, 3 when some part of the article does (a phrase is matched within
        one part, as in one FTS5 column: body chunks overlap so that none is cut), else 2 or 1."""
        filters, filter_params = _date_filters(query, "published_utc")
        if query.outlet:  # on the search row itself (migration 0009): no join to test it
            filters += " AND outlet = %s"
            filter_params.append(query.outlet)
        selects, params = [], []
        for n, term in enumerate(parsed.positive):
            selects.append(
                f"(SELECT article_id, bool_or(part = 0) AS in_title, max(published_utc) AS published"
                f" FROM search_index WHERE document @@ %s::tsquery{filters} GROUP BY article_id) t{n}"
            )
            params += [pg_search.term_query(term), *filter_params]
        in_title = " AND ".join(f"t{n}.in_title" for n in range(len(selects)))
        joins = "".join(f" JOIN {s} USING (article_id)" for s in selects[1:])
        rank = f"CASE WHEN {in_title} THEN 2 ELSE 1 END"
        for n, phrase in enumerate(parsed.phrases):
            joins += (f" LEFT JOIN (SELECT article_id, bool_or(part = 0) AS in_title FROM search_index"
                      f" WHERE document @@ %s::tsquery{filters} GROUP BY article_id) p{n}"
                      f" ON p{n}.article_id = t0.article_id")
            params += [pg_search.term_query(phrase), *filter_params]
        if parsed.phrases:
            held = " AND ".join(f"p{n}.article_id IS NOT NULL" for n in range(len(parsed.phrases)))
            titled = " AND ".join(f"p{n}.in_title" for n in range(len(parsed.phrases)))
            rank = f"CASE WHEN {held} AND {titled} THEN 4 WHEN {held} THEN 3 WHEN {in_title} THEN 2 ELSE 1 END"
        text = f"SELECT t0.article_id, {rank} AS rank, t0.published FROM {selects[0]}{joins}"
        where = []
        for term in (t for t in parsed.terms if t.negated):
            where.append("NOT EXISTS (SELECT 1 FROM search_index x WHERE x.article_id = t0.article_id"
                         " AND x.document @@ %s::tsquery)")
            params.append(pg_search.term_query(term))
        if where:
            text += " WHERE " + " AND ".join(where)
        return text, params

    def _newest_matches(self, query: SearchQuery, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        """For one positive term (the usual query): the page's candidates without aggregating
        every match. Title matches newest first, then body matches whose title does not match,
        newest first, each cut at offset + limit. Both are ordered like the (published_utc,
        article_id) indexes, so for a common word PostgreSQL walks the newest rows and stops
        after a page's worth; for a rare one it takes the GIN index and sorts the few matches."""
        wanted = query.offset + query.limit
        term = pg_search.term_query(parsed.positive[0])
        # "{t}" is filled in below with the alias of each half of the query.
        filters, filter_params = _date_filters(query, "{t}.published_utc")
        for negated in (t for t in parsed.terms if t.negated):
            filters += (" AND NOT EXISTS (SELECT 1 FROM search_index x WHERE x.article_id = {t}.article_id"
                        " AND x.document @@ %s::tsquery)")
            filter_params.append(pg_search.term_query(negated))
        if query.outlet:
            # On the search row (migration 0009): the planner can walk the outlet's own rows
            # newest first (search_index_outlet_*_newest) instead of every outlet's.
            filters += " AND {t}.outlet = %s"
            filter_params.append(query.outlet)
        titles = (
            "SELECT t.article_id, t.published_utc AS published, 2 AS rank FROM search_index t"
            " WHERE t.part = 0 AND t.document @@ %s::tsquery" + filters.format(t="t")
            + " ORDER BY t.published_utc DESC NULLS LAST, t.article_id LIMIT %s"
        )
        bodies = (
            "SELECT DISTINCT b.article_id, b.published_utc AS published, 1 AS rank FROM search_index b"
            " WHERE b.part > 0 AND b.document @@ %s::tsquery" + filters.format(t="b")
            + " AND NOT EXISTS (SELECT 1 FROM search_index h WHERE h.article_id = b.article_id AND h.part = 0"
            " AND h.document @@ %s::tsquery)"
            " ORDER BY b.published_utc DESC NULLS LAST, b.article_id LIMIT %s"
        )
        text = f"({titles}) UNION ALL ({bodies})"
        return text, [term, *filter_params, wanted, term, *filter_params, term, wanted]

    def _walk_newest(self, parsed: ParsedQuery) -> bool:
        """Whether a one-term page should walk the newest body rows rather than collect every
        match from the GIN index. A phrase (习近平 = 习近 <-> 近平) has to be rechecked against
        each candidate chunk's positions, and PostgreSQL's estimate of how common a phrase is
        (the product of its words' frequencies) is far too low, so it collects and rechecks
        thousands of long chunks. The same words without positions need no recheck: if they
        occur together in many chunks, walking newest first finds a page after a few hundred."""
        term = parsed.positive[0]
        if term.prefix or len(term.tokens) < 2:
            return False  # one lexeme: the GIN index answers without rechecks
        both = " & ".join(pg_search.quote(t) for t in term.tokens)
        row = self.execute(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_index WHERE part > 0"
            " AND document @@ %s::tsquery LIMIT %s) candidates", (both, _WALK_AT),
        ).fetchone()
        return bool(row and int(row["n"]) >= _WALK_AT)

    # _NO_JIT: a search of many words joins one subquery per word (``_matches``), and the planner, multiplying
    # their estimates, expects millions of rows: past ``jit_above_cost`` PostgreSQL compiled the plan of a page of 20
    # (1.8 of 1.9 s for 12 common words on 2,441 articles; 0.085 s without, safety71). No search reads enough rows
    # for compiled expressions to pay, so they are off in the search's own transaction (SET LOCAL: nothing else).
    #
    # _SEARCH_PLANS: search and count queries are never prepared. psycopg prepares a statement
    # after 5 runs of the same text, and PostgreSQL then may switch to a generic plan, made
    # without the values: it plans every outlet as an average one and walks the newest rows of
    # all outlets for a rare one. On the whole real archive (63k articles) that took a page of
    # 美国 + an 87-article outlet from 9 ms to 1.0 s once a process had served a few searches;
    # planning each search costs 1.5-3 ms.
    def search(self, query: SearchQuery) -> list[SearchHit]:
        parsed = parse_query(query.text)
        if parsed.is_empty():
            return []
        walk = False
        if len(parsed.positive) == 1 and not parsed.phrases:
            matches, params = self._newest_matches(query, parsed)
            walk = self._walk_newest(parsed)
        else:
            matches, params = self._matches(query, parsed)
        # The shared ranking (Store.search): title matches, then newest, then id. Only the
        # page's articles are read from the articles table.
        with self.transaction():
            self._db.execute(_NO_JIT)
            if walk:
                self._db.execute("SET LOCAL enable_bitmapscan = off")
            rows = self._db.execute(
                f"SELECT a.*, m.rank FROM (SELECT * FROM ({matches}) found"
                " ORDER BY rank DESC, published DESC NULLS LAST, article_id LIMIT %s OFFSET %s) m"
                " JOIN articles a ON a.id = m.article_id"
                " ORDER BY m.rank DESC, m.published DESC NULLS LAST, m.article_id".encode(),
                [*params, query.limit, query.offset],
                prepare=False,  # see _SEARCH_PLANS
            ).fetchall()
        return [
            SearchHit(article=row_to_article(r), score=float(r["rank"]),
                      snippet=pg_search.window_snippet(r["body_text"] or r["summary"],
                                                       snippet_query(parsed, holds_phrases=r["rank"] == 3)))
            for r in rows
        ]

    def count_search(self, query: SearchQuery) -> int:
        parsed = parse_query(query.text)
        if parsed.is_empty():
            return 0
        matches, params = self._matches(query, parsed)
        with self.transaction():  # prepare=False: see _SEARCH_PLANS
            self._db.execute(_NO_JIT)
            row = self._db.execute(f"SELECT COUNT(*) AS n FROM ({matches}) found".encode(), params,
                                   prepare=False).fetchone()
        return int(row["n"]) if row else 0

    def _backfill_search_index(self) -> None:
        """Index what migration 0005 (or a bulk load) left unindexed; one process does it."""
        with self._lock:
            if self._db.execute("SELECT 1 FROM search_backfill LIMIT 1").fetchone() is None:
                return
            # Workers starting together: the first indexes, the others go on without waiting.
            got = self._db.execute("SELECT pg_try_advisory_lock(%s) AS ok", (_BACKFILL_LOCK,)).fetchone()
            if not (got and got["ok"]):
                return
            try:
                row = self._db.execute("SELECT COUNT(*) AS n FROM articles a WHERE NOT EXISTS"
                                       " (SELECT 1 FROM search_index i WHERE i.article_id = a.id)").fetchone()
                missing = int(row["n"]) if row else 0
                if missing >= ANNOUNCED_REINDEX:  # minutes on a real archive: say so, as SQLiteStore does
                    log.warning("indexing %s articles for search in %s (once, after an upgrade or a bulk load; an "
                                "interrupted run continues next time)", f"{missing:,}", _display_dsn(self.dsn))
                self.rebuild_search_index(only_missing=True)
            finally:
                self._db.execute("SELECT pg_advisory_unlock(%s)", (_BACKFILL_LOCK,))

    def rebuild_search_index(self, progress: Callable[[int, int], None] | None = None, *,
                             only_missing: bool = False, batch_size: int = 500) -> int:
        """Re-derive search rows (after a bulk load or a tokenizer change); returns how many
        articles were indexed. Commits every ``batch_size`` articles and reports
        ``progress(done, total)``; ``only_missing`` indexes articles without rows, so an
        interrupted rebuild continues where it stopped instead of starting over."""
        with self._lock:
            if not only_missing:
                with self._db.transaction():
                    self._db.execute("DELETE FROM search_index")
                    self._db.execute("DELETE FROM search_backfill")
                    self._db.execute("INSERT INTO search_backfill VALUES (1)")
            missing = ("SELECT id FROM articles a WHERE NOT EXISTS"
                       " (SELECT 1 FROM search_index i WHERE i.article_id = a.id) ORDER BY id")
            total_row = self._db.execute(f"SELECT COUNT(*) AS n FROM ({missing}) m".encode()).fetchone()
            total = int(total_row["n"]) if total_row else 0
            done = 0
            if progress:
                progress(0, total)
            with connect(self.dsn, row_factory=dict_row) as reader, \
                    reader.cursor(name="reindex") as rows:
                # A separate reading connection: each batch commits on this one as it goes.
                rows.itersize = batch_size
                rows.execute(
                    "SELECT a.id, a.title, a.body_text, a.body_markdown, a.published_utc, a.outlet FROM articles a"
                    " WHERE NOT EXISTS (SELECT 1 FROM search_index i WHERE i.article_id = a.id) ORDER BY a.id"
                )
                while batch := rows.fetchmany(batch_size):
                    values = [
                        (r["id"], part, r["published_utc"], vector, r["outlet"])
                        for r in batch
                        for part, vector in pg_search.document_rows(r["title"], r["body_text"] or r["body_markdown"])
                    ]
                    with self._db.transaction(), self._db.cursor() as cursor:
                        # Rows written meanwhile by upsert_article are newer: leave them.
                        cursor.executemany(
                            "INSERT INTO search_index (article_id, part, published_utc, document, outlet)"
                            " VALUES (%s, %s, %s, %s::tsvector, %s) ON CONFLICT (article_id, part) DO NOTHING",
                            values,
                        )
                    done += len(batch)
                    if progress:
                        progress(done, total)
            self._db.execute("DELETE FROM search_backfill")
        return done

    # --- postgres helper: job queue and bulk copy -------------------------------
    # Leases use the database's clock (now()), so workers on machines with skewed clocks agree.

    def enqueue_job(self, kind: str, key: str, host: str = "", due_at: datetime | None = None) -> Job:
        row = self.execute(
            "INSERT INTO jobs (kind, key, host, due_at) VALUES (%s, %s, %s, COALESCE(%s, now()))"
            " ON CONFLICT (kind, key) DO UPDATE SET host = excluded.host,"
            " due_at = CASE WHEN jobs.done_at IS NOT NULL THEN excluded.due_at"
            # Re-armed while running: a new due time, which completion then keeps (see complete_job).
            " WHEN jobs.lease_owner IS NOT NULL AND jobs.lease_expires_at > now() THEN excluded.due_at"
            " ELSE LEAST(jobs.due_at, excluded.due_at) END, done_at = NULL RETURNING *",
            (kind, key, host, due_at),
        ).fetchone()
        assert row is not None
        return _job(row)

    def claim_jobs(self, worker_id: str, kinds: list[str] | None = None, limit: int = 1,
                   lease_seconds: float = 300, per_host_limit: int | None = None) -> list[Job]:
        if limit <= 0:
            return []
        where = ["done_at IS NULL", "due_at <= now()", "(lease_owner IS NULL OR lease_expires_at <= now())"]
        params: dict[str, Any] = {"kinds": kinds, "per_host": per_host_limit, "scan": scan_size(limit)}
        if kinds is not None:
            where.append("kind = ANY(%(kinds)s)")
        if per_host_limit is not None:
            # Hosts already at their limit would only fill the scan window: leave them out.
            where.append(
                "host NOT IN (SELECT host FROM jobs WHERE lease_owner IS NOT NULL AND done_at IS NULL AND host <> ''"
                " AND lease_expires_at > now() GROUP BY host HAVING COUNT(*) >= %(per_host)s)"
            )
        with self.transaction():
            # SKIP LOCKED: rows another worker is claiming right now are passed over, not waited for.
            candidates = self._db.execute(
                f"SELECT id, host FROM jobs WHERE {' AND '.join(where)}"
                " ORDER BY due_at, id LIMIT %(scan)s FOR UPDATE SKIP LOCKED".encode(),
                params,
            ).fetchall()
            if per_host_limit is None:
                chosen = [c["id"] for c in candidates[:limit]]
            else:
                chosen = self._within_host_limits([(c["id"], c["host"]) for c in candidates],
                                                  per_host_limit, limit)
            if not chosen:
                return []
            rows = self._db.execute(
                "UPDATE jobs SET lease_owner = %s, lease_expires_at = now() + make_interval(secs => %s),"
                " attempts = CASE WHEN lease_owner IS NULL AND last_error = '' THEN 1 ELSE attempts + 1 END"
                " WHERE id = ANY(%s) RETURNING *",
                (worker_id, lease_seconds, chosen),
            ).fetchall()
        return sorted((_job(r) for r in rows), key=lambda j: (j.due_at or utcnow(), j.id))

    def _within_host_limits(self, candidates: list[tuple[int, str]], per_host_limit: int,
                            limit: int) -> list[int]:
        """Pick candidates in due order while keeping every host under its lease limit.

        Counting a host's live leases is only safe while no other worker is leasing for the same
        host: the first time a host comes up, take its advisory lock (held until commit) or, if
        another worker holds it, pass the host over this time. Only the hosts actually needed
        are locked, so concurrent claims rarely collide."""
        room: dict[str, int] = {}  # leases still allowed per host; 0 when locked by another worker
        chosen: list[int] = []
        for job_id, host in candidates:
            if len(chosen) >= limit:
                break
            if not host:  # host-less jobs (grouping, builds) fetch nothing: no politeness limit
                chosen.append(job_id)
                continue
            if host not in room:
                got = self._db.execute(
                    "SELECT pg_try_advisory_xact_lock(hashtextextended('newsmirror-host:' || %s, 0)) AS ok",
                    (host,),
                ).fetchone()
                if not (got and got["ok"]):
                    room[host] = 0
                    continue
                # A statement of its own, so that its snapshot sees leases committed before the lock.
                live = self._db.execute(
                    "SELECT COUNT(*) AS n FROM jobs WHERE host = %s AND lease_owner IS NOT NULL"
                    " AND done_at IS NULL AND lease_expires_at > now()", (host,),
                ).fetchone()
                room[host] = per_host_limit - int(live["n"] if live else 0)
            if room[host] > 0:
                room[host] -= 1
                chosen.append(job_id)
        return chosen

    def _release(self, job: Job, assignments: str, params: list[Any]) -> bool:
        cursor = self.execute(
            f"UPDATE jobs SET {assignments}, lease_owner = NULL, lease_expires_at = NULL"
            " WHERE id = %s AND lease_owner = %s AND lease_expires_at = %s".encode(),
            [*params, job.id, job.lease_owner, job.lease_expires_at],
        )
        return cursor.rowcount == 1

    def complete_job(self, job: Job, next_due_at: datetime | None = None) -> bool:
        # due_at changed under the lease: the job was re-armed while running; that run is still owed.
        if next_due_at is None:
            return self._release(job, "done_at = CASE WHEN due_at IS DISTINCT FROM %s THEN NULL ELSE now() END,"
                                      " last_error = ''", [job.due_at])
        return self._release(job, "due_at = CASE WHEN due_at IS DISTINCT FROM %s THEN LEAST(due_at, %s) ELSE %s END,"
                                  " last_error = ''", [job.due_at, next_due_at, next_due_at])

    def fail_job(self, job: Job, error: str, retry_at: datetime | None) -> bool:
        if retry_at is None:
            return self._release(job, "done_at = now(), last_error = %s", [error])
        return self._release(job, "due_at = %s, last_error = %s", [retry_at, error])

    def renew_lease(self, job: Job, lease_seconds: float) -> bool:
        row = self.execute(
            "UPDATE jobs SET lease_expires_at = clock_timestamp() + make_interval(secs => %s)"
            # Only a live lease, by the database's clock as claims judge it (see SQLiteStore.renew_lease).
            " WHERE id = %s AND lease_owner = %s AND lease_expires_at = %s AND lease_expires_at > clock_timestamp()"
            " RETURNING lease_expires_at",
            (lease_seconds, job.id, job.lease_owner, job.lease_expires_at),
        ).fetchone()
        if row is None:
            return False
        job.lease_expires_at = row["lease_expires_at"]
        return True

    def get_job(self, kind: str, key: str) -> Job | None:
        row = self.execute("SELECT * FROM jobs WHERE kind = %s AND key = %s", (kind, key)).fetchone()
        return _job(row) if row else None

    def job_counts(self) -> dict[str, int]:
        row = self.execute(
            "SELECT COUNT(*) FILTER (WHERE done_at IS NULL) AS pending,"
            " COUNT(*) FILTER (WHERE done_at IS NULL AND due_at <= now()) AS due,"
            " COUNT(*) FILTER (WHERE done_at IS NULL AND lease_owner IS NOT NULL AND lease_expires_at > now()) AS leased,"
            " COUNT(*) FILTER (WHERE done_at IS NOT NULL) AS done FROM jobs"
        ).fetchone()
        return {k: int(v) for k, v in (row or {}).items()}

    def copy_tables(self) -> list[str]:
        tables = [
            r["table_name"] for r in self.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            ).fetchall()
            if r["table_name"] not in BOOKKEEPING_TABLES | DERIVED_TABLES
        ]
        parents: dict[str, set[str]] = {t: set() for t in tables}
        for r in self.execute(
            "SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint c"
            " JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid"
            " WHERE c.contype = 'f' AND child.relnamespace = current_schema()::regnamespace"
        ).fetchall():
            if r["child"] in parents:
                parents[r["child"]].add(r["parent"])
        return parents_first(parents)

    def table_columns(self, table: str) -> list[str]:
        return [
            r["column_name"] for r in self.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = %s ORDER BY ordinal_position", (table,)
            ).fetchall()
        ]

    def count_rows(self, table: str) -> int:
        row = self.execute(sql.SQL("SELECT COUNT(*) AS n FROM {}").format(sql.Identifier(table))).fetchone()
        return int(row["n"]) if row else 0

    def iter_rows(self, table: str, columns: list[str],
                  batch_size: int = 1000) -> Iterator[list[tuple[object, ...]]]:
        query = sql.SQL("SELECT {} FROM {}").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table))
        # A dedicated connection with a server-side cursor: streams any table size, and leaves
        # this store's connection free for the caller meanwhile.
        with connect(self.dsn) as reader, reader.cursor(name=f"copy_{table}") as cursor:
            cursor.itersize = batch_size
            cursor.execute(query)
            while batch := cursor.fetchmany(batch_size):
                yield batch

    def insert_rows(self, table: str, columns: list[str], rows: list[tuple[object, ...]],
                    skip_existing: bool = False) -> None:
        # COPY is the fastest way into PostgreSQL, several times faster than INSERT batches.
        # Continuing a copy: COPY into a temporary table, then keep the rows not yet there.
        names = sql.SQL(", ").join(map(sql.Identifier, columns))
        target = sql.Identifier("resume_rows" if skip_existing else table)
        with self.transaction(), self._db.cursor() as cursor:
            if table == "articles":  # until finish_bulk_load: an open store indexes what is missing
                cursor.execute("INSERT INTO search_backfill (pending) SELECT 1"
                               " WHERE NOT EXISTS (SELECT 1 FROM search_backfill)")
            if skip_existing:
                cursor.execute(sql.SQL("CREATE TEMPORARY TABLE resume_rows (LIKE {}) ON COMMIT DROP").format(
                    sql.Identifier(table)))
            with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(target, names)) as copy:
                for row in rows:
                    copy.write_row(row)
            if skip_existing:
                cursor.execute(sql.SQL("INSERT INTO {} ({}) SELECT {} FROM resume_rows ON CONFLICT DO NOTHING").format(
                    sql.Identifier(table), names, names))

    def finish_bulk_load(self, progress: Callable[[str, int, int], None] | None = None) -> None:
        # Serial columns do not see explicitly copied ids: move each sequence past the largest.
        for r in self.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%%'"
        ).fetchall():
            self.execute(
                sql.SQL("SELECT setval(pg_get_serial_sequence({t}, {c}), COALESCE(MAX({ci}), 0) + 1, false)"
                        " FROM {ti}").format(
                    t=sql.Literal(r["table_name"]), c=sql.Literal(r["column_name"]),
                    ci=sql.Identifier(r["column_name"]), ti=sql.Identifier(r["table_name"])),
            )
        # Only what is missing: a second run after an interruption continues the first.
        with self._lock:
            self._db.execute("SELECT pg_advisory_lock(%s)", (_BACKFILL_LOCK,))  # not with a worker's backfill
            try:
                # Building a GIN index once is several times faster than updating it row by row
                # (and makes a denser index); the index is created again below, also on a resume.
                self._db.execute("DROP INDEX IF EXISTS search_index_document")
                self.rebuild_search_index(
                    (lambda done, total: progress("search index", done, total)) if progress else None,
                    only_missing=True)
                if progress:
                    progress("search index: GIN", 0, 1)
                self._db.execute("SET maintenance_work_mem = '256MB'")
                self._db.execute("CREATE INDEX IF NOT EXISTS search_index_document ON search_index USING GIN (document)")
                self._db.execute("RESET maintenance_work_mem")
                if progress:
                    progress("search index: GIN", 1, 1)
            finally:
                self._db.execute("SELECT pg_advisory_unlock(%s)", (_BACKFILL_LOCK,))
        # Fresh statistics for the planner, and the visibility map for index-only scans; else
        # the first queries run on guesses until autovacuum comes by.
        tables = [*self.copy_tables(), "search_index"]
        for done, table in enumerate(tables):
            if progress:
                progress("vacuum analyze", done, len(tables))
            self.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
        if progress:
            progress("vacuum analyze", len(tables), len(tables))


    # --- recheck: edit and deletion tracking ----------------------------------
    def record_article_event(self, event: ArticleEvent) -> None:
        with self.transaction():
            row = self.execute(
                "INSERT INTO article_events (article_id, kind, seen_at, version, detail, http_status,"
                " final_url) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                event_params(event),
            ).fetchone()
            event.id = int(row["id"]) if row else None
            if event.kind is EventKind.DELETED:
                self.execute("UPDATE articles SET status = 'deleted' WHERE id = %s", (event.article_id,))
            elif event.kind is EventKind.RESTORED:
                self.execute("UPDATE articles SET status = 'live' WHERE id = %s", (event.article_id,))


def _job(row: dict[str, Any]) -> Job:
    return Job(
        id=int(row["id"]), kind=row["kind"], key=row["key"], host=row["host"], due_at=row["due_at"],
        lease_owner=row["lease_owner"], lease_expires_at=row["lease_expires_at"],
        attempts=int(row["attempts"]), last_error=row["last_error"], done_at=row["done_at"],
    )


def _date_filters(query: SearchQuery, column: str) -> tuple[str, list[Any]]:
    """The query's date range as `` AND column >= %s AND column < %s`` clauses and their values."""
    clauses, values = "", cast(list[Any], [])
    if query.since:
        clauses += f" AND {column} >= %s"
        values.append(query.since)
    if query.until:
        clauses += f" AND {column} < %s"
        values.append(query.until)
    return clauses, values
