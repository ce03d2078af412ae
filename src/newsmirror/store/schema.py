"""Is a SQLite file one newsmirror wrote? Checked from its schema alone, before anything reads it.

Mirror operators receive SQLite files from elsewhere: a store (``--db``), a build's manifest and listing cache in an
output folder. Reading a schema runs nothing, but reading a table may: a ``search_meta`` replaced by a view over a
recursive query made every command that opened the store run forever (and ``SIGTERM`` cannot stop a query running in
SQLite's C loop), a trigger on ``articles`` ran its query on every upsert (safety73; the manifest's the same, safety72).
So a file is taken only when everything in it that can run SQL is what our own schema makes: no view or trigger,
virtual table or index with SQL of its own, no generated column, and our tables with our columns, our defaults and no
CHECK (ours have none): a default or a CHECK is an expression every insert evaluates, and one of zeroblob() made a
single insert take 608 MB (review57). A column a newer version added may only default to a literal. What is left (plain
tables of other names, which we never write) cannot hold a query, so reading and writing is bounded by the file's size.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from dataclasses import dataclass

__all__ = ["OurSchema", "foreign_schema", "quoted", "schema_of"]


def quoted(name: str) -> str:
    """``name`` as an SQL identifier: a name read from a file (a table, a column) is never SQL."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class OurSchema:
    # (type, name, sql) of every view, trigger, virtual table and index with SQL that our schema makes after any
    # of its steps: a store at an earlier migration holds what that migration made.
    objects: frozenset[tuple[str, str, str]]
    # Each of our tables -> its columns after each step (``PRAGMA table_xinfo``, generated columns included).
    columns: dict[str, frozenset[tuple[str, ...]]]
    # Each of our tables' column -> the defaults (as SQLite keeps their text) our steps give it.
    defaults: dict[tuple[str, str], frozenset[str | None]]


def _virtual(sql: object) -> bool:
    return str(sql).lstrip()[:14].upper() == "CREATE VIRTUAL"


def _columns(db: sqlite3.Connection, table: str) -> list[tuple[str, int]]:
    """(name, hidden) of each column: hidden 2 and 3 are generated columns (``table_info`` leaves them out)."""
    return [(str(row[1]), int(row[6])) for row in db.execute(f"PRAGMA table_xinfo({quoted(table)})")]


def _defaults(db: sqlite3.Connection, table: str) -> dict[str, str | None]:
    return {str(row[1]): None if row[4] is None else str(row[4])
            for row in db.execute(f"PRAGMA table_xinfo({quoted(table)})")}


# A default that evaluates nothing: a number, a string, NULL, a boolean or the clock (no call, no parenthesis).
_LITERAL = re.compile(r"[+-]?\d+(\.\d+)?|'[^'()]*'|NULL|TRUE|FALSE|CURRENT_(TIME|DATE|TIMESTAMP)", re.IGNORECASE)
_CHECK = re.compile(r"\bCHECK\s*\(", re.IGNORECASE)


@functools.cache
def schema_of(*steps: str) -> OurSchema:
    """What ``steps`` (SQL scripts, run in order: a store's migrations) make, read back from an in-memory database
    after each step: one truth, the scripts themselves."""
    objects: set[tuple[str, str, str]] = set()
    columns: dict[str, set[tuple[str, ...]]] = {}
    defaults: dict[tuple[str, str], set[str | None]] = {}
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        for script in steps:
            db.executescript(script)
            for kind, name, sql in db.execute("SELECT type, name, sql FROM sqlite_master").fetchall():
                if kind == "table" and not _virtual(sql):
                    columns.setdefault(name, set()).add(tuple(column for column, _ in _columns(db, name)))
                    for column, default in _defaults(db, name).items():
                        defaults.setdefault((name, column), set()).add(default)
                elif sql is not None:
                    objects.add((kind, name, sql))
    return OurSchema(frozenset(objects), {name: frozenset(found) for name, found in columns.items()},
                     {key: frozenset(found) for key, found in defaults.items()})


def foreign_schema(db: sqlite3.Connection, *steps: str) -> str | None:
    """Why the file open in ``db`` is not one ``steps`` made (:func:`schema_of`), or None when nothing in it but our
    schema can run SQL. Reads ``sqlite_master`` and the tables' column lists only."""
    ours = schema_of(*steps)
    for kind, name, sql in db.execute("SELECT type, name, sql FROM sqlite_master").fetchall():
        if kind == "table" and not _virtual(sql):
            columns = _columns(db, name)
            generated = [column for column, hidden in columns if hidden]
            if generated:
                return f"its table {name!r} has a generated column, {generated[0]!r}"
            names = tuple(column for column, _ in columns)
            # Ours with our columns; a newer version may have added columns at the end (ALTER TABLE ADD COLUMN).
            if name not in ours.columns:
                continue  # a plain table of another name runs nothing: we never read nor write it
            if not any(names[:len(known)] == known for known in ours.columns[name]):
                return f"its table {name!r} has the columns {', '.join(names)}"
            if _CHECK.search(str(sql)):
                return f"its table {name!r} has a CHECK constraint"
            for column, default in _defaults(db, name).items():
                known_defaults = ours.defaults.get((name, column))
                if default is None or (default in known_defaults if known_defaults is not None
                                       else _LITERAL.fullmatch(default.strip())):
                    continue
                return f"its table {name!r} gives the column {column!r} a default of its own"
            continue
        if sql is None or (kind, name, sql) in ours.objects:
            continue  # an index SQLite makes for a PRIMARY KEY or UNIQUE constraint has no SQL
        if kind in ("view", "trigger"):
            return f"it holds a {kind}, {name!r}"
        if kind == "table":
            return f"{name!r} is a virtual table of its own"
        return f"it holds an index of its own, {name!r}"
    return None
