"""A date no output can show is no date (safety74).

An archive's date is taken as written: a post dated 9999-12-31T20:05Z is in the year 10000 in UTC+8, where every page
shows a time. On main every page listing that article (the reader's home page, where it is the newest), its own page,
its outlet's and a search answered 500 for good, and `newsmirror search` ended in a traceback. A store received from
elsewhere may hold such times in any column."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsmirror.cli import app as cli
from newsmirror.store import open_store
from newsmirror.web import create_app


def _post(folder: Path, name: str, date: str, outlet: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join([
        "---", "layout: post", f"title: '{outlet}远方的会谈'", f"date: {date}", f"from: 'https://example.org/{name}'",
        f"tags: [ '{outlet}' ]", f"categories: [ '{outlet}' ]", "---", "<!--1709265906000-->",
        f"[{outlet}远方的会谈](https://example.org/{name})", "------", "", "<div>",
        "<p>双方在北京谈了安全合作并举行了两个小时的会谈。</p>", "</div>", ""]), encoding="utf-8")


def _pages_answer(store_path: Path) -> None:
    with open_store(store_path, create=False) as store:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        ids = [article.id for article in store.iter_articles()]
        for url in ("/", "/atom.xml", "/outlet/甲社", "/search?q=会谈", *(f"/article/{i}" for i in ids)):
            assert client.get(url).status_code == 200, url
    searched = CliRunner().invoke(cli, ["search", "会谈", "--db", f"sqlite:{store_path}"], env={"COLUMNS": "200"})
    assert searched.exit_code == 0, searched.output


def test_an_archive_dated_past_what_a_page_shows_is_imported_undated(tmp_path: Path) -> None:
    posts = tmp_path / "archive" / "_posts"
    _post(posts, "2024-03-01-far.md", "9999-12-31T20:05:06.000Z", "甲社")
    _post(posts, "2024-03-02-near.md", "2024-03-02T04:05:06.000Z", "乙社")
    store_path = tmp_path / "store.sqlite"
    imported = CliRunner().invoke(cli, ["import", str(tmp_path / "archive"), "--db", f"sqlite:{store_path}"])
    assert imported.exit_code == 0, imported.output
    with open_store(store_path, create=False) as store:
        dates = sorted((a.outlet, a.published_at is None) for a in store.iter_articles())
    assert dates == [("乙社", False), ("甲社", True)]
    _pages_answer(store_path)


def test_a_received_store_s_times_past_what_a_page_shows_are_not_shown(tmp_path: Path) -> None:
    posts = tmp_path / "archive" / "_posts"
    _post(posts, "2024-03-01-far.md", "2024-03-01T04:05:06.000Z", "甲社")
    store_path = tmp_path / "store.sqlite"
    assert CliRunner().invoke(cli, ["import", str(tmp_path / "archive"), "--db", f"sqlite:{store_path}"]).exit_code == 0
    db = sqlite3.connect(store_path)
    with db:  # as a sender writes them: past the model
        far = "9999-12-31T20:05:06+00:00"
        db.execute("UPDATE articles SET published_at = ?, published_utc = ?, fetched_at = ?", (far, far, far))
        db.execute("UPDATE versions SET published_at = ?, seen_at = ?", (far, far))
    db.close()
    _pages_answer(store_path)
    with open_store(store_path, create=False) as store:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        [article_id] = [article.id for article in store.iter_articles()]
        assert client.get(f"/article/{article_id}/history").status_code == 200


def test_the_model_s_last_time_is_the_display_zone_s() -> None:
    from datetime import datetime

    from newsmirror.model import DISPLAY_OFFSET, LAST_TIME, shown_time
    from newsmirror.text import times

    assert times.DISPLAY_ZONE.utcoffset(None) == DISPLAY_OFFSET
    assert times.local(LAST_TIME).year == 9999 and shown_time(LAST_TIME) == LAST_TIME
    assert shown_time(datetime.fromisoformat("9999-12-31T16:00:00+00:00")) is None
    assert shown_time(datetime.fromisoformat("0001-01-01T02:00:00+08:00")) is None  # before year 1 in UTC


def test_a_received_store_s_malformed_naive_or_far_times_are_read_not_raised(tmp_path: Path) -> None:
    # A stored time is parsed where every row is read (store.rows.from_iso): on main "not a date" raised ValueError
    # out of every page listing the article, a naive time made Article refuse it, and an event at 9999-12-31T20:00Z
    # made the changes page answer 500.
    posts = tmp_path / "archive" / "_posts"
    _post(posts, "2024-03-01-a.md", "2024-03-01T04:05:06.000Z", "甲社")
    _post(posts, "2024-03-02-b.md", "2024-03-02T04:05:06.000Z", "乙社")
    store_path = tmp_path / "store.sqlite"
    assert CliRunner().invoke(cli, ["import", str(tmp_path / "archive"), "--db", f"sqlite:{store_path}"]).exit_code == 0
    db = sqlite3.connect(store_path)
    with db:
        ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
        db.execute("UPDATE articles SET published_at = 'not a date' WHERE id = ?", (ids[0],))
        db.execute("UPDATE articles SET published_at = '2024-03-02T04:05:06', fetched_at = 'x' WHERE id = ?", (ids[1],))
        db.execute("INSERT INTO article_events (article_id, kind, seen_at) VALUES (?, 'deleted', '9999-12-31T20:00:00+00:00')",
                   (ids[0],))
    db.close()
    _pages_answer(store_path)
    with open_store(store_path, create=False) as store:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        assert client.get("/changes").status_code == 200
        assert client.get("/changes.atom").status_code == 200
        read = {a.id: a.published_at for a in store.iter_articles()}
    assert read[ids[0]] is None and read[ids[1]] is not None and read[ids[1]].utcoffset() is not None


def test_a_received_store_s_far_event_and_version_times_stay_far_not_now(tmp_path: Path) -> None:
    """review58: a required time (an event's, a version's, an article's fetch) past what a page shows was read as none,
    then "now": dated anew on every read, the 9999 event was the newest change of every listing for good. It is the
    calendar's end, as Article and Version keep theirs (model.kept_time), the same at every read."""
    from newsmirror.model import LAST_TIME

    posts = tmp_path / "archive" / "_posts"
    _post(posts, "2024-03-01-a.md", "2024-03-01T04:05:06.000Z", "甲社")
    store_path = tmp_path / "store.sqlite"
    assert CliRunner().invoke(cli, ["import", str(tmp_path / "archive"), "--db", f"sqlite:{store_path}"]).exit_code == 0
    far = "9999-12-31T20:00:00+00:00"
    db = sqlite3.connect(store_path)
    with db:
        [article_id] = [row[0] for row in db.execute("SELECT id FROM articles")]
        db.execute("INSERT INTO article_events (article_id, kind, seen_at) VALUES (?, 'deleted', ?)", (article_id, far))
        db.execute("UPDATE versions SET seen_at = ?, observed_at = NULL", (far,))
        db.execute("UPDATE articles SET fetched_at = ?", (far,))
    db.close()
    with open_store(store_path, create=False) as store:
        [event] = store.article_events(article_id)
        [version] = store.versions(article_id)
        article = store.get_article(article_id)
    assert article is not None
    assert event.seen_at == version.seen_at == version.as_of == article.fetched_at == LAST_TIME


def test_grouping_and_the_build_reckon_from_a_date_at_either_end(tmp_path: Path) -> None:
    # safety75: grouping reckons a story's window before and after its reports' times, the Jekyll format its recent
    # days before the newest: an archive post dated 0001-01-01 (kept then), or 9999-12-31T10:00Z, made every
    # `stories group` and the build end in an OverflowError. The model keeps times a year from either end; the
    # first and last it keeps are grouped and built.
    posts = tmp_path / "archive" / "_posts"
    for n, date in enumerate(("0001-01-01T00:00:00.000Z", "0002-01-01T00:00:00.000Z", "9998-12-31T23:00:00.000Z",
                              "9999-12-31T10:00:00.000Z", "2024-03-02T04:05:06.000Z")):
        _post(posts, f"2024-03-0{n + 1}-p{n}.md", date, "甲乙丙丁戊"[n] + "社")
    store_path = tmp_path / "store.sqlite"
    db = ["--db", f"sqlite:{store_path}"]
    assert CliRunner().invoke(cli, ["import", str(tmp_path / "archive"), *db]).exit_code == 0
    with open_store(store_path, create=False) as store:
        kept = sorted(a.published_at.year for a in store.iter_articles() if a.published_at is not None)
    assert kept == [2, 2024, 9998]
    grouped = CliRunner().invoke(cli, ["stories", "group", *db])
    assert grouped.exit_code == 0, grouped.output
    built = CliRunner().invoke(cli, ["build", "--out", str(tmp_path / "out"), "--no-images", *db])
    assert built.exit_code == 0, built.output
    _pages_answer(store_path)


def test_grouping_reckons_from_a_received_store_s_far_fetch_time(tmp_path: Path) -> None:
    # An undated article is grouped by when it was fetched; a received store's row fetched in the year 1 is held at
    # the model's first time (kept_time), and grouping reckoned a window before it.
    posts = tmp_path / "archive" / "_posts"
    _post(posts, "2024-03-01-a.md", "2024-03-01T04:05:06.000Z", "甲社")
    _post(posts, "2024-03-02-b.md", "2024-03-01T05:05:06.000Z", "乙社")
    store_path = tmp_path / "store.sqlite"
    db = ["--db", f"sqlite:{store_path}"]
    assert CliRunner().invoke(cli, ["import", str(tmp_path / "archive"), *db]).exit_code == 0
    connection = sqlite3.connect(store_path)
    with connection:
        connection.execute("UPDATE articles SET published_at = NULL, published_utc = NULL,"
                           " fetched_at = '0001-01-01T00:00:00+00:00'")
    connection.close()
    grouped = CliRunner().invoke(cli, ["stories", "group", *db])
    assert grouped.exit_code == 0, grouped.output
    _pages_answer(store_path)
