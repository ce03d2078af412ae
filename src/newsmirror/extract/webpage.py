"""Whole web pages: parse once, find the article by several candidates, pick one by a measured score.

Candidates: our text-density region finder (:mod:`.density`), trafilatura (fast mode: its own
fallbacks are what the region finder replaces) and, only when both find nothing (or cleaning
empties the choice), readability-lxml. The choice is measured by containment (the share of one
candidate's tokens found in the other):

* Chinese pages: when one candidate holds the other, the tighter one; else the one with more
  running text (punctuated lines of 20+ characters);
* other pages: the region's layout restricted to text trafilatura also kept, plus long prose
  blocks it dropped; trafilatura alone when the region misses much of its text, unless
  trafilatura kept almost no running text and the region has several times more.

On Chinese pages trafilatura reads the page after the region finder's layout pruning (related
lists, rankings, comment and share blocks gone), which makes it tighter and faster; should the
pruning leave no article, trafilatura reads the whole page again. Parsed once otherwise: both
candidates work on the same tree (trafilatura on its own copy).

Tuned on the zh gold's tune split and trafilatura's evaluation pages, never on a test page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from functools import cache, partial

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.core import Document as TrafilaturaDocument
from trafilatura.core import bare_extraction, build_html_output
from trafilatura.settings import Extractor

from newsmirror.extract import density
from newsmirror.extract.dom import html_parser, text_content
from newsmirror.extract.next_article import drop_next_article
from newsmirror.extract.render import paragraphs_of
from newsmirror.text.invisible import drop_invisible

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Comments and processing instructions are never shown (trafilatura's own parser drops them too).
PAGE_PARSER = html_parser(remove_comments=True, remove_pis=True, collect_ids=False)


def parse_document(content: str | bytes) -> HtmlElement:
    """The page as an lxml document. lxml refuses a ``str`` that starts with an XML declaration
    naming an encoding, so the declaration is dropped (the text is already decoded)."""
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    content = _XML_DECLARATION.sub("", content, count=1)
    # invisible when rendered, but they split words for search and for the extractor's word counts
    content = drop_invisible(content)
    if not content.strip():
        raise ValueError("empty document")
    document = etree.fromstring(content, PAGE_PARSER)
    if document is None:
        raise etree.ParserError("Document is empty")
    return document


_PAGE_FURNITURE = ("style", "nav", "header", "footer", "aside", "form", "input", "select")


_NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "head", "title"})


def chinese_page(document: HtmlElement, sample_size: int = 5000) -> bool:
    """Is the page's shown text Chinese (50+ Han characters among its first ``sample_size``)?"""
    body = document.find("body")
    parts: list[str] = []
    size = 0
    for element in (body if body is not None else document).iter():
        if not isinstance(element.tag, str):
            continue
        for text in (None if element.tag in _NOT_SHOWN else element.text, element.tail):
            if text and text.strip():
                parts.append(text)
                size += len(text)
        if size >= sample_size:
            break
    return is_chinese_text("".join(parts)[:sample_size])


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
    markup: str | Callable[[], str]  # the HTML, or how to render it: most candidates are never chosen
    text: str
    element: HtmlElement | None = None
    _tokens: Counter[str] | None = None

    @property
    def html(self) -> str:
        if callable(self.markup):
            self.markup = self.markup()
        return self.markup

    @property
    def tokens(self) -> Counter[str]:
        if self._tokens is None:  # compared more than once on some pages
            self._tokens = Counter(_TOKEN.findall(self.text.lower()))
        return self._tokens


def _markup_of(element: HtmlElement) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def _text_of_html(html: str) -> str:
    return "\n".join(paragraphs_of(html)) if html.strip() else ""


@cache
def _trafilatura_options(fast: bool) -> Extractor:
    # Without links and images: with them trafilatura keeps link and image blocks around the text
    # and its recall and precision both drop on the tune data (the density candidate keeps both).
    return Extractor(output_format="html", fast=fast, comments=False, links=False, images=False, tables=True)


def _trafilatura_candidate(document: HtmlElement, url: str, *, fast: bool = False) -> Candidate | None:
    # a copy of options made once: building them reads trafilatura's config file settings each time
    options = copy(_trafilatura_options(fast))
    options.url = options.source = url or None
    try:
        result = bare_extraction(document, options=options, as_dict=False)
    except (ValueError, TypeError, etree.ParserError):
        return None
    if result is None or not isinstance(result, TrafilaturaDocument) or not (result.raw_text or "").strip():
        return None
    return Candidate("trafilatura", partial(build_html_output, result, False), str(result.raw_text))


def _density_candidate(document: HtmlElement, junk_weight: float = density.JUNK_WEIGHT) -> Candidate | None:
    density.prune_layout(document)  # a second time on a pruned page finds nothing more
    region = density.best_region(document, junk_weight)
    if region is None:
        return None
    # rendered when chosen as it is (``_region_within`` filters the element in place and renders its own)
    return Candidate("density", partial(_markup_of, region), density.block_text(region), region)


def _readability_candidate(content: str) -> Candidate | None:
    from readability import Document  # only for pages the other candidates found nothing on

    try:
        html = Document(_XML_DECLARATION.sub("", content, count=1)).summary(html_partial=True)
    except Exception:  # readability raises bare Exceptions on odd pages; it is the last resort
        return None
    text = _text_of_html(html)
    return Candidate("readability", html, text) if text else None


CHINESE_SHARE = 0.2  # Han characters in a Chinese text, at least (a Chinese article has well over half)
_SENTENCE_PUNCTUATION = frozenset("，。！？；：,.!?;:")
AGREEMENT = 0.9  # share of one candidate's tokens found in the other for "contains"
WIDE_JUNK_WEIGHT = 2.0  # the density finder's junk weight on non-Chinese pages (0.5 tried: lower F)
SHORT_PROSE = 100  # characters of running text: below this trafilatura kept no article (300 tried: 2 pages worse)
PROSE_RATIO = 3.0  # ... and a region with this many times its running text is taken instead
NO_ARTICLE = 50  # characters: a pick this short on a pruned page is no article (200 of prose tried: worse)
LONG_PROSE = 150  # characters: a punctuated block this long is article text whoever found it


def _prose_length(text: str) -> int:
    """Characters in lines that read as running text (20+ characters, punctuated)."""
    return sum(len(line) for line in text.split("\n")
               if len(line) >= 20 and any(ch in _SENTENCE_PUNCTUATION for ch in line))


def _containment(dense: Candidate, traf: Candidate) -> tuple[float, float]:
    """(share of the region's tokens in trafilatura's text, share of trafilatura's in the region's)."""
    dense_tokens, traf_tokens = dense.tokens, traf.tokens
    common = sum((dense_tokens & traf_tokens).values())
    return common / max(1, sum(dense_tokens.values())), common / max(1, sum(traf_tokens.values()))


def is_chinese_text(text: str) -> bool:
    """50+ Han characters that make up a fifth of the visible characters or more: a Chinese text,
    not an English page quoting some Japanese or Chinese."""
    han = len(_CJK.findall(text))
    return han >= 50 and han >= CHINESE_SHARE * len("".join(text.split()))


def _is_cjk(candidate: Candidate) -> bool:
    return is_chinese_text(candidate.text[:3000])


def _is_block(element: HtmlElement) -> bool:
    return isinstance(element.tag, str) and element.tag in density.BLOCKS


def _own_text(block: HtmlElement) -> str:
    """The block's text outside its child blocks: its text, inline children and tails."""
    parts = [block.text or ""]
    for child in block:
        if not _is_block(child) and isinstance(child.tag, str):
            parts.append(text_content(child))
        parts.append(child.tail or "")
    return density.squeeze("".join(parts))


def _region_within(dense: Candidate, traf: Candidate) -> Candidate:
    """The density region keeping only text trafilatura also kept, plus long prose it missed:
    the region's layout (images, links) with the two candidates' agreement as content."""
    if dense.element is None:
        return Candidate("region within trafilatura", dense.html, dense.text)
    region = dense.element  # not used again: filtered in place
    agreed = density.squeeze(traf.text)

    def wanted(text: str) -> bool:
        return text in agreed or (len(text) >= LONG_PROSE and any(ch in _SENTENCE_PUNCTUATION for ch in text))

    for block in [e for e in region.iter() if _is_block(e)]:
        if block.getparent() is None and block is not region:
            continue
        text = _own_text(block)
        if not text or wanted(text):
            continue
        if not any(_is_block(d) for d in block.iterdescendants()):
            if block is not region:
                block.drop_tree()
            continue
        # a container: drop its loose text and inline children, keep its blocks (and images)
        block.text = None
        for child in list(block):
            if _is_block(child) or child.tag == "img" or child.find(".//img") is not None:
                child.tail = None
            else:
                block.remove(child)
    return Candidate("region within trafilatura", partial(_markup_of, region),
                     density.block_text(region), region)


def _holds_prose_missing_from(wider: Candidate, tighter: Candidate) -> bool:
    """Does ``wider`` hold a block of running text (:data:`LONG_PROSE` characters, punctuated) that
    ``tighter`` lacks?"""
    kept = "".join(tighter.text.split())  # the two lay out spaces around Latin words differently
    for line in wider.text.splitlines():
        block = "".join(line.split())
        if len(block) >= LONG_PROSE and any(ch in _SENTENCE_PUNCTUATION for ch in block) and block not in kept:
            return True
    return False


def choose(dense: Candidate | None, traf: Candidate | None) -> Candidate | None:
    """Combine the density region and trafilatura's output (see the module doc)."""
    if dense is None or traf is None or not dense.text.strip() or not traf.text.strip():
        return (dense if dense is not None and dense.text.strip() else None) or traf
    dense_in_traf, traf_in_dense = _containment(dense, traf)
    if _is_cjk(dense) or _is_cjk(traf):
        # Chinese pages: the tighter of two candidates that agree; the region finder is built for them
        if dense_in_traf >= AGREEMENT and traf_in_dense >= AGREEMENT:
            if len(dense.text) <= len(traf.text):
                return dense
            # what the wider region adds is junk, unless it is a paragraph of running text that
            # trafilatura did not read (a lead paragraph in a wrapper such as <center>)
            return dense if _holds_prose_missing_from(dense, traf) else traf
        if dense_in_traf >= AGREEMENT:
            return dense
        if traf_in_dense >= AGREEMENT:
            return traf
        return dense if _prose_length(dense.text) > _prose_length(traf.text) else traf
    # other pages: trafilatura's text, widened by long prose blocks of the region that it dropped
    if traf_in_dense >= 0.7:
        return _region_within(dense, traf)
    traf_prose = _prose_length(traf.text)
    if traf_prose < SHORT_PROSE and _prose_length(dense.text) >= PROSE_RATIO * max(traf_prose, 1):
        return dense  # trafilatura kept a few lines elsewhere; the region holds the running text
    return traf


SUMMARY_LENGTH = 30  # characters: a summary box before the region is a sentence or more of running text
_SUMMARY_END = re.compile(r"[。！？!?]\s*$")


def _summary_before(region: HtmlElement) -> HtmlElement | None:
    """A summary box standing just before the region, outside it (a standfirst the page sets between the
    headline's meta line and the text's element): the nearest earlier sibling with anything shown is one
    block of running text, punctuated and ending a sentence, with no link, image or heading in it."""
    box = region.getprevious()
    while box is not None and not density.squeeze(text_content(box)) and box.find(".//img") is None:
        box = box.getprevious()
    if box is None or box.tag not in ("div", "p", "section", "blockquote") \
            or box.find(".//a") is not None or box.find(".//img") is not None \
            or any(d.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "table") for d in box.iterdescendants()):
        return None
    text = density.squeeze(text_content(box))
    if len(text) < SUMMARY_LENGTH or "\n" in density.block_text(box).strip() or not _SUMMARY_END.search(text) \
            or not any(ch in "，," for ch in text):
        return None
    return box


def _with_summary(chosen: Candidate) -> Candidate:
    """The density region with the summary box standing just before it, if there is one."""
    box = _summary_before(chosen.element) if chosen.element is not None else None
    if box is None:
        return chosen
    return Candidate(chosen.name, f"<div>{_markup_of(box)}{chosen.html}</div>",
                     f"{density.block_text(box)}\n{chosen.text}", chosen.element)


FRAGMENT_OVERLAP = 0.3  # share of the region's text found in trafilatura's, below which they disagree
FRAGMENT_PROSE_RATIO = 3.0  # ... and the region has this many times trafilatura's running text


def _fragment_of_the_page(dense: Candidate, traf: Candidate) -> bool:
    """Did fast trafilatura keep a piece of the page other than the article? The two candidates
    hardly overlap and the region holds several times more running text (tuned on
    trafilatura-eval: 9 of 990 pages; taking the region instead kept more of its junk)."""
    if not dense.text.strip() or not traf.text.strip() \
            or _prose_length(dense.text) < FRAGMENT_PROSE_RATIO * max(_prose_length(traf.text), 1):
        return False  # the cheap test first: the token containment is measured on few pages
    dense_in_traf, traf_in_dense = _containment(dense, traf)
    return dense_in_traf < FRAGMENT_OVERLAP and traf_in_dense < 0.7


def last_resort_html(content: str) -> str:
    """readability-lxml's article HTML of a page ('' when it finds none)."""
    candidate = _readability_candidate(content)
    return candidate.html if candidate is not None else ""


# Never shown and removed by every candidate (trafilatura's cleaning, the region finder's pruning):
# gone before either copies or walks the tree. Scripts holding JSON-LD stay (trafilatura reads them).
_UNREAD_SCRIPTS = etree.XPath("//script[not(@type='application/ld+json')]")


def _strip_unread(document: HtmlElement) -> None:
    etree.strip_elements(document, "style", "svg", "template", with_tail=False)
    # the head's metadata was read before the article is looked for; only JSON-LD is read again
    etree.strip_elements(document, "meta", "link", "title", "base", with_tail=False)
    for script in _UNREAD_SCRIPTS(document):
        script.drop_tree()  # its tail text stays


def article_html(document: HtmlElement, url: str, content: str) -> str:
    """The article's HTML out of a whole page ('' when no candidate finds any). ``document`` is
    consumed (pruned in place); ``content`` is the page source, for the last-resort candidate."""
    cjk = pruned = chinese_page(document)
    drop_next_article(document)  # reads the page's <title>, which _strip_unread removes
    _strip_unread(document)
    if pruned:
        # Chinese pages: trafilatura reads the page without its layout junk (related lists,
        # rankings, comment blocks), as the region finder does: tighter text, and faster
        density.prune_layout(document)
    traf = _trafilatura_candidate(document, url, fast=True)  # works on its own copy of the tree
    if traf is not None:
        cjk = _is_cjk(traf)
    # Chinese pages take the region alone when it is the tighter candidate, so it must be tight;
    # elsewhere it only adds prose trafilatura dropped, so a wider region helps (both tuned)
    dense = _density_candidate(document, density.JUNK_WEIGHT if cjk else WIDE_JUNK_WEIGHT)
    chosen = choose(dense, traf)
    if cjk and chosen is not None and chosen is dense:
        chosen = _with_summary(chosen)
    if not cjk and dense is not None and traf is not None and _fragment_of_the_page(dense, traf):
        # fast trafilatura took a side box: its full run (with its own fallbacks) on a fresh tree
        full = _trafilatura_candidate(parse_document(content), url)
        chosen = full or chosen
    if pruned and (chosen is None or len("".join(chosen.text.split())) < NO_ARTICLE):
        # the pruning may have taken the article with a junk-named wrapper: trafilatura on the
        # whole page again (rare, so the second parse costs little)
        whole = _trafilatura_candidate(parse_document(content), url, fast=True)
        if whole is not None and _prose_length(whole.text) > (_prose_length(chosen.text) if chosen else -1):
            chosen = whole
    chosen = chosen or _readability_candidate(content)
    return chosen.html if chosen is not None else ""
