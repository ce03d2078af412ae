"""Where the article sits in a page that is a rendered archive container or feed item.

Two shapes are recognised structurally, whatever the outlet: a page of the gfw-breaker
page-mirror family (title, promo headings, the article block, a share trailer) and a feed
item (a title heading, usually a link, followed by the item's content). A page read from a
mirror or saved by a feed reader has one of these shapes; the cleaner then works on the
region only, so navigation, promos and share trailers never reach it.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_SPACE = re.compile(r"\s+")
_MIRROR_TRAILER = "手机上长按并复制下列链接"


def _text(element: HtmlElement) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def mirror_region(root: HtmlElement) -> list[HtmlElement] | None:
    """Page mirrors: the elements between the last promo heading and the share trailer."""
    body = root.find("body")
    if body is None:
        return None
    children = list(body)
    for index, child in enumerate(children):
        if child.tag == "hr" and _MIRROR_TRAILER in (child.tail or ""):
            start = index
            while start > 0 and children[start - 1].tag not in ("h4", "h3", "h2"):
                start -= 1
            region = [c for c in children[start:index] if c.tag != "hr"]
            return region or None
    return None


def feed_item_region(root: HtmlElement) -> list[HtmlElement] | None:
    """Feed items rendered as a page: a title heading (usually a link) and one content element."""
    body = root.find("body")
    if body is None:
        return None
    children = [c for c in body if isinstance(c.tag, str)]
    for index, child in enumerate(children[:-1]):
        if child.tag in ("h1", "h2", "h3") and len(children) - index <= 3:
            content = children[index + 1]
            if content.tag in ("div", "article", "section") and len(_text(content)) > 40:
                return [content]
    return None
