"""The store test-suite runs against every backend: SQLite always, PostgreSQL when
NEWSMIRROR_TEST_PG_DSN names a server (scripts/test starts one on 127.0.0.1)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmirror.store import Store, open_store

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("NEWSMIRROR_TEST_PG_DSN") else [])


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = open_store(tmp_path / "test.sqlite")
    else:
        from tests.store.pg_util import fresh_postgres_store  # created with the PostgreSQL backend

        opened = fresh_postgres_store(os.environ["NEWSMIRROR_TEST_PG_DSN"])
    try:
        yield opened
    finally:
        opened.close()
