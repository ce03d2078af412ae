"""App factory and the HTML pages. Read-only: the only writes are admin actions behind a token."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import URL
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import NotModifiedResponse

from newsmirror.model import Article
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.content import grid_parts, readable_url, reports_by_outlet, story_summary
from newsmirror.publish.feeds import FEED_WORDS, feed_title
from newsmirror.publish.front import SIZES_READ, front_stories, reported_span
from newsmirror.publish.labels import STORY_LABELS
from newsmirror.publish.safe import http_url
from newsmirror.publish.site import LABELS as SITE_LABELS
from newsmirror.publish.site import REPORTS_OPEN
from newsmirror.store import ArticleQuery, Store, as_stored, outlet_names, search_query
from newsmirror.store.base import title_script
from newsmirror.store.changes import versions_shown
from newsmirror.stories.quoted import quotation_rests
from newsmirror.text import times
from newsmirror.text.search_key import MAX_PHRASES, MAX_QUERY_WORDS, MAX_SINGLE_CHARACTERS, parse_query
from newsmirror.web import render
from newsmirror.web.api import build_api_router
from newsmirror.web.changes import add_change_pages, change_status
from newsmirror.web.comparison import (
    RETRY_AFTER_SECONDS,
    claim_comparing,
    finish_comparison,
    release_comparing,
    story_view,
)
from newsmirror.web.docs import DOCS_PATH, DOCS_POLICY, add_docs
from newsmirror.web.feeds import articles_feed, search_feed
from newsmirror.web.guard import (
    MAX_COMPARED_OUTLETS,
    MAX_PAGE,
    MAX_QUERY_CHARS,
    CodedFileValidators,
    HeadAsGet,
    InputHygiene,
    public_base_url,
    typed_text,
)
from newsmirror.web.guard import public_url as public_request_url
from newsmirror.web.images import ROUTE as IMAGES_ROUTE
from newsmirror.web.images import LocalImages
from newsmirror.web.render import SCRIPT_COOKIE, display_script
from newsmirror.web.root import PathPrefix, name_of_segment, name_segment, root_of, root_path_of, route_path

HERE = Path(__file__).parent
LOG = logging.getLogger(__name__)
# Where a streamed page (``streamed_page``) sends what it has so far: a template writes it just before its slow
# part. An HTML comment, so that it would be harmless if it ever reached a page.
FLUSH = "<!-- newsmirror:flush -->"
SHARED_STYLE = Path(str(resources.files("newsmirror.publish") / "templates" / "style.css"))
SHARED_ICON = Path(str(resources.files("newsmirror.publish") / "templates" / "favicon.ico"))
SITE_TITLE = BuildOptions().site_title  # the static site's name: one product, one name
PAGE_SIZE = 30
REPORT_TITLE_LEVEL = 3  # a story page's report title: an h3 under the h2 报道, as on the static site (polish70)
FRONT_STORIES = 10  # stories on the front page: the biggest recent ones, then the newest (publish.front)
STORIES_PAGE_SIZE = 50  # /stories: a page of stories, then 较旧 (the whole archive has thousands)
# A story page shows its reports' full text open up to this many characters in all, closed (one click) above: ~30
# screens of a phone at 390 px. 4 % of the 600 newest stories of 2+ outlets of session 52's store are longer (median
# 2,000, 95th percentile 16,600); 川普確診's 117 reports made a page 232,000 px tall (reader79).
REPORTS_OPEN_CHARS = 20_000
# The bounds of one query (text.search_key), as the search help states them: the numbers in one place.
QUERY_BOUNDS = SimpleNamespace(words=MAX_QUERY_WORDS, singles=MAX_SINGLE_CHARACTERS, phrases=MAX_PHRASES)
# The 404 title is the static site's 404.html's (one wording); the hint differs: only the reader has a search box.
ERROR_TITLES = {400: "请求有误", 403: "不允许访问", 404: SITE_LABELS["not_found"], 405: "不支持这种请求方式",
                413: "请求太大", 500: "服务器出错了", 503: "现在太忙"}
ERROR_HINTS = {404: "这个地址没有页面：链接可能有误，或者文章已不在本站。可以回首页，或用上面的搜索框找。",
               405: "这个地址只能用浏览器打开（GET）。", 500: "请稍后再试。"}
STATUS_PHRASES = {status.phrase for status in HTTPStatus}
FIELD_NAMES = {"since": "起始日期", "until": "结束日期"}


class WithNames(str):
    """An error message of our words around what a reader typed or an outlet named (an outlet, a channel, a date
    field's text): the plain string is the message in Simplified (the JSON ``detail``); the error page converts the
    words as interface (Taiwan's phrases under 繁) and the names by characters only. Converted whole, a typed 信息时报
    read 資訊時報 (polish72's leftover, polish73)."""

    template: str
    names: dict[str, str]

    def __new__(cls, template: str, **names: str) -> WithNames:
        made = super().__new__(cls, template.format(**names))
        made.template, made.names = template, names
        return made

    def shown(self, script: render.DisplayScript) -> str:
        return render.interface_text(self.template, script).format(
            **{key: render.convert_text(name, script) for key, name in self.names.items()})
# Scripts: only files served by this reader from its package (static/keys.js, the keyboard
# shortcuts); no inline code, nothing from another host. Stored text never becomes a file here.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; object-src 'none'; style-src 'self'; img-src 'self' data:; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def create_app(store: Store, *, admin_token: str | None = None, public_url: str | None = None,
               images: Path | None = None, root_path: str | None = None) -> FastAPI:
    """The reader over ``store``. Without ``admin_token`` every admin action is refused.
    ``public_url`` is the address feeds link to (default: the address the server listens on);
    ``images`` a build's image cache (``OUT/.cache/images``): its copies are shown, no other image.
    ``root_path``: the path prefix it is served under (web.root); default: ``public_url``'s path."""
    app = FastAPI(
        title="newsmirror reader",
        description="Read, search and compare mirrored Chinese-language news. Read-only.",
        version="0.1.0",
        redirect_slashes=False,  # InputHygiene redirects, without echoing the Host header
        docs_url=None, redoc_url=None,  # /docs is served from packaged assets (newsmirror.web.docs)
    )
    app.state.store = store
    app.state.admin_token = admin_token or None
    app.state.public_url = public_url or None
    app.state.images = local_images = LocalImages(images)
    app.add_middleware(InputHygiene)
    # Pages compressed for a browser that asks (every one does): the readers are on slow and filtered links, and a
    # big story's page is ~1.1 MB of HTML, ~0.29 MB gzipped (reader79: 117 reports, 20 s to load on Slow 3G). Nothing
    # secret is ever in a page (the admin token comes in a header and is never echoed), so compressing pages that
    # echo a search is no BREACH-style leak. Starlette >= 1.5 flushes each streamed part (pyproject): a story page's
    # first part (it says what is being compared) still arrives before the comparison is computed. Added before
    # HeadAsGet, so inside it: a HEAD is compressed as its GET is and says the same Content-Encoding, Vary and length
    # (review59: it said neither, and the uncompressed length, to a cache freshening the GET it stored).
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(CodedFileValidators, images=IMAGES_ROUTE + "/")  # weak file ETags, no gzip'd ranges (review59)
    app.add_middleware(HeadAsGet)  # HEAD as GET, headers only (monitors, link checkers, curl -I)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters.update(times.FILTERS)  # one display zone, shown (newsmirror.text.times)
    # An original URL is whatever a feed's item link or an archive's `from:` said (javascript:, data:, vbscript: too):
    # a page links it only when it is http(s), as the built pages do (publish.content.make_entry); else it is text.
    templates.env.filters["http_url"] = http_url
    templates.env.filters["readable_url"] = readable_url  # the address's words for the eye; the href keeps its escapes
    templates.env.filters["segment"] = name_segment  # an outlet's or channel's name in a link (web.root)
    templates.env.globals["reported"] = reported_span  # when a story was reported: the static site's words too
    templates.env.globals["grid_parts"] = grid_parts  # a comparison's parts and counts, as the static site's page shows them

    @app.get("/favicon.ico", include_in_schema=False)
    def icon(request: Request) -> Response:
        # Browsers ask every site for /favicon.ico (a 404 was a Chromium console error on each first visit):
        # the static site's icon, as its stylesheet is.
        return shared_file(request, SHARED_ICON, "image/x-icon")

    @app.get("/static/style.css", include_in_schema=False)
    def stylesheet(request: Request) -> Response:
        # One design: the static site's stylesheet (publish comes before web; web may read it).
        return shared_file(request, SHARED_STYLE, "text/css; charset=utf-8")

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(build_api_router())

    @app.middleware("http")
    async def remember_script_and_harden(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        chosen = request.query_params.get("script")
        if chosen in render.DISPLAY_SCRIPTS:
            # Under a prefix the cookie is this reader's only, not every site on the host.
            response.set_cookie(SCRIPT_COOKIE, chosen, max_age=365 * 86400, samesite="lax", httponly=True,
                                path=root_of(request) + "/")
        # No page needs inline scripts, frames or anything from another host; images are the locally
        # mirrored copies only (body HTML is rewritten; this is the second line of defence).
        # The API browser at /docs runs the packaged Swagger UI and nothing else.
        response.headers.setdefault("Content-Security-Policy",
                                    DOCS_POLICY if route_path(request) == DOCS_PATH else PAGE_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # frame-ancestors above says it to browsers that read CSP; this to those that do not (no page of the reader
        # may be framed by another site: a framed page can be overlaid to trick a click).
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    # Added last, so outermost: every other part (the middleware above too) sees the prefix in
    # root_path and the full path under it.
    app.add_middleware(PathPrefix, root_path=root_path_of(public_url) if root_path is None else root_path)

    def page_context(request: Request, context: dict[str, Any]) -> dict[str, Any]:
        script = display_script(request)
        toggles = [(render.SCRIPT_LABELS[s], relative(request.url.include_query_params(script=s)), s == script)
                   for s in render.DISPLAY_SCRIPTS]
        context.update(
            root=root_of(request),  # every link starts with it: "" at the site's root, "/news" under a prefix
            script=script, t=lambda text, source="": render.convert_text(text or "", script, source), src=render.source_script, toggles=toggles,
            ui=lambda text: render.interface_text(text or "", script),  # our own words; t(): what outlets wrote
            lang=lambda source="": render.lang_attribute(script, source),  # a report's script, marked on 原文 pages
            feed=lambda url: render.with_script(url, script),  # a feed link carries the choice: feed readers have no cookie
            outlets=outlet_names(store),
            L=STORY_LABELS,  # a story page's headings and words, the static site's too (publish.labels; polish68)
            zone_note=times.ZONE_NOTE, zone_label=times.ZONE_LABEL, site_title=SITE_TITLE, flush=FLUSH,
        )
        return context

    def own_reports(story_ids: list[str]) -> dict[str, int]:
        """Each story's own reports, as its page counts them (各家报道 (N)): a republished copy, listed apart under 转载,
        is not one (polish68: a story of one report and its copy was "2 篇" in the lists, one report on its page)."""
        return {story_id: len(found) for story_id, found in store.story_report_hashes(story_ids).items()}

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, page_context(request, context), status_code=status_code)

    def streamed_page(request: Request, name: str, done: Callable[[], None] = lambda: None,
                      **context: Any) -> StreamingResponse:
        """A page sent in two parts: up to the template's ``flush`` at once (it says what is being computed),
        the rest when it is computed. The browser shows the first part as it arrives: plain HTML, where the
        page policy lets no script fetch the slow part later. ``done`` runs once the page is sent or given up."""
        template = templates.get_template(name)
        values = page_context(request, {"request": request, **context})

        def parts() -> Iterator[bytes]:
            sent: list[str] = []
            try:
                for piece in template.generate(values):
                    if FLUSH in piece:
                        # str.join, not +: a piece may be Markup, whose + escapes the plain text before it.
                        before, after = piece.split(FLUSH, 1)
                        yield "".join([*sent, before]).encode("utf-8")
                        sent = [after]
                    else:
                        sent.append(piece)
            except Exception:
                # The status line is gone already: end the page with a sentence instead of cutting it off.
                LOG.exception("rendering %s failed", request.url.path)
                sent = [f'<p class="error">{ERROR_TITLES[500]}：{ERROR_HINTS[500]}</p></main></body></html>']
            finally:
                done()
            yield "".join(sent).encode("utf-8")

        return StreamingResponse(parts(), media_type="text/html; charset=utf-8")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request,
             page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
        articles, more = latest_page(store, ArticleQuery(), page_number)
        # The biggest recent stories first, then the newest, as on the static site's front page (publish.front).
        front = front_stories(store.story_sizes(min_outlets=2, limit=SIZES_READ), total=FRONT_STORIES)
        top, stories = ([s for s in map(store.get_story, ids) if s is not None] for ids in (front.biggest, front.newest))
        # When each was reported and its title's script, as /stories says them: one statement each for the list.
        listed = [s.id for s in [*top, *stories]]
        return page(request, "list.html", heading="最新", heading_ours=True, articles=articles, top_stories=top, stories=stories,
                    spans=store.story_spans(listed), titles=store.story_title_scripts(listed), reports=own_reports(listed),
                    page_number=page_number, more=more, feed_url=root_of(request) + "/atom.xml")

    @app.get("/outlet/{outlet}", response_class=HTMLResponse, include_in_schema=False)
    def by_outlet(request: Request, outlet: str,
                  page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
        outlet = name_of_segment(outlet)
        articles, more = latest_page(store, ArticleQuery(outlet=outlet), page_number)
        if not articles and (stored := as_stored(store, outlet)) != outlet:
            outlet = stored
            articles, more = latest_page(store, ArticleQuery(outlet=outlet), page_number)
        if not articles and page_number == 1:
            raise HTTPException(404, WithNames("没有来自“{outlet}”的文章。", outlet=outlet))
        return page(request, "list.html", heading=outlet, articles=articles, stories=[], page_number=page_number,
                    more=more, feed_url=f"{root_of(request)}/outlet/{name_segment(outlet)}/atom.xml")

    @app.get("/channel/{channel}", response_class=HTMLResponse, include_in_schema=False)
    def by_channel(request: Request, channel: str,
                   page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
        channel = name_of_segment(channel)
        articles, more = latest_page(store, ArticleQuery(channel=channel), page_number)
        if not articles and page_number == 1:
            raise HTTPException(404, WithNames("栏目“{channel}”里没有文章。", channel=channel))
        return page(request, "list.html", heading=channel, articles=articles, stories=[], page_number=page_number,
                    more=more)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"没有编号为 {article_id} 的文章。")
        script = display_script(request)
        source = render.source_script(article)
        body = (render.body_markup(article.body_html, script, image_urls(request), source, article.title,
                                   local_images.size_of)
                if article.body_html
                else render.text_markup(article.body_text, script, source))
        # Versions a reader can tell apart (not ones differing in whitespace or seconds only), as the API counts
        # them. Their numbers are in time order, and the page shows each at Version.as_of (when its copy was
        # observed, not stored), as `newsmirror history` and the history page do.
        versions = versions_shown(store, article_id)
        return page(request, "article.html", article=article, body=body, versions=versions,
                    story_id=store.story_of(article_id), change_status=change_status(store, article_id))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request,
                     min_outlets: Annotated[int, Query(ge=1, le=50)] = 2,
                     page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
        # One page more than shown tells whether there is a next page.
        stories = store.list_stories(min_outlets=min_outlets, limit=STORIES_PAGE_SIZE + 1,
                                     offset=(page_number - 1) * STORIES_PAGE_SIZE)
        shown = stories[:STORIES_PAGE_SIZE]
        # When each was reported, first and last (one statement for the page): a list of titles alone did not say
        # whether a story was of this morning or of last month (reader79).
        return page(request, "stories.html", stories=shown, spans=store.story_spans([s.id for s in shown]),
                    reports=own_reports([s.id for s in shown]),
                    titles=store.story_title_scripts([s.id for s in shown]),
                    min_outlets=min_outlets, page_number=page_number, more=len(stories) > STORIES_PAGE_SIZE)

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str,
                   outlet: Annotated[list[str] | None, Query(max_length=MAX_COMPARED_OUTLETS)] = None,
                   ) -> Response:
        view = story_view(store, story_id, outlet)
        if view is None:
            raise HTTPException(404, f"没有编号为 {story_id} 的新闻。")
        script = display_script(request)
        # A report's own headings nest under its title, an h3 under 报道 (render.nested_headings; polish70).
        bodies = {a.id: (render.nested_headings(render.body_markup(a.body_html, script, image_urls(request),
                                                                   render.source_script(a), a.title,
                                                                   local_images.size_of), REPORT_TITLE_LEVEL)
                         if a.body_html else render.text_markup(a.body_text, script, render.source_script(a)))
                  for a in view.articles}
        # A comparison's sentences are converted by the script of the report they come from.
        scripts = {a.outlet: render.source_script(a) for a in view.articles}
        # A unit leaving a quotation open is shown with the quotation's rest from its report (display only).
        texts = {a.id: a.body_text for a in view.articles}
        # The title is one of its reports' (grouping): written, and marked on 原文, in that report's script as stored,
        # else as the title tells, the rule of /stories and the home page (store.base.title_script), not the report's
        # title and text (render.source_script): a title stored "und" was marked here and not in the lists (review61).
        title_lang = title_script(view.story.title, [(a.title, a.script) for a in view.articles])
        context: dict[str, Any] = {"view": view, "bodies": bodies, "scripts": scripts, "title_lang": title_lang,
                   "reports_chars": sum(len("".join(a.body_text.split())) for a in view.articles), "reports_open_chars": REPORTS_OPEN_CHARS,
                   # A big story's contents name its outlets with their counts, as the static site's (REPORTS_OPEN):
                   # 50 numbered entries came before the page's sections (session 60's note).
                   "by_outlet": reports_by_outlet(view.articles) if len(view.articles) > REPORTS_OPEN else [],
                   "compare": lambda: finish_comparison(store, view), "summary": story_summary,
                   "rests": lambda comparison: quotation_rests(comparison, texts)}
        if view.pending:
            # A place among the reader's on-request comparisons first: a streamed page's status is sent at once.
            if not claim_comparing(view):
                raise HTTPException(503, "正在现场对比的请求太多，请稍后再试（已存的对比不受影响）。",
                                    headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
            # Choosing outlets computes their comparison (the process's first loads its tables, ~2 s): the page
            # comes at once, saying so, and the comparison follows (it paused with nothing shown).
            return streamed_page(request, "story.html", done=lambda: release_comparing(view), **context)
        return page(request, "story.html", **context)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
        outlet: str = "",
        since: str = "",
        until: str = "",
        page_number: Annotated[int, Query(alias="page", ge=1, le=500)] = 1,
    ) -> HTMLResponse:
        # Dates come from a form: an empty field means no limit, a bad one gets a readable page.
        since_day, until_day = form_date(since, "since"), form_date(until, "until")
        outlet = as_stored(store, outlet)
        query = search_query(q, outlet, since_day, until_day, limit=PAGE_SIZE,
                             offset=(page_number - 1) * PAGE_SIZE)
        hits = store.search(query) if q.strip() else []
        total = store.count_search(query) if q.strip() else 0
        parsed = parse_query(q)
        # The search as the page understood it, its empty fields left out: the filter form sends since= and until=
        # empty, which the page reads as no limit and the feed (typed dates, as /api/search) refused with a 422.
        asked = {"q": q, "outlet": outlet, "since": since_day.isoformat() if since_day else "",
                 "until": until_day.isoformat() if until_day else ""}
        feed_url = f"{root_of(request)}/search.atom?{urlencode({k: v for k, v in asked.items() if v})}"
        return page(request, "search.html", q=q, outlet=outlet, since=since_day, until=until_day, hits=hits,
                    total=total, parsed=parsed, highlight=render.highlight, page_number=page_number,
                    page_size=PAGE_SIZE, feed_url=feed_url, bounds=QUERY_BOUNDS)

    @app.get("/search.atom", include_in_schema=True, tags=["feeds"],
             summary="Atom feed of a search (same parameters as /api/search)")
    def search_atom(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)], outlet: str = "",
                    since: date | None = None, until: date | None = None,
                    limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
        hits = store.search(search_query(q, as_stored(store, outlet), since, until, limit=limit))
        base = public_base_url(request, app.state.public_url)

        def image_url(src: str) -> str | None:
            local = local_images.url_for(src)
            return base + local if local else None

        body = search_feed(q, hits, site_title=SITE_TITLE, self_url=public_request_url(request, app.state.public_url),
                           base_url=base + "/", image_url=image_url, script=display_script(request))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    def image_urls(request: Request) -> render.ImageURL:
        """Mirrored images on this page's links (under the prefix, if any)."""
        root = root_of(request)

        def url_for(src: str) -> str | None:
            local = local_images.url_for(src)
            return root + local if local else None

        return url_for

    def feed_response(request: Request, title: str, subtitle: str, articles: list[Article], page_path: str, *,
                      ours: bool = False, name: str = "") -> Response:
        """``title``: an outlet's name or a story's title, or our own word when ``ours``; ``subtitle``: our words, naming
        ``name`` (an outlet) where it says {name}. Ours in the interface's words (render.interface_text), theirs as
        the pages show them (render.convert_text)."""
        base = public_base_url(request, app.state.public_url)
        script = display_script(request)
        shown_title = render.interface_text(title, script) if ours else render.convert_text(title, script)
        shown_subtitle = render.interface_text(subtitle, script).format(name=render.convert_text(name, script))

        def image_url(src: str) -> str | None:
            local = local_images.url_for(src)
            return base + local if local else None

        body = articles_feed(feed_title(render.convert_text(SITE_TITLE, script), shown_title), shown_subtitle,
                             articles, self_url=public_request_url(request, app.state.public_url),
                             page_url=base + page_path, base_url=base + "/", image_url=image_url, script=script)
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    @app.get("/atom.xml", tags=["feeds"], summary="Atom feed of the latest articles")
    def latest_feed(request: Request) -> Response:
        return feed_response(request, FEED_WORDS["latest"], FEED_WORDS["latest_about"], latest(store, ArticleQuery(), 1),
                             "/", ours=True)

    @app.get("/outlet/{outlet}/atom.xml", tags=["feeds"], summary="Atom feed of one outlet's latest articles",
             description="`outlet`: the name as one path segment, URL-quoted after writing `~` `/` `%` as `~7E` `~2F` "
                         "`~25` (and each `.` of a name of dots only as `~2E`); the outlet pages link their feed so.")
    def outlet_feed(request: Request, outlet: str) -> Response:
        outlet = name_of_segment(outlet)
        articles = latest(store, ArticleQuery(outlet=outlet), 1)
        if not articles and (stored := as_stored(store, outlet)) != outlet:
            outlet = stored
            articles = latest(store, ArticleQuery(outlet=outlet), 1)
        if not articles:
            raise HTTPException(404, WithNames("没有来自“{outlet}”的文章。", outlet=outlet))
        return feed_response(request, outlet, FEED_WORDS["listing_about"], articles, f"/outlet/{name_segment(outlet)}",
                             name=outlet)

    @app.get("/story/{story_id}/atom.xml", tags=["feeds"], summary="Atom feed of one story's reports")
    def story_feed(request: Request, story_id: str) -> Response:
        view = story_view(store, story_id, None, with_absent=False)  # a feed of reports: no comparison
        if view is None:
            raise HTTPException(404, f"没有编号为 {story_id} 的新闻。")
        newest_first = sorted(view.articles, key=lambda a: a.published_at or a.fetched_at, reverse=True)
        return feed_response(request, view.story.title, FEED_WORDS["story_about"], newest_first, f"/story/{story_id}")

    add_change_pages(app, store, page)  # /article/{id}/history, /changes, /changes.atom
    add_docs(app)  # /docs from packaged Swagger UI files

    @app.get(IMAGES_ROUTE + "/{name}", include_in_schema=False)
    def mirrored_image(name: str) -> FileResponse:
        path = local_images.path_of(name)
        if path is None:
            raise HTTPException(404, "本站没有这张图片的副本。")
        return FileResponse(path, media_type="image/png" if name.endswith(".png") else "image/jpeg",
                            headers={"Cache-Control": "public, max-age=604800, immutable"})

    def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
        """Error pages in the reader's language: a heading by status, what went wrong, a way on.
        Starlette's own English phrases ("Not Found") are replaced by a sentence a reader can use."""
        if message in STATUS_PHRASES:
            message = ERROR_HINTS.get(status_code, "")
        heading = ERROR_TITLES.get(status_code, "出错了")
        script = display_script(request)
        shown = message.shown(script) if isinstance(message, WithNames) else render.interface_text(message, script)
        # Our words around what the request named: a story's or an article's id from the path ("没有编号为 … 的新闻。")
        # is echoed as typed (the middleware cleans the query, not the path), and a bidi override in it reordered our
        # words after it, as a typed outlet's did (safety73). No message of ours, nor a stored name, needs one
        # (model.clean_line), so none is shown (review57).
        return page(request, "error.html", status_code=status_code, heading=heading, message=typed_text(shown))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if route_path(request).startswith("/api/") or route_path(request).endswith((".atom", ".json", ".xml")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        detail = exc.detail
        answer = error_page(request, exc.status_code, detail if isinstance(detail, WithNames) else str(detail))
        answer.headers.update(exc.headers or {})  # Retry-After of a 503 on a page as in the API's JSON
        return answer

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        if route_path(request).startswith("/api/") or route_path(request).endswith((".atom", ".json", ".xml")):
            return await request_validation_exception_handler(request, exc)  # FastAPI's 422 JSON
        problems = "; ".join(f"{'.'.join(str(p) for p in error.get('loc', ())[1:])}: {error.get('msg', '')}"
                             for error in exc.errors())
        return error_page(request, 400, f"参数不对：{problems}")

    return app


def shared_file(request: Request, path: Path, media_type: str) -> Response:
    """A packaged file, or 304 Not Modified when the browser's copy is current: ``If-None-Match`` (the ETag it was
    given, weak or not) or ``If-Modified-Since``, as the ``/static`` mount answers. A route's ``FileResponse`` answered
    every revalidation of the style sheet with the whole file again (review59)."""
    answer = FileResponse(path, media_type=media_type, stat_result=os.stat(path))
    if asked := request.headers.get("if-none-match"):
        # Weak comparison (RFC 9110 13.1.2): the browser holds W/"…" (CodedFileValidators), the file's tag is "…".
        current = answer.headers["etag"].removeprefix("W/")
        fresh = asked.strip() == "*" or current in [tag.strip().removeprefix("W/") for tag in asked.split(",")]
    else:
        since = parsedate_to_datetime_or_none(request.headers.get("if-modified-since", ""))
        modified = parsedate_to_datetime_or_none(answer.headers["last-modified"])
        fresh = since is not None and modified is not None and since >= modified
    return NotModifiedResponse(answer.headers) if fresh else answer


def parsedate_to_datetime_or_none(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed and parsed.tzinfo is None else parsed  # "-0000": UTC, said naive


def form_date(value: str, name: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, WithNames(FIELD_NAMES.get(name, name) + "：“{value}”不是日期，请写成 YYYY-MM-DD（如 2024-05-01）。",
                                        value=value)) from None


def relative(url: URL) -> str:
    """Path and query only: links must not carry the host the request happened to name."""
    return url.path + (f"?{url.query}" if url.query else "")


def latest(store: Store, query: ArticleQuery, page_number: int) -> list[Article]:
    query.limit = PAGE_SIZE
    query.offset = (page_number - 1) * PAGE_SIZE
    return list(store.iter_articles(query))


def latest_page(store: Store, query: ArticleQuery, page_number: int) -> tuple[list[Article], bool]:
    """A page of the newest articles and whether an older page has any. One article more than shown is read: a
    page that happened to be full (an outlet of exactly 30 articles, 德国之声 over 2020-08-09 and 08-12) offered
    较旧 to a page that said there were no articles yet."""
    query.limit = PAGE_SIZE + 1
    query.offset = (page_number - 1) * PAGE_SIZE
    articles = list(store.iter_articles(query))
    return articles[:PAGE_SIZE], len(articles) > PAGE_SIZE


