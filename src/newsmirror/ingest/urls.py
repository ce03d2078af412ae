"""Canonical article URLs: the same article reached through different links gets one key."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say how a reader arrived, not what they read.
_TRACKING_PREFIXES = ("utm_", "at_", "mtm_", "pk_", "__twitter")
_TRACKING_NAMES = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "spm", "ref", "ref_src", "ref_url", "cmpid", "ocid", "xtor", "share", "share_token",
    "rss", "feature", "s_cid", "wt.mc_id", "wt_mc_id", "mkt_tok", "smid", "sharetype", "dicbo",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters.

    Path and the order of the remaining parameters are kept: some sites route on them.
    """
    url = url.strip()
    if not url:
        return url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking_parameter(k)]
    # Untouched when nothing is removed: re-encoding could change an escape the site relies on.
    query = parts.query if len(kept) == len(pairs) else urlencode(kept, doseq=True)
    path = parts.path or ("/" if host else "")
    return urlunsplit((scheme, host, path, query, ""))
