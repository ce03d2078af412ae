"""The whole-mode split diagnosis (``bench/days_whole_split.py``; whole69, session 48)."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.days_whole_split import counterfactual, recall_lost

from newsmirror.stories.cluster import StoryClusterer


def test_recall_lost_counts_each_report_s_missing_mates_over_the_scored_reports() -> None:
    truth = {"a": "e", "b": "e", "c": "e", "d": "e", "x": "solo:x"}
    assert recall_lost(truth, {"a": "1", "b": "1", "c": "1", "d": "1", "x": "2"}, "e") == 0.0
    # a and b together, c and d alone: 1/2 + 1/2 + 3/4 + 3/4 = 2.5 over 5 scored reports
    assert recall_lost(truth, {"a": "1", "b": "1", "c": "2", "d": "3", "x": "4"}, "e") == 0.5


def test_counterfactual_patches_only_inside_and_restores() -> None:
    before = (StoryClusterer._other_stories, StoryClusterer.add, StoryClusterer._candidates)
    with counterfactual(["guard", "evict", "df", "window"], datetime(2020, 11, 8, tzinfo=UTC)):
        assert StoryClusterer._other_stories is not before[0]
        assert StoryClusterer.add is not before[1]
        assert StoryClusterer._candidates is not before[2]
    assert (StoryClusterer._other_stories, StoryClusterer.add, StoryClusterer._candidates) == before
