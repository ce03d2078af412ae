"""The article body of a page: find the region, split it into paragraphs, drop furniture.

Two container shapes are recognised structurally, whatever the outlet: a page of the
gfw-breaker page-mirror family (promo headings, the article block, a share trailer) and a
feed item (a title link followed by the item's content). Anything else goes to trafilatura.
Inside the region, paragraphs are read in order; feed furniture before the first real
paragraph (date and byline stamps, the repeated headline, the lead image's caption) and
boilerplate after the last one (feed footers, promotions, copyright) are left out using the
generic rules and the site's profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml.html import HtmlElement

from newsmirror.extract.datelines import parse_stamp
from newsmirror.extract.site_profiles import GENERIC, SiteProfile

BLOCK_TAGS = frozenset(
    ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "figure", "figcaption", "section", "article", "header", "footer", "aside", "table", "tr", "td", "th", "pre", "hr", "br", "dl", "dt", "dd", "main", "nav", "center"]
)
_TEXT_BLOCKS = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre", "dt", "dd", "td", "th"])
_STAMP_TAGS = frozenset(("i", "time", "small", "aside", "figcaption", "h1"))
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？!?」』”\"）)]$")
_CAPTION_TEXT = re.compile(
    r"[（(]\s*(?:图片来源|圖片來源|示意图|示意圖|资料图|資料圖|资料照|資料照|图|圖|photo|Photo|Getty|AFP|法新社|路透社?|美联社|美聯社|"
    r"中新社|中央社|视觉中国|視覺中國|大纪元|新唐人)[^（）()]{0,60}[）)]$"
)
_MIRROR_TRAILER = "手机上长按并复制下列链接"


@dataclass(slots=True)
class Block:
    text: str
    tag: str  # "p", "h2", … or "img" for an image
    element: HtmlElement | None = None
    after_image: bool = False  # an image came right before this block
    furniture: bool = False  # inside a stamp-like element (<i>, <time>, <small>, <aside>, caption)
    image_src: str = ""
    image_alt: str = ""


@dataclass(slots=True)
class Body:
    blocks: list[Block] = field(default_factory=list)
    lead_caption: str = ""
    leading: list[str] = field(default_factory=list)  # furniture lines before the text (stamps, kickers)

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.tag != "img" and b.text]


def _text(element: HtmlElement) -> str:
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")  # keep the lines of a paragraph apart ("…。” 记者：乔龙")
    return _SPACE.sub(" ", element.text_content()).strip()


def _is_hidden_image(img: HtmlElement) -> bool:
    # Tracking pixels: the page mirrors append <img width='0px' height='0px'> to count readers.
    for attribute in ("width", "height"):
        value = (img.get(attribute) or "").strip().lower().removesuffix("px")
        if value in {"0", "1"}:
            return True
    style = (img.get("style") or "").replace(" ", "").lower()
    return "width:0" in style or "height:0" in style or "display:none" in style


def image_source(img: HtmlElement) -> str:
    for attribute in ("src", "data-src", "data-original", "data-lazy-src"):
        value = (img.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (img.get("data-srcset") or img.get("srcset") or "").strip()
    return srcset.split()[0] if srcset else ""


def parse(html: str) -> HtmlElement:
    return lxml.html.document_fromstring(html)


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


def remove_furniture(elements: list[HtmlElement], profile: SiteProfile | None) -> None:
    selectors = GENERIC.drop_selectors + (profile.drop_selectors if profile else ())
    for element in elements:
        for selector in selectors:
            for bad in element.cssselect(selector):
                if bad is not element:
                    bad.drop_tree()
        for img in element.iter("img"):
            if _is_hidden_image(img):
                img.drop_tree()


def _blocks(elements: list[HtmlElement]) -> list[Block]:
    """Paragraph-level blocks in document order; inline runs between blocks become blocks too."""
    blocks: list[Block] = []
    state = {"after_image": False}
    pending: list[str] = []
    pending_furniture = [False]

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(pending)).strip()
        pending.clear()
        if text:
            blocks.append(Block(text, "p", None, state["after_image"], pending_furniture[0]))
            state["after_image"] = False
        pending_furniture[0] = False

    def add_image(img: HtmlElement) -> None:
        src = image_source(img)
        if src:
            flush()
            blocks.append(Block("", "img", img, image_src=src, image_alt=(img.get("alt") or "").strip()))
            state["after_image"] = True

    def walk(element: HtmlElement, furniture: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:
            return
        furniture = furniture or tag in _STAMP_TAGS or "caption" in (element.get("class") or "")
        if tag == "img":
            add_image(element)
            return
        if tag in _TEXT_BLOCKS and not any(
            isinstance(d.tag, str) and d.tag in BLOCK_TAGS - {"br"} for d in element.iterdescendants()
        ):
            flush()
            images = [img for img in element.iter("img") if image_source(img)]
            for img in images:
                add_image(img)
            # <br> inside a paragraph separates lines that belong together; keep them one block.
            text = _text(element)
            if text:
                # text sharing a paragraph with an image is that image's caption
                blocks.append(Block(text, "figcaption" if images else tag, element, state["after_image"], furniture))
                state["after_image"] = False
            return
        if tag in BLOCK_TAGS:
            flush()
        if element.text:
            pending.append(element.text)
            pending_furniture[0] = pending_furniture[0] or furniture
        for child in element:
            walk(child, furniture)
            if child.tail:
                if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
                    flush()
                pending.append(child.tail)
                pending_furniture[0] = pending_furniture[0] or furniture
        if tag in BLOCK_TAGS:
            flush()

    for element in elements:
        walk(element, False)
        # Loose text between the region's top-level elements (the parser hoists it out of <p>).
        if element.tail and element.tail.strip():
            if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
                flush()
            pending.append(element.tail)
    flush()
    return blocks


def _matches(text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    return any(p.search(text) for p in patterns)


def _similar_to_title(text: str, title: str) -> bool:
    line = _SPACE.sub("", text)
    squeezed = _SPACE.sub("", title)
    if not line or not squeezed or len(line) > 2 * len(squeezed):
        return False
    return len(set(line) & set(squeezed)) >= 0.8 * len(set(line))


def _is_leading_furniture(block: Block, title: str, zone: str) -> bool:
    if block.tag == "img":
        return False
    text = block.text
    if block.furniture or block.tag == "h1":
        return True
    if parse_stamp(text, zone) is not None or _similar_to_title(text, title):
        return True
    if block.after_image and block.tag != "p":
        return True  # the lead image's caption
    if _CAPTION_TEXT.search(text):
        return True  # a caption by its photo credit: "…（图片来源：微博截图）", "…（法新社）"
    # A short line without sentence punctuation before the text: a kicker, byline or time label.
    return len(text) < 12 and not _SENTENCE_END.search(text)


def select_blocks(blocks: list[Block], profile: SiteProfile | None, title: str, zone: str) -> Body:
    stop = GENERIC.patterns("stop_paragraphs") + (profile.patterns("stop_paragraphs") if profile else ())
    drop = GENERIC.patterns("drop_paragraphs") + (profile.patterns("drop_paragraphs") if profile else ())
    end_after = profile.patterns("end_after") if profile else ()
    kept: list[Block] = []
    for block in blocks:
        if block.text and _matches(block.text, stop):
            break
        if block.text and _matches(block.text, drop):
            continue
        kept.append(block)
    if end_after:
        last = [i for i, b in enumerate(kept) if b.text and _matches(b.text, end_after)]
        if last:
            kept = kept[: last[-1] + 1]
    body = Body()
    first_text = next(
        (i for i, b in enumerate(kept) if b.tag != "img" and not _is_leading_furniture(b, title, zone)), len(kept)
    )
    for block in kept[:first_text]:
        if block.tag != "img" and block.after_image and not body.lead_caption:
            body.lead_caption = block.text
    lead = [b for b in kept[:first_text] if b.tag == "img"]
    body.blocks = lead[:1] + kept[first_text:]
    body.leading = [b.text for b in kept[:first_text] if b.text]
    return body
