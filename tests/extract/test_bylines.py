"""Reporters on Chinese news web pages: byline forms, closing credits and author metadata."""

from __future__ import annotations

import lxml.html
import pytest

from newsmirror.extract import extract_article
from newsmirror.extract.bylines import (
    closing_credit,
    credit_line,
    has_surname,
    meta_author,
    names_in,
    page_bylines,
)
from newsmirror.model import DocumentKind, RawDocument

PARAGRAPHS = [
    "市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便居民借阅图书和参加活动。",
    "负责这个项目的官员表示，新图书馆将延长开放时间，并为学生提供免费的自习座位和网络。",
    "有居民说，过去要坐四十分钟公交车才能到最近的图书馆，这次的新馆离家只有十分钟路程。",
]


@pytest.mark.parametrize(("line", "names"), [
    ("作者：高明远", ["高明远"]),
    ("【文/示例网专栏作者 高明远】", ["高明远"]),
    ("作者高明远", ["高明远"]),
    ("作者简介", []),
    ("示例日报讯（记者 高明远）市政府周一宣布，将开放三座新馆。", ["高明远"]),
    ("示例新闻记者 高明远", ["高明远"]),
    ("本站讯（职工通讯员 高明远 林小雨）周一宣布", ["高明远", "林小雨"]),
    ("采写：示例报记者 高明远 林小雨", ["高明远", "林小雨"]),
    ("高明远/示例青年报", ["高明远"]),
    ("原创： 高明远编译 示例研究", ["高明远"]),
    ("作者：高明远 来源：示例新闻网", ["高明远"]),
    # a closing credit that gives the writer's post and title before the name
    ("（本文来源：示例日报 作者：示例研究院城市研究所副所长、研究员高明远）", ["高明远"]),
    ("作者：示例大学历史系教授林小雨", ["林小雨"]),
    ("作者：示例大学历史系教授", []),
    ("示例报记者 高明远 林小雨 编辑 周海涛 校对 田静", ["高明远", "林小雨"]),  # not the editor or proofreader
    ("记者 高明远 通讯员 林小雨", ["高明远", "林小雨"]),
    ("记者 高明远 摄影 林小雨", ["高明远"]),
])
def test_byline_forms(line: str, names: list[str]) -> None:
    assert names_in(line) == names


@pytest.mark.parametrize("line", [
    "记者了解到，新图书馆将于七月开放。",  # "了解到" follows 记者 but is no name
    "他对记者说，新馆离家很近。",
    "责任编辑：高明远",
    "作者认为这个项目意义重大，值得推广到其他城市。",
])
def test_no_name_where_none_is_credited(line: str) -> None:
    assert names_in(line) == []


def test_names_after_a_space_need_a_surname() -> None:
    assert names_in("作者：高明远 北京报道") == ["高明远"]


def test_closing_credit_in_brackets() -> None:
    assert closing_credit(PARAGRAPHS[0] + "（高明远）") == ["高明远"]
    assert closing_credit(PARAGRAPHS[0] + "（完）") == []
    assert closing_credit(PARAGRAPHS[0] + "（发改局）") == []  # an office, no surname
    assert closing_credit("（高明远）") == []  # a bracketed name alone is no closing credit


def test_page_bylines_take_short_byline_lines_and_dateline_credits_only() -> None:
    assert page_bylines(["首页", "国内", "采写：示例报记者 高明远 林小雨", "作者：林小雨"]) == ["高明远", "林小雨"]
    assert page_bylines(["编辑：高明远", PARAGRAPHS[0]]) == []
    assert page_bylines(["示例日报讯（记者 高明远）" + PARAGRAPHS[0]]) == ["高明远"]


def _head(meta: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{meta}</head><body><p>x</p></body></html>")


def test_meta_author_only_when_the_page_shows_a_persons_name() -> None:
    lines = ["新图书馆今夏开放", "2024-05-06 来源：示例新闻网 高明远", "责任编辑：林小雨"]
    assert meta_author(_head('<meta name="author" content="高明远">'), lines) == ["高明远"]
    assert meta_author(_head('<meta name="author" content="Jane Doe">'), [*lines, "Jane Doe"]) == ["Jane Doe"]
    assert meta_author(_head('<meta name="author" content="林小雨">'), lines) == []  # shown only as editor
    assert meta_author(_head('<meta name="author" content="示例新闻网">'), lines) == []  # the site
    assert meta_author(_head('<meta name="author" content="EXAMPLE.NET">'), [*lines, "EXAMPLE.NET"]) == []
    assert meta_author(_head('<meta name="author" content="王小明">'), lines) == []  # not on the page
    both = '<meta name="author" content="高明远"><meta name="editor" content="高明远">'
    assert meta_author(_head(both), lines) == []


def test_surnames() -> None:
    assert has_surname("高明远") and has_surname("欧阳明") and has_surname("張小華")
    assert not has_surname("了解到") and not has_surname("欧阳")


def test_article_author_from_a_closing_credit() -> None:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:-1]) + f"<p>{PARAGRAPHS[-1]}（高明远）</p>"
    html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>新图书馆今夏开放_示例新闻网</title>'
            f'<link rel="stylesheet" href="/s.css"></head><body><nav><a href="/">首页</a></nav>'
            f"<h1>新图书馆今夏开放</h1><div class='c'>{body}</div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=""))
    assert article.authors == ["高明远"]


def test_a_latin_byline_on_a_chinese_page_is_the_last_resort() -> None:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    html = ('<html><head><meta charset="utf-8"><title>新图书馆今夏开放_示例新闻</title>'
            '<meta property="og:site_name" content="Example News"><link rel="stylesheet" href="/s.css"></head>'
            '<body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>'
            f"<h1>新图书馆今夏开放</h1><p>By John Smith</p><p>2024年5月6日</p>{body}"
            "<footer><p>版权所有 示例新闻</p></footer></body></html>")
    authors = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="https://zh.example.com/a")).authors
    assert authors == ["John Smith"]
    designed = html.replace("By John Smith", "Designed by Studio Mono")  # not a byline of the article
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=designed, url="https://zh.example.com/a")).authors \
        == []
    # a Chinese byline wins over it
    chinese = html.replace("<p>By John Smith</p>", "<p>By John Smith</p><p>记者 高明远</p>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=chinese, url="https://zh.example.com/a")).authors \
        == ["高明远"]


@pytest.mark.parametrize(("line", "names"), [
    # a byline of names, a slash and what they did (Taiwan outlets)
    ("高明遠／綜合報導", ["高明遠"]),
    ("高明遠／示例報導", ["高明遠"]),
    ("高明遠 林小雨／編譯", ["高明遠", "林小雨"]),
    ("高明遠 林小雨 陳大文／新北 台南報導", ["高明遠", "林小雨", "陳大文"]),
    ("編譯高明遠、記者林小雨／綜合報導", ["高明遠", "林小雨"]),  # the compiler's label written onto the name
    ("編輯 高明遠 報導", ["高明遠"]),  # the one named writer of this report
    ("2023/08/25 高明遠", ["高明遠"]),  # a columnist named after the stamp
    ("2023/08/25 轉角24小時", []),  # a desk's column, no person
    ("2023年08月25日 周五", []),  # a weekday
    ("国际／综合报道", []),  # a section, not a person
    ("相关 报道", []),
    ("作者文章", []),  # the heading of an author's other articles
    ("（譯者：高明遠/核稿：林小雨）1120823", ["高明遠"]),  # a translator writes a compiled report; not the checker
    ("（記者郭明、實習記者林小雨）", ["郭明", "林小雨"]),
    ("示例社记者 高明远 摄", []),  # a photographer
    ("(作者：高明远北京大学经济学院教授)", ["高明远"]),  # an affiliation written onto the name
    ("记者郭明、林小雨报道", ["郭明", "林小雨"]),  # the last name runs into 报道
    ("文/高明远编译", ["高明远"]),
    ("记者高明远发自北京", ["高明远"]),
])
def test_more_byline_forms(line: str, names: list[str]) -> None:
    assert names_in(line) == names


def test_labelled_credits_closing_the_text() -> None:
    assert closing_credit(PARAGRAPHS[0] + "（记者 高明远）") == ["高明远"]
    assert closing_credit(PARAGRAPHS[0] + "（譯者：高明遠/") == ["高明遠"]  # cut at the end of a line
    assert closing_credit(PARAGRAPHS[0] + "（示例日报）") == []


def test_credit_line_after_the_text() -> None:
    assert credit_line("（高明远）") == ["高明远"]
    assert credit_line("(作者：高明远北京大学经济学院教授)") == ["高明远"]
    assert credit_line("（完）") == [] and credit_line("（发改局）") == []


def test_a_byline_naming_the_pages_editor_is_the_web_editors() -> None:
    assert page_bylines(["作者：高明远", "责任编辑：高明远", PARAGRAPHS[0]]) == []
    assert page_bylines(["作者：高明远", "责任编辑：林小雨", PARAGRAPHS[0]]) == ["高明远"]


def test_meta_author_that_is_the_outlets_name() -> None:
    lines = ["新图书馆今夏开放", "EXNEWS", "Example News"]
    assert meta_author(_head('<meta name="author" content="EXNEWS">'), lines) == []  # an acronym
    outlet = '<meta name="author" content="Example News"><meta property="og:site_name" content="Example News">'
    assert meta_author(_head(outlet), lines) == []


def _chinese_page(header: str, tail: str) -> str:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>新图书馆今夏开放_示例新闻网</title>'
            f'<link rel="stylesheet" href="/s.css"></head><body><nav><a href="/">首页</a></nav>'
            f"<h1>新图书馆今夏开放</h1>{header}<div class='c'>{body}{tail}</div>"
            "<footer><p>版权所有 示例新闻网</p></footer></body></html>")


def test_article_author_credited_after_the_text_when_the_header_names_the_editor() -> None:
    html = _chinese_page("<p>2024-05-06 10:00</p><p>作者：周海涛</p><p>责任编辑：周海涛</p>",
                         "<p>(作者：高明远北京大学经济学院教授)</p><p>【编辑:周海涛】</p>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["高明远"]
    alone = _chinese_page("<p>2024-05-06 10:00</p>", "<p>（高明远）</p><p>相关新闻</p>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=alone, url="")).authors == ["高明远"]


def test_a_label_line_then_the_name_on_the_next() -> None:
    html = _chinese_page("<p>2024-05-06 10:00</p><p>作者：</p><p>弗林</p>", "")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["弗林"]


def test_author_metadata_holding_a_whole_byline_or_a_json_ld_person() -> None:
    lines = ["新图书馆今夏开放", "高明遠 2024-05-06", "责任编辑：周海涛"]
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "%s"}}</script>'
    assert meta_author(_head(ld % "高明遠／綜合報導"), lines) == ["高明遠"]
    assert meta_author(_head(ld % "周海涛"), lines) == []  # shown only as the editor
    assert meta_author(_head('<meta name="author" content="记者 高明遠 林小雨">'), [*lines, "林小雨"]) == ["高明遠", "林小雨"]


def test_a_writer_who_is_also_the_editor_when_nobody_else_is_credited() -> None:
    html = _chinese_page("<p>2024-05-06 10:00</p><p>作者：高明远</p><p>责任编辑：高明远</p>", "")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["高明远"]


@pytest.mark.parametrize(("line", "names"), [
    ("高明远/文", ["高明远"]),
    ("高明远 ／ 文 示例周刊编辑", ["高明远"]),
    # a foreign writer's name in Chinese letters, with the name in its own script in brackets
    ("约翰·史密斯（John Smith）/文 示例周刊编辑", ["约翰·史密斯"]),
    ("图片/文", []),  # not a name
    ("了解到/文", []),  # a Chinese name needs a surname here
])
def test_the_writer_named_before_the_word_for_the_text(line: str, names: list[str]) -> None:
    assert names_in(line) == names


def test_a_writer_named_under_the_headline_wins_over_the_translators_closing_credit() -> None:
    more = "".join(f"<p>{text}</p>" for text in PARAGRAPHS * 3)  # a translated piece of some length
    html = _chinese_page("<p>2024-05-06 10:00</p><p>约翰·史密斯（John Smith）/文 示例周刊编辑</p>",
                         f"{more}<p>（翻译：林小雨，审译：周海涛）</p>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["约翰·史密斯"]


@pytest.mark.parametrize(("line", "names"), [
    # a foreign writer's name in Chinese letters is read wherever a Chinese name is: after a label,
    # before a slash and the report, in a list, with any of the dots print uses
    ("文/约翰·史密斯", ["约翰·史密斯"]),
    ("作者：约翰·史密斯", ["约翰·史密斯"]),
    ("作者约翰·史密斯", ["约翰·史密斯"]),
    ("記者 約翰．史密斯／華盛頓報導", ["約翰．史密斯"]),
    ("記者約翰．史密斯華盛頓報導", ["約翰．史密斯"]),  # the dateline's city written onto the name
    ("作者：高明远、约翰·史密斯", ["高明远", "约翰·史密斯"]),
    ("作者：高明远和约翰・史密斯", ["高明远", "约翰・史密斯"]),
    ("示例报记者 高明远 约翰•史密斯", ["高明远", "约翰•史密斯"]),
    ("約翰．史密斯 林小雨／綜合報導", ["約翰．史密斯", "林小雨"]),
    ("约翰·史密斯编译", ["约翰·史密斯"]),
    ("（记者 玛丽·安·史密斯）", ["玛丽·安·史密斯"]),
    # the name again in Latin letters in brackets ends it
    ("作者：玛丽·安·史密斯（Mary Ann Smith）", ["玛丽·安·史密斯"]),
    ("作者：高明远（Gao Mingyuan）", ["高明远"]),
])
def test_a_foreign_name_in_chinese_letters_is_a_name(line: str, names: list[str]) -> None:
    assert names_in(line) == names


@pytest.mark.parametrize("line", [
    "记者 圣·彼得堡报道",  # a place, not a person
    "作者：示例日报·交汇点",  # an outlet and its desk
    "作者：示例大学·研究院",
    "记者 约翰·史密斯 摄",  # a photographer
    "记者 约翰·史密斯摄",
    "责任编辑：约翰·史密斯",
    # a reporter in a sentence, the name again in Latin letters and the sentence going on
    "川普本人告诉记者伍德华（Bob Woodward），他刻意试图淡化疫情。",
    "她向英国摄影记者凯伦·李·斯托（Karen Lee Stow）讲述了当时的经历：",
])
def test_a_dotted_run_that_is_no_writer(line: str) -> None:
    assert names_in(line) == []


def test_a_foreign_reporter_under_the_headline_of_a_page() -> None:
    html = _chinese_page("<p>2024-05-06 10:00</p><p>記者 約翰．史密斯／華盛頓報導</p>", "")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["約翰．史密斯"]


def test_a_foreign_writer_with_the_latin_name_in_brackets_under_the_headline() -> None:
    html = _chinese_page("<p>2024-05-06 10:00</p><p>作者：玛丽·安·史密斯（Mary Ann Smith）</p>", "")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["玛丽·安·史密斯"]


@pytest.mark.parametrize(("line", "names"), [
    # a name written onto 记者 ends where a verb of saying begins
    ("示例社记者高明远说，新馆将在七月开放。", ["高明远"]),
    ("示例社记者高明远表示，新馆将在七月开放。", ["高明远"]),
    ("示例社记者高明介绍说，新馆将在七月开放。", ["高明"]),
    ("记者欧阳明远指出，新馆将在七月开放。", ["欧阳明远"]),
    ("记者约翰·史密斯说，新馆将在七月开放。", ["约翰·史密斯"]),
    # an outlet's Latin name and a posting before the label, the name again in Latin letters after it
    ("EXN驻北美记者约翰·史密斯（John Smith）", ["约翰·史密斯"]),
    ("（EXN记者 高明远）", ["高明远"]),
])
def test_where_a_reporters_name_ends_and_where_the_label_starts(line: str, names: list[str]) -> None:
    assert names_in(line) == names


@pytest.mark.parametrize("line", [
    "记者：本市常被称为图书馆之城，您怎么看？",  # a question put by the reporter: no surname before the verb
    "记者表示，新馆将在七月开放。",
    "其中包括示例社、EXN多家媒体记者许可。",  # a Latin name inside a sentence opens no byline
])
def test_no_reporter_where_a_verb_or_a_sentence_follows_the_label(line: str) -> None:
    assert names_in(line) == []


def test_a_foreign_name_in_brackets_closing_the_text() -> None:
    assert closing_credit(PARAGRAPHS[0] + "（约翰·史密斯）") == ["约翰·史密斯"]
    assert closing_credit(PARAGRAPHS[0] + "（圣·彼得堡）") == []  # a place
    assert closing_credit(PARAGRAPHS[0] + "（示例日报·交汇点）") == []  # an outlet and its desk
    assert credit_line("（約翰．史密斯）") == ["約翰．史密斯"]


def test_a_foreign_correspondent_credited_after_the_text() -> None:
    html = _chinese_page("<p>2024-05-06 10:00</p>", "<p>EXN驻北美记者约翰·史密斯（John Smith）</p>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["约翰·史密斯"]
    closing = _chinese_page("<p>2024-05-06 10:00</p>", "<p>（约翰·史密斯）</p><p>相关新闻</p>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=closing, url="")).authors == ["约翰·史密斯"]


@pytest.mark.parametrize(("line", "names"), [
    ("高明遠綜合報導", ["高明遠"]),  # a compiler's byline with no slash between name and deed
    ("高明遠 林小雨綜合報導", ["高明遠", "林小雨"]),
    ("記者高明遠綜合報導", ["高明遠"]),
])
def test_names_written_straight_onto_the_compilers_report_word(line: str, names: list[str]) -> None:
    assert names_in(line) == names


@pytest.mark.parametrize("line", ["示例社綜合報導", "國際中心綜合報導", "高雄綜合報導", "綜合報導", "江西报道"])
def test_a_desk_a_city_or_a_section_before_the_report_word_is_nobody(line: str) -> None:
    assert names_in(line) == []


def test_a_latin_author_meta_shown_only_inside_the_sites_address_is_the_site() -> None:
    lines = ["新图书馆今夏开放", "2024-05-06 10:00 来源：示例新闻网", "Copyright © exnews.com All Rights Reserved"]
    assert meta_author(_head('<meta name="author" content="exnews">'), lines) == []
    assert meta_author(_head('<meta name="author" content="Jane Doe">'), [*lines, "文/Jane Doe"]) == ["Jane Doe"]


def test_a_json_ld_person_with_an_author_page_printed_as_a_line_of_its_own() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", '
          '"name": "%s", "url": "%s"}}</script>')
    lines = ["新图书馆今夏开放", "小雨點", "·示例網專欄作者", "2023年6月12日"]
    # a pen name without a surname, with an author page: the byline
    assert meta_author(_head(ld % ("小雨點", "https://news.example.com/author/1")), lines) == ["小雨點"]
    # the same without an author page (a reposting outlet put as the person), or not a line by itself
    assert meta_author(_head(ld % ("小雨點", "")), lines) == []
    assert meta_author(_head(ld % ("小雨", "https://news.example.com/author/1")), lines) == []


def test_a_columnists_name_on_the_line_under_the_day_above_the_headline() -> None:
    html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>新图书馆今夏开放 - 高明遠 - 城市漫步</title>'
            f'</head><body><nav><a href="/">首页</a></nav><div><p>2023年6月12日</p><p>高明遠</p><p>城市漫步</p></div>'
            f"<h1>新图书馆今夏开放</h1><div class='c'>{''.join(f'<p>{text}</p>' for text in PARAGRAPHS)}</div>"
            "<footer><p>版权所有 示例新闻网</p></footer></body></html>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).authors == ["高明遠"]
    # a weekday, a word or a longer bare line (a site's name) under the day is nobody
    for word in ("星期三", "分享", "高新传媒"):
        other = html.replace("<p>高明遠</p>", f"<p>{word}</p>")
        assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=other, url="")).authors == []
    # a weak sign: a byline elsewhere on the page wins
    credited = html.replace("<h1>", "<p>采写：示例报记者 林小雨</p><h1>")
    assert extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=credited, url="")).authors == ["林小雨"]
