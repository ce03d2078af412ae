"""Publication time with its zone on whole web pages: each mechanism on a small hand-written page."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsmirror.extract import extract_article
from newsmirror.extract.page_header import line_above_stamp
from newsmirror.extract.zones import country_zone, site_zone
from newsmirror.model import DocumentKind, RawDocument

PARAGRAPHS = [
    "市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便居民借阅图书和参加活动。",
    "负责这个项目的官员表示，新图书馆将延长开放时间，并为学生提供免费的自习座位和网络。",
    "有居民说，过去要坐四十分钟公交车才能到最近的图书馆，这次的新馆离家只有十分钟路程。",
]
ARTICLE = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)


def _page(body: str, head_extra: str = "", title: str = "新图书馆今夏开放_示例新闻网") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="stylesheet" href="/site.css">{head_extra}</head><body>'
            '<nav><a href="/">首页</a> <a href="/news">新闻动态</a></nav>'
            f"{body}<footer><p>版权所有 示例新闻网</p></footer></body></html>")


def _published(html: str, url: str = "") -> str:
    published = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url)).published_at
    return published.isoformat() if published is not None else "none"


def test_naive_meta_date_is_read_in_the_zone_of_the_sites_country() -> None:
    html = _page(f"<h1>新图书馆今夏开放</h1>{ARTICLE}",
                 '<meta name="PubDate" content="2024-05-06 14:25:00">')  # name in any case
    assert _published(html, "https://news.example.com.tw/a/1.html") == "2024-05-06T14:25:00+08:00"
    assert _published(html, "https://news.example.de/a/1.html") == "2024-05-06T14:25:00+02:00"


def test_saved_page_without_url_takes_the_zone_of_the_address_it_declares() -> None:
    head = ('<meta property="article:published_time" content="2024-01-10T09:00:00">'
            '<link rel="canonical" href="https://www.example.co.uk/news/1">')
    html = _page(f"<h1>新图书馆今夏开放</h1>{ARTICLE}", head)
    assert _published(html) == "2024-01-10T09:00:00+00:00"


def test_chinese_page_of_unknown_origin_is_read_at_utc_plus_eight() -> None:
    html = _page(f"<h1>新图书馆今夏开放</h1>{ARTICLE}", '<meta name="publishdate" content="2024-05-06 14:25">')
    assert _published(html, "https://news.example.com/a/1.html") == "2024-05-06T14:25:00+08:00"


def test_json_ld_date_published_is_read() -> None:
    script = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-06T06:25:00Z"}</script>'
    # the instant, on the clock of the site's zone (a Chinese page of unknown origin: Beijing)
    assert _published(_page(f"<h1>新图书馆今夏开放</h1>{ARTICLE}", script)) == "2024-05-06T14:25:00+08:00"


def test_a_date_inside_a_sentence_is_not_the_stamp() -> None:
    story = ("2024年4月30日下午，市文化局局长一行到三座新馆的工地实地考察，听取了施工单位关于工程进度、"
             "安全管理和开放准备工作的详细汇报，并对下一步工作提出了具体要求。")
    body = f"<h1>新图书馆今夏开放</h1><div class='c'><p>{story}</p>{ARTICLE}<p>发布日期：2024-05-06</p></div>"
    assert _published(_page(body)) == "2024-05-06T00:00:00+08:00"


@pytest.mark.parametrize(("stamp", "expected"), [
    ("2024年05月06日 格林尼治标准时间 06:25", "2024-05-06T06:25:00+00:00"),
    ("2024-05-06 14:25 北京时间", "2024-05-06T14:25:00+08:00"),
    ("2024-05-06 14:25 GMT+8", "2024-05-06T14:25:00+08:00"),
])
def test_a_zone_written_with_the_stamp_wins(stamp: str, expected: str) -> None:
    html = _page(f"<h1>新图书馆今夏开放</h1><div class='info'>{stamp}</div>{ARTICLE}")
    assert _published(html, "https://news.example.de/a/1.html") == expected


def test_section_name_title_gives_way_to_the_headline_above_the_stamp() -> None:
    body = ("<h3>首页 - 新闻动态</h3><h5>本市三座社区图书馆今夏同时开放！</h5>"
            f"<div><b>发布时间：2024-05-06</b> <i>来源：示例新闻网</i></div><div class='c'>{ARTICLE}</div>")
    html = _page(body, title="新闻动态--示例学会官网")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=""))
    assert article.title == "本市三座社区图书馆今夏同时开放！"
    assert article.published_at is not None and article.published_at.isoformat() == "2024-05-06T00:00:00+08:00"


def test_line_above_stamp_is_not_taken_when_it_is_prose() -> None:
    lines = ["首页", PARAGRAPHS[0] * 2, "发布时间：2024-05-06 来源：示例新闻网"]
    assert line_above_stamp(lines) == ""
    assert line_above_stamp(["首页", "本市三座社区图书馆今夏同时开放", lines[2]]) == "本市三座社区图书馆今夏同时开放"


def test_publish_time_kept_in_a_script_as_unix_seconds() -> None:
    # pages that print only "昨天" keep the instant in a script (WeChat: var ct = "…")
    body = f"<h1>新图书馆今夏开放</h1><div>昨天</div>{ARTICLE}<script>var ct = \"1714976700\";</script>"
    expected = datetime.fromtimestamp(1714976700).astimezone().isoformat()
    published = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=_page(body), url="")).published_at
    assert published is not None and published.astimezone().isoformat() == expected
    assert published.utcoffset() is not None


def test_a_day_only_stamp_takes_the_time_of_day_a_script_keeps_for_that_day() -> None:
    # WeChat prints the day only and keeps the instant as Unix seconds in a script
    def page(seconds: int) -> str:
        return _page(f"<h1>新图书馆今夏开放</h1><div>2024-05-06</div>{ARTICLE}<script>var ct = \"{seconds}\";</script>")

    assert _published(page(1714976700)) == "2024-05-06T14:25:00+08:00"  # 06:25 UTC
    # an instant on another day is not this day's time (a save or an edit): the day stays
    assert _published(page(1715062800)) == "2024-05-06T00:00:00+08:00"


def test_zone_table() -> None:
    assert country_zone("https://www.example.com.hk/x") == "Asia/Hong_Kong"
    assert country_zone("https://www.example.com/x") == ""
    assert site_zone("https://www.example.com/x", chinese=False) == "UTC"
    assert site_zone("", chinese=True) == "Asia/Shanghai"
    assert site_zone("https://www.epochtimes.com/gb/1.html", chinese=True) == "America/New_York"  # profile first


def test_a_today_widget_above_the_headline_is_not_the_stamp() -> None:
    # the <title> words the headline otherwise, so the stamp is looked for below the page's <h1>
    body = ("<div class='top'>今天是2024年6月1日 星期六</div><div>天气 晴</div>"
            f"<h1>三座社区图书馆将在夏天开放</h1><div class='info'>2024-05-06 14:25 来源：示例新闻网</div>{ARTICLE}")
    assert _published(_page(body, title="本市新建图书馆_示例新闻网")) == "2024-05-06T14:25:00+08:00"
    widget_only = "<div class='top'>今天是2024年6月1日 星期六</div>" + f"<h1>三座社区图书馆将在夏天开放</h1>{ARTICLE}"
    assert _published(_page(widget_only, title="本市新建图书馆_示例新闻网")) == "none"


def test_a_timed_stamp_below_the_text_does_not_replace_the_day_under_the_headline() -> None:
    related = "<ul><li><a href='/b'>另一条新闻标题</a> 2024-04-28 09:30</li></ul>"
    article = "".join(f"<p>{text}{text}</p>" for text in PARAGRAPHS)  # running text: lines of 60+ characters
    body = f"<h1>新图书馆今夏开放</h1><div class='info'>2024-05-06</div>{article}{related}"
    assert _published(_page(body)) == "2024-05-06T00:00:00+08:00"
    head = '<meta name="publishdate" content="2024-05-06 14:25">'
    assert _published(_page(f"<h1>新图书馆今夏开放</h1>{article}{related}", head)) == "2024-05-06T14:25:00+08:00"


def test_a_day_under_the_headline_beats_metadata_of_another_day() -> None:
    body = f"<h1>新图书馆今夏开放</h1><div class='info'>2024-05-06 来源：示例新闻网</div>{ARTICLE}"
    # metadata of another day (a page-generation or update time): the visible day wins
    assert _published(_page(body, '<meta name="pubdate" content="2024-05-09 10:00:00">')) == "2024-05-06T00:00:00+08:00"
    # metadata on the stamp's own day fills in the time of day
    assert _published(_page(body, '<meta name="pubdate" content="2024-05-06 10:00:00">')) == "2024-05-06T10:00:00+08:00"


@pytest.mark.parametrize(("stamp", "expected"), [
    ("2024年5月6日 下午2:25", "2024-05-06T14:25:00+08:00"),
    ("2024年5月6日 晚上8:05", "2024-05-06T20:05:00+08:00"),
    ("2024年5月6日 上午12:05", "2024-05-06T00:05:00+08:00"),
    ("2024年5月6日 中午12:30", "2024-05-06T12:30:00+08:00"),
])
def test_a_twelve_hour_clock_with_its_half_of_the_day(stamp: str, expected: str) -> None:
    assert _published(_page(f"<h1>新图书馆今夏开放</h1><div class='info'>{stamp}</div>{ARTICLE}")) == expected


def test_a_stamp_without_year_takes_it_from_a_date_the_page_gives_elsewhere() -> None:
    body = f"<h1>新图书馆今夏开放</h1><div class='info'>12-31 23:25 来源：示例新闻网</div>{ARTICLE}"
    # an update time in the metadata: the stamp's day is the last 12-31 before it
    updated = '<meta itemprop="dateUpdate" content="2025-01-02 10:00:00">'
    assert _published(_page(body, updated)) == "2024-12-31T23:25:00+08:00"
    # the day in the page's address
    month_day = f"<h1>新图书馆今夏开放</h1><div class='info'>5月6日 14:25 来源：示例新闻网</div>{ARTICLE}"
    assert _published(_page(month_day), "https://news.example.cn/2024/05/06/a.html") == "2024-05-06T14:25:00+08:00"
    # nothing to take a year from: no date
    assert _published(_page(body)) == "none"


@pytest.mark.parametrize(("stamps", "expected"), [
    # the update line printed first is the last change, not the publication
    ("<p>更新时间：2024-05-10 12:00</p><p>发布时间：2024-05-09 08:00 来源：示例新闻网</p>", "2024-05-09T08:00:00+08:00"),
    ("<p>发布时间：2024-05-09 08:00 最后更新：2024-05-10 12:00</p>", "2024-05-09T08:00:00+08:00"),
    # a page that prints only its update time is dated by it (nothing else states a time)
    ("<p>最新更新：2024-05-10 12:00</p>", "2024-05-10T12:00:00+08:00"),
])
def test_an_update_stamp_gives_way_to_the_publication_stamp(stamps: str, expected: str) -> None:
    html = _page(f"<h1>新图书馆今夏开放</h1>{stamps}{ARTICLE}")
    assert _published(html, "https://news.example.cn/a.html") == expected


def test_a_stamp_labelled_as_another_articles_is_skipped() -> None:
    stamps = "<p>最新推荐文章于 2024-05-10 22:12:13 发布</p><p>示例作者 于 2024-05-09 15:47:53 发布</p>"
    html = _page(f"<h1>新图书馆今夏开放</h1>{stamps}{ARTICLE}")
    assert _published(html, "https://blog.example.cn/a.html") == "2024-05-09T15:47:53+08:00"


def test_metadata_times_the_day_under_the_headline_not_a_later_copy_of_the_headline() -> None:
    from datetime import timedelta, timezone

    from newsmirror.extract.page_header import read_header

    text = ["市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便附近的居民借阅图书、参加读书会和各类文化活动，"
            "也为老人和孩子提供更多去处。",
            "负责这个项目的官员表示，新图书馆将延长开放时间，并为学生提供免费的自习座位和网络服务，周末还会举办讲座、"
            "展览和亲子活动，欢迎市民参加。"]
    lines = ["新图书馆今夏开放", "2023/08/25 高明远", *text, "相关文章", "新图书馆今夏开放", "2023-08-25 18:03"]
    meta = datetime(2023, 8, 25, 15, 40, 6, tzinfo=timezone(timedelta(hours=8)))
    header = read_header(lines, "新图书馆今夏开放", "Asia/Shanghai", reference=meta)
    assert header.published is not None and header.published.date().isoformat() == "2023-08-25"
    assert not header.has_time and header.authors == ["高明远"]
    # without a time from the metadata, the copy's stamp on the same day still completes it
    assert read_header(lines, "新图书馆今夏开放", "Asia/Shanghai").has_time


def test_a_stamp_on_the_headlines_own_line_beats_the_sites_clock() -> None:
    # no <h1>: the headline is a table cell that also holds the stamp, glued to it; the top bar
    # shows the day the page was saved
    body = ('<div class="top">2014/12/13 星期六 │加入最愛│手機版</div>'
            f"<table><tr><td>新图书馆今夏开放<span>2014/12/1 18:13</span></td></tr></table>{ARTICLE}")
    html = _page(body, title="新图书馆今夏开放")
    assert _published(html, "https://news.example.com.tw/a/1.html") == "2014-12-01T18:13:00+08:00"


def test_a_title_the_page_never_prints_is_not_the_headline() -> None:
    # the <title> is the site's slogan on every page; the headline is the line above the stamp,
    # over the short label lines set between them
    body = ("<div>新图书馆今夏开放</div><div>产生缩网址</div><div>编译中心</div>"
            f"<div>2014年12月13日 09:33</div>{ARTICLE}")
    html = _page(body, title="示例传媒　一个有国际观、专注揭弊的新媒体！")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.tw/a/1.html"))
    assert article.title == "新图书馆今夏开放"
    assert article.published_at is not None and article.published_at.isoformat() == "2014-12-13T09:33:00+08:00"


def test_line_above_stamp_steps_over_at_most_two_short_label_lines() -> None:
    stamp = "2014年12月13日 09:33"
    assert line_above_stamp(["首页", "本市三座社区图书馆今夏同时开放", "分享", "编译中心", stamp]) \
        == "本市三座社区图书馆今夏同时开放"
    assert line_above_stamp(["首页", "本市三座社区图书馆今夏同时开放", "分享", "转发", "编译中心", stamp]) == ""


@pytest.mark.parametrize(("stamp", "expected"), [
    ("2024-05-06 HKT 14:25", "2024-05-06T14:25:00+08:00"),  # the zone between day and time
    ("2024-05-06 14:25 HKT", "2024-05-06T14:25:00+08:00"),
    ("2024-05-06 UTC 06:25", "2024-05-06T06:25:00+00:00"),
    ("2024-05-06 EDT 02:25", "2024-05-06T02:25:00-04:00"),
])
def test_a_zone_abbreviation_between_day_and_time_keeps_the_time(stamp: str, expected: str) -> None:
    html = _page(f"<h1>新图书馆今夏开放</h1><div class='info'>{stamp}</div>{ARTICLE}")
    assert _published(html, "https://news.example.de/a/1.html") == expected


def test_a_headline_printed_over_two_lines_is_found_before_the_sites_clock() -> None:
    # no <h1>: the headline is set as two lines that the <title> joins; the top bar shows the day
    # the page was saved, before the headline's own day
    body = ('<div class="top">本站时间：2024年05月08日 星期三</div><div class="nav">热门：三座图书馆今夏开放</div>'
            "<div class='h'><div>新图书馆今夏开放 三区先行</div><div>学生可免费自习上网</div></div>"
            f"<div>2024/05/06</div>{ARTICLE}")
    html = _page(body, title="新图书馆今夏开放 三区先行 学生可免费自习上网 - 示例新闻网 - 本地")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.hk/a/1.html"))
    assert article.title == "新图书馆今夏开放 三区先行 学生可免费自习上网"
    assert article.published_at is not None and article.published_at.isoformat() == "2024-05-06T00:00:00+08:00"


@pytest.mark.parametrize(("stamp", "url", "expected"), [
    # a CMS that prints the year with two digits, day first after it ("16-05-17 09:22")
    ("16-05-17 09:22", "", "2016-05-17T09:22:00+08:00"),
    ("来源：示例新闻网 24-05-06 14:25:30", "", "2024-05-06T14:25:30+08:00"),
    # never as a day after the one the page's address gives
    ("24-05-06 14:25", "https://news.example.cn/2023/05/06/a.html", "2023-05-06T00:00:00+08:00"),
])
def test_a_stamp_with_a_two_digit_year(stamp: str, url: str, expected: str) -> None:
    html = _page(f"<h1>新图书馆今夏开放</h1><div class='info'>{stamp}</div>{ARTICLE}")
    assert _published(html, url) == expected


def _nav(host: str, count: int) -> str:
    return "".join(f'<a href="https://{host}/news/{n}/">栏目{n}</a> ' for n in range(count))


def test_saved_page_declaring_no_address_takes_the_zone_of_the_site_its_own_links_lead_to() -> None:
    # a New Zealand outlet's stamp, no metadata, a relative canonical: its navigation names the site
    body = f"<div>{_nav('www.example.co.nz', 30)}</div><h1>新图书馆今夏开放</h1><p>By 示例网· 2023年03月24日 16:05</p>"
    html = _page(body + ARTICLE, '<link rel="canonical" href="/">')
    assert _published(html) == "2023-03-24T16:05:00+13:00"
    # a few links to another country's site (a source, share buttons) do not place the page
    few = _page(f"<div>{_nav('www.example.co.nz', 5)}</div><h1>新图书馆今夏开放</h1>"
                f"<p>By 示例网· 2023年03月24日 16:05</p>{ARTICLE}")
    assert _published(few) == "2023-03-24T16:05:00+08:00"
    # nor do links split between sites, none of them most of the page's links
    mixed = _page(f"<div>{_nav('www.example.co.nz', 25)}{_nav('www.example.com', 25)}</div>"
                  f"<h1>新图书馆今夏开放</h1><p>By 示例网· 2023年03月24日 16:05</p>{ARTICLE}")
    assert _published(mixed) == "2023-03-24T16:05:00+08:00"


def test_a_day_only_stamp_takes_its_time_from_the_time_element_that_prints_that_day() -> None:
    stamp = '<p>發布時間／ <time datetime="2023-11-29T12:27:43.057Z">2023-11-29</time></p>'
    html = _page(f"<h1>新图书馆今夏开放</h1><p>文 / 陳玟穎</p>{stamp}{ARTICLE}")
    assert _published(html, "https://news.example.com.tw/a/1.html") == "2023-11-29T20:27:43.057000+08:00"
    # a <time> of another day (a related item's) lends no time to the stamp
    other = ('<p>發布時間／ 2023-11-29</p>'
             '<aside><time datetime="2023-11-28T12:27:43Z">2023-11-28</time></aside>')
    html = _page(f"<h1>新图书馆今夏开放</h1><p>文 / 陳玟穎</p>{other}{ARTICLE}")
    assert _published(html, "https://news.example.com.tw/a/1.html") == "2023-11-29T00:00:00+08:00"


@pytest.mark.parametrize(("title", "url", "expected"), [
    # an overseas edition naming its country and city: the city's zone (a day-only issue date, local midnight)
    ("新图书馆今夏开放 - 加西 - Example Daily Canada Vancouver Edition", "", "2017-04-07T00:00:00-07:00"),
    ("新图书馆今夏开放 - Example Daily Canada Toronto", "https://www.example.com/tor/1.htm", "2017-04-07T00:00:00-04:00"),
    # a country-code domain still outranks the page's name; a city without its country is no edition
    ("新图书馆今夏开放 - Example Daily Canada Vancouver", "https://www.example.com.hk/1.htm", "2017-04-07T00:00:00+08:00"),
    ("新图书馆今夏开放 - Phoenix Example TV", "", "2017-04-07T00:00:00+08:00"),
])
def test_an_overseas_edition_dates_in_the_zone_of_the_city_its_name_gives(title: str, url: str, expected: str) -> None:
    html = _page(f"<h1>新图书馆今夏开放</h1><p>2017年4月7日</p>{ARTICLE}", title=title)
    assert _published(html, url) == expected


def test_a_day_a_script_rendered_from_a_time_elements_instant_in_the_readers_zone() -> None:
    # the value is 2 November in Taipei; a browser in New York printed it as 1 November
    script = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-11-02T03:20:00.000Z"}</script>'
    stamp = '<p>示例日報</p><p><time datetime="2022-11-02T03:20:00.000Z">2022年11月1日</time></p>'
    html = _page(f"<h1>新图书馆今夏开放</h1>{stamp}{ARTICLE}", script)
    assert _published(html, "https://news.example.com.tw/a/1.html") == "2022-11-02T11:20:00+08:00"
    # a shown day no zone on Earth gives that instant is the page's word
    far = stamp.replace("2022年11月1日", "2022年10月30日")
    html = _page(f"<h1>新图书馆今夏开放</h1>{far}{ARTICLE}", script)
    assert _published(html, "https://news.example.com.tw/a/1.html") == "2022-10-30T00:00:00+08:00"


def test_a_clock_in_brackets_closing_the_headline_times_the_day_above_it() -> None:
    html = _page(f"<p>本地要聞</p><p>2024年3月5日星期二</p><h1>新图书馆今夏开放 (09:41)</h1>{ARTICLE}",
                 title="新图书馆今夏开放 (09:41) - 示例新聞網")
    assert _published(html, "https://news.example.com.hk/a/1.html") == "2024-03-05T09:41:00+08:00"
    # a headline without one keeps the day
    plain = html.replace(" (09:41)", "")
    assert _published(plain, "https://news.example.com.hk/a/1.html") == "2024-03-05T00:00:00+08:00"


@pytest.mark.parametrize(("meta", "stamp", "url", "expected"), [
    # the site's zone is a guess (a Chinese page of a generic or numeric address: Beijing); the page prints the
    # metadata's clock in the offset the metadata states: the metadata's instant (main took 02:00 in Beijing)
    ("2026-12-01T02:00:00+00:00", "2026-12-01 02:00", "http://127.0.0.1:8000/b/1.html", "2026-12-01T10:00:00+08:00"),
    ("2026-12-01T02:00:00Z", "2026年12月1日 02:00", "https://news.example.com/a/1.html", "2026-12-01T10:00:00+08:00"),
    # an offset other than UTC outranks even a known zone: no CMS labels Taipei's clock +09:00
    ("2026-12-01T02:00:00+09:00", "2026-12-01 02:00", "https://news.example.com.tw/a/1.html",
     "2026-12-01T02:00:00+09:00"),
])
def test_an_offset_the_metadata_states_wins_over_a_zoneless_stamp_of_its_clock(meta: str, stamp: str, url: str,
                                                                               expected: str) -> None:
    head = f'<meta property="article:published_time" content="{meta}">'
    html = _page(f"<h1>新图书馆今夏开放</h1><div class='info'>{stamp}</div>{ARTICLE}", head)
    assert _published(html, url) == expected


@pytest.mark.parametrize(("meta", "stamp", "url", "expected"), [
    # a known zone and a UTC label on the clock the page prints: a CMS labelling local time as UTC
    ("2026-12-01T02:00:00+00:00", "2026-12-01 02:00", "https://news.example.com.tw/a/1.html",
     "2026-12-01T02:00:00+08:00"),
    # the stamp names its zone: the page's word
    ("2026-12-01T02:00:00+00:00", "2026-12-01 02:00 北京时间", "https://news.example.com/a/1.html",
     "2026-12-01T02:00:00+08:00"),
    # another clock than the metadata's: the stamp by the headline, as before
    ("2026-12-01T02:00:00+00:00", "2026-12-01 11:30", "https://news.example.com/a/1.html",
     "2026-12-01T11:30:00+08:00"),
    # the clock agrees in the site's zone already
    ("2026-12-01T02:00:00+00:00", "2026-12-01 10:00", "https://news.example.com/a/1.html",
     "2026-12-01T10:00:00+08:00"),
    # a naive metadata value states no offset: the stamp by the headline
    ("2026-12-01 02:00:00", "2026-12-01 03:00", "https://news.example.com/a/1.html", "2026-12-01T03:00:00+08:00"),
])
def test_a_zoneless_stamp_keeps_winning_where_the_metadata_states_no_other_clock(meta: str, stamp: str, url: str,
                                                                                 expected: str) -> None:
    head = f'<meta property="article:published_time" content="{meta}">'
    html = _page(f"<h1>新图书馆今夏开放</h1><div class='info'>{stamp}</div>{ARTICLE}", head)
    assert _published(html, url) == expected
