"""Queries that read the same in SQLite and PostgreSQL, written once.

They use ``?`` placeholders; PostgreSQL's psycopg wants ``%s``, so each backend says which it
uses and ``_sql`` rewrites the text. Only statements with no literal ``?`` or ``%`` belong here;
the rest, where the dialects differ (upserts that must report what changed, queue claims,
search, bulk copy), stay in each backend.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from newsmirror.errors import StoreError
from newsmirror.model import Article, Source, Story, Version, clean_line, utcnow
from newsmirror.store.base import (
    FeedState,
    QueueStatus,
    Store,
    StoryJoin,
    StoryMember,
    StorySize,
    title_script,
)
from newsmirror.store.changes import ArticleEvent, ChangeEntry, CheckState, DueCheck, EventKind
from newsmirror.store.rows import (
    Row,
    check_state_params,
    from_iso,
    refreshed_columns,
    row_to_article,
    row_to_change_entry,
    row_to_check_state,
    row_to_due_check,
    row_to_event,
    row_to_feed_state,
    row_to_source,
    row_to_story,
    row_to_story_member,
    row_to_version,
    source_params,
    stored_time,
    to_iso,
    to_utc_iso,
    version_params,
    version_time,
)

# An article's content mark (Store.article_hashes) in SQL both dialects read alike: its content hash, and when its
# fields were last refreshed in place, if ever (so a never-refreshed article's mark is its hash, as before).
CONTENT_MARK = "content_hash || COALESCE('@' || refreshed_at, '')"

# The stored comparisons of an article's stories, dropped by a refresh of what a comparison reads besides the text
# (rows.compared_reading_changed): their fingerprints hold the content hashes, which the refresh keeps.
DROP_COMPARISONS = ("DELETE FROM story_comparisons WHERE story_id IN"
                    " (SELECT story_id FROM story_members WHERE article_id = ?)")

# A story's outlets as its page names them: those of its own reports, a republished copy's outlet left out (it reported
# nothing of its own; its page lists the copy apart, under 转载). A list of stories counts what the story's page shows
# (polish68: the reader's front said "2 篇" for a story whose page showed one report and its copy).
_OWN_OUTLETS = "COUNT(DISTINCT CASE WHEN m.role <> 'duplicate' THEN a.outlet END)"
IN_LIST_LENGTH = 500  # values per IN (...) list: within every backend's parameter limit


def in_lists(values: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """``values`` in lists of at most ``IN_LIST_LENGTH``, each with its placeholders ("?, ?, ?") for IN (...)."""
    for start in range(0, len(values), IN_LIST_LENGTH):
        chunk = list(values[start : start + IN_LIST_LENGTH])
        yield chunk, ", ".join("?" * len(chunk))


class SqlStore(Store):
    placeholder = "?"
    byte_order = ""  # appended to a text column compared as UTC text: PostgreSQL's is COLLATE "C"
    _db: Any  # the open connection; statements inside a transaction go to it directly

    @abc.abstractmethod
    def execute(self, query: Any, params: Any = ...) -> Any:
        """Run one statement (under the store's lock) and return its cursor."""

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All statements inside commit together or not at all."""

    @abc.abstractmethod
    def _match(self, article: Article) -> Row | None:
        """The stored row of ``article`` (its id, URL or guid), if any."""

    def _refresh_plan(self, article: Article) -> tuple[Row, Article, dict[str, Any]] | None:
        """What ``refresh_article`` rewrites, both backends (inside their transaction): the stored row and article,
        and the extracted columns that differ; None when the article is not stored with this text (its content
        hash), or nothing extracted differs. Sets ``article.id`` to the stored one when it is stored with this text."""
        row = self._match(article)
        if row is None or row["content_hash"] != article.content_hash:
            return None
        article.id = row["id"]
        stored = self.get_article(row["id"])
        columns = refreshed_columns(stored, article) if stored is not None else None
        if stored is None or columns is None:
            return None
        return row, stored, columns

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def _one(self, text: str, params: tuple[Any, ...]) -> Row | None:
        row: Row | None = self.execute(self._sql(text), params).fetchone()
        return row

    def _all(self, text: str, params: tuple[Any, ...]) -> list[Row]:
        return list(self.execute(self._sql(text), params).fetchall())

    def schema_version(self) -> int:
        row = self._one("SELECT MAX(number) AS n FROM schema_migrations", ())
        return int(row["n"] or 0) if row else 0

    def find_article_id(self, *, url: str | None = None, guid: str | None = None,
                        source_id: str | None = None) -> str | None:
        if guid and source_id:
            row = self._one("SELECT id FROM articles WHERE source_id = ? AND guid = ? LIMIT 1", (source_id, guid))
            if row:
                return str(row["id"])
        if url:
            row = self._one("SELECT id FROM articles WHERE canonical_url = ? OR original_url = ? LIMIT 1", (url, url))
            if row:
                return str(row["id"])
        return None

    def _insert_version(self, article: Article, number: int, seen_at: str | None, observed: str | None) -> None:
        self._db.execute(
            self._sql("INSERT INTO versions (article_id, number, content_hash, title, body_html, body_text,"
                      " published_at, seen_at, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            version_params(article, number, seen_at, observed),
        )

    def _earlier_place(self, article_id: str, current: int, observed: datetime) -> int | None:
        """Where a changed copy observed at ``observed`` goes among the article's versions (inside the upsert's
        transaction). None when it is not older than the current version: it becomes the current text, as
        version ``current + 1``. Else the number it takes, before the first version observed later, the versions
        from there on (and the events and the article naming them) moved up one: numbers stay in time order, so
        the last version is still the current text, whatever order an archive's copies were imported in."""
        rows = self._db.execute(self._sql("SELECT number, observed_at, seen_at FROM versions WHERE article_id = ?"),
                                (article_id,)).fetchall()
        times = {int(row["number"]): version_time(row) for row in rows}
        if current not in times or observed >= times[current]:
            return None
        place = min(number for number, when in times.items() if when > observed)
        # Two steps through negative numbers: no (article_id, number) key is ever held twice, on either backend.
        self._db.execute(self._sql("UPDATE versions SET number = -number - 1 WHERE article_id = ? AND number >= ?"),
                         (article_id, place))
        self._db.execute(self._sql("UPDATE versions SET number = -number WHERE article_id = ? AND number < 0"),
                         (article_id,))
        self._db.execute(self._sql("UPDATE article_events SET version = version + 1"
                                   " WHERE article_id = ? AND version >= ?"), (article_id, place))
        self._db.execute(self._sql("UPDATE articles SET version = version + 1 WHERE id = ?"), (article_id,))
        return place

    def get_article(self, article_id: str) -> Article | None:
        row = self._one("SELECT * FROM articles WHERE id = ?", (article_id,))
        return row_to_article(row) if row else None

    def versions(self, article_id: str) -> list[Version]:
        rows = self._all("SELECT * FROM versions WHERE article_id = ? ORDER BY number", (article_id,))
        return [row_to_version(r) for r in rows]

    def version_hashes(self, article_id: str) -> list[str]:
        return [str(r["content_hash"]) for r in self._all(
            "SELECT content_hash FROM versions WHERE article_id = ? ORDER BY number", (article_id,))]

    def article_origin(self, article_id: str) -> str | None:
        row = self._one("SELECT origin FROM articles WHERE id = ?", (article_id,))
        return None if row is None else str(row["origin"] or "")

    def upsert_source(self, source: Source) -> None:
        self.execute(self._sql(
            "INSERT INTO sources (id, url, outlet, name, kind, channel, script, enabled, full_text,"
            " interval_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET url = excluded.url, outlet = excluded.outlet,"
            " name = excluded.name, kind = excluded.kind, channel = excluded.channel,"
            " script = excluded.script, enabled = excluded.enabled, full_text = excluded.full_text,"
            " interval_minutes = excluded.interval_minutes"),
            source_params(source),
        )

    def get_source(self, source_id: str) -> Source | None:
        row = self._one("SELECT * FROM sources WHERE id = ?", (source_id,))
        return row_to_source(row) if row else None

    def list_sources(self, enabled_only: bool = False) -> list[Source]:
        text = "SELECT * FROM sources" + (" WHERE enabled = 1" if enabled_only else "") + " ORDER BY id"
        return [row_to_source(r) for r in self._all(text, ())]

    def remove_source(self, source_id: str) -> bool:
        with self.transaction():
            self._db.execute(self._sql("DELETE FROM feed_state WHERE source_id = ?"), (source_id,))
            cursor = self._db.execute(self._sql("DELETE FROM sources WHERE id = ?"), (source_id,))
            return bool(cursor.rowcount > 0)

    def get_feed_state(self, source_id: str) -> FeedState:
        row = self._one("SELECT * FROM feed_state WHERE source_id = ?", (source_id,))
        if row is None:
            return FeedState(source_id=source_id)
        return row_to_feed_state(source_id, row)

    def get_story(self, story_id: str) -> Story | None:
        row = self._one("SELECT * FROM stories WHERE id = ?", (story_id,))
        if row is None:
            return None
        ids = [m.article_id for m in self.story_members(story_id)]
        return row_to_story(row, ids)

    # Members published at the same moment: by article id, on every backend. SQLite kept them in the order they were
    # saved (its rowid) and PostgreSQL, which has none, by id: the same archive listed a story's reports in two orders
    # (a store moved by `migrate` rewrote every page of such a story; the built sites of the two differed).
    _member_tiebreak = "m.article_id"

    def story_members(self, story_id: str) -> list[StoryMember]:
        # Undated members first, as SQLite sorts NULL by default; PostgreSQL is told to.
        rows = self._all(
            "SELECT m.* FROM story_members m JOIN articles a ON a.id = m.article_id"
            f" WHERE m.story_id = ? ORDER BY a.published_utc NULLS FIRST, {self._member_tiebreak}", (story_id,)
        )
        return [row_to_story_member(r) for r in rows]

    def story_of(self, article_id: str) -> str | None:
        row = self._one("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,))
        return str(row["story_id"]) if row else None

    def list_stories(self, min_outlets: int = 1, limit: int | None = None, offset: int = 0) -> list[Story]:
        # Undated stories last, as SQLite sorts NULL in descending order by default; ties by id, descending.
        text = (
            "SELECT s.id FROM stories s JOIN story_members m ON m.story_id = s.id"
            " JOIN articles a ON a.id = m.article_id GROUP BY s.id"
            f" HAVING {_OWN_OUTLETS} >= ? ORDER BY MAX(a.published_utc) DESC NULLS LAST, s.id DESC"
        )
        params: tuple[Any, ...] = (min_outlets,)
        if limit is not None:
            text += " LIMIT ? OFFSET ?"
            params += (limit, offset)
        ids = [r["id"] for r in self._all(text, params)]
        if limit is None:
            ids = ids[offset:]
        if limit is not None and limit < 100:
            return [s for s in (self.get_story(i) for i in ids) if s is not None]
        # Every story at once: three statements, not two per story (~77k for the 38k stories of
        # the whole real archive, a tenth of an incremental build).
        rows = {r["id"]: r for r in self._all("SELECT * FROM stories", ())}
        members: dict[str, list[str]] = {}
        for r in self._all("SELECT m.story_id, m.article_id FROM story_members m JOIN articles a"
                           " ON a.id = m.article_id ORDER BY m.story_id, a.published_utc NULLS FIRST,"
                           f" {self._member_tiebreak}", ()):
            members.setdefault(r["story_id"], []).append(r["article_id"])
        return [row_to_story(rows[i], members.get(i, [])) for i in ids if i in rows]

    def story_sizes(self, min_outlets: int = 2, limit: int | None = 500) -> list[StorySize]:
        # list_stories' query, its order included, with the counts instead of the stories: one statement.
        text = (f"SELECT s.id, {_OWN_OUTLETS} AS outlets, SUM(CASE WHEN m.role <> 'duplicate' THEN 1 ELSE 0 END)"
                " AS reports, MAX(a.published_utc) AS newest"
                " FROM stories s JOIN story_members m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id"
                f" GROUP BY s.id HAVING {_OWN_OUTLETS} >= ? ORDER BY MAX(a.published_utc) DESC NULLS LAST,"
                " s.id DESC")
        params: tuple[Any, ...] = (min_outlets,)
        if limit is not None:  # None: every story (`stories list --biggest` ranks them all)
            text += " LIMIT ?"
            params += (limit,)
        rows = self._all(text, params)
        return [StorySize(id=str(r["id"]), outlets=int(r["outlets"]), reports=int(r["reports"]),
                          newest=stored_time(r["newest"]))
                for r in rows]

    def story_spans(self, story_ids: Sequence[str]) -> dict[str, tuple[datetime | None, datetime | None]]:
        rows = [row for chunk, marks in in_lists(story_ids) for row in self._all(
            "SELECT m.story_id, MIN(a.published_utc) AS first, MAX(a.published_utc) AS last FROM story_members m"
            f" JOIN articles a ON a.id = m.article_id WHERE m.story_id IN ({marks})"
            " GROUP BY m.story_id", tuple(chunk))]
        return {str(r["story_id"]): (stored_time(r["first"]), stored_time(r["last"])) for r in rows}

    def story_title_scripts(self, story_ids: Sequence[str]) -> dict[str, str]:
        # Every member's title and script, in story_members' order (a story's few dozen rows at most); a story's rows
        # all come in the one list that names it.
        rows = [row for chunk, marks in in_lists(story_ids) for row in self._all(
            "SELECT m.story_id, s.title AS story_title, a.title, a.script FROM story_members m"
            " JOIN stories s ON s.id = m.story_id JOIN articles a ON a.id = m.article_id"
            f" WHERE m.story_id IN ({marks})"
            f" ORDER BY m.story_id, a.published_utc NULLS FIRST, {self._member_tiebreak}", tuple(chunk))]
        titles: dict[str, str] = {}
        reports: dict[str, list[tuple[str, str]]] = {}
        for r in rows:
            titles[str(r["story_id"])] = clean_line(str(r["story_title"]))
            reports.setdefault(str(r["story_id"]), []).append((str(r["title"]), str(r["script"])))
        return {story_id: title_script(titles[story_id], found) for story_id, found in reports.items()}

    def _tuples(self, text: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of a statement as plain tuples (for scans of a whole table)."""
        return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in self._all(text, params)]  # type: ignore[arg-type]

    def stories_and_reports(self, min_outlets: int = 1) -> tuple[list[Story], dict[str, list[tuple[str, str, str]]] | None]:
        # Two plain scans ordered here, in the orders list_stories and story_report_hashes give,
        # instead of three joins of members with articles sorted by the database: ~2 s of an
        # incremental build of the whole real archive, ~0.5 s so.
        articles = {r[0]: r[1:] for r in self._tuples("SELECT id, outlet, published_utc, content_hash FROM articles")}
        members: dict[str, list[tuple[Any, ...]]] = {}
        for story_id, article_id, role, tie in self._tuples(
                f"SELECT m.story_id, m.article_id, m.role, {self._member_tiebreak} AS tie FROM story_members m"):
            article = articles.get(article_id)
            if article is not None:
                members.setdefault(story_id, []).append((article[1] is not None, article[1], tie, article_id, role,
                                                         article[0], article[2]))
        rows = {r["id"]: r for r in self._all("SELECT * FROM stories", ())}
        stories: list[tuple[Any, ...]] = []
        reports: dict[str, list[tuple[str, str, str]]] = {}
        for story_id, found in members.items():
            row = rows.get(story_id)
            if row is None:
                continue
            found.sort(key=lambda m: m[:3])  # undated first, then by time, ties as saved
            own = sorted((m for m in found if m[4] != "duplicate"), key=lambda m: (m[0], m[1], m[3]))
            if own:
                reports[story_id] = [(m[3], m[5], m[6]) for m in own]
            if len({m[5] for m in found if m[4] != "duplicate"}) >= min_outlets:  # own outlets, as list_stories
                dated = [m[1] for m in found if m[0]]
                newest = max(dated) if dated else None
                stories.append((newest is not None, newest, story_id, row_to_story(row, [m[3] for m in found])))
        # Newest first, undated last; stories as new as each other by id, descending (as SQLite
        # orders list_stories' ties).
        stories.sort(key=lambda item: item[:3], reverse=True)
        return [item[3] for item in stories], reports

    # -- stories: comparisons computed when grouping -------------------------
    def story_report_hashes(self, story_ids: Sequence[str] | None = None) -> dict[str, list[tuple[str, str, str]]]:
        text = ("SELECT m.story_id, a.id, a.outlet, a.content_hash FROM story_members m"
                " JOIN articles a ON a.id = m.article_id WHERE m.role <> 'duplicate'")
        found: dict[str, list[tuple[str, str, str]]] = {}
        wanted = None if story_ids is None else list(dict.fromkeys(story_ids))
        lists: Iterable[tuple[list[str] | None, str]] = [(None, "")] if wanted is None else in_lists(wanted)
        for chunk, marks in lists:
            where = "" if chunk is None else f" AND m.story_id IN ({marks})"
            # The order of story_members (publication time, undated first), then id for ties.
            rows = self._all(text + where + " ORDER BY m.story_id, a.published_utc NULLS FIRST, a.id",
                             tuple(chunk or ()))
            for row in rows:
                found.setdefault(str(row["story_id"]), []).append(
                    (str(row["id"]), str(row["outlet"]), str(row["content_hash"])))
        return found

    def story_comparison(self, story_id: str) -> tuple[str, bytes] | None:
        row = self._one("SELECT fingerprint, data FROM story_comparisons WHERE story_id = ?", (story_id,))
        return (str(row["fingerprint"]), bytes(row["data"])) if row else None

    def story_comparison_fingerprints(self) -> dict[str, str]:
        return {str(r["story_id"]): str(r["fingerprint"])
                for r in self._all("SELECT story_id, fingerprint FROM story_comparisons", ())}

    def story_comparison_marks(self, story_ids: Sequence[str] | None = None) -> dict[str, str]:
        # The size in SQL (length of a blob, of a bytea): no comparison is read.
        text = "SELECT story_id, fingerprint, computed_at, length(data) AS size FROM story_comparisons"
        if story_ids is not None:
            if not story_ids:
                return {}
            text += f" WHERE story_id IN ({', '.join('?' for _ in story_ids)})"
        return {str(r["story_id"]): f"{r['fingerprint']}|{r['computed_at']}|{r['size']}"
                for r in self._all(text, tuple(story_ids or ()))}

    def save_story_comparison(self, story_id: str, fingerprint: str, data: bytes) -> None:
        # INSERT ... SELECT from stories: a story merged away meanwhile gets no orphan row.
        self.execute(self._sql(
            "INSERT INTO story_comparisons (story_id, fingerprint, data, computed_at)"
            " SELECT id, ?, ?, ? FROM stories WHERE id = ?"
            " ON CONFLICT (story_id) DO UPDATE SET fingerprint = excluded.fingerprint, data = excluded.data,"
            " computed_at = excluded.computed_at"),
            (fingerprint, data, to_iso(utcnow()), story_id),
        )

    def story_joins(self, story_ids: Sequence[str]) -> dict[str, StoryJoin]:
        found: dict[str, StoryJoin] = {}
        for chunk, marks in in_lists(story_ids):
            for r in self._all(f"SELECT story_id, role, unjoined FROM story_joins WHERE story_id IN ({marks})",
                               tuple(chunk)):
                found[str(r["story_id"])] = StoryJoin(str(r["story_id"]), str(r["role"]),
                                                      tuple(str(r["unjoined"]).split()))
        return found

    def save_story_joins(self, joins: Sequence[StoryJoin]) -> None:
        # INSERT ... SELECT from stories: a story merged away meanwhile gets no orphan row.
        statement = self._sql("INSERT INTO story_joins (story_id, role, unjoined) SELECT id, ?, ? FROM stories"
                              " WHERE id = ? ON CONFLICT (story_id) DO UPDATE SET role = excluded.role,"
                              " unjoined = excluded.unjoined")
        with self.transaction():
            for join in joins:
                self.execute(statement, (join.role, " ".join(join.unjoined), join.story_id))

    def get_check_state(self, article_id: str) -> CheckState:
        row = self._one("SELECT * FROM checks WHERE article_id = ?", (article_id,))
        return row_to_check_state(row) if row else CheckState(article_id=article_id)

    def save_check_state(self, state: CheckState) -> None:
        if state.next_check_at is None:
            raise StoreError(f"check state of {state.article_id} has no next_check_at")
        self.execute(self._sql(
            "INSERT INTO checks (article_id, next_check_at, last_checked_at, last_live_at, last_change_at,"
            " etag, last_modified, last_outcome, last_http_status, page_hash, consecutive_misses,"
            " check_count, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (article_id) DO UPDATE SET next_check_at = excluded.next_check_at,"
            " last_checked_at = excluded.last_checked_at, last_live_at = excluded.last_live_at,"
            " last_change_at = excluded.last_change_at, etag = excluded.etag,"
            " last_modified = excluded.last_modified, last_outcome = excluded.last_outcome,"
            " last_http_status = excluded.last_http_status, page_hash = excluded.page_hash,"
            " consecutive_misses = excluded.consecutive_misses, check_count = excluded.check_count,"
            " last_error = excluded.last_error"),
            check_state_params(state),
        )

    def article_events(self, article_id: str) -> list[ArticleEvent]:
        rows = self._all("SELECT * FROM article_events WHERE article_id = ? ORDER BY seen_at, id", (article_id,))
        return [row_to_event(r) for r in rows]

    def due_checks(self, now: datetime, *, limit: int = 100, outlet: str | None = None,
                   first_check_after: timedelta = timedelta(minutes=30)) -> list[DueCheck]:
        # Most overdue first by the time each is really due: a checked article at its next_check_at, a never-checked
        # one first_check_after after its first sighting. One ORDER BY COALESCE(next_check_at, first_seen_at) ranked
        # a never-checked article first_check_after too early, so a --limit batch could take it over a checked one
        # more overdue; adding the delay in SQL is written otherwise by each dialect (as next_check_due says). So the
        # first ``limit`` of each kind, each in its own order, merged here by the time each is due.
        # The URL pattern is a parameter, not a literal: a literal % would have to be doubled for psycopg.
        where_outlet = " AND a.outlet = ?" if outlet else ""
        outlet_params: tuple[Any, ...] = (outlet,) if outlet else ()
        # first_seen_at is written by utcnow(), so it compares as UTC text like the rest.
        first_seen = f"a.first_seen_at{self.byte_order}"
        select = ("SELECT a.id AS aid, a.original_url, a.canonical_url, a.outlet, a.status, a.title,"
                  " a.published_at AS article_published_at, a.first_seen_at, c.*"
                  " FROM articles a LEFT JOIN checks c ON c.article_id = a.id"
                  " WHERE (a.original_url LIKE ? OR a.canonical_url LIKE ?)")
        checked = self._all(
            f"{select} AND c.article_id IS NOT NULL AND c.next_check_at <= ?{where_outlet}"
            " ORDER BY c.next_check_at, a.id LIMIT ?",
            ("http%", "http%", to_utc_iso(now), *outlet_params, limit))
        unchecked = self._all(
            f"{select} AND c.article_id IS NULL AND {first_seen} <= ?{where_outlet}"
            f" ORDER BY {first_seen}, a.id LIMIT ?",
            ("http%", "http%", to_utc_iso(now - first_check_after), *outlet_params, limit))
        due = [row_to_due_check(row) for row in [*checked, *unchecked]]

        def due_at(item: DueCheck) -> datetime:
            scheduled = item.state.next_check_at
            return scheduled if scheduled is not None else item.first_seen_at + first_check_after

        return sorted(due, key=lambda item: (due_at(item), item.article_id))[:limit]

    def next_check_due(self, *, outlet: str | None = None,
                       first_check_after: timedelta = timedelta(minutes=30)) -> datetime | None:
        # due_checks' own condition, solved for the time: the earliest schedule of a checked article, or the first
        # seen of a never-checked one plus the first check's delay. Two queries, not one ORDER BY: adding the delay
        # to a stored time in SQL is written otherwise by each dialect (and would hide the index on next_check_at).
        where = "(a.original_url LIKE ? OR a.canonical_url LIKE ?)" + (" AND a.outlet = ?" if outlet else "")
        params = ("http%", "http%", *((outlet,) if outlet else ()))
        scheduled = self._one(f"SELECT MIN(c.next_check_at) AS t FROM checks c JOIN articles a ON a.id = c.article_id"
                              f" WHERE {where}", params)
        unchecked = self._one(f"SELECT MIN(a.first_seen_at{self.byte_order}) AS t FROM articles a"
                              f" LEFT JOIN checks c ON c.article_id = a.id WHERE c.article_id IS NULL AND {where}",
                              params)
        times = [from_iso(scheduled["t"]) if scheduled else None]
        first_seen = from_iso(unchecked["t"]) if unchecked else None
        times.append(first_seen + first_check_after if first_seen is not None else None)
        return min((time for time in times if time is not None), default=None)

    def recent_changes(self, kinds: Sequence[EventKind] = (EventKind.EDITED,), *,
                       outlet: str | None = None, since: datetime | None = None,
                       limit: int = 50) -> list[ChangeEntry]:
        if not kinds:
            return []
        # IN (?, ...) reads the same in both dialects: a handful of kinds, far within any parameter limit.
        clauses = [f"e.kind IN ({', '.join('?' for _ in kinds)})"]
        params: list[Any] = [EventKind(k).value for k in kinds]
        if outlet:
            # The name as the counts show it (change_counts: clean_line), which a received store's raw name (ESC
            # sequences, a line break) is not: an outlet's count linked to a page listing nothing. Every stored name
            # that reads as it, from the articles' outlets (an index-only scan: every article's entry of the index on
            # outlet, for a few dozen names; 15 ms for 63,000 articles, warm): the events' own DISTINCT, on each
            # /changes?outlet= and its feed, probed the events of every article (6 s there, cold; review59, review60).
            # A name with no event only widens the IN list below; the join finds its events, none.
            names = [str(row["outlet"]) for row in self._all("SELECT DISTINCT outlet FROM articles", ())
                     if clean_line(str(row["outlet"])) == clean_line(outlet)]
            if not names:
                return []
            clauses.append(f"a.outlet IN ({', '.join('?' for _ in names)})")
            params.extend(names)
        if since:
            clauses.append("e.seen_at >= ?")
            params.append(to_utc_iso(since))
        rows = self._all(
            "SELECT e.*, a.title, a.outlet, a.original_url, a.published_at AS article_published_at,"
            " a.status AS article_status, a.script AS article_script FROM article_events e JOIN articles a ON a.id = e.article_id"
            f" WHERE {' AND '.join(clauses)} ORDER BY e.seen_at DESC, e.id DESC LIMIT ?",
            (*params, limit),
        )
        return [row_to_change_entry(r) for r in rows]

    def count_by_outlet(self) -> dict[str, int]:
        rows = self._all("SELECT outlet, COUNT(*) AS n FROM articles GROUP BY outlet ORDER BY COUNT(*) DESC", ())
        return _names_counted(rows)

    def count_by_outlet_between(self, since: datetime, until: datetime) -> dict[str, int]:
        rows = self._all("SELECT outlet, COUNT(*) AS n FROM articles WHERE published_utc >= ? AND published_utc < ?"
                         " GROUP BY outlet", (to_utc_iso(since), to_utc_iso(until)))
        return _names_counted(rows)

    def change_counts(self, since: datetime | None = None) -> dict[str, dict[str, int]]:
        where, params = ("WHERE e.seen_at >= ?", (to_utc_iso(since),)) if since else ("", ())
        counts: dict[str, dict[str, int]] = {}
        for row in self._all(
            "SELECT a.outlet, e.kind, COUNT(*) AS n FROM article_events e JOIN articles a ON a.id = e.article_id"
            f" {where} GROUP BY a.outlet, e.kind", params,
        ):
            kinds = counts.setdefault(clean_line(str(row["outlet"])), {})
            kinds[row["kind"]] = kinds.get(row["kind"], 0) + int(row["n"])
        for row in self._all("SELECT outlet, COUNT(*) AS n FROM articles WHERE status = 'deleted' GROUP BY outlet", ()):
            kinds = counts.setdefault(clean_line(str(row["outlet"])), {})
            kinds["deleted_now"] = kinds.get("deleted_now", 0) + int(row["n"])
        return counts

    def changed_article_ids(self) -> list[str]:
        rows = self._all(
            "SELECT id FROM articles WHERE version > 1 OR status = 'deleted'"
            " UNION SELECT article_id FROM article_events ORDER BY 1", ()
        )
        return [str(r["id"]) for r in rows]

    def kept_versions(self, *, outlet: str | None = None, limit: int = 3) -> tuple[int, list[str]]:
        where = ("a.version > 1 AND NOT EXISTS (SELECT 1 FROM article_events e WHERE e.article_id = a.id"
                 " AND e.kind = 'edited')" + (" AND a.outlet = ?" if outlet else ""))
        params: tuple[Any, ...] = (outlet,) if outlet else ()
        counted = self._one(f"SELECT COUNT(*) AS n FROM articles a WHERE {where}", params)
        rows = self._all(f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.updated_at DESC, a.id LIMIT ?",
                         (*params, limit))
        return (int(counted["n"]) if counted else 0), [str(r["id"]) for r in rows]

    def _queue_now(self) -> Any:
        """Now, as the jobs table stores times: timestamptz for PostgreSQL, fixed-width UTC text
        (compared as strings) for SQLite."""
        now = utcnow()
        return now if self.placeholder != "?" else now.astimezone(UTC).isoformat(timespec="microseconds")

    def queue_status(self, kinds: list[str] | None = None) -> QueueStatus:
        now = self._queue_now()
        of_kinds, kind_params = "", cast(tuple[str, ...], ())
        if kinds is not None:
            of_kinds = " AND kind IN (" + ", ".join("?" for _ in kinds) + ")" if kinds else " AND 1 = 0"
            kind_params = tuple(kinds)
        status = QueueStatus()
        for row in self._all("SELECT host, COUNT(*) AS n FROM jobs WHERE done_at IS NULL AND due_at <= ?"
                             " AND (lease_owner IS NULL OR lease_expires_at <= ?)" + of_kinds + " GROUP BY host",
                             (now, now, *kind_params)):
            status.due_by_host[str(row["host"])] = int(row["n"])
        status.due = sum(status.due_by_host.values())
        for row in self._all("SELECT host, COUNT(*) AS n FROM jobs WHERE done_at IS NULL"
                             " AND lease_owner IS NOT NULL AND lease_expires_at > ? GROUP BY host", (now,)):
            status.live_leases_by_host[str(row["host"])] = int(row["n"])
        leased = self._one("SELECT COUNT(*) AS n FROM jobs WHERE done_at IS NULL AND lease_owner IS NOT NULL"
                           " AND lease_expires_at > ?" + of_kinds, (now, *kind_params))
        status.leased = int(leased["n"]) if leased else 0
        upcoming = self._one("SELECT MIN(due_at) AS t FROM jobs WHERE done_at IS NULL AND due_at > ?" + of_kinds,
                             (now, *kind_params))
        value = upcoming["t"] if upcoming else None
        status.next_due_at = value if isinstance(value, datetime) or value is None else from_iso(str(value))
        return status


def _names_counted(rows: Iterable[Any]) -> dict[str, int]:
    """(outlet, n) rows as outlet -> count, each name as the model stores it (``clean_line``), in the rows' order.
    Every Article read from a store passes the model, but a name counted in SQL does not: a store received from
    elsewhere may hold an outlet written past the model, with ESC sequences, a bidi override or a line break, which
    the no-report line and the reader's outlet list showed as they were (safety74). Names cleaned alike are one."""
    counts: dict[str, int] = {}
    for row in rows:
        name = clean_line(str(row["outlet"]))
        counts[name] = counts.get(name, 0) + int(row["n"])
    return counts
