"""The fetch job: new/updated/unchanged/failed counting, dedupe, back-off, conditional polls."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsmirror.config import FetchSettings
from newsmirror.jobs.fetching import fetch_sources
from newsmirror.model import Source
from newsmirror.store import Store
from tests.feedfixtures import FixtureItem, article_page, long_body, rss
from tests.httpserver import LoopbackServer
from tests.jobs.simple_extract import simple_extract


@pytest.fixture
def settings() -> FetchSettings:
    return FetchSettings(timeout_seconds=1.0, connect_timeout_seconds=1.0, max_retries=1,
                         backoff_base_seconds=0.01, backoff_max_seconds=0.02, per_host_delay_seconds=0.0,
                         per_host_concurrency=4, failure_threshold=2)


def items(server: LoopbackServer, count: int, prefix: str = "a") -> list[FixtureItem]:
    return [FixtureItem(f"{prefix}-{n}", server.url(f"/{prefix}/{n}.html"), f"第{n}条新闻标题{prefix}", long_body(n))
            for n in range(count)]


def add_source(store: Store, server: LoopbackServer, path: str, *, full_text: bool = True,
               outlet: str = "测试台") -> Source:
    source = Source(id=path.strip("/").replace("/", "-"), url=server.url(path), outlet=outlet, full_text=full_text)
    store.upsert_source(source)
    return source


def run(store: Store, settings: FetchSettings, **kwargs: object):  # noqa: ANN201 - test helper
    return fetch_sources(store, settings, extract=simple_extract, force=True, **kwargs)  # type: ignore[arg-type]


def test_full_text_feed_then_not_modified_then_an_edit(loopback_server: LoopbackServer, store: Store,
                                                        settings: FetchSettings) -> None:
    fixtures = items(loopback_server, 3)
    loopback_server.route("/feed.xml", body=rss(fixtures), content_type="application/rss+xml", etag='"v1"')
    add_source(store, loopback_server, "/feed.xml")

    first = run(store, settings).sources[0]
    assert (first.status, first.new, first.updated, first.unchanged, first.failed) == ("ok", 3, 0, 0, 0)
    assert store.count_articles() == 3

    second = run(store, settings).sources[0]
    assert second.status == "not modified" and second.new == 0
    assert loopback_server.requests_to("/feed.xml")[-1].headers.get("if-none-match") == '"v1"'

    edited = [fixtures[0], FixtureItem(fixtures[1].guid, fixtures[1].link, fixtures[1].title, long_body(99)),
              fixtures[2]]
    loopback_server.route("/feed.xml", body=rss(edited), content_type="application/rss+xml", etag='"v2"')
    third = run(store, settings).sources[0]
    assert (third.new, third.updated, third.unchanged) == (0, 1, 2)
    assert store.count_articles() == 3
    article_id = store.find_article_id(guid=fixtures[1].guid, source_id="feed.xml")
    assert article_id is not None and len(store.versions(article_id)) == 2


def test_summary_feed_fetches_each_page_once(loopback_server: LoopbackServer, store: Store,
                                             settings: FetchSettings) -> None:
    fixtures = items(loopback_server, 3, "p")
    loopback_server.route("/summary.xml", body=rss(fixtures, full_text=False), content_type="application/rss+xml")
    for item in fixtures:
        loopback_server.route(item.link.removeprefix(loopback_server.base_url), body=article_page(item))
    add_source(store, loopback_server, "/summary.xml")

    report = run(store, settings).sources[0]
    assert (report.new, report.failed) == (3, 0)
    stored = store.get_article(store.find_article_id(url=fixtures[0].link) or "")
    assert stored is not None and "当地居民" in stored.body_text
    assert stored.guid == fixtures[0].guid

    again = run(store, settings).sources[0]
    assert (again.new, again.unchanged) == (0, 3)
    assert all(loopback_server.hits(i.link.removeprefix(loopback_server.base_url)) == 1 for i in fixtures)


def test_dedupe_by_guid_then_canonical_url_then_content_hash(loopback_server: LoopbackServer, store: Store,
                                                              settings: FetchSettings) -> None:
    base = items(loopback_server, 2, "d")
    tracked = FixtureItem("other-guid", base[0].link + "?utm_source=rss&utm_medium=feed", base[0].title,
                          base[0].body)
    mirrored = FixtureItem("mirror-guid", loopback_server.url("/mirror/copy.html"), base[1].title, base[1].body)
    loopback_server.route("/one.xml", body=rss(base), content_type="application/rss+xml")
    loopback_server.route("/two.xml", body=rss([tracked, mirrored]), content_type="application/rss+xml")
    add_source(store, loopback_server, "/one.xml")
    add_source(store, loopback_server, "/two.xml")

    run(store, settings, source_ids=["one.xml"])
    report = run(store, settings, source_ids=["two.xml"]).sources[0]
    assert (report.new, report.unchanged) == (0, 2)
    assert store.count_articles() == 2


def test_failing_feed_backs_off_and_is_reported_not_dropped(loopback_server: LoopbackServer, store: Store,
                                                             settings: FetchSettings) -> None:
    loopback_server.route("/bad.xml", body="x", fail_times=1000, fail_status=500)
    loopback_server.route("/good.xml", body=rss(items(loopback_server, 2)), content_type="application/rss+xml")
    add_source(store, loopback_server, "/bad.xml")
    add_source(store, loopback_server, "/good.xml")

    reports = {r.source.id: r for r in run(store, settings).sources}
    assert reports["good.xml"].new == 2
    bad = reports["bad.xml"]
    assert bad.status == "failed" and "500" in bad.error
    assert (bad.consecutive_failures, bad.backing_off) == (1, False)
    first_due = bad.next_due_at

    again = {r.source.id: r for r in run(store, settings).sources}["bad.xml"]
    assert (again.consecutive_failures, again.backing_off) == (2, True)
    assert first_due is not None and again.next_due_at is not None and again.next_due_at > first_due
    assert store.get_source("bad.xml") is not None
    state = store.get_feed_state("bad.xml")
    assert state.consecutive_failures == 2 and "500" in state.last_error

    # Not due yet: a normal run leaves it alone; the good feed is not due either.
    quiet = fetch_sources(store, settings, extract=simple_extract)
    assert quiet.sources == [] and quiet.not_due == 2

    loopback_server.route("/bad.xml", body=rss(items(loopback_server, 1, "b")), content_type="application/rss+xml")
    recovered = run(store, settings, source_ids=["bad.xml"]).sources[0]
    assert (recovered.status, recovered.new) == ("ok", 1)
    assert store.get_feed_state("bad.xml").consecutive_failures == 0


def test_malformed_and_non_feed_sources_fail_alone(loopback_server: LoopbackServer, store: Store,
                                                   settings: FetchSettings) -> None:
    loopback_server.route("/html", body="<html><body><p>这不是订阅源</p></body></html>")
    loopback_server.route("/loop", redirect_to="/loop2")
    loopback_server.route("/loop2", redirect_to="/loop")
    loopback_server.route("/ok.xml", body=rss(items(loopback_server, 1)), content_type="application/rss+xml")
    sloppy = rss(items(loopback_server, 2, "m")).replace("<title>测试新闻</title>", "<title>测试 & 新闻</title>")
    loopback_server.route("/sloppy.xml", body=sloppy, content_type="application/rss+xml")
    loopback_server.route("/cut.xml", body=rss(items(loopback_server, 5, "c")), truncate_at=300,
                          content_type="application/rss+xml")
    loopback_server.route("/huge.xml", body=b"<rss>" + b" " * 1024, repeat=64, content_type="application/rss+xml")
    for path in ("/html", "/loop", "/ok.xml", "/sloppy.xml", "/cut.xml", "/huge.xml"):
        add_source(store, loopback_server, path)
    settings.max_response_bytes = 32 * 1024
    reports = {r.source.id: r for r in run(store, settings).sources}
    assert reports["html"].status == "failed" and "not" in reports["html"].error
    assert reports["loop"].status == "failed" and "loop" in reports["loop"].error
    assert reports["cut.xml"].status == "failed" and "closed" in reports["cut.xml"].error
    assert reports["huge.xml"].status == "failed" and "limit" in reports["huge.xml"].error
    assert (reports["sloppy.xml"].status, reports["sloppy.xml"].new) == ("ok", 2)
    assert reports["sloppy.xml"].warnings
    assert reports["ok.xml"].new == 1


def feed_with_a_failing_page(server: LoopbackServer, store: Store, feed: str, folder: str, *, status: int,
                             etag: str) -> list[FixtureItem]:
    """A summary-only feed of two items whose pages are /folder/0.html (served) and /folder/1.html (``status``)."""
    fixtures = items(server, 2, folder)
    server.route(feed, body=rss(fixtures, full_text=False), content_type="application/rss+xml", etag=etag)
    server.route(f"/{folder}/0.html", body=article_page(fixtures[0]))
    server.gone(f"/{folder}/1.html", status=status)
    add_source(store, server, feed)
    return fixtures


def test_a_failed_page_is_retried_on_the_next_poll(loopback_server: LoopbackServer, store: Store,
                                                   settings: FetchSettings) -> None:
    fixtures = feed_with_a_failing_page(loopback_server, store, "/s.xml", "r", status=503, etag='"same"')

    first = run(store, settings).sources[0]
    assert (first.new, first.failed, first.retryable) == (1, 1, 1)
    assert store.get_feed_state("s.xml").etag is None  # not remembered: the feed must be re-read

    loopback_server.route("/r/1.html", body=article_page(fixtures[1]))
    second = run(store, settings).sources[0]
    assert (second.status, second.new, second.unchanged, second.failed) == ("ok", 1, 1, 0)
    assert store.get_feed_state("s.xml").etag == '"same"'
    assert store.count_articles() == 2


def test_page_source(loopback_server: LoopbackServer, store: Store, settings: FetchSettings) -> None:
    item = FixtureItem("", loopback_server.url("/single.html"), "单页新闻", long_body(5))
    loopback_server.route("/single.html", body=article_page(item))
    source = Source(id="single", url=item.link, outlet="测试台", kind="page")
    store.upsert_source(source)
    report = run(store, settings).sources[0]
    assert report.new == 1


def test_a_permanently_missing_page_does_not_block_conditional_polls(
        loopback_server: LoopbackServer, store: Store, settings: FetchSettings) -> None:
    feed_with_a_failing_page(loopback_server, store, "/g.xml", "g", status=404, etag='"g1"')
    first = run(store, settings).sources[0]
    assert (first.new, first.failed, first.retryable) == (1, 1, 0)
    assert "404" in first.item_errors[0]
    assert store.get_feed_state("g.xml").etag == '"g1"'
    assert run(store, settings).sources[0].status == "not modified"


def test_a_feed_naming_another_outlets_article_does_not_replace_it(loopback_server: LoopbackServer, store: Store,
                                                                   settings: FetchSettings,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    """An item link is whatever a feed says: one feed linking another outlet's stored article, with its own text,
    replaced that article (outlet, title, text) and recorded the replacement as an edit of it."""
    victim = items(loopback_server, 1, "v")
    forged = [FixtureItem("forged-guid", victim[0].link, "伪造的标题", long_body(77))]
    loopback_server.route("/victim.xml", body=rss(victim), content_type="application/rss+xml")
    loopback_server.route("/forger.xml", body=rss(forged), content_type="application/rss+xml")
    add_source(store, loopback_server, "/victim.xml", outlet="受害台")
    add_source(store, loopback_server, "/forger.xml", outlet="冒名台")

    run(store, settings, source_ids=["victim.xml"])
    article_id = store.find_article_id(url=victim[0].link)
    report = run(store, settings, source_ids=["forger.xml"]).sources[0]
    stored = store.get_article(article_id or "")
    assert stored is not None and (stored.outlet, stored.title) == ("受害台", victim[0].title)
    assert len(store.versions(stored.id)) == 1 and store.count_articles() == 1
    assert (report.new, report.updated, report.unchanged, report.failed) == (0, 0, 1, 0)
    assert any("受害台" in warning and "冒名台" in warning for warning in report.warnings)
    # Said by whoever reads the report (`fetch`'s stderr, the worker's log), not logged by the fetcher as well: a CLI
    # with no logging set up printed it a second time, raw.
    assert not [r for r in caplog.records if r.name.startswith("newsmirror.jobs.fetching")], caplog.text

    # The outlet's own feed still updates its article.
    edited = [FixtureItem(victim[0].guid, victim[0].link, victim[0].title, long_body(78))]
    loopback_server.route("/victim.xml", body=rss(edited), content_type="application/rss+xml")
    assert run(store, settings, source_ids=["victim.xml"]).sources[0].updated == 1


def test_one_outlet_spelled_two_ways_by_two_sources_updates_its_articles(loopback_server: LoopbackServer,
                                                                        store: Store, settings: FetchSettings) -> None:
    """Two sources of one outlet, configured as 德国之声 and 德國之聲 (or "德国之声 " and "德国 之声"), refused each other's
    copies as another outlet's, with a warning on every poll of the full-text feed (safety70): the names are folded
    (script, width, spaces, case) before the check. Another outlet's copy is still refused."""
    first = items(loopback_server, 1, "d")
    again = [FixtureItem("other-guid", first[0].link, first[0].title, long_body(79))]
    loopback_server.route("/simplified.xml", body=rss(first), content_type="application/rss+xml")
    loopback_server.route("/traditional.xml", body=rss(again), content_type="application/rss+xml")
    loopback_server.route("/forger.xml", body=rss(again), content_type="application/rss+xml")
    add_source(store, loopback_server, "/simplified.xml", outlet="德国之声")
    add_source(store, loopback_server, "/traditional.xml", outlet="德國之聲")
    add_source(store, loopback_server, "/forger.xml", outlet="冒名台")

    run(store, settings, source_ids=["simplified.xml"])
    report = run(store, settings, source_ids=["traditional.xml"]).sources[0]
    assert (report.updated, report.warnings) == (1, [])
    stored = store.get_article(store.find_article_id(url=first[0].link) or "")
    assert store.count_articles() == 1 and stored is not None and len(store.versions(stored.id)) == 2
    assert stored.outlet == "德国之声"  # the spelling it was stored under: its listings do not move
    forged = run(store, settings, source_ids=["forger.xml"]).sources[0]
    assert forged.unchanged == 1 and any("冒名台" in warning for warning in forged.warnings)


def test_an_item_link_into_a_private_network_is_never_fetched(loopback_server: LoopbackServer, store: Store,
                                                              settings: FetchSettings) -> None:
    """A summary feed's item link is fetched and its answer stored and published: a feed linking a service on the
    fetching machine or its network (http://169.254.169.254/, 127.0.0.1:other port), directly or by a redirect, would
    publish what that service answers. The feed's own host (the operator named it: an RSSHub on 127.0.0.1) is asked."""
    with LoopbackServer() as inside:
        inside.route("/secret", body="<html><body><p>内部服务的机密回答，足够长的一段话。</p></body></html>")
        fixtures = items(loopback_server, 3, "s")
        direct = FixtureItem("direct", inside.url("/secret"), "直接的内网链接", long_body(50))
        redirected = FixtureItem("redirected", loopback_server.url("/hop"), "跳转到内网", long_body(51))
        loopback_server.route("/hop", redirect_to=inside.url("/secret"))
        loopback_server.route("/summary.xml", body=rss([*fixtures, direct, redirected], full_text=False),
                              content_type="application/rss+xml")
        for item in fixtures:
            loopback_server.route(item.link.removeprefix(loopback_server.base_url), body=article_page(item))
        add_source(store, loopback_server, "/summary.xml")

        report = run(store, settings).sources[0]
        assert inside.hits("/secret") == 0
        assert (report.new, report.failed) == (3, 2), report.item_errors
        assert sum("private address" in error for error in report.item_errors) == 2, report.item_errors
        assert not any("机密" in a.body_text for a in store.iter_articles())



@pytest.mark.parametrize(("url", "private"), [
    ("http://169.254.169.254/latest/meta-data/", True), ("http://127.0.0.1:8080/", True), ("http://[::1]/", True),
    ("http://10.1.2.3/", True), ("http://192.168.0.1/", True), ("http://0.0.0.0/", True),
    ("http://[::ffff:127.0.0.1]/", True), ("http://8.8.8.8/", False), ("http://[2001:4860:4860::8888]/", False),
])
def test_private_addresses_are_told_from_public_ones_without_asking_them(url: str, private: bool) -> None:
    from newsmirror.fetch.addresses import private_address

    assert (private_address(url) is not None) == private  # literal addresses: resolved without any request


def test_a_recheck_never_asks_a_private_address_a_full_text_item_linked(loopback_server: LoopbackServer,
                                                                        store: Store,
                                                                        settings: FetchSettings) -> None:
    """A full-text item is stored without fetching its link: a link to a service on the machine (here a second loopback
    server, standing for http://169.254.169.254/) is first asked by the re-check, whose answer became an "edited"
    version, published. The feed's own host (the operator named it: an RSSHub on 127.0.0.1) is still re-checked, and
    an operator allowance ([fetch] private_hosts) lets the inside host through."""
    from newsmirror.fetch import Fetcher
    from newsmirror.jobs.recheck import due_now, recheck
    from newsmirror.store.changes import CheckOutcome

    with LoopbackServer() as inside:
        inside.route("/secret", body="<html><body><p>内部服务的机密回答，足够长的一段话。</p></body></html>")
        own = items(loopback_server, 1, "own")[0]
        loopback_server.route(own.link.removeprefix(loopback_server.base_url), body=article_page(own))
        planted = FixtureItem("planted", inside.url("/secret"), "指向内网的全文条目", long_body(60))
        loopback_server.route("/full.xml", body=rss([own, planted]), content_type="application/rss+xml")
        add_source(store, loopback_server, "/full.xml")
        assert run(store, settings).sources[0].new == 2
        assert inside.hits("/secret") == 0  # full text: stored unfetched
        ids = [store.find_article_id(url=item.link) or "" for item in (own, planted)]

        with Fetcher(settings) as fetcher:
            reports = recheck(store, fetcher, due_now(store, ids), extract=simple_extract, workers=1).reports
        assert inside.hits("/secret") == 0
        outcomes = {report.url: report for report in reports}
        assert outcomes[planted.link].outcome is CheckOutcome.ERROR
        assert "private address" in outcomes[planted.link].detail
        assert outcomes[own.link].outcome is not CheckOutcome.ERROR  # the feed's own host: asked
        assert loopback_server.hits(own.link.removeprefix(loopback_server.base_url)) == 1
        assert not any("机密" in article.body_text for article in store.iter_articles())

        with Fetcher(replace(settings, private_hosts=[inside.base_url])) as fetcher:
            recheck(store, fetcher, due_now(store, ids[1:]), extract=simple_extract, workers=1)
        assert inside.hits("/secret") == 1  # the operator's allowance: asked


def test_a_feed_a_page_advertises_on_a_private_address_is_not_discovered(loopback_server: LoopbackServer,
                                                                         settings: FetchSettings) -> None:
    """`sources add --discover`: the feed a page advertises is the page's word, and once found it became a source, its
    host trusted as the operator's from then on. One on another private address is not asked; the page's own is."""
    from newsmirror.errors import ConfigError
    from newsmirror.jobs.fetching import resolve_feed_url

    with LoopbackServer() as inside:
        feed = rss(items(inside, 1))
        inside.route("/feed.xml", body=feed, content_type="application/rss+xml")
        loopback_server.route("/", body=f'<html><head><link rel="alternate" type="application/rss+xml" '
                                        f'href="{inside.url("/feed.xml")}"></head><body>首页</body></html>')
        with pytest.raises(ConfigError, match="no working feed") as refused:
            resolve_feed_url(loopback_server.url("/"), settings)
        # The error says why (the remedy is an allowance or the feed's URL, not the page): it said "no working feed".
        assert "private address" in str(refused.value) and inside.url("/feed.xml") in str(refused.value)
        assert inside.hits("/feed.xml") == 0
        loopback_server.route("/own.xml", body=feed, content_type="application/rss+xml")
        loopback_server.route("/", body='<html><head><link rel="alternate" type="application/rss+xml" '
                                        'href="/own.xml"></head><body>首页</body></html>')
        assert resolve_feed_url(loopback_server.url("/"), settings) == loopback_server.url("/own.xml")


def test_an_edit_between_the_fetch_and_the_first_recheck_of_a_page_read_article_is_an_edit(
        loopback_server: LoopbackServer, store: Store, settings: FetchSettings) -> None:
    """The first re-check took a page that differed from the stored text as its baseline (a feed's text is extracted
    otherwise than its page): for an article read from its own page, an edit made before that check was stored
    nowhere, and `history` showed one version. The fetch now remembers the page as a re-check reads it."""
    from newsmirror.fetch import Fetcher
    from newsmirror.jobs.recheck import due_now, recheck
    from newsmirror.store.changes import CheckOutcome

    fixtures = feed_with_a_failing_page(loopback_server, store, "/e.xml", "e", status=404, etag='"e1"')
    assert run(store, settings).sources[0].new == 1
    (stored,) = list(store.iter_articles())
    with Fetcher(replace(settings, private_hosts=["127.0.0.1"])) as fetcher:
        # Unchanged: the same page compares equal (no false edit although the page's <title> is not the feed's).
        first = recheck(store, fetcher, due_now(store, [stored.id]), extract=simple_extract, workers=1)
        assert [r.outcome for r in first.reports] == [CheckOutcome.UNCHANGED]
        edited = FixtureItem(fixtures[0].guid, fixtures[0].link, fixtures[0].title, long_body(7))
        loopback_server.route("/e/0.html", body=article_page(edited))
        second = recheck(store, fetcher, due_now(store, [stored.id]), extract=simple_extract, workers=1)
    assert [r.outcome for r in second.reports] == [CheckOutcome.EDITED]
    assert len(store.versions(stored.id)) == 2 and "第7号新闻" in (store.get_article(stored.id) or stored).body_text


def test_the_first_recheck_of_a_page_read_article_edited_before_it_records_the_edit(
        loopback_server: LoopbackServer, store: Store, settings: FetchSettings) -> None:
    from newsmirror.fetch import Fetcher
    from newsmirror.jobs.recheck import due_now, recheck
    from newsmirror.store.changes import CheckOutcome

    fixtures = feed_with_a_failing_page(loopback_server, store, "/f.xml", "f", status=404, etag='"f1"')
    assert run(store, settings).sources[0].new == 1
    (stored,) = list(store.iter_articles())
    edited = FixtureItem(fixtures[0].guid, fixtures[0].link, fixtures[0].title, long_body(8))
    loopback_server.route("/f/0.html", body=article_page(edited))
    with Fetcher(replace(settings, private_hosts=["127.0.0.1"])) as fetcher:
        first = recheck(store, fetcher, due_now(store, [stored.id]), extract=simple_extract, workers=1)
    assert [r.outcome for r in first.reports] == [CheckOutcome.EDITED]  # was "baseline": the edit lost for good
    assert len(store.versions(stored.id)) == 2



@pytest.mark.parametrize("first_check_failed", [False, True])
def test_a_page_read_article_read_otherwise_by_the_recheck_is_not_edited_by_the_same_page(
        loopback_server: LoopbackServer, store: Store, settings: FetchSettings, first_check_failed: bool) -> None:
    """The page's header names the title otherwise than the feed (og:title with the outlet's name), so the re-check's
    reading differs from the fetch's for the same page; the tests above read both alike. The fetch's baseline is read
    again as the fetch read it until a check has read the page (review58: a first check that failed, a 503 or a
    timeout, set ``last_checked_at``, and the next check recorded an edit no one made, a second version)."""
    from newsmirror.fetch import Fetcher
    from newsmirror.jobs.recheck import due_now, recheck
    from newsmirror.store.changes import CheckOutcome

    fixtures = feed_with_a_failing_page(loopback_server, store, "/g.xml", "g", status=404, etag='"g1"')
    title = fixtures[0].title
    page = article_page(fixtures[0]).replace(f'content="{title}"', f'content="{title}｜测试台"')
    assert page != article_page(fixtures[0])
    loopback_server.route("/g/0.html", body=page)
    assert run(store, settings).sources[0].new == 1
    (stored,) = list(store.iter_articles())
    assert stored.title == title
    with Fetcher(replace(settings, private_hosts=["127.0.0.1"], max_retries=0)) as fetcher:
        if first_check_failed:
            loopback_server.gone("/g/0.html", status=503)
            first = recheck(store, fetcher, due_now(store, [stored.id]), extract=simple_extract, workers=1)
            assert [r.outcome for r in first.reports] == [CheckOutcome.ERROR]
            loopback_server.route("/g/0.html", body=page)  # the same page as fetched
        checked = recheck(store, fetcher, due_now(store, [stored.id]), extract=simple_extract, workers=1)
    assert [r.outcome for r in checked.reports] == [CheckOutcome.BASELINE]
    assert len(store.versions(stored.id)) == 1
