"""Store side of edit and deletion tracking: schedule rows, events, change lists, history, feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from newsmirror.model import Article
from newsmirror.store import Store
from newsmirror.store.changes import ArticleEvent, CheckState, EventKind, changes_feed, history

NOW = datetime.now(UTC)


def article(url: str, outlet: str = "示例报", text: str = "", title: str = "标题") -> Article:
    # Distinct text per URL: the store matches equal content within an outlet as one article.
    return Article(outlet=outlet, title=title, original_url=url, body_text=text or f"第一段。\n\n{url}",
                   published_at=NOW - timedelta(days=1))


def test_never_checked_articles_become_due_after_the_first_delay(store: Store) -> None:
    store.upsert_article(article("https://a.example/1"))
    store.upsert_article(article("file:///archive/2.md"))  # nothing to fetch
    seen = datetime.now(UTC)  # first sighting was just now (the module's NOW may be minutes old)
    assert store.due_checks(seen, first_check_after=timedelta(minutes=30)) == []
    due = store.due_checks(seen + timedelta(minutes=31), first_check_after=timedelta(minutes=30))
    assert [d.url for d in due] == ["https://a.example/1"]
    assert due[0].state.next_check_at is None and due[0].status == "live" and due[0].title == "标题"


def test_saved_schedule_decides_when_an_article_is_due(store: Store) -> None:
    a = article("https://a.example/1")
    b = article("https://a.example/2")
    store.upsert_article(a)
    store.upsert_article(b)
    later = NOW + timedelta(hours=1)
    store.save_check_state(CheckState(a.id, next_check_at=later + timedelta(hours=2), etag='"v1"', page_hash="h"))
    store.save_check_state(CheckState(b.id, next_check_at=later - timedelta(minutes=5)))
    due = store.due_checks(later)
    assert [d.article_id for d in due] == [b.id]
    assert store.get_check_state(a.id).etag == '"v1"'
    assert [d.article_id for d in store.due_checks(later + timedelta(hours=3))] == [b.id, a.id]
    assert store.due_checks(later + timedelta(hours=3), outlet="别的报") == []


def test_the_next_check_due_is_when_due_checks_first_finds_one(store: Store) -> None:
    """A never-checked article is due ``first_check_after`` after its first sighting, not at it: a schedule that
    comes before that is the next (review59: the hint took the first row ordered by the first sighting)."""
    assert store.next_check_due() is None
    store.upsert_article(article("file:///archive/3.md"))  # nothing to fetch: never due
    assert store.next_check_due() is None
    unchecked, scheduled = article("https://a.example/1"), article("https://a.example/2", outlet="别的报")
    store.upsert_article(unchecked)
    first_seen = store.due_checks(NOW + timedelta(days=1))[0].first_seen_at
    assert store.next_check_due() == first_seen + timedelta(minutes=30)
    assert store.next_check_due(first_check_after=timedelta(minutes=5)) == first_seen + timedelta(minutes=5)
    store.upsert_article(scheduled)
    soon = first_seen + timedelta(minutes=10)
    store.save_check_state(CheckState(scheduled.id, next_check_at=soon))
    assert store.next_check_due() == soon
    assert store.next_check_due(outlet="示例报") == first_seen + timedelta(minutes=30)
    # due_checks agrees: nothing just before each time, the article at it
    assert store.due_checks(soon - timedelta(seconds=1)) == []
    assert [d.article_id for d in store.due_checks(soon)] == [scheduled.id]
    late = first_seen + timedelta(minutes=30)
    assert [d.article_id for d in store.due_checks(late - timedelta(seconds=1), outlet="示例报")] == []
    assert [d.article_id for d in store.due_checks(late, outlet="示例报")] == [unchecked.id]


def test_due_checks_order_by_when_each_is_really_due(store: Store) -> None:
    """Most overdue first by the time each is due: a never-checked article is due ``first_check_after`` after its
    first sighting, so a checked one scheduled before that comes first (it ranked by the first sighting itself, half
    an hour early, and a ``--limit`` batch took the never-checked article over the more overdue one)."""
    unchecked, scheduled = article("https://a.example/1"), article("https://a.example/2")
    store.upsert_article(unchecked)
    first_seen = store.due_checks(NOW + timedelta(days=1))[0].first_seen_at
    store.upsert_article(scheduled)
    store.save_check_state(CheckState(scheduled.id, next_check_at=first_seen + timedelta(minutes=10)))
    later = first_seen + timedelta(hours=2)
    assert [d.article_id for d in store.due_checks(later)] == [scheduled.id, unchecked.id]
    assert [d.article_id for d in store.due_checks(later, limit=1)] == [scheduled.id]
    # and the other way round when the schedule is later than the first check
    store.save_check_state(CheckState(scheduled.id, next_check_at=first_seen + timedelta(minutes=50)))
    assert [d.article_id for d in store.due_checks(later)] == [unchecked.id, scheduled.id]
    assert [d.article_id for d in store.due_checks(later, limit=1)] == [unchecked.id]
    assert [d.article_id for d in store.due_checks(later, limit=1, first_check_after=timedelta(hours=1))] == [
        scheduled.id]


def test_deleted_and_restored_events_set_the_article_status(store: Store) -> None:
    a = article("https://a.example/1")
    store.upsert_article(a)
    store.record_article_event(ArticleEvent(a.id, EventKind.DELETED, NOW, detail="HTTP 410", http_status=410))
    assert store.due_checks(NOW + timedelta(days=1))[0].status == "deleted"
    assert store.change_counts()["示例报"] == {"deleted": 1, "deleted_now": 1}
    store.record_article_event(ArticleEvent(a.id, EventKind.RESTORED, NOW + timedelta(hours=1)))
    assert store.due_checks(NOW + timedelta(days=1))[0].status == "live"
    assert [e.kind for e in store.article_events(a.id)] == [EventKind.DELETED, EventKind.RESTORED]
    assert store.article_events(a.id)[0].detail == "HTTP 410"


def test_recent_changes_per_outlet_and_kind_newest_first(store: Store) -> None:
    a, b, c = article("https://a.example/1"), article("https://b.example/1", outlet="乙报"), \
        article("https://a.example/2", title="第二篇")
    for item in (a, b, c):
        store.upsert_article(item)
    store.record_article_event(ArticleEvent(a.id, EventKind.EDITED, NOW - timedelta(hours=3), version=2))
    store.record_article_event(ArticleEvent(b.id, EventKind.DELETED, NOW - timedelta(hours=2)))
    store.record_article_event(ArticleEvent(c.id, EventKind.EDITED, NOW - timedelta(hours=1), version=2))
    edited = store.recent_changes([EventKind.EDITED])
    assert [(e.title, e.event.kind) for e in edited] == [("第二篇", EventKind.EDITED), ("标题", EventKind.EDITED)]
    assert [e.outlet for e in store.recent_changes([EventKind.DELETED])] == ["乙报"]
    assert store.recent_changes([EventKind.EDITED, EventKind.DELETED], outlet="乙报")[0].status == "deleted"
    assert len(store.recent_changes([EventKind.EDITED], since=NOW - timedelta(minutes=90))) == 1
    newest_two = store.recent_changes(list(EventKind), limit=2)  # c's edit, then b's deletion
    assert [(e.outlet, e.event.kind) for e in newest_two] == [("示例报", EventKind.EDITED), ("乙报", EventKind.DELETED)]
    assert store.recent_changes([]) == []
    assert store.change_counts(since=NOW - timedelta(minutes=90)) == {"示例报": {"edited": 1},
                                                                      "乙报": {"deleted_now": 1}}


def test_history_pairs_each_version_with_its_diff_and_interleaves_takedowns(store: Store) -> None:
    a = article("https://a.example/1", text="原文第一段。\n\n第二段。")
    store.upsert_article(a)
    store.upsert_article(article("https://a.example/1", text="改写后的第一段。\n\n第二段。"))
    versions = store.versions(a.id)
    edited_at = versions[1].seen_at
    store.record_article_event(ArticleEvent(a.id, EventKind.EDITED, edited_at, version=2, detail="1 paragraph"))
    store.record_article_event(ArticleEvent(a.id, EventKind.DELETED, edited_at + timedelta(hours=1)))
    items = history(versions, store.article_events(a.id))
    assert [i.kind for i in items] == ["first_seen", "edited", "deleted"]
    assert items[1].diff is not None and items[1].diff.body.changed and items[1].detail == "1 paragraph"


def test_changes_feed_is_atom_newest_first_with_mirror_links(store: Store) -> None:
    a, b = article("https://a.example/1", title="甲"), article("https://a.example/2", title="乙")
    store.upsert_article(a)
    store.upsert_article(b)
    store.record_article_event(ArticleEvent(a.id, EventKind.DELETED, NOW - timedelta(hours=2), detail="HTTP 404"))
    store.record_article_event(ArticleEvent(b.id, EventKind.EDITED, NOW - timedelta(hours=1), version=2))
    xml = changes_feed(store.recent_changes([EventKind.EDITED, EventKind.DELETED]), title="改动与删除",
                       feed_url="https://mirror.example/changes.xml", site_url="https://mirror.example/",
                       article_link=lambda e: f"https://mirror.example/a/{e.event.article_id}.html")
    root = etree.fromstring(xml)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = root.xpath("//a:entry/a:title/text()", namespaces=ns)
    assert titles == ["[改动] 乙", "[删除] 甲"]
    links = root.xpath("//a:entry/a:link/@href", namespaces=ns)
    assert links[1] == f"https://mirror.example/a/{a.id}.html"
    assert "HTTP 404" in root.xpath("//a:entry/a:summary/text()", namespaces=ns)[1]


def test_changed_article_ids_are_those_with_a_history_to_show(store: Store) -> None:
    edited, taken_down, untouched = (article(f"https://a.example/{n}") for n in (1, 2, 3))
    for item in (edited, taken_down, untouched):
        store.upsert_article(item)
    store.upsert_article(article("https://a.example/1", text="改写后的第一段。"))  # version 2
    store.record_article_event(ArticleEvent(taken_down.id, EventKind.DELETED, NOW))
    store.record_article_event(ArticleEvent(taken_down.id, EventKind.RESTORED, NOW + timedelta(hours=1)))
    assert store.changed_article_ids() == sorted([edited.id, taken_down.id])


def test_versions_a_reader_cannot_tell_apart_are_no_edit() -> None:
    from newsmirror.model import Version
    from newsmirror.store.changes import visible_versions

    first = datetime(2021, 1, 20, 1, 2, 7, tzinfo=UTC)

    def version(number: int, text: str, published: datetime) -> Version:
        return Version("a1", number, f"h{number}", "标题", "", text, published, first + timedelta(hours=number))

    same = [version(1, "正文。", first), version(2, "正文。", first.replace(second=40))]
    assert [v.number for v in visible_versions(same)] == [1]
    assert [item.kind for item in history(same, [])] == ["first_seen"]
    edited = [*same, version(3, "改过的正文。", first.replace(second=50))]
    items = history(edited, [])
    assert [item.kind for item in items] == ["first_seen", "edited"]
    assert items[1].diff is not None and not items[1].diff.date_changed and "date" not in items[1].detail
    # A re-check that recorded an edit is shown, whatever the diff says (/changes lists it too).
    event = ArticleEvent("a1", EventKind.EDITED, first + timedelta(hours=2), version=2, detail="changed")
    assert [item.kind for item in history(same, [event])] == ["first_seen", "edited"]


def test_a_received_stores_outlet_with_control_characters_lists_the_changes_its_count_shows(tmp_path: Path) -> None:
    """review58: the counts name an outlet as the model stores it (clean_line), the list filtered by the raw stored
    name: a received store's outlet written past the model ("乙\\x1b[31m报") had changes counted and a page listing
    none."""
    import sqlite3

    from newsmirror.store import open_store

    path = tmp_path / "received.sqlite"
    with open_store(path) as store:
        a = article("https://a.example/1")
        store.upsert_article(a)
        store.record_article_event(ArticleEvent(a.id, EventKind.DELETED, NOW, detail="HTTP 410", http_status=410))
    db = sqlite3.connect(path)
    with db:  # as a sender writes it: past the model
        db.execute("UPDATE articles SET outlet = ?", ("乙\x1b[31m报",))
    db.close()
    with open_store(path, create=False) as store:
        [shown] = store.change_counts()
        assert shown == "乙[31m报"
        assert [entry.event.article_id for entry in store.recent_changes((EventKind.DELETED,), outlet=shown)] == [a.id]
        assert store.recent_changes((EventKind.DELETED,), outlet="别的报") == []


def test_an_outlets_changes_are_found_without_reading_every_event(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """review59: the outlet's stored spellings were looked up as the DISTINCT outlets of every event's article, on
    each /changes?outlet= and its feed (cost growing with the events). They come from the articles' outlets now: the
    events are read once, by the query that lists them."""
    a, b, quiet = (article("https://a.example/1"), article("https://b.example/1", outlet="乙报"),
                   article("https://c.example/1", outlet="丙报"))
    for item in (a, b, quiet):
        store.upsert_article(item)
    store.record_article_event(ArticleEvent(a.id, EventKind.EDITED, NOW - timedelta(hours=2), version=2))
    store.record_article_event(ArticleEvent(b.id, EventKind.DELETED, NOW - timedelta(hours=1)))
    statements: list[str] = []
    read = store._all  # type: ignore[attr-defined]

    def counted(text: str, *args: object, **kwargs: object) -> object:
        statements.append(text)
        return read(text, *args, **kwargs)

    monkeypatch.setattr(store, "_all", counted)
    assert [e.event.article_id for e in store.recent_changes(list(EventKind), outlet="乙报")] == [b.id]
    assert sum("article_events" in text for text in statements) == 1
    assert store.recent_changes(list(EventKind), outlet="丙报") == []  # stored, no event
    assert store.recent_changes(list(EventKind), outlet="别的报") == []  # not stored
