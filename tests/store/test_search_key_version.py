"""A store whose search index another version of the search key built indexes every article
again when opened (text.search_key.KEY_VERSION): a folding change reaches stored articles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsmirror.model import Article
from newsmirror.store import SearchQuery, open_store
from newsmirror.store.sqlite import ORDER_KEY_VERSION
from newsmirror.text.search_key import KEY_VERSION


def _article(slug: str, title: str, outlet: str) -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://example.org/{slug}", body_text=title,
                   published_at=datetime(2024, 3, 1, 12, tzinfo=UTC))


def test_an_index_of_an_older_key_is_rebuilt_on_open(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = open_store(path)
    store.upsert_article(_article("hans", "筱原凉子访问台北", "示例报"))
    store.upsert_article(_article("hant", "篠原涼子訪問臺北", "中央社"))
    # What an index of KEY_VERSION 2 holds is gone as far as this test needs: nothing of it
    # may be found again unless the store indexes every article anew.
    store.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
    store.execute("DELETE FROM search_docs")
    store.execute("UPDATE search_meta SET key_version = ?", ((KEY_VERSION - 1) * 1000 + ORDER_KEY_VERSION,))
    store.close()
    store = open_store(path)
    try:
        # 篠 folds to 筱, the form Simplified text writes (OpenCC alone gives 筿: text.script).
        hits = {hit.article.original_url.rsplit("/", 1)[1] for hit in store.search(SearchQuery("篠原"))}
        assert hits == {"hans", "hant"}
    finally:
        store.close()
