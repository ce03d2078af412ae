"""Stories as kept in the store: turning a stored article into a clusterer document, and
building the comparison of a stored story (used by the CLI, the site and the reader)."""

from __future__ import annotations

from newsmirror.errors import NewsmirrorError
from newsmirror.model import Article
from newsmirror.store.base import Store
from newsmirror.stories.cluster import Document
from newsmirror.stories.compare import compare_story
from newsmirror.stories.comparison import Comparison


class StoryNotFound(NewsmirrorError):
    def __init__(self, story_id: str) -> None:
        super().__init__(f"no story with id {story_id!r}; `newsmirror stories list` shows the stored stories")


def document_of(article: Article) -> Document:
    """The clusterer's view of an article; undated articles count from when they were fetched."""
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


def comparison_for(store: Store, story_id: str, outlets: list[str] | None = None) -> Comparison:
    """Side-by-side comparison of a stored story's own reports (copies left out), of all its
    outlets or of the ``outlets`` named."""
    reports, _ = story_reports(store, story_id)
    return compare_story(select_outlets(reports, outlets), story_id=story_id)
