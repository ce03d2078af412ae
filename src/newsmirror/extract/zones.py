"""The time zone a page's naive dates are written in: the outlet's, else its country's.

A page that prints "2019-05-18 10:00" or carries a meta date without an offset means its own
local time. The zone comes, best first, from the site's extraction profile (the newsroom's
zone), from the country-code top-level domain of the page's address, and else from the
language: Chinese-language news is overwhelmingly published at UTC+8 (mainland China, Taiwan,
Hong Kong, Macau, Singapore, Malaysia all keep +08:00), so Beijing time is the right guess for
a Chinese page of unknown origin; other pages of unknown origin are read as UTC.

The page's address is the URL it was fetched from, or, for a saved page without one, the
address the page declares for itself (``<link rel=canonical>``, ``og:url``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

from newsmirror.extract.profiles import profile_for

CHINESE_DEFAULT_ZONE = "Asia/Shanghai"

# Country-code TLD -> the zone most of that country's newsrooms date in (one zone per country;
# the countries with several zones get their capital's, which is where national outlets sit).
COUNTRY_ZONES = {
    "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong", "mo": "Asia/Macau", "tw": "Asia/Taipei",
    "sg": "Asia/Singapore", "my": "Asia/Kuala_Lumpur", "jp": "Asia/Tokyo", "kr": "Asia/Seoul",
    "th": "Asia/Bangkok", "vn": "Asia/Ho_Chi_Minh", "ph": "Asia/Manila", "id": "Asia/Jakarta",
    "in": "Asia/Kolkata", "uk": "Europe/London", "ie": "Europe/Dublin", "de": "Europe/Berlin",
    "fr": "Europe/Paris", "at": "Europe/Vienna", "ch": "Europe/Zurich", "it": "Europe/Rome",
    "es": "Europe/Madrid", "nl": "Europe/Amsterdam", "be": "Europe/Brussels", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "dk": "Europe/Copenhagen", "fi": "Europe/Helsinki", "pl": "Europe/Warsaw",
    "cz": "Europe/Prague", "ru": "Europe/Moscow", "ua": "Europe/Kyiv", "tr": "Europe/Istanbul",
    "au": "Australia/Sydney", "nz": "Pacific/Auckland", "ca": "America/Toronto",
    "br": "America/Sao_Paulo", "mx": "America/Mexico_City", "ar": "America/Argentina/Buenos_Aires",
}  # fmt: skip


def declared_url(document: HtmlElement) -> str:
    """The address a page declares for itself (canonical link, og:url), '' when none is absolute."""
    for value in document.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        value = str(value).strip()
        if value.startswith(("http://", "https://")):
            return value
    return ""


def country_zone(url: str) -> str:
    """The zone of the URL's country-code top-level domain ('' for generic domains)."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""
    return COUNTRY_ZONES.get(host.rsplit(".", 1)[-1], "") if "." in host else ""


def known_zone(url: str) -> str:
    """The site's zone when its profile or its country-code domain gives one ('' for a guess)."""
    return (profile_for(url).timezone or country_zone(url)) if url else ""


def site_zone(url: str, *, chinese: bool) -> str:
    """The IANA zone naive dates of the page at ``url`` are read in (see the module doc)."""
    if url:
        zone = profile_for(url).timezone or country_zone(url)
        if zone:
            return zone
    return CHINESE_DEFAULT_ZONE if chinese else "UTC"


def in_site_zone(value: datetime, zone: str) -> datetime:
    """An instant stated in UTC, on the clock of the site's zone, so that its calendar day is the
    one the outlet's readers saw (metadata often states UTC: "2020-04-14T00:38:07Z" is the evening
    of the 13th in Oregon). Used on metadata only; an offset the page states otherwise is kept: it
    is the page's word, as is a zone its visible stamp names ("格林尼治标准时间 06:25")."""
    if value.tzinfo is None or zone == "UTC" or value.utcoffset() != timedelta(0):
        return value
    return value.astimezone(ZoneInfo(zone))
