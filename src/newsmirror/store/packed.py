"""zlib'd JSON a store holds (an article's bodies, a story's comparison), read back within bounds.

A store may have been received from elsewhere (a mirror operator's copy), so what it holds is read as untrusted: a
decompression bomb (400 KB inflating to 400 MiB made one `newsmirror show` take 1.3 GB and 22 s) is refused before it
is inflated in full, and JSON nested past the parser's recursion (413 bytes of 200,000 nested arrays crashed `stories
show` and made the reader answer 500) is unreadable, not a traceback (safety73, review57). One reader for both kinds
of row, so that their bounds cannot drift apart.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from newsmirror.errors import StoreError

# What one stored value may inflate to. A body comes from a page the fetcher read (at most config.max_response_bytes,
# 10 MB by default, after decompression) or an archive file (at most 4 MiB by default), in four renderings; a
# 50-report story's comparison is a few MB: far below this. An operator may raise max_response_bytes past what four
# renderings fit in (~16 MB): such a page is refused when stored (``check_packable``), never stored unreadable.
MAX_INFLATED = 64 * 1024 * 1024
# What one stored value may hold, counted as its JSON's separators and openers (``,`` ``:`` ``[`` ``{``; those inside
# strings count too: the bound errs on the side of refusing). The byte bound alone left the parsed value unbounded: 65
# KB of zlib'd ``[[],[],…]`` inflated within 64 MiB to 22 million lists, 1.7 GB and 6-23 s a read (safety74). The
# largest comparison on this machine (a whole-archive store's biggest story, 2 MB of JSON) holds 172,337 and a body a
# few dozen; two million keep a read's objects within about 150 MB.
MAX_VALUES = 2_000_000


class BodyTooLarge(StoreError):
    """An article whose bodies pack to more than ``MAX_INFLATED``: refused when stored, since no read would take it."""


class UnreadablePacked(ValueError):
    """Stored bytes that are not zlib'd JSON within the bounds; the message reads after "a stored body"."""


def inflate_json(blob: bytes) -> Any:
    """The JSON value zlib-compressed in ``blob``, or ``UnreadablePacked`` (never inflated past ``MAX_INFLATED``)."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(blob, MAX_INFLATED + 1)
    except zlib.error as exc:
        raise UnreadablePacked(f"is not a zlib stream ({exc})") from None
    if len(data) > MAX_INFLATED:
        raise UnreadablePacked(f"inflates to more than {MAX_INFLATED // (1024 * 1024)} MiB")
    if not inflater.eof:
        raise UnreadablePacked("is cut short (an incomplete zlib stream)")
    if _value_marks(data) > MAX_VALUES:
        raise UnreadablePacked(f"holds more than {MAX_VALUES:,} JSON values")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UnreadablePacked(f"is not the JSON newsmirror writes ({type(exc).__name__})") from None


def _value_marks(data: bytes) -> int:
    """``MAX_VALUES``' count: the JSON's separators and openers, those inside strings included."""
    return sum(data.count(mark) for mark in b",:[{")


def check_packable(data: bytes, what: str) -> None:
    """Raise ``BodyTooLarge`` when ``data`` (the JSON to be packed) is more than ``inflate_json`` reads back, by
    either of its bounds: a store that wrote it would then refuse every read of it (`show`, the reader, a build)."""
    if len(data) > MAX_INFLATED:
        raise BodyTooLarge(f"{what}: its text in all its renderings takes {len(data) / 2**20:.1f} MiB, more than the "
                           f"{MAX_INFLATED // 2**20} MiB a stored body may hold: not stored (a page this large is "
                           "rarely one article; [fetch] max_response_bytes bounds what is fetched)")
    # The separators are counted inside strings too: 1.4 MB of a page's text of figures (``1,2,3,``...), in three
    # renderings, passed the byte bound and was stored, and every read of it failed after (review58).
    if (marks := _value_marks(data)) > MAX_VALUES:
        raise BodyTooLarge(f"{what}: its text in all its renderings holds {marks:,} commas, colons and brackets, more "
                           f"than the {MAX_VALUES:,} a stored body may hold: not stored (a page of that many figures "
                           "is rarely one article)")
