"""One article made ready for every output format: private, clean, in the chosen script.

The body is re-sanitized (nh3) even though extract already did it, because publishing is
where a leftover tracking pixel or remote stylesheet would reach readers. Mirrored images
are referenced by an ``nm-image:`` token that each format replaces with its relative path (an article
whose own text says ``nm-image`` gets a token of its own: :func:`image_token`).
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, NamedTuple, Protocol, TypeVar, get_args
from urllib.parse import quote, urljoin

import lxml.html
import nh3
from lxml import etree

from newsmirror.errors import ConfigError
from newsmirror.extract.urls import unjoined_address
from newsmirror.model import Article
from newsmirror.publish.absent import Absent
from newsmirror.publish.images import ImageMirror, links_image_file
from newsmirror.publish.paths import month_of
from newsmirror.publish.safe import http_url, safe_markdown
from newsmirror.store.base import title_script
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.stories.quoted import Rests
from newsmirror.stories.summary import Summary, summarize
from newsmirror.text.script import (
    report_script,
    to_hant,
    to_hant_words,
    to_simplified,
    to_traditional,
    written_in,
)

OutputScript = Literal["original", "zh-Hans", "zh-Hant", "zh-TW", "zh-HK"]
OUTPUT_SCRIPTS: tuple[str, ...] = get_args(OutputScript)
IMAGE_TOKEN = "nm-image:"  # the token of every article that does not itself say "nm-image"
# Bump when a template or the cleaning changes, so every page is rendered again.
RENDER_VERSION = "13"  # 2: escaped Markdown, safe Jekyll front matter, collision-free folders; 3: times in UTC+8, one design with the reader;
# 4: the static site's pages link its shipped favicon.ico; 5: a link left empty by a dropped image goes with it;
# 6: a link to the full-size file of a mirrored image leads to the mirrored copy; 7: the static site's pages carry a
# Content-Security-Policy (no script, nothing from another host); 8: zh-Hant is the reader's 繁, OpenCC's s2tw
# (為, 眾), where it was s2t (爲, 衆): text.script.HANT; 9: under zh-Hant the interface's own words in Taiwan's
# phrases (搜尋, 資訊: interface_converter, text.script.HANT_WORDS), outlets' text as before; 10: the site's article
# images load lazily (lazy_images) and its original address is shown unescaped (readable_url; reader79); 11: the original
# address's authority shown as stored, unseen characters as escapes (readable_url; review59); 12: a link a writer
# joined to a host ("https://www.economist.comhttps://…") written repaired (extract.urls.unjoined_address; polish79);
# 13: a mirrored image says its width and height (ImageMirror.size_of), so its place is kept before it loads, and on an
# original-script site the story's other reports listed under an article say their script (lang) (reader80)
# Bump when only the story page's template changes: story pages are rendered again, not every article's.
STORY_PAGE_VERSION = "26"  # 2: a fact's sentences in one column per outlet, as on the reader's story page, in the output script;
# 3: a story of 3+ outlets opens with the facts most of them report (story_summary), as `stories show` does;
# 4: a fact's unit leaving a quotation open is followed by the quotation's rest, marked as context (stories.quoted;
# style.css's .rest needs no RENDER_VERSION: every build writes style.css)
# 5: the table of contents counts the one-outlet facts, as it counts the others
# 6: the summary gives each outlet's own facts after the facts most report; a line most outlets report names the
# outlets that leave it out (除…外), not the ten that report it
# 7: a comparison of more outlets than columns (6) hides a fact's empty cells (.many) and, on the reader, the row of
# outlet names
# 8: a summary line standing for two facts that open with one sentence counts the outlets of both (review52: 除…外
# named an outlet reporting the second)
# 9: under a summary the full grid (shared / partial / unique facts) waits to be asked for: a closed details naming
# its outlets and how many facts it holds (issue 14 item 6: the full grid on demand)
# 10: a story's feeds are titled as every feed is ("<title> · 新闻镜像") with a Chinese subtitle (publish.feeds.FEED_WORDS)
# 11: a summary's line says whose sentence it is (中央社：…) and names the others as also reporting the fact
# （BBC中文也报道）, where it listed every outlet after one outlet's words (polish73, polish74)
# 12: a summary's line that stops inside its sentence (a clause's comma) is followed by the sentence's rest, as context;
# an outlet's own clauses of one sentence make one line (stories.quoted.sentence_rest, summary._joined; polish75)
# 13: under the outlets, those with articles on the story's days and no report in it (publish.absent; polish75)
# 14: a summary line's sentence is isolated (<bdi>): a bidi override in it reversed the attribution after it (safety73)
# 15: a summary line whose unit ends its sentence (a Latin full stop) or its paragraph (no mark) takes no rest and no
# next fact (text.sentences.runs_on: only a clause's comma or colon runs on); three clauses of one sentence make one
# line whatever their rank (summary._joined; review57)
# 16: an outlet's "另有N条" under the summary leads to its own list of one-outlet facts (#unique-N), not to the first
# outlet's (reader79)
# 17: an original-script site marks each report and each outlet's sentences by their script (lang; reader80); 18: a
# summary's line reads as a sentence (said by the outlet whose unit opens its sentence, an own clause after its
# sentence's head; no question, no repeat: stories.summary) and the grid's "只有…提到" lines name at most half the
# compared outlets (comparison.few; summary96); 19: a line before the facts names the reports compared from their start
# only (Comparison.read_in_part; safety76)
# 20: a story of more than REPORTS_OPEN reports lists them closed outlet by outlet, and an original-script site marks
# the story's title by the script of the report it was taken from (reader81)
# 21: a summary shows no line of a picture's caption, no own line repeating a common line's sentence or another
# report's copy, no words of a quotation whose speaker it does not give (summary97)
# 22: a report's title is an h3 under 报道 (h4 under its outlet's closed bar, an h3), not an h2: the outline nests
# (review61), with the same look (style.css .like-h2); a title whose report was stored without a script ("und") is
# marked as its characters tell (store.base.title_script), as the reader marks it
# 23: a report stored "und" is marked, its section and sentences, by the script its title and text are in, as the
# reader marks it (text.script.report_script; review62); the contents of a story of more than REPORTS_OPEN reports
# unchanged (outlets with their counts, now the reader's too)
# 24: a republished copy is listed apart, under 转载, not among the reports, and its outlet is not named among the
# story's outlets, as the reader's page and `stories show` list it (StoryView.copies; reader68)
# 25: the comparison (#compare) comes before the reports and the copies, in the page and its contents, as on the
# reader's page (toc68)
# 26: the grid's parts and their counts from one helper, the reader's too (grid_parts); each outlet's own facts listed
# for every compared outlet, as the reader lists them (reader69)

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i",
    "u", "s", "sub", "sup", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td",
    "pre", "code", "span", "div", "small",
}
SAFE_URL_SCHEMES = {"http", "https", "mailto"}
CAPTION_CLASSES = {"p": {"caption"}, "span": {"caption"}}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan"}}


def script_converter(script: str) -> Callable[[str], str]:
    """Text conversion for an output script; Taiwan and Hong Kong variants also swap phrases.

    Text already in the target script is left as written: a Taiwan outlet's 台北 and 宣布 must not
    come out of a round trip through Simplified as 臺北 and 宣佈 (see text.script.written_in).
    """
    if script == "original":
        return lambda text: text
    if script == "zh-Hans":
        return _unless_written_in("zh-Hans", to_simplified)
    if script == "zh-Hant":
        return _unless_written_in("zh-Hant", to_hant)  # the reader's 繁 too (text.script.HANT)
    if script == "zh-TW":
        return _unless_written_in("zh-Hant", lambda text: to_traditional(to_simplified(text), "tw"))
    if script == "zh-HK":
        return _unless_written_in("zh-Hant", lambda text: to_traditional(to_simplified(text), "hk"))
    raise ConfigError(f"unknown output script {script!r}; choose one of {', '.join(OUTPUT_SCRIPTS)}")


def interface_converter(script: str) -> Callable[[str], str]:
    """Conversion for the interface's own words (written in Simplified: menus, buttons, headings, help, feed titles),
    never for an outlet's text, titles or names, nor a story's title (``script_converter``). Both products ask it:
    the static site's labels and the reader's ``ui()`` (web.render.interface_text). Under zh-Hant, Taiwan's phrases
    too (text.script.HANT_WORDS: 搜尋, 資訊, where the outlets' zh-Hant keeps their own words); elsewhere as the text."""
    if script == "zh-Hant":
        return _unless_written_in("zh-Hant", to_hant_words)
    return script_converter(script)


def _unless_written_in(target: str, convert: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: text if written_in(text) == target else convert(text)


@dataclass(slots=True)
class Entry:
    """What listings, indexes and feeds need of an article (converted to the output script)."""

    id: str
    title: str
    outlet: str
    channel: str
    published: datetime | None
    original_url: str
    summary: str = ""
    story_id: str | None = None
    lang: str = "und"
    # The script its text is in as a story page marks its section and sentences (text.script.report_script: stored,
    # else guessed from its title and text), where ``lang`` is the stored script lists and titles go by
    # (store.base.title_script); they differ only for a report stored "und". "": as ``lang`` (an entry made from the
    # listing cache's row: jobs.building fills it for a story's reports not stored as zh-Hans or zh-Hant).
    text_lang: str = ""

    @property
    def marked_lang(self) -> str:
        """The script a story page marks this report's section and sentences by."""
        return self.text_lang or self.lang

    @property
    def month(self) -> str:
        return month_of(self.published)

    @property
    def day(self) -> str:
        return self.published.astimezone(UTC).strftime("%Y-%m-%d") if self.published else "undated"


@dataclass(slots=True)
class Prepared:
    entry: Entry
    article: Article
    html: str  # sanitized, image sources as IMAGE_TOKEN + cache name
    markdown: str
    authors: list[str]
    image_names: list[str] = field(default_factory=list)
    image_token: str = IMAGE_TOKEN  # what stands for the image folder in html and markdown (with_image_prefix)


def make_entry(article: Article, convert: Callable[[str], str], script: str,
               story_id: str | None = None) -> Entry:
    return Entry(
        id=article.id,
        title=convert(article.title.strip()) or article.id,
        outlet=convert(article.outlet),
        channel=convert(article.channel or article.outlet),
        published=article.published_at,
        # Only http(s): every format links it, and a javascript: URL must never become a link.
        original_url=http_url(article.original_url),
        summary=convert(article.summary.strip() or _lead(article.body_text)),
        story_id=story_id,
        lang=article.script if script == "original" else script,
        text_lang=report_script(article.script, article.title, article.body_text) if script == "original" else script,
    )


def _lead(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def image_token(article: Article) -> str:
    """The token standing for the image folder in this article's prepared body: IMAGE_TOKEN, unless the article
    itself says "nm-image" anywhere a page shows or links (its text, an address, an alt text or caption, written as
    entities too). Every format replaced the token wherever it stood, so a body saying "nm-image:abc" showed
    "../../img/abc" on the site, and a link to https://nm-image:443/ led to the host "news" of the Jekyll base path
    (safety70). Such an article gets "nm-image-<digest of what it says>:", which its text cannot contain (it would
    have to hold the digest of itself); every other article keeps IMAGE_TOKEN, so their pages do not change."""
    said = "\x1f".join([html.unescape(article.body_html or article.body_text or article.body_markdown),
                        article.original_url, *(f"{i.url}\x1f{i.caption}" for i in article.images)])
    if "nm-image" not in said.lower():
        return IMAGE_TOKEN
    return f"nm-image-{hashlib.sha1(said.encode('utf-8')).hexdigest()[:16]}:"


def fingerprint(article: Article, *extra: str, token: str | None = None) -> str:
    """Changes whenever anything a rendered page shows of this article changes. ``token``: its ``image_token`` when
    the caller has it (the build's first pass keeps it for ``prepare``: computed once an article, not twice)."""
    token = image_token(article) if token is None else token
    parts = [
        RENDER_VERSION, article.content_hash, article.title, article.outlet, article.channel,
        article.published_at.isoformat() if article.published_at else "", article.original_url,
        "|".join(article.authors), "|".join(f"{i.url} {i.caption}" for i in article.images),
        hashlib.sha1(article.body_html.encode("utf-8")).hexdigest(), article.summary, article.script, *extra,
        *([token] if token != IMAGE_TOKEN else []),  # pages built before image_token said the text wrongly
    ]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def prepare(article: Article, entry: Entry, convert: Callable[[str], str],
            mirror: ImageMirror | None, token: str | None = None) -> Prepared:
    """Sanitize, mirror images (or drop them, keeping captions) and convert the script. ``token``: this article's
    ``image_token`` when known (computed from this very version of the article), else computed here."""
    source = article.body_html.strip() or _paragraphs_to_html(article.body_text or article.body_markdown)
    token = image_token(article) if token is None else token
    cleaned = nh3.clean(
        source, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=SAFE_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow", strip_comments=True,
    )
    root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    # An alt text that only repeats the title is not a caption worth keeping.
    body_text = root.text_content() + "\n" + article.title
    used: list[str] = []
    mirrored: dict[str, str] = {}  # an image's URL -> the token of its mirrored copy
    for img in list(root.iter("img")):
        _mirror_or_drop(img, article.original_url, mirror, used, body_text, mirrored, token)
    for link in root.iter("a"):
        href = link.get("href")
        copy = _mirrored_copy(link, href, article.original_url, mirrored, token) if href else None
        if copy:
            link.set("href", copy)
        elif href:
            # Absolute (relative links would point into the mirror) and percent-encoded, so
            # script conversion below never alters a URL.
            # (a link a writer joined to a host, stored before the import repaired it, is written repaired)
            absolute = http_url(urljoin(article.original_url, unjoined_address(href))) \
                or ("" if not href.startswith("mailto:") else href)
            if absolute:
                link.set("href", quote(absolute, safe=":/?#[]@!$&'()*+,;=%~"))
            else:
                del link.attrib["href"]
    # Images the extractor listed apart from the body (a featured image) come first.
    in_body = {img.get("src") for img in root.iter("img")}
    lead: list[str] = []
    for image in article.images:
        name = mirror.local_name(image.url) if mirror else None
        caption = image.caption.strip()
        if name and token + name not in in_body:
            used.append(name)
            size = mirror.size_of(name) if mirror else None
            sized = f' width="{size[0]}" height="{size[1]}"' if size else ""
            figure = f'<figure><img src="{token}{name}" alt="{html.escape(caption)}"{sized}/>'
            lead.append(figure + (f"<figcaption>{html.escape(caption)}</figcaption>" if caption else "") + "</figure>")
        elif not name and caption and caption not in body_text and not is_placeholder_alt(caption):
            lead.append(f'<p class="caption">{html.escape(caption)}</p>')
    body = convert("".join(lead) + _inner_html(root))
    # Sanitizing is the last step on HTML: whatever the steps above did, only the allowed tags,
    # attributes and URL schemes (and our caption class and image token) reach any output.
    body = nh3.clean(
        body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={*SAFE_URL_SCHEMES, token[:-1]},
        link_rel="noopener noreferrer nofollow", strip_comments=True, allowed_classes=CAPTION_CLASSES,
    )
    # From the sanitized HTML, with every text node escaped: the conversion cannot re-create markup.
    markdown = safe_markdown(body, image_prefix=token, caption_label=convert("图片说明：")).strip()
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return Prepared(entry=entry, article=article, html=body, markdown=markdown,
                    authors=[convert(a) for a in article.authors], image_names=sorted(set(used)), image_token=token)


def _mirror_or_drop(img: lxml.html.HtmlElement, base_url: str, mirror: ImageMirror | None,
                    used: list[str], body_text: str, mirrored: dict[str, str], token: str) -> None:
    src = img.get("src") or ""
    url = urljoin(base_url, src) if src else ""
    name = mirror.local_name(url) if mirror and url else None
    if name:
        alt = img.get("alt", "")
        img.attrib.clear()  # the source's width and height were the original's, not its mirrored copy's
        img.set("src", token + name)
        img.set("alt", alt)
        if mirror and (size := mirror.size_of(name)):
            img.set("width", str(size[0]))
            img.set("height", str(size[1]))
        used.append(name)
        mirrored[url] = token + name
        return
    drop_image(img, body_text)


def drop_image(img: lxml.html.HtmlElement, said: str) -> str:
    """Remove an image that is not shown (no hot-linking: no mirrored copy), keeping its description as a caption
    where nothing in ``said`` (the body's text, the title) carries it and it is no placeholder; the built pages and the
    reader (``web.render``) drop images alike. Returns the caption kept, or ''."""
    alt = (img.get("alt") or "").strip()
    kept = ""
    if alt and alt not in said and not is_placeholder_alt(alt):
        caption = lxml.html.Element("span")
        caption.set("class", "caption")
        caption.text = alt
        caption.tail = img.tail
        img.addprevious(caption)
        img.tail = None
        kept = alt
    parent = img.getparent()
    img.drop_tree()
    # An image inside a link (to the full-size picture, on the outlet's host) left the link empty: invisible, but a
    # link a screen reader announces and a keyboard stops on (53 in 20 article pages of 2020-10-28, site and Jekyll).
    if parent is not None and parent.tag == "a" and not len(parent) and not parent.text_content().strip():
        parent.drop_tree()
    return kept


def _mirrored_copy(link: lxml.html.HtmlElement, href: str, base_url: str, mirrored: dict[str, str],
                   token: str) -> str | None:
    """The token of the mirrored copy a link to an image file should lead to, or None: the image it holds was
    mirrored, and the link leads to the full-size file on the outlet's host (a host the readers may not reach).
    维权网's photos of 2020-10-28, Epoch's and CDT's of 2020-12-30 link their full-size files so."""
    copies = [src for img in link.iter("img") if (src := img.get("src") or "").startswith(token)]
    if not copies:
        return None
    target = urljoin(base_url, href)
    if target in mirrored:  # the link leads to an image mirrored itself
        return mirrored[target]
    return copies[0] if links_image_file(target, [u for u, token in mirrored.items() if token in copies]) else None


_PLACEHOLDER_ALTS = {"img", "image", "images", "photo", "picture", "pic", "图片", "圖片", "照片", "配图", "配圖",
                     "null", "undefined", "alt"}
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.I)


def is_placeholder_alt(alt: str) -> bool:
    """An alt text that says nothing ("img", "图片", a file name, a number): not a caption."""
    text = alt.strip().strip("[]()").strip()
    return text.lower() in _PLACEHOLDER_ALTS or bool(_FILE_NAME.match(text)) or text.isdigit()


def _inner_html(root: lxml.html.HtmlElement) -> str:
    parts = [html.escape(root.text)] if root.text else []
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in root]
    return "".join(parts)


def _paragraphs_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
# scheme://userinfo@host:port: what decides where a link goes, so shown as stored (readable_url)
_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
# Unicode's default-ignorable code points outside categories C and Z (a Hangul filler, a variation selector, the
# combining grapheme joiner): drawn as nothing, as a format character is
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]")


def _unseen(char: str) -> bool:
    """A character that would change how an address looks without being seen: a control, format or space character
    (a bidi override reorders the address on screen) or another default-ignorable one."""
    return unicodedata.category(char)[0] in "CZ" or _IGNORABLE.match(char) is not None


def readable_url(url: str) -> str:
    """``url`` as a reader reads it: percent-escapes of non-ASCII text shown as the text (as a browser's address bar
    shows them), for the words only; the link itself keeps ``url``.

    A Chinese outlet's article address is mostly its escaped title: DW's 那些"中招"确诊新冠病毒的名人们 was seven
    lines of %E9%82%A3… on a phone (reader79). An escape stays one where showing it would change what the address
    looks like: an ASCII character (%2F is not a path's /, %20 not a space), an unseen character (``_unseen``), or
    bytes that are not UTF-8; an unseen character stored as itself is shown as its escape. The authority is shown as
    stored (review59): decoded, a fullwidth ／ and ？ in the userinfo made ``https://www.bank.example／login？@evil.example/``
    read as bank.example's page, and a Cyrillic а read as Latin in a host name."""

    def shown(run: re.Match[str]) -> str:
        escaped = run.group(0)
        try:
            text = bytes.fromhex(escaped.replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return escaped
        out, at = [], 0
        for char in text:
            width = 3 * len(char.encode("utf-8"))
            kept = ord(char) < 128 or _unseen(char)
            out.append(escaped[at:at + width] if kept else char)
            at += width
        return "".join(out)

    authority = _AUTHORITY.match(url)
    at = authority.end() if authority else 0
    text = url[:at] + _ESCAPES.sub(shown, url[at:])
    return "".join("".join(f"%{byte:02X}" for byte in char.encode("utf-8")) if _unseen(char) else char
                   for char in text)


_IMG_TAG = re.compile(r"<img(?=[\s/>])", re.IGNORECASE)


def lazy_images(html: str) -> str:
    """Every ``<img>`` of sanitized HTML loaded only when scrolled near (``loading="lazy"``, no script needed).

    A big story's page holds every report's body, ~200 images for 117 reports: a phone on a slow link fetched all of
    them before the reader scrolled past the summary (reader79). ``html`` must be sanitizer output, where a ``<``
    in text is ``&lt;``: then every ``<img`` is a tag and none has a ``loading`` attribute already."""
    return _IMG_TAG.sub('<img loading="lazy"', html)


_IMG_ELEMENT = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\ssrc="([^"]*)"')
_SIZE_ATTRIBUTE = re.compile(r'\s(?:width|height)="[^"]*"', re.IGNORECASE)


def sized_images(markup: str, size_of: Callable[[str], tuple[int, int] | None]) -> str:
    """Every ``<img>`` of sanitized HTML whose picture's size ``size_of(src)`` knows says it (``width``, ``height``):
    the browser keeps the picture's place before a lazy one arrives, and the text below it does not move when it
    does (reader79; ``img{max-width:100%;height:auto}`` scales it to the column, the ratio kept). Any width or
    height it said before (the outlet's, of its own copy, or "100%") is replaced; an image of unknown size is left
    as it is. ``markup`` must be sanitizer output (nh3 writes a ``>`` in an attribute as ``&gt;``, values quoted)."""
    def sized(tag: re.Match[str]) -> str:
        src = _SRC.search(tag.group(0))
        size = size_of(html.unescape(src.group(1))) if src else None
        if not size:
            return tag.group(0)
        bare = _SIZE_ATTRIBUTE.sub("", tag.group(0))
        return f'{bare[:4]} width="{size[0]}" height="{size[1]}"{bare[4:]}'

    return _IMG_ELEMENT.sub(sized, markup)


def with_image_prefix(text: str, prefix: str, token: str = IMAGE_TOKEN) -> str:
    """Replace the image token (``Prepared.image_token``) by a relative folder, e.g. ``../../images/``."""
    return text.replace(token, prefix)


def plain_text(body_html: str) -> str:
    """Visible text of a fragment, one paragraph per line (for tests and summaries)."""
    if not body_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h2", "h3", "h4", "figcaption", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()


@dataclass(slots=True)
class StoryView:
    """A story as the outputs show it: members in publication order, an optional comparison."""

    id: str
    title: str
    members: list[Entry]
    comparison: Comparison | None = None
    fingerprint: str = ""  # changes when the story's members or their content change
    comparer: Callable[[], Comparison | None] | None = None  # computes ``comparison`` on demand
    # (article id, unit index) -> the rest of a quotation the unit leaves open, from its report's text
    # (``stories.quoted``; display only), filled where the reports are loaded (the comparer).
    rests: Rests = field(default_factory=Rests)
    # The outlets with articles on the story's days and none in it (publish.absent), in the output script.
    absent: Absent | None = None
    # The ids of its members that are republished copies of another member (the store's "duplicate" role): its page
    # lists them apart, under 转载, as the reader's page and ``stories show`` do, never as an outlet's own report
    # (reader68); empty when the store cannot tell.
    copies: frozenset[str] = frozenset()

    def compare(self) -> Comparison | None:
        if self.comparison is None and self.comparer is not None:
            self.comparison = self.comparer()
        return self.comparison

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet for m in self.members})

    @property
    def reports(self) -> list[Entry]:
        """Its own reports, copies left out (``copies``), in publication order."""
        return [m for m in self.members if m.id not in self.copies]

    @property
    def copied(self) -> list[Entry]:
        """Its republished copies, in publication order."""
        return [m for m in self.members if m.id in self.copies]

    @property
    def report_outlets(self) -> list[str]:
        """The outlets of its own reports (a copy's outlet reported nothing of its own), as its page names them."""
        return sorted({m.outlet for m in self.reports})

    @property
    def newest(self) -> datetime | None:
        dates = [m.published for m in self.members if m.published]
        return max(dates) if dates else None

    @property
    def span(self) -> tuple[datetime | None, datetime | None]:
        """Its first and last report's time, as ``Store.story_spans`` gives the reader's (publish.front.reported_span)."""
        return _span(self.members)

    @property
    def title_lang(self) -> str:
        """The script its title is written in: the report's it was taken from (``store.base.title_script``)."""
        return title_script(self.title, [(m.title, m.lang) for m in self.members])

    @property
    def by_outlet(self) -> list[tuple[str, list[Entry], tuple[datetime | None, datetime | None]]]:
        """Its own reports outlet by outlet, in the order each outlet first reported, with each outlet's span."""
        return [(outlet, members, _span(members)) for outlet, members in reports_by_outlet(self.reports)]


class _Reported(Protocol):
    @property
    def outlet(self) -> str: ...


_R = TypeVar("_R", bound=_Reported)


def reports_by_outlet(reports: Iterable[_R]) -> list[tuple[str, list[_R]]]:
    """Reports outlet by outlet, in the order each outlet first comes: a big story's table of contents names its
    outlets with their counts, not every report (the static site's ``StoryView.by_outlet`` and the reader's page)."""
    grouped: dict[str, list[_R]] = {}
    for report in reports:
        grouped.setdefault(report.outlet, []).append(report)
    return list(grouped.items())


def _span(members: list[Entry]) -> tuple[datetime | None, datetime | None]:
    dates = [m.published for m in members if m.published]
    return (min(dates), max(dates)) if dates else (None, None)


def comparison_in_script(comparison: Comparison, convert: Callable[[str], str]) -> Comparison:
    """The comparison as the output script shows it: its sentences and outlet names converted, as the article pages,
    titles and outlet names of the same build are (the details' terms are converted where they are shown)."""

    def fact(one: Fact) -> Fact:
        return Fact(sentences=[SentenceRef(s.article_id, convert(s.outlet), s.index, convert(s.text)) for s in one.sentences],
                    details={term: [convert(o) for o in outlets] for term, outlets in one.details.items()},
                    spellings={term: {convert(o): spelled for o, spelled in by.items()}
                               for term, by in one.spellings.items()})

    return Comparison(story_id=comparison.story_id, outlets=[convert(o) for o in comparison.outlets],
                      shared=[fact(f) for f in comparison.shared], partial=[fact(f) for f in comparison.partial],
                      unique={convert(outlet): [fact(f) for f in own] for outlet, own in comparison.unique.items()},
                      read_in_part=list(comparison.read_in_part),
                      captions={report: list(indexes) for report, indexes in comparison.captions.items()})


SUMMARY_FROM_OUTLETS = 3  # with two outlets the facts both report are the page's first section already
PAGE_OWN_FACTS = 2  # each outlet's own facts in a story page's summary (an 11-outlet story: 22 lines, not 33)


def story_summary(comparison: Comparison | None) -> Summary | None:
    """What a story page opens with, as `newsmirror stories show` does: the facts most outlets report (``summarize``:
    most outlets first, one line each). Only for 3+ outlets: the facts every outlet reports came first, and a story
    of six outlets had none (the reader's page opened on "no fact every outlet reports", then 56 facts some report
    in story order); with two outlets the summary would repeat the shared facts that follow it. Then each outlet's
    own facts, most important first (``Summary.own``, ``PAGE_OWN_FACTS`` an outlet; the pages showed none: a reader
    of an 11-outlet story met what each adds only in a list of 642 lines in story order)."""
    if comparison is None or len(comparison.outlets) < SUMMARY_FROM_OUTLETS:
        return None
    summary = summarize(comparison, own=PAGE_OWN_FACTS)
    return summary if summary.common else None


class GridPart(NamedTuple):
    """One part of a story's comparison as its page shows it."""

    anchor: str  # its section's id, the fragment its contents' entry links: "shared", "partial" or "unique"
    label: str  # its heading: a key of publish.labels.STORY_LABELS
    facts: int  # how many facts it holds, as the contents and the closed grid's bar count them


def grid_parts(comparison: Comparison) -> dict[str, GridPart]:
    """The parts of a story's comparison both story pages show (the static site's and the reader's), by anchor, in
    order, each with its count: the facts every outlet reports ("both" of two outlets), those some report, and each
    outlet's own. A part with no fact is left out, but for the outlets' own, whose cells say "no fact of its own" outlet
    by outlet. The two pages once chose each for themselves: a small story's reader page showed an empty 各家都报道的内容
    (0), saying 没有所有媒体都报道的内容。, that the site's left out (reader69)."""
    unique = sum(len(facts) for facts in comparison.unique.values())
    parts = [GridPart("shared", "shared_two" if len(comparison.outlets) == 2 else "shared", len(comparison.shared)),
             GridPart("partial", "partial", len(comparison.partial)), GridPart("unique", "unique", unique)]
    return {part.anchor: part for part in parts if part.facts or part.anchor == "unique"}
