"""Which stories a front page lists under 多家媒体报道: the reader's, the static site's, and the demo's listing.

Readers come for the big stories. Listed newest first, a day's biggest stories (a US health secretary's visit told by
7 outlets in 17 reports, a vice-presidential pick in 13) were not on the front page at all: the ten newest were
2- and 3-report stories of the last hours (session 51, polish67 row 9). So the list opens with the biggest recent
stories, then goes on with the newest, as a newspaper's front page does. "Recent" is measured from the newest story,
not from the clock: a front page built twice from the same store is the same page, and a mirror of an old archive
still shows its last days' big stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from markupsafe import Markup

from newsmirror.store.base import StorySize
from newsmirror.text.times import day, iso, minute

BIGGEST = 5  # the biggest recent stories a front page opens with
RECENT = timedelta(days=2)  # a story is recent when its newest report is this close to the newest story's
_UNDATED = datetime.min.replace(tzinfo=UTC)  # an undated story's place in size_order: after every dated one
SIZES_READ = 500  # the newest stories a front page ranks: some ten days of the whole archive (25-50 a day)


@dataclass(slots=True)
class FrontStories:
    biggest: list[str] = field(default_factory=list)  # story ids, most outlets first
    newest: list[str] = field(default_factory=list)  # the newest of the others, newest first

    @property
    def ids(self) -> list[str]:
        return [*self.biggest, *self.newest]


def size_order(size: StorySize) -> tuple[int, int, bool, datetime, str]:
    """The key a front page ranks its biggest stories by, descending: most outlets, then most reports, then newest
    (undated last), then id (a fixed order). `stories list --biggest` lists by it too."""
    return size.outlets, size.reports, size.newest is not None, size.newest or _UNDATED, size.id


def biggest_first(sizes: Iterable[StorySize]) -> list[StorySize]:
    """``sizes`` most outlets first, then most reports, then newest (``size_order``)."""
    return sorted(sizes, key=size_order, reverse=True)


def front_stories(sizes: Sequence[StorySize], total: int, *, biggest: int = BIGGEST,
                  recent: timedelta = RECENT) -> FrontStories:
    """``total`` stories of ``sizes`` (newest first, as ``Store.story_sizes`` gives them): first the ``biggest`` with the
    most outlets among the recent ones (then the most reports, then the newest), then the newest of the others."""
    dated = [s.newest for s in sizes if s.newest is not None]
    if not dated or total <= 0:
        return FrontStories(newest=[s.id for s in sizes[:max(total, 0)]])
    since = max(dated) - recent
    ranked = biggest_first(s for s in sizes if s.newest is not None and s.newest >= since)
    # A story only as big as the newest ones is no reason to break the time order: the biggest must stand out.
    smallest = min((s.outlets, s.reports) for s in sizes)
    top = [s.id for s in ranked[:min(biggest, total)] if (s.outlets, s.reports) > smallest]
    chosen = set(top)
    return FrontStories(biggest=top, newest=[s.id for s in sizes if s.id not in chosen][: total - len(top)])


def reported_span(first: datetime | None, last: datetime | None) -> Markup:
    """When a story was reported, as every list of stories says it (the reader's /stories and front page, the static
    site's home page): its first report's minute, then its last's, in the zone every page shows (the footer names it);
    the last's day left out when it is the first's, one time when both read the same minute, nothing undated. A list
    of titles alone did not say whether a story was of this morning or of last month (reader79, reader81)."""
    if first is None:
        return Markup("")
    shown = Markup('<span class="span"><time datetime="{}">{}</time>').format(iso(first), minute(first))
    if last is not None and minute(last) != minute(first):
        until = minute(last)[11:] if day(last) == day(first) else minute(last)
        shown += Markup('–<time datetime="{}">{}</time>').format(iso(last), until)
    return shown + Markup("</span>")
