"""A Chinese page that sets a summary box between the headline's meta line and the text's element, as a
sibling before it: the box is the article's opening, kept with the density region (which stops at the
text's element); a box of links or a meta line there is not."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument
from tests.extract.test_lead_in_wrapper import PARAGRAPHS

SUMMARY = "摘要：一座建于上世纪六十年代的老水塔，本周在居民的反对声中暂缓拆除，区政府将重新评估方案。"


def _body(before_text: str) -> list[str]:
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>老水塔暂缓拆除_示例新闻网</title></head>"
            "<body><nav><a href='/'>首页</a> <a href='/city'>城市</a></nav><div class='show'>"
            "<h1>老水塔暂缓拆除</h1><div class='info'><span>2024-05-06 11:02</span><span>来源：示例晚报</span></div>"
            f"{before_text}<div class='main'>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
            + "</div><div class='bottom'><span>分享</span></div><ul class='box2'>"
            + "".join(f"<li><a href='/city/{n}.html'>示例新闻网城市频道第{n}条相关新闻标题</a></li>" for n in range(12))
            + "</ul></div>"
            "<footer><p>示例新闻网 版权所有</p></footer></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/city/2.html"))
    return article.body_text.split("\n\n")


def test_a_summary_box_before_the_text_element_is_kept() -> None:
    assert _body(f"<div class='abstract'>{SUMMARY}</div>\n<div></div>") == [SUMMARY, *PARAGRAPHS]


def test_links_or_a_line_without_a_sentence_before_the_text_element_are_not_taken() -> None:
    related = "<div><a href='/a/1.html'>一座建于上世纪六十年代的老水塔，本周在居民的反对声中暂缓拆除。</a></div>"
    assert _body(related) == PARAGRAPHS
    assert _body("<div>责任编辑：王小明，实习编辑：李华 示例晚报城市新闻部</div>") == PARAGRAPHS
