"""A heading that is a full sentence, set right above a picture, is the picture's caption: it goes, and the
byline line under it is then the first line, trimmed as a label. A heading without a full stop above a
picture is a heading of the text and stays."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument
from tests.extract.test_label_ends import HEAD, PARAGRAPHS

PICTURE = "<div class='gallery'><img src='https://img.example.com.cn/tower.jpg'><p>1/1 图片来源：示例晚报</p></div>"


def _body(top: str, middle: str = "") -> list[str]:
    html = (f"<!DOCTYPE html><html>{HEAD}<body><h1>新图书馆今夏开放</h1><div class='article'>"
            f"<div class='content'>{top}<p>示例晚报 王小明 综合</p>"
            + "".join(f"<p>{line}</p>" for line in PARAGRAPHS[:2]) + middle
            + "".join(f"<p>{line}</p>" for line in PARAGRAPHS[2:]) + "</div></div></body></html>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://news.example.com.cn/a/11.html"))
    return article.body_text.split("\n\n")


def test_a_sentence_heading_above_the_lead_picture_is_its_caption() -> None:
    caption = "<h2>一位老读者说，她盼了十几年，终于可以在家门口借到书了。</h2>"
    assert _body(caption + PICTURE) == PARAGRAPHS


def test_a_heading_of_the_text_above_a_picture_stays() -> None:
    body = _body("", middle=f"<h2>三座新馆的位置</h2>{PICTURE}")
    assert "三座新馆的位置" in body
