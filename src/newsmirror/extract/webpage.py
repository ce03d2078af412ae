"""Whole web pages: parse once, find the article by several candidates, pick one by a measured score.

Candidates: our text-density region finder (:mod:`.density`), trafilatura (fast mode: its own
fallbacks are what the other candidates replace) and, only when both find nothing,
readability-lxml. When the density region and trafilatura agree, the tighter one wins;
when they disagree, the one whose text looks more like running prose (punctuated, few links,
few short lines) wins. The choice rules were tuned on the zh gold's tune split and trafilatura's
evaluation pages, never on a test page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.core import Document as TrafilaturaDocument
from trafilatura.core import bare_extraction, build_html_output
from trafilatura.settings import Extractor

from newsmirror.extract import density
from newsmirror.extract.render import paragraphs_of

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Soft hyphens and zero-width characters: invisible when rendered, but they split words for search.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def parse_document(content: str | bytes) -> HtmlElement:
    """The page as an lxml document. lxml refuses a ``str`` that starts with an XML declaration
    naming an encoding, so the declaration is dropped (the text is already decoded)."""
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    content = INVISIBLE.sub("", _XML_DECLARATION.sub("", content, count=1))
    if not content.strip():
        raise ValueError("empty document")
    return lxml.html.document_fromstring(content)


_PAGE_FURNITURE = ("style", "nav", "header", "footer", "aside", "form", "input", "select")


def is_bare_document(document: HtmlElement) -> bool:
    """A feed item or archive file rendered as HTML: no stylesheets, head scripts, navigation or
    forms, which every ordinary web page has (a feed item's own content may embed a script).
    Only such documents get the feed-item region finder."""
    for _ in document.iter(*_PAGE_FURNITURE):
        return False
    return not document.xpath("//link[@rel='stylesheet'] | /html/head/script")


@dataclass(slots=True)
class Candidate:
    name: str
    html: str
    text: str

    @property
    def tokens(self) -> Counter[str]:
        return Counter(_TOKEN.findall(self.text.lower()))


def _text_of_html(html: str) -> str:
    return "\n".join(paragraphs_of(html)) if html.strip() else ""


def _trafilatura_candidate(document: HtmlElement, url: str) -> Candidate | None:
    options = Extractor(output_format="html", fast=True, comments=False, links=True, images=True, tables=True,
                        url=url or None)
    try:
        result = bare_extraction(document, options=options, as_dict=False)
    except (ValueError, TypeError, etree.ParserError):
        return None
    if result is None or not isinstance(result, TrafilaturaDocument) or not (result.raw_text or "").strip():
        return None
    return Candidate("trafilatura", build_html_output(result, False), str(result.raw_text))


def _density_candidate(document: HtmlElement) -> Candidate | None:
    density.prune_layout(document)
    region = density.best_region(document)
    if region is None:
        return None
    html = lxml.html.tostring(region, encoding="unicode", with_tail=False)
    return Candidate("density", html, density.block_text(region))


def _readability_candidate(content: str) -> Candidate | None:
    from readability import Document  # only for pages the other candidates found nothing on

    try:
        html = Document(_XML_DECLARATION.sub("", content, count=1)).summary(html_partial=True)
    except Exception:  # readability raises bare Exceptions on odd pages; it is the last resort
        return None
    text = _text_of_html(html)
    return Candidate("readability", html, text) if text else None


def _prose_quality(candidate: Candidate) -> float:
    """Share of the candidate's characters in lines that read as running text."""
    total = prose = 0
    for line in candidate.text.split("\n"):
        length = len(line.strip())
        total += length
        punct = sum(1 for ch in line if ch in "，。！？；：、,.!?;:")
        if length >= 20 and punct >= 1:
            prose += length
    return prose / total if total else 0.0


def choose(dense: Candidate | None, traf: Candidate | None) -> Candidate | None:
    """The better of the density region and trafilatura's output (see the module doc)."""
    if dense is None or traf is None:
        return dense or traf
    dense_tokens, traf_tokens = dense.tokens, traf.tokens
    dense_total, traf_total = sum(dense_tokens.values()), sum(traf_tokens.values())
    if not dense_total or not traf_total:
        return dense if dense_total else traf
    common = sum((dense_tokens & traf_tokens).values())
    dense_in_traf, traf_in_dense = common / dense_total, common / traf_total
    cjk = len(_CJK.findall(dense.text[:3000])) > 100
    if traf_in_dense >= 0.9 and dense_in_traf >= 0.9:
        return dense if cjk else traf  # agree: for Chinese pages the region keeps layout better
    if traf_in_dense >= 0.9:
        # the region holds trafilatura's text and more: more article, or more junk?
        return dense if cjk and _prose_quality(dense) >= _prose_quality(traf) - 0.05 else traf
    if dense_in_traf >= 0.9:
        # trafilatura holds the region's text and more
        return traf if _prose_quality(traf) >= _prose_quality(dense) - 0.05 or not cjk else dense
    # disagree: the candidate with more running text
    dense_prose = _prose_quality(dense) * len(dense.text)
    traf_prose = _prose_quality(traf) * len(traf.text)
    return dense if dense_prose > traf_prose else traf


def article_html(document: HtmlElement, url: str, content: str) -> str:
    """The article's HTML out of a whole page ('' when no candidate finds any). ``document`` is
    consumed (pruned in place); ``content`` is the page source, for the last-resort candidate."""
    traf = _trafilatura_candidate(document, url)  # trafilatura works on its own copy of the tree
    dense = _density_candidate(document)
    chosen = choose(dense, traf) or _readability_candidate(content)
    return chosen.html if chosen is not None else ""
