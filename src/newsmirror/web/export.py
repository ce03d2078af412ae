"""A story's comparison as data: the shape `newsmirror stories show --json` prints and `/api/stories/{id}/comparison`
returns, so a researcher's notebook reads what the summary, the grid and the reader's story page show (polish73: the
facts, who reports each and the "only X" sentences reached no notebook except by scraping a terminal or a page)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from newsmirror.model import Article, http_url
from newsmirror.publish.absent import Absent
from newsmirror.stories.comparison import Comparison, Fact
from newsmirror.text import times

FactKind = Literal["shared", "partial", "unique"]


class ComparedReport(BaseModel):
    id: str
    outlet: str
    title: str
    published_at: str | None = Field(description="UTC, ISO 8601 ending in Z, as every --json and /api time")
    original_url: str
    script: str
    copy_of: str | None = Field(default=None, description="A republished copy: the id of the report it copies")
    read_in_part: bool = Field(default=False, description="Compared from its start only: longer than a comparison "
                                                          "reads (64,000 characters, 2,000 units, or its share of "
                                                          "a long story's)")


class FactSentence(BaseModel):
    outlet: str
    article_id: str
    index: int = Field(description="The unit's position in its report (a sentence, or a clause of a long one)")
    text: str = Field(description="As the outlet wrote it, in its own script")


class FactDetail(BaseModel):
    term: str = Field(description="The name or term in its common (Simplified) form")
    outlets: list[str] = Field(description="The fact's outlets that give it; the others leave it out")
    spellings: dict[str, str] = Field(description="How each of those outlets writes it, where found")


class ComparedFact(BaseModel):
    kind: FactKind = Field(description="shared: every compared outlet reports it; partial: more than one; "
                                       "unique: one outlet only (the \"only X\" lines)")
    outlets: list[str]
    sentences: list[FactSentence] = Field(description="Every outlet's sentence reporting it, each as its outlet wrote it")
    details: list[FactDetail]


class NoReport(BaseModel):
    first_day: str = Field(description="The story's first day, UTC+8 (YYYY-MM-DD)")
    last_day: str = Field(description="The story's last day, UTC+8")
    outlets: list[str] = Field(description="Every outlet with an article in this archive published on those days and "
                                           "none in the story, most articles first: the archive holds no report of "
                                           "theirs (a feed's archive may miss one; it says nothing of the outlet)")


class StoryComparison(BaseModel):
    id: str
    title: str
    outlets: list[str] = Field(description="Every outlet with a report of its own in the story")
    compared: list[str] = Field(description="The outlets this comparison covers (a chosen subset, or all)")
    on_request: bool = Field(description="Computed for this request, not stored: a chosen subset of outlets is "
                                         "always; the whole story's only when its stored comparison was missing "
                                         "or out of date")
    reports: list[ComparedReport] = Field(description="The story's reports, oldest first, republished copies last")
    facts: list[ComparedFact] = Field(description="shared, then partial, then each outlet's unique facts")
    unique_details: dict[str, list[str]] = Field(
        description="outlet -> names and terms only it gives in facts that others report too")
    no_report: NoReport | None = Field(default=None, description="The outlets of the archive publishing on the story's "
                                                                 "days with no report in it (None: no dated report)")


def _fact(kind: FactKind, fact: Fact) -> ComparedFact:
    return ComparedFact(kind=kind, outlets=fact.outlets,
                   sentences=[FactSentence(outlet=s.outlet, article_id=s.article_id, index=s.index, text=s.text)
                              for s in fact.sentences],
                   details=[FactDetail(term=term, outlets=list(who), spellings=dict(fact.spellings.get(term, {})))
                            for term, who in fact.details.items()])


def _report(article: Article, copy_of: str | None = None, cut: frozenset[str] = frozenset()) -> ComparedReport:
    return ComparedReport(id=article.id, outlet=article.outlet, title=article.title, published_at=times.json_utc(article.published_at),
                     original_url=http_url(article.original_url), script=article.script, copy_of=copy_of,
                     read_in_part=article.id in cut)


def story_comparison(story_id: str, title: str, reports: list[Article], copies: list[tuple[Article, str]],
                     comparison: Comparison | None, *, on_request: bool, absent: Absent | None = None) -> StoryComparison:
    """``reports``: the story's own, oldest first; ``copies``: (copy, id of its original). ``comparison`` None: one
    outlet reports the story, nothing is compared (``facts`` empty)."""
    outlets = list(dict.fromkeys(a.outlet for a in reports))
    cut = frozenset(comparison.read_in_part) if comparison is not None else frozenset()
    facts: list[ComparedFact] = []
    if comparison is not None:
        facts = [*(_fact("shared", f) for f in comparison.shared), *(_fact("partial", f) for f in comparison.partial),
                 *(_fact("unique", f) for outlet in comparison.outlets for f in comparison.unique.get(outlet, []))]
    return StoryComparison(
        id=story_id, title=title, outlets=outlets, compared=list(comparison.outlets) if comparison else [],
        on_request=on_request, reports=[*(_report(a, cut=cut) for a in reports), *(_report(a, original) for a, original in copies)],
        facts=facts, unique_details={o: t for o, t in comparison.unique_details().items() if t} if comparison else {},
        no_report=NoReport(first_day=absent.first_day.isoformat(), last_day=absent.last_day.isoformat(),
                           outlets=list(absent.outlets)) if absent is not None else None)
