"""What a story comparison is. ``compare_story`` fills it; the reader and the site render it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class SentenceRef:
    article_id: str
    outlet: str
    index: int  # position of the sentence in its article
    text: str  # the sentence as the outlet wrote it (original script)


@dataclass(slots=True)
class Fact:
    """One statement, with every sentence (from one or more outlets) that reports it."""

    sentences: list[SentenceRef]
    # Names and terms that some of the fact's outlets give and others leave out:
    # term (normalized, Simplified) -> the outlets whose sentences mention it.
    details: dict[str, list[str]] = field(default_factory=dict)

    @property
    def outlets(self) -> list[str]:
        return sorted({s.outlet for s in self.sentences})


@dataclass(slots=True)
class Comparison:
    story_id: str
    outlets: list[str]  # every outlet with an article in the story
    shared: list[Fact] = field(default_factory=list)  # reported by every outlet
    partial: list[Fact] = field(default_factory=list)  # reported by more than one outlet, not all
    unique: dict[str, list[Fact]] = field(default_factory=dict)  # outlet -> facts only it reports
