"""Turn response bytes into text for Chinese news sites.

Servers often lie: a GBK page sent as `text/html; charset=utf-8`, a UTF-8 feed sent as
ISO-8859-1 (the HTTP/1.1 default some servers still add). The order below trusts what cannot
be accidental first: a byte-order mark, then bytes that are valid UTF-8 (GBK or Big5 text of
any length is almost never valid UTF-8 by chance), then the declared charsets if the bytes
decode cleanly under them, then charset-normalizer's statistical guess.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Decode with the superset of what was declared: GB2312/GBK pages routinely contain GB18030-only
# characters (rare names), and Big5 pages Hong Kong supplement characters.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cp950": "big5hkscs", "x-x-big5": "big5hkscs",
}
# Charsets that are often sent by default rather than chosen; they decode anything, so they say little.
_WEAK = {codecs.lookup(name).name for name in ("iso-8859-1", "us-ascii", "windows-1252")}
_CANDIDATES = ["utf_8", "gb18030", "big5hkscs"]

_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def normalize_charset(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*([^;\s]+)", content_type, re.IGNORECASE)
    return normalize_charset(match.group(1)) if match else None


def declared_in_document(content: bytes) -> str | None:
    """The XML declaration's or an HTML <meta>'s charset, from the first 4 KB."""
    head = content[:4096]
    match = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    return normalize_charset(match.group(1).decode("ascii")) if match else None


def _decodes(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def detect_and_decode(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Never raises: the last resort is UTF-8 with replacement characters."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content.decode(encoding, errors="replace"), encoding
    if content.isascii():
        return content.decode("ascii"), "ascii"
    text = _decodes(content, "utf-8")
    if text is not None:
        return text, "utf-8"
    header = charset_from_content_type(content_type)
    for declared in (header, declared_in_document(content)):
        if declared and declared not in _WEAK and declared != "utf-8":
            text = _decodes(content, declared)
            if text is not None:
                return text, declared
    guess = from_bytes(content, cp_isolation=_CANDIDATES).best()
    if guess is not None:
        encoding = normalize_charset(guess.encoding) or guess.encoding
        return content.decode(encoding, errors="replace"), encoding
    return content.decode("utf-8", errors="replace"), "utf-8"
