"""RawDocument -> Article: the generic extractor plus per-site profiles.

Order of trust for metadata: the page's own metadata, then what the text says (datelines,
credit lines), then the container's hints (feed date, feed title), then the URL.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from html import escape
from zoneinfo import ZoneInfo

import lxml.html
import nh3
from lxml.html import HtmlElement
from markdown_it import MarkdownIt
from markdownify import markdownify

from newsmirror.errors import ExtractionError
from newsmirror.extract.body import (
    Block,
    Body,
    _blocks,
    feed_item_region,
    mirror_region,
    parse,
    remove_furniture,
    select_blocks,
)
from newsmirror.extract.clean import clean_html
from newsmirror.extract.containers import container_body
from newsmirror.extract.credits import find_credits
from newsmirror.extract.datelines import disagree, find_dateline, parse_iso, parse_stamp, resolve_dateline
from newsmirror.extract.profiles import profile_for as core_profile_for
from newsmirror.extract.site_profiles import SiteProfile, profile_for_url
from newsmirror.extract.urls import canonical_url as normalized_url
from newsmirror.model import Article, DocumentKind, Image, RawDocument
from newsmirror.outlets import normalize_outlet_name, outlet_for_url
from newsmirror.text.script import detect_script

_ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "figure", "figcaption",
    "img", "a", "strong", "b", "em", "i", "u", "sub", "sup", "table", "thead", "tbody", "tr", "td", "th", "pre", "code",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
_VIDEO_HOST = re.compile(r"^https?://([\w-]+\.)*(youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|player\.\w+)")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_META_DATE_XPATH = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='date' or @name='dc.date']/@content",
)
# <time> inside the text can be a print-edition or update date: weaker than the feed's own date.
_BODY_TIME_XPATH = ("//time[@datetime]/@datetime",)


def _as_html(raw: RawDocument) -> str:
    """Archive formats keep the article as Markdown with embedded HTML: render it like GitHub does."""
    content = raw.content
    if raw.kind in (DocumentKind.PAGE_MIRROR, DocumentKind.JEKYLL_POST) and not content.lstrip().startswith("<"):
        content = _FRONT_MATTER.sub("", content, count=1)
        content = MarkdownIt("commonmark", {"html": True}).render(content)
    return content


def _first(root: HtmlElement, xpaths: tuple[str, ...]) -> str:
    for xpath in xpaths:
        values = root.xpath(xpath)
        for value in values:
            text = str(value).strip()
            if text:
                return text
    return ""


def _title(root: HtmlElement, raw: RawDocument, profile: SiteProfile | None) -> str:
    title = raw.title_hint or _first(root, ("//meta[@property='og:title']/@content", "//title/text()"))
    if not title:
        heading = root.xpath("(//h1|//h2|//h3)[1]")
        title = heading[0].text_content().strip() if heading else ""
    title = re.sub(r"\s+", " ", title).strip()
    if profile and profile.title_suffix:
        title = re.sub(profile.title_suffix, "", title).strip()
    return title


# Dates most news sites put in article paths: /2020/10/16/ or /20201016/
_GENERIC_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
)


def _url_date(url: str, profile: SiteProfile | None, zone: str) -> datetime | None:
    for pattern in (profile.patterns("url_dates") if profile else ()) + _GENERIC_URL_DATES:
        match = pattern.search(url)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["y"]) if parts.get("y") else 2000 + int(parts["yy"])
        try:
            return datetime.combine(date(year, int(parts["m"]), int(parts["d"])), time(0, 0), tzinfo=ZoneInfo(zone))
        except ValueError:
            continue
    return None


def published_date(
    root: HtmlElement, body: Body, profile: SiteProfile | None, raw: RawDocument, url: str
) -> datetime | None:
    """Metadata date, corrected by the dateline when they disagree by more than a day."""
    zone = profile.timezone if profile else "UTC"
    meta_value = _first(root, _META_DATE_XPATH)
    reference = parse_iso(meta_value, zone) if meta_value else None
    if reference is None and raw.published_hint is not None:
        reference = raw.published_hint if raw.published_hint.tzinfo else raw.published_hint.replace(tzinfo=ZoneInfo(zone))
    if reference is None:
        time_value = _first(root, _BODY_TIME_XPATH)
        reference = parse_iso(time_value, zone) if time_value else None
    paragraphs = body.paragraphs
    dateline = next((found for p in paragraphs[:3] if (found := find_dateline(p))), None)
    from_dateline = resolve_dateline(dateline, zone, reference) if dateline else None
    if reference is not None and from_dateline is not None and disagree(reference, from_dateline, zone):
        return from_dateline
    if reference is not None:
        return reference
    if from_dateline is not None:
        return from_dateline
    for line in body.leading:
        stamp = parse_stamp(line, zone)
        if stamp is not None:
            return stamp
    return _url_date(url, profile, zone)


def _images(body: Body) -> list[Image]:
    images: list[Image] = []
    blocks = body.blocks
    for index, block in enumerate(blocks):
        if block.tag != "img":
            continue
        caption = ""
        if index == 0 and body.lead_caption:
            caption = body.lead_caption
        elif index + 1 < len(blocks):
            following = blocks[index + 1]
            if following.after_image and (following.tag == "figcaption" or following.furniture or len(following.text) < 80):
                caption = following.text
        images.append(Image(url=block.image_src, caption=caption or block.image_alt))
    return images


def _block_html(block: Block) -> str:
    if block.tag == "img":
        alt = f' alt="{escape(block.image_alt)}"' if block.image_alt else ""
        return f'<figure><img src="{escape(block.image_src)}"{alt}></figure>'
    if block.element is not None and block.tag in _ALLOWED_TAGS and block.tag not in ("li", "td", "th"):
        inner = lxml.html.tostring(block.element, encoding="unicode", with_tail=False)
        return inner
    if block.tag.startswith("h") and len(block.tag) == 2:
        return f"<h3>{escape(block.text)}</h3>"
    return f"<p>{escape(block.text)}</p>"


def sanitize(html: str) -> str:
    """No scripts, event handlers, iframes or styles: only reading markup survives."""
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes={"http", "https"})


def _tags(root: HtmlElement, raw: RawDocument) -> list[str]:
    found: list[str] = []
    for value in root.xpath(
        "//meta[@property='article:tag']/@content | //a[@rel='tag']/text() | //*[contains(@class,'keywordTag')]//a/text()"
    ):
        tag = str(value).strip().lstrip("#")
        if tag and tag not in found:
            found.append(tag)
    keywords = _first(root, ("//meta[@name='keywords']/@content",))
    for tag in re.split(r"[,，、]", keywords):
        if tag.strip() and tag.strip() not in found:
            found.append(tag.strip())
    for tag in raw.tags_hint:
        if tag.strip() and tag.strip() not in found:
            found.append(tag.strip())
    return found


def _generic_blocks(raw: RawDocument, html: str, url: str, title: str) -> list[Block]:
    """Pages of no known container: the core cleaner (the site's content selector, else
    trafilatura's main-content guess), read back as paragraphs."""
    page = RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url, origin=raw.origin)
    core_profile = core_profile_for(url)
    try:
        cleaned = clean_html(container_body(page, core_profile), core_profile, title=title, base_url=url)
    except ExtractionError:
        return []
    root = parse(f"<html><body>{cleaned.html}</body></html>")
    return _blocks(list(root.find("body")))


def _summary(paragraphs: list[str], length: int = 160) -> str:
    for paragraph in paragraphs:
        if len(paragraph) >= 20:
            return paragraph if len(paragraph) <= length else paragraph[:length] + "…"
    return ""


def extract_article(raw: RawDocument) -> Article:
    """Clean one raw document into an Article; ExtractionError when no article text is found."""
    html = _as_html(raw)
    if not html.strip():
        raise ExtractionError(f"{raw.origin or raw.url or 'document'}: empty content, nothing to extract")
    try:
        root = parse(html)
    except (ValueError, lxml.etree.ParserError) as error:
        raise ExtractionError(f"{raw.origin or raw.url}: not parseable as HTML ({error})") from error
    url = raw.url or _first(root, ("//meta[@property='og:url']/@content",))
    canonical = _first(root, ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")) or url
    profile = profile_for_url(url)
    zone = profile.timezone if profile else "UTC"
    title = _title(root, raw, profile)
    tags = _tags(root, raw)
    videos = [str(src) for src in root.xpath("//iframe/@src") if _VIDEO_HOST.search(str(src))]
    region = mirror_region(root) or feed_item_region(root)
    if region is not None:
        remove_furniture(region, profile)
        blocks = _blocks(region)
    else:
        blocks = _generic_blocks(raw, html, url, title)
    body = select_blocks(blocks, profile, title, zone)
    if not body.paragraphs and videos:
        # A video post: keep a link to the video rather than losing the item.
        body.blocks = [Block(f"视频：{url}", "p") for url in videos]
    elif not body.paragraphs and body.leading:
        # A photo post: its captions are all the text there is.
        body.blocks = [b for b in blocks if b.tag == "img"] + [Block(text, "p") for text in body.leading]
    paragraphs = body.paragraphs
    if not paragraphs and not any(b.tag == "img" for b in body.blocks):
        raise ExtractionError(f"{raw.origin or url or 'document'}: no article text found")
    authors, editors = find_credits(paragraphs)
    body_html = sanitize("\n".join(_block_html(b) for b in body.blocks))
    body_text = "\n\n".join(paragraphs)
    known = outlet_for_url(url)
    outlet = known.name if known else normalize_outlet_name(raw.outlet_hint) or (profile.outlet if profile else "")
    return Article(
        outlet=outlet,
        title=title or paragraphs[0][:80],
        original_url=url,
        canonical_url=normalized_url(canonical),
        published_at=published_date(root, body, profile, raw, url),
        fetched_at=raw.fetched_at,
        authors=authors,
        editors=editors,
        body_html=body_html,
        body_markdown=markdownify(body_html, heading_style="ATX").strip(),
        body_text=body_text,
        images=_images(body),
        tags=tags,
        channel=raw.channel_hint,
        script=detect_script(body_text) if body_text else "und",
        summary=raw.summary_hint.strip() or _summary(paragraphs),
        guid=raw.guid,
        source_id=raw.source_id,
        origin=raw.origin,
    )
