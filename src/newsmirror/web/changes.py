"""Reader pages for edits and takedowns: an article's history with diffs, the change log, its feed.

Registered by ``create_app`` through :func:`add_change_pages`; the data, diffs and the feed
come from :mod:`newsmirror.store.changes` (shared with the static site).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from newsmirror.model import utcnow
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.feeds import CHANGE_FEEDS, FEED_WORDS, feed_title
from newsmirror.store import Store
from newsmirror.store.changes import (
    WORDING,
    ArticleEvent,
    EventKind,
    KeptVersions,
    changes_feed,
    event_reason,
    history,
    kept_versions,
)
from newsmirror.web.guard import public_base_url, public_url
from newsmirror.web.render import convert_text, display_script, interface_text, with_script
from newsmirror.web.root import root_of

KIND_LABELS = {"edited": "修改", "deleted": "删除", "restored": "恢复", "first_seen": "首次收录"}
PageRenderer = Callable[..., HTMLResponse]


@dataclass(slots=True)
class ChangeStatus:
    """What the article page says about the original: taken down (since when), edits seen."""

    deleted: bool
    deleted_at: datetime | None
    detail: str  # why it counts as taken down, in the reader's language (event_reason)
    edits: int


def change_status(store: Store, article_id: str) -> ChangeStatus | None:
    """None when nothing happened to the article (or the store does not track edits)."""
    try:
        events = store.article_events(article_id)
    except NotImplementedError:
        return None
    if not events:
        return None
    status = [e for e in events if e.kind in (EventKind.DELETED, EventKind.RESTORED)]
    last: ArticleEvent | None = status[-1] if status else None
    deleted = last is not None and last.kind is EventKind.DELETED
    return ChangeStatus(deleted=deleted, deleted_at=last.seen_at if deleted and last else None,
                        detail=event_reason(last) if deleted and last else "",
                        edits=sum(1 for e in events if e.kind is EventKind.EDITED))


def _kinds(kind: str) -> list[EventKind]:
    if kind in ("", "all"):
        return list(EventKind)
    try:
        return [EventKind(kind)]
    except ValueError:
        raise HTTPException(400, f"没有“{kind}”这种类型：可用 edited、deleted、restored 或 all。") from None


def add_change_pages(app: FastAPI, store: Store, page: PageRenderer) -> None:
    """/article/{id}/history, /changes and /changes.atom."""

    @app.get("/article/{article_id}/history", response_class=HTMLResponse, include_in_schema=False)
    def article_history(request: Request, article_id: str) -> HTMLResponse:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"没有编号为 {article_id} 的文章。")
        items = history(store.versions(article_id), store.article_events(article_id))
        # Newest first; the diff HTML is built from escaped text by newsmirror.text.diff.
        steps = [(item, Markup(item.diff.to_html()) if item.diff else None) for item in reversed(items)]  # noqa: S704
        return page(request, "history.html", article=article, steps=steps,
                    labels=KIND_LABELS, check=store.get_check_state(article_id),
                    status=change_status(store, article_id))

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def change_log(request: Request, kind: str = "all", outlet: str = "",
                   days: Annotated[int, Query(ge=0, le=3650)] = 30) -> HTMLResponse:
        since = utcnow() - timedelta(days=days) if days else None
        entries = store.recent_changes(_kinds(kind), outlet=outlet or None, since=since, limit=200)
        counts = store.change_counts(since)
        # Versions an import or a fetch kept: edited articles to `newsmirror stats` but no recorded event, named
        # apart as `newsmirror changes` names them (a demo store's log was empty while stats said 1 edited).
        kept = kept_versions(store, outlet=outlet or None) if kind in ("", "all", "edited") else KeptVersions(0)
        feed_query = "&".join(part for part in (f"kind={kind}" if kind != "all" else "",
                                                 f"outlet={outlet}" if outlet else "") if part)
        return page(request, "changes.html", entries=entries, counts=counts, kind=kind, outlet_filter=outlet,
                    days=days, kept=kept, wording=WORDING, labels=KIND_LABELS,
                    feed_url=f"{root_of(request)}/changes.atom" + (f"?{feed_query}" if feed_query else ""))

    @app.get("/changes.atom", tags=["feeds"], summary="Atom feed of edited, taken-down and restored articles")
    def change_feed(request: Request, kind: str = "all", outlet: str = "",
                    limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
        entries = store.recent_changes(_kinds(kind), outlet=outlet or None, limit=limit)
        base = public_base_url(request, request.app.state.public_url)
        # Titled as every feed of both products (publish.feeds): "中央社 · 被修改的文章 · 新闻镜像".
        what = CHANGE_FEEDS.get(kind, CHANGE_FEEDS["all"])
        # In the script the reader chose, as the pages (web.render.display_script; the static site's converts alike).
        script = display_script(request)

        def shown(text: str) -> str:
            return convert_text(text, script)

        def ours(text: str) -> str:  # our words; shown(): an outlet's (render.interface_text)
            return interface_text(text, script)

        body = changes_feed(entries, title=feed_title(shown(BuildOptions().site_title), shown(outlet), ours(what)),
                            subtitle=ours(FEED_WORDS["changes_about"].format(what=what)),
                            feed_url=public_url(request, request.app.state.public_url),
                            site_url=with_script(f"{base}/changes", script),
                            article_link=lambda e: with_script(f"{base}/article/{e.event.article_id}/history", script),
                            convert=shown if script != "orig" else None, words=ours if script != "orig" else None,
                            language="zh" if script == "orig" else script)  # as web.feeds says the other feeds
        return Response(body, media_type="application/atom+xml; charset=utf-8")

