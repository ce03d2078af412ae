"""An article's versions are in time order, whatever order its copies reached the store (ux35).

The demo's corpus holds one RFA feed item archived twice, 37 s apart, its headline changed in between: the copy
read first was stored as version 1 although it is dated later. Imported in either order (a user's folders, two
archives merged, a re-import), the history must read the same, and an older copy imported later must never become
the article's current text.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.model import Article, UpsertOutcome
from newsmirror.store import Store, open_store
from newsmirror.store.changes import ArticleEvent, EventKind, history
from tests.store.conftest import BACKENDS

URL = "https://www.rfa.org/mandarin/yataibaodao/huanjing/ql-01202021040228.html"
EARLY = datetime(2021, 1, 20, 9, 2, 0, tzinfo=UTC)  # the 每天 file's `date`
LATE = datetime(2021, 1, 20, 9, 2, 37, tzinfo=UTC)  # the 日日 file's `date`


def copy(title: str, published: datetime, *, text: str = "中国北方新冠确诊病例几乎每天过百人。", url: str = URL,
         crawled: datetime | None = None) -> Article:
    return Article(outlet="自由亚洲电台", title=title, original_url=url, body_text=text, body_html=f"<p>{text}</p>",
                   published_at=published, crawled_at=crawled)


EVERY_DAY = ("北京大兴每天新增病例 北方疫情令当局高度紧张", EARLY)
DAY_BY_DAY = ("北京大兴日日新增病例 北方疫情令当局高度紧张", LATE)


@pytest.mark.parametrize("order", [(EVERY_DAY, DAY_BY_DAY), (DAY_BY_DAY, EVERY_DAY)], ids=["dated", "reversed"])
def test_two_archived_copies_give_one_history_in_either_order(store: Store, order: tuple[tuple[str, datetime], ...]
                                                              ) -> None:
    outcomes = [store.upsert_article(copy(title, published)) for title, published in order]
    assert outcomes == [UpsertOutcome.NEW, UpsertOutcome.UPDATED]
    (article,) = list(store.iter_articles())
    versions = store.versions(article.id)
    assert [(v.number, v.title, v.published_at) for v in versions] == [(1, EVERY_DAY[0], EARLY),
                                                                       (2, DAY_BY_DAY[0], LATE)]
    assert [v.as_of for v in versions] == [EARLY, LATE]  # no crawl time recorded: each copy's own date
    assert all(v.body_text == "中国北方新冠确诊病例几乎每天过百人。" for v in versions)
    assert article.title == DAY_BY_DAY[0] and article.published_at == LATE  # the later copy is the current text
    assert store.stats()["edited_articles"] == 1
    items = history(versions, store.article_events(article.id))
    assert [(item.kind, item.at, item.version.number if item.version else None) for item in items] == [
        ("first_seen", EARLY, 1), ("edited", LATE, 2)]
    assert items[1].diff is not None and "日日" in items[1].diff.summary() + items[1].diff.to_text(1)


def test_an_older_copy_imported_later_never_becomes_the_current_text(store: Store) -> None:
    fetched = datetime(2021, 1, 21, 3, 0, tzinfo=UTC)
    store.upsert_article(copy("第一次抓取的标题", EARLY, text="抓取的正文。", crawled=fetched))
    # A re-check found an edit a day later, recorded as an event naming its version.
    edited = copy("改过的标题", EARLY, text="改过的正文。", crawled=fetched + timedelta(days=1))
    assert store.upsert_article(edited) is UpsertOutcome.UPDATED
    store.record_article_event(ArticleEvent(edited.id, EventKind.EDITED, fetched + timedelta(days=1), version=2,
                                            detail="title changed"))
    # Then an archive of the feed, crawled before either (its copy dated at publication, no crawl time), arrives.
    archived = copy("存档里的标题", EARLY - timedelta(minutes=5), text="存档的正文。")
    assert store.upsert_article(archived) is UpsertOutcome.UPDATED
    current = store.get_article(edited.id)
    assert current is not None and current.title == "改过的标题" and current.body_text == "改过的正文。"
    versions = store.versions(edited.id)
    assert [(v.number, v.title, v.body_text) for v in versions] == [
        (1, "存档里的标题", "存档的正文。"), (2, "第一次抓取的标题", "抓取的正文。"), (3, "改过的标题", "改过的正文。")]
    # The event follows its version; the edited article is still one edited article.
    assert [(e.kind, e.version) for e in store.article_events(edited.id)] == [(EventKind.EDITED, 3)]
    assert store.stats()["edited_articles"] == 1


def test_a_copy_dated_in_the_future_is_no_newer_than_when_it_was_stored(store: Store) -> None:
    store.upsert_article(copy("原来的标题", EARLY))
    future = copy("日期写错的标题", datetime(2999, 1, 1, tzinfo=UTC), text="另一段正文。")
    store.upsert_article(future)
    store.upsert_article(copy("后来抓取的标题", EARLY, text="后来的正文。", crawled=datetime.now(UTC)))
    assert [v.title for v in store.versions(future.id)] == ["原来的标题", "日期写错的标题", "后来抓取的标题"]
    assert all(v.observed_at is not None and v.observed_at <= v.seen_at for v in store.versions(future.id))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_made_before_keeps_its_versions_in_the_order_they_were_stored(backend: str, tmp_path: object) -> None:
    # Upgrading adds the column and rewrites nothing: old versions stand at the time they were stored (seen_at), so
    # a copy imported after the upgrade goes before them when it is dated earlier, and never replaces their text.
    if backend == "sqlite":
        target = str(tmp_path) + "/old.sqlite"

        def reopen() -> Store:
            return open_store(target)
    else:
        from newsmirror.store.postgres import PostgresStore
        from tests.store.pg_util import fresh_schema_dsn

        dsn = fresh_schema_dsn(os.environ["NEWSMIRROR_TEST_PG_DSN"])

        def reopen() -> Store:
            return PostgresStore(dsn)
    marker = "%s" if backend == "postgres" else "?"
    with reopen() as store:
        # The old code's order: the file read first (日日) is version 1. (Crawled now, the second copy is the newest.)
        store.upsert_article(copy(*DAY_BY_DAY))
        store.upsert_article(copy(*EVERY_DAY, crawled=datetime.now(UTC)))
        store.execute("UPDATE versions SET observed_at = NULL")  # as an older release left them
        store.execute("ALTER TABLE versions DROP COLUMN observed_at")
        store.execute(f"DELETE FROM schema_migrations WHERE name = {marker}", ("0016_version_time.sql",))
    with reopen() as store:
        (article,) = list(store.iter_articles())
        versions = store.versions(article.id)
        assert [v.title for v in versions] == [DAY_BY_DAY[0], EVERY_DAY[0]]  # left as stored
        assert [v.observed_at for v in versions] == [None, None] and versions[-1].as_of == versions[-1].seen_at
        assert article.title == EVERY_DAY[0]
        store.upsert_article(copy("更早的存档标题", EARLY - timedelta(hours=1)))
        assert [v.title for v in store.versions(article.id)] == ["更早的存档标题", DAY_BY_DAY[0], EVERY_DAY[0]]
        current = store.get_article(article.id)
        assert current is not None and current.title == EVERY_DAY[0]
