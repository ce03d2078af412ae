"""Short label lines at the ends of a Chinese web page's body: trimmed, with credits still found."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument

PARAGRAPHS = [
    "市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便居民借阅图书和参加活动。",
    "负责这个项目的官员表示，新图书馆将延长开放时间，并为学生提供免费的自习座位和网络。",
    "有居民说，过去要坐四十分钟公交车才能到最近的图书馆，这次的新馆离家只有十分钟路程。",
    "市议会预计下个月审议相关预算，如果顺利通过，第一座新馆最早七月就能对外开放。",
]
HEAD = ('<head><meta charset="utf-8"><title>新图书馆今夏开放_示例新闻网</title>'
        '<link rel="stylesheet" href="/site.css"></head>')


def _article(top: list[str], bottom: list[str], middle: str = "") -> tuple[str, list[str]]:
    lines = [f"<p>{line}</p>" for line in [*top, *PARAGRAPHS[:2]]] + [middle] + \
        [f"<p>{line}</p>" for line in [*PARAGRAPHS[2:], *bottom]]
    html = (f"<!DOCTYPE html><html>{HEAD}<body><nav><a href='/'>首页</a></nav><h1>新图书馆今夏开放</h1>"
            f"<div class='content'>{''.join(lines)}</div><footer><p>版权所有 示例新闻网</p></footer></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/1.html"))
    return article.body_text, article.authors


def test_label_lines_above_the_first_and_below_the_last_sentence_are_trimmed() -> None:
    text, _ = _article(["示例城市政务号", "订阅"], ["示例日报融媒体", "点个在看", "评论 12"])
    assert text.split("\n\n") == PARAGRAPHS


def test_a_heading_between_sentences_and_a_dateline_line_are_kept() -> None:
    text, _ = _article(["示例社上海5月6日电"], [], middle="<p>三座新馆的位置</p>")
    assert text.split("\n\n") == ["示例社上海5月6日电", *PARAGRAPHS[:2], "三座新馆的位置", *PARAGRAPHS[2:]]


def test_a_closing_credit_trimmed_off_still_names_the_author() -> None:
    text, authors = _article([], ["（记者 王小明）", "分享到"])
    assert "王小明" not in text
    assert authors == ["王小明"]


def test_whole_bracketed_lines_below_the_text_are_trimmed_but_a_bracketed_dateline_above_stays() -> None:
    text, _ = _article(["（示例社记者李华上海6日电）"], ["（原题为《三座新馆今夏开放，市民可以免费借阅》）", "（完）"])
    assert text.split("\n\n") == ["（示例社记者李华上海6日电）", *PARAGRAPHS]


def test_a_closing_credit_followed_by_promo_paragraphs_is_still_found() -> None:
    promos = ["欢迎下载示例新闻客户端，每天为你推送本地最新消息和便民服务信息。",
              "扫码关注示例日报官方账号，参与每周互动赢取精美礼品，详情请见活动页面。"]
    html_last = PARAGRAPHS[-1].replace("。", "。（王小明）")
    text, authors = _article([], promos, middle="")
    assert authors == []  # nobody named: no credit invented from the promos
    paragraphs = [*PARAGRAPHS[:-1], html_last]
    html = (f"<!DOCTYPE html><html>{HEAD}<body><h1>新图书馆今夏开放</h1><div class='content'>"
            + "".join(f"<p>{line}</p>" for line in [*paragraphs, *promos]) + "</div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/2.html"))
    assert article.authors == ["王小明"]


def test_unfinished_lines_at_the_ends_are_trimmed_but_a_sentence_with_a_credit_stays() -> None:
    # the sentence stays; the reporter's name closing it is a credit, cut off and read as the author
    top = ["本文转自示例城市政务号，作者授权发布"]
    bottom = ["本地新闻滚动推送，更多福利请扫码关注（example-news）"]
    last = PARAGRAPHS[-1] + "（王小明）"
    lines = [f"<p>{line}</p>" for line in [*top, *PARAGRAPHS[:-1], last, *bottom]]
    html = (f"<!DOCTYPE html><html>{HEAD}<body><h1>新图书馆今夏开放</h1><div class='content'>{''.join(lines)}"
            "</div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/3.html"))
    assert article.body_text.split("\n\n") == PARAGRAPHS
    assert article.authors == ["王小明"]


def test_a_rights_notice_below_the_text_is_trimmed() -> None:
    # a sentence with a full stop, so only its kind (a notice against copying) marks it as furniture
    text, _ = _article([], ["示例新闻网所刊载的文字与照片，未经本网书面授权，一律不得转载或改作他用。"])
    assert text.split("\n\n") == PARAGRAPHS


def test_a_last_sentence_about_copying_in_the_news_stays() -> None:
    ruling = "法院认为，被告未经授权转载他人照片，应当赔偿原告损失。"
    text, _ = _article([], [ruling])
    assert text.split("\n\n") == [*PARAGRAPHS, ruling]


def test_a_paragraph_about_copying_in_the_middle_of_the_text_stays() -> None:
    about = "<p>馆方提醒，馆内资料未经授权不得复制，读者可以在服务台申请影印。</p>"
    text, _ = _article([], [], middle=about)
    assert "馆内资料未经授权不得复制" in text


def test_an_editor_credit_closing_the_last_paragraph_is_cut() -> None:
    last = PARAGRAPHS[-1] + "（编辑：赵一鸣）2405061"
    html = (f"<!DOCTYPE html><html>{HEAD}<body><h1>新图书馆今夏开放</h1><div class='content'>"
            + "".join(f"<p>{line}</p>" for line in [*PARAGRAPHS[:-1], last]) + "</div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/3.html"))
    assert article.body_text.split("\n\n") == PARAGRAPHS
    # a credit inside a sentence of the text is text
    inside = PARAGRAPHS[-1].replace("。", "（编辑：赵一鸣）还说。", 1)
    kept = html.replace(last, inside)
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=kept,
                                          url="https://news.example.com.cn/a/4.html"))
    assert "赵一鸣" in article.body_text


def test_a_reference_list_below_the_text_is_removed() -> None:
    references = ["本文引用：", "1. 示例市图书馆年报，2023年，第12页。",
                  "2. 社区阅读调查报告：https://library.example.com.cn/report"]
    text, _ = _article([], references)
    assert text.split("\n\n") == PARAGRAPHS


def test_a_note_and_an_appeal_below_a_reference_list_go_with_it() -> None:
    below = ["本文引用：", "1. 示例市图书馆年报，2023年，第12页。", "2. 社区阅读调查报告：https://library.example.com.cn/report",
             "注：文中的“社区图书馆”指由街道管理、向所有居民免费开放的图书馆，不包括学校图书馆。",
             "支持独立报道，请捐助示例新闻网：网上捐款或银行转账，如需收据请留下姓名。"]
    text, _ = _article([], below)
    assert text.split("\n\n") == PARAGRAPHS
    text, authors = _article([], [*below[:3], "本文作者：王小明"])
    assert text.split("\n\n") == PARAGRAPHS
    assert authors == ["王小明"]  # a credit below the list is still read


def test_numbered_points_without_sources_below_the_text_stay() -> None:
    points = ["市民可以这样参与：", "1. 到附近的社区中心填写意见表，说明自己最需要的服务。",
              "2. 在市政府网站的留言板上提交建议，每条建议都会得到回复。"]
    text, _ = _article([], points)
    assert text.split("\n\n") == [*PARAGRAPHS, *points]


def _closing(last_paragraph_html: str) -> tuple[str, list[str]]:
    html = (f"<!DOCTYPE html><html>{HEAD}<body><h1>新图书馆今夏开放</h1><div class='content'>"
            + "".join(f"<p>{line}</p>" for line in PARAGRAPHS[:-1]) + f"<p>{last_paragraph_html}</p>"
            + "</div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/5.html"))
    return article.body_text, article.authors


def test_a_closing_credit_inside_an_inline_child_of_the_last_paragraph_is_cut() -> None:
    for credit in ("（编辑：赵一鸣）2405061", "（赵一鸣）", "（作者：赵一鸣 摄影：钱二）", "综合"):
        text, _ = _closing(f"<span class='text'>{PARAGRAPHS[-1]}{credit}</span>")
        assert text.split("\n\n") == PARAGRAPHS, credit
    text, authors = _closing(f"<span>{PARAGRAPHS[-1]}（赵一鸣）</span>")
    assert authors == ["赵一鸣"]  # read from the credit cut off


def test_a_bracket_closing_the_text_that_names_no_one_stays() -> None:
    for kept in ("（完）", "（本报综合）", "（图片均为示意）"):
        text, _ = _closing(f"<span>{PARAGRAPHS[-1]}{kept}</span>")
        assert text.split("\n\n")[-1] == PARAGRAPHS[-1] + kept, kept


def test_the_headline_repeated_in_a_table_cell_above_the_text_is_dropped() -> None:
    cells = "".join(f"<tr><td>{line}</td></tr>" for line in PARAGRAPHS)
    html = (f"<!DOCTYPE html><html>{HEAD}<body><div class='content'><table><tr><td></td></tr>"
            f"<tr><td class='title'>新图书馆今夏开放</td></tr>{cells}</table></div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/8.html"))
    assert article.body_text.split("\n\n") == PARAGRAPHS


def test_a_button_link_after_the_last_sentence_leaves_the_sentence() -> None:
    text, _ = _closing(PARAGRAPHS[-1] + "<a href='https://news.example.com.cn/'>返回首页，查看更多</a>")
    assert text.split("\n\n") == PARAGRAPHS
    # a link ending a sentence's words is the sentence's
    text, _ = _closing(PARAGRAPHS[-1].replace("对外开放。", "对外开放，详见<a href='/notice'>示例市政府网站公告</a>"))
    assert "示例市政府网站公告" in text
