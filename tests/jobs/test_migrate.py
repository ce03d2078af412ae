"""`newsmirror migrate`: everything is copied (history and queue included), counts are checked."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.errors import StoreError
from newsmirror.jobs.migrate import migrate
from newsmirror.model import Article, Source, Story, utcnow
from newsmirror.store import FeedState, SearchQuery, Store, StoryMember, open_store

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("NEWSMIRROR_TEST_PG_DSN") else [])


# Bytes as a stored comparison is (zlib), with a NUL and high bytes that text columns would mangle.
STORED_COMPARISON = bytes(range(256)) * 3


def location(kind: str, tmp_path: Path, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:{tmp_path / name}"
    from tests.store.pg_util import fresh_schema_dsn

    return fresh_schema_dsn(os.environ["NEWSMIRROR_TEST_PG_DSN"])


def fill(store: Store) -> None:
    store.upsert_source(Source(id="cna", url="https://feeds.example/cna.xml", outlet="中央社"))
    store.save_feed_state(FeedState(source_id="cna", etag='"v1"', consecutive_failures=1))
    for n in range(25):
        store.upsert_article(Article(
            outlet="中央社" if n % 2 else "示例报", title=f"臺灣新聞{n}", original_url=f"https://e.org/{n}",
            body_text=f"第{n}篇：立法院今天開會。", published_at=datetime(2024, 1, 1 + n, tzinfo=UTC),
            source_id="cna", guid=f"g{n}"))
    edited = Article(outlet="示例报", title="臺灣新聞0", original_url="https://e.org/0", body_text="改写过的内容。",
                     published_at=datetime(2024, 1, 1, tzinfo=UTC))
    store.upsert_article(edited)
    first, second = store.iter_articles().__next__(), edited
    store.save_story(Story(id="s1", title="开会"), [StoryMember(first.id, "s1"), StoryMember(second.id, "s1")])
    store.save_story_comparison("s1", "fingerprint-1", STORED_COMPARISON)
    store.enqueue_job("fetch", "cna", "feeds.example", utcnow() + timedelta(minutes=5))
    store.enqueue_job("recheck", second.id, "e.org")


@pytest.mark.parametrize("source_kind", BACKENDS)
@pytest.mark.parametrize("destination_kind", BACKENDS)
def test_everything_is_copied_and_usable(source_kind: str, destination_kind: str, tmp_path: Path) -> None:
    source_location = location(source_kind, tmp_path, "source.sqlite")
    destination_location = location(destination_kind, tmp_path, "destination.sqlite")
    seen: list[tuple[str, int, int]] = []
    with open_store(source_location) as source, open_store(destination_location) as destination:
        fill(source)
        report = migrate(source, destination, batch_size=7, progress=lambda *step: seen.append(step))
        counts = {c.table: (c.source, c.destination) for c in report.counts}
        assert counts["articles"] == (25, 25) and counts["versions"] == (26, 26)
        assert counts["jobs"] == (2, 2) and counts["story_members"] == (2, 2)
        assert counts["story_comparisons"] == (1, 1)  # computed when grouping: copied, not recomputed
        assert destination.story_comparison("s1") == ("fingerprint-1", STORED_COMPARISON)
        assert ("articles", 25, 25) in seen and ("articles", 7, 25) in seen
        # Same answers from both stores, history, feed state, queue and search included.
        assert source.stats() == destination.stats()
        assert [a.id for a in source.iter_articles()] == [a.id for a in destination.iter_articles()]
        edited_id = Article(outlet="", title="", original_url="https://e.org/0").id
        assert [v.body_text for v in destination.versions(edited_id)] == ["第0篇：立法院今天開會。", "改写过的内容。"]
        assert destination.get_feed_state("cna").etag == '"v1"'
        assert destination.story_of(edited_id) == "s1"
        fetch = destination.get_job("fetch", "cna")
        original = source.get_job("fetch", "cna")
        assert fetch is not None and original is not None and fetch.due_at == original.due_at
        hits = destination.search(SearchQuery("立法院", limit=100))
        assert len(hits) == 24  # every article but the rewritten one
        assert len(destination.search(SearchQuery("台湾新闻", limit=100))) == 25  # titles, queried in Simplified
        assert [h.article.original_url for h in destination.search(SearchQuery("台湾新闻 12"))] == ["https://e.org/12"]
        new_job = destination.enqueue_job("fetch", "another")  # id sequences continue past copied ids
        assert new_job.id > max(j.id for j in (fetch,))
        article = destination.get_article(edited_id)
        assert article is not None and article.published_at == datetime(2024, 1, 1, tzinfo=UTC)


def test_a_lost_row_fails_the_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(tmp_path / "a.sqlite") as source, open_store(tmp_path / "b.sqlite") as destination:
        fill(source)
        real_insert = destination.insert_rows

        def drop_last_version(table: str, columns: list[str], rows: list[tuple[object, ...]]) -> None:
            real_insert(table, columns, rows[:-1] if table == "versions" else rows)

        monkeypatch.setattr(destination, "insert_rows", drop_last_version)
        with pytest.raises(StoreError, match=r"versions \(26 -> 25\)"):
            migrate(source, destination)


def test_refuses_a_destination_that_already_has_data(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.sqlite") as source, open_store(tmp_path / "b.sqlite") as destination:
        fill(source)
        destination.upsert_source(Source(id="x", url="https://x.example/feed", outlet="x"))
        with pytest.raises(StoreError, match="already holds data"):
            migrate(source, destination)


def test_cli_migrate_prints_counts_and_fails_cleanly(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.sqlite") as source:
        fill(source)
    runner = CliRunner()
    result = runner.invoke(app, ["migrate", "--from", f"sqlite:{tmp_path / 'a.sqlite'}",
                                 "--to", f"sqlite:{tmp_path / 'b.sqlite'}"])
    assert result.exit_code == 0, result.output
    assert "every count matches" in result.output and "versions" in result.output
    again = runner.invoke(app, ["migrate", "--from", f"sqlite:{tmp_path / 'a.sqlite'}",
                                "--to", f"sqlite:{tmp_path / 'b.sqlite'}"])
    assert again.exit_code == 1 and "already holds data" in again.output
    assert "Traceback" not in again.output


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("destination_kind", BACKENDS)
def test_an_interrupted_migration_is_resumed_into_the_same_destination(destination_kind: str, tmp_path: Path) -> None:
    destination_location = location(destination_kind, tmp_path, "destination.sqlite")
    with open_store(tmp_path / "source.sqlite") as source, open_store(destination_location) as destination:
        fill(source)
        real_insert = destination.insert_rows
        batches = 0

        def failing_insert(table: str, columns: list[str], rows: list[tuple[object, ...]],
                           skip_existing: bool = False) -> None:
            nonlocal batches
            if table == "versions":
                batches += 1
                if batches == 3:  # the connection drops half-way through a table
                    raise Interrupted()
            real_insert(table, columns, rows, skip_existing)

        destination.insert_rows = failing_insert  # type: ignore[method-assign]
        with pytest.raises(Interrupted):
            migrate(source, destination, batch_size=7)
        destination.insert_rows = real_insert  # type: ignore[method-assign]
        assert destination.count_rows("articles") == 25 and destination.count_rows("versions") == 14
        with pytest.raises(StoreError, match="--resume"):
            migrate(source, destination, batch_size=7)
        seen: list[tuple[str, int, int]] = []
        report = migrate(source, destination, batch_size=7, resume=True, progress=lambda *s: seen.append(s))
        assert report.ok and {c.table: c.destination for c in report.counts}["versions"] == 26
        assert ("articles", 25, 25) in seen  # complete tables are skipped, not copied again
        assert not any(step == ("articles", 7, 25) for step in seen)
        assert len(destination.search(SearchQuery("立法院", limit=100))) == 24
        if destination_kind == "postgres":
            assert ("search index", 25, 25) in seen or ("search index", 0, 0) in seen
            assert seen[-1][0] == "vacuum analyze" and seen[-1][1] == seen[-1][2]
        again = migrate(source, destination, batch_size=7, resume=True)  # nothing left: a no-op that checks
        assert again.ok
