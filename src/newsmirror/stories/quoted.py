"""The rest of a quotation a fact's unit leaves open, for display only.

A long sentence is compared clause by clause (``text.sentences.split_clauses``), so a quotation of two or more clauses
gives a unit that opens it and stops at a comma inside it (他称：“我们的领导人和我们的公民越来越清楚地看到，). Shown
alone as a fact, that is a dangling clause. Keeping the quotation whole in the comparison itself was tried and refused
(session 43, quote43: it moved the only-X claims, samples false 17 -> 21). So the comparison keeps its units and the
outputs (the reader's and the static site's story pages, ``stories show``) show, after such a unit, the rest of the
quotation from the same report's text, marked as context: no link, claim or stored comparison changes.

A summary's line shows one unit alone, and a clause cut from a long sentence ended there on its comma (美中关系不断
恶化，全球COVID-19新型冠状病毒疫情仍未得到遏止之际，: session 55, polish75). Such a unit is followed, on a summary's
line only, by the rest of its sentence from the same report (``sentence_rest``), marked as the quotation's rest is;
the grid keeps its units as they are (a fact's cells, the lists of what one outlet alone says).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from newsmirror.stories.comparison import Comparison, SentenceRef
from newsmirror.stories.summary import summarize
from newsmirror.text.sentences import runs_on, split_sentences

OPENING, CLOSING = "“「『", "”」』"  # curly and corner quotes; a straight " neither opens nor closes visibly
REST_CHARS = 100  # at most this much of the rest is shown (quote43's census: 455 of 472 rests within 100), then …
_SENTENCE_END = "。！？!?；;…"
_TERMINAL = "。！？!?"


def quotation_rest(unit: str, report: str, limit: int = REST_CHARS) -> str:
    """What follows ``unit`` in ``report`` up to the close of the quotation the unit leaves open (its closing mark
    and a full stop right after it included), or to the end of the unit's sentence if the quotation runs on; ""
    when the unit leaves no quotation open, ends its sentence, or is not found in the report's text. Longer than
    ``limit`` characters, it is cut there and ends with "…"."""
    depth = sum(unit.count(c) for c in OPENING) - sum(unit.count(c) for c in CLOSING)
    stripped = unit.rstrip("".join(CLOSING) + "\"'）)] ")
    if depth <= 0 or not stripped or stripped[-1] in _SENTENCE_END:
        return ""
    rest = _after_in_sentence(unit, report)
    for i, char in enumerate(rest):
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth -= 1
            if depth == 0:
                close = i + 1
                while close < len(rest) and rest[close] in _TERMINAL:
                    close += 1
                rest = rest[:close]
                break
    return _cut(rest, limit)


def sentence_rest(unit: str, report: str, limit: int = REST_CHARS) -> str:
    """What follows ``unit`` in ``report`` to the end of the unit's sentence, when the unit stops inside it (a
    clause cut at a comma: ``text.sentences.runs_on``); "" when the unit ends its sentence, its paragraph ends
    there, or it is not found in the report's text. Longer than ``limit`` characters, it is cut there and ends
    with "…"."""
    return _cut(_after_in_sentence(unit, report), limit) if runs_on(unit) else ""


def _after_in_sentence(unit: str, report: str) -> str:
    """What follows ``unit``'s first occurrence in ``report`` to the end of its sentence, within its paragraph: ""
    when the unit is not in the report or ends its paragraph (the one reading of both rests)."""
    at = report.find(unit)
    if at < 0:
        return ""
    start = at + len(unit)
    end = report.find("\n", start)
    sentences = split_sentences(report[start:] if end < 0 else report[start:end], min_chars=1)
    return sentences[0] if sentences else ""


def _cut(rest: str, limit: int) -> str:
    return rest if len(rest) <= limit else rest[:limit].rstrip() + "…"


def _summary_units(comparison: Comparison) -> list[SentenceRef]:
    """The units a summary's lines may show alone (``summarize`` with its defaults, the most any output shows: the
    pages show fewer of each outlet's own facts, the first of the same ranking)."""
    summary = summarize(comparison)
    return [*(fact.sentences[0] for fact in summary.common),
            *(ref for facts in summary.own.values() for fact in facts for ref in fact.sentences)]


class Rests(dict[tuple[str, int], str]):
    """(article id, unit index) -> the rest of the quotation the unit leaves open, where the unit is shown in a list
    (a fact's cells, an outlet's own facts) without its next unit right after it. ``every``: the rest of every unit
    that leaves a quotation open, and of every unit a summary's line shows that stops inside its sentence
    (``sentence_rest``), for a line showing the unit alone (a summary's). ``units``: the shown texts of those
    units: a page tests each unit's text against it before it looks its rest up (a look-up for every unit cost a story
    page up to a fifth of its time)."""

    units: frozenset[str] = frozenset()
    every: dict[tuple[str, int], str]

    def __init__(self, rests: Mapping[tuple[str, int], str] | None = None) -> None:
        super().__init__(rests or {})
        self.every = {}

    def fill(self, other: Rests) -> None:
        """Take ``other``'s rests, ``every`` and ``units`` (a story view's Rests exists before its comparison runs)."""
        self.clear()
        self.update(other)
        self.every = dict(other.every)
        self.units = other.units

    def converted(self, convert: Callable[[str], str]) -> Rests:
        """The rests and their units' texts in an output script, as the comparison's sentences are converted."""
        out = Rests({key: convert(rest) for key, rest in self.items()})
        out.every = {key: convert(rest) for key, rest in self.every.items()}
        out.units = frozenset(convert(text) for text in self.units)
        return out


def quotation_rests(comparison: Comparison | None, texts: Mapping[str, str]) -> Rests:
    """The rest of the quotation each shown unit of the comparison leaves open (``quotation_rest``), for the units
    whose report's text ``texts`` holds (article id -> body text). A unit whose next unit is shown right after it (in
    the same fact, or among the same outlet's own facts) gets none in the lists: its rest is there (``Rests.every``
    has it, for a line showing the unit alone)."""
    rests = Rests()
    if comparison is None:
        return rests
    shown_together = [*([f] for f in [*comparison.shared, *comparison.partial]), *comparison.unique.values()]
    units = set()
    for facts in shown_together:
        # Most units open no quotation: three ``in`` tests each (computed on every view of a reader's story page).
        opening = [ref for fact in facts for ref in fact.sentences
                   if "“" in ref.text or "「" in ref.text or "『" in ref.text]
        if not opening:
            continue
        keys = {(s.article_id, s.index) for fact in facts for s in fact.sentences}
        for ref in opening:
            if ref.article_id in texts and (rest := quotation_rest(ref.text, texts[ref.article_id])):
                rests.every[(ref.article_id, ref.index)] = rest
                units.add(ref.text)
                if (ref.article_id, ref.index + 1) not in keys:
                    rests[(ref.article_id, ref.index)] = rest
    # A summary's line showing a clause alone: the rest of its sentence (``every`` only; the grid is unchanged).
    for ref in _summary_units(comparison):
        key = (ref.article_id, ref.index)
        if key not in rests.every and ref.article_id in texts and (rest := sentence_rest(ref.text, texts[ref.article_id])):
            rests.every[key] = rest
            units.add(ref.text)
    rests.units = frozenset(units)
    return rests
