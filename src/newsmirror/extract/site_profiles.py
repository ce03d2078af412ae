"""Per-site newsroom facts the metadata readers need (the cleaning rules live in .profiles).

A profile says which time zone an outlet's datelines and bare dates are written in — NTD's
``【新唐人北京时间…】`` is Beijing time, Epoch Times' ``【大纪元2020年10月16日讯】`` is New York's
day, CNA's ``（中央社台北4日電）`` is Taipei's — and what the site appends to its page titles.
No profile holds per-article rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class SiteProfile:
    key: str
    hosts: tuple[str, ...]  # registrable domains; subdomains match too
    timezone: str  # the newsroom's IANA zone: datelines without a zone are read in it
    title_suffix: str = ""  # regex stripped from the end of page titles


PROFILES: tuple[SiteProfile, ...] = (
    SiteProfile("ntd", ("ntdtv.com", "ntdtv.com.tw", "ntdtv.ca"), "Asia/Shanghai"),
    SiteProfile("epochtimes", ("epochtimes.com", "epochtimes.com.tw"), "America/New_York"),
    SiteProfile("soh", ("soundofhope.org",), "America/New_York"),
    SiteProfile("secretchina", ("secretchina.com", "kanzhongguo.com"), "America/New_York"),
    SiteProfile("rfa", ("rfa.org",), "America/New_York"),
    SiteProfile("voa", ("voachinese.com", "voanews.com"), "America/New_York"),
    SiteProfile("cna", ("cna.com.tw",), "Asia/Taipei"),
    SiteProfile("zaobao", ("zaobao.com", "zaobao.com.sg"), "Asia/Singapore"),
    SiteProfile("rfi", ("rfi.fr",), "Europe/Paris", title_suffix=r"\s*[–-]\s*法国国际广播电台\s*-\s*RFI$"),
    SiteProfile("bbc", ("bbc.com", "bbc.co.uk"), "Europe/London", title_suffix=r"\s*-\s*BBC News 中文$"),
    SiteProfile("dw", ("dw.com",), "Europe/Berlin", title_suffix=r"\s*\|\s*DW\s*\|.*$"),
    SiteProfile("nyt", ("cn.nytimes.com", "nytimes.com"), "Asia/Shanghai", title_suffix=r"\s*-\s*纽约时报中文网$"),
    SiteProfile("reuters", ("reuters.com",), "Asia/Shanghai", title_suffix=r"\s*\|\s*路透.*$"),
    SiteProfile("cdt", ("chinadigitaltimes.net",), "America/Los_Angeles"),
    SiteProfile("economist", ("economist.com",), "Europe/London"),
    SiteProfile("solidot", ("solidot.org",), "Asia/Shanghai"),
    SiteProfile("wqw", ("wqw2010.blogspot.com",), "Asia/Shanghai"),
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
