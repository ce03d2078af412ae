"""Which outlet published a URL: the one table every stage uses to name outlets.

Foundation module (imports no stage). Names are the outlets' own Chinese display names,
so the same outlet read from a page mirror, a Jekyll archive or its live feed gets one name.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str  # display name, e.g. "新唐人"
    english: str
    hosts: tuple[str, ...]  # registrable domains; subdomains match too
    mirror_prefix: str = ""  # one-letter channel prefix used by the page-mirror indexes (names.csv)


OUTLETS: tuple[Outlet, ...] = (
    Outlet("新唐人", "NTD", ("ntdtv.com", "ntdtv.com.tw", "ntdtv.ca"), "N"),
    Outlet("大纪元", "The Epoch Times", ("epochtimes.com", "epochtimes.com.tw", "epochweekly.com"), "E"),
    Outlet("希望之声", "Sound of Hope", ("soundofhope.org",), "H"),
    Outlet("看中国", "Secret China", ("secretchina.com", "kanzhongguo.com"), "S"),
    Outlet("自由亚洲电台", "Radio Free Asia", ("rfa.org",), "R"),
    Outlet("美国之音", "Voice of America", ("voachinese.com", "voanews.com")),
    Outlet("中央社", "Central News Agency", ("cna.com.tw",)),
    Outlet("联合早报", "Lianhe Zaobao", ("zaobao.com", "zaobao.com.sg")),
    Outlet("法广", "RFI", ("rfi.fr",)),
    Outlet("BBC中文", "BBC News Chinese", ("bbc.com", "bbc.co.uk")),
    Outlet("德国之声", "Deutsche Welle", ("dw.com",)),
    Outlet("纽约时报中文网", "The New York Times Chinese", ("cn.nytimes.com", "nytimes.com")),
    Outlet("路透", "Reuters", ("reuters.com",)),
    Outlet("中国数字时代", "China Digital Times", ("chinadigitaltimes.net",)),
    Outlet("经济学人", "The Economist", ("economist.com",)),
    Outlet("Solidot", "Solidot", ("solidot.org",)),
    Outlet("维权网", "Civil Rights & Livelihood Watch", ("wqw2010.blogspot.com",)),
    Outlet("新闻联播", "CCTV Xinwen Lianbo", ("govopendata.com",)),
    Outlet("端传媒", "Initium Media", ("theinitium.com",)),
    Outlet("联合新闻网", "United Daily News", ("udn.com",)),
    Outlet("多维新闻", "DW News (Duowei)", ("dwnews.com",)),
    Outlet("香港01", "HK01", ("hk01.com",)),
    Outlet("明报", "Ming Pao", ("mingpao.com",)),
    Outlet("自由时报", "Liberty Times", ("ltn.com.tw",)),
    Outlet("苹果日报", "Apple Daily", ("appledaily.com",)),
)

# Names archives use for an outlet (feed titles, Jekyll `author`/`categories`) -> display name.
_ALIASES: dict[str, str] = {
    "(臺)中央社cna": "中央社", "中央社cna": "中央社", "中央社": "中央社", "cna": "中央社",
    "bbc": "BBC中文", "bbc中文": "BBC中文", "rfi": "法广", "法国国际广播电台": "法广",
    "voa": "美国之音", "dw": "德国之声", "纽约时报": "纽约时报中文网", "经济学人en": "经济学人",
    "cctv新闻联播": "新闻联播", "ntd": "新唐人", "新唐人电视台": "新唐人", "大纪元时报": "大纪元",
    "希望之声soh": "希望之声", "看中国新闻网": "看中国", "大纪元新闻网": "大纪元",
}

_BY_PREFIX = {outlet.mirror_prefix: outlet for outlet in OUTLETS if outlet.mirror_prefix}


def _host(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".")


def outlet_for_url(url: str) -> Outlet | None:
    """The outlet whose host (or a parent domain of it) serves ``url``; longest match wins."""
    host = _host(url)
    if not host:
        return None
    best: tuple[int, Outlet] | None = None
    for outlet in OUTLETS:
        for domain in outlet.hosts:
            if (host == domain or host.endswith("." + domain)) and (best is None or len(domain) > best[0]):
                best = (len(domain), outlet)
    return best[1] if best else None


def outlet_for_mirror_prefix(letter: str) -> Outlet | None:
    """The outlet a page-mirror channel prefix stands for ("N大陆新闻" -> 新唐人)."""
    return _BY_PREFIX.get(letter)


def normalize_outlet_name(name: str) -> str:
    """Map an archive's name for an outlet to the display name; unknown names pass through trimmed."""
    cleaned = name.strip()
    for outlet in OUTLETS:
        if cleaned == outlet.name:
            return cleaned
    return _ALIASES.get(cleaned.lower().replace(" ", ""), cleaned)


def split_mirror_channel(display: str) -> tuple[Outlet | None, str]:
    """Split a names.csv display name like "N大陆新闻" into (outlet, "大陆新闻").

    Names without a known one-letter prefix ("热点新闻", "_编辑推荐文章") keep their text.
    """
    text = display.strip()
    if len(text) > 1 and text[0].isascii() and text[0].isupper():
        outlet = outlet_for_mirror_prefix(text[0])
        if outlet is not None:
            return outlet, text[1:]
    return None, text.lstrip("_")
