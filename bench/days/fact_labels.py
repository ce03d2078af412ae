"""Read the fact labels (GUIDE.md section 3) and score against them, as the guide defines it.

A reference for evaluations: which quoted sentences are gold same-fact links, whether a
system's sentence is a quoted one, and whether an "only X names N" claim is false. It reads
the label files only; it imports nothing of newsmirror, so it cannot lean on the code it scores.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import opencc

SPACE = re.compile(r"\s+")

Quote = tuple[str, str]  # (file name, quoted text)


@dataclass(frozen=True)
class FactStory:
    day: str
    event: str
    files: tuple[str, ...]
    facts: dict[str, tuple[Quote, ...]]  # fact id -> its quoted sentences
    only: tuple[Quote, ...]
    names: dict[str, frozenset[str]]  # file -> names it gives
    same_entity: tuple[frozenset[str], ...] = field(default_factory=tuple)

    def gold_links(self) -> set[frozenset[Quote]]:
        """Pairs of quotes of one fact from two different files."""
        return {frozenset((a, b)) for quotes in self.facts.values()
                for a, b in combinations(quotes, 2) if a[0] != b[0]}

    def quotes(self) -> list[Quote]:
        return [quote for quotes in self.facts.values() for quote in quotes]


def load_fact_stories(path: Path) -> list[FactStory]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    stories = []
    for story in data.get("story", []):
        facts = {str(f["id"]): tuple((str(s["file"]), str(s["text"])) for s in f.get("sentences", []))
                 for f in story.get("fact", [])}
        stories.append(FactStory(
            day=str(story["day"]), event=str(story["event"]), files=tuple(story.get("files", [])), facts=facts,
            only=tuple((str(o["file"]), str(o["text"])) for o in story.get("only", [])),
            names={str(n["file"]): frozenset(n.get("names", [])) for n in story.get("names", [])},
            same_entity=tuple(frozenset(e.get("forms", [])) for e in story.get("same_entity", [])),
        ))
    return stories


def _squeeze(text: str) -> str:
    return SPACE.sub("", text)


def matching_quote(story: FactStory, file: str, sentence: str) -> Quote | None:
    """The gold quote a system's sentence of ``file`` contains (whitespace ignored), if any."""
    squeezed = _squeeze(sentence)
    for quote in story.quotes():
        if quote[0] == file and _squeeze(quote[1]) in squeezed:
            return quote
    return None


@dataclass
class LinkScore:
    true_positive: int = 0
    false_positive: int = 0  # linked two quoted sentences of different facts
    false_negative: int = 0  # a gold pair the system did not link

    @property
    def precision(self) -> float:
        judged = self.true_positive + self.false_positive
        return self.true_positive / judged if judged else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 0.0


def score_links(story: FactStory, links: Iterable[tuple[tuple[str, str], tuple[str, str]]]) -> LinkScore:
    """Score a system's same-fact links ``((file, sentence), (file, sentence))`` of one story.

    Links whose two sentences both contain gold quotes are judged; links touching a sentence
    with no gold quote are not (the gold is not exhaustive), as GUIDE.md says."""
    gold = story.gold_links()
    found: set[frozenset[Quote]] = set()
    score = LinkScore()
    for (file_a, sentence_a), (file_b, sentence_b) in links:
        a, b = matching_quote(story, file_a, sentence_a), matching_quote(story, file_b, sentence_b)
        if a is None or b is None or a == b or a[0] == b[0]:
            continue
        pair = frozenset((a, b))
        if pair in found:
            continue
        found.add(pair)
        if pair in gold:
            score.true_positive += 1
        else:
            score.false_positive += 1
    score.false_negative = len(gold - found)
    return score


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _name_key(name: str) -> str:
    return _squeeze(_to_simplified().convert(name)).casefold()


def other_outlets_name(story: FactStory, file: str, name: str) -> list[str]:
    """Files of the story other than ``file`` that give ``name``: in any script, or as another
    form of the same entity. A claim "only ``file`` names ``name``" is false when this is not
    empty."""
    keys = {_name_key(name)}
    for forms in story.same_entity:
        form_keys = {_name_key(form) for form in forms}
        if keys & form_keys:
            keys |= form_keys
    return [other for other, names in story.names.items()
            if other != file and keys & {_name_key(n) for n in names}]
