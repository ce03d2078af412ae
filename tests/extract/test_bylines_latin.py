"""Writers of non-Chinese pages: the byline by the headline, author-marked elements, shown metadata."""

from __future__ import annotations

import pytest

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument

HEADLINE = "City opens three new libraries this summer"
TEXT = "".join(
    f"<p>{sentence}</p>" for sentence in (
        "The city council announced on Monday that three new public libraries will open their doors in July.",
        "The new branches will stay open late on weekdays and offer free study desks to pupils of all schools.",
        "Residents said they had so far needed forty minutes by bus to reach the nearest library in the old town.",
    )
)


def _authors(byline: str, head: str = "", after: str = "", url: str = "https://www.citypaper.example.com/a") -> list[str]:
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{HEADLINE} | City Paper</title>'
            f'<meta property="og:site_name" content="City Paper">{head}</head><body><nav><a href="/">Home</a></nav>'
            f"<article><h1>{HEADLINE}</h1>{byline}{TEXT}</article>{after}<footer><p>© 2024 City Paper</p></footer>"
            "</body></html>")
    return extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url)).authors


@pytest.mark.parametrize(("byline", "names"), [
    ("<p>By Jane Doe on May 6, 2024</p>", ["Jane Doe"]),
    ("<p>By Jane Doe and John van der Berg</p>", ["Jane Doe", "John van der Berg"]),
    ("<p>Von Anna Beispiel</p>", ["Anna Beispiel"]),
    ("<p>Text von Anna Beispiel Illustration von Max Muster</p>", ["Anna Beispiel"]),
    ("<p>Eine Kolumne von Anna Beispiel</p>", ["Anna Beispiel"]),
    ("<p>Por Ana Ejemplo | 03/05/2024 20:36</p>", ["Ana Ejemplo"]),
    ("<p>Author: Gàbor Muniér, Datum: 03.Mär.24</p>", ["Gàbor Muniér"]),
    ("<p>Von</p><p>Anna Beispiel</p>", ["Anna Beispiel"]),
    ("<p>Автор: Иван Петров</p>", ["Иван Петров"]),
    ("<p>By Jane Doe and John Roe Reuters</p>", ["Jane Doe", "John Roe"]),
    ("<p>Авторы:</p><p>Иван Петров и Анна Сидорова</p>", ["Иван Петров", "Анна Сидорова"]),
])
def test_byline_forms(byline: str, names: list[str]) -> None:
    assert _authors(byline) == names


@pytest.mark.parametrize("byline", [
    "<p>By City Paper staff</p>",          # a desk, not a person
    "<p>By City Paper</p>",                # the outlet by its own name
    "<p>Von Redaktion Lokales</p>",
    "<p>By AFP</p>",                       # one word, an agency
    "<p>By continuing you accept our terms</p>",
    "<p>Published by jdoe42</p>",          # a login handle
    "<p>By Getty Images</p>",              # a picture credit
    "<p>by Taboolaby Taboola</p>",         # an advertising widget
])
def test_not_persons(byline: str) -> None:
    assert _authors(byline) == []


def test_a_byline_far_below_the_headline_is_another_items() -> None:
    after = "<aside>" + "".join(f"<p>Related story number {n} about the city</p>" for n in range(20)) + \
        "<p>By Jane Doe</p></aside>"
    assert _authors("", after=after) == []


def test_an_element_marked_as_the_author_by_the_headline() -> None:
    assert _authors('<p><a rel="author" href="/authors/jane-doe">Jane Doe</a> · May 6, 2024</p>') == ["Jane Doe"]
    comment = '<div class="comment"><span itemprop="author">Max Muster</span></div>'
    assert _authors(comment) == []


def test_author_metadata_counts_only_when_the_page_shows_the_name() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '[{"@type": "Person", "name": "Jane Doe"}], "publisher": {"@type": "Organization", "name": "City Paper"}}'
            "</script>")
    assert _authors("<p>Jane Doe | May 6, 2024</p>", head) == ["Jane Doe"]
    assert _authors("<p>May 6, 2024</p>", head) == []
    organization = '<script type="application/ld+json">{"author": {"@type": "Organization", "name": "Jane Doe"}}</script>'
    assert _authors("<p>Jane Doe | May 6, 2024</p>", organization) == []


def test_shouted_author_metadata_takes_the_form_the_page_prints() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '[{"@type": "Person", "name": "By JANE DOE, AP National Writer"}]}</script>')
    # the role after the comma is no person ("Writer"); the name is given as printed
    assert _authors("<p>Jane Doe, Ap National Writer</p><p>May 6, 2024</p>", head) == ["Jane Doe"]
    assert _authors("<p>May 6, 2024</p>", head) == []


def test_author_metadata_in_a_script_without_capitals() -> None:
    head = '<meta name="author" content="سارة أحمد">'
    assert _authors("<p>كتب سارة أحمد</p><p>May 6, 2024</p>", head) == ["سارة أحمد"]
    assert _authors("<p>May 6, 2024</p>", head) == []


def test_author_metadata_naming_the_site_its_title_ends_with_is_no_person() -> None:
    head = '<meta name="author" content="مدينة الأخبار">'
    page = "<p>مدينة الأخبار :- خبر</p><p>May 6, 2024</p>"
    assert _authors(page, head) == ["مدينة الأخبار"]
    html = (f'<html lang="ar"><head><title>{HEADLINE} - مدينة الأخبار</title>{head}</head><body>'
            f"<article><h1>{HEADLINE}</h1>{page}{TEXT}</article></body></html>")
    titled = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                         url="https://www.example.com/a")).authors
    assert titled == []


@pytest.mark.parametrize(("byline", "names"), [
    # a login linked to the site's user page, after a label and before the day
    ('<p>von <a href="https://www.citypaper.example.com/user/jdoe42.html">jdoe42</a> am 06.05.2024</p>', ["jdoe42"]),
    # no label: the day, the login linked to its author page, the comment count
    ('<p>May 6, 2024 <a href="/blog/author/jdoe/">JDoe</a> 3 Comments</p>', ["JDoe"]),
    # an address that names no one ("userinfo.php?uid=6")
    ('<p>Geschrieben von <a href="/forum/userinfo.php?uid=6">Sparrow</a> am 06.05.2024 20:30</p>', ["Sparrow"]),
    # a full name linked to the author page, on a line by itself
    ('<div class="meta"><a href="/news/author/jane-doe/">Jane Doe</a></div><p>6 May 2024</p>', ["Jane Doe"]),
])
def test_a_name_linked_to_the_sites_author_page_by_the_headline(byline: str, names: list[str]) -> None:
    assert _authors(byline) == names


@pytest.mark.parametrize(("byline", "after"), [
    # a desk's login is the desk
    ('<p>von <a href="/user/CP_Redaktion.html">CP_Redaktion</a> am 06.05.2024</p>', ""),
    # a picture credit linking to a user page on another site
    ('<p>Foto: <a href="https://photos.example.org/users/snapper-5487/">snapper</a> / Photos</p>', ""),
    # a login linked far below the headline (a related item's, a commenter's) is not the byline
    ("", "<aside>" + "".join(f"<p>Related story number {n} about the city</p>" for n in range(20))
     + '<p>von <a href="/user/someone7.html">someone7</a></p></aside>'),
    # a link that is no author page
    ('<p>May 6, 2024 <a href="/blog/tag/libraries/">libraries</a></p>', ""),
])
def test_linked_names_that_are_no_byline(byline: str, after: str) -> None:
    assert _authors(byline, after=after) == []


def test_a_linked_profile_inside_a_sentence_or_a_web_address_is_no_byline() -> None:
    sentence = ('<p>The mayor <a href="/profile/mayors/jane-doe/">Jane Doe</a> said the branches were '
                'long overdue and thanked the volunteers who had collected the books.</p>')
    assert _authors(sentence) == []
    assert _authors('<p>Autor: <a href="/author/cpblog/">www.suitcase-notes.example.net</a></p>') == []


def test_a_caption_naming_a_person_linked_in_the_text_is_no_byline() -> None:
    byline = "<figure><figcaption>Jane Doe opens the first branch Photo: City archive</figcaption></figure>"
    text = ('<p>Mayor <a href="/profile/mayors/jane-doe/">Jane Doe</a> opened the first of the branches on '
            "Monday morning and thanked the volunteers who had collected and sorted the books.</p>")
    assert _authors(byline + text) == []
