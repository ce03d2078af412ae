"""SQLite keeps each body once, compressed; readers and copies see every rendering as before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmirror.model import Article
from newsmirror.store import packed
from newsmirror.store.packed import BodyTooLarge
from newsmirror.store.sqlite import SQLiteStore
from tests.httpserver import LoopbackServer


def _article(text: str, title: str = "标题") -> Article:
    return Article(outlet="示例报", title=title, original_url="https://example.org/a", body_html=f"<p>{text}</p>",
                   body_markdown=text, body_text=text, summary=text[:10],
                   published_at=datetime(2024, 3, 1, tzinfo=UTC))


def test_bodies_are_stored_once_compressed_and_read_back_whole(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        texts = ["第一版正文。" * 50, "第二版正文。" * 50, "第三版正文。" * 50]
        for text in texts:
            store.upsert_article(_article(text))
        (article,) = list(store.iter_articles())
        assert (article.body_text, article.body_markdown, article.summary) == (texts[2], texts[2], texts[2][:10])
        assert store.get_article(article.id) == article
        raw = store.execute("SELECT body_html, body_text, summary, length(body_z) AS z FROM articles").fetchone()
        assert (raw["body_html"], raw["body_text"], raw["summary"]) == ("", "", "") and raw["z"] < 300
        # Old versions are compressed; the current one is the article's own body, not a copy.
        rows = store.execute("SELECT number, body_text, body_z IS NULL AS own FROM versions ORDER BY number").fetchall()
        assert [(r["number"], r["body_text"], r["own"]) for r in rows] == [(1, "", 0), (2, "", 0), (3, "", 1)]
        assert [v.body_text for v in store.versions(article.id)] == texts
        assert [v.body_html for v in store.versions(article.id)] == [f"<p>{t}</p>" for t in texts]
        # A copy to another backend gets plain columns.
        columns = store.table_columns("versions")
        assert "body_z" not in columns
        copied = [dict(zip(columns, row, strict=True)) for batch in store.iter_rows("versions", columns)
                  for row in batch]
        assert [row["body_text"] for row in copied] == texts
        article_columns = store.table_columns("articles")
        (row,) = [dict(zip(article_columns, r, strict=True)) for batch in store.iter_rows("articles", article_columns)
                  for r in batch]
        assert row["body_markdown"] == texts[2] and row["summary"] == texts[2][:10]


def test_a_body_larger_than_a_read_takes_is_refused_when_stored(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A read refuses a body that inflates past store.packed.MAX_INFLATED (64 MiB; a decompression bomb); a page
    under a raised [fetch] max_response_bytes (past ~16 MB, in four renderings) was stored all the same, and every
    read of it failed after: "a stored body inflates to more than 64 MiB: the store is damaged". Refused at the
    write instead, naming the article; the stored text, if any, stays. (A smaller bound here, as a larger page.)"""
    monkeypatch.setattr(packed, "MAX_INFLATED", 100_000)
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        store.upsert_article(_article("原文。" * 100))
        with pytest.raises(BodyTooLarge, match=r"https://example\.org/a: .* more than the 0 MiB"):
            store.upsert_article(_article("很长的一页。" * 6_000))  # 36,000 characters in three renderings
        (article,) = list(store.iter_articles())  # still readable, as it was
        assert article.body_text == "原文。" * 100 and len(store.versions(article.id)) == 1


def test_a_fetched_page_too_large_to_store_is_a_failed_item(loopback_server: LoopbackServer, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """An item the store refuses for its size is that item's failure, named; the feed's other items are stored."""
    from newsmirror.config import FetchSettings
    from newsmirror.jobs.fetching import fetch_sources
    from newsmirror.model import Source
    from tests.feedfixtures import FixtureItem, long_body, rss
    from tests.jobs.simple_extract import simple_extract

    monkeypatch.setattr(packed, "MAX_INFLATED", 100_000)
    items = [FixtureItem("small", loopback_server.url("/a/0.html"), "短新闻", long_body(1)),
             FixtureItem("large", loopback_server.url("/a/1.html"), "长新闻", "很长的一页。" * 6_000)]
    loopback_server.route("/feed.xml", body=rss(items), content_type="application/rss+xml")
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        store.upsert_source(Source(id="feed", url=loopback_server.url("/feed.xml"), outlet="测试台"))
        settings = FetchSettings(per_host_delay_seconds=0.0, max_retries=0, respect_robots=False)
        report = fetch_sources(store, settings, extract=simple_extract, force=True).sources[0]
        assert (report.status, report.new, report.failed) == ("ok", 1, 1)
        assert "/a/1.html" in report.item_errors[0] and "MiB a stored body may hold" in report.item_errors[0]
        assert [a.title for a in store.iter_articles()] == ["短新闻"]


def test_a_body_of_more_separators_than_a_read_takes_is_refused_when_stored(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A read refuses a body of more than store.packed.MAX_VALUES separators (``,`` ``:`` ``[`` ``{``, inside strings
    too), but the write checked only the bytes: a page of figures was stored and every read of it failed after
    (review58). Refused at the write, naming the article. (A smaller bound here, as a larger page.)"""
    monkeypatch.setattr(packed, "MAX_VALUES", 1_000)
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        store.upsert_article(_article("原文。" * 100))
        with pytest.raises(BodyTooLarge, match=r"https://example\.org/a: .* more than the 1,000 a stored body"):
            store.upsert_article(_article("1,2:" * 200))  # 400 separators in each of three renderings
        (article,) = list(store.iter_articles())  # still readable, as it was
        assert article.body_text == "原文。" * 100 and len(store.versions(article.id)) == 1
