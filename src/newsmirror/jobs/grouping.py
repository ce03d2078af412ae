"""Assign every article not yet in a story to one (``newsmirror stories group``).

Idempotent: only unassigned articles are considered, so a second run does nothing. A run
continues the previous one: the stories still open around the new articles' time (and their
members' fingerprints) are rebuilt from the store before the new articles are streamed in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from newsmirror.model import Story, utcnow
from newsmirror.store.base import ArticleQuery, Store, StoryMember
from newsmirror.stories.cluster import Assignment, ClusterConfig, StoryClusterer
from newsmirror.stories.stored import document_of

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(slots=True)
class GroupingReport:
    assigned: int = 0
    new_stories: int = 0
    joined: int = 0  # joined an existing story as an own report
    duplicates: int = 0  # joined as a republished copy
    restored: int = 0  # earlier articles reloaded to continue open stories
    seconds: float = 0.0
    touched_stories: set[str] = field(default_factory=set)


def group_articles(store: Store, config: ClusterConfig | None = None, *, progress: Progress | None = None,
                   batch: int = 500) -> GroupingReport:
    """Cluster the unassigned articles, oldest first; saves every ``batch`` articles so an
    interrupted run keeps what it decided."""
    started = time.perf_counter()
    report = GroupingReport()
    pending = store.unassigned_article_ids()
    if not pending:
        return report
    clusterer = StoryClusterer(config)
    first = store.get_article(pending[0])
    if first is not None:
        report.restored = _restore(store, clusterer, document_of(first).time)

    unsaved: dict[str, list[Assignment]] = {}
    titles: dict[str, str] = {}  # of stories started in this run (the founding report's title)
    # Stories merged into another since the last save (kept here, not asked of the clusterer,
    # which may already have evicted both when the archive jumps ahead in time).
    redirect: dict[str, str] = {}
    started_here: set[str] = set()
    for done, article_id in enumerate(pending, 1):
        article = store.get_article(article_id)
        if article is None:
            continue
        assignment = clusterer.add(document_of(article))
        unsaved.setdefault(assignment.story_id, []).append(assignment)
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
            _save(store, unsaved, redirect, titles, report)
        if progress is not None:
            progress(done, len(pending))
    _save(store, unsaved, redirect, titles, report)
    # Count the stories started here that are stored: some were merged into another since.
    report.new_stories = sum(1 for story_id in started_here if store.get_story(story_id) is not None)
    report.joined = report.assigned - report.new_stories - report.duplicates
    report.seconds = time.perf_counter() - started
    return report


def _restore(store: Store, clusterer: StoryClusterer, earliest: datetime) -> int:
    """Reload the stored stories that may still be open at ``earliest``."""
    since = earliest - 2 * clusterer.config.window
    members: dict[str, StoryMember] = {}
    restored = 0
    for article in store.iter_articles(ArticleQuery(since=since, newest_first=False)):
        story_id = store.story_of(article.id)
        if story_id is None:
            continue
        if article.id not in members:
            members.update({m.article_id: m for m in store.story_members(story_id)})
        member = members.get(article.id)
        role = member.role if member else "member"
        clusterer.restore(document_of(article), story_id, role, member.duplicate_of if member else None,
                          member.score if member else 0.0)
        restored += 1
    return restored


def _save(store: Store, unsaved: dict[str, list[Assignment]], redirect: dict[str, str],
          titles: dict[str, str], report: GroupingReport) -> None:
    """Write the stories changed since the last save. A story merged into another hands its
    stored members over to the survivor (save_story moves them; the empty story disappears)."""

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
        story.updated_at = utcnow()
        store.save_story(story, list(unique.values()))
        report.touched_stories.add(story_id)
    report.touched_stories -= set(redirect)
    unsaved.clear()
    redirect.clear()
