"""A reader poll below a Chinese page's text (a prompt and its choice boxes) is page furniture: the prompt,
a question that would otherwise stand as the text's last line, goes with the boxes. Choice boxes inside a
block of text do not take the text with them."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument
from tests.extract.test_label_ends import HEAD, PARAGRAPHS

CHOICES = "".join(f"<label><input type='checkbox' value='{mood}'><span>{mood}</span></label>"
                  for mood in ("开心", "认同", "生气", "伤心", "不关心"))


def _body(after_text: str) -> list[str]:
    html = (f"<!DOCTYPE html><html>{HEAD}<body><h1>新图书馆今夏开放</h1><div class='content'>"
            + "".join(f"<p>{line}</p>" for line in PARAGRAPHS) + after_text + "</div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/6.html"))
    return article.body_text.split("\n\n")


def test_a_reader_poll_below_the_text_goes_with_its_prompt() -> None:
    poll = f"<section><p>读完这篇文章您有何感受？</p><p>请选择1项</p><div>{CHOICES}</div></section>"
    assert _body(poll) == PARAGRAPHS


def test_choice_boxes_inside_a_block_of_text_leave_the_text() -> None:
    more = [PARAGRAPHS[0].replace("市政府", "区政府"), PARAGRAPHS[1].replace("官员", "馆长")]
    survey = "<div>" + "".join(f"<p>{line}</p>" for line in more) + f"<p>你最希望新馆提供哪项服务？</p>{CHOICES}</div>"
    body = _body(survey)
    assert all(line in body for line in more)
