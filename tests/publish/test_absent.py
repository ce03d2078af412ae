"""The outlets a story page names as having no report in the archive (publish.absent): those with articles on the
story's days (UTC+8) and none in the story, most articles first, then by name."""

from __future__ import annotations

from datetime import UTC, date, datetime

from newsmirror.publish.absent import SHOWN, Absent, DayCounts, absent_outlets, day_bounds, story_days


def test_a_storys_days_are_its_reports_days_in_utc8() -> None:
    # 17:00 UTC on the 9th is the 10th in UTC+8, as every output shows it; undated reports count no day.
    assert story_days([datetime(2020, 8, 9, 3, 0, tzinfo=UTC), datetime(2020, 8, 9, 17, 0, tzinfo=UTC), None]) == \
        (date(2020, 8, 9), date(2020, 8, 10))
    assert story_days([None]) is None
    start, end = day_bounds(date(2020, 8, 9), date(2020, 8, 10))
    assert (start.astimezone(UTC), end.astimezone(UTC)) == (datetime(2020, 8, 8, 16, tzinfo=UTC),
                                                            datetime(2020, 8, 10, 16, tzinfo=UTC))


def test_the_outlets_of_the_days_without_a_report_most_articles_first() -> None:
    days = (date(2020, 8, 9), date(2020, 8, 10))
    counts = DayCounts([("甲报", datetime(2020, 8, 9, 1, tzinfo=UTC)), ("乙社", datetime(2020, 8, 9, 2, tzinfo=UTC)),
                        ("丙网", datetime(2020, 8, 10, 2, tzinfo=UTC)), ("丙网", datetime(2020, 8, 10, 3, tzinfo=UTC)),
                        ("丁台", datetime(2020, 8, 9, 2, tzinfo=UTC)), ("戊刊", datetime(2020, 8, 11, 2, tzinfo=UTC)),
                        ("己报", None)]).between(*days)
    absent = absent_outlets(["甲报"], days, counts)
    assert absent.outlets == ("丙网", "丁台", "乙社")  # 2 articles, then 1 each by name; 戊刊 published the day after
    assert absent.days == "2020-08-09..2020-08-10" and absent.more == 0


def test_a_page_names_a_bounded_number() -> None:
    many = Absent(date(2020, 8, 9), date(2020, 8, 9), tuple(f"媒体{i:03}" for i in range(300)))
    assert len(many.shown) == SHOWN and many.more == 300 - SHOWN and many.days == "2020-08-09"


def test_an_outlets_other_spelling_is_the_outlet() -> None:
    # review57: a story reported under 德国之声 named 德國之聲 (the same outlet, stored by an import in the other script)
    # as having no report; an absent outlet under two spellings is named once, ranked by the articles of both.
    days = (date(2020, 8, 9), date(2020, 8, 9))
    counts = {"德國之聲": 3, "法广": 1, "法廣": 1, "乙社": 1, "丙网": 0}
    absent = absent_outlets(["德国之声", "甲报"], days, counts)
    assert absent.outlets == ("法广", "乙社")
