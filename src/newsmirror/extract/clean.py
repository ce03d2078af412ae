"""The generic cleaning pass: raw article HTML -> sanitized body HTML, images and tags.

Order matters: keyword tags are read before tag groups are dropped; lazy images get their real
``src`` before tracking images are judged; captions are attached to their images before the layout
``div``s around them disappear in sanitizing.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from functools import cache

import lxml.html
import nh3
from lxml import etree
from lxml.cssselect import CSSSelector

from newsmirror.extract.profiles import SiteProfile
from newsmirror.model import Image

ALLOWED_TAGS = {
    "p", "br", "figure", "figcaption", "img", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "a", "strong", "b", "em", "i", "u", "sub", "sup",
    "table", "thead", "tbody", "tr", "th", "td", "pre", "code",
}  # no <hr>: in these archives rules only separate shell parts
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan"}}
BLOCK_TAGS = {
    "p", "div", "section", "article", "figure", "figcaption", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "td", "th", "pre", "hr",
    "header", "footer", "aside", "main", "center", "dl", "dt", "dd", "picture",
}
_LAZY_SRC_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url")
_TRACKER_HOSTS = ("gfw-breaker.win",)
_TAG_LINK = re.compile(r"/(tag|tags|term|keyword|keywords)/|hysearchws\.aspx\?q=")
_FEED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} \w{3} \d{4}")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_NEWLINE_RUN = re.compile(r"[ \t\r\f\v]*\n\s*")
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")


@dataclass(slots=True)
class CleanResult:
    html: str
    images: list[Image] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    feed_byline: str = ""  # the "<div><i>author<br>date</i></div>" header some feed converters add
    feed_date: str = ""


@cache
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css)


def parse_fragment(html: str) -> lxml.html.HtmlElement:
    """Parse an HTML fragment under one ``div`` root (whole documents keep their body)."""
    if not html.strip():
        return lxml.html.fragment_fromstring("<div></div>")
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return root


def _text(element: lxml.html.HtmlElement) -> str:
    return _SPACE_RUN.sub(" ", element.text_content()).strip()


def _remove(element: lxml.html.HtmlElement) -> None:
    if element.getparent() is not None:
        element.drop_tree()  # keeps the tail text


def _is_detached(element: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is root:
            return False
    return element is not root


# --- steps --------------------------------------------------------------------------------------

def collect_tags(root: lxml.html.HtmlElement) -> list[str]:
    """Keyword tags the outlet attached: tag groups, rel=tag links and inline tag links."""
    seen: dict[str, None] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        href = element.get("href") or ""
        rel = (element.get("rel") or "").split()
        # <ok href> is how page mirrors render the outlets' inline keyword links
        if (href and _TAG_LINK.search(href)) or "tag" in rel or (element.tag == "ok" and href):
            name = _text(element).lstrip("#＃").strip()
            if name and len(name) <= 30:
                seen.setdefault(name, None)
    return list(seen)


def _unwrap_link_like(root: lxml.html.HtmlElement) -> None:
    """``<ok href>`` (the mirror's renamed links) and ``<span href>`` keep their text, lose the tag."""
    for element in list(root.iter("ok", "span", "font")):
        if element.tag == "ok" or element.get("href") is not None or element.tag == "font":
            element.drop_tag()


_VIDEO_HOSTS = re.compile(r"(youtube(-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion\.com|bilibili\.com)/")


def _keep_video_links(root: lxml.html.HtmlElement) -> None:
    """Embedded videos become a plain link: iframes are dropped, but a video can be the article."""
    for iframe in list(root.iter("iframe")):
        src = (iframe.get("src") or iframe.get("data-src") or "").strip()
        if src.startswith("//"):
            src = "https:" + src
        if not src.startswith(("http://", "https://")) or not _VIDEO_HOSTS.search(src):
            continue
        paragraph = lxml.html.Element("p")
        link = lxml.html.Element("a", href=src)
        link.text = src
        paragraph.append(link)
        paragraph.tail = iframe.tail
        parent = iframe.getparent()
        if parent is not None:
            parent.replace(iframe, paragraph)


def _drop_selected(root: lxml.html.HtmlElement, profile: SiteProfile) -> None:
    for css in profile.drop:
        for element in _selector(css)(root):
            if element is not root:
                _remove(element)


def _fix_lazy_images(root: lxml.html.HtmlElement) -> None:
    for img in list(root.iter("img")):
        src = (img.get("src") or "").strip()
        if not src or src.startswith("data:"):
            for attribute in _LAZY_SRC_ATTRIBUTES:
                candidate = (img.get(attribute) or "").strip()
                if candidate and not candidate.startswith("data:"):
                    img.set("src", candidate)
                    break
    for picture in list(root.iter("picture")):
        img = next(picture.iter("img"), None)
        if img is None:
            _remove(picture)
            continue
        img.tail = picture.tail
        parent = picture.getparent()
        if parent is not None:
            parent.replace(picture, img)


def _is_tracking_image(img: lxml.html.HtmlElement) -> bool:
    src = (img.get("src") or "").strip()
    if not src or src.startswith("data:"):
        return True
    if src.lower().endswith(".md.png") or any(host in src for host in _TRACKER_HOSTS):
        return True  # page-mirror share QR code and visit counter
    sizes = [re.sub(r"\s*px$", "", (img.get(name) or "").strip().lower()) for name in ("width", "height")]
    if any(size in {"0", "1"} for size in sizes):
        return True
    style = (img.get("style") or "").replace(" ", "").lower()
    return "width:0" in style or "height:0" in style or "width:1px" in style


def _drop_tracking_images(root: lxml.html.HtmlElement) -> None:
    for img in list(root.iter("img")):
        if _is_tracking_image(img):
            parent = img.getparent()
            _remove(img)
            if parent is not None and parent.tag == "a" and not _text(parent) and len(parent) == 0:
                _remove(parent)


def _drop_boilerplate(root: lxml.html.HtmlElement, profile: SiteProfile) -> None:
    patterns = profile.boilerplate_patterns()

    def matches(element: lxml.html.HtmlElement) -> bool:
        text = _text(element)
        return bool(text) and len(text) < 800 and any(pattern.search(text) for pattern in patterns)

    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str) or _is_detached(element, root):
            continue
        if element.tag not in BLOCK_TAGS | {"small", "span", "em", "i"} or not matches(element):
            continue
        if any(matches(child) for child in element.iterchildren() if isinstance(child.tag, str)):
            continue  # the innermost block carries the boilerplate; remove only that
        previous = element.getprevious()
        while previous is not None and previous.tag in {"hr", "br"} and not (previous.tail or "").strip():
            before = previous.getprevious()
            _remove(previous)
            previous = before
        _remove(element)


def _take_feed_header(root: lxml.html.HtmlElement) -> tuple[str, str]:
    """Remove feedx's ``<div><i>byline<br>date</i></div>`` header; return (byline, date)."""
    for div in root.iter("div"):
        children = [child for child in div if isinstance(child.tag, str)]
        if len(children) != 1 or children[0].tag != "i" or (div.text or "").strip():
            continue
        italic = children[0]
        text = _text(italic)
        if not _FEED_DATE.search(text) or len(text) > 120:
            continue
        byline = (italic.text or "").strip() if italic.find("br") is not None else ""
        dates = [part.strip() for part in italic.itertext() if _FEED_DATE.search(part)]
        _remove(div)
        return byline, dates[0] if dates else ""
    return "", ""


def _caption_like(element: lxml.html.HtmlElement, alt: str) -> bool:
    if element.tag in {"figcaption"}:
        return True
    classes = (element.get("class") or "").lower()
    if "caption" in classes:
        return True
    text = _text(element)
    if not text or len(text) > 300 or element.find(".//img") is not None:
        return False
    children = [child for child in element if isinstance(child.tag, str)]
    if element.tag in {"div", "p", "span"} and len(children) == 1 and children[0].tag == "small" \
            and not (element.text or "").strip():
        return True
    return bool(alt) and text == alt


def _next_element(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    sibling = element.getnext()
    while sibling is not None and (sibling.tag == "br" or not isinstance(sibling.tag, str)):
        if (sibling.tail or "").strip():
            return None
        sibling = sibling.getnext()
    if (element.tail or "").strip():
        return None
    return sibling


def _attach_captions(root: lxml.html.HtmlElement) -> None:
    """Turn "image + nearby caption element" layouts into ``<figure><img><figcaption>``."""
    for img in list(root.iter("img")):
        if _is_detached(img, root):
            continue
        figure = next((a for a in img.iterancestors("figure")), None)
        if figure is not None and figure.find(".//figcaption") is not None:
            continue
        alt = _SPACE_RUN.sub(" ", img.get("alt") or "").strip()
        anchor = figure if figure is not None else img
        caption_element = None
        inline_caption = ""
        for _ in range(4):
            candidate = _next_element(anchor)
            if candidate is not None and _caption_like(candidate, alt):
                caption_element = candidate
                break
            parent = anchor.getparent()
            if parent is None or parent is root:
                break
            siblings = [child for child in parent if isinstance(child.tag, str) and child is not anchor]
            if parent.tag == "p" and all(child.tag in {"br", "span"} for child in siblings):
                # "<p><img><br>caption text</p>": the rest of the paragraph is the caption
                rest = "".join(part for child in [anchor, *siblings]
                               for part in ((child.tail or ""), *(
                                   () if child is anchor else (child.text_content(),))))
                rest = _SPACE_RUN.sub(" ", rest).strip()
                if rest and len(rest) <= 300 and not (parent.text or "").strip():
                    inline_caption = rest
                    anchor = parent
                    break
            if siblings and any(_text(child) or child.find(".//img") is not None for child in siblings):
                break
            if (parent.text or "").strip():
                break
            anchor = parent
        caption = inline_caption or (_text(caption_element) if caption_element is not None else "")
        if not caption:
            continue
        new_figure = lxml.html.Element("figure")
        new_img = lxml.html.Element("img", src=img.get("src") or "")
        if alt:
            new_img.set("alt", alt)
        new_figure.append(new_img)
        figcaption = lxml.html.Element("figcaption")
        figcaption.text = caption
        new_figure.append(figcaption)
        if caption_element is not None:
            _remove(caption_element)
        target = figure if figure is not None else anchor
        new_figure.tail = target.tail
        parent = target.getparent()
        if parent is not None:
            parent.replace(target, new_figure)


def _normalize_whitespace(root: lxml.html.HtmlElement, cjk: bool) -> None:
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


def _paragraphize(element: lxml.html.HtmlElement) -> None:
    """Wrap loose inline content of container blocks in ``<p>`` so paragraphs survive sanitizing
    (the sanitizer unwraps ``div``s, which would otherwise run text of neighbouring blocks together)."""
    for child in list(element):
        if isinstance(child.tag, str) and child.tag in _CONTAINERS | {"figure", "ul", "ol", "li", "table",
                                                                      "tbody", "thead", "tr", "td", "th"}:
            _paragraphize(child)
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


def _prune_empty(root: lxml.html.HtmlElement) -> None:
    keep_empty = {"img", "br", "hr", "td", "th"}
    changed = True
    while changed:
        changed = False
        for element in list(root.iter()):
            if element is root or not isinstance(element.tag, str) or element.tag in keep_empty:
                continue
            if _is_detached(element, root):
                continue
            if not _text(element) and element.find(".//img") is None:
                if len(element) == 0 and element.text and element.tag in {"span", "font", "b", "i", "em",
                                                                           "strong", "u"}:
                    element.drop_tag()  # a whitespace-only inline element still separates words
                else:
                    _remove(element)
                changed = True
    # leading/trailing <br> and <hr> inside paragraphs and at the edges carry nothing
    for element in list(root.iter("p", "figcaption", "li")):
        while len(element) and element[-1].tag == "br" and not (element[-1].tail or "").strip():
            element.remove(element[-1])
    for element in list(root):
        if element.tag in {"br", "hr"}:
            _remove(element)  # breaks between blocks are layout, not content


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def serialize_children(root: lxml.html.HtmlElement) -> str:
    parts = [root.text or ""]
    parts.extend(lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in root)
    return "".join(parts).strip()


def clean_html(html: str, profile: SiteProfile, *, title: str = "", cjk: bool = True,
               base_url: str = "") -> CleanResult:
    """Clean one article body. ``title`` lets a repeated headline at the top be dropped;
    ``base_url`` (the article's URL) makes relative links and image sources absolute."""
    root = parse_fragment(html)
    if base_url.startswith(("http://", "https://")):
        with contextlib.suppress(ValueError):  # a malformed base URL leaves links as they are
            root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
    tags = collect_tags(root)
    byline, feed_date = _take_feed_header(root)
    _unwrap_link_like(root)
    _fix_lazy_images(root)
    _keep_video_links(root)
    _drop_selected(root, profile)
    _drop_tracking_images(root)
    _drop_boilerplate(root, profile)
    for element in list(root.iter("time", "h1")):
        if element.tag == "time" or (title and _text(element) == title.strip()):
            _remove(element)
    _normalize_whitespace(root, cjk)
    _attach_captions(root)
    _paragraphize(root)
    _drop_boilerplate(root, profile)  # again: text the parser left loose is in paragraphs now
    _prune_empty(root)
    sanitized = sanitize(serialize_children(root))
    final = parse_fragment(sanitized)
    _prune_empty(final)
    return CleanResult(html=serialize_children(final), images=images_of(final), tags=tags,
                       feed_byline=byline, feed_date=feed_date)


def images_of(root: lxml.html.HtmlElement) -> list[Image]:
    images: list[Image] = []
    seen: set[str] = set()
    for img in root.iter("img"):
        src = (img.get("src") or "").strip()
        if not src or src in seen:
            continue
        seen.add(src)
        caption = ""
        figure = next(img.iterancestors("figure"), None)
        if figure is not None:
            figcaption = figure.find(".//figcaption")
            if figcaption is not None:
                caption = _text(figcaption)
        images.append(Image(url=src, caption=caption))
    return images
