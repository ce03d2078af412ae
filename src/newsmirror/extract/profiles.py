"""One declarative profile per outlet (keyed by host), merged over the generic rules.

A profile is data, not code: CSS selectors to drop, selectors of the article body (for whole
web pages), regular expressions of boilerplate blocks (feed footers, copyright lines) and of
in-line markers to strip, the newsroom's time zone and what the site appends to page titles.
The zone matters because outlets date their datelines in it: NTD's ``【新唐人北京时间…】`` is
Beijing time, Epoch Times' ``【大纪元2020年10月16日讯】`` is New York's day, CNA's
``（中央社台北4日電）`` is Taipei's. :func:`profile_for` returns the generic profile merged with the
site's; the generic pass does everything a site does not override. No profile holds
per-article rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from lxml.cssselect import CSSSelector

from newsmirror.outlets import match_host

# "(?m)" and the like: "^" would match after a line break, not only at the start
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z]*m")


def anchored_at_start(pattern: str) -> bool:
    """Can ``pattern`` match only at the start of a text ("^" first, no "|" outside a group)?
    Unsure cases (a set starting with "]", inline flags) say no, which is always correct."""
    if not pattern.startswith("^") or _INLINE_FLAGS.search(pattern):
        return False
    depth, escaped, in_set = 0, False, False
    for index, character in enumerate(pattern):
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif in_set:
            in_set = character != "]"
        elif character == "[":
            if pattern[index + 1:index + 3].lstrip("^").startswith("]"):
                return False
            in_set = True
        elif character in "()":
            depth += 1 if character == "(" else -1
        elif character == "|" and depth == 0:
            return False
    return True


class Boilerplate:
    """Boilerplate regexes as two alternations: those anchored at the text's start are tried there
    only, the others searched for. One alternation searched at every position tried each anchored
    rule at each position as well: ten times slower on article-length blocks."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        def alternation(chosen: list[str]) -> re.Pattern[str] | None:
            return re.compile("|".join(f"(?:{pattern})" for pattern in chosen)) if chosen else None

        self._at_start = alternation([p for p in patterns if anchored_at_start(p)])
        self._anywhere = alternation([p for p in patterns if not anchored_at_start(p)])

    def search(self, text: str) -> bool:
        """Does any of the regexes match ``text`` (``re.search`` of one of them)?"""
        return bool((self._at_start is not None and self._at_start.match(text))
                    or (self._anywhere is not None and self._anywhere.search(text)))


@dataclass(frozen=True, slots=True)
class SiteProfile:
    key: str
    hosts: tuple[str, ...] = ()  # registrable domains; subdomains match too
    timezone: str = ""  # the newsroom's IANA zone: datelines without a zone are read in it
    title_suffix: str = ""  # regex stripped from the end of page titles
    drop: tuple[str, ...] = ()  # CSS selectors of elements removed with their content
    content: tuple[str, ...] = ()  # CSS selectors of the article body in a full web page, best first
    boilerplate: tuple[str, ...] = ()  # regexes; a block whose text matches (search) is removed
    strip_text: tuple[str, ...] = ()  # regexes removed from text nodes (in-line codes, stray markers)
    _compiled: list[Boilerplate] = field(default_factory=list, compare=False, repr=False)

    def boilerplate_pattern(self) -> Boilerplate | None:
        """All boilerplate regexes, tried together (one scan per block instead of one per rule)."""
        if not self._compiled and self.boilerplate:
            self._compiled.append(Boilerplate(self.boilerplate))
        return self._compiled[0] if self._compiled else None

    def drop_selector(self) -> CSSSelector | None:
        """All ``drop`` selectors as one selector group (one tree walk instead of one per rule)."""
        return _selector_group(self.drop) if self.drop else None


@cache
def _selector_group(selectors: tuple[str, ...]) -> CSSSelector:
    return CSSSelector(", ".join(selectors))


GENERIC = SiteProfile(
    key="generic",
    drop=(
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
        "form", "button", "input", "select", "textarea", "ins", "nav", "audio", "video", "source",
        "link", "meta",
        "[style*='display:none']", "[style*='display: none']", "[hidden]", "[aria-hidden='true']",
        "[class*='single_ad']", "[class*='AD_Embed']", "[class*='adsbygoogle']", "[id^='div-gpt-ad']",
        "[id*='dfp-ad']", "[id*='taboola']", "[class*='taboola']", "[id^='innity']",
        "[class*='articlekeywordGroup']", "[class*='keywordTag']", "[class*='moreArticle']",
        "[class*='bottomBox']", "[class*='topNews']", "[class*='owl-carousel']",
        "[class*='share']", "[class*='social']", "[class*='related']", "[class*='paywall']",
        "[data-selfpromo-newsletter]", "[data-selfpromo-app]",
        "[class*='iframely']", "[class*='soh-embed']",
        "a[rel~='tag']",
    ),
    boilerplate=(
        r"^获取更多RSS",  # feedx footer
        r"^The post .{1,400} appeared first on",  # WordPress feed footer
        r"^Feed enhanced by",
        r"get_post_time\(|\|\s*Permalink\s*\|",  # WordPress "Better Feed" footer
        r"^Post tags\s*:",
        r"^This article appeared in the .{0,80} edition",
        r"^(相关链接|相關連結|延伸阅读|延伸閱讀)[:：]",
        r"^(标签|標籤|Tags?|关键字|關鍵字|关键词|關鍵詞)\s*[:：]?[\s,，、]*$",  # a tag list once its links are gone
        r"^(Powered by|Generated by) RSSHub",
        r"^手机上长按并复制",  # page-mirror share footer, should it slip into the body
        r"^原文地址[（(]",
        r"^©\s*\d{4}\b",  # a copyright line on its own
        r"^(版权所有|Copyright ©)",
        r"^本文所有内容受到著作权法保护",
    ),
)

PROFILES: tuple[SiteProfile, ...] = (
    # The featured image + caption precede NTD's body in div.featured_image.
    SiteProfile("ntd", ("ntdtv.com", "ntdtv.com.tw", "ntdtv.ca"), "Asia/Shanghai",
                drop=(".single_ad", ".print_link", ".post_related"),
                content=(".post_content", "[itemprop='articleBody']")),
    SiteProfile("epochtimes", ("epochtimes.com", "epochtimes.com.tw"), "America/New_York",
                drop=(".single_ad", "#related_posts"),
                content=("#artbody", ".post_content", "[itemprop='articleBody']")),
    SiteProfile("soh", ("soundofhope.org",), "America/New_York",
                drop=("[class*='AD_Embed']", "[class*='soh-embed']"),
                content=("[class*='Content__Wrapper']",),
                boilerplate=(r"^本文章或节目经希望之声",)),
    SiteProfile("secretchina", ("secretchina.com", "kanzhongguo.com"), "America/New_York",
                drop=("#hideid", "center", "[id^='txt-mid']", "[class*='article_right'] > div[id]:not(#nofree)"),
                content=(".article_right", "#content"),
                boilerplate=(r"^【诚征荣誉会员】",)),
    SiteProfile("rfa", ("rfa.org",), "America/New_York",
                drop=("#sharethis", ".sharetools", "#story_ad"),
                content=("#storytext",)),
    SiteProfile("voa", ("voachinese.com", "voanews.com"), "America/New_York",
                content=("#article-content", ".wsw")),
    SiteProfile("cna", ("cna.com.tw",), "Asia/Taipei",
                drop=(".articlekeywordGroup", ".moreArticle", ".bottomBox", "#TopNews", ".shareBar"),
                content=(".paragraph",),
                strip_text=(r"(?<=[）)])\s*\d{7}\s*$",)),  # the desk code after the editors: （編輯：…）1120204
    SiteProfile("zaobao", ("zaobao.com", "zaobao.com.sg"), "Asia/Singapore",
                drop=("#imu", "[id^='dfp-ad']", "#innity-in-post", ".cx_paywall_placeholder"),
                content=(".article-content-rawhtml", "#article-body")),
    SiteProfile("rfi", ("rfi.fr",), "Europe/Paris", title_suffix=r"\s*[–-]\s*法国国际广播电台\s*-\s*RFI$",
                drop=("[data-selfpromo-newsletter]", "[data-selfpromo-app]"),
                boilerplate=(r"^广告$", r"^\d{2}/\d{2}/\d{4} - \d{2}:\d{2}$")),
    SiteProfile("bbc", ("bbc.com", "bbc.co.uk"), "Europe/London", title_suffix=r"\s*-\s*BBC News 中文$"),
    SiteProfile("dw", ("dw.com",), "Europe/Berlin", title_suffix=r"\s*\|\s*DW\s*\|.*$",
                boilerplate=(r"^©\s*\d{4}\s*年?\s*德国之声", r"^德国之声致力于为您提供")),
    SiteProfile("nyt", ("cn.nytimes.com", "nytimes.com"), "Asia/Shanghai", title_suffix=r"\s*-\s*纽约时报中文网$"),
    SiteProfile("reuters", ("reuters.com",), "Asia/Shanghai", title_suffix=r"\s*\|\s*路透.*$",
                drop=("[class*='trustBadge']",)),
    SiteProfile("cdt", ("chinadigitaltimes.net",), "America/Los_Angeles",
                drop=("a[rel~='tag']",), boilerplate=(r"^(标签|Tags?)[:：]",)),
    SiteProfile("economist", ("economist.com",), "Europe/London"),
    SiteProfile("solidot", ("solidot.org",), "Asia/Shanghai"),
    SiteProfile("wqw", ("wqw2010.blogspot.com",), "Asia/Shanghai"),
)


def site_profile(url: str) -> SiteProfile | None:
    """The site's own profile for ``url`` (longest matching domain), or None."""
    return match_host(url, PROFILES)


@cache
def _merged(site: SiteProfile) -> SiteProfile:
    return SiteProfile(
        key=site.key, hosts=site.hosts, timezone=site.timezone, title_suffix=site.title_suffix,
        drop=GENERIC.drop + site.drop, content=site.content, strip_text=GENERIC.strip_text + site.strip_text,
        boilerplate=GENERIC.boilerplate + site.boilerplate,
    )


def profile_for(url: str) -> SiteProfile:
    """The generic rules merged with the rules of the site serving ``url`` (if it has any)."""
    site = site_profile(url)
    return _merged(site) if site else GENERIC
