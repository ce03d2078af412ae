"""extract_article on small hand-written pages shaped like the containers and outlets it knows."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from newsmirror.errors import ExtractionError
from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument

FEED_ITEM = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试标题：台北举办灯会</title>
<link rel="canonical" href="https://www.cna.com.tw/news/acn/202302040999.aspx?utm_source=rss">
<meta property="article:published_time" content="2023-02-04T09:34:06+00:00"></head><body>
<h2><a href="https://www.cna.com.tw/news/acn/202302040999.aspx">测试标题：台北举办灯会</a></h2>
<div>
<div><div><picture><img class="lazyload" data-src="https://img.example.org/lead.jpg" alt="灯会现场。"></picture></div>
<div>灯会现场人潮众多。（中央社）</div></div>
<div><p>（中央社記者王小明台北4日電）台北今天举办灯会，吸引大批民众前往观赏。</p>
<p onclick="steal()">主办单位表示，今年灯会展期两周。<script>alert(1)</script></p>
<figure><img src="https://img.example.org/inline.jpg"><figcaption>灯会一景。</figcaption></figure>
<p>民众表示很开心。（編輯：李大为）1120204</p>
<div class='articlekeywordGroup'><div class='keywordTag'><a href='/tag/x'>#灯会</a></div></div>
<div class='paragraph moreArticle'><a href='https://www.cna.com.tw/other'>其他新闻标题很长很长很长</a></div>
<iframe src="https://ads.example.org/frame"></iframe>
<img src="https://tracker.example.org/pixel.gif" width="0px" height="0px"></div>
<br><hr><div>获取更多RSS：<br><a href="https://feedx.net">https://feedx.net</a></div>
</div></body></html>"""

MIRROR_PAGE = """<!DOCTYPE html><html><head><title>测试新闻标题</title></head><body>
<h3>测试新闻标题</h3><hr>
<h4><a href="https://github.com/example/README.md">首页</a> | <a href="#">翻墙教程</a></h4>
<div><div class="featured_image"><img src="https://img.example.org/featured.jpg"><span class="caption">图片说明文字。</span></div></div><hr>
<h4><a href="http://promo.example.org/">🎬 推广视频链接</a></h4>
<div><p>【新唐人北京时间2023年02月05日讯】某市今天发生一件测试新闻事件，引起关注。</p>
<p>专家表示，这件事情值得注意。</p>
<p>（记者张三综合报导/责任编辑：李四）</p></div>
<hr>
手机上长按并复制下列链接或二维码分享本文章：<br>
https://github.com/example/pages/prog204/a1.md<br>
原文地址（需翻墙访问）：https://www.ntdtv.com/gb/2023/02/05/a1.html
<hr><h4><a href="#">首页</a></h4>
<img src="http://counter.example.org/pages/a1.md" width="0px" height="0px">
</body></html>"""


def _raw(html: str, url: str = "", **hints: object) -> RawDocument:
    return RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url, **hints)  # type: ignore[arg-type]


def test_feed_item_body_is_the_story_without_furniture() -> None:
    article = extract_article(_raw(FEED_ITEM, "https://www.cna.com.tw/news/acn/202302040999.aspx"))
    assert article.body_text.split("\n\n") == [
        "（中央社記者王小明台北4日電）台北今天举办灯会，吸引大批民众前往观赏。",
        "主办单位表示，今年灯会展期两周。",
        "灯会一景。",
        "民众表示很开心。（編輯：李大为）1120204",
    ]
    assert article.title == "测试标题：台北举办灯会"
    assert article.outlet == "中央社"


def test_feed_item_body_html_is_sanitized() -> None:
    html = extract_article(_raw(FEED_ITEM, "https://www.cna.com.tw/news/acn/202302040999.aspx")).body_html
    for forbidden in ("<script", "onclick", "<iframe", "pixel.gif", "feedx", "moreArticle", "其他新闻"):
        assert forbidden not in html
    assert '<img src="https://img.example.org/inline.jpg"' in html


def test_feed_item_metadata() -> None:
    article = extract_article(_raw(FEED_ITEM, "https://www.cna.com.tw/news/acn/202302040999.aspx"))
    assert article.published_at == datetime(2023, 2, 4, 9, 34, 6, tzinfo=UTC)
    assert article.authors == ["王小明"]
    assert article.editors == ["李大为"]
    assert article.canonical_url == "https://www.cna.com.tw/news/acn/202302040999.aspx"
    assert [(i.url, i.caption) for i in article.images] == [
        ("https://img.example.org/lead.jpg", "灯会现场人潮众多。（中央社）"),
        ("https://img.example.org/inline.jpg", "灯会一景。"),
    ]
    assert "灯会" in article.tags
    assert article.script in ("zh-Hans", "zh-Hant")


def test_dateline_day_overrides_a_feed_date_days_later() -> None:
    # The feed saw the item three days after the dateline's day: the dateline wins, month from the feed.
    late = FEED_ITEM.replace("2023-02-04T09:34:06+00:00", "2023-02-07T09:00:00+00:00")
    article = extract_article(_raw(late, "https://www.cna.com.tw/news/acn/202302040999.aspx"))
    assert article.published_at == datetime(2023, 2, 4, tzinfo=ZoneInfo("Asia/Taipei"))


def test_feed_date_hint_resolves_a_day_only_dateline() -> None:
    no_meta = FEED_ITEM.replace('<meta property="article:published_time" content="2023-02-04T09:34:06+00:00">', "")
    hint = datetime(2023, 2, 4, 9, 34, 6, tzinfo=UTC)
    article = extract_article(_raw(no_meta, "https://www.cna.com.tw/news/acn/202302040999.aspx", published_hint=hint))
    assert article.published_at == hint


def test_page_mirror_region_dateline_and_credits() -> None:
    article = extract_article(_raw(MIRROR_PAGE, "https://www.ntdtv.com/gb/2023/02/05/a1.html"))
    assert article.body_text.split("\n\n") == [
        "【新唐人北京时间2023年02月05日讯】某市今天发生一件测试新闻事件，引起关注。",
        "专家表示，这件事情值得注意。",
        "（记者张三综合报导/责任编辑：李四）",
    ]
    assert article.published_at == datetime(2023, 2, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert (article.authors, article.editors) == (["张三"], ["李四"])
    assert "counter.example.org" not in article.body_html
    assert "推广视频" not in article.body_text


def test_page_mirror_markdown_container_is_rendered() -> None:
    markdown = (
        "### 测试新闻标题\n------------------------\n\n#### [首页](https://github.com/example/README.md)\n\n"
        "<div><p>【新唐人北京时间2023年02月05日讯】某市今天发生一件测试新闻事件。</p>\n<p>第二段内容在这里。</p></div>\n"
        "<hr/>\n手机上长按并复制下列链接或二维码分享本文章：<br/>\n原文地址（需翻墙访问）：https://www.ntdtv.com/gb/a1.html\n"
    )
    raw = RawDocument(kind=DocumentKind.PAGE_MIRROR, content=markdown, url="https://www.ntdtv.com/gb/a1.html",
                      title_hint="测试新闻标题")
    article = extract_article(raw)
    assert article.body_text == "【新唐人北京时间2023年02月05日讯】某市今天发生一件测试新闻事件。\n\n第二段内容在这里。"
    assert article.title == "测试新闻标题"


def test_title_suffix_of_the_site_is_removed() -> None:
    page = FEED_ITEM.replace("<title>测试标题：台北举办灯会</title>", "<title>欧股开高 – 法国国际广播电台 - RFI</title>")
    article = extract_article(_raw(page, "https://www.rfi.fr/cn/some-story"))
    assert article.title == "欧股开高"


def test_empty_document_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="empty"):
        extract_article(_raw("   "))


def test_video_only_post_keeps_a_link_to_the_video() -> None:
    page = (
        "<html><head><title>一段视频</title></head><body><h2><a href='https://example.org/v'>一段视频</a></h2>"
        "<div><iframe src='https://www.youtube.com/embed/abc123'></iframe><p></p></div></body></html>"
    )
    article = extract_article(_raw(page, "https://example.org/v"))
    assert article.body_text == "视频：https://www.youtube.com/embed/abc123"
    assert "<iframe" not in article.body_html


def test_feed_date_beats_a_print_edition_time_in_the_text() -> None:
    page = (
        "<html><head><title>Weekly story</title></head><body><h2><a href='https://www.economist.com/x'>Weekly story</a></h2>"
        "<div><aside><time datetime='2021-01-09T00:00:00Z'>Jan 9th 2021</time></aside>"
        "<p>SOME long enough opening paragraph of an English weekly story about markets.</p></div></body></html>"
    )
    feed_date = datetime(2021, 1, 7, 17, 9, 46, tzinfo=UTC)
    article = extract_article(_raw(page, "https://www.economist.com/x", published_hint=feed_date))
    assert article.published_at == feed_date
    assert article.body_text.startswith("SOME long enough")
