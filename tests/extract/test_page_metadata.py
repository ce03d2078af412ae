"""extract_article on small hand-written pages: rendered containers, page metadata, datelines, credits."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument

CNA_URL = "https://www.cna.com.tw/news/acn/202302040999.aspx"
FEED_ITEM = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试标题：台北举办灯会</title>
<meta property="article:published_time" content="2023-02-04T09:34:06+00:00"></head><body>
<h2><a href="https://www.cna.com.tw/news/acn/202302040999.aspx">测试标题：台北举办灯会</a></h2>
<div><div><p>（中央社記者王小明台北4日電）台北今天举办灯会，吸引大批民众前往观赏。</p>
<p onclick="steal()">主办单位表示，今年灯会展期两周。<script>alert(1)</script></p>
<p>民众表示很开心。（編輯：李大为）1120204</p>
<iframe src="https://ads.example.org/frame"></iframe>
<img src="https://tracker.example.org/pixel.gif" width="0px" height="0px"></div>
<br><hr><div>获取更多RSS：<br><a href="https://feedx.net">https://feedx.net</a></div>
</div></body></html>"""

MIRROR_PAGE = """<!DOCTYPE html><html><head><title>测试新闻标题</title></head><body>
<h3>测试新闻标题</h3><hr>
<h4><a href="https://github.com/example/README.md">首页</a> | <a href="#">翻墙教程</a></h4>
<div><div class="featured_image"><img src="https://img.example.org/featured.jpg"></div></div><hr>
<h4><a href="http://promo.example.org/">推广视频链接</a></h4>
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


def _page(html: str, url: str, **hints: object) -> RawDocument:
    return RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url, **hints)  # type: ignore[arg-type]


def test_rendered_feed_item_is_read_from_its_content_element() -> None:
    article = extract_article(_page(FEED_ITEM, CNA_URL))
    assert article.body_text.split("\n\n")[0] == "（中央社記者王小明台北4日電）台北今天举办灯会，吸引大批民众前往观赏。"
    assert "测试标题" not in article.body_text  # the title link above the item is not body
    for junk in ("<script", "onclick", "<iframe", "pixel.gif", "feedx", "获取更多RSS"):
        assert junk not in article.body_html


def test_page_head_gives_title_and_date_and_text_gives_credits() -> None:
    article = extract_article(_page(FEED_ITEM, CNA_URL))
    assert article.title == "测试标题：台北举办灯会"
    assert article.published_at == datetime(2023, 2, 4, 9, 34, 6, tzinfo=UTC)
    assert (article.authors, article.editors) == (["王小明"], ["李大为"])


def test_dateline_day_overrides_a_feed_date_days_later() -> None:
    late = FEED_ITEM.replace("2023-02-04T09:34:06+00:00", "2023-02-07T09:00:00+00:00")
    article = extract_article(_page(late, CNA_URL))
    assert article.published_at == datetime(2023, 2, 4, tzinfo=ZoneInfo("Asia/Taipei"))


def test_feed_date_hint_resolves_a_day_only_dateline() -> None:
    no_meta = FEED_ITEM.replace('<meta property="article:published_time" content="2023-02-04T09:34:06+00:00">', "")
    hint = datetime(2023, 2, 4, 9, 34, 6, tzinfo=UTC)
    assert extract_article(_page(no_meta, CNA_URL, published_hint=hint)).published_at == hint


def test_rendered_page_mirror_keeps_only_the_article_block() -> None:
    article = extract_article(_page(MIRROR_PAGE, "https://www.ntdtv.com/gb/2023/02/05/a1.html"))
    assert article.body_text.split("\n\n") == [
        "【新唐人北京时间2023年02月05日讯】某市今天发生一件测试新闻事件，引起关注。",
        "专家表示，这件事情值得注意。",
        "（记者张三综合报导/责任编辑：李四）",
    ]
    assert article.published_at == datetime(2023, 2, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert (article.authors, article.editors) == (["张三"], ["李四"])
    assert "counter.example.org" not in article.body_html and "推广" not in article.body_text


def test_epoch_times_dateline_is_new_york_day() -> None:
    page = MIRROR_PAGE.replace("【新唐人北京时间2023年02月05日讯】", "【大纪元2023年02月05日讯】")
    article = extract_article(_page(page, "https://www.epochtimes.com/gb/23/2/5/n1.htm"))
    assert article.published_at is not None
    assert article.published_at.astimezone(ZoneInfo("America/New_York")).date().isoformat() == "2023-02-05"


def test_site_title_suffix_is_removed() -> None:
    page = FEED_ITEM.replace("<title>测试标题：台北举办灯会</title>", "<title>欧股开高 – 法国国际广播电台 - RFI</title>")
    assert extract_article(_page(page, "https://www.rfi.fr/cn/some-story")).title == "欧股开高"
