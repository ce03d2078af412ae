"""Which outlets of the archive have no report in a story: a researcher's first question (session 54's leftover,
polish75). Said where a story's page, `stories show` and its JSON name who reported it.

An outlet counts when the archive holds an article of it published on one of the story's days (UTC+8, as every
output shows days: from its first report's day to its last's) and the story holds none of its articles (a report or a
copy). Days, not the minutes between the first and the last report: a story told within an hour would have found
almost no outlet publishing in that hour, while feeds publish a few times a day. Worded as what the archive holds
("本存档中…没有此事报道"), never as what an outlet did: a feed's archive misses articles, and an outlet may have
reported the event in a story grouped apart. Most articles on those days first (the outlets a reader would most
expect), then by name; a page lists ``SHOWN`` of them and counts the rest (an archive of 300 outlets).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from newsmirror.store.base import Store, outlet_key
from newsmirror.text import times

SHOWN = 12  # outlets named on a page or by `stories show`; the JSON gives every one


@dataclass(frozen=True, slots=True)
class Absent:
    """The outlets with articles on the story's days and none in the story, most articles first."""

    first_day: date
    last_day: date
    outlets: tuple[str, ...]

    @property
    def shown(self) -> tuple[str, ...]:
        return self.outlets[:SHOWN]

    @property
    def more(self) -> int:
        """How many are left unnamed on a page."""
        return max(0, len(self.outlets) - SHOWN)

    @property
    def days(self) -> str:
        """2020-08-09, or 2020-08-09..2020-08-10 (UTC+8)."""
        first, last = self.first_day.isoformat(), self.last_day.isoformat()
        return first if first == last else f"{first}..{last}"


def story_days(published: Iterable[datetime | None]) -> tuple[date, date] | None:
    """The first and the last UTC+8 day of the story's dated articles; None when none is dated."""
    days = [times.local(value).date() for value in published if value is not None]
    return (min(days), max(days)) if days else None


def _day_start(day: date) -> datetime:
    """The instant ``day`` begins in UTC+8, in UTC; the first instant a datetime holds for 0001-01-01, which began
    in UTC+8 before year 1 did in UTC."""
    try:
        return datetime.combine(day, time(), tzinfo=times.DISPLAY_ZONE).astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC)


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The instants from the first day's start to the end of the last day (UTC+8's days, given in UTC). Any day a
    date holds has both: an archive's article dated 9999-12-31, whose next day is none, made the story page and the
    API answer 500 and `stories show` end in a traceback (safety74)."""
    return _day_start(first), _day_start(last) + timedelta(days=1)  # UTC+8's last day ends before UTC's


# An outlet's spellings are one outlet (store.base.outlet_key: 德国之声 and 德國之聲, an archive's alias): a story
# reported under one spelling named the other, stored by another source or an import, as having no report
# (review57). Cached: a build asks it of every outlet of the days of every story.
_outlet_key = functools.lru_cache(maxsize=4096)(outlet_key)


def absent_outlets(in_story: Iterable[str], days: tuple[date, date], counts: Mapping[str, int]) -> Absent:
    """``counts``: each outlet's articles published on ``days``; ``in_story``: the outlets of the story's articles.
    Every spelling of an outlet counts as it (``outlet_key``); one with no report is named once, by its spelling
    with the most articles, and ranked by the articles of all of them."""
    present = {_outlet_key(name) for name in in_story}
    spellings: dict[str, dict[str, int]] = {}
    for name, count in counts.items():
        if count > 0 and (key := _outlet_key(name)) not in present:
            spellings.setdefault(key, {})[name] = count
    ranked = sorted((-sum(found.values()), min(found, key=lambda name: (-found[name], name)))
                    for found in spellings.values())
    return Absent(days[0], days[1], tuple(name for _total, name in ranked))


class DayCounts:
    """Each UTC+8 day's articles per outlet, from the articles a build lists (no query a story)."""

    def __init__(self, articles: Iterable[tuple[str, datetime | None]]) -> None:
        self._days: dict[date, Counter[str]] = {}
        for outlet, published in articles:
            if published is not None:
                self._days.setdefault(times.local(published).date(), Counter())[outlet] += 1

    def between(self, first: date, last: date) -> Counter[str]:
        """The counts of the days from ``first`` to ``last``: the span's days, or the days with articles when they
        are fewer. Walked a day at a time, a story of a report dated 0001-01-01 and one dated 9999-12-31 (an
        archive's dates, as written) cost 3.65 million steps, then an OverflowError ended the whole build (safety74)."""
        total: Counter[str] = Counter()
        if last.toordinal() - first.toordinal() < len(self._days):
            days: Iterable[date] = (date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))
        else:
            days = [day for day in self._days if first <= day <= last]
        for day in days:
            total.update(self._days.get(day, {}))
        return total


def stored_absent(store: Store, articles: Iterable[tuple[str, datetime | None]]) -> Absent | None:
    """``absent_outlets`` of a story whose articles (outlet, published; copies included) are given, from the store
    (the reader's page and API, `stories show`); None when no article of the story is dated."""
    articles = list(articles)
    days = story_days(published for _, published in articles)
    if days is None:
        return None
    return absent_outlets((outlet for outlet, _ in articles), days, store.count_by_outlet_between(*day_bounds(*days)))
