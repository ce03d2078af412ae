"""A story as the reader shows it: its articles side by side, the facts they share and the
ones only some report (the comparison stored when grouping; see stories.stored)."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field

from newsmirror.model import Article, Story
from newsmirror.publish.absent import Absent, stored_absent
from newsmirror.store import Store, StoryMember
from newsmirror.stories.comparison import Comparison
from newsmirror.stories.stored import comparison_of

# The most reports the reader compares on request (a chosen set of outlets, or a story whose stored comparison is
# missing or stale: the reader only reads, so it computes it for every request and keeps nothing). The time grows
# about with the square of the reports (synthetic reports of 25 sentences, on 2 shared cores: 20 reports 1.4 s, 40
# 6.2 s, 60 13.6 s; 240 had not finished one request in 12 minutes: safety73), and a received store, or any store
# between an ALIGNMENT_VERSION bump and the next `stories compare`, may hold such stories. A stored comparison of
# any size is shown as before; the CLI, an operator's own command, computes any.
MAX_REPORTS_ON_REQUEST = 40
# And of at most this many characters of text, all its reports together: the count alone let two reports of any
# length through, and the time grows with the sentences, not the reports (two reports of 1,600 synthetic sentences,
# 83,000 characters: 30 s a request; 800 copies of one sentence in each, 40,000: 8.6 s; 6,400 sentences each had not
# finished in 400 s; a fetched page may be 10 MB: safety74). Real reports cost far less (the 40 longest of the tuning
# day 2020-10-14, 152,000 characters: 9.8 s; 40 of its median length, 32,000: 0.75 s; its 10 longest, 66,000:
# 1.1 s), so this refuses few that a reader asks for, and bounds the hostile ones at about 20 s.
MAX_CHARS_ON_REQUEST = 60_000
# How many comparisons the reader computes on request at once, all requests together. The bound above is one
# request's: one client starting forty 40-report comparisons at once held every worker of the thread pool (Starlette's
# 40) for minutes, the GIL sharing the cores among them (review57, safety74). A comparison is CPU in Python: more at
# once than the machine's cores finish no sooner, each later. Beyond these a request that would compute one is
# answered 503 with Retry-After at once, holding nothing; a stored comparison is never refused.
MAX_COMPARING_AT_ONCE = 2
RETRY_AFTER_SECONDS = 10  # about one 40-report comparison on a loaded 2-core machine


class Slot:
    """One of ``Slots``' places, held until released (at most once) or, failing that, until it is garbage: a page
    whose client went away before its comparison was computed must not keep the place for ever."""

    def __init__(self, free: threading.BoundedSemaphore) -> None:
        self._release = weakref.finalize(self, free.release)

    def release(self) -> None:
        self._release()  # a finalizer runs once: a second call does nothing


class Slots:
    """At most ``size`` places held at once, process-wide; ``take`` never waits (a waiting request holds a worker)."""

    def __init__(self, size: int) -> None:
        self._free = threading.BoundedSemaphore(size)

    def take(self) -> Slot | None:
        return Slot(self._free) if self._free.acquire(blocking=False) else None


COMPARING = Slots(MAX_COMPARING_AT_ONCE)


class ComparingBusy(Exception):
    """Every place for an on-request comparison is taken: answer 503 with Retry-After."""


@dataclass(slots=True)
class StoryView:
    story: Story
    articles: list[Article]  # own reports, oldest first
    duplicates: list[tuple[Article, str]] = field(default_factory=list)  # (copy, id of the original)
    comparison: Comparison | None = None
    compared: list[str] = field(default_factory=list)  # the outlets the comparison covers
    # The comparison must be computed (a chosen subset of outlets, or a stored one missing or stale): left for
    # ``finish_comparison``, so the page can say it is comparing before the seconds that takes.
    pending: bool = False
    # The comparison is not stored and would compare this many reports, more than MAX_REPORTS_ON_REQUEST or of more
    # than MAX_CHARS_ON_REQUEST characters (then ``too_long``, their characters): not computed (0: nothing refused).
    too_many: int = 0
    too_long: int = 0
    # The outlets with articles on the story's days and none in it (publish.absent): one indexed range a view.
    absent: Absent | None = None
    # The place a pending comparison holds among COMPARING's (``claim_comparing``), released once it is computed.
    slot: Slot | None = None

    @property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.articles})

    @property
    def chosen(self) -> list[str] | None:
        """The outlets compared when they are a subset, else None (all of them)."""
        return self.compared if len(self.compared) < len(self.outlets) else None


class _MustCompute(Exception):
    """Raised by ``comparison_of``'s ``computing`` hook: the comparison is not stored, stop before computing it."""


class _TooMany(Exception):
    """Raised by the hook: the comparison is not stored and compares more reports than the reader computes."""

    def __init__(self, count: int, chars: int = 0) -> None:
        super().__init__(count, chars)
        self.count, self.chars = count, chars


def story_view(store: Store, story_id: str, outlets: list[str] | None = None, *,
               with_absent: bool = True) -> StoryView | None:
    """The story's reports; ``outlets`` (two or more) narrows the comparison to those outlets,
    so what one adds to another shows even when a third outlet says it too. A comparison that is not stored is left
    ``pending``: ``finish_comparison`` computes it, in a place claimed by ``claim_comparing`` (a view never computes
    on its own, which would take a place unseen or raise ``ComparingBusy`` where no caller expects it).
    ``with_absent=False``: ``absent`` is left None, for a caller that shows no "no report" line (a feed of the
    reports, a look-up of the story's outlets), sparing its range query."""
    story = store.get_story(story_id)
    if story is None:
        return None
    members: list[StoryMember] = store.story_members(story_id)
    view = StoryView(story=story, articles=[])
    for member in members:
        article = store.get_article(member.article_id)
        if article is None:
            continue
        if member.role == "duplicate" and member.duplicate_of:
            view.duplicates.append((article, member.duplicate_of))
        else:
            view.articles.append(article)
    if with_absent:
        view.absent = stored_absent(store, [(a.outlet, a.published_at)
                                            for a in [*view.articles, *(copy for copy, _ in view.duplicates)]])
    view.compared = [o for o in view.outlets if o in (outlets or [])]
    if len(view.compared) < 2:
        view.compared = view.outlets
    if len(view.articles) > 1:
        # The reader only reads: a missing or stale comparison is computed, not stored (the next
        # `stories group`, `stories compare` or build stores it).
        def computing(reports: list[Article]) -> None:  # called only when the comparison is not stored
            if len(reports) > MAX_REPORTS_ON_REQUEST:
                raise _TooMany(len(reports))
            if (chars := sum(len(report.body_text) for report in reports)) > MAX_CHARS_ON_REQUEST:
                raise _TooMany(len(reports), chars)
            raise _MustCompute  # computed by finish_comparison, in one of COMPARING's places

        try:
            view.comparison = comparison_of(store, story.id, view.articles, view.chosen, save=False,
                                            computing=computing)
        except _MustCompute:
            view.pending = True
        except _TooMany as refused:
            view.too_many, view.too_long = refused.count, refused.chars
    return view


def claim_comparing(view: StoryView) -> bool:
    """For a view whose comparison is pending: take one of the places for on-request comparisons before anything of
    the answer is sent (a streamed page cannot turn into a 503 later). False when every place is taken."""
    if view.pending and view.slot is None:
        view.slot = COMPARING.take()
        return view.slot is not None
    return True


def release_comparing(view: StoryView) -> None:
    if view.slot is not None:
        view.slot.release()
        view.slot = None


def finish_comparison(store: Store, view: StoryView) -> Comparison | None:
    """The view's comparison, computed now if it was left pending (a subset: ~0.2-0.5 s, and the
    process's first comparison loads its tables, ~2 s), in a place claimed before (``claim_comparing``) or now;
    ``ComparingBusy`` when none is free."""
    if view.pending:
        if not claim_comparing(view):
            raise ComparingBusy
        try:
            view.comparison = comparison_of(store, view.story.id, view.articles, view.chosen, save=False)
            view.pending = False
        finally:
            release_comparing(view)
    return view.comparison
