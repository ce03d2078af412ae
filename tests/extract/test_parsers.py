"""The parsers extraction uses: plain HtmlElements chosen in C, comments dropped, text kept."""

from __future__ import annotations

import lxml.html

from newsmirror.extract.dom import parse_fragment
from newsmirror.extract.webpage import _trafilatura_candidate, parse_document

PAGE = """<?xml version="1.0" encoding="gb2312"?>
<html><head><title>t</title></head><body><!-- saved from a browser -->
<form action="/search"><input name="q" value="x"><label>Find</label></form>
<article><p>First paragraph of the story, long enough to be read as running text by anyone.</p>
<p>Second<!-- an editor's note --> paragraph, which also reads as running text for the test.</p></article>
</body></html>"""


def test_page_elements_are_plain_html_elements_without_comments() -> None:
    document = parse_document(PAGE)
    elements = list(document.iter())
    assert all(type(element) is lxml.html.HtmlElement for element in elements)  # no FormElement etc.
    assert not [element for element in elements if not isinstance(element.tag, str)]  # no comments
    assert "Second paragraph, which" in document.text_content()
    assert document.cssselect("article p")[0].text_content().startswith("First paragraph")


def test_trafilatura_reads_the_parsed_page() -> None:
    candidate = _trafilatura_candidate(parse_document(PAGE), "", fast=True)
    assert candidate is not None and "Second paragraph" in candidate.text


def test_fragment_keeps_leading_text_and_drops_comments() -> None:
    root = parse_fragment("lead <b>bold</b><!-- c --><p>a<!-- d -->b</p>tail")
    assert root.tag == "div" and root.text == "lead "
    assert lxml.html.tostring(root, encoding="unicode") == "<div>lead <b>bold</b><p>ab</p>tail</div>"
    assert all(type(element) is lxml.html.HtmlElement for element in root.iter())
    assert parse_fragment("  ").tag == "div" and len(parse_fragment("")) == 0


def test_cleaned_paragraphs_are_the_text_of_the_cleaned_html() -> None:
    from newsmirror.extract.clean import clean_html
    from newsmirror.extract.profiles import SiteProfile
    from newsmirror.extract.render import paragraphs_of

    cleaned = clean_html("<div>Loose lead text<p>One <b>bold</b> line.<br>Second line.</p>"
                         "<ul><li>item</li></ul><table><tr><td>cell</td></tr></table></div>", SiteProfile("test"))
    assert cleaned.paragraphs == paragraphs_of(cleaned.html)
    assert "One bold line.\nSecond line." in cleaned.paragraphs and "cell" in cleaned.paragraphs


def test_unread_elements_are_stripped_before_the_candidates_keeping_json_ld_and_tails() -> None:
    from newsmirror.extract.webpage import _strip_unread

    document = parse_document(
        '<html><head><style>p{}</style><script>var a = 1;</script>'
        '<script type="application/ld+json">{"datePublished": "2021-03-09"}</script></head>'
        '<body><p>before <script>track()</script>after</p><svg><path d="M0"/></svg>tail text'
        '<template><p>hidden</p></template></body></html>')
    _strip_unread(document)
    assert [e.tag for e in document.iter("script", "style", "svg", "template", "title")] == ["script"]
    assert document.find(".//script").get("type") == "application/ld+json"
    body = document.find("body").text_content()
    assert "before after" in body and "tail text" in body and "hidden" not in body and "track" not in body


def test_text_content_matches_lxml_html() -> None:
    from newsmirror.extract.dom import text_content

    document = parse_document(PAGE.replace("<article>", "<article>lead &amp; <b>bold</b>\u00a0"))
    for element in document.iter():
        assert text_content(element) == element.text_content()
    assert "lead & bold\u00a0First paragraph" in text_content(document.find(".//article"))


def test_links_resolved_against_the_page_address_as_lxml_does() -> None:
    from newsmirror.extract.clean import make_links_absolute

    html = ("<p><a href=' /a/1.html '>one</a><a href='#top'>top</a><a href='https://other.example.org/x'>x</a>"
            "<img src='img/2.jpg' data-src='lazy/3.jpg'><a href='http://[broken'>bad</a><span>no link</span></p>")
    ours, theirs = parse_fragment(html), lxml.html.fragment_fromstring(html, create_parent="div")
    make_links_absolute(ours, "https://example.org/news/today.html")
    theirs.make_links_absolute("https://example.org/news/today.html", resolve_base_href=False,
                               handle_failures="discard")
    assert lxml.html.tostring(ours) == lxml.html.tostring(theirs)
    assert [a.get("href") for a in ours.iter("a")] == [
        "https://example.org/a/1.html", "https://example.org/news/today.html#top", "https://other.example.org/x", None]
    assert ours.find(".//img").get("data-src") == "lazy/3.jpg"  # not a link attribute: left as it is


def test_spaces_squeezed_as_the_space_run_substitution() -> None:
    from newsmirror.extract.dom import SPACE_RUN, squeeze_spaces
    from newsmirror.extract.render import paragraphs_of

    for text in ("  a \t b\n\n c\u00a0 ", "中\u3000文 字", "x\u2028y\x1c z ", "", " \u3000 "):
        assert squeeze_spaces(text) == SPACE_RUN.sub(" ", text).strip()
    assert paragraphs_of("<p> one\u3000 two <br> three\u2028four </p>") == ["one two\nthree\u2028four"]
