"""What a Chinese page sets around its text, inside the column the region finder takes: the next article that
infinite scroll loads under the first, a site's or platform's statement below the text (with the contact table
under it), a breadcrumb trail above the text. Each goes; text of the same shapes inside the article stays."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.extract.clean import clean_html
from newsmirror.extract.dom import parse_fragment
from newsmirror.extract.profiles import GENERIC
from newsmirror.extract.render import paragraphs_in
from newsmirror.model import DocumentKind, RawDocument
from tests.extract.test_label_ends import PARAGRAPHS

HEAD = ('<head><meta charset="utf-8"><title>新图书馆今夏开放 - 本地新闻 - 示例日报</title>'
        '<link rel="stylesheet" href="/site.css"></head>')
NEXT = [
    "港口管理局周二表示，新码头的第二期工程已经完工，下周起可以停靠大型货轮。",
    "管理局官员说，新码头每年可以多处理两百万个集装箱，并为附近居民带来上千个工作机会。",
    "有船运公司表示，他们已经计划把部分航线转到新码头，以缩短货物的等候时间。",
    "港口管理局还说，第三期工程将在明年动工，预计三年后全部完成，届时码头规模将扩大一倍。",
]


def _page(column: str) -> str:
    return f"<!DOCTYPE html><html>{HEAD}<body><div class='column'>{column}</div></body></html>"


def _article(column: str) -> list[str]:
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=_page(column),
                                          url="https://news.example.com.my/a/7.html"))
    return article.body_text.split("\n\n")


def _story(title: str, paragraphs: list[str], kind: str) -> str:
    return (f"<div class='{kind}-header'><div class='story-title'><h1>{title}</h1></div></div>"
            f"<div class='story-content'>{''.join(f'<p>{line}</p>' for line in paragraphs)}</div>")


def test_the_next_article_loaded_under_the_first_goes() -> None:
    first = _story("新图书馆今夏开放", PARAGRAPHS, "primary")
    # the loaded article's headline sits in the headline's wrapper (same tag and class) as a div
    # (its meta line and tag links above it, as the first article's)
    second = (f"<div id='next'><span>发布：2024-11-11 7:00am</span><a href='/t/1'>港口</a><a href='/t/2'>航运</a>"
              f"<div class='story-title'>新码头下周启用</div>"
              f"<div class='story-content'>{''.join(f'<p>{line}</p>' for line in NEXT)}</div></div>")
    assert _article(first + second) == PARAGRAPHS


def test_a_block_opening_with_running_text_before_a_headline_of_that_class_stays() -> None:
    # running text above the other headline: the block is not an article that starts with its headline
    box = (f"<div id='box'><p>{NEXT[0]}{NEXT[1]}</p><div class='story-title'>新码头下周启用</div>"
           f"{''.join(f'<p>{line}</p>' for line in NEXT[2:])}</div>")
    body = _article(_story("新图书馆今夏开放", PARAGRAPHS, "primary") + box)
    assert NEXT[-1] in body


def test_a_second_heading_of_the_article_with_its_section_stays() -> None:
    # a section heading of the text (another class than the headline's) over paragraphs of its own
    section = (f"<div class='section'><h2 class='section-title'>码头的第二期工程</h2>"
               f"{''.join(f'<p>{line}</p>' for line in NEXT)}</div>")
    body = _article(_story("新图书馆今夏开放", PARAGRAPHS, "primary") + section)
    assert all(line in body for line in NEXT)


def test_a_related_box_repeating_the_headline_class_without_text_stays_out_of_the_rule() -> None:
    # another headline of the same class with no running text under it is a teaser, not an article
    teaser = "<div class='more'><div class='story-title'>新码头下周启用</div><p>港口新闻</p></div>"
    body = _article(_story("新图书馆今夏开放", PARAGRAPHS, "primary") + teaser)
    assert PARAGRAPHS[-1] in body


def test_a_platform_statement_below_the_text_goes_with_the_contact_table_under_it() -> None:
    statement = ("<p>免责声明：本平台部分信息转载自网络，仅代表原作者个人观点，版权归原作者所有。如有侵权，请联系删除。</p>"
                 "<table><tr><td>服务电话</td></tr><tr><td>市民热线</td><td>12345678</td></tr>"
                 "<tr><td>失物招领</td><td>87654321</td></tr></table>")
    body = _article("<div class='text'>" + "".join(f"<p>{line}</p>" for line in PARAGRAPHS) + statement + "</div>")
    assert body == PARAGRAPHS


def test_a_statement_reported_in_the_news_stays() -> None:
    reported = "市议会声明：预算审议将于下月初举行，所有会议都向公众开放，市民可以在网上提前登记旁听。"
    body = _article("<div class='text'>" + "".join(f"<p>{line}</p>" for line in [*PARAGRAPHS, reported]) + "</div>")
    assert body == [*PARAGRAPHS, reported]


def _cleaned_region(region: str) -> list[str]:
    """The body text of a region a page's candidates chose (the cleaning of a web page's region)."""
    cleaned = clean_html(region, GENERIC, title="新图书馆今夏开放", web_page=True)
    return paragraphs_in(parse_fragment(cleaned.html))


def test_a_breadcrumb_trail_above_the_text_goes() -> None:
    # an old portal's table layout: the trail in a cell of a small table above the text, in the region
    trail = ("<table><tr><td><img src='/i/dot.gif'></td><td>您当前的位置：<a href='/'>新闻中心</a> &gt; "
             "<a href='/local/'>本地新闻</a> &gt; <a href='/local/city/'>城市</a> 正文</td></tr></table>")
    text = "".join(f"<p>{line}</p>" for line in PARAGRAPHS)
    assert _cleaned_region(f"<div>{trail}{text}</div>") == PARAGRAPHS


def test_a_line_with_links_and_arrows_that_says_more_than_its_links_stays() -> None:
    route = "路线：从<a href='/s'>火车站</a>坐公交 &gt; 到<a href='/l'>图书馆站</a>下车，步行五分钟。"
    text = "<tr><td>" + "".join(f"<p>{line}</p>" for line in [route, *PARAGRAPHS]) + "</td></tr>"
    assert _article(f"<table>{text}</table>")[0] == "路线：从火车站坐公交 > 到图书馆站下车，步行五分钟。"
