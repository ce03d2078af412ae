"""--db never silently creates a store: reading commands refuse one that does not exist, unknown
schemes are an error, and only the commands that store new data create one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.errors import StoreError
from newsmirror.store import open_store

READING_COMMANDS = [
    ["stats"], ["show", "abc"], ["changes"], ["history", "abc"], ["stories", "list"], ["stories", "group"],
    ["sources", "list"], ["build", "--no-images"], ["recheck"], ["worker", "--once"], ["serve"],
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: " ".join(c))
def test_reading_commands_refuse_a_missing_store(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite"
    args = [*command, "--db", str(missing)]
    if command[0] == "build":
        args += ["--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "no store at" in result.output and "Traceback" not in result.output
    assert not missing.exists()


@pytest.mark.parametrize("location", ["mysql://user@db/news", "mongodb+srv://x/y", "redis:local"])
def test_unknown_schemes_are_an_error(location: str, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    with pytest.raises(StoreError, match="unknown store location"):
        open_store(location)
    for command in (["stats"], ["import", str(tmp_path)]):
        result = CliRunner().invoke(app, [*command, "--db", location])
        assert result.exit_code == 1 and "unknown store location" in result.output
    assert list(tmp_path.iterdir()) == []  # no folder named after the scheme


def test_commands_that_store_create_the_store(tmp_path: Path) -> None:
    created = tmp_path / "new.sqlite"
    result = CliRunner().invoke(app, ["sources", "add", "https://feeds.example/a.xml", "--outlet", "示例",
                                      "--db", str(created)])
    assert result.exit_code == 0, result.output
    assert created.is_file()
    assert CliRunner().invoke(app, ["stats", "--db", str(created)]).exit_code == 0
    imported = tmp_path / "imported.sqlite"
    (tmp_path / "empty").mkdir()
    assert CliRunner().invoke(app, ["import", str(tmp_path / "empty"), "--db", str(imported)]).exit_code == 0
    assert imported.is_file()


BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("NEWSMIRROR_TEST_PG_DSN") else [])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_is_created_only_when_asked(backend: str, tmp_path: Path) -> None:
    # PostgreSQL: a database (schema) without newsmirror's tables is not a store either.
    if backend == "sqlite":
        location = str(tmp_path / "new.sqlite")
    else:
        from tests.store.pg_util import fresh_schema_dsn

        location = fresh_schema_dsn(os.environ["NEWSMIRROR_TEST_PG_DSN"])
    result = CliRunner().invoke(app, ["stats", "--db", location])
    assert result.exit_code == 1 and ("no newsmirror store" in result.output or "no store at" in result.output)
    with pytest.raises(StoreError):
        open_store(location, create=False)
    with open_store(location) as store:  # creating is explicit
        assert store.count_articles() == 0
    assert CliRunner().invoke(app, ["stats", "--db", location]).exit_code == 0


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database, " * 400, encoding="utf-8")
    before = notes.read_bytes()
    (tmp_path / "archives").mkdir()  # a path that exists: a missing one is refused before the store is opened
    for command in (["stats"], ["import", str(tmp_path / "archives")]):
        result = CliRunner().invoke(app, [*command, "--db", str(notes)])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "not a newsmirror store" in result.output
    assert notes.read_bytes() == before


def test_another_programs_sqlite_database_is_left_unchanged(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "places.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE bookmarks (url TEXT)")
    before = other.read_bytes()
    with pytest.raises(StoreError, match="not a newsmirror store"):
        open_store(other)  # not even when creating is allowed
    result = CliRunner().invoke(app, ["stats", "--db", str(other)])
    assert result.exit_code == 1 and "bookmarks" in result.output
    assert other.read_bytes() == before and not Path(f"{other}-wal").exists()


def test_an_error_is_one_line_however_long(tmp_path: Path) -> None:
    # Cron mails and log files are not terminals: rich wrapped the message at 80 columns.
    missing = tmp_path / ("a-long-folder-name-" * 5) / "store.sqlite"
    result = CliRunner().invoke(app, ["stats", "--db", str(missing)], env={"COLUMNS": "80"})
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: no store at") and str(missing) in lines[0]


def test_an_output_folder_that_is_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite")
    with open_store(db):
        pass
    taken = tmp_path / "out"
    taken.write_text("a file where the output folder should be", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "--db", db, "--out", str(taken), "--no-images", "-f", "site"])
    assert result.exit_code == 1 and not isinstance(result.exception, OSError), result.output
    assert "Traceback" not in result.output and "is a file" in result.output and str(taken) in result.output


def test_migrate_names_its_own_options_for_a_store_it_cannot_use(tmp_path: Path) -> None:
    # The store's refusals say "check --db (or NEWSMIRROR_DB)", an option migrate does not have.
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database", encoding="utf-8")
    missing = CliRunner().invoke(app, ["migrate", "--from", str(tmp_path / "typo.sqlite"),
                                       "--to", str(tmp_path / "b")])
    assert missing.exit_code == 1 and "no store at" in missing.output and "check --from;" in missing.output
    assert "--db" not in missing.output and not (tmp_path / "b").exists()
    with open_store(tmp_path / "a.sqlite"):
        pass
    wrong = CliRunner().invoke(app, ["migrate", "--from", str(tmp_path / "a.sqlite"), "--to", str(notes)],
                               env={"COLUMNS": "250"})
    assert wrong.exit_code == 1 and "check --to" in wrong.output and "--db" not in wrong.output, wrong.output



def test_a_postgresql_server_that_does_not_answer_is_one_line() -> None:
    # libpq's message ends in an indented hint line ("\tIs the server running on that host and accepting TCP/IP
    # connections?"): `stats --db postgresql://...` printed the error on two lines, the second asking what our own
    # question after it asks again.
    from tests.web.live import free_port

    with pytest.raises(StoreError) as refused:
        open_store(f"postgresql://nobody@127.0.0.1:{free_port()}/news")  # nothing listens there
    message = str(refused.value)
    assert "\n" not in message and "\t" not in message, message
    assert message.startswith("cannot connect to postgresql://nobody@127.0.0.1:") and "refused" in message
    assert message.lower().count("is the server running") == 1, message


def test_a_key_value_postgresql_connection_string_is_not_taken_for_a_file_name(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # libpq's "host=... dbname=..." form was read as a SQLite path: `import` made a SQLite file of that name.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["import", str(tmp_path), "--db", "host=127.0.0.1 port=5432 dbname=news"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "postgresql://USER@HOST:PORT/DBNAME" in result.output
    assert list(tmp_path.iterdir()) == []


def test_without_the_postgres_extra_the_error_says_the_checkouts_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """It said `pip install 'newsmirror[postgres]'`: a package index's project of that name, not the checkout the
    README installs (`pip install -e .`); an operator runs what the error says."""
    import sys

    monkeypatch.setitem(sys.modules, "newsmirror.store.postgres", None)
    with pytest.raises(StoreError) as refused:
        open_store("postgresql://news@127.0.0.1:1/news")
    assert "pip install -e '.[postgres]'" in str(refused.value)
    assert "pip install 'newsmirror[postgres]'" not in str(refused.value)
