"""One display zone (UTC+8) for every time a person reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newsmirror.text.times import day, minute, same_minute, stamp

NEW_YORK = timezone(timedelta(hours=-5))


def test_times_stored_in_any_zone_read_alike() -> None:
    utc = datetime(2021, 1, 19, 17, 30, tzinfo=UTC)
    assert minute(utc) == minute(utc.astimezone(NEW_YORK)) == "2021-01-20 01:30"
    assert day(utc) == "2021-01-20"  # the UTC day is the 19th: UTC+8 decides
    assert stamp(utc).endswith(" UTC+8")
    assert minute(datetime(2021, 1, 19, 17, 30)) == "2021-01-20 01:30"  # naive: stored UTC


def test_seconds_are_not_a_change_a_reader_can_see() -> None:
    a = datetime(2021, 1, 20, 9, 2, 5, tzinfo=UTC)
    assert same_minute(a, a.replace(second=41))
    assert not same_minute(a, a.replace(minute=3))
    assert same_minute(None, None) and not same_minute(a, None)
