"""SQLite keeps each body once, compressed; readers and copies see every rendering as before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsmirror.model import Article
from newsmirror.store.sqlite import SQLiteStore


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
