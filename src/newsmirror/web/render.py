"""What every page needs before showing stored text: sanitizing, script conversion, highlighting."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, cast

import lxml.html
import nh3
from lxml import etree
from markupsafe import Markup, escape

from newsmirror.extract.urls import unjoined_address
from newsmirror.model import Article
from newsmirror.publish.content import drop_image, interface_converter, lazy_images, sized_images
from newsmirror.publish.images import links_image_file
from newsmirror.text.script import report_script, to_hant, to_simplified, written_in
from newsmirror.text.search_key import ParsedQuery, marked_pieces

if TYPE_CHECKING:
    from starlette.requests import Request

DisplayScript = Literal["orig", "zh-Hans", "zh-Hant"]
DISPLAY_SCRIPTS: tuple[DisplayScript, ...] = ("orig", "zh-Hans", "zh-Hant")
SCRIPT_LABELS = {"orig": "原文", "zh-Hans": "简", "zh-Hant": "繁"}
SCRIPT_COOKIE = "script"

_TAG = re.compile(r"(<[^>]*>)")


def convert_text(text: str, script: DisplayScript, source: str = "") -> str:
    """Display conversion only; stored text stays as the outlet wrote it.

    Only text in the other script is converted: a Taiwan article's 台北 and 宣布 are already
    Traditional and stay as written under 繁 (s2t would make them 臺北, 宣佈), and Simplified
    text stays as written under 简. ``source`` is the article's script when known
    (:func:`source_script`); otherwise the text itself decides (:func:`written_in`).

    繁 is ``text.script.to_hant``, the one Traditional of both products (the static site's zh-Hant
    too): OpenCC's s2tw, Taiwan character forms, no phrase table (see ``text.script.HANT``).
    """
    if not text or script == "orig":
        return text
    written = source if source in ("zh-Hans", "zh-Hant") else written_in(text)
    if script == "zh-Hans":
        return text if written == "zh-Hans" else to_simplified(text)
    return text if written == "zh-Hant" else to_hant(text)


def interface_text(text: str, script: DisplayScript) -> str:
    """The interface's own words (menus, buttons, headings, help; written in Simplified) in the reader's script: the
    templates' ``ui()``, where ``t()`` (:func:`convert_text`) shows what outlets wrote. Under 繁 in Taiwan's phrases
    (搜尋, not 搜索), as the static site's labels: publish.content.interface_converter is both products' one place."""
    if not text or script == "orig":
        return text
    return interface_converter(script)(text)


def lang_attribute(script: DisplayScript, source: str) -> Markup:
    """`` lang="zh-Hant"`` (or zh-Hans) for an element holding text written in ``source`` (``source_script``), on a
    原文 page only: that page is ``lang="zh"`` and mixes both scripts, and a browser drew a Traditional report in
    Simplified glyphs (the style sheet's first font is SC; reader79). Under 简 or 繁 the page's own lang is every
    text's (all converted), so nothing is marked; nor is a script other than the two (``en``, ``und``)."""
    if script != "orig" or source not in ("zh-Hans", "zh-Hant"):
        return Markup("")
    return Markup(' lang="{}"').format(source)


def display_script(request: Request) -> DisplayScript:
    """The script a reader chose: ?script= wins (and is remembered in a cookie), then the cookie, then the original.
    Every page and feed of the reader asks this one function."""
    for value in (request.query_params.get("script"), request.cookies.get(SCRIPT_COOKIE)):
        if value in DISPLAY_SCRIPTS:
            return cast(DisplayScript, value)
    return "orig"


def with_script(url: str, script: DisplayScript) -> str:
    """``url`` saying the reader's chosen script (``?script=``) unless it is the original. A feed reader sends no
    cookie, so the reader's feed links and a feed's links to pages carry the choice the pages took from the cookie."""
    if script == "orig":
        return url
    address, hash_mark, fragment = url.partition("#")
    path, _, query = address.partition("?")
    kept = [part for part in query.split("&") if part and not part.startswith("script=")]
    return f"{path}?{'&'.join([*kept, f'script={script}'])}{hash_mark}{fragment}"


def source_script(article: Article) -> str:
    """The script an article is written in: as detected at import (an English one: en, neither script), else from its
    title and text (the static site's story page marks a report by the same rule: ``text.script.report_script``)."""
    return report_script(article.script, article.title, article.body_text)


ImageURL = Callable[[str], "str | None"]  # an image's original URL -> the URL to show, or None
ImageSize = Callable[[str], "tuple[int, int] | None"]  # a shown image's URL -> its (width, height), or None


def no_remote_images(src: str) -> str | None:
    return None


def no_sizes(src: str) -> tuple[int, int] | None:
    return None


def clean_html(html: str, image_url: ImageURL = no_remote_images, title: str = "") -> str:
    """Sanitize again on display: stored bodies were cleaned at extraction, but the store may
    hold rows from older or other tools, and a reader page must never run an outlet's script.

    Every ``<img src>`` is replaced by ``image_url(src)`` (a locally mirrored copy) or removed:
    the page never makes the reader's browser contact an outlet (see newsmirror.web.images).
    An image that is not shown goes with its ``<img>`` (see :func:`_unshown_images`); ``title``
    is the article's, which a caption that only repeats it need not say again.
    """

    relinked = _image_links(html, image_url)
    html = _unshown_images(html, image_url, title)

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src":
            return image_url(value)
        if element == "a" and attribute == "href" and value.strip() in relinked:
            return relinked[value.strip()]
        if element == "a" and attribute == "href":
            # a link a writer joined to a host, stored before the import repaired it: shown repaired (not stored so)
            return unjoined_address(value)
        return value

    return nh3.clean(html, link_rel="noopener noreferrer nofollow", url_schemes={"http", "https", "mailto"},
                     attribute_filter=keep, allowed_classes=_CAPTION_CLASSES)


_CAPTION_CLASSES = {"span": {"caption"}}  # the shared style sheet shows it as the built pages' captions


def _unshown_images(html: str, image_url: ImageURL, title: str) -> str:
    """An image with no mirrored copy leaves no ``<img>``: one without a ``src`` is drawn by browsers as a broken
    picture with its alt text beside it, and the figure's caption below said the same again (CNA's photos: 1,042
    images on 392 of 558 reader pages of two days, 2020-08-09 and 08-12, without `serve --images`). Its alt text stays
    as a caption where nothing else says it (not the body, not the title, not a placeholder such as "图片"), as the
    built pages keep it (``publish.content``); a link left empty by it goes too. Mirrored images stay as they are."""
    if "<img" not in html.lower():
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    unshown = [img for img in root.iter("img") if not image_url((img.get("src") or "").strip())]
    if not unshown:
        return html
    said = root.text_content() + "\n" + title
    for img in unshown:
        if kept := drop_image(img, said):
            said += "\n" + kept  # the same picture twice (a lead image and the body's) gets one caption
    pieces = [html_lib.escape(root.text)] if root.text else []
    return "".join(pieces + [etree.tostring(child, encoding="unicode", method="html") for child in root])


def _image_links(html: str, image_url: ImageURL) -> dict[str, str]:
    """Links to an image's full-size file (on the outlet's host) around an image shown from its mirrored copy: their
    address -> the copy's, as the built pages link it (``publish.content``). Other links stay as they are."""
    lowered = html.lower()
    if "<img" not in lowered or "<a" not in lowered:
        return {}
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return {}
    relinked: dict[str, str] = {}
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        sources = [src for img in link.iter("img") if (src := img.get("src") or "")]
        if not href or not sources or not links_image_file(href, sources):
            continue
        copy = next((local for local in map(image_url, sources) if local), None)
        if copy:
            relinked[href] = copy
    return relinked


def body_markup(html: str, script: DisplayScript, image_url: ImageURL = no_remote_images,
                source: str = "", title: str = "", image_size: ImageSize = no_sizes) -> Markup:
    """Sanitized body with its text (not its tags or URLs) converted to the display script.
    ``source``: the article's script (one decision for the whole body, not one per text node); ``title``: the
    article's (see :func:`clean_html`); ``image_size``: a shown image's size by its URL (``LocalImages.size_of``).
    """
    # Images load as the reader scrolls to them: a story page holds every report's body (lazy_images), their place
    # kept by their size (sized_images). The API's body_html (clean_html alone) is left as stored.
    cleaned = sized_images(lazy_images(clean_html(html, image_url, title)), image_size)
    if script != "orig":
        parts = _TAG.split(cleaned)
        source = source or written_in(" ".join(p for p in parts if not p.startswith("<")))
        cleaned = "".join(p if p.startswith("<") else convert_text(p, script, source) for p in parts)
    return Markup(cleaned)  # noqa: S704 - sanitized by nh3 just above


_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>/])", re.IGNORECASE)


def nested_headings(body: Markup, title_level: int) -> Markup:
    """A sanitized body (``body_markup``) whose headings nest under its title at ``title_level``: its highest heading
    one level under the title, the others as far under that as they were, h6 the last (a story page's report title is
    an h3 under 报道, and a report's own h2 subheadings read as sections of the page beside 报道 in a screen reader's
    list of headings; polish70)."""
    levels = [int(match[2]) for match in _HEADING_TAG.finditer(str(body)) if not match[1]]
    if not levels:
        return body
    shift = title_level + 1 - min(levels)

    def moved(match: re.Match[str]) -> str:
        return f"<{match[1]}h{min(int(match[2]) + shift, 6)}"

    return Markup(_HEADING_TAG.sub(moved, str(body)))  # noqa: S704 - tag names only, of markup sanitized before


def text_markup(text: str, script: DisplayScript, source: str = "") -> Markup:
    """Plain text as escaped paragraphs (for articles stored without HTML)."""
    paragraphs = [p.strip() for p in convert_text(text, script, source).split("\n\n") if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(p) for p in paragraphs)


def highlight(text: str, parsed: ParsedQuery | None) -> Markup:
    """Escaped text with the query's matches (in either script) wrapped in <mark>."""
    return Markup("").join(Markup("<mark>{}</mark>").format(piece) if matched else escape(piece)
                           for piece, matched in marked_pieces(text, parsed))
