"""Writers named on a page in a Latin-script language: the byline by the headline, else the
page's author metadata when the page also shows that name.

Bylines are read in the forms of the European press ("By Jake Goulding on January 20, 2020",
"Von Gregory Lipinski", "Text von Christian Seiler Illustration von …", "Eine Kolumne von Nils
Pickert", "Por Adriano Fernandes | 03/05/2022", "Author: X, Datum: …", "By X and Y", the Russian and
Ukrainian "Автор: X" / "Авторы:" with the names on the next line), only in the
few lines around the headline (the bylines of related items, comments and embedded posts lie
further away). A name is two to four capitalised words (particles such as "von", "de", "van"
between them); a single word, a lower-case handle or a word like "staff" is not taken, nor the
outlet itself (its ``og:site_name``, publisher or domain), nor an agency.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁЄІЇҐ][\w'’.-]*[\w.]"
_PARTICLE = r"(?:von|van|der|den|de|da|di|du|del|della|dos|le|la|zu|ten|ter|af|al|bin|y)"
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{1,3}}"
_JOIN = r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\bey?\b|\bi\b|\boraz\b|\ben\b|\bи\b)\s*"
# A label that says "written by", then names; the label is case-free, the names are not.
_BYLINE = re.compile(
    r"^(?:[\w ]{0,30}?\b)?(?i:by|von|par|por|door|av|text(?:\s+von)?|autor(?:in)?|author|auteur|autore|"
    r"written\s+by|geschrieben\s+von|verfasst\s+von|escrito\s+por|автор[ыа]?)\s*[:：]?\s+"
    rf"(?P<names>{_NAME}(?:{_JOIN}{_NAME})*)(?=\s*$|\s*[|·•,;/–—-]|\s+(?i:on|am|le|el|il|em|um|at|\d))"
)
# Words that make a capitalised pair a team, a desk or a role rather than a person.
_NOT_PERSON = re.compile(
    r"\b(?:Redaktion|Redaktionsteam|Newsdesk|Staff|Team|Editorial|Editors?|Admin|Administrator|Support|"
    r"Agency|Agentur|Press|Presse|News|Nachrichten|Online|Magazin|Magazine|Zeitung|Verlag|Media|Medien|"
    r"Illustration|Foto|Fotos|Photo|Photos|Bild|Video|Grafik|Images|Getty|Shutterstock|iStock|"
    r"Taboola\w*|Outbrain|Sponsored|Promoted|Advertisement|Anzeige|Werbung|Agencia|Agence|Agenzia|"
    r"Redacci[oó]n|Redazione|R[ée]daction|Redactie|University|Universit[äa]t|Institut\w*|GmbH|AG|Inc|Ltd|"
    r"Solutions|Analytical|Verband|Ministerium|Landesanstalt|Twitter|Facebook|Instagram|Ver[öo]ffentlicht|"
    r"Published|Writer)\b", re.I)
_AGENCIES = frozenset({"afp", "ap", "dpa", "sid", "reuters", "apa", "kna", "epd", "ansa", "efe", "upi", "pti"})
BEFORE, AFTER = 4, 16  # lines above and below the headline that may hold its byline


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


_OUTLET_META = frozenset({"og:site_name", "application-name", "publisher", "copyright"})
_AUTHOR_META = frozenset({"author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                          "dcterms.creator", "byl"})


def _meta_values(document: HtmlElement, names: frozenset[str]) -> list[str]:
    """Contents of the ``<meta>`` elements whose name, property or itemprop is one of ``names``."""
    found = []
    for meta in document.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in names and (content := (meta.get("content") or "").strip()):
            found.append(content)
    return found


_TITLE_SEPARATOR = re.compile(r"\s+[-–—|_]\s+")


def outlet_words(document: HtmlElement, url: str) -> set[str]:
    """Squeezed names the page gives itself: site name, publisher, domain labels, the last part
    of its ``<title>`` ("… - المدينة نيوز": a site named in another script than its domain)."""
    words = {_squeeze(value) for value in _meta_values(document, _OUTLET_META)}
    title_parts = _TITLE_SEPARATOR.split((document.findtext(".//title") or "").strip())
    if len(title_parts) > 1:
        words.add(_squeeze(title_parts[-1]))
    host = urlsplit(url).hostname or "" if url else ""
    words.update(_squeeze(label) for label in host.split(".") if len(label) > 3)
    return {word for word in words if len(word) > 3}


def _is_person(name: str, outlet: set[str]) -> bool:
    squeezed = _squeeze(name)
    if not squeezed or _NOT_PERSON.search(name) or squeezed in _AGENCIES or any(ch.isdigit() for ch in name):
        return False
    # the outlet by its own name ("StarsInsider", "Hildesheimer Presse", "Das Mitternachtskabinett")
    return not any(word in squeezed or squeezed in word for word in outlet) and \
        not any(len(part) > 5 and _squeeze(part) in outlet for part in name.split())


def _names(text: str) -> list[str]:
    """The names of a run joined by commas and "and"s; an agency closing a name is its credit, not
    part of it ("By Jane Doe and John Roe Reuters")."""
    names = []
    for name in re.split(_JOIN, text):
        words = name.strip(" .").split()
        if len(words) > 2 and _squeeze(words[-1]) in _AGENCIES:
            words = words[:-1]
        if words:
            names.append(" ".join(words))
    return names


def _headline_at(lines: list[str], headline: str) -> int | None:
    wanted = _squeeze(headline)
    if not wanted:
        return None
    return next((index for index, line in enumerate(lines)
                 if _squeeze(line) == wanted or (len(wanted) >= 12 and _squeeze(line).startswith(wanted))), None)


def _byline_window(at: int, count: int) -> list[int]:
    """Indexes of the lines that may hold the byline of the headline at ``at``: below it, nearest
    first, then above it."""
    return [*range(at + 1, min(count, at + 1 + AFTER)), *range(at - 1, max(-1, at - 1 - BEFORE), -1)]


def _in_comments(element: HtmlElement) -> bool:
    return any("comment" in f"{a.get('class', '')} {a.get('id', '')}".lower() for a in element.iterancestors())


def byline_names(lines: list[str], headline: str, outlet: set[str], *, bare: bool = False) -> list[str]:
    """Names of the byline nearest below the headline (else just above it); a label alone on its
    line ("Von") takes the next line as its names. ``bare``: only a line that starts with its
    label ("By X", not "Designed by X")."""
    at = _headline_at(lines, headline)
    if at is None:
        return []
    for index in _byline_window(at, len(lines)):
        line = lines[index].strip()
        if len(line) > 120:
            continue
        if re.fullmatch(r"(?i:by|von|par|por|door|автор[ыа]?)\s*:?", line) and index + 1 < len(lines):
            line = f"{line} {lines[index + 1].strip().rstrip(',')}"
        match = _BYLINE.match(line)
        if match and bare and not re.match(r"(?i:by|von|par|por|door|author|autor)\b", line):
            continue
        if match:
            names = [name for name in _names(match.group("names")) if _is_person(name, outlet)]
            if names:
                return names
    return []


def json_ld_authors(document: HtmlElement, *, profiled: bool = False) -> list[str]:
    """The names JSON-LD gives as the author or creator (people, or bare strings); ``profiled``: only
    people given with an address of their own (``url``: the site keeps an author page for them)."""
    found: list[str] = []

    def visit(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            kind = node.get("@type")
            if key in ("author", "creator") and "name" in node and kind in (None, "Person", ["Person"]) \
                    and (not profiled or str(node.get("url") or "").startswith(("http", "/"))):
                found.append(str(node["name"]))
            for child_key, child in node.items():
                visit(child, child_key if child_key in ("author", "creator") else key if child_key == "@graph" else "")
        elif isinstance(node, list):
            for child in node:
                visit(child, key)
        elif isinstance(node, str) and key in ("author", "creator") and not profiled and not node.startswith(("http", "/")):
            found.append(node)

    for script in document.xpath("//script[@type='application/ld+json']/text()"):
        try:
            visit(json.loads(str(script)))
        except ValueError:
            continue  # a broken block: the visible byline still counts
    return found


def metadata_names(document: HtmlElement, lines: list[str], outlet: set[str]) -> list[str]:
    """People the page's author metadata names that the page also shows (outlets often put their
    own name, a team or a login there; a name nobody sees is not taken)."""
    shown = "\n".join(lines)
    found: list[str] = []
    for value in [*json_ld_authors(document), *_meta_values(document, _AUTHOR_META)]:
        value = re.sub(r"^(?i:by)\s+", "", value.strip())
        if value.startswith(("http", "/", "@")):
            continue
        for name in _names(value):
            words = name.split()
            # a capitalised name, or two plain words ("Mobasir hassan"), not a phrase ("Catch more
            # fish"); in a script without capitals (Arabic, Hebrew, …) any two to four words
            shaped = bool(re.fullmatch(_NAME, name)) or (len(words) == 2 and words[0][:1].isupper()) \
                or _caseless(name)
            form = _as_shown(name, shown) if shaped and 2 <= len(words) <= 4 else None
            if form and _is_person(form, outlet) and form not in found:
                found.append(form)
    return found


def _caseless(name: str) -> bool:
    """Written in a script that has no capital letters (its letters are neither upper nor lower case)."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and not any(ch.isupper() or ch.islower() for ch in letters)


def _as_shown(name: str, shown: str) -> str | None:
    """The name as the page prints it: metadata may shout it ("HILLEL ITALIE" for a byline
    "Hillel Italie"); None when the page does not show it."""
    if name in shown:
        return name
    at = shown.casefold().find(name.casefold())
    printed = shown[at:at + len(name)] if at >= 0 else ""
    return printed if printed.casefold() == name.casefold() else None


_MARKED = etree.XPath(".//*[@rel='author' or @itemprop='author']")


def marked_names(around: HtmlElement, outlet: set[str]) -> list[str]:
    """Names in the elements the page marks as its author's (``rel="author"``, ``itemprop="author"``)
    by the headline, outside comments."""
    found: list[str] = []
    for element in _MARKED(around):
        if element.tag == "meta" or _in_comments(element):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip(" ,;|·")
        for name in _names(re.sub(r"^(?i:by|von|par|por)\s+", "", text)):
            if re.fullmatch(_NAME, name) and _is_person(name, outlet) and name not in found:
                found.append(name)
    return found


# A link to the page the site keeps for one of its writers or users ("/author/jdoe/",
# "/user/jdoe42.html", "/userinfo.php?uid=6"): a path segment that starts with one of these words.
_PROFILE_SEGMENT = re.compile(r"(?i)^(?:authors?|autor(?:en|in)?|auteurs?|user(?:s|info)?|profiles?|profil|"
                              r"members?|writers?|journalists?)(?:\.\w+)?$")
BYLINE_REST = 80  # characters of a linked byline's line outside its names at most
_HANDLE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w.-]{1,29}")


def _profile_link(element: HtmlElement) -> bool:
    path = urlsplit(element.get("href") or "").path
    return any(_PROFILE_SEGMENT.match(segment) for segment in path.split("/"))


def _in_running_text(link: HtmlElement) -> bool:
    """Whether a link stands in a paragraph of the story ("… champion <a href=/profile/…>Jane
    Doe</a> won …": the person the story is about, not its writer)."""
    paragraph = next(link.iterancestors("p"), None)
    return paragraph is not None and len(paragraph.text_content().strip()) > BYLINE_REST + 40


def _same_site(href: str, url: str) -> bool:
    """Whether a link stays on the page's site (a relative link does; so does a host that shares
    the page host's last two labels)."""
    host = (urlsplit(href).hostname or "").removeprefix("www.")
    page = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    return not host or (bool(page) and host.split(".")[-2:] == page.split(".")[-2:])


def profile_names(around: HtmlElement, lines: list[str], headline: str, outlet: set[str], url: str) -> list[str]:
    """Writers named by links to the site's author or user pages on a short line by the headline
    ("January 10, 2019 jdoe 1 Comment", "von <a href=/user/jdoe42.html>jdoe42</a> am 20.09.2020"):
    the address says the text is a person the site keeps a page for, so a one-word login counts
    here (it does not in a plain byline), outside comments; the line nearest the headline wins."""
    linked: set[str] = set()
    for link in around.iter("a"):
        text = re.sub(r"\s+", " ", link.text_content()).strip(" ,;|·")
        # (a web address given as the name, "www.example.com", is a site, not a login)
        if not _profile_link(link) or not (_HANDLE.fullmatch(text) or re.fullmatch(_NAME, text)) \
                or re.search(r"^www\.|\.[a-z]{2,4}$", text) \
                or _in_comments(link) or _in_running_text(link):
            continue
        # a login made of a desk's word ("KB_Redaktion") is the desk; a link to another site
        # ("pixabay.com/users/…" in a picture credit) names someone who is not the site's writer
        # (a login may hold digits, "jdoe42", which a printed name never does)
        if _is_person(re.sub(r"\d", "", text) if " " not in text else text, outlet) \
                and not _NOT_PERSON.search(re.sub(r"[_.-]", " ", text)) \
                and _same_site(link.get("href") or "", url):
            linked.add(text)
    at = _headline_at(lines, headline)
    if not linked or at is None:
        return []
    for index in _byline_window(at, len(lines)):
        line = lines[index].strip()
        words = set(re.findall(r"[\w.-]+", line))
        found = [name for name in sorted(linked, key=line.find) if name in words or (" " in name and name in line)]
        # a byline line holds little besides the names (a label, a day, a count of comments); a
        # name linked inside a sentence ("… champion <a href=/profile/…>Jane Doe</a> won …") is the story's
        if found and len(re.sub("|".join(map(re.escape, found)), "", line).strip()) <= BYLINE_REST:
            return found
    return []


def latin_authors(document: HtmlElement, around: HtmlElement, lines: list[str], headline: str,
                  url: str) -> list[str]:
    """The writers of a non-Chinese page: its byline by the headline, else the names it marks as
    its author's there, else its author metadata when the page shows that name, else the names
    linked to the site's author pages by the headline."""
    outlet = outlet_words(document, url)
    return byline_names(lines, headline, outlet) or marked_names(around, outlet) or \
        metadata_names(document, lines, outlet) or profile_names(around, lines, headline, outlet, url)
