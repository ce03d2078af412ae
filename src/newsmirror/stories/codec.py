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

from newsmirror.model import clean_line, clean_text
from newsmirror.store.packed import inflate_json
from newsmirror.stories.bounds import MAX_CELLS, MAX_DETAIL_ENTRIES, MAX_STORY_CHARS, MAX_STORY_UNITS
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


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check(comparison: Comparison) -> None:
    """Raise ValueError unless ``comparison`` holds what ``compare_story`` gives, of the types it gives and within
    ``stories.bounds``: a store received from elsewhere may hold any JSON of our layout. A unit's text that is a
    number made the story page and the API answer 500, `stories show` end in a traceback and the whole build
    fail; a comparison of 1,000 outlets and 1,000 facts (10 KB stored) made a 65 MB page (safety75)."""
    if not isinstance(comparison.story_id, str) or not _texts(comparison.outlets):
        raise ValueError("its story id or outlets are not texts")
    if not isinstance(comparison.shared, list) or not isinstance(comparison.partial, list) or not isinstance(
            comparison.unique, dict) or not all(isinstance(facts, list) for facts in comparison.unique.values()):
        raise ValueError("its facts are not lists")
    outlets = set(comparison.outlets)
    facts = comparison.facts()
    units = chars = entries = 0
    distinct: set[tuple[str, int]] = set()  # (article, index): a unit shown in two facts is one unit read
    for fact in facts:
        if not isinstance(fact, Fact) or not isinstance(fact.sentences, list) or not fact.sentences:
            raise ValueError("a fact holds no unit")
        for ref in fact.sentences:
            if not (isinstance(ref, SentenceRef) and isinstance(ref.article_id, str) and isinstance(ref.text, str)
                    and isinstance(ref.index, int) and not isinstance(ref.index, bool) and isinstance(ref.outlet, str)
                    and ref.outlet in outlets):
                raise ValueError("a unit is not a unit of the compared outlets")
            chars += len(ref.text)
            distinct.add((ref.article_id, ref.index))
        units += len(fact.sentences)
        details, spellings = fact.details, fact.spellings
        if not isinstance(details, dict) or not all(_texts(givers) for givers in details.values()):
            raise ValueError("a fact's details are not names and outlets")
        if not isinstance(spellings, dict) or not all(
                isinstance(forms, dict) and all(isinstance(form, str) for form in forms.values())
                for forms in spellings.values()):
            raise ValueError("a fact's spellings are not names and forms")
        entries += sum(1 + len(givers) for givers in details.values())
        entries += sum(1 + len(forms) for forms in spellings.values())
        chars += sum(map(len, details)) + sum(map(len, spellings))
        chars += sum(len(form) for forms in spellings.values() for form in forms.values())
    if not _texts(comparison.read_in_part) or len(comparison.read_in_part) > MAX_STORY_UNITS:
        raise ValueError("its reports read in part are not a list of report ids")
    captions = comparison.captions
    if not isinstance(captions, dict) or not all(
            isinstance(report, str) and isinstance(indexes, list)
            and all(isinstance(i, int) and not isinstance(i, bool) for i in indexes)
            for report, indexes in captions.items()) or sum(map(len, captions.values())) > MAX_STORY_UNITS \
            or len(captions) > MAX_STORY_UNITS:
        raise ValueError("its caption units are not report ids and unit indexes")
    # Its report ids bounded too, not only their indexes (review61): a received comparison held any number of ids
    # with empty lists, up to inflate_json's MAX_VALUES, and ids of any length, read and kept at every read.
    chars += sum(map(len, captions))
    if not set(comparison.unique) <= outlets or len(outlets) != len(comparison.outlets):
        raise ValueError("its outlets do not match its columns")
    # The units read are bounded (``unit_budget``), the units shown are not quite: a statement packing two facts is
    # shown in both (``compare._Linker.second_facts``), so a story cut to its budget held more and was refused at every
    # read, computed again each time (review59). Twice the bound for what is shown still bounds a received page.
    read = len(distinct)
    if read > MAX_STORY_UNITS or read * len(outlets) > MAX_CELLS or len(outlets) > MAX_CELLS:
        raise ValueError(f"it holds {read:,} units of {len(outlets):,} outlets, more than a comparison reads")
    if units > 2 * MAX_STORY_UNITS or units * len(outlets) > 2 * MAX_CELLS:
        raise ValueError(f"it shows {units:,} units of {len(outlets):,} outlets, more than a comparison gives")
    if chars > 2 * MAX_STORY_CHARS or entries > MAX_DETAIL_ENTRIES:
        raise ValueError(f"it holds {chars:,} characters and {entries:,} details, more than a comparison gives")


def _unit_text(text: str) -> str:
    """A unit as ``compare_story`` gives one: a sentence of a body (``Article.body_text``, ``clean_text``) on one line
    (``split_paragraphs`` reads lines); its bidirectional controls kept, as a body keeps them."""
    return " ".join(clean_text(text).splitlines())


def _cleaned(comparison: Comparison) -> Comparison:
    """The comparison's texts as the model cleans what they come from (names ``clean_line``, units ``_unit_text``): a
    received store's comparison held ESC/OSC sequences, bidi overrides and line breaks where ours hold none, and the
    reader's and the site's story pages, the API and `stories show` gave them out as stored (safety75)."""

    def fact(values: Fact) -> Fact:
        return Fact(
            [SentenceRef(clean_line(r.article_id), clean_line(r.outlet), r.index, _unit_text(r.text))
             for r in values.sentences],
            {clean_line(term): [clean_line(o) for o in givers] for term, givers in values.details.items()},
            {clean_line(term): {clean_line(o): clean_line(form) for o, form in forms.items()}
             for term, forms in values.spellings.items()})

    return Comparison(story_id=clean_line(comparison.story_id), outlets=[clean_line(o) for o in comparison.outlets],
                      shared=[fact(f) for f in comparison.shared], partial=[fact(f) for f in comparison.partial],
                      unique={clean_line(o): [fact(f) for f in facts] for o, facts in comparison.unique.items()},
                      read_in_part=[clean_line(i) for i in comparison.read_in_part],
                      captions={clean_line(report): list(indexes) for report, indexes in comparison.captions.items()})


def decode(blob: bytes) -> Comparison:
    """The comparison ``encode`` stored, or ``UnreadableComparison`` (then it is computed again, as a stale one):
    of another layout, of values of other types or past ``stories.bounds`` (``_check``)."""
    try:
        values = inflate_json(blob)
        fields = dict(values)
        fields["shared"] = [_fact(f) for f in values["shared"]]
        fields["partial"] = [_fact(f) for f in values["partial"]]
        fields["unique"] = {outlet: [_fact(f) for f in facts] for outlet, facts in values["unique"].items()}
        comparison = Comparison(**fields)
        _check(comparison)  # the types first: cleaning reads texts
        comparison = _cleaned(comparison)
        _check(comparison)  # two names cleaned alike are no longer two columns
        return comparison
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # UnreadablePacked is a ValueError
        raise UnreadableComparison(str(exc)) from exc
