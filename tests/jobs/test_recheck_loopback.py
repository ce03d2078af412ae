"""Re-checks against a loopback site that edits, deletes, restores and redirects its pages.

Each test stores an article the way ingest would (the page fetched and extracted), changes
the page on the server, runs the re-check job at a later simulated time and looks at what
the store recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from newsmirror.config import FetchSettings
from newsmirror.fetch import Fetcher
from newsmirror.jobs.recheck import Extractor, RecheckSummary, default_extractor, due_now, recheck_due
from newsmirror.model import DocumentKind, RawDocument, utcnow
from newsmirror.store import Store, open_store
from newsmirror.store.changes import CheckOutcome, EventKind, event_reason, history
from tests.httpserver import LoopbackServer

ARTICLE_PATH = "/news/a1001.html"  # no day in the address: a test moves the page's date, and the extractor checks it against an address day
PARAGRAPHS = [
    "本报讯 11月20日晚，数百名市民聚集在市政府门前，要求公布化工厂爆炸事故的真实伤亡人数。",
    "现场目击者对本报记者表示，警方在晚上九点左右开始驱散人群，至少有三人被带走。",
    "市政府新闻办公室当晚发表声明称，事故共造成两人死亡、十五人受伤，调查仍在进行中。",
    "多名遇难者家属质疑官方数字，称仍有亲属下落不明，医院拒绝提供名单。",
    "事故发生后，当地环保部门对周边空气和水质进行了检测，称各项指标均在正常范围之内，但未公布具体数据。",
    "有居民在社交媒体上发布视频，显示爆炸发生时浓烟冲天，周边多栋住宅楼的玻璃被震碎，相关视频随后被删除。",
    "该化工厂去年曾因违规排放被当地政府处罚，但一直未停产整顿。工厂负责人至今未公开露面回应。",
]


def article_page(
    title: str = "化工厂爆炸后市民聚集要求公布伤亡人数",
    paragraphs: list[str] | None = None,
    *,
    ad: str = "限时特惠：新款手机立减五百元",
    generated: str = "2026-11-20 21:30:05",
    views: int = 1234,
    tracking: str = "utm_source=home&spm=a1.b2",
    published: str = "2026-11-20T21:00:00+08:00",
) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title} - 示例新闻网</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{ARTICLE_PATH}?{tracking}">
<script>var pv = {views}; var t = "{generated}";</script>
</head><body>
<header><nav><a href="/?{tracking}">首页</a> | <a href="/china/?{tracking}">中国</a> |
<a href="/world/?{tracking}">国际</a></nav></header>
<div class="ad-banner" id="ad-top"><a href="/promo?{tracking}">{ad}</a></div>
<main><article>
<h1>{title}</h1>
<div class="meta">记者 张三 | <time datetime="{published}">{published}</time> | 阅读 {views}</div>
{body}
<div class="ad" id="ad-in-article"><a href="/promo2?{tracking}">{ad}</a></div>
</article></main>
<aside><h3>热门文章</h3><ul><li><a href="/news/1?{tracking}">另一篇新闻标题一</a></li>
<li><a href="/news/2?{tracking}">另一篇新闻标题二</a></li></ul></aside>
<footer><p>版权所有 示例新闻网</p><p>页面生成时间：{generated} 耗时0.{views % 97:03d}秒</p></footer>
</body></html>"""


HOME_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>示例新闻网 - 首页</title></head>
<body><nav><a href="/">首页</a> <a href="/china/">中国</a></nav><main><h2>今日要闻</h2><ul>
<li><a href="/news/2026/11/21/a1002.html">国务院召开常务会议部署经济工作</a></li>
<li><a href="/news/2026/11/21/a1003.html">多地迎来今冬首场降雪交通受影响</a></li>
<li><a href="/news/2026/11/21/a1004.html">国际油价连续三日上涨创两月新高</a></li>
</ul></main><footer>版权所有 示例新闻网</footer></body></html>"""

NOT_FOUND_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>示例新闻网</title></head>
<body><nav><a href="/">首页</a> <a href="/china/">中国</a></nav>
<div class="error"><p>抱歉，您访问的页面不存在或已被删除。</p><p><a href="/">返回首页</a></p></div>
<footer>版权所有 示例新闻网</footer></body></html>"""


@dataclass
class Site:
    server: LoopbackServer
    store: Store
    fetcher: Fetcher
    extract: Extractor
    article_id: str = ""
    clock: datetime = utcnow()

    @property
    def url(self) -> str:
        return self.server.url(ARTICLE_PATH)

    def serve(self, html: str, **options: object) -> None:
        self.server.route(ARTICLE_PATH, body=html, **options)

    def ingest(self, html: str | None = None) -> str:
        """Store the article as the fetch stage would: the page, extracted."""
        self.serve(html or article_page())
        raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=html or article_page(), url=self.url,
                          outlet_hint="示例新闻网")
        article = self.extract(raw)
        self.store.upsert_article(article)
        self.article_id = article.id
        self.clock = utcnow()
        return article.id

    def check(self, hours: float = 1.0) -> RecheckSummary:
        """Run the due re-checks ``hours`` later than the last run (always due: checks are forced)."""
        self.clock += timedelta(hours=hours)
        from newsmirror.jobs.recheck import recheck

        return recheck(self.store, self.fetcher, due_now(self.store, [self.article_id]), now=self.clock,
                       extract=self.extract, workers=2)

    def outcome(self, hours: float = 1.0) -> CheckOutcome:
        summary = self.check(hours)
        assert len(summary.reports) == 1
        return summary.reports[0].outcome

    def first_check(self) -> None:
        """The first look remembers the page; it is "unchanged" only when ingest extracted the page
        exactly as the check does (ingest does not strip ad slots first)."""
        assert self.outcome() in (CheckOutcome.BASELINE, CheckOutcome.UNCHANGED)
        assert self.events() == []

    def events(self) -> list[EventKind]:
        return [e.kind for e in self.store.article_events(self.article_id)]

    def status(self) -> str:
        return self.store.due_checks(self.clock + timedelta(days=400), limit=10)[0].status


@pytest.fixture
def site(loopback_server: LoopbackServer, tmp_path: Path) -> Iterator[Site]:
    # The articles are stored without a source: the loopback site is allowed as an operator allows a LAN host.
    settings = FetchSettings(per_host_delay_seconds=0, per_host_concurrency=4, max_retries=0,
                             timeout_seconds=5, private_hosts=["127.0.0.1"])
    with open_store(tmp_path / "store.sqlite") as store, Fetcher(settings) as fetcher:
        yield Site(loopback_server, store, fetcher, default_extractor())


def test_an_untouched_page_is_unchanged(site: Site) -> None:
    site.ingest()
    site.first_check()
    assert site.outcome() is CheckOutcome.UNCHANGED
    assert site.events() == []
    assert len(site.store.versions(site.article_id)) == 1


def test_ads_render_times_counters_and_tracking_parameters_are_no_edit(site: Site) -> None:
    site.ingest()
    site.first_check()
    for number, ad in enumerate(["双十一大促销：全场五折起", "品牌家电以旧换新补贴", "旅游度假特价机票"]):
        site.serve(article_page(ad=ad, generated=f"2026-11-2{number + 1} 0{number}:1{number}:4{number}",
                                views=5000 + 777 * number, tracking=f"utm_source=s{number}&spm=x{number}&from=t"))
        assert site.outcome() is CheckOutcome.UNCHANGED, f"false edit on check {number + 2}"
    assert site.events() == []
    assert len(site.store.versions(site.article_id)) == 1


def test_an_edited_sentence_becomes_a_new_version_with_a_readable_diff(site: Site) -> None:
    site.ingest()
    site.first_check()
    edited = list(PARAGRAPHS)
    edited[2] = "市政府新闻办公室当晚发表声明称，事故共造成一人受伤，调查仍在进行中。"
    del edited[3]
    site.serve(article_page(paragraphs=edited, generated="2026-11-21 08:00:00", views=99))
    summary = site.check()
    assert summary.reports[0].outcome is CheckOutcome.EDITED
    versions = site.store.versions(site.article_id)
    assert len(versions) == 2
    assert "两人死亡" in versions[0].body_text and "两人死亡" not in versions[1].body_text
    assert "一人受伤" in versions[1].body_text
    events = site.store.article_events(site.article_id)
    assert [e.kind for e in events] == [EventKind.EDITED]
    assert events[0].version == 2 and "段已改" in events[0].detail
    # The diff names what went and what came, however the extractor split the paragraphs.
    diff = history(versions, events)[1].diff
    assert diff is not None
    deleted = "".join(s.text for b in diff.body.blocks for s in b.segments if s.op == "delete")
    inserted = "".join(s.text for b in diff.body.blocks for s in b.segments if s.op == "insert")
    assert "两人死亡、十五" in deleted and "多名遇难者家属质疑官方数字" in deleted
    assert inserted == "一"
    stored = site.store.get_article(site.article_id)
    assert stored is not None and "一人受伤" in stored.body_text
    # The next check of the edited page is quiet again.
    assert site.outcome() is CheckOutcome.UNCHANGED


def test_a_changed_title_is_an_edit(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.serve(article_page(title="化工厂事故后市民理性表达诉求"))
    assert site.outcome() is CheckOutcome.EDITED
    events = site.store.article_events(site.article_id)
    assert "标题已改" in events[0].detail
    assert site.store.versions(site.article_id)[1].title.startswith("化工厂事故后市民理性表达诉求")


@pytest.mark.parametrize("status", [404, 410])
def test_a_removed_page_is_deleted_and_its_versions_are_kept(site: Site, status: int) -> None:
    site.ingest()
    site.first_check()
    site.server.gone(ARTICLE_PATH, status=status)
    assert site.outcome() is CheckOutcome.DELETED
    assert site.status() == "deleted"
    events = site.store.article_events(site.article_id)
    assert [e.kind for e in events] == [EventKind.DELETED]
    assert f"HTTP {status}" in events[0].detail and events[0].http_status == status
    assert "最后一次在线" in events[0].detail
    said = {404: "找不到网页（HTTP 404）；最后一次在线：", 410: "网页已永久删除（HTTP 410）；最后一次在线："}[status]
    assert event_reason(events[0]).startswith(said) and reads_chinese(event_reason(events[0]))
    assert len(site.store.versions(site.article_id)) == 1
    stored = site.store.get_article(site.article_id)
    assert stored is not None and "两人死亡" in stored.body_text
    # Still gone: no second deletion event.
    assert site.outcome() is CheckOutcome.STILL_DELETED
    assert site.events() == [EventKind.DELETED]


def test_a_not_found_page_served_with_200_is_a_deletion(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.serve(NOT_FOUND_PAGE)
    assert site.outcome() is CheckOutcome.DELETED
    event = site.store.article_events(site.article_id)[0]
    assert "不存在" in event.detail
    assert event_reason(event).startswith("网页显示“") and "不存在" in event_reason(event)
    assert reads_chinese(event_reason(event))


def test_a_redirect_to_the_front_page_is_a_deletion(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.server.route("/", body=HOME_PAGE)
    site.server.route(ARTICLE_PATH, redirect_to="/?from=deleted_article", status=302)
    assert site.outcome() is CheckOutcome.DELETED
    event = site.store.article_events(site.article_id)[0]
    assert "redirected to" in event.detail and event.final_url.startswith(site.server.url("/"))
    assert event_reason(event).startswith(f"原网址转到首页或栏目页：{site.server.url('/')}")
    assert reads_chinese(event_reason(event))


def test_a_redirect_to_a_section_page_is_a_deletion(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.server.route("/news/", body=HOME_PAGE)
    site.server.route(ARTICLE_PATH, redirect_to="/news/", status=301)
    assert site.outcome() is CheckOutcome.DELETED


def test_a_page_moved_to_a_new_address_is_not_a_deletion(site: Site) -> None:
    site.ingest()
    site.first_check()
    new_path = "/news/2026/11/20/a1001-chemical-plant.html"
    site.server.route(new_path, body=article_page(tracking="utm_medium=moved"))
    site.server.route(ARTICLE_PATH, redirect_to=f"{new_path}?utm_source=redirect", status=301)
    assert site.outcome() is CheckOutcome.UNCHANGED
    assert site.events() == []


def test_restored_unchanged_page(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.server.gone(ARTICLE_PATH, status=404)
    assert site.outcome() is CheckOutcome.DELETED
    site.serve(article_page(generated="2026-11-25 10:00:00", views=8888))
    assert site.outcome() is CheckOutcome.RESTORED
    assert site.events() == [EventKind.DELETED, EventKind.RESTORED]
    assert [event_reason(e) for e in site.store.article_events(site.article_id)][1:] == ["网页已恢复"]
    assert site.status() == "live"
    assert len(site.store.versions(site.article_id)) == 1
    assert site.outcome() is CheckOutcome.UNCHANGED


def test_restored_with_changes_records_the_return_and_the_edit(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.serve(NOT_FOUND_PAGE)
    assert site.outcome() is CheckOutcome.DELETED
    rewritten = [PARAGRAPHS[0], "市政府新闻办公室表示，事故原因正在调查，请市民以官方发布为准。"]
    site.serve(article_page(paragraphs=rewritten))
    assert site.outcome() is CheckOutcome.RESTORED
    assert site.events() == [EventKind.DELETED, EventKind.RESTORED, EventKind.EDITED]
    versions = site.store.versions(site.article_id)
    assert len(versions) == 2 and "以官方发布为准" in versions[1].body_text


def test_conditional_get_answers_304_and_sends_the_validators(site: Site) -> None:
    site.ingest()
    site.serve(article_page(), etag='"v1"', last_modified="Fri, 20 Nov 2026 13:00:00 GMT")
    site.first_check()
    assert site.outcome() is CheckOutcome.UNCHANGED
    last = site.server.requests_to(ARTICLE_PATH)[-1]
    assert last.headers.get("if-none-match") == '"v1"'
    assert site.store.get_check_state(site.article_id).last_http_status == 304
    # A new ETag with new text is fetched in full and seen as an edit.
    site.serve(article_page(paragraphs=PARAGRAPHS[:2]), etag='"v2"')
    assert site.outcome() is CheckOutcome.EDITED


def test_server_errors_are_inconclusive_and_retried_sooner(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.serve("busy", status=503)
    summary = site.check()
    assert summary.reports[0].outcome is CheckOutcome.ERROR
    assert site.events() == [] and site.status() == "live"
    state = site.store.get_check_state(site.article_id)
    assert state.consecutive_misses == 1 and state.next_check_at == site.clock + timedelta(minutes=15)


def test_scheduled_runs_check_young_articles_often_and_old_ones_rarely(site: Site) -> None:
    # Three days old (whether the extractor keeps the time of day or only the date): checked daily.
    published = utcnow() - timedelta(days=3, hours=12)
    site.ingest(article_page(published=published.isoformat(timespec="seconds")))
    now = site.clock
    assert recheck_due(site.store, site.fetcher, now=now, extract=site.extract).reports == []
    first = now + timedelta(minutes=31)
    summary = recheck_due(site.store, site.fetcher, now=first, extract=site.extract)
    assert [r.article_id for r in summary.reports] == [site.article_id]
    assert site.store.get_check_state(site.article_id).next_check_at == first + timedelta(days=1)
    assert recheck_due(site.store, site.fetcher, now=first + timedelta(hours=23), extract=site.extract).reports == []
    # Two weeks later the article is old: checked weekly.
    later = first + timedelta(days=14)
    assert len(recheck_due(site.store, site.fetcher, now=later, extract=site.extract).reports) == 1
    assert site.store.get_check_state(site.article_id).next_check_at == later + timedelta(days=7)


def test_a_page_that_keeps_showing_no_article_is_deleted_after_three_checks(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.serve(HOME_PAGE.replace("今日要闻", "栏目"))  # 200, no notice, no article
    assert site.outcome() is CheckOutcome.ERROR
    assert site.outcome() is CheckOutcome.ERROR
    assert site.events() == []
    assert site.outcome() is CheckOutcome.DELETED
    event = site.store.article_events(site.article_id)[0]
    assert "3 checks" in event.detail
    assert event_reason(event).startswith("连续 3 次访问都不见文章；最后一次在线：") and reads_chinese(event_reason(event))


def test_a_redirect_to_an_unrelated_article_is_a_deletion(site: Site) -> None:
    site.ingest()
    site.first_check()
    other = "/news/2026/11/21/a2002.html"
    site.server.route(other, body=article_page(
        title="国务院召开常务会议部署经济工作",
        paragraphs=["国务院总理主持召开国务院常务会议，部署进一步稳定经济运行的若干措施，听取有关部门工作汇报。"] * 3))
    site.server.route(ARTICLE_PATH, redirect_to=other, status=301)
    assert site.outcome() is CheckOutcome.DELETED
    event = site.store.article_events(site.article_id)[0]
    assert "another page" in event.detail
    assert event_reason(event).startswith(f"原网址转到另一网页：{site.server.url(other)}")
    assert reads_chinese(event_reason(event))


def test_unavailable_for_legal_reasons_is_a_deletion(site: Site) -> None:
    site.ingest()
    site.first_check()
    site.serve("<html><body>blocked</body></html>", status=451)
    assert site.outcome() is CheckOutcome.DELETED
    event = site.store.article_events(site.article_id)[0]
    assert "451" in event.detail
    assert event_reason(event).startswith("因法律原因无法访问（HTTP 451）") and reads_chinese(event_reason(event))


def reads_chinese(reason: str) -> bool:
    """No English left in what a reader is told: only addresses, "HTTP" and "UTC" are Latin."""
    return re.search(r"[A-Za-z]", re.sub(r"https?://\S+|HTTP|UTC", "", reason)) is None
