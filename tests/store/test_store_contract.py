"""Behaviour every Store implementation must have."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newsmirror.model import Article, Source, Story, UpsertOutcome
from newsmirror.store import ArticleQuery, FeedState, Store, StoryMember

BEIJING = timezone(timedelta(hours=8))


def make_article(url: str = "https://example.org/news/1", text: str = "第一段。\n\n第二段。", **kw: object) -> Article:
    fields: dict[str, object] = {
        "outlet": "示例报", "title": "标题", "original_url": url, "body_text": text,
        "published_at": datetime(2023, 2, 4, 21, 0, tzinfo=BEIJING),
    }
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def test_same_article_twice_is_one_row(store: Store) -> None:
    assert store.upsert_article(make_article()) is UpsertOutcome.NEW
    assert store.upsert_article(make_article()) is UpsertOutcome.UNCHANGED
    assert store.count_articles() == 1
    assert len(store.versions(make_article().id)) == 1


def test_changed_content_adds_a_version_and_keeps_the_old(store: Store) -> None:
    store.upsert_article(make_article(text="原文。"))
    edited = make_article(text="改过的文字。")
    assert store.upsert_article(edited) is UpsertOutcome.UPDATED
    versions = store.versions(edited.id)
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].body_text == "原文。"
    stored = store.get_article(edited.id)
    assert stored is not None and stored.body_text == "改过的文字。"


def test_time_zone_survives_a_round_trip(store: Store) -> None:
    article = make_article()
    store.upsert_article(article)
    stored = store.get_article(article.id)
    assert stored is not None and stored.published_at is not None
    assert stored.published_at.utcoffset() == timedelta(hours=8)
    assert stored.published_at == datetime(2023, 2, 4, 13, 0, tzinfo=UTC)


def test_whitespace_only_change_is_not_an_edit(store: Store) -> None:
    store.upsert_article(make_article(text="同一段。"))
    assert store.upsert_article(make_article(text="  同一段。\n")) is UpsertOutcome.UNCHANGED


def test_same_guid_from_same_source_matches_despite_new_url(store: Store) -> None:
    store.upsert_article(make_article(url="https://example.org/a?utm=1", guid="g-1", source_id="s"))
    moved = make_article(url="https://example.org/a-moved", guid="g-1", source_id="s")
    assert store.upsert_article(moved) is UpsertOutcome.UNCHANGED
    assert store.count_articles() == 1


def test_same_text_same_outlet_is_a_duplicate_but_other_outlet_is_not(store: Store) -> None:
    store.upsert_article(make_article(url="https://example.org/x"))
    assert store.upsert_article(make_article(url="https://example.org/y")) is UpsertOutcome.UNCHANGED
    assert store.upsert_article(make_article(url="https://other.org/y", outlet="别的报")) is UpsertOutcome.NEW
    assert store.count_articles() == 2


def test_query_orders_newest_first_and_filters(store: Store) -> None:
    for day in (1, 3, 2):
        store.upsert_article(make_article(url=f"https://e.org/{day}", text=f"第{day}天",
                                          published_at=datetime(2023, 2, day, tzinfo=UTC),
                                          channel="中国" if day != 2 else "国际"))
    days = [a.published_at.day for a in store.iter_articles() if a.published_at]
    assert days == [3, 2, 1]
    china = [a.published_at.day for a in store.iter_articles(ArticleQuery(channel="中国")) if a.published_at]
    assert china == [3, 1]
    since = list(store.iter_articles(ArticleQuery(since=datetime(2023, 2, 2, tzinfo=UTC), newest_first=False)))
    assert [a.published_at.day for a in since if a.published_at] == [2, 3]


def test_sources_and_feed_state(store: Store) -> None:
    store.upsert_source(Source(id="cna", url="https://feeds.example/cna.xml", outlet="中央社"))
    store.upsert_source(Source(id="cna", url="https://feeds.example/cna2.xml", outlet="中央社", enabled=False))
    assert [s.url for s in store.list_sources()] == ["https://feeds.example/cna2.xml"]
    assert store.list_sources(enabled_only=True) == []
    assert store.get_feed_state("cna").etag is None
    store.save_feed_state(FeedState(source_id="cna", etag='"abc"', consecutive_failures=2))
    assert store.get_feed_state("cna").etag == '"abc"'
    assert store.remove_source("cna") is True
    assert store.get_source("cna") is None and store.remove_source("cna") is False


def test_articles_move_between_stories(store: Store) -> None:
    a, b = make_article(url="https://e.org/a", text="甲"), make_article(url="https://e.org/b", text="乙", outlet="乙报")
    store.upsert_article(a)
    store.upsert_article(b)
    store.save_story(Story(id="s1", title="事件"), [StoryMember(a.id, "s1"), StoryMember(b.id, "s1")])
    assert store.story_of(b.id) == "s1"
    assert [s.id for s in store.list_stories(min_outlets=2)] == ["s1"]
    store.save_story(Story(id="s2", title="另一事件"), [StoryMember(b.id, "s2", role="duplicate", duplicate_of=a.id)])
    assert store.story_of(b.id) == "s2"
    members = store.story_members("s2")
    assert members[0].role == "duplicate" and members[0].duplicate_of == a.id
    assert store.list_stories(min_outlets=2) == []


def test_reopening_does_not_rerun_migrations(store: Store) -> None:
    assert store.schema_version() >= 1


def test_naive_datetime_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        make_article(published_at=datetime(2023, 2, 4))


def test_every_story_at_once_matches_each_story_read_alone(store: Store) -> None:
    """list_stories reads all stories in a few statements: the same stories, newest first, each
    with its members in story_members' order (undated first, then by time, ties by article id)."""
    same_time = datetime(2023, 2, 5, 8, 0, tzinfo=BEIJING)
    stories: dict[str, list[str]] = {}
    for n in range(12):
        members = []
        for m in range(4):
            when = None if (n + m) % 5 == 0 else same_time + timedelta(hours=n) if m % 2 else same_time
            article = make_article(url=f"https://e.org/{n}/{m}", text=f"第{n}组第{m}篇。", outlet=f"报{m % 3}",
                                   published_at=when)
            store.upsert_article(article)
            members.append(article.id)
        members.reverse()  # saved in an order that is not the ids' order: the ties are still read by id
        store.save_story(Story(id=f"s{n:02d}", title=f"事件{n}"), [StoryMember(i, f"s{n:02d}") for i in members])
        stories[f"s{n:02d}"] = members
    every = store.list_stories(min_outlets=1)
    assert sorted(s.id for s in every) == sorted(stories)
    alone = {s.id: store.get_story(s.id) for s in every}
    for story in every:
        read = alone[story.id]
        assert read is not None and story.article_ids == read.article_ids and story.title == read.title
        assert story.article_ids == [m.article_id for m in store.story_members(story.id)]
        assert sorted(story.article_ids) == sorted(stories[story.id])
    assert [s.id for s in store.list_stories(min_outlets=1, limit=3)] == [s.id for s in every[:3]]
    newest = [max((a.published_at for a in map(store.get_article, s.article_ids) if a and a.published_at),
                  default=None) for s in every]
    dated = [n for n in newest if n is not None]
    assert dated == sorted(dated, reverse=True)

    # The sizes a front page ranks stories by (publish.front): list_stories' stories in its order, counted.
    sizes = store.story_sizes(min_outlets=1)
    assert [s.id for s in sizes] == [s.id for s in every]
    for size, story, when in zip(sizes, every, newest, strict=True):
        outlets = {a.outlet for a in map(store.get_article, story.article_ids) if a}
        assert (size.outlets, size.reports, size.newest) == (len(outlets), len(story.article_ids), when)
    assert [s.id for s in store.story_sizes(min_outlets=3, limit=2)] == [s.id for s in store.list_stories(3, limit=2)]
    # No limit: every story's size (`stories list --biggest` ranks them all), in the same order.
    assert [s.id for s in store.story_sizes(min_outlets=1, limit=None)] == [s.id for s in every]
    # Each story's first and last report time (the reader's /stories): one statement, as the base reads it story by
    # story; a story with no dated member (none here has all undated) would map to (None, None).
    ids = [s.id for s in every] + ["no-such-story"]
    assert store.story_spans(ids) == Store.story_spans(store, ids)
    assert {when for _, when in store.story_spans(ids).values()} == set(newest)
    assert store.story_spans([]) == {}


def test_a_storys_title_script_is_its_titles_reports_else_its_first_reports(store: Store) -> None:
    """A list of stories marks each title by the script of the report it was taken from (reader81): one statement on
    SQL, as the base reads it story by story."""
    first = make_article(url="https://e.org/t/1", title="美国大选结果", script="zh-Hans",
                         published_at=datetime(2023, 2, 4, 8, 0, tzinfo=BEIJING))
    second = make_article(url="https://e.org/t/2", title="美國大選結果", script="zh-Hant", outlet="台报",
                          published_at=datetime(2023, 2, 4, 9, 0, tzinfo=BEIJING))
    # A story whose title no report has (an older grouping's): its first report's, the undated one first.
    undated = make_article(url="https://e.org/t/3", title="一", script="zh-Hans", published_at=None)
    later = make_article(url="https://e.org/t/4", title="二", script="zh-Hant", outlet="台报")
    for article in (first, second, undated, later):
        store.upsert_article(article)
    store.save_story(Story(id="titled", title="美國大選結果"), [StoryMember(first.id, "titled"), StoryMember(second.id, "titled")])
    store.save_story(Story(id="renamed", title="别的标题"), [StoryMember(later.id, "renamed"), StoryMember(undated.id, "renamed")])
    ids = ["titled", "renamed", "no-such-story"]
    assert store.story_title_scripts(ids) == {"titled": "zh-Hant", "renamed": "zh-Hans"}
    assert store.story_title_scripts(ids) == Store.story_title_scripts(store, ids)
    assert store.story_title_scripts([]) == {}



def test_a_title_stored_without_a_script_is_as_its_characters_tell(store: Store) -> None:
    """review61: a title whose report was stored "und" is marked as its own characters tell (store.base.title_script),
    as the reader's story page marks it; "und" where they tell nothing. The same on SQL and in the base."""
    hant = make_article(url="https://e.org/u/1", title="軟體園區開放", script="und",
                        published_at=datetime(2023, 2, 4, 8, 0, tzinfo=BEIJING))
    shared = make_article(url="https://e.org/u/2", title="日本首相", script="und", outlet="台报",
                          published_at=datetime(2023, 2, 4, 9, 0, tzinfo=BEIJING))
    for article in (hant, shared):
        store.upsert_article(article)
    store.save_story(Story(id="u-hant", title="軟體園區開放"), [StoryMember(hant.id, "u-hant")])
    store.save_story(Story(id="u-shared", title="日本首相"), [StoryMember(shared.id, "u-shared")])
    ids = ["u-hant", "u-shared"]
    assert store.story_title_scripts(ids) == {"u-hant": "zh-Hant", "u-shared": "und"}
    assert store.story_title_scripts(ids) == Store.story_title_scripts(store, ids)

def test_reports_published_at_one_moment_are_listed_by_id_whatever_the_order_they_were_saved_in(store: Store) -> None:
    # The same two days imported into SQLite and PostgreSQL built two different sites: SQLite listed a story's reports
    # published in the same minute (Reuters' three of 10:23) in the order they were saved, PostgreSQL by article id.
    same_time = datetime(2023, 2, 5, 8, 0, tzinfo=BEIJING)
    ids = []
    for m in range(4):
        article = make_article(url=f"https://e.org/tie/{m}", text=f"同一时刻第{m}篇。", outlet=f"报{m}",
                               published_at=same_time)
        store.upsert_article(article)
        ids.append(article.id)
    saved = sorted(ids, reverse=True)
    store.save_story(Story(id="s-tie", title="同一时刻"), [StoryMember(i, "s-tie") for i in saved])
    assert [m.article_id for m in store.story_members("s-tie")] == sorted(ids)
    story = store.get_story("s-tie")
    assert story is not None and story.article_ids == sorted(ids)
    assert [s.article_ids for s in store.list_stories(min_outlets=1) if s.id == "s-tie"] == [sorted(ids)]
    stories, reports = store.stories_and_reports(1)
    assert [s.article_ids for s in stories if s.id == "s-tie"] == [sorted(ids)]
    if reports is not None:
        assert [a for a, _, _ in reports["s-tie"]] == sorted(ids)


def test_stories_and_reports_at_once_equal_the_two_queries(store: Store) -> None:
    same_time = datetime(2023, 2, 5, 8, 0, tzinfo=BEIJING)
    for n in range(10):
        members = []
        for m in range(5):
            when = None if (n * m) % 7 == 3 else same_time + timedelta(hours=n % 3) if m % 2 else same_time
            article = make_article(url=f"https://e.org/{n}/{m}", text=f"第{n}组第{m}篇。", outlet=f"报{(m + n) % 3}",
                                   published_at=when)
            store.upsert_article(article)
            members.append(article.id)
        members.reverse()
        store.save_story(Story(id=f"s{n:02d}", title=f"事件{n}"), [
            StoryMember(i, f"s{n:02d}", role="duplicate" if k == 2 else "member",
                        duplicate_of=members[0] if k == 2 else None) for k, i in enumerate(members)])
    for min_outlets in (1, 2, 3):
        stories, reports = store.stories_and_reports(min_outlets)
        expected = store.list_stories(min_outlets)
        assert [(s.id, s.title, s.article_ids) for s in stories] == [(s.id, s.title, s.article_ids) for s in expected]
        try:
            assert reports == store.story_report_hashes()
        except NotImplementedError:
            assert reports is None
    assert any(len(s.article_ids) == 5 for s in store.stories_and_reports(3)[0]) or \
        store.list_stories(3) == []


def test_an_article_query_gives_both_backends_one_set_of_filters() -> None:
    since, until = datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 3, 2, tzinfo=UTC)
    query = ArticleQuery(outlet="中央社", since=since, until=until)
    assert query.filters("?", lambda t: t.isoformat()) == (
        ["outlet = ?", "published_utc >= ?", "published_utc < ?"], ["中央社", since.isoformat(), until.isoformat()])
    assert ArticleQuery(channel="两岸").filters("%s", lambda t: t) == (["channel = %s"], ["两岸"])
    assert ArticleQuery().filters("?", str) == ([], [])


def test_outlets_publishing_between_two_instants_are_counted(store: Store) -> None:
    # Which outlets published while a story was reported (publish.absent): from since, up to but not at until.
    start = datetime(2023, 2, 4, 0, 0, tzinfo=BEIJING)
    for number, (outlet, when) in enumerate([("甲报", start), ("甲报", start + timedelta(hours=23)),
                                              ("乙社", start + timedelta(hours=5)), ("丙网", start + timedelta(days=1)),
                                              ("丁台", start - timedelta(seconds=1)), ("戊刊", None)]):
        store.upsert_article(make_article(url=f"https://example.org/n/{number}", text=f"第{number}篇。", outlet=outlet,
                                          published_at=when))
    assert store.count_by_outlet_between(start, start + timedelta(days=1)) == {"甲报": 2, "乙社": 1}
    assert store.count_by_outlet_between(start.astimezone(UTC), start + timedelta(days=2)) == {"甲报": 2, "乙社": 1, "丙网": 1}


def test_a_received_stores_time_no_page_can_show_is_no_storys_time(store: Store) -> None:
    # review60: PostgreSQL gives published_utc as a datetime, which story_spans (/stories) and story_sizes (the front
    # pages) passed on as it came, where SQLite's text goes through from_iso and so model.shown_time: a received
    # store's 9999-12-31T20:00Z (the year 10000 in UTC+8) made /stories answer 500 on PostgreSQL only.
    first, second = make_article("https://example.org/a"), make_article("https://example.org/b", outlet="另一报")
    for item in (first, second):
        store.upsert_article(item)
    store.save_story(Story(id="far", title="远"), [StoryMember(first.id, "far"), StoryMember(second.id, "far")])
    store.execute(store._sql("UPDATE articles SET published_utc = ? WHERE id = ?"),  # type: ignore[attr-defined]
                  (datetime(9999, 12, 31, 20, 0, tzinfo=UTC) if store.placeholder != "?" else  # type: ignore[attr-defined]
                   "9999-12-31T20:00:00+00:00", first.id))
    # The latest is the far time, so none (as SQLite always said); the earliest is the other report's.
    assert store.story_spans(["far"]) == {"far": (second.published_at, None)}
    [size] = store.story_sizes(min_outlets=1)
    assert size.newest is None
