"""Which stories a front page lists (publish.front): the biggest recent ones, then the newest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsmirror.publish.front import front_stories
from newsmirror.store.base import StorySize

NOW = datetime(2024, 6, 10, 12, tzinfo=UTC)


def size(story_id: str, outlets: int, reports: int, hours_ago: float | None) -> StorySize:
    return StorySize(story_id, outlets, reports, None if hours_ago is None else NOW - timedelta(hours=hours_ago))


def test_the_biggest_recent_stories_come_first_by_outlets_then_reports_then_the_newest_of_the_rest() -> None:
    sizes = [size("new", 2, 2, 0), size("wide", 6, 6, 30), size("long", 5, 9, 40), size("tie", 5, 7, 41),
             size("old-huge", 9, 20, 49), size("older", 2, 3, 50), size("undated", 3, 3, None)]
    front = front_stories(sizes, total=5, biggest=3)
    assert front.biggest == ["wide", "long", "tie"]  # old-huge: more than two days before the newest story
    assert front.newest == ["new", "old-huge"] and front.ids == [*front.biggest, *front.newest]


def test_no_biggest_list_when_no_story_stands_out_or_none_is_dated() -> None:
    # Stories all as small as each other keep their time order under one list, as before.
    same = [size(f"s{n}", 2, 2, n) for n in range(8)]
    assert front_stories(same, total=5).biggest == [] and front_stories(same, total=5).newest == ["s0", "s1", "s2",
                                                                                                    "s3", "s4"]
    undated = [size("a", 5, 5, None), size("b", 2, 2, None)]
    assert front_stories(undated, total=5).ids == ["a", "b"] and not front_stories(undated, total=5).biggest
    assert front_stories([], total=10).ids == [] and front_stories(same, total=0).ids == []
