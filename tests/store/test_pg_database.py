"""What a PostgreSQL database must be to hold a store. UTF8: a database in another encoding cannot store Chinese text,
and is refused in one line before anything is written (in SQL_ASCII an import took the articles but they read back
as bytes, and search ended in a traceback; in LATIN1 every Chinese article failed). Any collation: every order newsmirror relies on compares byte-wise, so a database in ICU's Chinese collation
gives what one in C gives (the README still asks for C). The client encoding is always UTF8, whatever the
environment or the DSN asks. Each test makes a database of its own on the test server
(NEWSMIRROR_TEST_PG_DSN) and drops it after; a server that cannot make one skips the test."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.errors import StoreError
from newsmirror.store import open_store
from tests.jobs.test_cli_every_backend import POSTS

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("NEWSMIRROR_TEST_PG_DSN"), reason="needs NEWSMIRROR_TEST_PG_DSN"),
]


@contextmanager
def scratch_database(options: str) -> Iterator[str]:
    """A new database made with ``options`` (after TEMPLATE template0), as a DSN; dropped afterwards."""
    import psycopg

    dsn = os.environ["NEWSMIRROR_TEST_PG_DSN"]
    name = f"nm_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as admin:
        try:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 {options}')
        except psycopg.Error as exc:
            pytest.skip(f"the test server cannot make a database {options}: {exc}")
    try:
        yield urlunsplit(urlsplit(dsn)._replace(path=f"/{name}"))  # a postgresql:// URL, as --db takes it
    finally:
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.mark.parametrize("encoding", ["SQL_ASCII", "LATIN1"])
def test_a_database_that_cannot_hold_chinese_is_refused_in_one_line(encoding: str, corpus_dir: Path) -> None:
    post = corpus_dir / "zhouxiang93123-waimei" / "_posts" / POSTS[0]
    with scratch_database(f"ENCODING '{encoding}' LC_COLLATE 'C' LC_CTYPE 'C'") as dsn:
        for command in (["import", str(post)], ["stats"]):
            code, output = cli(*command, "--db", dsn)
            assert code == 1 and "Traceback" not in output, output
            assert f"is a database in {encoding}, which cannot store Chinese text" in output
            assert "createdb -T template0 -E UTF8 --locale=C" in output
        with pytest.raises(StoreError):
            open_store(dsn)
        import psycopg

        with psycopg.connect(dsn) as connection:  # refused before anything was created in it
            row = connection.execute("SELECT to_regclass('schema_migrations') IS NULL").fetchone()
            assert row is not None and row[0] is True


def test_a_database_in_a_chinese_collation_gives_what_a_c_one_gives(corpus_dir: Path, tmp_path: Path) -> None:
    posts = [str(corpus_dir / "zhouxiang93123-waimei" / "_posts" / name) for name in POSTS]
    seen: dict[str, list[str]] = {}
    sites: dict[str, dict[str, bytes]] = {}
    with scratch_database("ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'") as c_dsn, \
            scratch_database("ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C.UTF-8'") as zh_dsn:
        import psycopg

        with psycopg.connect(zh_dsn) as connection:  # the two databases do order text differently
            row = connection.execute("SELECT '安全' < '中国', 'a' < 'B'").fetchone()
            assert row == (True, True)  # by pinyin and case-blind here; by code point in C, where both are false
        for label, dsn in (("C", c_dsn), ("zh", zh_dsn)):
            assert cli("import", *posts, "--db", dsn)[0] == 0
            assert cli("stories", "group", "--db", dsn)[0] == 0
            answers = [cli(*command, "--db", dsn) for command in (
                ["stories", "list", "--min-outlets", "1"], ["search", "拜登", "--json"], ["search", "新冠", "--json"], ["stats", "--json"])]
            assert all(code == 0 for code, _ in answers), answers
            seen[label] = [answers[0][1]] + [json.dumps(json.loads(output), ensure_ascii=False, sort_keys=True)
                                             for _, output in answers[1:]]
            out = tmp_path / label
            assert cli("build", "--db", dsn, "--out", str(out), "--no-images")[0] == 0
            sites[label] = {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*"))
                            if path.is_file() and ".cache" not in path.parts and path.name != "manifest.json"}
    assert seen["zh"] == seen["C"]
    assert sites["zh"].keys() == sites["C"].keys() and len(sites["C"]) > 20
    assert [name for name in sites["C"] if sites["C"][name] != sites["zh"][name]] == []


# A client encoding the operator's environment or DSN sets (session 47, measured on a UTF8 database on main: LATIN1
# and BIG5 failed every Chinese article at import and `stats`, `search` and `stories list` in tracebacks, GBK stopped
# the first migration, SQL_ASCII imported most and read them back as bytes): every connection newsmirror opens asks
# for UTF8 itself (store.postgres.connect), which wins over each of these.
CLIENT_ENCODINGS = [
    ("PGCLIENTENCODING=LATIN1", {"PGCLIENTENCODING": "LATIN1"}, ""),
    ("PGCLIENTENCODING=SQL_ASCII", {"PGCLIENTENCODING": "SQL_ASCII"}, ""),
    ("PGCLIENTENCODING=GBK", {"PGCLIENTENCODING": "GBK"}, ""),
    ("PGOPTIONS", {"PGOPTIONS": "-c client_encoding=BIG5"}, ""),
    ("DSN client_encoding", {}, "client_encoding=LATIN1"),
    ("DSN options", {}, "options=-c%20client_encoding%3DSQL_ASCII"),
]


@pytest.mark.parametrize(("label", "environment", "query"), CLIENT_ENCODINGS, ids=[c[0] for c in CLIENT_ENCODINGS])
def test_a_client_encoding_set_outside_newsmirror_is_overridden(label: str, environment: dict[str, str], query: str,
                                                                corpus_dir: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    posts = [str(corpus_dir / "zhouxiang93123-waimei" / "_posts" / name) for name in POSTS]
    with scratch_database("ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'") as plain_dsn:
        dsn = f"{plain_dsn}?{query}" if query else plain_dsn
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        with psycopg.connect(dsn) as connection:  # what libpq alone gives: the setting is really in force
            shown = connection.execute("SHOW client_encoding").fetchone()
            assert shown is not None and shown[0] not in ("UTF8", b"UTF8")
        code, output = cli("import", *posts, "--db", dsn)
        assert code == 0 and "Traceback" not in output, output
        answers = [cli(*command, "--db", dsn) for command in (
            ["stats", "--json"], ["search", "拜登", "--json"], ["stories", "group"], ["stories", "list", "--min-outlets", "1"])]
        assert all(code == 0 and "Traceback" not in output for code, output in answers), answers
        stats = json.loads(answers[0][1])
        assert stats["articles"] == len(POSTS) and "b'\\x" not in answers[0][1] and "b'\\x" not in answers[3][1]
        assert json.loads(answers[1][1])["total"] >= 1
        assert cli("build", "--db", dsn, "--out", str(tmp_path / "site"), "--no-images")[0] == 0
        monkeypatch.delenv("PGCLIENTENCODING", raising=False)
        monkeypatch.delenv("PGOPTIONS", raising=False)
        with psycopg.connect(plain_dsn) as connection:  # stored as UTF-8, read in UTF8 by another client
            titles = [row[0] for row in connection.execute("SELECT title FROM articles ORDER BY id")]
        assert len(titles) == len(POSTS) and all(isinstance(title, str) for title in titles)
        assert any("拜登" in title for title in titles)


def test_a_connection_not_in_utf8_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # A server or a pooler that did not give the UTF8 newsmirror asks for: refused, not misread.
    import psycopg

    from newsmirror.store import postgres

    monkeypatch.setattr(postgres, "connect", lambda dsn, **options: psycopg.connect(
        dsn, **{**options, "client_encoding": "LATIN1"}))
    with scratch_database("ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'") as dsn, \
            pytest.raises(StoreError, match="client encoding LATIN1 although newsmirror asked for UTF8"):
        open_store(dsn)
