"""A fresh, isolated PostgreSQL store per test: its own schema in the test database."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import psycopg

from newsmirror.store.postgres import PostgresStore


def fresh_schema_dsn(dsn: str) -> str:
    """Create an empty schema and return a DSN whose connections use it (search_path), so any
    process given the DSN, a worker subprocess included, sees only this test's tables."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in dsn else "?"
    return f"{dsn}{separator}options={quote(f'-csearch_path={schema}')}"


def fresh_postgres_store(dsn: str) -> PostgresStore:
    return PostgresStore(fresh_schema_dsn(dsn))
