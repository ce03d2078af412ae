"""Streaming story clustering: each new article joins a live story or starts one.

Two signals, both on normalized text (Simplified, region aliases folded), so a Traditional
report and a Simplified one about the same event compare as equals:

* near-duplicates (the same wire copy republished): MinHash-LSH over character shingles,
  Jaccard >= ``duplicate_jaccard``. The copy joins the original's story with role 'duplicate'.
* same event, different report: reports written independently share few character shingles
  (Jaccard ~0.05), where LSH degenerates into comparing everything. Instead each article gets a
  TF-IDF vector of its words (jieba, with jieba's packaged background IDF), candidate stories
  come from an inverted index over the stories' strongest terms, and the article joins the best
  candidate whose centroid is similar enough, shares enough strong terms and is close in time.

State is bounded: stories and fingerprints older than ``window`` behind the newest article are
evicted, and each term's posting list keeps only its most recent stories, so the per-article cost
does not grow with the archive.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from datasketch import LeanMinHash, MinHashLSH

from newsmirror.model import stable_id
from newsmirror.text.fingerprint import DEFAULT_PERMUTATIONS, minhash, shingles
from newsmirror.text.normalize import normalize
from newsmirror.text.tokenize import idf, words


@dataclass(slots=True)
class ClusterConfig:
    window: timedelta = timedelta(days=3)  # how far apart in time two reports of one event may be
    similarity: float = 0.28  # cosine(article, story centroid) needed to join a story
    min_shared_terms: int = 3  # strong terms the article must share with the story
    duplicate_jaccard: float = 0.6  # shingle Jaccard above which a report is a republished copy
    body_chars: int = 2000  # how much of the body feeds the term vector (the lead carries the event)
    title_weight: float = 2.0
    article_terms: int = 40  # terms kept per article vector
    story_terms: int = 80  # terms kept per story centroid
    probe_terms: int = 12  # strongest article terms looked up in the index
    posting_limit: int = 200  # most recent stories kept per term
    num_perm: int = DEFAULT_PERMUTATIONS


@dataclass(slots=True)
class Document:
    """What the clusterer needs of an article."""

    id: str
    outlet: str
    time: datetime
    title: str
    text: str


@dataclass(slots=True)
class Assignment:
    article_id: str
    story_id: str
    role: str  # member | duplicate
    duplicate_of: str | None
    score: float  # cosine to the story (1.0 for the founding article), Jaccard for duplicates
    new_story: bool


@dataclass(slots=True)
class _StoryState:
    id: str
    title: str
    first: datetime
    last: datetime
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member vectors (trimmed)
    members: list[Assignment] = field(default_factory=list)
    indexed_terms: tuple[str, ...] = ()


@dataclass(slots=True)
class _Fingerprint:
    story_id: str
    time: datetime
    signature: LeanMinHash
    original: str  # the article this one is a copy of, or itself


def _trim(vector: dict[str, float], keep: int) -> dict[str, float]:
    if len(vector) <= keep:
        return vector
    return dict(sorted(vector.items(), key=lambda kv: kv[1], reverse=True)[:keep])


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else vector


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _is_term(word: str) -> bool:
    # Single characters and bare numbers say little about which event this is.
    return len(word) >= 2 and not word.isdigit()


class StoryClusterer:
    """Assigns documents to stories one at a time, in (roughly) time order."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self.stories: dict[str, _StoryState] = {}
        self._postings: dict[str, OrderedDict[str, None]] = {}
        self._fingerprints: dict[str, _Fingerprint] = {}
        self._lsh = MinHashLSH(threshold=self.config.duplicate_jaccard, num_perm=self.config.num_perm)
        self.clock: datetime | None = None  # newest time seen
        self._since_eviction = 0

    # -- features ----------------------------------------------------------------
    def vector(self, title: str, text: str) -> dict[str, float]:
        """Unit TF-IDF vector of the article's strongest terms."""
        counts: dict[str, float] = {}
        for word in words(normalize(title), normalized=True):
            if _is_term(word):
                counts[word] = counts.get(word, 0.0) + self.config.title_weight
        for word in words(normalize(text[: self.config.body_chars]), normalized=True):
            if _is_term(word):
                counts[word] = counts.get(word, 0.0) + 1
        weighted = {w: (1 + math.log(c)) * idf(w) for w, c in counts.items()}
        return _unit(_trim(weighted, self.config.article_terms))

    def fingerprint(self, title: str, text: str) -> LeanMinHash:
        return minhash(shingles(f"{title}\n{text}"), self.config.num_perm)

    # -- public ------------------------------------------------------------------
    def add(self, doc: Document) -> Assignment:
        """Decide where ``doc`` belongs, remember it, and return the decision."""
        self._tick(doc.time)
        signature = self.fingerprint(doc.title, doc.text)
        vector = self.vector(doc.title, doc.text)
        assignment = self._find_duplicate(doc, signature) or self._find_story(doc, vector)
        if assignment is None:
            assignment = Assignment(doc.id, "s" + stable_id("story\n" + doc.id, 15), "member", None, 1.0, True)
        self._remember(doc, assignment, vector, signature)
        return assignment

    def restore(self, doc: Document, story_id: str, role: str = "member", duplicate_of: str | None = None,
                score: float = 0.0) -> None:
        """Load an earlier decision (from the store) without re-deciding it."""
        self._tick(doc.time)
        assignment = Assignment(doc.id, story_id, role, duplicate_of, score, story_id not in self.stories)
        self._remember(doc, assignment, self.vector(doc.title, doc.text), self.fingerprint(doc.title, doc.text))

    def members(self, story_id: str) -> list[Assignment]:
        return list(self.stories[story_id].members)

    def title(self, story_id: str) -> str:
        return self.stories[story_id].title

    def evict(self, before: datetime) -> int:
        """Forget stories last updated before ``before`` and fingerprints older than it."""
        old_stories = [s for s in self.stories.values() if s.last < before]
        for story in old_stories:
            for term in story.indexed_terms:
                postings = self._postings.get(term)
                if postings is not None:
                    postings.pop(story.id, None)
                    if not postings:
                        del self._postings[term]
            del self.stories[story.id]
        old_prints = [key for key, fp in self._fingerprints.items() if fp.time < before]
        for key in old_prints:
            self._lsh.remove(key)
            del self._fingerprints[key]
        return len(old_stories)

    # -- internals ---------------------------------------------------------------
    def _tick(self, time: datetime) -> None:
        if self.clock is None or time > self.clock:
            self.clock = time
        self._since_eviction += 1
        # Evicting is a full scan of the live state: do it once per batch of arrivals.
        if self._since_eviction >= 256:
            self._since_eviction = 0
            self.evict(self.clock - 2 * self.config.window)

    def _in_window(self, doc_time: datetime, first: datetime, last: datetime) -> bool:
        return first - self.config.window <= doc_time <= last + self.config.window

    def _find_duplicate(self, doc: Document, signature: LeanMinHash) -> Assignment | None:
        best: tuple[float, _Fingerprint] | None = None
        for key in self._lsh.query(signature):
            fp = self._fingerprints[key]
            if fp.story_id not in self.stories or abs(fp.time - doc.time) > self.config.window:
                continue
            score = signature.jaccard(fp.signature)
            if score >= self.config.duplicate_jaccard and (best is None or score > best[0]):
                best = (score, fp)
        if best is None:
            return None
        score, fp = best
        return Assignment(doc.id, fp.story_id, "duplicate", fp.original, round(score, 4), False)

    def _find_story(self, doc: Document, vector: dict[str, float]) -> Assignment | None:
        probes = sorted(vector, key=vector.__getitem__, reverse=True)[: self.config.probe_terms]
        candidates: set[str] = set()
        for term in probes:
            postings = self._postings.get(term)
            if postings:
                candidates.update(postings)
        best: tuple[float, str] | None = None
        for story_id in candidates:
            story = self.stories[story_id]
            if not self._in_window(doc.time, story.first, story.last):
                continue
            shared = sum(1 for term in vector if term in story.centroid)
            if shared < self.config.min_shared_terms:
                continue
            score = _cosine(vector, _unit(story.centroid))
            if score >= self.config.similarity and (best is None or score > best[0]):
                best = (score, story_id)
        if best is None:
            return None
        return Assignment(doc.id, best[1], "member", None, round(best[0], 4), False)

    def _remember(self, doc: Document, assignment: Assignment, vector: dict[str, float],
                  signature: LeanMinHash) -> None:
        story = self.stories.get(assignment.story_id)
        if story is None:
            story = _StoryState(assignment.story_id, doc.title, doc.time, doc.time)
            self.stories[story.id] = story
        story.members.append(assignment)
        story.first = min(story.first, doc.time)
        story.last = max(story.last, doc.time)
        if assignment.role == "member":  # a copy adds no new wording to the story's profile
            for term, weight in vector.items():
                story.centroid[term] = story.centroid.get(term, 0.0) + weight
            story.centroid = _trim(story.centroid, self.config.story_terms)
            self._reindex(story)
        if doc.id not in self._fingerprints:
            original = assignment.duplicate_of or doc.id
            self._fingerprints[doc.id] = _Fingerprint(story.id, doc.time, signature, original)
            self._lsh.insert(doc.id, signature)

    def _reindex(self, story: _StoryState) -> None:
        top = tuple(sorted(story.centroid, key=story.centroid.__getitem__, reverse=True)[: self.config.probe_terms * 2])
        for term in set(story.indexed_terms) - set(top):
            postings = self._postings.get(term)
            if postings is not None:
                postings.pop(story.id, None)
        for term in top:
            postings = self._postings.setdefault(term, OrderedDict())
            postings[story.id] = None
            postings.move_to_end(story.id)
            while len(postings) > self.config.posting_limit:
                postings.popitem(last=False)
        story.indexed_terms = top
