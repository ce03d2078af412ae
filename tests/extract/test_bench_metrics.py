"""The benchmark's scoring for the new sets: trafilatura's snippet counts, dates with their zone, authors."""

from __future__ import annotations

from datetime import datetime

import pytest
from bench.metrics import SnippetCounts, author_correct, date_day_correct, date_instant_correct


def test_snippet_counts_follow_trafilaturas_evaluation() -> None:
    counts = SnippetCounts()
    counts.add("The  text\nwith a wanted  line. Impressum", ["wanted line", "missing part"], ["Impressum", "Menu"])
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 1, 1, 1)
    counts.add("", ["anything"], ["junk"])  # an empty output: every with missed, every without absent
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 2, 1, 2)
    assert counts.prf().precision == pytest.approx(0.5)
    assert counts.prf().recall == pytest.approx(1 / 3)


def test_dates_are_scored_with_their_zone() -> None:
    gold = datetime.fromisoformat("2024-05-06T14:25:00+08:00")
    assert date_instant_correct(datetime.fromisoformat("2024-05-06T06:25:30+00:00"), gold)
    assert not date_instant_correct("2024-05-06 14:25:00", gold)  # no zone: not the instant
    assert date_day_correct("2024-05-06 14:25:00", gold)  # but the right day
    assert not date_instant_correct(datetime.fromisoformat("2024-05-06T14:25:00+00:00"), gold)
    day_only = datetime.fromisoformat("2024-05-06T00:00:00+08:00")
    assert date_instant_correct(datetime.fromisoformat("2024-05-06T00:00:00+08:00"), day_only)
    assert date_instant_correct(datetime.fromisoformat("2024-05-05T20:00:00+00:00"), day_only)  # 04:00 at +08
    assert not date_instant_correct(datetime.fromisoformat("2024-05-05T15:00:00+00:00"), day_only)  # 23:00 the day before


def test_authors_compare_as_sets_and_none_means_nobody() -> None:
    assert author_correct(["刘会", "李琴"], "李琴、刘会")
    assert not author_correct(["李琴"], "李琴、刘会")
    assert author_correct([], None) and not author_correct(["某人"], None)
