"""The zone of a page's naive dates from its declared language (country-code domains come first)."""

from __future__ import annotations

import lxml.html
import pytest

from newsmirror.extract.zones import (
    country_zone,
    edition_zone,
    language_zone,
    page_language,
    site_zone,
)


@pytest.mark.parametrize(("tag", "zone"), [
    ("de", "Europe/Berlin"), ("de-ch", "Europe/Berlin"), ("pl-pl", "Europe/Warsaw"), ("ja", "Asia/Tokyo"),
    # spoken across zones, and a template's region subtag is not trusted ("es-ES" on a Florida site)
    ("en", ""), ("en-gb", ""), ("es-es", ""), ("pt-br", ""), ("fr", ""), ("", ""),
])
def test_language_zone(tag: str, zone: str) -> None:
    assert language_zone(tag) == zone


def test_page_language_from_html_content_language_or_locale() -> None:
    assert page_language(lxml.html.fromstring('<html lang="de-DE"><body><p>x</p></body></html>')) == "de-de"
    locale = '<html><head><meta property="og:locale" content="pt_BR"></head><body><p>x</p></body></html>'
    assert page_language(lxml.html.fromstring(locale)) == "pt-br"
    assert page_language(lxml.html.fromstring("<html><body><p>x</p></body></html>")) == ""


def test_the_domain_outranks_the_language_and_chinese_text_outranks_a_template_tag() -> None:
    assert site_zone("https://news.example.at/a", chinese=False, language="en") == "Europe/Vienna"
    assert site_zone("https://news.example.com/a", chinese=False, language="de") == "Europe/Berlin"
    assert site_zone("https://news.example.com/a", chinese=True, language="ja") == "Asia/Shanghai"
    assert site_zone("https://news.example.com/a", chinese=False, language="") == "UTC"


@pytest.mark.parametrize(("url", "zone"), [
    # countries the IANA database gives one zone, which the explicit table does not name
    ("https://news.example.az/a", "Asia/Baku"), ("https://www.example.jo/a", "Asia/Amman"),
    ("https://example.pe/a", "America/Lima"),
    # several zones in the country, a domain sold worldwide as a name, a generic domain
    ("https://example.us/a", ""), ("https://example.tv/a", ""), ("https://example.io/a", ""),
    ("https://example.com/a", ""),
    # the explicit table still wins (Canada has several zones; its national outlets date in Toronto's)
    ("https://example.ca/a", "America/Toronto"),
])
def test_country_zone_from_the_iana_country_table(url: str, zone: str) -> None:
    assert country_zone(url) == zone


@pytest.mark.parametrize(("title", "zone"), [
    ("新馆开放 - 加东 - Example Daily Canada Toronto Chinese Newspaper - 中国", "America/Toronto"),
    ("New library opens | News from Berlin, Germany and beyond", "Europe/Berlin"),
    ("新馆开放 - Phoenix Example TV", ""),  # a city without its country
    ("New library opens | Hong Kong | Example Daily", ""),  # a city-state's one name: a section's as often
    ("Canada Toronto: new library opens", ""),  # the headline itself is the story's
])
def test_edition_zone_from_the_pages_own_name(title: str, zone: str) -> None:
    assert edition_zone(lxml.html.fromstring(f"<html><head><title>{title}</title></head><body><p>x</p></body></html>")) == zone
