"""Search filtered by outlet (issue 17): the same hits, in the same order, as the unfiltered
search filtered afterwards, whichever way the store walks (SQLite walks either the word's match
list or the outlet's own documents, chosen by an estimate; both are forced here as well)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsmirror.model import Article
from newsmirror.store import SearchQuery, Store, open_store
from newsmirror.store import sqlite as sqlite_store

RARE, MIDDLE, COMMON = "稀有报", "中报", "大报"
START = datetime(2023, 1, 1, tzinfo=UTC)


def fill(store: Store, count: int = 240, seed: int = 11) -> list[Article]:
    """Articles of three outlets (about 4 %, 30 % and the rest), 中国 in many titles and most
    bodies, 美国 in fewer; several share a publication second (ties go by id)."""
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        outlet = RARE if n % 25 == 3 else MIDDLE if rng.random() < 0.3 else COMMON
        title_word = "中国" if rng.random() < 0.3 else "天气"
        body = "".join(rng.choice(["中国经济增长。", "美国总统发言。", "今天天气晴朗。", "市民出门散步。"])
                       for _ in range(rng.randint(2, 6)))
        # Every fifth article shares its second with the one before (same order key but for the id).
        moment = articles[-1].published_at if n % 5 == 4 else START + timedelta(hours=7 * n, seconds=rng.randint(0, 59))
        stored = Article(outlet=outlet, title=f"{title_word}新闻第{n}号", original_url=f"https://example.org/{n}",
                         body_text=body, published_at=moment)
        store.upsert_article(stored)
        articles.append(stored)
    return articles


def urls(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.article.original_url for hit in hits]


def expected(store: Store, word: str, outlet: str, since: datetime | None, until: datetime | None) -> list[str]:
    """The unfiltered search, every hit, filtered here."""
    everything = store.search(SearchQuery(word, limit=10_000))
    return [hit.article.original_url for hit in everything
            if hit.article.outlet == outlet
            and (since is None or hit.article.published_at >= since)  # type: ignore[operator]
            and (until is None or hit.article.published_at < until)]  # type: ignore[operator]


@pytest.fixture(params=["estimate", "outlet walk", "match walk"])
def walk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """SQLite's choice of walk left to its estimate, or forced either way (PostgreSQL ignores it)."""
    if request.param == "outlet walk":
        monkeypatch.setattr(sqlite_store, "_SEEK_COST", 0)
    elif request.param == "match walk":
        monkeypatch.setattr(sqlite_store, "_OUTLET_WALK_MAX", 0)
    return str(request.param)


@pytest.mark.parametrize("outlet", [RARE, MIDDLE, COMMON])
def test_outlet_pages_equal_the_unfiltered_search_filtered(store: Store, walk: str, outlet: str) -> None:
    fill(store)
    ranges = [(None, None), (START + timedelta(days=10), None), (None, START + timedelta(days=40)),
              (START + timedelta(days=12, hours=7), START + timedelta(days=50, hours=14))]
    for word in ("中国", "美国"):
        for since, until in ranges:
            wanted = expected(store, word, outlet, since, until)
            assert wanted, (word, since, until)  # the filter leaves something to page through
            query = SearchQuery(word, outlet=outlet, since=since, until=until)
            assert store.count_search(query) == len(wanted)
            for offset in (0, 3, 7, len(wanted) - 2, len(wanted)):
                page = store.search(SearchQuery(word, outlet=outlet, since=since, until=until,
                                                limit=7, offset=max(0, offset)))
                assert urls(page) == wanted[max(0, offset):max(0, offset) + 7], (word, since, until, offset)
                assert all(hit.article.outlet == outlet for hit in page)


def test_the_filtered_order_is_titles_first_then_newest(store: Store, walk: str) -> None:
    articles = {a.original_url: a for a in fill(store)}
    hits = [articles[u] for u in urls(store.search(SearchQuery("中国", outlet=RARE, limit=100)))]
    in_title = ["中国" in a.title for a in hits]
    assert in_title == sorted(in_title, reverse=True) and any(in_title) and not all(in_title)
    for group in (True, False):
        times = [a.published_at for a, t in zip(hits, in_title, strict=True) if t is group]
        assert times == sorted(times, reverse=True)  # type: ignore[type-var]


def test_unknown_outlet_finds_nothing(store: Store, walk: str) -> None:
    fill(store, count=30)
    assert store.search(SearchQuery("中国", outlet="没有这家")) == []
    assert store.count_search(SearchQuery("中国", outlet="没有这家")) == 0


def test_sqlite_walks_the_outlet_only_when_its_list_is_much_shorter(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path / "walk.sqlite")
    fill(store)
    assert isinstance(store, sqlite_store.SQLiteStore)
    rare = store.count_articles(RARE)  # 10 of 240
    matches = store.count_search(SearchQuery("中国"))
    # A look-up weighed as N steps: the outlet's walk is chosen when rare * N < matches.
    monkeypatch.setattr(sqlite_store, "_SEEK_COST", matches // rare - 1)
    match = sqlite_store.fts5_match(sqlite_store.parse_query("中国"))
    assert store._walk_outlet(match, SearchQuery("中国", outlet=RARE))
    assert not store._walk_outlet(match, SearchQuery("中国", outlet=COMMON))
    assert not store._walk_outlet(match, SearchQuery("中国"))
    monkeypatch.setattr(sqlite_store, "_SEEK_COST", matches // rare + 1)
    assert not store._walk_outlet(match, SearchQuery("中国", outlet=RARE))
    monkeypatch.setattr(sqlite_store, "_OUTLET_WALK_MAX", rare)
    assert not store._walk_outlet(match, SearchQuery("中国", outlet=RARE))
    store.close()


def test_migration_fills_the_outlet_of_rows_indexed_before_it(store: Store) -> None:
    fill(store, count=60)
    before = urls(store.search(SearchQuery("中国", outlet=MIDDLE, limit=100)))
    # Back to the schema before the migration: no outlet on the search rows.
    if isinstance(store, sqlite_store.SQLiteStore):
        where = str(store.path)
        for statement in ("DROP INDEX search_docs_outlet", "ALTER TABLE search_docs DROP COLUMN outlet",
                          "DELETE FROM schema_migrations WHERE name = '0007_search_outlet.sql'"):
            store.execute(statement)
    else:
        where = store.dsn  # type: ignore[attr-defined]
        store.execute("ALTER TABLE search_index DROP COLUMN outlet")  # its indexes go with it
        store.execute("DELETE FROM schema_migrations WHERE name = '0009_search_outlet.sql'")
    store.close()
    again = open_store(where)
    try:
        assert before and urls(again.search(SearchQuery("中国", outlet=MIDDLE, limit=100))) == before
        assert again.count_search(SearchQuery("中国", outlet=MIDDLE)) == len(before)
    finally:
        again.close()
