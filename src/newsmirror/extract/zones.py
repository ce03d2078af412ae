"""The time zone a page's naive dates are written in: the outlet's, else its country's.

A page that prints "2019-05-18 10:00" or carries a meta date without an offset means its own
local time. The zone comes, best first, from the site's extraction profile (the newsroom's
zone), from the country-code top-level domain of the page's address, and else from the
language, when the page declares one whose press keeps one clock (German in Germany, Austria
and Switzerland all keep Central European time; Chinese-language news is overwhelmingly
published at UTC+8: mainland China, Taiwan, Hong Kong, Macau, Singapore, Malaysia all keep
+08:00). Pages of unknown origin in a language spoken
across zones (English, Spanish, French, Arabic, …) are read as UTC. A region subtag is not
trusted: templates ship with one ("es-ES" on a Florida site, "en-GB" on a Scottish one).

A country-code domain the table below does not name gives the country's zone when the IANA
time zone database lists one zone for that country (``zone.tab``: Azerbaijan, Jordan, Peru, …);
a country with several zones gives none, and the domains sold worldwide as names (.tv, .io,
.co, .me, .fm, …) are not read as countries.

The page's address is the URL it was fetched from, or, for a saved page without one, the
address the page declares for itself (``<link rel=canonical>``, ``og:url``); for the zone only, a
saved page that declares neither (or a relative one) is placed by the site most of its own links
lead to (:func:`linked_site`: an outlet's navigation links to itself). A page whose address gives no zone
(a generic domain, or none) and whose own name is an overseas edition's, naming a country and one of its
cities ("Ming Pao Canada Toronto"), is read in that city's zone (:func:`edition_zone`, from the IANA tables).
"""

from __future__ import annotations

import contextlib
import functools
import re
import zoneinfo
from collections import Counter
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
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
# Languages whose newsrooms all keep one clock (the same offsets all year), for a page whose
# address names no country; widely spread languages (en, es, fr, pt, ar, ru) are left out.
LANGUAGE_ZONES = {
    "de": "Europe/Berlin", "it": "Europe/Rome", "nl": "Europe/Amsterdam", "pl": "Europe/Warsaw",
    "cs": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "sl": "Europe/Ljubljana",
    "hr": "Europe/Zagreb", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "et": "Europe/Tallinn", "lv": "Europe/Riga",
    "lt": "Europe/Vilnius", "el": "Europe/Athens", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
    "uk": "Europe/Kyiv", "tr": "Europe/Istanbul", "he": "Asia/Jerusalem", "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul", "th": "Asia/Bangkok", "vi": "Asia/Ho_Chi_Minh", "zh": "Asia/Shanghai",
}  # fmt: skip


# Country-code domains used worldwide as plain names: their country says nothing of the outlet.
VANITY_DOMAINS = frozenset({"tv", "io", "co", "me", "fm", "ai", "ly", "cc", "ws", "to", "gg", "nu", "tk", "sh",
                            "ac", "so", "ag", "bz", "vc", "ms", "im", "gd", "la", "st", "cx", "ps", "sx"})


@functools.cache
def single_zone_countries() -> dict[str, str]:
    """Lower-case ISO country code -> zone, for the countries the IANA database's ``zone.tab``
    gives exactly one zone. The table comes from the ``tzdata`` package (a dependency) so that
    every machine reads the same one; the system's copy is only a fallback."""
    zones: dict[str, list[str]] = {}
    for line in _zone_tab().splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#"):
            zones.setdefault(fields[0].lower(), []).append(fields[2])
    return {code: names[0] for code, names in zones.items() if len(names) == 1}


def _zone_tab() -> str:
    return _tzdata_table("zone.tab")


def _tzdata_table(name: str) -> str:
    try:
        return (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        for base in zoneinfo.TZPATH:
            path = Path(base) / name
            if path.is_file():
                return path.read_text(encoding="utf-8")
    return ""


def page_language(document: HtmlElement) -> str:
    """The language tag the page declares (``<html lang>``, Content-Language, og:locale), lower case."""
    root = document.getroottree().getroot()
    values = [root.get("lang"), root.get("xml:lang")]
    for meta in document.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" or meta.get("property") == "og:locale":
            values.append(meta.get("content"))
    for value in values:
        value = (value or "").strip().lower().replace("_", "-")
        if re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", value):
            return value
    return ""


def language_zone(language: str) -> str:
    """The zone of a one-clock language's press for a language tag ('' for other languages)."""
    return LANGUAGE_ZONES.get(language.split("-")[0], "")


def declared_url(document: HtmlElement) -> str:
    """The address a page declares for itself (canonical link, og:url), '' when none is absolute."""
    for value in document.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        value = str(value).strip()
        if value.startswith(("http://", "https://")):
            return value
    return ""


# A site whose links are most of a page's absolute links, and at least this many: the page's own
# navigation, not a few links to a source or a share button.
OWN_LINKS = 20
_SECOND_LEVEL = frozenset({"com", "org", "net", "edu", "gov", "co", "ac"})


def registered_domain(host: str) -> str:
    """The domain a host was registered under (news.pts.org.tw -> pts.org.tw, www.rthk.hk -> rthk.hk):
    two labels, three under a country's second level (.com.hk, .co.nz, .org.tw)."""
    labels = host.removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def linked_site(document: HtmlElement) -> str:
    """``https://<host>/`` of the site (registered domain) that more than half of the page's absolute
    ``<a href>`` links lead to, at least :data:`OWN_LINKS` of them: where a saved page that states no
    address of its own was published ('' when no site dominates)."""
    hosts: list[str] = []
    for href in document.xpath("//a/@href"):
        href = str(href).strip()
        if href.startswith(("http://", "https://")):
            with contextlib.suppress(ValueError):
                hosts.append((urlsplit(href).hostname or "").rstrip("."))
    sites = Counter(registered_domain(host) for host in hosts if "." in host)
    if not sites:
        return ""
    site, count = sites.most_common(1)[0]
    if count < OWN_LINKS or 2 * count <= len(hosts):
        return ""
    return f"https://{next(host for host in hosts if host and registered_domain(host) == site)}/"


def country_zone(url: str) -> str:
    """The zone of the URL's country-code top-level domain ('' for generic domains)."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""
    if "." not in host:
        return ""
    suffix = host.rsplit(".", 1)[-1]
    if suffix in COUNTRY_ZONES:
        return COUNTRY_ZONES[suffix]
    return "" if suffix in VANITY_DOMAINS else single_zone_countries().get(suffix, "")


def known_zone(url: str) -> str:
    """The site's zone when its profile or its country-code domain gives one ('' for a guess)."""
    return (profile_for(url).timezone or country_zone(url)) if url else ""


@functools.cache
def _cities() -> dict[str, tuple[str, str]]:
    """City as the IANA database names its zones ("new york", lower case) -> (zone, its country's name
    as ``iso3166.tab`` gives it, lower case), for every zone ``zone.tab`` lists."""
    countries = dict(line.split("\t", 1) for line in _tzdata_table("iso3166.tab").splitlines()
                     if "\t" in line and not line.startswith("#"))
    cities: dict[str, tuple[str, str]] = {}
    for line in _zone_tab().splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#") and fields[0] in countries:
            city = fields[2].rsplit("/", 1)[-1].replace("_", " ").lower()
            cities.setdefault(city, (fields[2], countries[fields[0]].strip().lower()))
    return cities


# the parts of a <title> after the headline: the section, the site's name
_TITLE_PARTS = re.compile(r"\s+[-–—|｜]\s+|[_｜]")


def edition_zone(document: HtmlElement) -> str:
    """The zone of an overseas edition that names itself by its country and city in Latin letters
    (``<title>`` "… - Ming Pao Canada Toronto Chinese Newspaper", og:site_name): the city's zone in the
    IANA database, when the same name also names that city's country by another name (a city alone is
    as often a word of a brand, a section or the story's: "Phoenix", "Hong Kong"); '' when no name does."""
    names = [str(value) for value in document.xpath(
        "//meta[@property='og:site_name' or @name='application-name']/@content")]
    names += _TITLE_PARTS.split((document.findtext(".//title") or "").strip())[1:]
    for name in names:
        words = f" {' '.join(re.findall(r'[A-Za-z]+', name)).lower()} "
        for city in _city_names().findall(words):
            zone, country = _cities()[city]
            # two names, the country's and the city's: a city-state's one name ("Hong Kong",
            # "Jamaica") is as often a section's or the story's
            if country != city and f" {country} " in words:
                return zone
    return ""


@functools.cache
def _city_names() -> re.Pattern[str]:
    names = sorted(_cities(), key=len, reverse=True)  # "new york" before "york"
    return re.compile(r"(?<= )(?:" + "|".join(map(re.escape, names)) + r")(?= )")


def site_zone(url: str, *, chinese: bool, language: str = "", document: HtmlElement | None = None) -> str:
    """The IANA zone naive dates of the page at ``url`` are read in (see the module doc);
    ``language``: the page's declared language tag, if any; ``document``: the page, whose own name may give
    an overseas edition's zone (:func:`edition_zone`), read only when the address gives none."""
    zone = known_zone(url)
    if zone:
        return zone
    edition = edition_zone(document) if document is not None else ""
    if edition:
        return edition
    if chinese:
        return CHINESE_DEFAULT_ZONE  # the text's script outranks a tag: templates are often left at "en"
    return language_zone(language) or "UTC"


def in_site_zone(value: datetime, zone: str) -> datetime:
    """An instant stated in UTC, on the clock of the site's zone, so that its calendar day is the
    one the outlet's readers saw (metadata often states UTC: "2020-04-14T00:38:07Z" is the evening
    of the 13th in Oregon). Used on metadata only; an offset the page states otherwise is kept: it
    is the page's word, as is a zone its visible stamp names ("格林尼治标准时间 06:25")."""
    if value.tzinfo is None or zone == "UTC" or value.utcoffset() != timedelta(0):
        return value
    return value.astimezone(ZoneInfo(zone))
