"""Layout repair: undo pretty-printing, give loose text paragraphs, drop what is left empty."""

from __future__ import annotations

import re

import lxml.html

from newsmirror.extract.dom import BLOCK_TAGS, remove

_NEWLINE_RUN = re.compile(r"[ \t\r\f\v]*\n\s*")


def normalize_whitespace(root: lxml.html.HtmlElement, cjk: bool) -> None:
    """Undo pretty-printing: line breaks between inline tags are not spaces in Chinese text."""
    joiner = "" if cjk else " "
    for element in root.iter():
        if element.tag == "pre":
            continue
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if value and ("\n" in value or "  " in value or "\u00a0" in value):
                value = _NEWLINE_RUN.sub(joiner, value.replace("\u00a0", " "))
                value = re.sub(r"[ \t]{2,}", " ", value)
                setattr(element, attribute, value)


_CONTAINERS = {"div", "section", "article", "main", "center", "aside", "header", "footer", "blockquote"}


def _append_text(run: lxml.html.HtmlElement, text: str) -> None:
    if len(run):
        run[-1].tail = (run[-1].tail or "") + text
    else:
        run.text = (run.text or "") + text


def paragraphize(element: lxml.html.HtmlElement) -> None:
    """Wrap loose inline content of container blocks in ``<p>`` so paragraphs survive sanitizing
    (the sanitizer unwraps ``div``s, which would otherwise run text of neighbouring blocks together)."""
    for child in list(element):
        if isinstance(child.tag, str) and child.tag in _CONTAINERS | {"figure", "ul", "ol", "li", "table",
                                                                      "tbody", "thead", "tr", "td", "th"}:
            paragraphize(child)
    if element.tag not in _CONTAINERS:
        return
    def is_block(node: lxml.html.HtmlElement) -> bool:
        return isinstance(node.tag, str) and node.tag in BLOCK_TAGS
    has_blocks = any(is_block(child) for child in element)
    has_loose = bool((element.text or "").strip()) or any(
        (child.tail or "").strip() or (isinstance(child.tag, str) and not is_block(child) and child.tag != "br")
        for child in element)
    if not has_loose:
        return
    if not has_blocks and element.tag != "blockquote":
        element.tag = "p"
        return
    arranged: list[lxml.html.HtmlElement] = []
    run: lxml.html.HtmlElement | None = None
    if (element.text or "").strip():
        run = lxml.html.Element("p")
        run.text = element.text
        arranged.append(run)
    element.text = None
    for node in list(element):
        tail = node.tail or ""
        node.tail = None
        element.remove(node)
        if is_block(node):
            arranged.append(node)
            run = None
        elif isinstance(node.tag, str):
            if run is None:
                run = lxml.html.Element("p")
                arranged.append(run)
            run.append(node)
        if tail.strip() or (tail and run is not None):
            if run is None:
                run = lxml.html.Element("p")
                arranged.append(run)
            _append_text(run, tail)
    for node in arranged:
        element.append(node)


_WHITESPACE = " \t\r\n\f\v\u00a0"
_KEEP_EMPTY = frozenset({"img", "br", "hr", "td", "th"})
_WHITESPACE_INLINE = frozenset({"span", "font", "b", "i", "em", "strong", "u"})


def prune_empty(root: lxml.html.HtmlElement) -> None:
    """Remove elements with neither text nor an image under them. One pass, children before
    parents, so a parent is judged after its empty children are gone (the same result as
    repeating top-down passes until nothing changes, without reading every subtree's text)."""
    filled: dict[lxml.html.HtmlElement, bool] = {}  # element -> text or an image under it
    for element in reversed(list(root.iter())):  # every descendant comes before its ancestor
        if not isinstance(element.tag, str):
            continue
        full = element.tag == "img" or bool((element.text or "").strip(_WHITESPACE)) or any(
            filled.get(child, False) or bool((child.tail or "").strip(_WHITESPACE)) for child in element)
        filled[element] = full
        if full or element is root or element.tag in _KEEP_EMPTY:
            continue
        if len(element) == 0 and element.text and element.tag in _WHITESPACE_INLINE:
            element.drop_tag()  # a whitespace-only inline element still separates words
        else:
            remove(element)
    # leading/trailing <br> and <hr> inside paragraphs and at the edges carry nothing
    for element in list(root.iter("p", "figcaption", "li")):
        while len(element) and element[-1].tag == "br" and not (element[-1].tail or "").strip():
            element.remove(element[-1])
    for element in list(root):
        if element.tag in {"br", "hr"}:
            remove(element)  # breaks between blocks are layout, not content
