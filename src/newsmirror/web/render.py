"""What every page needs before showing stored text: sanitizing, script conversion, highlighting."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

import nh3
from markupsafe import Markup, escape

from newsmirror.text.script import to_simplified, to_traditional
from newsmirror.text.search_key import ParsedQuery, match_spans

DisplayScript = Literal["orig", "zh-Hans", "zh-Hant"]
DISPLAY_SCRIPTS: tuple[DisplayScript, ...] = ("orig", "zh-Hans", "zh-Hant")
SCRIPT_LABELS = {"orig": "原文", "zh-Hans": "简", "zh-Hant": "繁"}

_TAG = re.compile(r"(<[^>]*>)")


def convert_text(text: str, script: DisplayScript) -> str:
    """Display conversion only; stored text stays as the outlet wrote it."""
    if not text or script == "orig":
        return text
    return to_simplified(text) if script == "zh-Hans" else to_traditional(text)


ImageURL = Callable[[str], "str | None"]  # an image's original URL -> the URL to show, or None


def no_remote_images(src: str) -> str | None:
    return None


def clean_html(html: str, image_url: ImageURL = no_remote_images) -> str:
    """Sanitize again on display: stored bodies were cleaned at extraction, but the store may
    hold rows from older or other tools, and a reader page must never run an outlet's script.

    Every ``<img src>`` is replaced by ``image_url(src)`` (a locally mirrored copy) or removed:
    the page never makes the reader's browser contact an outlet (see newsmirror.web.images).
    """

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src":
            return image_url(value)
        return value

    return nh3.clean(html, link_rel="noopener noreferrer nofollow", url_schemes={"http", "https", "mailto"},
                     attribute_filter=keep)


def body_markup(html: str, script: DisplayScript, image_url: ImageURL = no_remote_images) -> Markup:
    """Sanitized body with its text (not its tags or URLs) converted to the display script."""
    cleaned = clean_html(html, image_url)
    if script != "orig":
        parts = _TAG.split(cleaned)
        cleaned = "".join(p if p.startswith("<") else convert_text(p, script) for p in parts)
    return Markup(cleaned)  # noqa: S704 - sanitized by nh3 just above


def text_markup(text: str, script: DisplayScript) -> Markup:
    """Plain text as escaped paragraphs (for articles stored without HTML)."""
    paragraphs = [p.strip() for p in convert_text(text, script).split("\n\n") if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(p) for p in paragraphs)


def highlight(text: str, parsed: ParsedQuery | None) -> Markup:
    """Escaped text with the query's matches (in either script) wrapped in <mark>."""
    if not parsed:
        return escape(text)
    pieces: list[Markup] = []
    last = 0
    for start, end in match_spans(text, parsed):
        pieces.append(escape(text[last:start]))
        pieces.append(Markup("<mark>{}</mark>").format(text[start:end]))
        last = end
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)
