"""The judgement calls of re-checking: when to look again, and whether a page is gone.

Kept apart from the job so they can be read, tested and tuned on their own: no I/O here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from selectolax.lexbor import LexborHTMLParser

from newsmirror.model import content_hash
from newsmirror.text.volatile import strip_tracking_params, strip_volatile

# -- schedule ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecheckPolicy:
    """Young articles are checked often, old ones rarely.

    An article's age counts from its publication (or first sighting), but an edit, deletion
    or restoration makes it young again: what changed once tends to change again soon, and
    a takedown is often reversed (or followed by a rewrite) within hours.
    """

    # (age below which, interval): every 30 min on the first day, daily for a week,
    # weekly for two months, then monthly.
    tiers: tuple[tuple[timedelta, timedelta], ...] = (
        (timedelta(days=1), timedelta(minutes=30)),
        (timedelta(days=7), timedelta(days=1)),
        (timedelta(days=60), timedelta(days=7)),
    )
    max_interval: timedelta = timedelta(days=30)
    first_check_after: timedelta = timedelta(minutes=30)
    # After a failed or inconclusive check: 15 min, 30 min, 1 h, ... never later than the normal interval.
    retry_base: timedelta = timedelta(minutes=15)
    # A page that keeps coming back without an article this many times in a row counts as taken down.
    empty_pages_for_deletion: int = 3

    def interval(self, age: timedelta) -> timedelta:
        for limit, interval in self.tiers:
            if age < limit:
                return interval
        return self.max_interval

    def next_check(self, now: datetime, *, published_at: datetime | None, first_seen_at: datetime,
                   last_change_at: datetime | None = None, misses: int = 0) -> datetime:
        born = published_at or first_seen_at
        if last_change_at is not None and last_change_at > born:
            born = last_change_at
        interval = self.interval(max(now - born, timedelta(0)))
        if misses > 0:
            interval = min(interval, self.retry_base * 2 ** min(misses - 1, 16))
        return now + interval


# -- fingerprints -------------------------------------------------------------------


def page_fingerprint(title: str, text: str) -> str:
    """What must differ for a check to report an edit: title and text without volatile bits."""
    return content_hash(strip_volatile(title), strip_volatile(text))


def similarity(a: str, b: str) -> float:
    """0..1 character similarity of two texts, whitespace ignored (cheap bounds first)."""
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b:
        return 0.0
    # Long texts: compare a sample from the start; enough to tell "same article" from "a list page".
    matcher = difflib.SequenceMatcher(None, a[:3000], b[:3000], autojunk=False)
    if matcher.real_quick_ratio() < 0.2 or matcher.quick_ratio() < 0.2:
        return matcher.quick_ratio()
    return matcher.ratio()


# -- deletion ----------------------------------------------------------------------


class Verdict(StrEnum):
    LIVE = "live"  # the page answered with something that may be the article
    GONE = "gone"  # the article was taken down
    ERROR = "error"  # inconclusive: try again later


@dataclass(frozen=True, slots=True)
class Classification:
    verdict: Verdict
    reason: str = ""


GONE_STATUSES = {404: "HTTP 404 Not Found", 410: "HTTP 410 Gone", 451: "HTTP 451 Unavailable For Legal Reasons"}

# Messages of "content not found / removed / censored" pages, Simplified, Traditional, English.
_NOT_FOUND = re.compile(
    r"(?:页面|頁面|网页|網頁|文章|内容|內容|新闻|新聞|信息|資訊|帖子|稿件|链接|連結|鏈接|资源|資源)"
    r"(?:已经|已經|已|暂时|暫時)?(?:不存在|被删除|被刪除|删除|刪除|被移除|移除|下架|失效|过期|過期|被屏蔽|无法访问|無法訪問|无法查看|無法查看|无法显示|無法顯示)"
    r"|(?:找不到|无法找到|無法找到|未找到|沒有找到|没有找到)(?:该|該|此|您要的|您访问的|您訪問的|相关|相關)?"
    r"(?:页面|頁面|网页|網頁|文章|内容|內容|新闻|新聞|信息|資訊)"
    r"|(?:已被|已经被|已經被)(?:发布者|發布者|作者|管理员|管理員)?(?:删除|刪除|移除)"
    r"|(?:违反|違反|违规|違規|相关法律法规|相關法律法規|有关规定|有關規定).{0,20}(?:无法查看|無法查看|不予显示|不予顯示|无法显示|無法顯示|已被屏蔽)"
    r"|page\s+(?:not\s+found|does\s*n[o']t\s+exist|cannot\s+be\s+found|could\s+not\s+be\s+found|is\s+no\s+longer\s+available)"
    r"|(?:content|article|story|post)\s+(?:not\s+found|(?:has\s+been|was)\s+(?:removed|deleted|taken\s+down)|is\s+no\s+longer\s+available|unavailable)",
    re.IGNORECASE,
)
# "404" alone means "not found" only in a page title; in text it may be a flight or a bus line.
_NOT_FOUND_TITLE = re.compile(rf"{_NOT_FOUND.pattern}|\b404\b", re.IGNORECASE)
# A page whose main text is longer than this is an article that mentions the phrase, not an error page.
_SHORT_PAGE = 300

_HOME_PATHS = {
    "", "/index.html", "/index.htm", "/index.shtml", "/index.php", "/index.asp", "/index.aspx", "/default.aspx",
    "/default.htm", "/home", "/home.html", "/zh", "/cn", "/zh-cn", "/zh-hans", "/zh-hant", "/zh-tw", "/zh-hk",
    "/big5", "/gb", "/chinese", "/news", "/m",
}
_LIST_WORDS = re.compile(
    r"(?:^|/)(?:list|lists|index|category|categories|channel|channels|column|columns|section|sections|tag|tags|"
    r"topic|topics|archive|archives|latest|news|home|search)(?:/|\.|$|_)",
    re.IGNORECASE,
)
_ERROR_PATH = re.compile(r"404|not[-_]?found|error|deleted|removed|unavailable|nopage|no[-_]?content", re.IGNORECASE)


def comparable_url(url: str) -> str:
    """A URL without what doesn't name a different page: scheme, www., trailing slash, tracking."""
    parts = urlsplit(strip_tracking_params(url))
    host = (parts.hostname or "").removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def is_redirected(original_url: str, final_url: str) -> bool:
    return bool(final_url) and comparable_url(original_url) != comparable_url(final_url)


def looks_like_home_or_list(original_url: str, final_url: str) -> bool:
    """True when a redirect went to the site's front page, a section page or an error page."""
    original, final = urlsplit(original_url), urlsplit(strip_tracking_params(final_url))
    path = final.path.rstrip("/")
    if path.lower() in _HOME_PATHS or _ERROR_PATH.search(final.path + "?" + final.query):
        return True
    segments = [s for s in path.split("/") if s]
    original_segments = [s for s in original.path.rstrip("/").split("/") if s]
    # A parent folder of the article ("/world/2026/" for "/world/2026/11/abc.html").
    if len(segments) < len(original_segments) and original_segments[: len(segments)] == segments \
            and (final.hostname or "").removeprefix("www.") == (original.hostname or "").removeprefix("www."):
        return True
    if _LIST_WORDS.search(path) and not re.search(r"\d{4,}", path):
        return True
    # One short path segment without digits is a section ("/china/"), not an article.
    return len(segments) <= 1 and not re.search(r"\d", path) and not final.query


def classify_status(status: int) -> Classification | None:
    """A verdict from the status code alone, or None when the body must be looked at."""
    if status in GONE_STATUSES:
        return Classification(Verdict.GONE, GONE_STATUSES[status])
    if 200 <= status < 300:
        return None
    return Classification(Verdict.ERROR, f"HTTP {status}")


def not_found_message(title: str, text: str, *, previous_text: str = "", whole_page: bool = False) -> str | None:
    """The "content not found / removed" phrase a page shows instead of the article, if any.

    A phrase counts in the page title, or in a short main text (any length with
    ``whole_page``, for the raw text of a page that no longer has the article); never when
    the article itself contained it (an article about a deleted post is not a deleted article).
    """
    for pattern, candidate in ((_NOT_FOUND_TITLE, title), (_NOT_FOUND, text)):
        if candidate is text and not whole_page and len("".join(candidate.split())) > _SHORT_PAGE:
            continue
        match = pattern.search(candidate)
        if match and match.group(0).lower() not in previous_text.lower():
            return match.group(0)
    return None


def lost_article(previous_text: str, text: str) -> bool:
    """True when a page that answers 200 no longer shows the article: nothing, or a short text
    (a navigation bar, a notice) that has little in common with what it showed before.

    A censored article cut to one paragraph keeps enough of the old text to count as an edit.
    """
    new = "".join(text.split())
    old = "".join(previous_text.split())
    if not new:
        return True
    if len(new) >= _SHORT_PAGE or len(new) >= len(old) / 2:
        return False
    return similarity(old, new) < 0.2 and new not in old


def page_title(html: str) -> str:
    """The title the page's header declares (og:title, twitter:title, <title>), for the title hint."""
    tree = LexborHTMLParser(html)
    for selector in ('meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]'):
        node = tree.css_first(selector)
        content = (node.attributes.get("content") or "").strip() if node else ""
        if content:
            return " ".join(content.split())
    node = tree.css_first("title")
    return " ".join(node.text(strip=True).split()) if node else ""


def raw_page_parts(html: str) -> tuple[str, str]:
    """(title, visible text) of a raw page, for the not-found check when extraction finds nothing."""
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else ""
    for node in tree.css("script, style, noscript, nav, header, footer, template"):
        node.decompose()
    body = tree.body
    text = body.text(separator="\n", strip=True) if body else ""
    return title, text


# -- page noise ----------------------------------------------------------------------

# class/id words of advertising slots; matched as whole words of "ad-top", "gg_box", "adsbygoogle".
_AD_WORDS = frozenset({
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsbygoogle", "adslot", "adbox",
    "sponsor", "sponsored", "promo", "promotion", "promoted", "gg", "guanggao", "tuiguang", "dfp", "doubleclick",
})
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_AD_LABEL = re.compile(r"^\s*[\[【(（]?\s*(?:广告|廣告|推广|推廣|赞助|贊助|Advertisement|Sponsored)\b", re.IGNORECASE)


def strip_page_noise(html: str) -> str:
    """The raw page without ad slots, scripts and frames, before extraction.

    Extraction drops most page furniture, but ad slots inside the article element survive
    it (they look like paragraphs), and rotating ads would then read as edits. Pages are
    compared with pages, so cleaning here only has to be consistent, not perfect.
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    doomed = list(root.iter("script", "style", "noscript", "iframe", "ins", "template", lxml.etree.Comment))
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head"):
            continue
        words = _WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower())
        if _AD_WORDS.intersection(words) or element.get("data-ad-slot") is not None:
            doomed.append(element)
        elif element.tag in ("p", "div", "li", "section", "aside") and len(element) <= 2:
            text = element.text_content().strip()
            if len(text) <= 80 and _AD_LABEL.match(text):
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")
