"""The stamp printed by the headline of non-Chinese pages: each mechanism on a small hand-written page."""

from __future__ import annotations

import pytest

from newsmirror.extract import extract_article
from newsmirror.extract.stamps import stamp_in_line
from newsmirror.model import DocumentKind, RawDocument

TEXT = "".join(
    f"<p>{sentence}</p>" for sentence in (
        "Die Stadtverwaltung hat am Montag drei neue Bibliotheken angekündigt, die im Sommer öffnen sollen.",
        "Die neuen Häuser sollen an allen Wochentagen länger geöffnet haben und Schülern kostenlose Arbeitsplätze bieten.",
        "Anwohner sagen, bisher hätten sie vierzig Minuten mit dem Bus zur nächsten Bibliothek in der Altstadt gebraucht.",
    )
)
HEADLINE = "Drei neue Bibliotheken öffnen im Sommer"


def _page(stamp: str, head: str = "", after: str = "", headings: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE} | Stadtblatt</title>'
            f'<link rel="stylesheet" href="/s.css">{head}</head><body><nav><a href="/">Start</a></nav>'
            f"{headings}<article><h1>{HEADLINE}</h1>{stamp}{TEXT}</article>{after}"
            "<footer><p>© 2024 Stadtblatt</p></footer></body></html>")


def _published(html: str, url: str = "https://www.stadtblatt.example.de/lokales/bibliotheken") -> str:
    value = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url)).published_at
    return value.isoformat() if value is not None else "none"


def test_visible_stamp_without_metadata_is_read_in_the_sites_zone() -> None:
    assert _published(_page("<p>Von Anna Beispiel // 6. Mai 2024, 14:25 Uhr</p>")) == "2024-05-06T14:25:00+02:00"


def test_time_element_by_the_headline_wins_over_metadata_an_hour_off() -> None:
    head = '<meta property="article:published_time" content="2024-02-03T20:17:12+01:00">'
    stamp = '<p>Redaktion</p><p><time datetime="2024-02-03T21:17:12+01:00">am 3. Februar 2024 um 21:17</time></p>'
    assert _published(_page(stamp, head)) == "2024-02-03T21:17:12+01:00"


def test_stamp_without_time_of_day_leaves_the_metadata_instant() -> None:
    head = '<meta property="article:published_time" content="2024-02-03T12:48:37+00:00">'
    # the instant of the metadata, shown on the site's clock (the page's zone: Berlin here)
    assert _published(_page("<p>3. Februar 2024</p>", head)) == "2024-02-03T13:48:37+01:00"


def test_stamp_above_the_headline_is_read() -> None:
    html = _page("").replace("<h1>", "<p>24.01.2024</p><h1>")
    assert _published(html) == "2024-01-24T00:00:00+01:00"


def test_dates_of_comments_and_embedded_posts_below_are_not_the_stamp() -> None:
    after = ("<p>A post shared by Some Band (@someband) on Jun 16, 2024 at 7:30am PDT</p>"
             '<ul><li><time datetime="2024-06-18T09:00:00+02:00">18. Juni 2024 um 09:00</time> Leser schreibt</li></ul>')
    head = '<meta property="article:published_time" content="2024-06-20T10:59:05+02:00">'
    assert _published(_page("", head, after=after)) == "2024-06-20T10:59:05+02:00"


def test_a_site_name_heading_is_not_taken_for_the_headline() -> None:
    html = _page("<p>6. Mai 2024, 14:25 Uhr</p>", headings="<h1>Stadtblatt</h1>")
    article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html,
                                          url="https://www.stadtblatt.example.de/a"))
    assert article.title == HEADLINE
    assert article.published_at is not None and article.published_at.isoformat() == "2024-05-06T14:25:00+02:00"


@pytest.mark.parametrize(("line", "expected"), [
    ("Freitag, 06.07.2018, 10:29", "2018-07-06T10:29:00+02:00"),
    ("15 августа 2016, 13:43", "2016-08-15T13:43:00+02:00"),
    ("Jul 3, 2019, 4:22pm EDT", "2019-07-03T16:22:00-04:00"),
    ("Le 17/02/2020", "2020-02-17T00:00:00+01:00"),
    ("19.10.2019 12.09", "2019-10-19T12:09:00+02:00"),
    (", 01. Dez. 2017, 12:01 Uhr", "2017-12-01T12:01:00+01:00"),
    ("Mar 5, 2020, 10:00 GMT", "2020-03-05T10:00:00+00:00"),
    ("2019年9月7日 15:10", "2019-09-07T15:10:00+02:00"),
    ("11/01/2021", "none"),  # US or day-first order: not guessed
    ("Aktualisiert am 19.02.2020", "none"),  # the last change, not the publication
    ("Updated 2010 GMT March 14, 2021", "none"),
])
def test_stamp_formats(line: str, expected: str) -> None:
    stamp = stamp_in_line(line, "Europe/Berlin")
    assert (stamp.value.isoformat() if stamp else "none") == expected


def test_a_time_element_after_an_update_word_is_not_the_stamp() -> None:
    # the update stamp is printed first; its <time> carries the update's instant
    stamp = ('<p><time datetime="2024-04-11T08:27:52Z">Aktualisiert: 11.04.2024, 10:27</time></p>'
             '<p>Anna Beispiel</p><p><time datetime="2024-04-03T10:35:41Z">Publiziert: 03.04.2024, 12:35</time></p>')
    assert _published(_page(stamp)) == "2024-04-03T10:35:41+00:00"


def test_a_time_element_value_with_a_space_before_the_clock_keeps_the_time() -> None:
    stamp = '<p><time datetime="2024-11-25 16:11">25. November 2024 16:11 Uhr</time></p>'
    assert _published(_page(stamp)) == "2024-11-25T16:11:00+01:00"


def test_a_naive_date_on_a_generic_domain_is_read_in_the_zone_of_the_pages_language() -> None:
    head = '<meta property="article:published_time" content="2024-01-24T15:40:00">'
    html = _page("<p>24. Januar 2024</p>", head).replace("<html>", '<html lang="de">')
    assert _published(html, "https://www.stadtblatt.example.com/a") == "2024-01-24T15:40:00+01:00"
    # a language spoken across many zones says nothing: UTC, as before
    assert _published(html.replace('lang="de"', 'lang="en"'), "https://www.stadtblatt.example.com/a") \
        == "2024-01-24T15:40:00+00:00"


def test_a_time_element_labelling_the_shown_local_clock_as_utc_gives_way_to_the_visible_stamp() -> None:
    stamp = '<p><time datetime="2024-03-08T15:30:55+00:00">08.03.2024 | 15:30 Uhr</time></p>'
    assert _published(_page(stamp)) == "2024-03-08T15:30:00+01:00"
    # a <time> in UTC whose clock differs from the shown one is the same instant told in UTC: kept
    honest = '<p><time datetime="2024-03-08T14:30:55+00:00">08.03.2024 | 15:30 Uhr</time></p>'
    assert _published(_page(honest)) == "2024-03-08T14:30:55+00:00"


def _headline_in_a_paragraph(title: str, shown: str, heading: str = "") -> str:
    # metadata gives the day only; the time of day is printed under a headline no heading holds
    # (a long text, so that a heading in it has a neighbourhood of its own, without the stamp)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            '<meta property="article:published_time" content="2024-05-06"></head><body>'
            f'<nav><a href="/">Start</a> <a href="/lokales">Lokales</a></nav><div class="kopf"><p>{shown}</p>'
            f'<p>6. Mai 2024 14:25 Uhr</p></div><div class="text">{heading}{TEXT * 12}</div>'
            "<footer><p>© 2024 Stadtblatt</p></footer></body></html>")


@pytest.mark.parametrize(("title", "shown", "heading"), [
    (f"{HEADLINE}: stadtblatt", HEADLINE, ""),  # "headline: Site", no space before the colon
    (f"Stadtblatt - {HEADLINE} - Lokales - News", f"Lokales : {HEADLINE}", ""),  # site name first
    (f"{HEADLINE} (Teil 2)", f"{HEADLINE} (Teil 2)", f"<h2>{HEADLINE}</h2>"),  # a shortened heading in the text
])
def test_the_stamp_under_a_headline_that_no_heading_holds_is_found_by_the_title(
        title: str, shown: str, heading: str) -> None:
    assert _published(_headline_in_a_paragraph(title, shown, heading)) == "2024-05-06T14:25:00+02:00"


def test_a_line_with_words_outside_the_title_is_not_taken_for_the_headline() -> None:
    html = _headline_in_a_paragraph(f"{HEADLINE}: stadtblatt", f"Lesen Sie auch: {HEADLINE}")
    assert _published(html) == "2024-05-06T00:00:00+02:00"


def test_a_stamp_showing_only_the_time_completes_a_day_only_metadata_date() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-23"}</script>'
    assert _published(_page("<p>Von Anna Beispiel -</p><p>05:01</p>", head)) == "2024-03-23T05:01:00+01:00"
    assert _published(_page("<p>6:14 p.m.</p>", head)) == "2024-03-23T18:14:00+01:00"
    # metadata with a time of day keeps it; a clock among the running text is no stamp
    timed = '<meta property="article:published_time" content="2024-03-23T09:30:00+01:00">'
    assert _published(_page("<p>05:01</p>", timed)) == "2024-03-23T09:30:00+01:00"
    assert _published(_page("", head, after="<p>05:01</p>")) == "2024-03-23T00:00:00+01:00"


def test_a_naive_stamp_on_a_country_domain_the_iana_table_gives_one_zone() -> None:
    page = _page("<p>13 Oct 2020 18:29</p>").replace("<html>", '<html lang="en">')
    assert _published(page, "https://news.example.az/a") == "2020-10-13T18:29:00+04:00"


def test_a_time_elements_shown_clock_wins_over_its_value() -> None:
    stamp = '<p><time datetime="2020-03-27T08:21:53+01:00">Publié le 27 Mar 20 à 9:21</time></p>'
    assert _published(_page(stamp)) == "2020-03-27T09:21:00+01:00"
    # another zone's clock named in the text is no disagreement
    other = '<p><time datetime="2020-02-16T23:02:32+00:00">3:02pm PST</time></p>'
    assert _published(_page(other)) == "2020-02-16T23:02:32+00:00"


def test_a_time_elements_utc_value_shown_on_the_sites_clock_is_no_disagreement() -> None:
    stamp = '<p><time datetime="2023-01-01T07:35:00Z">Neujahr 23, 08:35</time></p>'
    assert _published(_page(stamp)) == "2023-01-01T07:35:00+00:00"


def test_an_offset_the_metadata_states_wins_over_a_zoneless_stamp_of_its_clock() -> None:
    # a known zone (Berlin, the country domain), a stamp without a zone that prints the metadata's clock in the
    # offset the metadata states (+08:00): the metadata's instant, not 14:25 in Berlin
    head = '<meta property="article:published_time" content="2024-05-06T14:25:00+08:00">'
    assert _published(_page("<p>6. Mai 2024, 14:25 Uhr</p>", head)) == "2024-05-06T14:25:00+08:00"
    # a UTC label on that clock is a CMS labelling local time as UTC: the page's word (as for a <time> value)
    head = '<meta property="article:published_time" content="2024-05-06T14:25:00+00:00">'
    assert _published(_page("<p>6. Mai 2024, 14:25 Uhr</p>", head)) == "2024-05-06T14:25:00+02:00"
