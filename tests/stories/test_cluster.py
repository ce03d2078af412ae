from __future__ import annotations

from datetime import timedelta

from newsmirror.model import Article
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from tests.stories.fixtures import ALL, FLOOD, FLOOD_HANT, TRADE_COPY, TRADE_HANS, TRADE_HANT, TRADE_LATER


def doc(article: Article) -> Document:
    assert article.published_at is not None
    return Document(article.id, article.outlet, article.published_at, article.title, article.body_text)


def run(articles: list[Article], config: ClusterConfig | None = None) -> dict[str, tuple[str, str, str | None]]:
    clusterer = StoryClusterer(config)
    out = {}
    for article in articles:
        a = clusterer.add(doc(article))
        out[article.id] = (a.story_id, a.role, a.duplicate_of)
    return out


def test_traditional_and_simplified_reports_of_one_event_share_a_story() -> None:
    result = run(ALL)
    assert result[TRADE_HANS.id][0] == result[TRADE_HANT.id][0]
    assert result[TRADE_HANT.id][1] == "member"


def test_republished_copy_is_a_duplicate_of_the_original() -> None:
    result = run(ALL)
    story, role, original = result[TRADE_COPY.id]
    assert story == result[TRADE_HANS.id][0]
    assert role == "duplicate"
    assert original == TRADE_HANS.id


def test_different_events_on_the_same_day_stay_apart() -> None:
    result = run(ALL)
    assert result[FLOOD.id][0] == result[FLOOD_HANT.id][0]
    assert result[FLOOD.id][0] != result[TRADE_HANS.id][0]


def test_similar_report_outside_the_time_window_starts_a_new_story() -> None:
    result = run(ALL)
    assert result[TRADE_LATER.id][0] not in {result[TRADE_HANS.id][0], result[FLOOD.id][0]}
    # Same articles, but with a window wide enough the later report still stays apart,
    # because it is about another event (prices, not the talks).
    wide = run(ALL, ClusterConfig(window=timedelta(days=30)))
    assert wide[TRADE_LATER.id][0] != wide[TRADE_HANS.id][0]


def test_order_of_arrival_does_not_change_the_grouping() -> None:
    forward = run(ALL)
    backward = run(list(reversed(ALL)))

    def partition(result: dict[str, tuple[str, str, str | None]]) -> set[frozenset[str]]:
        groups: dict[str, set[str]] = {}
        for article_id, (story, _, _) in result.items():
            groups.setdefault(story, set()).add(article_id)
        return {frozenset(g) for g in groups.values()}

    assert partition(forward) == partition(backward)


def test_restore_continues_open_stories_and_eviction_forgets_old_ones() -> None:
    first = StoryClusterer()
    founding = first.add(doc(TRADE_HANS))
    # A new process: restore the stored decision, then stream the next report in.
    second = StoryClusterer()
    second.restore(doc(TRADE_HANS), founding.story_id)
    assert second.add(doc(TRADE_HANT)).story_id == founding.story_id
    assert second.add(doc(TRADE_COPY)).role == "duplicate"
    assert TRADE_HANS.published_at is not None
    assert second.evict(TRADE_HANS.published_at + timedelta(days=1)) == 1
    assert second.stories == {}
    assert second.add(doc(TRADE_HANT)).new_story
