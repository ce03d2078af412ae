"""Small lxml helpers shared by the cleaning steps."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

BLOCK_TAGS = {
    "p", "div", "section", "article", "figure", "figcaption", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "td", "th", "pre", "hr",
    "header", "footer", "aside", "main", "center", "dl", "dt", "dd", "picture",
}
SPACE_RUN = re.compile(r"[ \t\r\n\f\v\u00a0]+")
# The whitespace str.split also splits on that SPACE_RUN leaves alone (ideographic space, ...).
_OTHER_SPACE = re.compile("[\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def squeeze_spaces(text: str) -> str:
    """``SPACE_RUN.sub(" ", text).strip()``: by str.split when the text holds no other
    whitespace (almost always), three to five times faster than the substitution."""
    if _OTHER_SPACE.search(text):
        return SPACE_RUN.sub(" ", text).strip()
    return " ".join(text.split())


def html_parser(**options: bool) -> etree.HTMLParser:
    """An HTML parser whose elements are all plain ``lxml.html.HtmlElement``s (text_content,
    drop_tree, cssselect, and trafilatura accepts them), chosen by lxml in C. lxml.html's own
    parser asks a Python method for every element proxy it makes (to give forms, inputs and
    labels their own classes, which nothing here uses): a tenth of extraction time went there."""
    parser = etree.HTMLParser(**options)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    return parser


# Comments and processing instructions are never shown, so they are not kept in the tree.
FRAGMENT_PARSER = html_parser(remove_comments=True, remove_pis=True, collect_ids=False)


def parse_fragment(html: str) -> lxml.html.HtmlElement:
    """Parse an HTML fragment under one ``div`` root (whole documents keep their body)."""
    root = FRAGMENT_PARSER.makeelement("div")  # in a document of FRAGMENT_PARSER: its element classes
    if not html.strip():
        return root
    parts = lxml.html.fragments_fromstring(html, parser=FRAGMENT_PARSER)
    if parts and isinstance(parts[0], str):
        root.text = parts.pop(0)
    root.extend(parts)
    return root


def text_content(element: lxml.html.HtmlElement) -> str:
    """``element.text_content()``, read by libxml2's text serializer: the same string, about
    twice as fast (lxml.html evaluates an XPath per call, and the cleaning steps call it often)."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def text_of(element: lxml.html.HtmlElement) -> str:
    return squeeze_spaces(text_content(element))


def has_text(element: lxml.html.HtmlElement) -> bool:
    """``bool(text_of(element))``, without building the normalized text."""
    return bool(text_content(element).strip(" \t\r\n\f\v\u00a0"))


def short_text_of(element: lxml.html.HtmlElement, limit: int) -> str | None:
    """``text_of(element)`` when its raw text is at most ``limit`` characters, else None (cheap
    for the large blocks that length-bounded rules never match)."""
    raw = text_content(element)
    if len(raw) > limit:
        return None
    return squeeze_spaces(raw)


def remove(element: lxml.html.HtmlElement) -> None:
    if element.getparent() is not None:
        element.drop_tree()  # keeps the tail text


def replace_keeping_tail(old: lxml.html.HtmlElement, new: lxml.html.HtmlElement) -> None:
    """Put ``new`` where ``old`` stands; the text after ``old`` stays in place."""
    new.tail = old.tail
    parent = old.getparent()
    if parent is not None:
        parent.replace(old, new)


def is_detached(element: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is root:
            return False
    return element is not root


def serialize_children(root: lxml.html.HtmlElement) -> str:
    parts = [root.text or ""]
    parts.extend(lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in root)
    return "".join(parts).strip()
