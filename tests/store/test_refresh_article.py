"""Store.refresh_article: what a newer extractor reads of a text the store holds, rewritten in place (polish79 left
it: an extraction fix of dates, authors, images or links reached stored articles only by a re-import into a new
store, since every path compared the content hash of title and text alone)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from newsmirror.model import Article, Image, Story
from newsmirror.store import SearchQuery, Store, StoryMember

BEIJING = timezone(timedelta(hours=8))
TEXT = "第一段：测试城市举办春季灯会。\n\n第二段：主办方表示灯会持续到元宵节。"


def stored_reading() -> Article:
    """As an older extractor read the file: the date in a guessed zone, no author, a link joined to its host."""
    return Article(outlet="示例报", title="测试城市举办春季灯会", original_url="https://a.example/1", body_text=TEXT,
                   body_html='<p>第一段：测试城市举办春季灯会。<a href="https://www.economist.comhttps://x.example/y">'
                             "链接</a></p><p>第二段：主办方表示灯会持续到元宵节。</p>",
                   published_at=datetime(2026, 12, 1, 2, 0, tzinfo=BEIJING))


def newer_reading() -> Article:
    return replace(stored_reading(), published_at=datetime(2026, 12, 1, 2, 0, tzinfo=UTC), authors=["王小明"],
                   images=[Image("https://a.example/lantern.jpg", "灯会")],
                   body_html='<p>第一段：测试城市举办春季灯会。<a href="https://x.example/y">链接</a></p>'
                             "<p>第二段：主办方表示灯会持续到元宵节。</p>")


def test_an_unchanged_text_gets_the_newer_reading_in_place(store: Store) -> None:
    first = stored_reading()
    store.upsert_article(first)
    (before,) = store.versions(first.id)
    first_seen = store.due_checks(datetime.now(UTC) + timedelta(days=1))[0].first_seen_at
    (mark_before,) = store.article_hashes()
    newer = newer_reading()
    assert newer.content_hash == first.content_hash
    assert store.refresh_article(newer) is True and newer.id == first.id
    got = store.get_article(first.id)
    assert got is not None
    assert got.published_at == datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    assert got.authors == ["王小明"] and [i.url for i in got.images] == ["https://a.example/lantern.jpg"]
    assert "economist.comhttps" not in got.body_html and got.body_text == TEXT
    # no version, no edit; the id, first sighting and the version's own time kept; its date follows the article's
    (after,) = store.versions(first.id)
    assert after.number == before.number == 1 and after.seen_at == before.seen_at
    assert after.published_at == got.published_at
    assert store.article_events(first.id) == []
    assert store.due_checks(datetime.now(UTC) + timedelta(days=1))[0].first_seen_at == first_seen
    assert store.count_articles() == 1 and store.stats()["edited_articles"] == 0
    # a build tells the refreshed article by its mark (the hash is the same)
    (mark_after,) = store.article_hashes()
    assert mark_after[0] == first.id and mark_after[1] != mark_before[1] == first.content_hash
    assert mark_after[1].startswith(first.content_hash)
    # the search index follows the new time (8 hours later)
    found = store.search(SearchQuery("灯会", since=datetime(2026, 12, 1, 1, 0, tzinfo=UTC)))
    assert [hit.article.id for hit in found] == [first.id]
    # the same reading again changes nothing, the mark stays
    assert store.refresh_article(newer_reading()) is False
    assert store.article_hashes() == [mark_after]


def test_another_text_or_an_unknown_article_is_not_refreshed(store: Store) -> None:
    first = stored_reading()
    store.upsert_article(first)
    edited = replace(newer_reading(), body_text=TEXT + "\n\n第三段。", content_hash="")
    edited.refresh_hash()
    assert store.refresh_article(edited) is False
    unknown = replace(newer_reading(), original_url="https://a.example/2", canonical_url="", id="",
                      title="另一篇", content_hash="")
    unknown.refresh_hash()
    assert store.refresh_article(unknown) is False
    got = store.get_article(first.id)
    assert got is not None and got.published_at == first.published_at and got.authors == []
    assert store.count_articles() == 1 and store.article_hashes() == [(first.id, first.content_hash)]


def test_an_older_copy_is_no_reading_of_the_current_text(store: Store) -> None:
    """A file of an earlier text (an archive holding two states of one article) refreshes nothing: the article's
    fields are its current text's."""
    older = stored_reading()
    store.upsert_article(older)
    current = replace(stored_reading(), title="测试城市举办春季灯会 数万人参观", content_hash="",
                      published_at=datetime(2026, 12, 1, 9, 0, tzinfo=BEIJING))
    current.refresh_hash()
    store.upsert_article(current)
    assert store.refresh_article(replace(newer_reading(), authors=["李大华"])) is False
    got = store.get_article(older.id)
    assert got is not None and got.title == current.title and got.authors == []


def test_a_refresh_of_what_the_comparison_reads_drops_its_storys_stored_comparison(store: Store) -> None:
    """A stored comparison is keyed by its reports' content hashes, which a refresh keeps; but ``compare_story`` reads
    a report's pictures' captions and its date too (a caption's units listed, a file photo's caption no unit). A
    refresh changing them left the old comparison standing, and every page showed it until the next
    ALIGNMENT_VERSION (review61). It is dropped, to be computed again; a refresh of what it does not read keeps it."""
    first = stored_reading()
    other = replace(stored_reading(), outlet="另一报", original_url="https://b.example/1", id="", content_hash="")
    other.refresh_hash()
    for article in (first, other):
        store.upsert_article(article)
    store.save_story(Story(id="lanterns", title=first.title),
                     [StoryMember(first.id, "lanterns"), StoryMember(other.id, "lanterns")])
    store.save_story_comparison("lanterns", "fingerprint", b"comparison")
    assert store.refresh_article(replace(stored_reading(), authors=["王小明"])) is True
    assert store.story_comparison("lanterns") == ("fingerprint", b"comparison")  # authors: not compared
    assert store.refresh_article(newer_reading()) is True  # a caption and another date
    assert store.story_comparison("lanterns") is None
    store.save_story_comparison("lanterns", "fingerprint", b"comparison")
    dated_only = replace(newer_reading(), published_at=datetime(2026, 12, 2, 2, 0, tzinfo=UTC))
    assert store.refresh_article(dated_only) is True
    assert store.story_comparison("lanterns") is None
