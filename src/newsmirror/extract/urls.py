"""Canonical URLs: the same article reached with tracking parameters is the same article."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_")
_TRACKING_NAMES = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "spm", "from", "ref",
                   "ref_src", "share", "s_src", "cmpid", "ocid", "ito", "sh", "_ga"}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.port and not ((parts.scheme == "http" and parts.port == 80)
                           or (parts.scheme == "https" and parts.port == 443)):
        netloc = f"{host}:{parts.port}"
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
             if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_NAMES]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query, doseq=True), ""))


# An absolute address written right after a scheme and host, by a writer that prefixed the site's host to a link
# that was already absolute: "https://www.economist.comhttps://itunes.apple.com/…" (the waimei archive's 经济学人
# posts), "http://https://github.com/…". The host part is no address of anything (its host would be
# "www.economist.comhttps"); the embedded address is the link. Only a bare host (letters, digits, dots, hyphens)
# stands before it: an address that carries another in its path or query ("…/web/2020/https://…",
# "https://nei.st?source=https://…") is left alone.
_JOINED_TO_HOST = re.compile(r"^\s*https?://[a-z0-9.-]*(?=https?://)", re.I)


def unjoined_address(value: str) -> str:
    """``value`` without a scheme and host joined in front of the absolute address it holds (see
    ``_JOINED_TO_HOST``); any other value unchanged."""
    while (joined := _JOINED_TO_HOST.match(value)) is not None:
        value = value[joined.end():]
    return value
