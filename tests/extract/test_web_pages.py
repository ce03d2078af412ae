"""Whole web pages: the failure kinds of issue 15, each on a small hand-written page."""

from __future__ import annotations

import pytest

import newsmirror.extract.render as render
import newsmirror.extract.webpage as webpage
from newsmirror.extract import extract_article
from newsmirror.extract.dom import parse_fragment, text_of
from newsmirror.extract.junk import drop_page_furniture
from newsmirror.extract.webpage import is_bare_document, parse_document
from newsmirror.model import DocumentKind, RawDocument

URL = "https://news.example.org/2024/05/06/story-1.html"
PARAGRAPHS = [
    "市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便居民借阅图书和参加活动。",
    "负责这个项目的官员表示，新图书馆将延长开放时间，并为学生提供免费的自习座位和网络。",
    "有居民说，过去要坐四十分钟公交车才能到最近的图书馆，这次的新馆离家只有十分钟路程。",
    "市议会预计下个月审议相关预算，如果顺利通过，第一座新馆最早七月就能对外开放。",
]
ARTICLE = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
HEAD = """<head><meta charset="utf-8"><title>新图书馆今夏开放_示例新闻网</title>
<link rel="stylesheet" href="/site.css"><script src="/app.js"></script></head>"""
NAV = """<nav><ul><li><a href="/">首页</a></li><li><a href="/china">国内</a></li><li><a href="/world">国际</a></li>
<li><a href="/tech">科技</a></li><li><a href="/sports">体育</a></li></ul></nav>"""


def _page(body: str, head: str = HEAD) -> str:
    return f"<!DOCTYPE html><html>{head}<body>{NAV}{body}<footer><p>版权所有 示例新闻网</p></footer></body></html>"


def _extract(html: str, url: str = URL) -> str:
    return extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url)).body_text


def _has_every_paragraph(text: str) -> bool:
    return all(paragraph in text for paragraph in PARAGRAPHS)


def test_page_with_xml_encoding_declaration_is_read() -> None:
    # lxml refuses a str that carries an encoding declaration; the page must still be extracted
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + _page(f"<div class='article'>{ARTICLE}</div>")
    assert _has_every_paragraph(_extract(html))


def test_density_finder_is_the_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpage, "_trafilatura_candidate", lambda document, url, fast=False: None)
    assert _has_every_paragraph(_extract(_page(f"<div>{ARTICLE}</div>")))


def test_readability_is_the_last_resort(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpage, "_trafilatura_candidate", lambda document, url, fast=False: None)
    monkeypatch.setattr(webpage, "_density_candidate", lambda document, junk_weight: None)
    assert _has_every_paragraph(_extract(_page(f"<div>{ARTICLE}</div>")))


def test_soft_hyphens_and_zero_width_characters_are_removed() -> None:
    hidden = [p.replace("图书馆", "图\u200b书\u00ad馆").replace("市", "\u200c市\ufeff") for p in PARAGRAPHS]
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in hidden) + "<p>The Zei\u00adtung re\u200bported it.</p></article>")
    text = _extract(html)
    assert _has_every_paragraph(text) and "The Zeitung reported it." in text
    assert not any(ch in text for ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff")


def test_direction_marks_and_invisible_operators_are_removed_as_search_removes_them() -> None:
    # One set for every stage (text.invisible): extraction kept LRM/RLM and U+2061-2064 while search dropped them,
    # so a body showed 图\u200e书馆 where the index read 图书馆.
    hidden = [p.replace("图书馆", "图\u200e书\u2062馆").replace("市", "\u200f市") for p in PARAGRAPHS]
    text = _extract(_page("<article>" + "".join(f"<p>{p}</p>" for p in hidden) + "</article>"))
    assert _has_every_paragraph(text)
    assert not any(ch in text for ch in "\u200e\u200f\u2062")


def test_headline_and_repeated_lead_caption_are_dropped() -> None:
    caption = "五月六日，居民在市中心的旧图书馆门口排队借书。"
    body = f"""<article><h1>新图书馆今夏开放</h1>
    <figure><img src="https://img.example.org/lead.jpg" alt="{caption}"><figcaption>{caption}</figcaption></figure>
    <p>{caption}</p>{ARTICLE}<p class="caption">{caption}</p></article>"""
    text = _extract(_page(body))
    assert _has_every_paragraph(text)
    assert text.count(caption) <= 1
    assert "新图书馆今夏开放" not in text


def test_feed_item_region_finder_is_not_used_on_an_ordinary_page() -> None:
    # an ordinary page that ends with "a heading and one block", the shape of a rendered feed item
    trailer = "<h2>编辑推荐</h2><div>" + "这是页面底部的一段推荐文字，介绍本站的其他栏目和服务内容。" * 2 + "</div>"
    text = _extract(_page(f"<div id='main'>{ARTICLE}</div>{trailer}"))
    assert _has_every_paragraph(text)  # the feed-item finder would have returned the trailer alone


def test_only_bare_documents_count_as_rendered_feed_items() -> None:
    feed_item = "<html><head><title>t</title></head><body><h2><a href='x'>t</a></h2><div>" + ARTICLE + "</div></body></html>"
    assert is_bare_document(parse_document(feed_item))
    assert not is_bare_document(parse_document(_page(ARTICLE)))


FURNITURE = {
    "ticker": ('<div class="market">上证指数 3,105.21 +0.35% 深证成指 9,876.54 -0.12%</div>', "3,105.21"),
    "weather": ('<div class="wx">北京 晴 23°C</div>', "23°C"),
    "less/more toggle": ('<p><a href="#">less</a> / <a href="#">… more</a></p>', "more"),
    "expand toggle": ("<p>展开全文</p>", "展开全文"),
    "related list": ("""<h3>相关阅读</h3><ul><li><a href="/a">另一篇关于城市公园改造的报道</a></li>
        <li><a href="/b">地铁新线路下月试运行</a></li><li><a href="/c">市民热议公共交通票价调整</a></li></ul>""", "地铁新线路"),
    "related list label": ("""<h3>相关阅读</h3><ul><li><a href="/a">另一篇关于城市公园改造的报道</a></li>
        <li><a href="/b">地铁新线路下月试运行</a></li></ul>""", "相关阅读"),
    "bare URL line": (f"<p>{URL}</p>", URL),
}


@pytest.mark.parametrize("kind", FURNITURE)
def test_page_furniture_inside_the_article_is_dropped(kind: str) -> None:
    junk_html, junk_text = FURNITURE[kind]
    if kind in ("ticker", "weather"):
        body = f'<div class="story">{junk_html}{ARTICLE}</div>'
    else:
        body = f'<div class="story">{ARTICLE}{junk_html}</div>'
    text = _extract(_page(body))
    assert _has_every_paragraph(text)
    assert junk_text not in text


def test_markdown_is_not_rendered_at_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(html: str) -> str:
        raise AssertionError("html_to_markdown called during extraction")

    monkeypatch.setattr(render, "html_to_markdown", refuse)
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=_page(ARTICLE), url=URL))
    assert article.body_markdown == "" and _has_every_paragraph(article.body_text)


def test_link_lists_and_their_label_are_dropped_from_a_region() -> None:
    region = parse_fragment(f"""<div>{ARTICLE}<h3>相关阅读</h3><ul><li><a href="/a">另一篇关于城市公园改造的报道</a></li>
        <li><a href="/b">地铁新线路下月试运行</a></li></ul><p>这一段在列表之后，仍是正文的一部分，应当保留下来。</p></div>""")
    drop_page_furniture(region, page_url=URL)
    text = text_of(region)
    assert "另一篇" not in text and "相关阅读" not in text
    assert PARAGRAPHS[-1] in text and "应当保留下来" in text


def test_stamp_and_byline_under_the_headline_give_date_with_zone_and_author() -> None:
    header = """<div class="related"><p>2020-01-01 08:00 另一篇旧文章的时间</p></div>
    <h1>新图书馆今夏开放</h1><div class="info"><span>2024年05月06日 14:25</span><span>来源：示例新闻网</span>
    <span>作者：张明远</span></div>"""
    html = _page(header + f"<div class='content'>{ARTICLE}</div>").replace(
        "</head>", '<meta property="article:published_time" content="2024-05-06"></head>')
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=URL))
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2024-05-06T14:25:00+08:00"
    assert article.authors == ["张明远"]
    assert article.title == "新图书馆今夏开放"


def test_headline_is_the_visible_line_the_page_title_starts_with() -> None:
    head = HEAD.replace("新图书馆今夏开放_示例新闻网", "新图书馆今夏开放 市文化局")
    html = _page(f"<div class='t'>新图书馆今夏开放</div><div>{ARTICLE}</div>", head=head)
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=URL)).title == "新图书馆今夏开放"


@pytest.mark.parametrize("line", ["来源：示例新闻网", "（责任编辑：王小二）", "编辑：李四 校对：赵五", "2024-05-06 14:25 来源：示例新闻网"])
def test_source_editor_and_stamp_lines_are_dropped_from_the_text(line: str) -> None:
    text = _extract(_page(f"<div class='story'><p>{line}</p>{ARTICLE}<p>{line}</p></div>"))
    assert _has_every_paragraph(text) and line not in text


def test_readability_takes_over_when_cleaning_empties_the_chosen_region(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsmirror.extract.containers as containers

    monkeypatch.setattr(containers, "article_html", lambda document, url, content: "<div><p>来源：示例新闻网</p></div>")
    assert _has_every_paragraph(_extract(_page(f"<div>{ARTICLE}</div>")))


def _text_trafilatura_reads(monkeypatch: pytest.MonkeyPatch, html: str) -> str:
    seen: list[str] = []
    original = webpage._trafilatura_candidate

    def spy(document: object, url: str, fast: bool = False) -> object:
        seen.append(document.text_content())  # type: ignore[attr-defined]
        return original(document, url, fast=fast)  # type: ignore[arg-type]

    monkeypatch.setattr(webpage, "_trafilatura_candidate", spy)
    _extract(html)
    return seen[0]


def test_trafilatura_reads_a_chinese_page_without_its_layout_junk(monkeypatch: pytest.MonkeyPatch) -> None:
    ranking = "<div class='hot-rank'><p>本周热门排行：第一名的文章标题，第二名的文章标题。</p></div>"
    read = _text_trafilatura_reads(monkeypatch, _page(f"<div class='story'>{ARTICLE}</div>{ranking}"))
    assert PARAGRAPHS[0] in read and "热门排行" not in read


def test_trafilatura_reads_other_pages_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    story = "<p>The council said on Monday that three new libraries would open this summer.</p>" * 3
    ranking = "<div class='hot-rank'><p>Most read this week: the first headline, the second one.</p></div>"
    read = _text_trafilatura_reads(monkeypatch, _page(f"<div class='story'>{story}</div>{ranking}"))
    assert "Most read this week" in read


def test_an_english_page_quoting_some_chinese_is_no_chinese_text() -> None:
    quote = "中文引文" * 15  # 60 Han characters
    english = "The council said on Monday that three new libraries would open this summer. " * 12
    assert webpage.is_chinese_text(quote + "。" + PARAGRAPHS[0])
    assert not webpage.is_chinese_text(english + quote)


def test_region_wins_where_trafilatura_kept_no_running_text() -> None:
    prose = "\n".join(["The council said on Monday that three new libraries would open this summer."] * 5)
    region = webpage.Candidate("density", "<div></div>", prose)
    stray = webpage.Candidate("trafilatura", "<p></p>", "Subscribe\nOur newsletter\nMost read")
    short_article = webpage.Candidate("trafilatura", "<p></p>", "A short item: the mayor opened the new library today.\n" * 3)
    assert webpage.choose(region, stray) is region
    assert webpage.choose(region, short_article) is short_article  # it has running text of its own


def test_chinese_article_inside_a_junk_named_wrapper_is_not_lost() -> None:
    # the layout pruning drops blocks named like widgets ("share", "more"); when that takes the
    # article, trafilatura reads the whole page again
    text = _extract(_page(f"<div class='share-more-box'>{ARTICLE}</div>"))
    assert _has_every_paragraph(text)


def test_prune_empty_removes_nested_empty_blocks_and_keeps_images_cells_and_word_breaks() -> None:
    from newsmirror.extract.layout import prune_empty

    root = parse_fragment("""<div><div><p> </p><div><span>\u00a0</span></div></div>
        <p>one<span> </span>two</p><div><a href="x"><img src="a.jpg"></a></div>
        <table><tr><td></td><td>x</td></tr></table><section><br></section></div>""")
    prune_empty(root)
    html = lxml_tostring(root)
    assert "<section" not in html and "<p> </p>" not in html and html.count("<div") == 3
    assert "a.jpg" in html and html.count("<td") == 2
    assert text_of(root).startswith("one two")


def lxml_tostring(element: object) -> str:
    import lxml.html

    return lxml.html.tostring(element, encoding="unicode")  # type: ignore[arg-type]


ENGLISH = ("The city council announced on Monday that three new libraries will open this summer, "
           "with longer hours and free study desks for students. ") * 4


def test_fast_trafilatura_fragment_beside_a_region_of_running_text_is_suspected() -> None:
    region = webpage.Candidate("density", "", "\n".join([ENGLISH] * 3))
    box = webpage.Candidate("trafilatura", "", "Sign up for our newsletter and choose a date. We will send you offers.")
    inside = webpage.Candidate("trafilatura", "", ENGLISH)
    assert webpage._fragment_of_the_page(region, box)
    assert not webpage._fragment_of_the_page(region, inside)


def test_a_suspected_fragment_is_replaced_by_trafilaturas_full_run(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    original = webpage._trafilatura_candidate

    def fragment_when_fast(document, url, *, fast=False):  # type: ignore[no-untyped-def]
        calls.append(fast)
        if fast:
            return webpage.Candidate("trafilatura", "<p>Choose a date. We send offers.</p>", "Choose a date. We send offers.")
        return original(document, url, fast=False)

    monkeypatch.setattr(webpage, "_trafilatura_candidate", fragment_when_fast)
    body = "".join(f"<p>{ENGLISH}</p>" for _ in range(3))
    html = f"<!DOCTYPE html><html>{HEAD}<body>{NAV}<article><h1>Libraries</h1>{body}</article></body></html>"
    text = _extract(html)
    assert calls == [True, False]
    assert "Choose a date" not in text and "three new libraries" in text
