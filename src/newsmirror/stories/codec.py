"""A Comparison as bytes for the store (zlib'd JSON) and back.

The layout follows the dataclasses themselves (their field names), so a field added to
``Comparison``, ``Fact`` or ``SentenceRef`` is carried without touching this module;
``LAYOUT`` changes with the field names, and stored comparisons of another layout are stale
(their fingerprint includes it) rather than misread.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from typing import Any

from newsmirror.stories.comparison import Comparison, Fact, SentenceRef

FORMAT = "1"  # bump when the encoding below changes


def _names(cls: type) -> str:
    return ",".join(f.name for f in dataclasses.fields(cls))


LAYOUT = f"{FORMAT}:{_names(Comparison)};{_names(Fact)};{_names(SentenceRef)}"


class UnreadableComparison(ValueError):
    """Stored bytes that are not a comparison of this layout (compute it again)."""


def encode(comparison: Comparison) -> bytes:
    data = json.dumps(dataclasses.asdict(comparison), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(data.encode("utf-8"), 6)


def _fact(values: dict[str, Any]) -> Fact:
    fields = dict(values)
    fields["sentences"] = [SentenceRef(**s) for s in values["sentences"]]
    return Fact(**fields)


# What a stored comparison may inflate to: a 50-report story's is a few MB. A store received from elsewhere may hold a
# decompression bomb or JSON nested deep enough to exhaust the parser's recursion (a 413-byte blob of 200,000 nested
# arrays crashed `stories show` and made the reader answer 500: safety73); either is unreadable, never inflated in
# full (the store bounds its bodies the same way, ``store.sqlite.MAX_UNPACKED_BODIES``).
MAX_INFLATED = 64 * 1024 * 1024


def _inflate(blob: bytes) -> bytes:
    inflater = zlib.decompressobj()
    data = inflater.decompress(blob, MAX_INFLATED + 1)
    if len(data) > MAX_INFLATED:
        raise UnreadableComparison(f"inflates to more than {MAX_INFLATED // (1024 * 1024)} MiB")
    if not inflater.eof:
        raise UnreadableComparison("incomplete or truncated stream")
    return data


def decode(blob: bytes) -> Comparison:
    try:
        values = json.loads(_inflate(blob).decode("utf-8"))
        fields = dict(values)
        fields["shared"] = [_fact(f) for f in values["shared"]]
        fields["partial"] = [_fact(f) for f in values["partial"]]
        fields["unique"] = {outlet: [_fact(f) for f in facts] for outlet, facts in values["unique"].items()}
        return Comparison(**fields)
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UnreadableComparison(str(exc)) from exc
