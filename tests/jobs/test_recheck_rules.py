"""Schedules and the takedown classifier, without the network."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.jobs.recheck_rules import (
    RecheckPolicy,
    Verdict,
    classify_status,
    is_redirected,
    looks_like_home_or_list,
    not_found_message,
    page_fingerprint,
    strip_page_noise,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("age", "interval"), [
    (timedelta(hours=2), timedelta(minutes=30)),
    (timedelta(days=3), timedelta(days=1)),
    (timedelta(days=30), timedelta(days=7)),
    (timedelta(days=900), timedelta(days=30)),
])
def test_interval_grows_with_age(age: timedelta, interval: timedelta) -> None:
    policy = RecheckPolicy()
    assert policy.next_check(NOW, published_at=NOW - age, first_seen_at=NOW) == NOW + interval


def test_a_recent_change_makes_an_old_article_young_again() -> None:
    policy = RecheckPolicy()
    due = policy.next_check(NOW, published_at=NOW - timedelta(days=400), first_seen_at=NOW,
                            last_change_at=NOW - timedelta(hours=1))
    assert due == NOW + timedelta(minutes=30)


def test_undated_articles_age_from_first_sighting_and_future_dates_count_as_new() -> None:
    policy = RecheckPolicy()
    assert policy.next_check(NOW, published_at=None, first_seen_at=NOW - timedelta(days=3)) == NOW + timedelta(days=1)
    assert policy.next_check(NOW, published_at=NOW + timedelta(hours=8), first_seen_at=NOW) == (
        NOW + timedelta(minutes=30)
    )


def test_failures_back_off_but_never_beyond_the_normal_interval() -> None:
    policy = RecheckPolicy()
    old = NOW - timedelta(days=30)
    steps = [policy.next_check(NOW, published_at=old, first_seen_at=old, misses=m) - NOW for m in (1, 2, 3, 20)]
    assert steps == [timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1), timedelta(days=7)]


@pytest.mark.parametrize(("status", "verdict"), [
    (404, Verdict.GONE), (410, Verdict.GONE), (451, Verdict.GONE),
    (500, Verdict.ERROR), (503, Verdict.ERROR), (429, Verdict.ERROR), (403, Verdict.ERROR),
])
def test_status_codes(status: int, verdict: Verdict) -> None:
    result = classify_status(status)
    assert result is not None and result.verdict is verdict


def test_a_200_needs_a_look_at_the_page() -> None:
    assert classify_status(200) is None


@pytest.mark.parametrize("final", [
    "https://news.example/", "https://www.news.example/index.html", "https://news.example/world/",
    "https://news.example/world/2026/", "https://news.example/404.html?from=x",
    "https://news.example/list/china", "https://news.example/zh-hant/",
])
def test_redirects_to_front_section_and_error_pages(final: str) -> None:
    assert looks_like_home_or_list("https://news.example/world/2026/11/23/a1234.html", final)


@pytest.mark.parametrize("final", [
    "https://news.example/world/2026/11/23/a1234-updated.html",
    "https://news.example/article/98765",
    "https://news.example/a/2026-11-23/police-statement-in-full",
])
def test_redirects_to_other_articles_are_not_front_pages(final: str) -> None:
    assert not looks_like_home_or_list("https://news.example/world/2026/11/23/a1234.html", final)


def test_a_redirect_that_only_adds_tracking_or_www_or_https_is_no_redirect() -> None:
    url = "http://news.example/world/1.html"
    assert not is_redirected(url, "https://www.news.example/world/1.html?utm_source=rss&spm=1")
    assert is_redirected(url, "https://news.example/world/2.html")


@pytest.mark.parametrize(("title", "text"), [
    ("页面不存在 - 示例新闻", ""),
    ("示例新闻", "抱歉，该文章不存在或已被删除。返回首页"),
    ("示例新聞", "該文章不存在"),
    ("", "此内容因违规无法查看"),
    ("", "该内容已被发布者删除"),
    ("404 Not Found", ""),
    ("Example News", "Sorry, the content has been removed."),
])
def test_not_found_pages(title: str, text: str) -> None:
    assert not_found_message(title, text) is not None


def test_an_article_that_talks_about_deleted_posts_is_not_a_not_found_page() -> None:
    article = "网民发现，该文章不存在了。" + "记者调查发现，多篇报道在发布后数小时内被删除。" * 20
    assert not_found_message("多篇报道被删除", article, previous_text=article) is None
    # Long article text mentioning the phrase, without the title saying so.
    assert not_found_message("记者调查", article) is None


def test_fingerprint_ignores_counters_and_render_times() -> None:
    a = page_fingerprint("标题", "正文第一段。\n\n阅读 12\n\n页面生成时间：2026-11-23 09:00:01")
    b = page_fingerprint("标题", "正文第一段。\n\n阅读 57\n\n页面生成时间：2026-11-23 10:30:44")
    assert a == b
    assert a != page_fingerprint("标题", "正文第一段改了。")


def test_page_noise_removes_ad_slots_scripts_and_labelled_promotions_but_not_the_article() -> None:
    html = """<html><body><article><h1>标题</h1>
    <p>正文第一段，警方称有三人死亡。</p>
    <div class="ad-slot">手机特价</div><div id="gg_box">招商加盟</div><ins class="adsbygoogle"></ins>
    <p>广告：旅游特价机票</p><script>var t = 1;</script><!-- generated 09:00 -->
    <div class="header-banner">头条</div><div class="shadow">阴影里的正文段落</div>
    </article></body></html>"""
    cleaned = strip_page_noise(html)
    for gone in ("手机特价", "招商加盟", "adsbygoogle", "旅游特价机票", "var t", "generated"):
        assert gone not in cleaned
    for kept in ("正文第一段", "头条", "阴影里的正文段落"):
        assert kept in cleaned
