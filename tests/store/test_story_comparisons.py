"""Story comparisons computed when grouping and stored: used while fresh, computed again when a
compared report changes, on every backend."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.jobs.grouping import group_articles
from newsmirror.model import Article, Story
from newsmirror.store import Store, StoryMember, packed
from newsmirror.stories import codec
from newsmirror.stories import stored as stored_stories
from newsmirror.stories.compare import compare_story
from newsmirror.stories.comparison import Comparison
from newsmirror.stories.stored import comparison_for, refresh_comparisons

START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)


def report(n: int, outlet: str, text: str, title: str = "外长访问堪培拉") -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://e.org/{outlet}/{n}", body_text=text,
                   published_at=START + timedelta(hours=n))


VISIT = [
    report(1, "甲报", "新西兰外长彼得斯周一在堪培拉会见了澳大利亚副总理马尔斯和贸易部长法瑞尔。\n\n双方讨论了安全合作与贸易。"),
    report(2, "乙社", "紐西蘭外長彼得斯週一在坎培拉會見了澳洲兩名部長。\n\n雙方討論了安全合作與貿易。"),
    report(3, "丙网", "新西兰外长彼得斯周一在堪培拉会见了马尔斯和法瑞尔。\n\n双方讨论了安全合作。\n\n彼得斯还将访问悉尼。"),
]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Story ids that ``compare_story`` was really run for (through stories.stored)."""
    calls: list[str] = []

    def counting(articles: list[Article], story_id: str = "") -> Comparison:
        calls.append(story_id)
        return compare_story(articles, story_id=story_id)

    monkeypatch.setattr(stored_stories, "compare_story", counting)
    return calls


def save_visit(store: Store, extra: list[StoryMember] | None = None) -> str:
    for article in VISIT:
        store.upsert_article(article)
    store.save_story(Story(id="visit", title="外长访澳"),
                     [StoryMember(a.id, "visit") for a in VISIT] + (extra or []))
    return "visit"


def test_the_store_keeps_a_comparison_and_its_fingerprint(store: Store) -> None:
    story_id = save_visit(store)
    assert store.story_comparison(story_id) is None
    comparison = compare_story(VISIT, story_id=story_id)
    store.save_story_comparison(story_id, "fp-1", codec.encode(comparison))
    store.save_story_comparison(story_id, "fp-2", codec.encode(comparison))  # replaces, one row per story
    found = store.story_comparison(story_id)
    assert found is not None and found[0] == "fp-2"
    assert codec.decode(found[1]) == comparison
    assert store.story_comparison_fingerprints() == {story_id: "fp-2"}
    store.save_story_comparison("no-such-story", "fp", b"x")  # a story merged away meanwhile: no row
    assert store.story_comparison("no-such-story") is None


def test_a_stored_comparisons_mark_tells_a_replacement_under_the_same_fingerprint(store: Store) -> None:
    # The site build's story pages follow it (safety76), read for all stories or for one (review60).
    story_id = save_visit(store)
    assert store.story_comparison_marks() == {} and store.story_comparison_marks([story_id]) == {}
    store.save_story_comparison(story_id, "fp", b"first")
    before = store.story_comparison_marks()
    assert set(before) == {story_id} and store.story_comparison_marks([story_id, "no-such-story"]) == before
    assert store.story_comparison_marks([]) == {} and store.story_comparison_marks(["no-such-story"]) == {}
    store.save_story_comparison(story_id, "fp", b"the second")  # the same fingerprint, other data
    assert store.story_comparison_marks([story_id])[story_id] != before[story_id]


def test_report_hashes_leave_copies_out_and_a_moved_story_loses_its_comparison(store: Store) -> None:
    copy = report(4, "丁报", VISIT[0].body_text)
    store.upsert_article(copy)
    story_id = save_visit(store, [StoryMember(copy.id, "visit", role="duplicate", duplicate_of=VISIT[0].id)])
    hashes = store.story_report_hashes([story_id])
    assert hashes == {story_id: [(a.id, a.outlet, a.content_hash) for a in VISIT]}
    assert store.story_report_hashes() == hashes
    store.save_story_comparison(story_id, "fp", b"data")
    # Every member moves to another story: the emptied story and its comparison are gone.
    store.save_story(Story(id="other", title="另一事件"), [StoryMember(a.id, "other") for a in [*VISIT, copy]])
    assert store.get_story(story_id) is None and store.story_comparison(story_id) is None


def test_a_fresh_stored_comparison_is_used_not_computed(store: Store, counted: list[str]) -> None:
    story_id = save_visit(store)
    first = comparison_for(store, story_id)
    assert counted == [story_id]  # nothing stored yet: computed once, and stored
    again = comparison_for(store, story_id)
    assert counted == [story_id] and again == first
    assert comparison_for(store, story_id, ["甲报", "丙网"]).outlets == ["甲报", "丙网"]
    assert counted == [story_id, story_id]  # a subset of outlets is computed on demand ...
    assert comparison_for(store, story_id) == first and len(counted) == 2  # ... and stores nothing


def test_a_changed_or_added_report_makes_it_stale(store: Store, counted: list[str]) -> None:
    story_id = save_visit(store)
    comparison_for(store, story_id)
    edited = report(2, "乙社", VISIT[1].body_text + "\n\n彼得斯還將訪問悉尼。")
    store.upsert_article(edited)  # same URL: a new version of the member
    changed = comparison_for(store, story_id)
    assert len(counted) == 2
    assert any("悉尼" in s.text for fact in changed.partial for s in fact.sentences if s.outlet == "乙社")
    comparison_for(store, story_id)
    assert len(counted) == 2
    late = report(5, "丁报", "彼得斯周一在堪培拉会见了马尔斯，双方讨论了安全合作。")
    store.upsert_article(late)
    store.save_story(Story(id=story_id, title="外长访澳"), [StoryMember(a.id, story_id) for a in [*VISIT, late]])
    assert "丁报" in comparison_for(store, story_id).outlets and len(counted) == 3


def test_a_comparison_of_an_older_version_of_the_code_is_stale(store: Store, counted: list[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    story_id = save_visit(store)
    comparison_for(store, story_id)
    monkeypatch.setattr(stored_stories, "ALIGNMENT_VERSION", "a later one")
    comparison_for(store, story_id)
    assert counted == [story_id, story_id]


def test_unreadable_stored_bytes_are_computed_again(store: Store, counted: list[str]) -> None:
    story_id = save_visit(store)
    keys = store.story_report_hashes([story_id])[story_id]
    store.save_story_comparison(story_id, stored_stories.comparison_fingerprint(keys), b"not zlib")
    assert comparison_for(store, story_id).outlets == ["甲报", "乙社", "丙网"] and counted == [story_id]


@pytest.mark.parametrize("blob", [
    zlib.compress(b"[" * 200_000 + b"]" * 200_000, 9),  # nesting past the JSON parser's recursion (safety73)
    zlib.compress(b" " * (packed.MAX_INFLATED + 1), 9),  # a decompression bomb: refused, never inflated in full
    zlib.compress(b"{}")[:-3],  # a truncated stream
])
def test_a_hostile_stored_comparison_is_computed_again(store: Store, counted: list[str], blob: bytes) -> None:
    with pytest.raises(codec.UnreadableComparison):
        codec.decode(blob)
    story_id = save_visit(store)
    keys = store.story_report_hashes([story_id])[story_id]
    store.save_story_comparison(story_id, stored_stories.comparison_fingerprint(keys), blob)
    assert comparison_for(store, story_id).outlets == ["甲报", "乙社", "丙网"] and counted == [story_id]


def test_refresh_computes_only_stale_stories_of_two_or_more_outlets(store: Store, counted: list[str]) -> None:
    story_id = save_visit(store)
    lonely = report(9, "甲报", "另一件事：悉尼今天下雨，交通受到影响。", title="悉尼下雨")
    lonely_too = report(10, "甲报", "悉尼的雨还在下，交通依然受到影响。", title="悉尼还在下雨")
    for article in (lonely, lonely_too):
        store.upsert_article(article)
    store.save_story(Story(id="rain", title="悉尼下雨"), [StoryMember(lonely.id, "rain"), StoryMember(lonely_too.id, "rain")])
    done: list[tuple[int, int]] = []
    first = refresh_comparisons(store, progress=lambda d, t: done.append((d, t)))
    assert (first.compared, first.fresh, first.single_outlet) == (1, 0, 1) and counted == [story_id]
    assert done == [(0, 1), (1, 1)]  # said before the tables load, not only after the first story
    second = refresh_comparisons(store)
    assert (second.compared, second.fresh) == (0, 1) and counted == [story_id]


def test_grouping_stores_the_comparison_of_the_stories_it_changed(store: Store, counted: list[str]) -> None:
    for article in VISIT:
        store.upsert_article(article)
    grouped = group_articles(store)
    story_id = store.story_of(VISIT[0].id)
    assert story_id is not None and store.story_of(VISIT[2].id) == story_id  # one story of the visit
    assert grouped.comparisons.compared == 1 and counted == [story_id]
    keys = store.story_report_hashes([story_id])[story_id]
    found = store.story_comparison(story_id)
    assert found is not None and found[0] == stored_stories.comparison_fingerprint(keys)
    comparison_for(store, story_id)
    assert counted == [story_id]  # the page reads what grouping stored
    assert group_articles(store).comparisons.compared == 0  # nothing new: nothing compared
