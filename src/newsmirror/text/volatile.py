"""What changes on a page every time it is served without anybody editing the article.

Re-checking an article must not report an edit because a page-generation time, a view
counter, a "3 hours ago" or a tracking parameter in a link changed. Extraction already
drops ads and page chrome; this removes the volatile bits that survive inside the article
text, for the fingerprint that decides "edited", and strips tracking parameters from URLs.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_NUMBER = r"\d[\d,.]*\s*[万萬kK]?"
_STAMP = r"[\d][\d\s:：\-/.年月日时時分秒TZ+]*"

_VOLATILE_PATTERNS = [
    # "页面生成时间：2026-11-23 09:12:33", "本页生成于 ...", "Page generated at ...", "rendered in 0.02s"
    rf"(?:页面|頁面|本页|本頁|网页|網頁|页|頁)?(?:生成|产生|產生|渲染|更新)(?:时间|時間|于|於|在)\s*[:：]?\s*{_STAMP}",
    rf"\b(?:page\s+)?(?:generated|rendered|built|served|cached)\s+(?:at|on|in)\s*:?\s*{_STAMP}"
    r"(?:\s*(?:ms|s|sec|seconds|UTC|GMT))?",
    r"(?:耗时|耗時|用时|用時|执行时间|執行時間|查询时间|查詢時間)\s*[:：]?\s*[\d.]+\s*(?:毫秒|秒|ms|s)",
    r"\b(?:processed\s+in|in|took)\s+[\d.]+\s*(?:ms|milliseconds|s|sec|seconds)\b",
    r"\b\d+\s*(?:db\s+)?queries\b",
    # date widgets: "今天是2026年11月23日 星期一", "当前时间 09:12"
    rf"(?:今天是|今日|当前时间|當前時間|现在时间|現在時間|现在是|現在是)\s*[:：]?\s*{_STAMP}"
    r"(?:\s*(?:星期|周|週|礼拜|禮拜)[一二三四五六日天])?",
    r"current\s+time\s*:?\s*[\d][\d\s:\-/.TZ+]*",
    # counters: "阅读 1.2万", "閱讀數：345", "浏览次数: 12", "12,345 views", "评论(3)", "点赞 8"
    rf"(?:阅读|閱讀|浏览|瀏覽|点击|點擊|围观|圍觀|评论|評論|点赞|點讚|點贊|分享|收藏|转发|轉發|热度|熱度|人气|人氣)"
    rf"(?:数|數|量|次数|次數|人次)?\s*[:：(（]?\s*{_NUMBER}\s*[)）]?(?:次|人|条|條)?",
    rf"{_NUMBER}\s*(?:人|次)?(?:阅读|閱讀|浏览|瀏覽|围观|圍觀|看过|看過|点赞|點讚|条评论|條評論|人评论|人評論)",
    rf"{_NUMBER}\s*(?:views?|reads?|comments?|likes?|shares?)\b",
    # relative times: "3 小时前", "刚刚", "5 minutes ago"
    r"\d+\s*(?:秒|分钟|分鐘|小时|小時|天)前",
    r"\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b",
]
_VOLATILE = re.compile("|".join(f"(?:{p})" for p in _VOLATILE_PATTERNS), re.IGNORECASE)
_RESIDUE_NOISE = re.compile(r"[\W\d_]+", re.UNICODE)
_URL = re.compile(r"https?://[^\s<>\"'）)】」]+")

# Parameters that only say who shared or clicked a link, never which article it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref", "ref_src", "ref_url", "referer", "referrer",
    "cmpid", "ocid", "ito", "xtor", "s_cid", "spm", "scm", "from", "isappinstalled", "scene", "srcid",
    "sharer_sharetime", "sharer_shareid", "clicktime", "enterid", "share_token", "share_source", "share_medium",
    "sessionid", "tracking", "trk", "fromid", "wt.mc_id", "cb", "timestamp", "_", "rnd", "random", "nocache",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci", "wt.", "at_")


def strip_volatile(text: str) -> str:
    """The text without volatile bits, for fingerprints: counters, render times, relative
    times and tracking parameters are removed wherever they stand."""
    text = _URL.sub(lambda m: strip_tracking_params(m.group(0)), text)
    return _VOLATILE.sub("", text)


def drop_volatile_lines(text: str) -> str:
    """The text without lines that are nothing but volatile bits ("阅读 1234", "页面生成时间 ...").

    For stored text: a line with real words besides a counter is kept whole, so an article
    is never cut mid-sentence; only whole noise lines go.
    """
    kept = []
    for line in text.split("\n"):
        if _VOLATILE.search(line) and not _RESIDUE_NOISE.sub("", _VOLATILE.sub("", line)):
            continue
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def is_volatile_line(line: str) -> bool:
    return bool(_VOLATILE.search(line)) and not _RESIDUE_NOISE.sub("", _VOLATILE.sub("", line))


def strip_tracking_params(url: str) -> str:
    """The URL without utm_*, fbclid, spm, WeChat share parameters and cache busters; the
    rest of the query keeps its order, and a URL that fails to parse comes back unchanged."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query and not parts.fragment.startswith(("utm_", "xtor")):
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    fragment = "" if parts.fragment.startswith(("utm_", "xtor")) else parts.fragment
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept, doseq=True), fragment))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)
