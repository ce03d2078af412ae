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

from newsmirror.store.packed import inflate_json
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


def decode(blob: bytes) -> Comparison:
    try:
        values = inflate_json(blob)
        fields = dict(values)
        fields["shared"] = [_fact(f) for f in values["shared"]]
        fields["partial"] = [_fact(f) for f in values["partial"]]
        fields["unique"] = {outlet: [_fact(f) for f in facts] for outlet, facts in values["unique"].items()}
        return Comparison(**fields)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # UnreadablePacked is a ValueError
        raise UnreadableComparison(str(exc)) from exc
