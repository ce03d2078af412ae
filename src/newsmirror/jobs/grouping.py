"""Assign every article not yet in a story to one (``newsmirror stories group``, or the
``group`` job kind that ``newsmirror worker`` runs).

Idempotent: only unassigned articles are considered, so a second run does nothing. A run
continues the previous one: the stories still open around the new articles' time (and their
members' fingerprints) are rebuilt from the store before the new articles are streamed in.

One grouping at a time, fleet-wide: grouping decides each article against the stories open
around it, so two groupers running at once could each start a story for the same event (split
it) from reports the other has not saved yet. Whoever groups (a worker's ``group`` job, or the
CLI) first takes the lease of the queue's single ``group`` job (kind ``group``, key ``*``),
which the queue gives to one holder at a time on every backend; a second grouper finds it
leased and stops (CLI: a clear error; worker: the job is simply not claimable). Before each save
the holder checks the lease is still its own, so a grouper that stalled past its lease (and was
replaced) stops instead of writing over its successor. An article is in at most one story
(story_members' primary key), so nothing is ever assigned twice.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from newsmirror.errors import NewsmirrorError
from newsmirror.model import Story, utcnow
from newsmirror.store.base import ArticleQuery, Job, Store, StoryJoin, StoryMember
from newsmirror.stories.stored import RefreshReport, document_of, refresh_comparisons

if TYPE_CHECKING:
    # The clusterer (jieba, the word vectors, numpy, datasketch: ~0.4-0.6 s) is imported when there is
    # something to group, so `stories group` with nothing new and a worker's idle group job start fast.
    from newsmirror.stories.cluster import Assignment, ClusterConfig, Document, StoryClusterer

Progress = Callable[[int, int], None]  # (done, total)

GROUP_KIND = "group"
GROUP_KEY = "*"  # the one grouping job: its lease is the fleet-wide grouping lock
# How often workers group when no fetch asked for it sooner (a fetch that stores new articles
# makes the group job due at once).
GROUP_INTERVAL = timedelta(minutes=5)
# The grouping lease of a command (`stories group`, `run`, `demo`); a worker's is its --lease. Renewed every third of it.
LEASE_SECONDS = 600.0


class GroupingBusy(NewsmirrorError):
    """Another process holds the grouping lease: ``holder`` says who (for a caller that words it otherwise: `run`)."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"stories are being grouped right now by {holder}; "
                         "run it again later (or let the workers do it: `newsmirror worker` runs group jobs)")
        self.holder = holder


class GroupingLeaseLost(NewsmirrorError):
    """This grouper's lease was taken over (it stalled past the lease time): it stops."""


def lease_holder(store: Store, job: Job) -> Callable[[], bool]:
    """A check that ``job``'s lease is still held by the worker that claimed it."""

    def still_ours() -> bool:
        current = store.get_job(job.kind, job.key)
        return current is not None and current.lease_owner == job.lease_owner and current.done_at is None

    return still_ours


@contextmanager
def grouping_lease(store: Store, lease_seconds: float = LEASE_SECONDS) -> Iterator[Job]:
    """Hold the fleet-wide grouping lease (for the CLI; workers get it by claiming the job).
    Raises GroupingBusy when a worker or another command is grouping right now. The caller
    renews it (``store.renew_lease``, or ``lease_renewer``) at least every ``lease_seconds``.

    The lease is the workers' recurring group job: when they have one (pending), a command's grouping leaves it due
    when it was (or sooner, when a fetch asked for a grouping meanwhile). Completed as done, it stopped the workers'
    5-minute grouping until a fetch stored new articles or a worker restarted. Without one (no workers, or none
    scheduled it), the job stays done, as a command schedules nothing."""
    owner = f"{socket.gethostname()}:{os.getpid()}/stories-group"
    scheduled = store.get_job(GROUP_KIND, GROUP_KEY)
    # When the workers' schedule had it due next (None: no schedule to keep).
    due_before = scheduled.due_at if scheduled is not None and scheduled.done_at is None else None
    store.enqueue_job(GROUP_KIND, GROUP_KEY)  # due now, so it can be claimed now
    claimed = store.claim_jobs(owner, [GROUP_KIND], limit=1, lease_seconds=lease_seconds)
    if not claimed:
        held = store.get_job(GROUP_KIND, GROUP_KEY)
        raise GroupingBusy(held.lease_owner if held and held.lease_owner else "another process")
    job = claimed[0]
    try:
        yield job
    except BaseException as exc:
        store.fail_job(job, f"{type(exc).__name__}: {exc}", utcnow())  # free it for the next grouper
        raise
    else:
        store.complete_job(job, due_before)


def lease_renewer(store: Store, lease: Job, lease_seconds: float = LEASE_SECONDS,
                  clock: Callable[[], float] = time.monotonic) -> Callable[[], None]:
    """A call for the progress callbacks of whoever holds ``lease`` (`stories group`, `run`): it renews the lease once
    a third of ``lease_seconds`` has passed since the last renewal, so a grouping or a comparing that takes longer than
    the lease (a whole archive's) keeps it. A lease already lost is not renewed (``renew_lease`` says no); the
    grouping's ``still_ours`` then stops before its next save."""
    renewed = clock()

    def renew() -> None:
        nonlocal renewed
        if clock() - renewed > lease_seconds / 3:
            store.renew_lease(lease, lease_seconds)
            renewed = clock()

    return renew


def schedule_grouping(store: Store, due_at: datetime | None = None) -> bool:
    """Make sure the recurring group job exists (workers call it at start). True if added."""
    existing = store.get_job(GROUP_KIND, GROUP_KEY)
    if existing is not None and existing.done_at is None:
        return False
    store.enqueue_job(GROUP_KIND, GROUP_KEY, due_at=due_at)
    return True


@dataclass(slots=True)
class GroupingReport:
    assigned: int = 0
    new_stories: int = 0
    joined: int = 0  # joined an existing story as an own report
    duplicates: int = 0  # joined as a republished copy
    restored: int = 0  # earlier articles reloaded to continue open stories
    seconds: float = 0.0  # the grouping (saving included), not the comparing after it: comparisons.seconds
    touched_stories: set[str] = field(default_factory=set)
    comparisons: RefreshReport = field(default_factory=RefreshReport)  # of the touched stories


def group_articles(store: Store, config: ClusterConfig | None = None, *, progress: Progress | None = None,
                   batch: int = 500, still_ours: Callable[[], bool] | None = None, compare: bool = True,
                   compare_progress: Progress | None = None, close: bool = False,
                   compare_all: bool = False) -> GroupingReport:
    """Cluster the unassigned articles, oldest first; saves every ``batch`` articles so an
    interrupted run keeps what it decided. ``still_ours``: asked before each save (the grouping
    lease); when it says no, nothing more is saved and GroupingLeaseLost is raised.

    ``compare``: then compute and store the comparison of each story this run changed that 2+
    outlets report (once per story, however many batches touched it; stories whose compared
    reports did not change, e.g. only a copy joined, keep theirs). ``compare_all``: every story's, also when there is
    nothing to group: after a grouping that did not finish (Ctrl-C, a killed worker, a lost lease: the group job's
    ``attempts`` > 1), whose saved batches' stories were never compared and which the next run would not touch again.

    ``close``: the run's end judges every live story complete (the complete-story join, when on), as if every
    story's window had passed: for evaluations that read the grouping as it will stand. A production run leaves it
    off: a story is complete once the newest report is past its window, in whichever run that happens, and it is
    judged in that run only (session 26, join23). What the join decided (a story judged, a core and its members
    before its first side) is stored with the stories (``Store.save_story_joins``) and restored with them, so a
    later run never judges a story again nor makes an earlier core a side (session 27, join24)."""

    def save(final: bool = False) -> None:
        if still_ours is not None and not still_ours():
            raise GroupingLeaseLost("the grouping lease was taken over by another worker; stopping "
                                    "without saving (the new holder continues from what was saved)")
        # The event layer (when on) links the stories this batch changed, now that they are whole.
        clusterer.link_events()
        # The join pass (when on) judges the stories that can no longer grow; at a closing run's end, all of them.
        clusterer.join_complete(final and close)
        for small, big in clusterer.drain_merges():
            redirect[small] = big
        joins = _join_states(store, clusterer.drain_joins())  # before the save moves the sides' members in
        _save(store, unsaved, redirect, titles, report, report_titles, columns)
        report_titles.clear()
        if joins:
            store.save_story_joins(joins)

    started = time.perf_counter()
    report = GroupingReport()
    pending = store.unassigned_article_ids()
    if not pending:
        if compare and compare_all:
            report.comparisons = refresh_comparisons(store, progress=compare_progress)
        return report
    from newsmirror.stories.cluster import StoryClusterer

    clusterer = StoryClusterer(config)
    columns = _ColumnTitles()  # fed every report in the clusterer's order: restored ones, then each grouped one
    first = store.get_article(pending[0])
    earlier = (_StoredStories(store, clusterer, document_of(first).time, set(pending), columns.add)
               if first is not None else None)
    if earlier is not None and first is not None:
        report.restored += earlier.restore_until(document_of(first).time + clusterer.config.window)

    unsaved: dict[str, list[Assignment]] = {}
    titles: dict[str, str] = {}  # of stories started in this run (the founding report's title)
    report_titles: dict[str, str] = {}  # the titles of the reports grouped since the last save
    # Stories merged into another since the last save (kept here, not asked of the clusterer,
    # which may already have evicted both when the archive jumps ahead in time).
    redirect: dict[str, str] = {}
    started_here: set[str] = set()
    for done, article_id in enumerate(pending, 1):
        article = store.get_article(article_id)
        if article is None:
            continue
        document = document_of(article)
        if earlier is not None:
            report.restored += earlier.restore_until(document.time + clusterer.config.window)
        assignment = clusterer.add(document)
        columns.add(document)
        unsaved.setdefault(assignment.story_id, []).append(assignment)
        report_titles[article_id] = article.title
        for small, big in clusterer.drain_merges():
            redirect[small] = big
        # A report first taken for an original may turn out to be the copy: save it again.
        for changed in clusterer.drain_changes():
            unsaved.setdefault(changed.story_id, []).append(changed)
        report.assigned += 1
        if assignment.new_story:
            titles[assignment.story_id] = article.title
            started_here.add(assignment.story_id)
        elif assignment.role == "duplicate":
            report.duplicates += 1
        else:
            report.joined += 1
        if done % batch == 0:
            save()
        if progress is not None:
            progress(done, len(pending))
    save(final=True)
    # Count the stories started here that are stored: some were merged into another since.
    report.new_stories = sum(1 for story_id in started_here if store.get_story(story_id) is not None)
    report.joined = report.assigned - report.new_stories - report.duplicates
    # Stopped before comparing: a user reads the two times apart (comparing took as long as grouping
    # on the whole archive, and one sum hid where the time went).
    report.seconds = time.perf_counter() - started
    if compare and (compare_all or report.touched_stories):
        report.comparisons = refresh_comparisons(store, None if compare_all else sorted(report.touched_stories),
                                                 progress=compare_progress)
    return report


def retitle_stories(store: Store, still_ours: Callable[[], bool] | None = None) -> int:
    """Choose again the title of every stored story as ``_save`` chooses it now: a story titled by a report whose title
    opens with a column, programme or source label (``genre.opens_with_label``), with a label its outlet uses as a
    column (``_ColumnTitles``, every stored report read oldest first, so each sees its outlet's history) or with a colon
    label naming no one (``genre.opens_with_unnamed_label``) takes the title of its first own report (oldest first)
    with the mildest label (``_ColumnTitles.chosen``); none milder, it keeps its title. Stories titled
    before such a rule existed otherwise keep their title until a report joins them. Only titles change (a story's
    reports, their roles and its stored comparison stay). Returns how many stories were given another title.
    ``still_ours``: the grouping lease, asked before the titles are written (GroupingLeaseLost when lost)."""
    try:
        reports = store.story_report_hashes()
    except NotImplementedError:  # a backend that keeps no report lists: nothing to choose from
        return 0
    several = {story_id: [article_id for article_id, _, _ in keys]
               for story_id, keys in reports.items() if len(keys) >= 2}
    if not several:
        return 0
    columns = _ColumnTitles()
    titles: dict[str, str] = {}
    for article in store.iter_articles(ArticleQuery(newest_first=False)):
        document = document_of(article)
        columns.add(document)
        titles[article.id] = document.title

    changed: list[Story] = []
    for story_id, article_ids in several.items():
        story = store.get_story(story_id)
        if story is None or not columns.labelled(story.title):
            continue
        plain = columns.chosen(story.title, [titles.get(a, "") for a in article_ids])
        if plain != story.title:
            story.title = plain
            changed.append(story)
    if changed and still_ours is not None and not still_ours():
        raise GroupingLeaseLost("the grouping lease was taken over by another worker; stopping without retitling")
    for story in changed:
        store.save_story(story, store.story_members(story.id))
    return len(changed)


class _StoredStories:
    """Reloads earlier decisions (stored articles and their stories) as the run advances in time,
    up to a window ahead of the report being grouped. All at once, a run grouping old reports (a
    backfill) into a store that already holds newer ones reloaded everything up to the newest
    report: minutes of work, and the clusterer's clock ran ahead, so the old reports' own stories
    were already evicted and could not be joined."""

    def __init__(self, store: Store, clusterer: StoryClusterer, earliest: datetime, pending: set[str],
                 seen: Callable[[Document], None] | None = None) -> None:
        self.store, self.clusterer, self.pending, self.seen = store, clusterer, pending, seen
        self.loaded_until = earliest - 2 * clusterer.config.window
        self.members: dict[str, StoryMember] = {}

    def restore_until(self, until: datetime) -> int:
        if until <= self.loaded_until:
            return 0
        # A window more than asked, so a run queries the store about once per window of time.
        since, self.loaded_until = self.loaded_until, until + self.clusterer.config.window
        query = ArticleQuery(since=since, until=self.loaded_until, newest_first=False)
        restored = 0
        for article in list(self.store.iter_articles(query)):  # a list: saves run between calls
            if article.id in self.pending:
                continue
            story_id = self.store.story_of(article.id)
            if story_id is None:
                continue
            if article.id not in self.members:
                self.members.update({m.article_id: m for m in self.store.story_members(story_id)})
                if self.clusterer.join_model is not None:  # before its members: a core is rebuilt as they come
                    for join in self.store.story_joins([story_id]).values():
                        self.clusterer.restore_join(join.story_id, join.role, join.unjoined)
            member = self.members.get(article.id)
            role = member.role if member else "member"
            document = document_of(article)
            self.clusterer.restore(document, story_id, role, member.duplicate_of if member else None,
                                   member.score if member else 0.0)
            if self.seen is not None:
                self.seen(document)
            restored += 1
        return restored


class _ColumnTitles:
    """The titles of the reports seen so far that open with a label their outlet uses as a column (a label on
    several days of the last few, any separator: ``genre.ColumnLabels``, as the clusterer decides it for bulletins).
    Such a label may be a colon's (DW's 独家：, VOA's 白宫要义:), which ``genre.opens_with_label`` leaves alone because
    most NAME： are a speaker or a topic (王毅：); an outlet's recurring one is its column's name. Fed the reports in
    the clusterer's order (restored ones as they are restored), so it sees the history the clusterer sees."""

    def __init__(self) -> None:
        # here, not at the top: genre loads jieba, only needed when there is something to group
        from newsmirror.stories.genre import ColumnLabels

        self._labels = ColumnLabels()
        self.titles: set[str] = set()

    def add(self, document: Document) -> None:
        if self._labels.add(document.outlet, document.title, document.time) is not None:
            self.titles.add(document.title)

    def labelled(self, title: str) -> bool:
        """A poor title for a story of several reports: one of ``titles``, one opening with a column, programme or
        source label (``genre.opens_with_label``: 【重播】, 早安世界》) or with a colon label naming no one and nothing
        (``genre.opens_with_unnamed_label``: 独家：, 焦点：, 港媒：; whatever the outlet's history, so Reuters' 独家：
        on fewer than 3 of the last 6 days and DW's, 3 times in six months, are caught too)."""
        return self._label_rank(title) >= _UNNAMED

    def chosen(self, title: str, others: list[str]) -> str:
        """The title of a story titled ``title`` whose reports (those at hand) are titled ``others``: ``title`` unless
        it is ``labelled``, else the first of ``others`` with the mildest label (none; a named speaker or source, 路透：…;
        a colon label naming no one, 独家：…; a column, programme or source label, 【重播】…), when milder than the label
        of ``title``. A ``title`` whose only fault is a colon label naming no one stays when a title of ``others``
        without a label of its kind names the label: then it is the subject they share, a topic (港口罢工：… beside
        港口罢工进入第三天; ``genre.label_named_by``), not a genre or a source (独家：…)."""
        from newsmirror.stories.genre import label_named_by

        rank = self._label_rank(title)
        if rank < _UNNAMED:
            return title
        ranked = [(self._label_rank(other), other) for other in others if other.strip()]
        if rank == _UNNAMED and any(label_named_by(title, other) for r, other in ranked if r < _UNNAMED):
            return title
        best = min(ranked, key=lambda pair: pair[0], default=None)
        return best[1] if best is not None and best[0] < rank else title

    def _label_rank(self, title: str) -> int:
        """How poor a story title ``title`` is by its label: 0 none, 1 a named speaker or source (王毅：, 路透：), then
        ``_UNNAMED`` (a colon label naming no one) and ``_COLUMN`` (``opens_with_label``'s or its outlet's column)."""
        from newsmirror.stories.genre import opens_with_label, opens_with_unnamed_label, title_label

        if title in self.titles or opens_with_label(title):
            return _COLUMN
        if opens_with_unnamed_label(title):
            return _UNNAMED
        return 1 if title_label(title) is not None else 0


_UNNAMED, _COLUMN = 2, 3  # ``_ColumnTitles._label_rank``: the two kinds of label that make a poor story title


def _join_states(store: Store, changes: list[tuple[str, str, tuple[str, ...]]]) -> list[StoryJoin]:
    """The join states to store. A new core's members before its first side are those the clusterer held then
    and those stored but not restored in this run (it restores the stories around the run's reports only)."""
    joins = []
    for story_id, role, members in changes:
        if role == "core":
            stored = [m.article_id for m in store.story_members(story_id)]
            members = (*members, *sorted(set(stored) - set(members)))
        joins.append(StoryJoin(story_id, role, members))
    return joins


def _save(store: Store, unsaved: dict[str, list[Assignment]], redirect: dict[str, str],
          titles: dict[str, str], report: GroupingReport, report_titles: dict[str, str],
          columns: _ColumnTitles) -> None:
    """Write the stories changed since the last save. A story merged into another hands its
    stored members over to the survivor (save_story moves them; the empty story disappears).

    A story is titled by its first report, unless that title opens with a column or programme label
    (``genre.opens_with_label``: 【重播】, 【一线采访】, 早安世界》), is one of ``columns.titles`` (its outlet's
    recurring label, whatever the separator: 白宫要义:) or opens with a colon label naming no one (独家：, 港媒：;
    ``_ColumnTitles.labelled``) and a report of it saved now (``report_titles``) has a title with a milder label or
    none: then the first of those with the mildest, its own reports before copies (``_ColumnTitles.chosen``). Once
    a story's title has no label it stays. The title is not read by grouping: which reports form a story does not
    change."""
    labelled = columns.labelled

    def resolve(story_id: str) -> str:
        while story_id in redirect:
            story_id = redirect[story_id]
        return story_id

    new_by_story: dict[str, list[Assignment]] = {}
    for story_id, assignments in unsaved.items():
        new_by_story.setdefault(resolve(story_id), []).extend(assignments)
    moved: dict[str, list[str]] = {}
    for small in redirect:
        moved.setdefault(resolve(small), []).append(small)
        new_by_story.setdefault(resolve(small), [])
    for story_id, new in new_by_story.items():
        existing = store.get_story(story_id)
        members = store.story_members(story_id) if existing else []
        for small in moved.get(story_id, []):
            members += store.story_members(small)
        members += [StoryMember(a.article_id, story_id, a.role, a.duplicate_of, a.score) for a in new]
        unique: dict[str, StoryMember] = {}
        for member in members:
            member.story_id = story_id
            unique[member.article_id] = member
        if not unique:
            continue
        title = titles.get(story_id) or next((titles[s] for s in moved.get(story_id, []) if s in titles), "")
        story = existing or Story(id=story_id, title=title)
        if labelled(story.title):
            ordered = [a for a in new if a.role != "duplicate"] + [a for a in new if a.role == "duplicate"]
            candidates = [report_titles.get(a.article_id, "") for a in ordered]
            candidates += [titles[s] for s in moved.get(story_id, []) if s in titles]
            story.title = columns.chosen(story.title, candidates)
        story.updated_at = utcnow()
        store.save_story(story, list(unique.values()))
        report.touched_stories.add(story_id)
    report.touched_stories -= set(redirect)
    unsaved.clear()
    redirect.clear()
