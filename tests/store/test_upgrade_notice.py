"""Opening a store of an earlier version says what it is doing: the migrations it applies and a
search index it rebuilds can take minutes on a real archive, which looked like a hung `stats`."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import newsmirror.store.sqlite as sqlite_store
from newsmirror.model import Article
from newsmirror.store import Store, open_store
from tests.store.conftest import BACKENDS

SRC = Path(sqlite_store.__file__).parents[2]


def _article(slug: str) -> Article:
    return Article(outlet="示例报", title=f"标题{slug}", original_url=f"https://example.org/{slug}",
                   body_text=f"正文{slug}", published_at=datetime(2024, 3, 1, 12, tzinfo=UTC))


def _older_store(path: Path) -> str:
    """A store made before the story_joins migration (picked by name: later ones came after it); returns its name."""
    number, name, _sql = next(s for s in sqlite_store.migration_scripts("sqlite") if "story_joins" in s[1])
    assert "CREATE TABLE story_joins" in _sql  # what is undone below
    with open_store(path) as store:
        store.upsert_article(_article("a"))
        store.execute("DROP TABLE story_joins")
        store.execute("DELETE FROM schema_migrations WHERE number = ?", (number,))
    return name


def test_a_command_on_an_older_store_says_it_upgrades_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    later = _older_store(path)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    ran = subprocess.run([sys.executable, "-m", "newsmirror", "stats", "--db", str(path)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert "upgrading the store" in ran.stderr and later in ran.stderr, ran.stderr
    again = subprocess.run([sys.executable, "-m", "newsmirror", "stats", "--db", str(path)],
                           capture_output=True, text=True, env=env, timeout=120)
    assert "upgrading" not in again.stderr  # once


def test_a_new_store_is_not_announced(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsmirror.store.sqlite"), \
            open_store(tmp_path / "new.sqlite") as store:
        store.upsert_article(_article("a"))
    assert not caplog.records


def test_rebuilding_the_search_index_is_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        for slug in "abc":
            store.upsert_article(_article(slug))
        store.execute("UPDATE search_meta SET key_version = 1")  # indexed by another search key
    monkeypatch.setattr(sqlite_store, "ANNOUNCED_REINDEX", 3, raising=False)
    with caplog.at_level(logging.WARNING, logger="newsmirror.store.sqlite"), open_store(path):
        pass
    assert any("indexing 3 articles for search" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_backend_announces_an_upgrade_once(backend: str, tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    # PostgreSQL stores upgraded silently (session 29's note): a fleet's operator saw a pause with no reason.
    if backend == "sqlite":
        path = str(tmp_path / "old.sqlite")
        later = _older_store(tmp_path / "old.sqlite")

        def reopen() -> Store:
            return open_store(path)
    else:
        from newsmirror.store.postgres import PostgresStore
        from tests.store.pg_util import fresh_schema_dsn

        dsn = fresh_schema_dsn(os.environ["NEWSMIRROR_TEST_PG_DSN"])
        # The story_joins migration, whichever came after it (0015's search key 7 re-runs as it is).
        pg_number, later, pg_sql = next(s for s in sqlite_store.migration_scripts("postgres") if "story_joins" in s[1])
        assert "CREATE TABLE" in pg_sql and "story_joins" in pg_sql  # what is undone below
        with PostgresStore(dsn) as store:
            store.upsert_article(_article("a"))
            store.execute("DROP TABLE story_joins")
            store.execute("DELETE FROM schema_migrations WHERE number = %s", (pg_number,))

        def reopen() -> Store:
            return PostgresStore(dsn)
    with caplog.at_level(logging.WARNING, logger=f"newsmirror.store.{backend}"), reopen():
        pass
    assert any("upgrading the store" in r.getMessage() and later in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=f"newsmirror.store.{backend}"), reopen():
        pass
    assert not [r for r in caplog.records if "upgrading" in r.getMessage()]  # once
