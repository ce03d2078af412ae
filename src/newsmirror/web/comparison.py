"""A story as the reader shows it: its articles side by side, the facts they share and the
ones only some report (the comparison stored when grouping; see stories.stored)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsmirror.model import Article, Story
from newsmirror.store import Store, StoryMember
from newsmirror.stories.comparison import Comparison
from newsmirror.stories.stored import comparison_of


@dataclass(slots=True)
class StoryView:
    story: Story
    articles: list[Article]  # own reports, oldest first
    duplicates: list[tuple[Article, str]] = field(default_factory=list)  # (copy, id of the original)
    comparison: Comparison | None = None
    compared: list[str] = field(default_factory=list)  # the outlets the comparison covers

    @property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.articles})


def story_view(store: Store, story_id: str, outlets: list[str] | None = None) -> StoryView | None:
    """The story's reports; ``outlets`` (two or more) narrows the comparison to those outlets,
    so what one adds to another shows even when a third outlet says it too."""
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
    view.compared = [o for o in view.outlets if o in (outlets or [])]
    if len(view.compared) < 2:
        view.compared = view.outlets
    if len(view.articles) > 1:
        # The reader only reads: a missing or stale comparison is computed, not stored (the next
        # `stories group`, `stories compare` or build stores it).
        chosen = view.compared if len(view.compared) < len(view.outlets) else None
        view.comparison = comparison_of(store, story.id, view.articles, chosen, save=False)
    return view
