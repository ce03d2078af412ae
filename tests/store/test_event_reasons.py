"""What readers are told about an edit, a takedown or a return: built from the event's fields (kind, HTTP status) and
the forms of detail the re-check job has written, in Chinese, for records stored by any release; the stored detail
itself is never rewritten."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree

from newsmirror.model import Article
from newsmirror.store import Store
from newsmirror.store.changes import ArticleEvent, EventKind, changes_feed, event_reason, history

SEEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
D, R, E = EventKind.DELETED, EventKind.RESTORED, EventKind.EDITED

# (kind, stored detail, HTTP status, what a reader is told). Details up to session 45 were English; session 45 wrote
# the last-online note, the return and the edit summary in Chinese; the takedown causes stayed English.
CASES = [
    (D, "HTTP 404 Not Found", 404, "找不到网页（HTTP 404）"),
    (D, "HTTP 410 Gone", 410, "网页已永久删除（HTTP 410）"),
    (D, "HTTP 451 Unavailable For Legal Reasons", 451, "因法律原因无法访问（HTTP 451）"),
    (D, "HTTP 410", None, "网页已永久删除（HTTP 410）"),  # no status field: the stored line names it
    (D, "HTTP 404 Not Found (last seen online 2026-11-19 08:30 UTC)", 404,
     "找不到网页（HTTP 404）；最后一次在线：2026-11-19 16:30 UTC+8"),
    (D, "HTTP 404 Not Found（最后一次在线：2026-11-19 08:30 UTC）", 404,
     "找不到网页（HTTP 404）；最后一次在线：2026-11-19 16:30 UTC+8"),
    (D, "page says '该文章不存在'", 200, "网页显示“该文章不存在”"),
    (D, "page says \"page isn't available\"", 200, "网页显示“page isn't available”"),
    (D, "page says '頁面已刪除'（最后一次在线：2026-11-19 08:30 UTC）", 200,
     "网页显示“頁面已刪除”；最后一次在线：2026-11-19 16:30 UTC+8"),
    (D, "redirected to https://news.example/?from=deleted_article", 200,
     "原网址转到首页或栏目页：https://news.example/?from=deleted_article"),
    (D, "redirected to another page: https://news.example/2026/11/21/a2002.html (last seen online 2026-11-19 08:30 UTC)",
     200, "原网址转到另一网页：https://news.example/2026/11/21/a2002.html；最后一次在线：2026-11-19 16:30 UTC+8"),
    (D, "the page has not shown the article for 3 checks", 200, "连续 3 次访问都不见文章"),
    (D, "no article on the page 3 checks in a row", 200, "连续 3 次访问都不见文章"),  # the first release's words
    (D, "", 404, "找不到网页（HTTP 404）"),
    (D, "", None, "网页已删除"),
    (D, "某种新的原因", 200, "某种新的原因"),  # a form this release does not know: as stored
    (R, "the page is back", 200, "网页已恢复"),
    (R, "网页已恢复", 200, "网页已恢复"),
    (R, "", 200, "网页已恢复"),
    (R, "now at https://news.example/new.html", 200, "网页已恢复，现位于 https://news.example/new.html"),
    (R, "现位于 https://news.example/new.html", 200, "网页已恢复，现位于 https://news.example/new.html"),
    (E, "title changed; 2 paragraphs changed (+40 −12 chars)", 200, "标题已改；2 段已改（+40 −12 字）"),
    (E, "1 paragraph changed (+3 −0 chars); now at https://news.example/new.html", 200,
     "1 段已改（+3 −0 字）；现位于 https://news.example/new.html"),
    (E, "date (none) → 2026-11-20 09:02 UTC+8", 200, "日期 （无） → 2026-11-20 09:02 UTC+8"),
    (E, "no visible change", 200, "无可见改动"),
    (E, "changed", 200, "已修改"),
    (E, "标题已改；2 段已改（+40 −12 字）；现位于 https://news.example/new.html", 200,
     "标题已改；2 段已改（+40 −12 字）；现位于 https://news.example/new.html"),
]


@pytest.mark.parametrize(("kind", "detail", "status", "told"), CASES)
def test_an_event_reads_in_chinese_whenever_it_was_stored(kind: EventKind, detail: str, status: int | None,
                                                          told: str) -> None:
    assert event_reason(ArticleEvent("a1", kind, SEEN, detail=detail, http_status=status)) == told


def test_the_stored_detail_is_kept_and_every_reader_view_says_it_in_chinese(store: Store) -> None:
    article = Article(outlet="乙报", title="被删的报道", original_url="https://news.example/gone.html",
                      body_text="这篇报道后来被删除了。", published_at=SEEN)
    store.upsert_article(article)
    stored = "HTTP 404 Not Found (last seen online 2026-11-19 08:30 UTC)"
    store.record_article_event(ArticleEvent(article.id, D, SEEN, detail=stored, http_status=404))
    [entry] = store.recent_changes(list(EventKind))
    told = "找不到网页（HTTP 404）；最后一次在线：2026-11-19 16:30 UTC+8"
    assert entry.event.detail == stored and entry.reason == told
    assert store.article_events(article.id)[0].detail == stored  # reading never rewrites the record
    assert [item.detail for item in history(store.versions(article.id), store.article_events(article.id))][1:] == [told]
    feed = etree.fromstring(changes_feed([entry], title="t", feed_url="https://mirror.example/changes.atom",
                                         site_url="https://mirror.example/changes"))
    summary = feed.xpath("//a:entry/a:summary/text()", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert summary == [f"乙报：删除 2026-11-20 18:00 UTC+8 — {told}（原网址：https://news.example/gone.html）"]


def test_every_status_a_recheck_counts_as_a_takedown_has_its_reason_for_readers() -> None:
    # The re-check job's takedown statuses (jobs.recheck_rules) and the reader's wording of them (store.changes) are
    # two tables, one per layer: a status added to one alone would reach readers as a bare "HTTP NNN".
    from newsmirror.jobs.recheck_rules import GONE_STATUSES
    from newsmirror.store.changes import GONE_STATUS_REASONS

    assert set(GONE_STATUSES) == set(GONE_STATUS_REASONS)
