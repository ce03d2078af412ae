"""App factory and the HTML pages. Read-only: the only writes are admin actions behind a token."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import URL
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsmirror.model import Article
from newsmirror.store import ArticleQuery, Store
from newsmirror.text.search_key import parse_query
from newsmirror.web import render
from newsmirror.web.api import build_api_router, search_query
from newsmirror.web.changes import add_change_pages, change_status
from newsmirror.web.comparison import story_view
from newsmirror.web.feeds import search_feed

HERE = Path(__file__).parent
PAGE_SIZE = 30
SCRIPT_COOKIE = "script"


def create_app(store: Store, *, admin_token: str | None = None) -> FastAPI:
    """The reader over ``store``. Without ``admin_token`` every admin action is refused."""
    app = FastAPI(
        title="newsmirror reader",
        description="Read, search and compare mirrored Chinese-language news. Read-only.",
        version="0.1.0",
    )
    app.state.store = store
    app.state.admin_token = admin_token or None
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(build_api_router())

    @app.middleware("http")
    async def remember_script_and_harden(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        chosen = request.query_params.get("script")
        if chosen in render.DISPLAY_SCRIPTS:
            response.set_cookie(SCRIPT_COOKIE, chosen, max_age=365 * 86400, samesite="lax", httponly=True)
        if request.url.path in ("/docs", "/redoc"):
            return response  # FastAPI's own API browser loads its scripts
        # No page needs scripts, frames or foreign styles; images may come from the outlets.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none'; "
            "img-src 'self' https: data:; style-src 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        script = display_script(request)
        toggles = [(render.SCRIPT_LABELS[s], relative(request.url.include_query_params(script=s)), s == script)
                   for s in render.DISPLAY_SCRIPTS]
        context.update(
            script=script, t=lambda text: render.convert_text(text or "", script), toggles=toggles,
            outlets=outlet_names(store),
        )
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        articles = latest(store, ArticleQuery(), page_number)
        stories = store.list_stories(min_outlets=2, limit=10)
        return page(request, "list.html", heading="最新 Latest", articles=articles, stories=stories,
                    page_number=page_number)

    @app.get("/outlet/{outlet}", response_class=HTMLResponse, include_in_schema=False)
    def by_outlet(request: Request, outlet: str,
                  page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        articles = latest(store, ArticleQuery(outlet=outlet), page_number)
        if not articles and page_number == 1:
            raise HTTPException(404, f"no articles from outlet {outlet!r}")
        return page(request, "list.html", heading=outlet, articles=articles, stories=[], page_number=page_number)

    @app.get("/channel/{channel}", response_class=HTMLResponse, include_in_schema=False)
    def by_channel(request: Request, channel: str,
                   page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        articles = latest(store, ArticleQuery(channel=channel), page_number)
        if not articles and page_number == 1:
            raise HTTPException(404, f"no articles in channel {channel!r}")
        return page(request, "list.html", heading=channel, articles=articles, stories=[], page_number=page_number)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        script = display_script(request)
        body = (render.body_markup(article.body_html, script) if article.body_html
                else render.text_markup(article.body_text, script))
        versions = store.versions(article_id)
        return page(request, "article.html", article=article, body=body, versions=versions,
                    story_id=store.story_of(article_id), change_status=change_status(store, article_id))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request,
                     min_outlets: Annotated[int, Query(ge=1, le=50)] = 2) -> HTMLResponse:
        stories = store.list_stories(min_outlets=min_outlets, limit=100)
        return page(request, "stories.html", stories=stories, min_outlets=min_outlets)

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str,
                   outlet: Annotated[list[str] | None, Query()] = None) -> HTMLResponse:
        view = story_view(store, story_id, outlet)
        if view is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        script = display_script(request)
        bodies = {a.id: (render.body_markup(a.body_html, script) if a.body_html
                         else render.text_markup(a.body_text, script)) for a in view.articles}
        return page(request, "story.html", view=view, bodies=bodies)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: str = "",
        outlet: str = "",
        since: str = "",
        until: str = "",
        page_number: Annotated[int, Query(alias="page", ge=1, le=500)] = 1,
    ) -> HTMLResponse:
        # Dates come from a form: an empty field means no limit, a bad one gets a readable page.
        since_day, until_day = form_date(since, "since"), form_date(until, "until")
        query = search_query(q, outlet, since_day, until_day, limit=PAGE_SIZE,
                             offset=(page_number - 1) * PAGE_SIZE)
        hits = store.search(query) if q.strip() else []
        total = store.count_search(query) if q.strip() else 0
        parsed = parse_query(q)
        feed_url = relative(request.url.replace(path="/search.atom").remove_query_params(["page", "script"]))
        return page(request, "search.html", q=q, outlet=outlet, since=since_day, until=until_day, hits=hits,
                    total=total, parsed=parsed, highlight=render.highlight, page_number=page_number,
                    page_size=PAGE_SIZE, feed_url=feed_url)

    @app.get("/search.atom", include_in_schema=True, tags=["feeds"],
             summary="Atom feed of a search (same parameters as /api/search)")
    def search_atom(request: Request, q: str, outlet: str = "", since: date | None = None,
                    until: date | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
        hits = store.search(search_query(q, outlet, since, until, limit=limit))
        body = search_feed(q, hits, self_url=str(request.url), base_url=str(request.base_url))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    add_change_pages(app, store, page)  # /article/{id}/history, /changes, /changes.atom

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.endswith((".atom", ".json")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(request, "error.html", status_code=exc.status_code, message=str(exc.detail))

    return app


def display_script(request: Request) -> render.DisplayScript:
    """?script= wins (and is remembered in a cookie), then the cookie, then the original."""
    for value in (request.query_params.get("script"), request.cookies.get(SCRIPT_COOKIE)):
        if value in render.DISPLAY_SCRIPTS:
            return cast(render.DisplayScript, value)
    return "orig"


def form_date(value: str, name: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def relative(url: URL) -> str:
    """Path and query only: links must not carry the host the request happened to name."""
    return url.path + (f"?{url.query}" if url.query else "")


def latest(store: Store, query: ArticleQuery, page_number: int) -> list[Article]:
    query.limit = PAGE_SIZE
    query.offset = (page_number - 1) * PAGE_SIZE
    return list(store.iter_articles(query))


def outlet_names(store: Store) -> list[str]:
    groups = store.stats().get("by_outlet")
    return sorted(groups) if isinstance(groups, dict) else []
