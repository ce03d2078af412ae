"""A headline printed over two lines (a ``<br>`` in its heading) whose ``<title>`` joins both halves,
on a page whose only ``<h1>`` is the section name: the title is the whole headline."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument

FIRST, SECOND = "示例协会就社区图书馆搬迁发表声明", "呼吁保留旧馆阅览室　方便长者就近借阅"
PARAGRAPHS = [
    "示例协会周三发表声明，对区政府计划把社区图书馆搬到新商场表示关注，希望当局在搬迁前充分听取读者的意见。",
    "声明指出，旧馆位于老街区中心，许多长者每天步行前来看报借书，新馆距离较远，出行不便的读者难以前往。",
    "协会建议保留旧馆的阅览室，作为新馆的分馆继续开放，并在搬迁方案中加入接驳巴士等配套安排。",
]


def test_a_two_line_headline_is_the_whole_title() -> None:
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{FIRST} {SECOND}</title></head><body>"
            "<header><h1>評論</h1><nav><a href='/'>首頁</a> <a href='/c'>評論</a></nav></header>"
            f"<article><div class='post-header'><h3 class='post-title'>{FIRST}<br>{SECOND}</h3></div>"
            "<div class='post-meta'>2024年3月6日</div><div class='post-entry'>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS) + "</div></article></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.org.hk/post/1"))
    assert article.title.split() == [FIRST, *SECOND.split()]
