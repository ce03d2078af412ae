"""Sanitized body HTML -> plain text (paragraphs separated by blank lines) and Markdown."""

from __future__ import annotations

import re

import lxml.html
from markdownify import markdownify

from newsmirror.extract.dom import parse_fragment, text_content

_BLOCKS = {"p", "div", "section", "figure", "figcaption", "blockquote", "ul", "ol", "li", "h1", "h2", "h3",
           "h4", "h5", "h6", "table", "thead", "tbody", "tr", "td", "th", "pre", "hr"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


# Whitespace that str.split splits on but _SPACES keeps (line and paragraph separators, ...).
_OTHER_SPACES = re.compile("[\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]")


def _clean_lines(text: str) -> str:
    if _OTHER_SPACES.search(text):
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    else:  # the same lines by str.split, several times faster than the substitution
        lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _blocks(element: lxml.html.HtmlElement, out: list[str]) -> None:
    buffer: list[str] = [element.text or ""]

    def flush() -> None:
        text = _clean_lines("".join(buffer))
        if text:
            out.append(text)
        buffer.clear()

    for child in element:
        if not isinstance(child.tag, str):
            buffer.append(child.tail or "")
            continue
        if child.tag in _BLOCKS:
            flush()
            _blocks(child, out)
        elif child.tag == "br":
            buffer.append("\n")
        else:
            buffer.append(text_content(child))
        buffer.append(child.tail or "")
    flush()


def paragraphs_in(root: lxml.html.HtmlElement) -> list[str]:
    """The text of a parsed body, one string per paragraph."""
    out: list[str] = []
    _blocks(root, out)
    return out


def paragraphs_of(html: str) -> list[str]:
    return paragraphs_in(parse_fragment(html))


def html_to_text(html: str) -> str:
    return "\n\n".join(paragraphs_of(html))


def html_to_markdown(html: str) -> str:
    markdown = markdownify(html, heading_style="ATX", bullets="-", strip=["span"])
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip()
