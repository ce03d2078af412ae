"""A keyword link inside a sentence (``<a class="tag">``: its class names page furniture) keeps its word:
the pruning of junk-named blocks takes page furniture, not words out of the text. A junk-named link standing
alone, or a hidden one, still goes."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument
from tests.extract.test_label_ends import HEAD, PARAGRAPHS


def _body(first_paragraph_html: str, after: str = "") -> str:
    html = (f"<!DOCTYPE html><html>{HEAD}<body><h1>新图书馆今夏开放</h1><div class='content'>"
            f"<p>{first_paragraph_html}</p>" + "".join(f"<p>{line}</p>" for line in PARAGRAPHS[1:])
            + after + "</div></body></html>")
    return extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                       url="https://news.example.com.cn/a/7.html")).body_text


def test_a_tag_link_inside_a_sentence_keeps_its_word() -> None:
    linked = PARAGRAPHS[0].replace("社区图书馆", "<a href='/tag/library' class='tag'><strong>社区图书馆</strong></a>")
    assert _body(linked).split("\n\n")[0] == PARAGRAPHS[0]


def test_a_junk_named_link_on_its_own_or_hidden_still_goes() -> None:
    hidden = PARAGRAPHS[0].replace("社区图书馆", "社区图书馆<a class='tag' style='display:none'>隐藏标签</a>")
    body = _body(hidden, after="<p><a href='/share' class='share'>分享到微信</a></p>")
    assert "隐藏标签" not in body and "分享到微信" not in body
