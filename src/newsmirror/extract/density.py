"""Text-density region finder: the element of a web page that holds the article.

GNE's idea (Hong Kong Polytechnic's "text density + symbol density" for news pages): article
text is long, punctuated and has few links and few tags per character; navigation, link lists
and sidebars are short, link-heavy and tag-heavy. Every element gets, in one bottom-up pass,

* ``chars`` / ``link_chars``: visible characters (no whitespace), and those inside ``<a>``;
* ``tags`` / ``link_tags``: descendant elements, and descendant ``<a>``;
* ``punct``: sentence punctuation outside links; ``paragraphs``: descendant ``<p>`` and text runs;

and the score ``density * log10(paragraphs + 2) * log(1 + punct)`` where density is
non-link characters per non-link tag. Layout junk (scripts, navigation, comment and share
blocks, hidden elements) is removed before scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from newsmirror.extract.dom import text_content

_DROP_TAGS = ("script", "style", "noscript", "iframe", "nav", "footer", "aside", "select", "button",
              "textarea", "input", "svg", "canvas", "template", "link", "meta", "head", "title", "video",
              "audio", "object", "embed", "map", "label", "option")
# Class/id words of blocks that are never article text (general page furniture, not any one site).
_JUNK_WORD = re.compile(
    r"(?:^|[-_\s])(?:comments?|footer|foot|sidebar|side|nav|navbar|menu|breadcrumbs?|crumb|share|sharing|"
    r"social|related|relate|recommend|recommended|recom|hot|rank|ranking|popular|copyright|copy-?right|"
    r"disclaimer|advert|ads?|banner|sponsor|promo|subscribe|newsletter|login|toolbar|tools|pager|"
    r"pagination|tags?|keywords?|author-?info|more|weather|ticker|marquee)(?:$|[-_\s\d])",
    re.I,
)
_PUNCTUATION = frozenset("，。！？；：、,.!?;:“”「」（）《》—…")
_PUNCTUATION_RUN = re.compile("[" + re.escape("".join(sorted(_PUNCTUATION))) + "]")  # each match one mark
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@lru_cache(maxsize=4096)
def _junk_names(names: str) -> bool:
    # a page repeats its class names on many elements: the long alternation runs once per name
    return _JUNK_WORD.search(names) is not None


def _is_junk(element: HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    if not names or not _junk_names(names):
        return False
    # a junk-named wrapper around most of the page (e.g. <div class="main-side">) is layout, not junk
    return element.tag not in ("body", "html", "article", "main")


# Elements with an attribute _is_junk reads: the others are never junk.
_MAYBE_JUNK = etree.XPath("descendant-or-self::*[@hidden or @aria-hidden='true' or @style or @class or @id]")


POLL_TEXT = 80  # visible characters: a reader poll's prompt and its choices, at most
_CHOICES = etree.XPath(".//input[@type='checkbox' or @type='radio']")


def _drop_polls(root: HtmlElement) -> None:
    """A reader poll (a mood vote, a survey under the text): the largest block around two or more choice
    boxes whose text stays short. Its prompt ("what did you feel reading this?") goes with its boxes: left
    alone, the prompt would stand as the text's last line once the form controls are stripped."""
    boxes = _CHOICES(root)
    if len(boxes) < 2:
        return
    for box in boxes:
        poll = None
        for ancestor in box.iterancestors():
            if ancestor.tag in ("body", "html", "form") or _visible_length(text_content(ancestor)) > POLL_TEXT:
                break
            if len(_CHOICES(ancestor)) >= 2:
                poll = ancestor
        if poll is not None and poll.getparent() is not None:
            poll.drop_tree()


TRAILING_LINK = 20  # characters: a link after a paragraph's last sentence this short is a button


def _drop_trailing_links(root: HtmlElement) -> None:
    """A link closing a paragraph right after its last sentence ("…。<a>返回首页，查看更多</a>") is a button the
    page set there, not text; left, it makes the paragraph's last line look unfinished (a promo to trim)."""
    for paragraph in root.iter("p"):
        if not len(paragraph):
            continue
        link = paragraph[-1]
        if link.tag != "a" or (link.tail or "").strip() \
                or not 0 < _visible_length(text_content(link)) <= TRAILING_LINK:
            continue
        before = (paragraph[-2].tail if len(paragraph) > 1 else paragraph.text) or ""
        if before.rstrip()[-1:] in ("。", "！", "？") and _visible_length(text_content(paragraph)) > 2 * TRAILING_LINK:
            link.drop_tree()


CAPTION_BESIDE = 40  # visible characters, at most, of the picture block below a heading-caption


def _drop_heading_captions(root: HtmlElement) -> None:
    """A heading that is a sentence (it ends with a full stop, as a heading does not) set right above a
    picture block is the picture's caption, not a heading of the text."""
    for heading in root.iter("h2", "h3", "h4", "h5", "h6"):
        if heading.getparent() is None or heading.find(".//img") is not None:
            continue
        text = text_content(heading).strip()
        if text[-1:] not in ("。", "！", "？") or _visible_length(text) < 10:
            continue
        picture = heading.getnext()
        while picture is not None and not isinstance(picture.tag, str):
            picture = picture.getnext()
        if picture is not None and picture.find(".//img") is not None \
                and _visible_length(text_content(picture)) <= CAPTION_BESIDE:
            heading.drop_tree()


def prune_layout(root: HtmlElement) -> None:
    """Remove what is never article text: scripts, reader polls, form controls, navigation, hidden and junk
    blocks, a button closing a paragraph, a picture's caption set as a heading above it."""
    _drop_polls(root)
    _drop_heading_captions(root)
    _drop_trailing_links(root)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS, with_tail=False)
    for element in _MAYBE_JUNK(root):  # the elements _is_junk can say yes to, picked in C
        if element.getparent() is None:
            continue
        if _is_junk(element) and _visible_length(text_content(element)) < 3000 and not _keyword_in_text(element):
            element.drop_tree()


KEYWORD_LENGTH = 20  # characters: a keyword link in the text is a word or a name, not a line


def _keyword_in_text(element: HtmlElement) -> bool:
    """A junk-named inline element (a tag link, ``<a class="tag">``) that stands inside a paragraph's
    running text, with text before and after it: its words are the sentence's, not furniture. A hidden one
    is still hidden."""
    if element.tag not in ("a", "strong", "b", "em", "span", "font") or element.get("hidden") is not None \
            or element.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(element.get("style") or ""):
        return False
    parent = element.getparent()
    if parent is None or parent.tag != "p" or not 0 < _visible_length(text_content(element)) <= KEYWORD_LENGTH:
        return False
    before = (parent.text or "") + "".join(text_content(sibling) + (sibling.tail or "")
                                         for sibling in element.itersiblings(preceding=True))
    after = (element.tail or "") + "".join(text_content(sibling) + (sibling.tail or "")
                                          for sibling in element.itersiblings())
    return _visible_length(before) > 0 and _visible_length(after) > 0


def squeeze(text: str) -> str:
    """Whitespace runs as one space, none at the ends: ``re.sub(r"\\s+", " ", text).strip()``
    (``\\s`` is ``str.isspace``), without the regex engine: several times faster."""
    return " ".join(text.split())


def _visible_length(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _count_punct(text: str | None) -> int:
    return len(_PUNCTUATION_RUN.findall(text)) if text else 0



_INLINE = frozenset({"a", "span", "strong", "b", "em", "i", "u", "font", "sup", "sub", "small", "big", "code",
                     "abbr", "cite", "mark", "q", "s", "time", "img", "br", "ins", "del", "label", "wbr"})


@dataclass(slots=True)
class NodeStats:
    prose: int = 0  # characters of prose blocks (long enough, punctuated, few links) under the element
    other: int = 0  # every other visible character: links, labels, short lines
    prose_blocks: int = 0

    def score(self, junk_weight: float) -> float:
        return self.prose - junk_weight * self.other


def _inline_text(element: HtmlElement) -> tuple[int, int, int]:
    """(characters, characters inside links, punctuation outside links) of the element's own
    inline content: its text and inline descendants, not nested blocks."""
    chars = _visible_length(element.text)
    punct = _count_punct(element.text)
    links = chars if element.tag == "a" else 0
    for child in element:
        if isinstance(child.tag, str) and child.tag in _INLINE:
            c, link_c, p = _inline_text(child)
            chars += c
            links += c if child.tag == "a" else link_c
            punct += 0 if child.tag == "a" else p
        tail = child.tail
        if tail:
            n = _visible_length(tail)
            chars += n
            if element.tag == "a":
                links += n
            else:
                punct += _count_punct(tail)
    return chars, links, punct


def is_prose(chars: int, link_chars: int, punct: int) -> bool:
    """Running text, by GNE's signals: long enough, punctuated, and mostly not links."""
    if chars < 12 or link_chars > 0.3 * chars:
        return False
    return punct >= 1 or chars >= 80


def node_stats(root: HtmlElement) -> dict[HtmlElement, NodeStats]:
    """Stats of every block element under ``root`` (one pass, children before parents)."""
    stats: dict[HtmlElement, NodeStats] = {}
    for element in reversed(list(root.iter())):
        if not isinstance(element.tag, str) or element.tag in _INLINE:
            continue
        own = NodeStats()
        chars, link_chars, punct = _inline_text(element)
        if is_prose(chars, link_chars, punct):
            own.prose, own.prose_blocks = chars - link_chars, 1
            own.other = link_chars
        else:
            own.other = chars
        for child_stats in _child_block_stats(element, stats):
            own.prose += child_stats.prose
            own.other += child_stats.other
            own.prose_blocks += child_stats.prose_blocks
        stats[element] = own
    return stats


def _child_block_stats(element: HtmlElement, stats: dict[HtmlElement, NodeStats]) -> list[NodeStats]:
    """Stats of the nearest blocks below ``element`` (looking through inline wrappers such as
    ``<a><div>…</div></a>``, whose text the inline pass does not count)."""
    found: list[NodeStats] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        child_stats = stats.get(child)
        if child_stats is not None:
            found.append(child_stats)
        elif len(child):
            found.extend(_child_block_stats(child, stats))
    return found


_CANDIDATE_TAGS = frozenset({"div", "article", "section", "main", "td", "body", "form", "center", "p",
                             "blockquote", "tbody", "table", "tr"})
JUNK_WEIGHT = 2.0  # tuned: 0.5, 1, 2, 3 on the zh tune split and trafilatura-eval


def best_region(root: HtmlElement, junk_weight: float = JUNK_WEIGHT) -> HtmlElement | None:
    """The element most likely to hold the article text (``root`` already pruned), or None."""
    body = root.find("body") if root.tag == "html" else root
    if body is None:
        body = root
    stats = node_stats(body)
    best: HtmlElement | None = None
    best_score = 0.0
    for element, values in stats.items():
        if element.tag not in _CANDIDATE_TAGS or values.prose < 40:
            continue
        score = values.score(junk_weight)
        if score > best_score:
            best, best_score = element, score
    return best


BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
                     "blockquote", "figure", "figcaption", "section", "article", "pre", "br", "dd", "dt", "center",
                     "main", "header"})


def block_text(element: HtmlElement) -> str:
    """The element's visible text, one line per block."""
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in BLOCKS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    lines = (squeeze(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
