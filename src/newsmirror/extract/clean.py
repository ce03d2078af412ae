"""The generic cleaning pass: raw article HTML -> sanitized body HTML, images and tags.

Order matters: keyword tags are read before tag groups are dropped; lazy images get their real
``src`` before tracking images are judged; captions are attached to their images before the layout
``div``s around them disappear in sanitizing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
import nh3
from lxml import etree

from newsmirror.extract.dom import (
    BLOCK_TAGS,
    is_detached,
    parse_fragment,
    remove,
    replace_keeping_tail,
    serialize_children,
    short_text_of,
    text_of,
)
from newsmirror.extract.figures import attach_captions, images_of
from newsmirror.extract.junk import drop_breadcrumbs, drop_page_furniture, drop_repeats, trim_label_ends
from newsmirror.extract.layout import normalize_whitespace, paragraphize, prune_empty
from newsmirror.extract.profiles import SiteProfile
from newsmirror.extract.render import paragraphs_in
from newsmirror.extract.urls import unjoined_address
from newsmirror.model import Image

ALLOWED_TAGS = {
    "p", "br", "figure", "figcaption", "img", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "a", "strong", "b", "em", "i", "u", "sub", "sup",
    "table", "thead", "tbody", "tr", "th", "td", "pre", "code",
}  # no <hr>: in these archives rules only separate shell parts
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan"}}
_LAZY_SRC_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url")
_TRACKER_HOSTS = ("gfw-breaker.win",)
_TAG_LINK = re.compile(r"/(tag|tags|term|keyword|keywords)/|hysearchws\.aspx\?q=")
_ARTICLE_PATH = re.compile(r"/\d{2,4}/\d{1,2}/\d{1,2}/|\d{6,}\.html?$")
_FEED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} \w{3} \d{4}")


@dataclass(slots=True)
class CleanResult:
    html: str
    images: list[Image] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    feed_byline: str = ""  # the "<div><i>author<br>date</i></div>" header some feed converters add
    feed_date: str = ""
    # short label lines trimmed off the top and bottom of a Chinese web page's body: not text,
    # but where a byline or closing credit may stand
    trimmed_head: list[str] = field(default_factory=list)
    trimmed_tail: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # the text of ``html``, read from its tree




# --- steps --------------------------------------------------------------------------------------

# The link attributes the cleaning reads or keeps: <a href>, <img src>, an iframe's src, a
# mirror's <ok href>. lxml's make_links_absolute also rewrites CSS url()s and a dozen rarer
# attributes, all dropped by the sanitizer, testing every element in Python (a tenth of cleaning).
_LINK_VALUES = etree.XPath("descendant-or-self::*/@*[name()='href' or name()='src']")


def make_links_absolute(root: lxml.html.HtmlElement, base_url: str) -> None:
    """``href`` and ``src`` values resolved against ``base_url``; one that cannot be resolved
    (a malformed address) is removed; an absolute address a writer joined to a host is taken out of
    it (:func:`unjoined_address`)."""
    for value in _LINK_VALUES(root):
        element, name = value.getparent(), value.attrname
        try:
            resolved = urljoin(base_url, unjoined_address(value.strip()))
        except ValueError:
            del element.attrib[name]
            continue
        if resolved != value:
            element.set(name, resolved)


def collect_tags(root: lxml.html.HtmlElement) -> list[str]:
    """Keyword tags the outlet attached: tag groups, rel=tag links and inline tag links."""
    seen: dict[str, None] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        href = element.get("href") or ""
        rel = (element.get("rel") or "").split()
        # <ok href> is how page mirrors render the outlets' inline keyword links (and, rarely, a
        # link to another article: those have a dated path and a headline-long text)
        mirror_keyword = element.tag == "ok" and href and not _ARTICLE_PATH.search(href)
        if (href and _TAG_LINK.search(href)) or "tag" in rel or mirror_keyword:
            name = text_of(element).lstrip("#＃").strip()
            if name and len(name) <= 16:
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
        replace_keeping_tail(iframe, paragraph)


def _drop_selected(root: lxml.html.HtmlElement, profile: SiteProfile) -> None:
    selector = profile.drop_selector()
    if selector is None:
        return
    selected = selector(root)
    # the region's text length before any removal, read only when a widget may need it
    total = len(text_of(root)) if any(e.tag not in ("script", "style") for e in selected) else 0
    for element in selected:  # document order: a wrapper is judged before what it holds
        if element is root or is_detached(element, root):
            continue
        if total >= 200 and element.tag not in ("script", "style") and len(text_of(element)) > total / 2:
            continue  # a wrapper of most of the text ("article paywall-container"), not a widget
        remove(element)


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
            remove(picture)
            continue
        replace_keeping_tail(picture, img)


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
            remove(img)
            if parent is not None and parent.tag == "a" and not text_of(parent) and len(parent) == 0:
                remove(parent)


_BOILERPLATE_TAGS = tuple(BLOCK_TAGS | {"small", "span", "em", "i", "strong", "b", "font"})


def _drop_boilerplate(root: lxml.html.HtmlElement, profile: SiteProfile) -> None:
    pattern = profile.boilerplate_pattern()
    if pattern is None:
        return
    seen: dict[lxml.html.HtmlElement, bool] = {}  # each block is read once, as itself or as a child

    def matches(element: lxml.html.HtmlElement) -> bool:
        found = seen.get(element)
        if found is None:
            text = short_text_of(element, 4000)  # whitespace runs shrink; 800 after normalizing
            found = seen[element] = text is not None and 0 < len(text) < 800 and bool(pattern.search(text))
        return found

    for element in list(root.iter(*_BOILERPLATE_TAGS)):
        # the cheap tests first: most elements are no candidates, and is_detached walks ancestors
        if element is root or not matches(element) or is_detached(element, root):
            continue
        if any(matches(child) for child in element.iterchildren() if isinstance(child.tag, str)):
            continue  # the innermost block carries the boilerplate; remove only that
        previous = element.getprevious()
        while previous is not None and previous.tag in {"hr", "br"} and not (previous.tail or "").strip():
            before = previous.getprevious()
            remove(previous)
            previous = before
        remove(element)


def _take_feed_header(root: lxml.html.HtmlElement) -> tuple[str, str]:
    """Remove feedx's ``<div><i>byline<br>date</i></div>`` header; return (byline, date)."""
    for div in root.iter("div"):
        children = [child for child in div if isinstance(child.tag, str)]
        if len(children) != 1 or children[0].tag != "i" or (div.text or "").strip():
            continue
        italic = children[0]
        text = text_of(italic)
        if not _FEED_DATE.search(text) or len(text) > 120:
            continue
        byline = (italic.text or "").strip() if italic.find("br") is not None else ""
        dates = [part.strip() for part in italic.itertext() if _FEED_DATE.search(part)]
        remove(div)
        return byline, dates[0] if dates else ""
    return "", ""



def _strip_text(root: lxml.html.HtmlElement, profile: SiteProfile) -> None:
    if not profile.strip_text:
        return
    patterns = [re.compile(pattern) for pattern in profile.strip_text]
    for element in root.iter():
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if value:
                for pattern in patterns:
                    value = pattern.sub("", value)
                setattr(element, attribute, value)



def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )



def clean_html(html: str, profile: SiteProfile, *, title: str = "", cjk: bool = True,
               base_url: str = "", web_page: bool = False) -> CleanResult:
    """Clean one article body. ``title`` lets a repeated headline at the top be dropped;
    ``base_url`` (the article's URL) makes relative links and image sources absolute;
    ``web_page``: the body was cut out of an ordinary web page, so page furniture may remain."""
    root = parse_fragment(html)
    if base_url.startswith(("http://", "https://")):
        make_links_absolute(root, base_url)
    tags = collect_tags(root)
    byline, feed_date = _take_feed_header(root)
    _unwrap_link_like(root)
    _fix_lazy_images(root)
    _keep_video_links(root)
    _drop_selected(root, profile)
    _drop_tracking_images(root)
    for element in list(root.iter("time", "h1")):
        if element.tag == "time" or (title and text_of(element) == title.strip()):
            remove(element)
    normalize_whitespace(root, cjk)
    _strip_text(root, profile)
    attach_captions(root)
    if web_page:
        drop_breadcrumbs(root)
        drop_page_furniture(root, page_url=base_url)
        drop_repeats(root, title)
    paragraphize(root)
    # once, after paragraphize: text the parser left loose is in paragraphs by now
    _drop_boilerplate(root, profile)
    trimmed: tuple[list[str], list[str]] = ([], [])
    if web_page and cjk:
        trimmed = trim_label_ends(root)
    prune_empty(root)
    sanitized = sanitize(serialize_children(root))
    final = parse_fragment(sanitized)
    prune_empty(final)
    return CleanResult(html=serialize_children(final), images=images_of(final), tags=tags,
                       feed_byline=byline, feed_date=feed_date, trimmed_head=trimmed[0], trimmed_tail=trimmed[1],
                       paragraphs=paragraphs_in(final))


