"""Is a SQLite file one newsmirror wrote? Checked from its schema alone, before anything reads it.

Mirror operators receive SQLite files from elsewhere: a store (``--db``), a build's manifest and listing cache in an
output folder. Reading a schema runs nothing, but reading a table may: a ``search_meta`` replaced by a view over a
recursive query made every command that opened the store run forever (and ``SIGTERM`` cannot stop a query running in
SQLite's C loop), a trigger on ``articles`` ran its query on every upsert (safety73; the manifest's the same, safety72).
So a file is taken only when everything in it that can run SQL is what our own schema makes: no view or trigger,
virtual table or index with SQL of its own, no generated column, and our tables as our steps write them, token for
token (comments and spacing aside): a CHECK or a default is an expression every insert evaluates (one of zeroblob()
made a single insert take 608 MB: review57), and a CHECK written ``CHECK/**/(`` passed a search for ``CHECK (``, a
``COLLATE`` of no known sequence made every command end in a traceback (safety74). A newer version may append plain
columns (``ALTER TABLE ADD COLUMN``: a name, a type, NOT NULL, a literal default). A table of another name (a newer
version's, which we never write) may hold no CHECK and no default but a literal either: a ``REFERENCES`` to one of
ours ``ON DELETE SET DEFAULT`` evaluated its default for every row when we deleted a story (safety74). What is left
cannot hold a query, so reading and writing is bounded by the file's size.
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
    # Each of our tables -> its CREATE statement after each step, as tokens (``sql_tokens``).
    tables: dict[str, frozenset[tuple[str, ...]]]


def _virtual(sql: object) -> bool:
    return str(sql).lstrip()[:14].upper() == "CREATE VIRTUAL"


def _columns(db: sqlite3.Connection, table: str) -> list[tuple[str, int]]:
    """(name, hidden) of each column: hidden 2 and 3 are generated columns (``table_info`` leaves them out)."""
    return [(str(row[1]), int(row[6])) for row in db.execute(f"PRAGMA table_xinfo({quoted(table)})")]


# SQLite's tokens as far as comparing statements needs: strings and quoted names whole, comments and spaces dropped.
_TOKEN = re.compile(r"""'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`[^`]*`?|\[[^\]]*\]?|--[^\n]*|/\*.*?(?:\*/|\Z)|\s+|\w+|.""",
                    re.DOTALL)
_QUOTES = "'\"`["
# A column a newer version appended: these words may follow its name and type.
_CONSTRAINT_WORDS = frozenset({"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE",
                               "REFERENCES", "GENERATED", "AS", "ON"})
_LITERAL_WORDS = frozenset({"NULL", "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"})


def sql_tokens(sql: str) -> tuple[str, ...]:
    """``sql`` as SQLite reads it, for comparing: comments and spacing dropped, words in capitals (SQLite's words
    and names are read without case), strings and quoted names as written."""
    return tuple(token if token[0] in _QUOTES else token.upper()
                 for token in _TOKEN.findall(sql) if not token.isspace() and not token.startswith(("--", "/*")))


def _is_literal(tokens: tuple[str, ...], at: int) -> int:
    """How many tokens from ``at`` make a literal default (a signed number, a string, NULL, a boolean, the clock; a
    bare word, which SQLite reads as a string), 0 when they do not (an expression is in parentheses)."""
    sign = int(tokens[at:at + 1] in (("+",), ("-",)))
    rest = tokens[at + sign:at + sign + 3]
    if rest[:1] and rest[0][0].isdigit():  # 1, 1e5, 0x1f; 1.5 is three tokens here
        return sign + (3 if rest[1:2] == (".",) and rest[2:3] and rest[2][0].isdigit() else 1)
    if rest[:2] and rest[0] == "." and rest[1][0].isdigit():  # .5
        return sign + 2
    if sign or not rest:
        return 0
    word = rest[0]
    return int(word[0] == "'" or word in _LITERAL_WORDS or word[0].isalpha() or word[0] == "_")


def _plain_columns(tokens: tuple[str, ...]) -> bool:
    """``tokens`` are columns appended by ``ALTER TABLE ADD COLUMN``, each ``, name [type] [NOT NULL] [DEFAULT
    literal]``: nothing in them is evaluated."""
    at = 0
    while at < len(tokens):
        if tokens[at] != "," or at + 1 >= len(tokens) or tokens[at + 1] in _CONSTRAINT_WORDS:
            return False
        at += 2
        while at < len(tokens) and tokens[at] not in _CONSTRAINT_WORDS and (tokens[at][0].isalpha() or tokens[at][0] == "_"):
            at += 1  # the type's words
        if tokens[at:at + 1] == ("(",):  # VARCHAR(20), DECIMAL(10, 2)
            close = tokens.index(")", at) if ")" in tokens[at:] else len(tokens)
            if not all(token[0].isdigit() or token in ",+-" for token in tokens[at + 1:close]) or close == len(tokens):
                return False
            at = close + 1
        while at < len(tokens) and tokens[at] != ",":
            if tokens[at:at + 2] == ("NOT", "NULL"):
                at += 2
            elif tokens[at] == "NULL":
                at += 1
            elif tokens[at] == "DEFAULT" and (length := _is_literal(tokens, at + 1)):
                at += 1 + length
            else:
                return False
    return True


def _ours_or_appended(tokens: tuple[str, ...], known: frozenset[tuple[str, ...]]) -> bool:
    """The table as one of our steps writes it, or with plain columns appended before its closing parenthesis."""
    return tokens in known or any(
        tokens[:len(ours) - 1] == ours[:-1] and tokens[-1:] == (")",) and ours[-1:] == (")",)
        and _plain_columns(tokens[len(ours) - 1:-1]) for ours in known)


# The collations SQLite always has: any other name fails every statement that compares by it.
_KNOWN_COLLATIONS = frozenset({"BINARY", "NOCASE", "RTRIM"})


def _evaluates(tokens: tuple[str, ...]) -> str | None:
    """What in a table's statement SQLite evaluates on a write of ours (a CHECK, a default in parentheses) or fails
    on (a collation of no name it knows: a REFERENCES to our table is checked by it, and saving a story ended in
    "no such collation sequence", review58), or None."""
    for at, token in enumerate(tokens):
        if token == "CHECK":
            return "a CHECK constraint"
        if token == "DEFAULT" and tokens[at + 1:at + 2] == ("(",):
            return "a default that is an expression"
        if token == "COLLATE" and "".join(tokens[at + 1:at + 2]) not in _KNOWN_COLLATIONS:
            return "a collation of its own"
    return None


@functools.cache
def schema_of(*steps: str) -> OurSchema:
    """What ``steps`` (SQL scripts, run in order: a store's migrations) make, read back from an in-memory database
    after each step: one truth, the scripts themselves."""
    objects: set[tuple[str, str, str]] = set()
    columns: dict[str, set[tuple[str, ...]]] = {}
    tables: dict[str, set[tuple[str, ...]]] = {}
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        for script in steps:
            db.executescript(script)
            for kind, name, sql in db.execute("SELECT type, name, sql FROM sqlite_master").fetchall():
                if kind == "table" and not _virtual(sql):
                    columns.setdefault(name, set()).add(tuple(column for column, _ in _columns(db, name)))
                    tables.setdefault(name, set()).add(sql_tokens(str(sql)))
                elif sql is not None:
                    objects.add((kind, name, sql))
    return OurSchema(frozenset(objects), {name: frozenset(found) for name, found in columns.items()},
                     {name: frozenset(found) for name, found in tables.items()})


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
            tokens = sql_tokens(str(sql))
            if name not in ours.columns:
                # A plain table of another name (a newer version's): we never write it, but a write of ours may
                # still evaluate its expressions (a REFERENCES to our table ON DELETE SET DEFAULT).
                evaluated = _evaluates(tokens)
                if evaluated is not None:
                    return f"its table {name!r} has {evaluated}"
                continue
            names = tuple(column for column, _ in columns)
            # Ours with our columns; a newer version may have added columns at the end (ALTER TABLE ADD COLUMN).
            if not any(names[:len(known)] == known for known in ours.columns[name]):
                return f"its table {name!r} has the columns {', '.join(names)}"
            if not _ours_or_appended(tokens, ours.tables[name]):
                return f"its table {name!r} is not defined as newsmirror defines it (near {_difference(tokens, ours.tables[name])})"
            continue
        if sql is None or (kind, name, sql) in ours.objects:
            continue  # an index SQLite makes for a PRIMARY KEY or UNIQUE constraint has no SQL
        if kind in ("view", "trigger"):
            return f"it holds a {kind}, {name!r}"
        if kind == "table":
            return f"{name!r} is a virtual table of its own"
        return f"it holds an index of its own, {name!r}"
    return None


def _difference(tokens: tuple[str, ...], known: frozenset[tuple[str, ...]]) -> str:
    """A few tokens from where ``tokens`` leave the closest of ``known``, for the message."""
    def common(ours: tuple[str, ...]) -> int:
        return next((at for at, (a, b) in enumerate(zip(tokens, ours, strict=False)) if a != b), min(len(tokens), len(ours)))
    at = max(common(ours) for ours in known)
    return repr(" ".join(tokens[at:at + 4])[:60])
