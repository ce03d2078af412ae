"""Stores for the job tests: ``store``, an open SQLite store of the test's own; ``store_location``, for worker and
migration tests, SQLite always, PostgreSQL when NEWSMIRROR_TEST_PG_DSN names a server (a location, not an open
store, because workers open their own connections, some of them in other processes)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmirror.store import Store, open_store

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("NEWSMIRROR_TEST_PG_DSN") else [])


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:{tmp_path / 'queue.sqlite'}"
    from tests.store.pg_util import fresh_schema_dsn

    return fresh_schema_dsn(os.environ["NEWSMIRROR_TEST_PG_DSN"])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store in the test's own folder, closed after the test."""
    with open_store(tmp_path / "store.sqlite") as opened:
        yield opened
