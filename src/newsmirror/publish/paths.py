"""File names that are safe on every git host, file system and CDN."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime

from newsmirror.text.invisible import drop_format_characters

# Characters Windows, git hosts or URLs choke on; control characters too.
_UNSAFE = re.compile(r'[\\/:*?"<>|#%&{}$!\'@`=+\[\]\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
# Most file systems allow 255 bytes per name; leave room for a date prefix, a suffix and ".md.png".
MAX_NAME_BYTES = 180


def safe_filename(text: str, fallback: str = "untitled", max_bytes: int = MAX_NAME_BYTES, *,
                  keep_invisible: bool = False) -> str:
    """``text`` as one path segment: no separators, reserved or invisible characters, trimmed to ``max_bytes``.
    ``keep_invisible``: the name builds before session 52 gave (a published post keeps it: jekyll)."""
    text = unicodedata.normalize("NFC", text)
    if not keep_invisible:
        text = drop_format_characters(text)
    text = _UNSAFE.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" .-")
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        text = encoded[:max_bytes].decode("utf-8", errors="ignore").rstrip(" .-")
    return text or fallback


def slug(text: str, fallback: str = "none") -> str:
    """A path segment for URLs: like :func:`safe_filename`, with spaces as dashes."""
    return safe_filename(text, fallback=fallback, max_bytes=80).replace(" ", "-")


_HASH_SUFFIX = re.compile(r"-[0-9a-f]{8}$")


def _name_hash(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def unique_filename(name: str, fallback: str = "other", reserved: frozenset[str] = frozenset()) -> str:
    """A path segment for ``name`` that no other name maps to, the same in every build.

    When :func:`safe_filename` renders ``name`` faithfully the segment is that rendering;
    otherwise ("新唐人/", "国际:", a truncated or non-NFC name) a short hash of the exact name
    is appended, so "新唐人/" never lands in the folder of "新唐人". A faithful name that
    already ends like a hash suffix, or one in ``reserved``, gets a hash too, so no name can
    be chosen to take another's folder.
    """
    segment = safe_filename(name, fallback=fallback)
    if segment != name or _HASH_SUFFIX.search(name) or segment in reserved:
        segment = f"{segment}-{_name_hash(name)}"
    return segment


def unique_slug(name: str, fallback: str = "none", reserved: frozenset[str] = frozenset()) -> str:
    """Like :func:`unique_filename`, for URL segments (:func:`slug`: spaces as dashes)."""
    segment = slug(name, fallback=fallback)
    if segment != name or _HASH_SUFFIX.search(name) or segment in reserved:
        segment = f"{segment}-{_name_hash(name)}"
    return segment


def month_of(when: datetime | None) -> str:
    """``YYYY-MM`` of a publication date (UTC), or ``undated``."""
    return when.astimezone(UTC).strftime("%Y-%m") if when is not None else "undated"


def relative_prefix(path: str) -> str:
    """The ``../`` prefix that leads from the folder of ``path`` back to the output root."""
    return "../" * path.count("/")
