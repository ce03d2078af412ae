"""Stories as kept in the store: turning a stored article into a clusterer document, and
the comparison of a stored story (used by the CLI, the site and the reader).

A story's comparison is computed when grouping changes the story (``refresh_comparisons``)
and stored with a fingerprint of what it was computed from: the comparison code's version
(``ALIGNMENT_VERSION``, the stored layout) and each compared report's id, outlet and content
hash. ``comparison_for`` returns the stored one while the fingerprint still matches, and
computes (and stores) it again when a report was added, removed or changed. A comparison of
a chosen subset of outlets is computed on demand.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsmirror.errors import NewsmirrorError, StoreError
from newsmirror.model import Article
from newsmirror.store.base import Store
from newsmirror.stories import codec
from newsmirror.stories.comparison import ALIGNMENT_VERSION, Comparison

if TYPE_CHECKING:
    from newsmirror.stories.cluster import Document

Progress = Callable[[int, int], None]  # (done, total)
ReportKey = tuple[str, str, str]  # (article id, outlet, content hash)


class StoryNotFound(NewsmirrorError):
    def __init__(self, story_id: str) -> None:
        super().__init__(f"no story with id {story_id!r}; `newsmirror stories list` shows the stored stories")


def compare_story(articles: Sequence[Article], story_id: str = "") -> Comparison:
    """``stories.compare.compare_story``, imported when a comparison is first computed: its
    dictionaries (jieba, OpenCC) take seconds to load, which a page or a build that only reads
    stored comparisons never needs."""
    from newsmirror.stories.compare import compare_story as compute

    return compute(articles, story_id=story_id)


def load_comparison() -> None:
    """Import the comparison and load the tables its first story reads (jieba's dictionary with
    its tags, both segmenters, the IDF table, the attested-name index, scipy): about 2 s once per
    process, which the first ``compare_story`` otherwise spends silently. Commands call it under
    a "loading" note; what a comparison finds does not depend on it (each table is the one its
    first use would build)."""
    import newsmirror.stories.compare  # noqa: F401
    import newsmirror.stories.fact_pairs  # noqa: F401
    from newsmirror.text import names, tokenize

    tokenize.preload()
    names.preload()


def document_of(article: Article) -> Document:
    """The clusterer's view of an article; undated articles count from when they were fetched."""
    from newsmirror.stories.cluster import Document

    return Document(
        id=article.id, outlet=article.outlet, time=article.published_at or article.fetched_at,
        title=article.title, text=article.body_text or article.body_markdown or article.summary,
    )


def story_reports(store: Store, story_id: str) -> tuple[list[Article], list[Article]]:
    """(own reports, republished copies) of a stored story, oldest first."""
    if store.get_story(story_id) is None:
        raise StoryNotFound(story_id)
    reports: list[Article] = []
    copies: list[Article] = []
    for member in store.story_members(story_id):
        article = store.get_article(member.article_id)
        if article is not None:
            (copies if member.role == "duplicate" else reports).append(article)
    return reports, copies


class UnknownOutlets(NewsmirrorError):
    pass


def select_outlets(reports: list[Article], outlets: list[str] | None) -> list[Article]:
    """The reports of the ``outlets`` named (all reports when none are); at least two outlets,
    each with a report of its own."""
    if not outlets:
        return reports
    present = list(dict.fromkeys(a.outlet for a in reports))
    missing = [o for o in outlets if o not in present]
    if missing or len(set(outlets)) < 2:
        raise UnknownOutlets(
            f"compare at least two of the outlets with their own report in this story "
            f"({', '.join(present)}); "
            + (f"not among them: {', '.join(missing)}" if missing else f"got {', '.join(outlets)}")
        )
    return [a for a in reports if a.outlet in outlets]


def comparison_fingerprint(reports: Sequence[ReportKey]) -> str:
    """What a stored comparison was computed from. Sorted: members of one publication time come
    back from the store in no fixed order, and that order hardly changes the comparison."""
    parts = [f"{ALIGNMENT_VERSION}|{codec.LAYOUT}", *sorted("\t".join(r) for r in reports)]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def _keys(reports: Sequence[Article]) -> list[ReportKey]:
    return [(a.id, a.outlet, a.content_hash) for a in reports]


def stored_comparison(store: Store, story_id: str, fingerprint: str) -> Comparison | None:
    """The stored comparison when its fingerprint is ``fingerprint``; None when there is none,
    it is stale or unreadable, or the backend stores none."""
    try:
        found = store.story_comparison(story_id)
    except NotImplementedError:
        return None
    if found is None or found[0] != fingerprint:
        return None
    try:
        return codec.decode(found[1])
    except codec.UnreadableComparison:
        return None


def _save(store: Store, story_id: str, fingerprint: str, comparison: Comparison) -> bool:
    try:
        store.save_story_comparison(story_id, fingerprint, codec.encode(comparison))
    except (NotImplementedError, StoreError):
        return False  # not stored: the next reader computes it again, nothing is wrong
    return True


def comparison_of(store: Store, story_id: str, reports: list[Article], outlets: list[str] | None = None, *,
                  save: bool = True, computing: Callable[[list[Article]], None] | None = None) -> Comparison:
    """The comparison of a story's own ``reports`` (as ``story_reports`` gives them): the stored
    one when fresh, else computed (and stored when ``save``). With ``outlets`` naming a subset,
    computed on demand and not stored. ``computing`` is called with the reports about to be
    compared, only when they are (the CLI then says it is loading and comparing)."""
    chosen = select_outlets(reports, outlets)
    if len(chosen) != len(reports):
        if computing is not None:
            computing(chosen)
        return compare_story(chosen, story_id=story_id)
    fingerprint = comparison_fingerprint(_keys(reports))
    stored = stored_comparison(store, story_id, fingerprint)
    if stored is not None:
        return stored
    if computing is not None:
        computing(reports)
    comparison = compare_story(reports, story_id=story_id)
    if save:
        _save(store, story_id, fingerprint, comparison)
    return comparison


def comparison_for(store: Store, story_id: str, outlets: list[str] | None = None, *, save: bool = True) -> Comparison:
    """Side-by-side comparison of a stored story's own reports (copies left out), of all its
    outlets or of the ``outlets`` named; see ``comparison_of``."""
    reports, _ = story_reports(store, story_id)
    return comparison_of(store, story_id, reports, outlets, save=save)


@dataclass(slots=True)
class RefreshReport:
    compared: int = 0  # computed and stored
    fresh: int = 0  # stored one still matched
    single_outlet: int = 0  # nothing to compare: one outlet
    seconds: float = 0.0


def refresh_comparisons(store: Store, story_ids: Sequence[str] | None = None, *,
                        progress: Progress | None = None) -> RefreshReport:
    """Compute and store the comparison of every story (of ``story_ids``, or all) reported by
    2+ outlets whose stored comparison is missing or stale. Each is saved as soon as it is
    computed, so an interrupted run keeps what it did and the next one continues."""
    started = time.perf_counter()
    report = RefreshReport()
    try:
        reports = store.story_report_hashes(story_ids)
        stored = store.story_comparison_fingerprints()
    except NotImplementedError:
        return report
    due: list[tuple[str, str]] = []
    for story_id, keys in reports.items():
        if len({outlet for _, outlet, _ in keys}) < 2:
            report.single_outlet += 1
            continue
        fingerprint = comparison_fingerprint(keys)
        if stored.get(story_id) == fingerprint:
            report.fresh += 1
        else:
            due.append((story_id, fingerprint))
    if due:
        # Said before the ~2 s of loading that the first comparison would spend silently
        # (a command's bar showed nothing between grouping and its first compared story).
        if progress is not None:
            progress(0, len(due))
        load_comparison()
    for done, (story_id, fingerprint) in enumerate(due, 1):
        articles = [a for a in (store.get_article(article_id) for article_id, _, _ in reports[story_id])
                    if a is not None]
        if _save(store, story_id, fingerprint, compare_story(articles, story_id=story_id)):
            report.compared += 1
        if progress is not None:
            progress(done, len(due))
    report.seconds = time.perf_counter() - started
    return report
