"""A SQLite store received from elsewhere is opened only when nothing in it but our schema can run SQL (safety73).

On main a ``search_meta`` replaced by a view over a recursive query made every command that opened the store run
forever at open (and SIGTERM could not stop it: the query runs in SQLite's C loop), a trigger on ``articles`` ran on
every upsert, and ``migrate`` wrote a table's name into SQL as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from newsmirror.errors import StoreError
from newsmirror.jobs.migrate import migrate
from newsmirror.model import Article
from newsmirror.store import open_store
from newsmirror.store.sqlite import migration_scripts

FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x AS key_version FROM c WHERE x = 0"
# Each tampering is bounded, so that main (which read and wrote through them) fails by opening the store, not by hanging.
TAMPERED = {
    "search_meta a view": ["DROP TABLE search_meta", "CREATE VIEW search_meta AS SELECT 0 AS key_version"],
    "stories a view": ["PRAGMA foreign_keys = OFF", "ALTER TABLE stories RENAME TO old_stories",
                       "CREATE VIEW stories AS SELECT * FROM old_stories"],
    "a trigger on articles": ["CREATE TABLE seen (n INTEGER)",
                              "CREATE TRIGGER t AFTER INSERT ON articles BEGIN INSERT INTO seen VALUES (1); END"],
    "an index of its own on an expression": ["CREATE INDEX big ON articles (upper(title))"],
    "a partial index of its own": ["CREATE INDEX part ON articles (title) WHERE version > 1"],
    "a generated column": ["CREATE TABLE extra (a TEXT, b TEXT AS (upper(a)))"],
    "a virtual table of its own": ["CREATE VIRTUAL TABLE other USING fts5 (x)"],
    "our fts table another way": ["DROP TABLE article_search",
                                  "CREATE VIRTUAL TABLE article_search USING fts5 (title_key, body_key)"],
    "our table with other columns": ["DROP TABLE search_backfill", "CREATE TABLE search_backfill (other TEXT)"],
    # An expression every insert evaluates (review57: a zeroblob() default made one insert take 608 MB).
    "our table with a CHECK": ["DROP TABLE search_backfill",
                               "CREATE TABLE search_backfill (pending INTEGER NOT NULL, CHECK (length(hex(1)) > 0))"],
    "our column with a default of its own": ["DROP TABLE search_backfill",
                                             "CREATE TABLE search_backfill (pending INTEGER NOT NULL DEFAULT (zeroblob(8)))"],
    "a newer column defaulting to an expression": ["DROP TABLE search_backfill",
                                                   "CREATE TABLE search_backfill (pending INTEGER NOT NULL, "
                                                   "later BLOB DEFAULT (zeroblob(8)))"],
    # Our tables are compared as our steps write them, token for token (safety74): a comment is a space to SQLite,
    # so a search for "CHECK (" missed this one (one upsert of printf('%.*c', 300000000, 'x') took 378 MB).
    "our table with a CHECK behind a comment": ["DROP TABLE search_backfill",
                                                "CREATE TABLE search_backfill (pending INTEGER NOT NULL "
                                                "CHECK/**/(length(hex(1)) > 0))"],
    "a newer column with a CHECK": ["ALTER TABLE articles ADD COLUMN later TEXT CHECK/**/(length(hex(1)) > 0)"],
    # No collation of that name: every command that read the table ended in a traceback.
    "our column with a collation of no name known": [
        "PRAGMA writable_schema = ON",  # SQLite refuses to make it; a sender writes the text
        "UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', 'NOT NULL COLLATE nosuch') WHERE name = 'search_backfill'"],
    "our column with a collation of its own": ["DROP TABLE search_backfill",
                                               "CREATE TABLE search_backfill (pending INTEGER NOT NULL COLLATE NOCASE)"],
    "our column of another type": ["DROP TABLE search_backfill", "CREATE TABLE search_backfill (pending BLOB NOT NULL)"],
    # Not ours, but our writes reach it: deleting a story set each referencing row to the default, evaluated a row
    # (printf('%.*c', 300000000, 'x') over 5 rows: 8 s and 721 MB when a story was regrouped, then an IntegrityError).
    "a table of another name defaulting to an expression on our delete": [
        "CREATE TABLE later (story TEXT DEFAULT (length(hex(1))) REFERENCES stories (id) ON DELETE SET DEFAULT)"],
    "a table of another name with a CHECK": ["CREATE TABLE later (a TEXT CHECK/**/(length(hex(a)) > 0))"],
    # Not ours, but our writes reach it (review58): the reference to our story is checked by the collation, and saving
    # a story ended in a traceback ("no such collation sequence"), not in this refusal.
    "a table of another name with a collation of no name known, referring to ours": [
        "CREATE TABLE later (story TEXT COLLATE NOCASE REFERENCES stories (id) ON DELETE CASCADE)",
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(sql, 'NOCASE', 'nosuch') WHERE name = 'later'"],
}


def _store(path: Path) -> Path:
    with open_store(path) as store:
        store.upsert_article(Article(outlet="甲报", title="标题", original_url="https://example.org/1", body_text="正文。"))
    return path


def _tamper(path: Path, statements: list[str]) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            db.execute(statement)
    finally:
        db.close()


@pytest.mark.parametrize("statements", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_store_whose_schema_is_not_ours_is_refused_by_name_before_anything_is_read(
        tmp_path: Path, statements: list[str]) -> None:
    path = _store(tmp_path / "received.sqlite")
    _tamper(path, statements)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"{path} is not a store newsmirror wrote .*nothing was read from it"):
        store = open_store(path, create=False)
        try:  # on main it opened: a write shows what the file's schema makes of it
            store.upsert_article(Article(outlet="乙社", title="标题", original_url="https://example.org/2", body_text="文。"))
        finally:
            store.close()
    assert path.read_bytes() == before  # neither migrated nor switched to WAL


def test_a_store_with_a_table_and_a_column_a_newer_version_might_add_still_opens(tmp_path: Path) -> None:
    # Plain tables and columns run nothing: a store of a newer version (a table, a column added at the end) opens.
    path = _store(tmp_path / "newer.sqlite")
    _tamper(path, ["CREATE TABLE later_feature (id INTEGER PRIMARY KEY, note TEXT)",
                   "ALTER TABLE articles ADD COLUMN later_column TEXT",
                   "ALTER TABLE articles ADD COLUMN later_flag INTEGER NOT NULL DEFAULT 0",  # a literal evaluates nothing
                   "ALTER TABLE articles ADD COLUMN later_state TEXT DEFAULT 'new'",
                   "ALTER TABLE articles ADD COLUMN later_when VARCHAR(20) DEFAULT 'x'",
                   "ALTER TABLE articles ADD COLUMN later_score REAL NOT NULL DEFAULT -1.5",
                   # a table of a newer version referring to ours, its default a literal: nothing evaluated
                   "CREATE TABLE later_links (story TEXT DEFAULT '' REFERENCES stories (id) ON DELETE CASCADE)",
                   "CREATE TABLE later_names (name TEXT COLLATE NOCASE, code TEXT COLLATE binary)"])  # SQLite's own
    with open_store(path, create=False) as store:
        assert store.count_articles() == 1


def test_a_store_of_each_earlier_migration_opens_and_is_upgraded(tmp_path: Path) -> None:
    # Each holds what the migrations up to its own made (an index a later one drops, a table it replaces).
    scripts = migration_scripts("sqlite")
    for count in range(len(scripts)):
        path = tmp_path / f"upgrade{count}.sqlite"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
        for number, name, sql in scripts[:count + 1]:
            db.executescript(sql)
            db.execute("INSERT INTO schema_migrations VALUES (?, ?, '')", (number, name))
        db.commit()
        db.close()
        with open_store(path, create=False) as store:  # migrated to this version, then opened
            assert store.count_articles() == 0


def test_migrate_never_writes_a_table_name_into_sql(tmp_path: Path) -> None:
    # A plain table of another name is taken (a newer version's), and copied by name: never read as SQL. On main:
    # sqlite3.OperationalError near "WHERE" (the name closed its quotes).
    name = 'x" WHERE 0 UNION ALL SELECT 1 --'
    source_path = _store(tmp_path / "source.sqlite")
    table = '"' + name.replace('"', '""') + '"'
    _tamper(source_path, [f"CREATE TABLE {table} (a TEXT)", f"INSERT INTO {table} VALUES (1)"])
    with (open_store(source_path, create=False) as source, open_store(tmp_path / "copy.sqlite") as destination,
          pytest.raises(StoreError, match="the destination has no table for x\" WHERE 0")):
        migrate(source, destination)


def test_a_store_whose_table_is_an_endless_view_is_refused_at_once_by_the_cli(tmp_path: Path) -> None:
    # The real command, as a subprocess with a bound: on main it ran until killed (SIGTERM did nothing).
    path = _store(tmp_path / "endless.sqlite")
    _tamper(path, ["DROP TABLE search_meta", f"CREATE VIEW search_meta AS {FOREVER}"])
    process = subprocess.Popen([sys.executable, "-m", "newsmirror", "stats", "--db", str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "COLUMNS": "200"}, start_new_session=True)
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("newsmirror stats still reading the store after 60 s")
    assert process.returncode == 1, err
    assert "is not a store newsmirror wrote (it holds a view, 'search_meta')" in " ".join(err.split())


def test_a_stored_body_that_inflates_past_the_bound_is_refused_not_inflated(tmp_path: Path) -> None:
    # On main a row of 80 KB inflated to 80 MiB on every read (400 KB to 400 MiB took one `show` 1.3 GB and 22 s).
    path = _store(tmp_path / "bomb.sqlite")
    size = 80 * 1024 * 1024  # past the bound, 64 MiB (store.packed.MAX_INFLATED)
    packer = zlib.compressobj(9)
    blob = packer.compress(b'["') + packer.compress(b" " * size) + packer.compress(b'","","",""]') + packer.flush()
    assert len(blob) < size // 500
    _tamper(path, [f"UPDATE articles SET body_z = X'{blob.hex()}'"])
    with open_store(path, create=False) as store:
        [article_id] = [article_id for article_id, _hash in store.article_hashes()]
        with pytest.raises(StoreError, match=f"article {article_id}: a stored body inflates to more than 64 MiB"):
            store.get_article(article_id)
        other = Article(outlet="乙社", title="另一篇", original_url="https://example.org/2", body_text="文。")
        store.upsert_article(other)
        found = store.get_article(other.id)  # the others read as before
        assert found is not None and found.body_text == "文。"


def _refused_body(path: Path, blob: bytes, then: str) -> None:
    """A store whose one article's body is ``blob`` refuses to read it, naming the article (and then ``then``)."""
    path = _store(path)
    _tamper(path, [f"UPDATE articles SET body_z = X'{blob.hex()}'"])
    with open_store(path, create=False) as store:
        [article_id] = [article_id for article_id, _hash in store.article_hashes()]
        with pytest.raises(StoreError, match=f"article {article_id}: a stored body {then}"):
            store.get_article(article_id)


@pytest.mark.parametrize("blob", [
    zlib.compress(b"[" * 200_000, 9), zlib.compress(b'{"body_html": "x"}'), zlib.compress(b"[1, 2]"),
    zlib.compress(b"not json"), b"not zlib at all", zlib.compress(b'["a", "b", "c", "d"]')[:-6],
], ids=["nested past the parser's recursion", "an object", "numbers", "no JSON", "no zlib stream", "cut short"])
def test_a_stored_body_that_is_not_ours_is_refused_by_name(tmp_path: Path, blob: bytes) -> None:
    # review57: bounded in size is not bounded in depth. A 413-byte blob of nested arrays raised RecursionError out of
    # `show` and the reader (stories.codec caught it for comparisons, the bodies did not); an object was read as its
    # keys, numbers as the article's body, and a damaged stream raised zlib.error, none naming the article.
    _refused_body(tmp_path / "odd.sqlite", blob, "")


def test_a_stored_value_whose_json_would_make_millions_of_objects_is_refused_before_parsing(tmp_path: Path) -> None:
    # safety74: within the byte bound, 65 KB of zlib'd [[],[],...] parsed into 22 million lists (1.7 GB, 6-23 s a
    # read). A value of more JSON values than store.packed.MAX_VALUES is refused unparsed.
    from newsmirror.store import packed

    blob = zlib.compress(b"[" + b"[]," * (packed.MAX_VALUES + 1) + b"[]]", 9)
    with pytest.raises(packed.UnreadablePacked, match="JSON values"):
        packed.inflate_json(blob)
    _refused_body(tmp_path / "many.sqlite", blob, "holds more than")
    # Below the bound a value is read as before (the largest stored comparison here holds 172,337).
    assert len(packed.inflate_json(zlib.compress(b"[" + b"[]," * 100_000 + b"[]]"))) == 100_001


def test_a_migration_with_a_comment_inside_an_index_s_statement_leaves_the_store_ours(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # review57: _migrate runs a migration's statements without their comments (_split_sql), and SQLite keeps the text
    # it ran; the schema check read the scripts as written, so such an index made every store "not ours".
    from newsmirror.store import sqlite as sqlite_store

    scripts = migration_scripts("sqlite")
    extra = (999, "0999_commented.sql", "CREATE INDEX articles_by_outlet_title ON articles (\n"
                                         "    outlet,  -- the outlet first: its listings\n    title\n);\n")
    monkeypatch.setattr(sqlite_store, "migration_scripts", lambda dialect: [*scripts, extra])
    path = _store(tmp_path / "commented.sqlite")  # made and migrated here
    with open_store(path, create=False) as store:  # opened again: the check reads what _migrate made
        assert store.count_articles() == 1
