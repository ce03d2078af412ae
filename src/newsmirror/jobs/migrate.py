"""`newsmirror migrate`: copy a whole store into another (SQLite -> PostgreSQL, or back).

Rows are copied table by table, parents before children, in batches, ids and history included
(copying through upsert_article would collapse every article's versions into one). Derived data
(search indexes) is rebuilt by the destination. Then every table's row count is compared and any
difference is an error: a migration either provably copied everything or says what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newsmirror.errors import StoreError
from newsmirror.store import Store

# (table, rows copied so far in it, rows in it) after each batch
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class TableCount:
    table: str
    source: int
    destination: int

    @property
    def matches(self) -> bool:
        return self.source == self.destination


@dataclass(slots=True)
class MigrationReport:
    counts: list[TableCount] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.matches for c in self.counts)


def plan(source: Store, destination: Store, resume: bool = False) -> list[tuple[str, list[str]]]:
    """(table, columns to copy) in copy order; refuses when the copy cannot be complete."""
    source_tables = source.copy_tables()
    destination_tables = set(destination.copy_tables())
    missing = [t for t in source_tables if t not in destination_tables and source.count_rows(t) > 0]
    if missing:
        raise StoreError(
            f"the destination has no table for {', '.join(missing)} (rows would be lost); "
            "its backend lacks the migration that creates them: add it to store/migrations first"
        )
    nonempty = [t for t in source_tables if t in destination_tables and destination.count_rows(t) > 0]
    if nonempty and not resume:
        raise StoreError(
            f"the destination already holds data ({', '.join(nonempty)}); migrate into an empty database, "
            "or add --resume to continue an interrupted migration into it"
        )
    steps = []
    for table in source_tables:
        if table not in destination_tables:
            continue
        wanted = destination.table_columns(table)
        columns = [c for c in source.table_columns(table) if c in wanted]
        dropped = [c for c in source.table_columns(table) if c not in wanted]
        if dropped:
            raise StoreError(f"the destination's {table} table has no column {', '.join(dropped)}")
        steps.append((table, columns))
    return steps


def migrate(source: Store, destination: Store, batch_size: int = 1000,
            progress: Progress | None = None, resume: bool = False) -> MigrationReport:
    """Copy every row of ``source`` into the empty ``destination``, then check the counts.
    Raises StoreError naming the tables whose counts differ.

    Each batch commits on its own. ``resume`` continues an interrupted migration into the same
    destination: tables already complete are skipped, partly copied ones are copied again
    keeping the rows already there (by primary key), and derived data is built where missing."""
    steps = plan(source, destination, resume)
    totals = {table: source.count_rows(table) for table, _ in steps}
    for table, columns in steps:
        present = destination.count_rows(table) if resume else 0
        if present and present == totals[table]:
            if progress:
                progress(table, present, totals[table])
            continue
        copied = 0
        if progress:
            progress(table, 0, totals[table])
        for batch in source.iter_rows(table, columns, batch_size):
            if present:
                destination.insert_rows(table, columns, batch, skip_existing=True)
            else:
                destination.insert_rows(table, columns, batch)
            copied += len(batch)
            if progress:
                progress(table, copied, totals[table])
    destination.finish_bulk_load(progress)
    report = MigrationReport(
        [TableCount(table, source.count_rows(table), destination.count_rows(table)) for table, _ in steps]
    )
    if not report.ok:
        wrong = ", ".join(f"{c.table} ({c.source} -> {c.destination})" for c in report.counts if not c.matches)
        raise StoreError(f"row counts differ after copying: {wrong}; the destination is incomplete")
    return report
