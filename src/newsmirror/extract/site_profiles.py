"""Declarative per-site profiles: what the generic pass needs to know about an outlet.

A profile never holds per-article rules. It says which newsroom time zone the outlet's
datelines are written in, where dates hide in its URLs, which elements are site furniture
(CSS selectors), which paragraphs are boilerplate, and which paragraph ends the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class SiteProfile:
    key: str
    outlet: str  # display name
    hosts: tuple[str, ...]  # registrable domains; subdomains match too
    timezone: str = "UTC"  # the newsroom's zone: datelines without a zone are read in it
    drop_selectors: tuple[str, ...] = ()  # elements removed before reading the body
    drop_paragraphs: tuple[str, ...] = ()  # regexes: a matching paragraph is left out
    stop_paragraphs: tuple[str, ...] = ()  # regexes: a matching paragraph and all after it are left out
    end_after: tuple[str, ...] = ()  # regexes: the last matching paragraph is the article's last one
    title_suffix: str = ""  # regex stripped from the end of titles ("– 法国国际广播电台 - RFI")
    url_dates: tuple[str, ...] = ()  # regexes with named groups y (or yy), m, d
    compiled: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict, compare=False, repr=False)

    def patterns(self, name: str) -> tuple[re.Pattern[str], ...]:
        if name not in self.compiled:
            self.compiled[name] = tuple(re.compile(p) for p in getattr(self, name))
        return self.compiled[name]


# Boilerplate of the containers and platforms every outlet passes through (feedx.net feeds,
# WordPress feed plugins, the gfw-breaker page mirrors); applies to every page.
GENERIC = SiteProfile(
    key="generic",
    outlet="",
    hosts=(),
    drop_selectors=(
        "script", "style", "noscript", "iframe", "form", "button", "svg", "ins",
        "[id^=dfp-ad]", "[id*=-ad-]", "[class*=paywall]", "[data-selfpromo-newsletter]", "[data-selfpromo-app]",
    ),  # fmt: skip
    drop_paragraphs=(
        r"^©",  # copyright lines
        r"^Copyright ©",
        r"^Feed enhanced by",
        r"^Post tags:",
        r"del\.icio\.us$",
        r"^(广告|廣告)$",
        r"^(💥|🎬|🔥|💌)",  # page-mirror promo links that slipped into the article block
    ),
    stop_paragraphs=(
        r"^获取更多RSS",  # feedx.net footer
        r"^The post .{1,200} appeared first on",  # WordPress feed footer
        r"^手机上长按并复制下列链接",  # page-mirror share trailer
    ),
)

PROFILES: tuple[SiteProfile, ...] = (
    SiteProfile(
        "ntd", "新唐人", ("ntdtv.com", "ntdtv.com.tw", "ntdtv.ca"), "Asia/Shanghai",
        stop_paragraphs=(r"^相关链接[：:]", r"^點閱【", r"^点阅【"),
    ),
    SiteProfile(
        "epochtimes", "大纪元", ("epochtimes.com", "epochtimes.com.tw"), "America/New_York",
        stop_paragraphs=(r"^点阅【", r"^點閱【"),
        url_dates=(r"/gb/(?P<yy>\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/", r"/b5/(?P<yy>\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    ),
    SiteProfile(
        "soh", "希望之声", ("soundofhope.org",), "America/New_York",
        drop_paragraphs=(r"^本文章或节目经希望之声编辑制作", r"^本文章或節目經希望之聲編輯製作"),
    ),
    SiteProfile(
        "secretchina", "看中国", ("secretchina.com", "kanzhongguo.com"), "America/New_York",
        stop_paragraphs=(r"^【诚征荣誉会员】", r"^【誠徵榮譽會員】", r"^本文为荣誉会员专刊内容"),
    ),
    SiteProfile(
        "rfa", "自由亚洲电台", ("rfa.org",), "America/New_York",
        url_dates=(r"-(?P<m>\d{2})(?P<d>\d{2})(?P<y>\d{4})\d{6}\.html",),
    ),
    SiteProfile("voa", "美国之音", ("voachinese.com", "voanews.com"), "America/New_York"),
    SiteProfile(
        "cna", "中央社", ("cna.com.tw",), "Asia/Taipei",
        drop_selectors=(".articlekeywordGroup", ".moreArticle", ".bottomBox", ".topNews", ".paragraph.moreArticle"),
        end_after=(r"[（(]編輯[：:][^）)]+[）)]\s*\d*$",),
        url_dates=(r"/news/\w+/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})\d{4}\.aspx",),
    ),
    SiteProfile("zaobao", "联合早报", ("zaobao.com", "zaobao.com.sg"), "Asia/Singapore"),
    SiteProfile(
        "rfi", "法广", ("rfi.fr",), "Europe/Paris",
        drop_paragraphs=(r"^继续浏览后续$", r"^繼續瀏覽後續$"),
        title_suffix=r"\s*[–-]\s*法国国际广播电台\s*-\s*RFI$",
    ),
    SiteProfile("bbc", "BBC中文", ("bbc.com", "bbc.co.uk"), "Europe/London", title_suffix=r"\s*-\s*BBC News 中文$"),
    SiteProfile("dw", "德国之声", ("dw.com",), "Europe/Berlin"),
    SiteProfile(
        "nyt", "纽约时报中文网", ("cn.nytimes.com", "nytimes.com"), "Asia/Shanghai",
        drop_paragraphs=(r"^点击查看本文英文版", r"^點擊查看本文英文版"),
        url_dates=(r"/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})/",),
    ),
    SiteProfile(
        "reuters", "路透", ("reuters.com",), "Asia/Shanghai",
        drop_paragraphs=(r"^我们的标准：汤森路透", r"^參看詳情|^参看详情"),
    ),
    SiteProfile(
        "cdt", "中国数字时代", ("chinadigitaltimes.net",), "America/Los_Angeles",
        drop_paragraphs=(r"^(全文|阅读全文|全文阅读)$",),
    ),
    SiteProfile("economist", "经济学人", ("economist.com",), "Europe/London"),
    SiteProfile("solidot", "Solidot", ("solidot.org",), "Asia/Shanghai"),
    SiteProfile("wqw", "维权网", ("wqw2010.blogspot.com",), "Asia/Shanghai"),
)


def _host(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


@cache
def profile_for_url(url: str) -> SiteProfile | None:
    """The profile of the site serving ``url`` (longest matching domain), or None."""
    host = _host(url)
    best: tuple[int, SiteProfile] | None = None
    for profile in PROFILES:
        for domain in profile.hosts:
            if (host == domain or host.endswith("." + domain)) and (best is None or len(domain) > best[0]):
                best = (len(domain), profile)
    return best[1] if best else None
