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
    multi = [*comparison.shared, *comparison.partial]
    multi.sort(key=lambda f: (-len(f.outlets), min(s.index for s in f.sentences)))
    summary = Summary(outlets=list(comparison.outlets), common=_distinct_leads(multi)[:shared])
    for outlet in comparison.outlets:
        facts = sorted(comparison.unique.get(outlet, []), key=importance, reverse=True)
        summary.own[outlet] = facts[:own]
        summary.more_own[outlet] = max(0, len(facts) - own)
    return summary


def _distinct_leads(facts: list[Fact]) -> list[Fact]:
    """The facts whose first sentence no earlier fact opens with. One sentence may stand in two facts (an
    outlet's packed sentence matched by two others' statements); the summary shows each fact by its first
    sentence, so the second would read as the same fact twice (4/4 and 3/4 of one line)."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for fact in facts:
        lead = (fact.sentences[0].article_id, fact.sentences[0].index)
        if lead not in seen:
            seen.add(lead)
            kept.append(fact)
    return kept
