"""A big story read in a minute: the facts most outlets share, then what each outlet alone adds,
most important first. The full side-by-side grid stays available on demand.

Importance of an outlet's own fact: how early it comes in the report (news is written lead
first) and how much it names (people, places, organisations, numbers are what a reader of
another outlet would miss). Fixed rules, no learned weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsmirror.stories.comparison import Comparison, Fact
from newsmirror.text.sentences import runs_on

_NUMBER = re.compile(r"\d")
SHARED_FACTS = 6  # facts most outlets share, shown first
OWN_FACTS = 3  # each outlet's own facts shown in the summary


@dataclass(slots=True)
class Summary:
    outlets: list[str]
    common: list[Fact] = field(default_factory=list)  # most outlets first
    own: dict[str, list[Fact]] = field(default_factory=dict)  # outlet -> its own facts, most important first
    more_own: dict[str, int] = field(default_factory=dict)  # outlet -> own facts left out of the summary


def importance(fact: Fact) -> float:
    """Lead position and named details: higher is more important."""
    first = fact.sentences[0]
    position = 1.0 / (1 + first.index)
    detail = min(len(fact.details), 4) * 0.1 + (0.2 if _NUMBER.search(first.text) else 0.0)
    return position + detail


def summarize(comparison: Comparison, shared: int = SHARED_FACTS, own: int = OWN_FACTS) -> Summary:
    """The facts reported by the most outlets (ties: earliest in the reports), then each outlet's
    own facts ranked by ``importance``."""
    lines = _distinct_leads([*comparison.shared, *comparison.partial])
    lines.sort(key=lambda f: (-len(f.outlets), min(s.index for s in f.sentences)))
    summary = Summary(outlets=list(comparison.outlets), common=lines[:shared])
    for outlet in comparison.outlets:
        facts = sorted(comparison.unique.get(outlet, []), key=importance, reverse=True)
        summary.own[outlet] = _joined(facts[:own])
        summary.more_own[outlet] = max(0, len(facts) - own)
    return summary


def _distinct_leads(facts: list[Fact]) -> list[Fact]:
    """One line per first sentence. One sentence may stand in two facts (an outlet's packed sentence matched by two
    others' statements); the summary shows each fact by its first sentence, so the second would read as the same fact
    twice (4/4 and 3/4 of one line). The second fact's outlets stay on the line: they report (a part of) its sentence,
    and a line naming the outlets that leave it out (除…外) must not name one of them."""
    lines: dict[tuple[str, int], Fact] = {}
    for fact in facts:
        lead = (fact.sentences[0].article_id, fact.sentences[0].index)
        line = lines.get(lead)
        if line is None:
            lines[lead] = fact
            continue
        shown = {(s.article_id, s.index) for s in line.sentences}
        more = [s for s in fact.sentences if (s.article_id, s.index) not in shown]
        lines[lead] = Fact([*line.sentences, *more], line.details, line.spellings)
    return list(lines.values())


def _joined(facts: list[Fact]) -> list[Fact]:
    """An outlet's own facts as the summary's lines: a fact whose last unit stops inside its sentence (a clause cut at
    a comma) and the fact holding that sentence's next unit, both shown, make one line in the report's order. Apart,
    the first line ended on its comma and its sentence's rest (``stories.quoted.sentence_rest``) was the next line
    again (台湾至今只有480个病毒确诊案例， then 包括7个死亡案例，…: polish75). The same facts, fewer lines. A line made
    of two is joined again with any other it runs into, at the place of the first of them: three clauses of one
    sentence ranked first, third, second made two lines, the first ending on its comma (review57)."""
    lines: list[Fact] = []
    for fact in facts:
        at = len(lines)
        while joined := next(((i, line) for i, line in enumerate(lines)
                              if _runs_into(line, fact) or _runs_into(fact, line)), None):
            i, line = joined
            fact = _merged(line, fact) if _runs_into(line, fact) else _merged(fact, line)
            del lines[i]
            at = min(at, i)
        lines.insert(at, fact)
    return lines


def _runs_into(first: Fact, then: Fact) -> bool:
    """Whether ``first``'s last unit stops inside its sentence and ``then`` opens with that sentence's next unit."""
    before, after = first.sentences[-1], then.sentences[0]
    return (before.article_id, before.index + 1) == (after.article_id, after.index) and runs_on(before.text)


def _merged(first: Fact, then: Fact) -> Fact:
    return Fact([*first.sentences, *then.sentences], {**then.details, **first.details},
                {**then.spellings, **first.spellings})
