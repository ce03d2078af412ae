from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsmirror.errors import ExtractionError
from newsmirror.extract import extract_article
from newsmirror.extract.render import html_to_markdown
from newsmirror.model import DocumentKind, RawDocument
from tests.fixtures_archives import JEKYLL_POST, NAN_POST, PAGE_MIRROR

BEIJING = timezone(timedelta(hours=8))


def page_raw(text: str = PAGE_MIRROR) -> RawDocument:
    return RawDocument(kind=DocumentKind.PAGE_MIRROR, content=text, url="https://www.ntdtv.com/gb/2024/02/09/a1.html",
                       title_hint="测试城市举办春季灯会 市民踊跃参观", outlet_hint="新唐人", channel_hint="大陆新闻",
                       origin="pages/prog204/a1.md")


def jekyll_raw(text: str = JEKYLL_POST, url: str = "https://www.cna.com.tw/news/acn/202403010001.aspx?utm_source=feed&utm_medium=rss") -> RawDocument:
    return RawDocument(kind=DocumentKind.JEKYLL_POST, content=text, url=url, title_hint="測試市長宣布新交通政策 公車票價下調",
                       outlet_hint="中央社", published_hint=datetime(2024, 3, 1, 4, 5, 6, tzinfo=UTC))


def test_page_mirror_article_is_clean() -> None:
    article = extract_article(page_raw())
    assert article.body_text.split("\n\n") == [
        "灯会现场人潮涌动。（示意图）",
        "【新唐人北京时间2024年02月10日讯】测试城市周六举办春季灯会，数万市民到场参观。",
        "主办方表示，今年的灯会共展出两百组花灯，将持续到元宵节。",
        "（记者王小明报导/责任编辑：李大华）",
    ]
    for junk in ("首页", "推广链接", "广告位招租", "手机上长按", "原文地址", "<ok", "width='0px'", ".md.png",
                 "gfw-breaker", "<hr", "featured_image"):
        assert junk not in article.body_html, junk
    assert "<figure>" in article.body_html and "<figcaption>灯会现场人潮涌动。（示意图）</figcaption>" in article.body_html
    assert [(image.url, image.caption) for image in article.images] == [
        ("https://i.ntdtv.com/assets/uploads/2024/01/lantern-800x450.jpg", "灯会现场人潮涌动。（示意图）")]
    assert article.published_at == datetime(2024, 2, 10, tzinfo=BEIJING)
    assert article.authors == ["王小明"] and article.editors == ["李大华"]
    assert article.script == "zh-Hans"
    assert article.outlet == "新唐人" and article.channel == "大陆新闻"
    assert article.tags == ["灯会"]  # the outlet's tag link, kept as metadata
    assert article.summary.startswith("【新唐人北京时间2024年02月10日讯】")  # not the image caption
    markdown = html_to_markdown(article.body_html)  # rendered where it is used, not at extraction
    assert "**" not in markdown and "![灯会](https://i.ntdtv.com/" in markdown


def test_feed_item_keeps_lead_image_and_drops_feed_junk() -> None:
    article = extract_article(jekyll_raw())
    paragraphs = article.body_text.split("\n\n")
    assert paragraphs[0] == "市長在記者會上說明新政策。（中央社）"
    assert paragraphs[1] == "（中央社記者陳小華台北1日電）測試市長今天宣布，公車票價自下月起下調兩成。"
    assert paragraphs[2] == "市長表示，新政策可望減輕通勤族負擔。（編輯：林一/張二）"  # desk code dropped
    assert len(paragraphs) == 3
    for junk in ("#公車", "延伸閱讀", "聚焦新聞", "輪播標題", "获取更多RSS", "feedx", "<svg", "cover.jpg"):
        assert junk not in article.body_html, junk
    assert [(image.url, image.caption) for image in article.images] == [
        ("https://img.example.tw/800/bus.jpg", "市長在記者會上說明新政策。（中央社）")]
    assert article.tags == ["公車", "票價"]
    assert article.authors == ["陳小華"] and article.editors == ["林一", "張二"]
    assert article.script == "zh-Hant"
    assert article.canonical_url == "https://www.cna.com.tw/news/acn/202403010001.aspx"
    assert article.published_at == datetime(2024, 3, 1, 4, 5, 6, tzinfo=UTC)


def test_ad_sections_scripts_and_paywall_markers_are_dropped() -> None:
    raw = RawDocument(kind=DocumentKind.JEKYLL_POST, content=NAN_POST, url="https://www.zaobao.com/realtime/china/story20240302-1",
                      title_hint="测试早报：两地举行会谈")
    article = extract_article(raw)
    assert article.body_text == "两地官员周六举行会谈，同意加强合作。\n\n双方将在下月再次会面。"
    assert "script" not in article.body_html and "track()" not in article.body_html
    # no container date: falls back to the date in the URL
    assert article.published_at == datetime(2024, 3, 2, tzinfo=BEIJING)


def feed_item(html: str, url: str = "https://example.org/news/1") -> RawDocument:
    return RawDocument(kind=DocumentKind.FEED_ITEM, content=html, url=url, title_hint="标题")


@pytest.mark.parametrize("junk_html, marker", [
    ("<div class='single_ad'><p>广告文字</p></div>", "广告文字"),
    ("<div class='AD_Embed__Wrap-x module'><p>嵌入广告</p></div>", "嵌入广告"),
    ("<script>alert('x')</script>", "alert"),
    ("<iframe src='https://ads.example.org/frame'></iframe>", "ads.example.org"),
    ("<svg><text>矢量图</text></svg>", "矢量图"),
    ("<img src='https://t.example.org/pixel.gif' width='1' height='1'>", "pixel.gif"),
    ("<img src='https://t.example.org/zero.gif' width='0px' height='0px'>", "zero.gif"),
    ("<p>The post <a href='https://b.example.org/x'>标题</a> appeared first on <a href='https://b.example.org'>博客</a>.</p>",
     "appeared first"),
    ("<p><small>Feed enhanced by <a href='https://plugin.example.org'>Better Feed</a></small></p>", "Feed enhanced"),
    ("<div style='display:none'><p>隐藏内容</p></div>", "隐藏内容"),
    ("<p><small>标签: <a rel='tag' href='https://b.example.org/tag/x'>某标签</a></small></p>", "某标签"),
    ("<p><small>&copy; 某人 for <a href='https://b.example.org'>博客</a>, get_post_time('Y'). |"
     "<a href='https://b.example.org/p'>Permalink</a> |<a href='https://b.example.org/p#c'>No comment</a></small></p>",
     "Permalink"),
    ("<p><strong>相关链接：<ok href='https://www.ntdtv.com/gb/2024/01/01/a2.html'>另一篇报道的标题</ok></strong></p>",
     "另一篇报道的标题"),
    ("<br><hr><div>获取更多RSS：<br><a href='https://feedx.example'>https://feedx.example</a></div>", "获取更多RSS"),
])
def test_each_junk_kind_is_removed(junk_html: str, marker: str) -> None:
    body = f"<div><p>第一段正文内容在这里。</p>{junk_html}<p>第二段正文内容在这里。</p></div>"
    article = extract_article(feed_item(body))
    assert marker not in article.body_html and marker not in article.body_text
    assert article.body_text == "第一段正文内容在这里。\n\n第二段正文内容在这里。"


def test_site_profile_adds_its_own_rules() -> None:
    body = ("<p>第一段正文内容在这里。</p><div class='StandardArticleBody_trustBadgeContainer'><span>我们的标准：</span>"
            "<a href='https://r.example'>信任原则</a></div>")
    generic = extract_article(feed_item(body))
    reuters = extract_article(feed_item(body, url="https://cn.reuters.com/article/x-idCN1"))
    assert "信任原则" in generic.body_text  # not junk everywhere ...
    assert reuters.body_text == "第一段正文内容在这里。"  # ... but on the site whose profile says so


def test_event_handlers_and_styles_are_stripped_but_text_kept() -> None:
    article = extract_article(feed_item("<p onclick='steal()' style='color:red'>可以点击的段落。</p>"))
    assert article.body_html == "<p>可以点击的段落。</p>"


def test_loose_text_in_divs_becomes_paragraphs() -> None:
    article = extract_article(feed_item("<div>开头的文字 <a href='https://a.example.org/'>链接</a>。<p>独立段落。</p>结尾文字。</div>"))
    assert article.body_text == "开头的文字 链接。\n\n独立段落。\n\n结尾文字。"
    assert '<a href="https://a.example.org/"' in article.body_html


def test_relative_links_become_absolute_and_video_embeds_become_links() -> None:
    html = "<p>见<a href='/more/2.html'>更多</a>。</p><iframe src='https://www.youtube.com/embed/abc123'></iframe>"
    article = extract_article(feed_item(html, url="https://example.org/news/1.html"))
    assert 'href="https://example.org/more/2.html"' in article.body_html
    assert "https://www.youtube.com/embed/abc123" in article.body_text


def test_english_text_keeps_its_spaces() -> None:
    html = "<p>\n  The minister\n  <a href='https://x.example.org'>said</a>\n  on Monday that talks would resume.\n</p>"
    article = extract_article(feed_item(html))
    assert article.body_text == "The minister said on Monday that talks would resume."


def test_nothing_left_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        extract_article(feed_item("<div class='single_ad'><p>只有广告</p></div><script>x()</script>"))


def test_web_page_uses_the_site_profile_content_selector() -> None:
    page = ("<html><head><title>t</title></head><body><nav>导航 首页 关于</nav>"
            "<div class='post_content' itemprop='articleBody'><p>【新唐人北京时间2024年01月02日讯】正文第一段。</p>"
            "<p>正文第二段。</p></div><footer>版权所有 页脚</footer></body></html>")
    raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=page, url="https://www.ntdtv.com/gb/2024/01/01/a9.html",
                      title_hint="标题")
    article = extract_article(raw)
    assert article.body_text == "【新唐人北京时间2024年01月02日讯】正文第一段。\n\n正文第二段。"
    assert article.outlet == "新唐人"
    assert article.published_at == datetime(2024, 1, 2, tzinfo=BEIJING)


def test_web_page_without_profile_falls_back_to_trafilatura() -> None:
    paragraphs = "".join(f"<p>这是第{n}段正文，讲述了测试城市的公共交通改革以及市民的不同反应和评价。</p>" for n in range(1, 7))
    page = (f"<html><head><title>交通改革</title></head><body><nav><a href='/'>首页</a> <a href='/a'>关于我们</a></nav>"
            f"<article><h1>交通改革</h1>{paragraphs}</article><footer>版权所有 某某网站 联系我们</footer></body></html>")
    raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=page, url="https://news.example.org/2024/05/06/reform.html",
                      title_hint="交通改革")
    article = extract_article(raw)
    assert article.body_text.split("\n\n")[0].startswith("这是第1段正文")
    assert "这是第6段正文" in article.body_text
    assert "关于我们" not in article.body_text and "联系我们" not in article.body_text
    assert article.published_at == datetime(2024, 5, 6, tzinfo=BEIJING)


def test_same_article_in_two_templates_has_one_hash() -> None:
    other_template = PAGE_MIRROR.replace(
        "#### [ 💌 推广链接一号](https://promo.example.org/letter.md?a1)",
        "#### 网站代理：[某站](http://192.0.2.20:85/gb/) &nbsp;|&nbsp; [另一站](http://192.0.2.20:86/)",
    ).replace("https://github.com/someone/mirror", "https://github.com/other/mirror3")
    first, second = extract_article(page_raw()), extract_article(page_raw(other_template))
    assert first.id == second.id and first.content_hash == second.content_hash
