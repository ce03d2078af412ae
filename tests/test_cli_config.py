"""One settings file for every command: `--config` (or $NEWSMIRROR_CONFIG) names it, and each command reads the
tables it needs from that file (`fetch` and `recheck` its [fetch] table, `build` and `publish` its [publish] one,
`run` and `worker --out` both). Session 48 (polish63): `run --config FILE` fetched with FILE's [fetch] table but
built with the [publish] table of $NEWSMIRROR_CONFIG or ./newsmirror.toml, and so did `worker --config FILE --out`;
`build` and `publish` took a $NEWSMIRROR_CONFIG that named no file as no settings, where `fetch` said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from tests.fixtures_archives import JEKYLL_POST, write

TITLE = "某某新闻镜像"


@pytest.fixture
def one_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """A store of one imported article, and a settings file whose [publish] table names the site; run from a folder
    with no newsmirror.toml and no $NEWSMIRROR_CONFIG, so only --config can name it."""
    monkeypatch.chdir(tmp_path)
    for name in ("NEWSMIRROR_CONFIG", "NEWSMIRROR_OUT", "NEWSMIRROR_DB"):
        monkeypatch.delenv(name, raising=False)
    write(tmp_path, "archive/_posts/2024-03-01-a.md", JEKYLL_POST)
    db = str(tmp_path / "s.sqlite")
    assert CliRunner().invoke(app, ["import", str(tmp_path / "archive"), "--db", db]).exit_code == 0
    config = tmp_path / "settings" / "mine.toml"
    config.parent.mkdir()
    config.write_text(f'[fetch]\nmax_retries = 0\n[publish]\nsite_title = "{TITLE}"\n', encoding="utf-8")
    return db, config


def test_run_builds_with_the_publish_table_of_the_file_config_names(one_article: tuple[str, Path],
                                                                     tmp_path: Path) -> None:
    db, config = one_article
    result = CliRunner().invoke(app, ["run", "--db", db, "--config", str(config), "--out", "out", "-q"])
    assert result.exit_code == 0, result.output
    assert TITLE in (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    built = CliRunner().invoke(app, ["build", "--db", db, "--config", str(config), "--out", "built", "-q"])
    assert built.exit_code == 0, built.output
    assert TITLE in (tmp_path / "built" / "site" / "index.html").read_text(encoding="utf-8")  # as build does


def test_a_worker_that_publishes_builds_with_the_publish_table_of_its_config(one_article: tuple[str, Path],
                                                                             tmp_path: Path) -> None:
    db, config = one_article
    result = CliRunner().invoke(app, ["worker", "--db", db, "--config", str(config), "--out", "out", "--once",
                                      "--poll", "0.05", "--kinds", "group,build"])
    assert result.exit_code == 0, result.output
    assert TITLE in (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")


def test_a_worker_started_with_out_builds_a_store_already_grouped(one_article: tuple[str, Path],
                                                                   tmp_path: Path) -> None:
    """The walk: a store moved to PostgreSQL, everything in it grouped, a worker started with --out built nothing
    (a build job is queued only by a grouping that changed stories) until a new article came: no output for hours."""
    db, config = one_article
    grouped = CliRunner().invoke(app, ["run", "--db", db, "--config", str(config), "--out", "first", "-q"])
    assert grouped.exit_code == 0, grouped.output
    result = CliRunner().invoke(app, ["worker", "--db", db, "--config", str(config), "--out", "out", "--once",
                                      "--poll", "0.05", "--kinds", "build"])
    assert result.exit_code == 0, result.output
    assert TITLE in (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["build", "publish", "fetch"])
def test_a_config_variable_naming_no_file_is_said_by_every_command(one_article: tuple[str, Path], tmp_path: Path,
                                                                    command: str) -> None:
    db, _ = one_article
    missing = tmp_path / "settings" / "typo.toml"
    args = [command, "--db", db] if command != "publish" else [command, "--out", "out"]
    result = CliRunner().invoke(app, args, env={"NEWSMIRROR_CONFIG": str(missing)})
    assert result.exit_code == 1, result.output
    assert "typo.toml" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["build", "publish", "fetch", "run"])
def test_a_config_file_that_is_no_utf8_text_is_said_in_one_line(one_article: tuple[str, Path], tmp_path: Path,
                                                                 command: str) -> None:
    # A settings file saved as UTF-16 (an editor's "Unicode") ended every command in a UnicodeDecodeError traceback
    # (review52); a folder named as the file was said not to exist.
    db, config = one_article
    config.write_text('[publish]\nsite_title = "某某"\n', encoding="utf-16")
    args = [command, "--db", db, "--config", str(config)] if command != "publish" else [command, "--config", str(config)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "not UTF-8 text" in result.output and "mine.toml" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    folder = CliRunner().invoke(app, ["build", "--db", db, "--config", str(tmp_path)])
    assert folder.exit_code == 1 and "is not a file" in folder.output and "does not exist" not in folder.output
