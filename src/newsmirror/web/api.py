"""The JSON API: the same reads as the pages, documented by FastAPI's OpenAPI schema."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field

from newsmirror.model import Article
from newsmirror.store import ArticleQuery, Store, article_summary, as_stored, search_query, spelt_as_among
from newsmirror.store.changes import versions_shown
from newsmirror.web.comparison import (
    MAX_CHARS_ON_REQUEST,
    MAX_REPORTS_ON_REQUEST,
    RETRY_AFTER_SECONDS,
    ComparingBusy,
    finish_comparison,
    story_view,
)
from newsmirror.web.export import StoryComparison, story_comparison
from newsmirror.web.guard import MAX_COMPARED_OUTLETS, MAX_OFFSET, MAX_QUERY_CHARS
from newsmirror.web.render import clean_html
from newsmirror.web.root import root_of


class ArticleSummary(BaseModel):
    id: str
    outlet: str
    title: str
    channel: str
    published_at: datetime | None
    original_url: str
    script: str
    url: str  # the reader's page


class ArticleDetail(ArticleSummary):
    authors: list[str]
    tags: list[str]
    summary: str
    body_text: str
    body_html: str  # sanitized again on the way out
    versions: int = Field(description="Versions a reader can tell apart, as the article page lists them and "
                                      "`newsmirror history` shows them (store.changes.versions_shown)")
    story_id: str | None


class SearchResult(BaseModel):
    article: ArticleSummary
    score: float
    snippet: str


class SearchResults(BaseModel):
    query: str
    total: int  # every matching article (exact), whatever the page
    hits: list[SearchResult]


class StorySummary(BaseModel):
    id: str
    title: str
    articles: list[ArticleSummary]


class AdminResult(BaseModel):
    done: str
    articles: int


def summary_of(article: Article, root: str = "") -> ArticleSummary:
    """``root``: the reader's path prefix (web.root), so ``url`` is the page under it."""
    return ArticleSummary.model_validate({**article_summary(article), "url": f"{root}/article/{article.id}"})


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def require_admin(request: Request, authorization: str | None) -> None:
    """Admin actions need the token given at start-up, as ``Authorization: Bearer <token>``."""
    expected: str | None = request.app.state.admin_token
    if not expected:
        raise HTTPException(403, "admin actions are disabled: start the reader with --admin-token")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "wrong or missing admin token", headers={"WWW-Authenticate": "Bearer"})


def build_api_router() -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/articles", response_model=list[ArticleSummary], tags=["articles"])
    def list_articles(request: Request, outlet: str | None = None, channel: str | None = None,
                      limit: Annotated[int, Query(ge=1, le=500)] = 50,
                      offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> list[ArticleSummary]:
        """Newest first, optionally of one outlet or channel. An outlet typed in the other script or by an alias
        (德國之聲, "DW") gives the stored spelling's articles, as the reader's pages and search do."""
        store = store_of(request)
        query = ArticleQuery(outlet=as_stored(store, outlet) if outlet else outlet, channel=channel, limit=limit,
                             offset=offset)
        return [summary_of(a, root_of(request)) for a in store.iter_articles(query)]

    @router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
    def get_article(request: Request, article_id: str) -> ArticleDetail:
        store = store_of(request)
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        root = root_of(request)

        def image_url(src: str) -> str | None:  # the mirrored copy, under the prefix
            local: str | None = request.app.state.images.url_for(src)
            return root + local if local else None

        return ArticleDetail(**summary_of(article, root).model_dump(), authors=article.authors, tags=article.tags,
                             summary=article.summary, body_text=article.body_text,
                             body_html=clean_html(article.body_html, image_url, article.title),
                             versions=len(versions_shown(store, article_id)), story_id=store.story_of(article_id))

    @router.get("/search", response_model=SearchResults, tags=["search"])
    def search(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)], outlet: str = "",
               since: date | None = None, until: date | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 20,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> SearchResults:
        """Titles and bodies, either script; words of two or more characters match as written,
        several words must all occur, "quotes" keep a phrase together, -word excludes.
        Title matches first, then newest first (then by id); ``total`` counts every match.
        ``since`` and ``until`` are days in UTC+8, the zone every time is shown in; ``until`` includes that whole day."""
        store = store_of(request)
        query = search_query(q, as_stored(store, outlet), since, until, limit=limit, offset=offset)
        hits = store.search(query)
        return SearchResults(query=q, total=store.count_search(query), hits=[SearchResult(article=summary_of(h.article, root_of(request)), score=h.score,
                                                         snippet=h.snippet) for h in hits])

    @router.get("/stories", response_model=list[StorySummary], tags=["stories"])
    def list_stories(request: Request, min_outlets: Annotated[int, Query(ge=1, le=1000)] = 2,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50,
                     offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> list[StorySummary]:
        """Newest stories reported by at least ``min_outlets`` outlets; ``offset`` pages back."""
        store = store_of(request)
        return [story_summary(store, s.id, root_of(request))
                for s in store.list_stories(min_outlets=min_outlets, limit=limit, offset=offset)]

    @router.get("/stories/{story_id}", response_model=StorySummary, tags=["stories"])
    def get_story(request: Request, story_id: str) -> StorySummary:
        store = store_of(request)
        if store.get_story(story_id) is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return story_summary(store, story_id, root_of(request))

    @router.get("/stories/{story_id}/comparison", response_model=StoryComparison, tags=["stories"])
    def get_story_comparison(request: Request, story_id: str,
                             outlet: Annotated[list[str] | None, Query(max_length=MAX_COMPARED_OUTLETS)] = None,
                             ) -> StoryComparison:
        """What the story page and `newsmirror stories show` compare, as data (the shape of `stories show --json`):
        the reports, then every fact with each outlet's sentence as written, shared, partial, then each outlet's
        own. ``outlet`` (repeat it, two or more of the story's outlets; the other script or an alias is taken)
        compares only those, computed on request and never stored, as the story page's choice does."""
        store = store_of(request)
        if store.get_story(story_id) is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        chosen = None
        if outlet:
            first = story_view(store, story_id, None, with_absent=False)  # its outlets only
            assert first is not None
            reporting = first.outlets
            chosen = list(dict.fromkeys(spelt_as_among(store, outlet, reporting)))
            if len(chosen) < 2 or any(name not in reporting for name in chosen):
                # The story page falls back to every outlet; data for a notebook must not quietly be another set.
                raise HTTPException(422, "compare at least two of the outlets with their own report in this story ("
                                         + ", ".join(first.outlets) + "); got " + ", ".join(outlet))
        view = story_view(store, story_id, chosen)
        assert view is not None
        if view.too_many:
            # Not stored, and more reports, or more text, than the reader compares on request (web.comparison,
            # safety73, safety74). Not 503 ("try later"): nothing changes by waiting, and a client or proxy retrying
            # on 503 retried for nothing. A chosen set: the request must change (422, as a wrong choice above); the
            # whole story: the store's state refuses it until an operator runs `stories compare` (409). Every outlet
            # chosen is the whole story (``view.chosen`` None: a stored comparison answers it), as the page says.
            bound = (f"{view.too_long:,} characters, and the reader compares at most {MAX_CHARS_ON_REQUEST:,}"
                     if view.too_long else f"the reader compares at most {MAX_REPORTS_ON_REQUEST}")
            raise HTTPException(422 if view.chosen else 409,
                                f"the comparison of these {view.too_many} reports is not stored ({bound} on "
                                "request): " + ("choose fewer outlets" if view.chosen else
                                                "`newsmirror stories compare` on the store stores it"))
        several = len(view.outlets) > 1  # one outlet's reports: nothing to compare, as `stories show` says
        on_request = several and view.pending  # a chosen subset, or a stored one missing or stale (the reader only reads)
        try:
            comparison = finish_comparison(store, view) if several else None
        except ComparingBusy:
            raise HTTPException(503, "the reader is computing as many comparisons on request as it runs at once; "
                                     "try again later (a stored comparison is always answered)",
                                headers={"Retry-After": str(RETRY_AFTER_SECONDS)}) from None
        return story_comparison(story_id, view.story.title, view.articles, view.duplicates, comparison,
                                on_request=on_request, absent=view.absent)

    @router.post("/admin/reindex", response_model=AdminResult, tags=["admin"])
    def reindex(request: Request, authorization: Annotated[str | None, Header()] = None) -> AdminResult:
        """Rebuild the search index (after the alias table changed). Needs the admin token."""
        require_admin(request, authorization)
        store = store_of(request)
        rebuild = getattr(store, "rebuild_search_index", None)
        if rebuild is None:
            raise HTTPException(501, f"{type(store).__name__} cannot rebuild its search index")
        return AdminResult(done="reindex", articles=int(rebuild()))

    return router


def story_summary(store: Store, story_id: str, root: str = "") -> StorySummary:
    story = store.get_story(story_id)
    assert story is not None
    articles = [a for a in (store.get_article(i) for i in story.article_ids) if a is not None]
    return StorySummary(id=story.id, title=story.title, articles=[summary_of(a, root) for a in articles])

