"""The search key: what full-text indexes store and what queries are turned into.

Chinese has no spaces, and word segmenters (jieba) split the same name differently in
different contexts, so a segmented index misses queries like 马朝旭 when the segmenter cut
马/朝旭. Overlapping character bigrams find every substring of two or more characters:
a query becomes the phrase of its bigrams, which matches exactly where the folded text
contains the folded query. Folding (NFKC, lower case, Traditional -> Simplified, name
aliases) makes 馬朝旭 and 马朝旭 the same key, so a query in one script finds articles in
the other. Every backend (SQLite FTS5, PostgreSQL) must index ``search_key`` and query
with ``parse_query`` so that both find the same articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from newsmirror.text.script import to_simplified

# CJK ideographs (BMP blocks and extension A) plus the compatibility block.
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK_CLASS}]+|[0-9a-z\u00c0-\u024f]+")
_CJK_RUN = re.compile(rf"^[{_CJK_CLASS}]+$")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK_CLASS}])\s+(?=[{_CJK_CLASS}])")


@cache
def _alias_folder() -> Callable[[str], str] | None:
    try:
        from newsmirror.text import aliases
    except ImportError:
        return None
    folder = getattr(aliases, "fold_aliases", None)
    return folder if callable(folder) else None


def fold_aliases(text: str) -> str:
    """Map alternative renderings of a name to one (蒲亭/普丁 -> 普京).

    The single plug-in point for the alias table of ``newsmirror.text.aliases``, used when that
    module is present. Input is already Simplified and lower case. Changing the table changes
    the keys: rebuild the index (POST /api/admin/reindex or ``Store.rebuild_search_index``).
    """
    folder = _alias_folder()
    return folder(text) if folder is not None else text


def fold(text: str) -> str:
    """Text as the index sees it: compatibility forms unified, lower case, Simplified, aliases folded."""
    text = unicodedata.normalize("NFKC", text).lower()
    return fold_aliases(to_simplified(text))


def _run_tokens(run: str, *, for_query: bool) -> list[str]:
    if not _CJK_RUN.match(run):
        return [run]
    if len(run) == 1:
        return [run]
    bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
    # The last character of every run is also indexed alone, so a one-character query
    # (prefix query X*) finds it whether it starts a bigram or ends the run. A query of
    # two or more characters must not ask for it: the text may continue after the match.
    return bigrams if for_query else [*bigrams, run[-1]]


def tokens(text: str, *, for_query: bool = False) -> list[str]:
    """Index tokens of already folded text: CJK bigrams, Latin words and numbers."""
    found: list[str] = []
    for match in _TOKEN.finditer(text):
        found.extend(_run_tokens(match.group(), for_query=for_query))
    return found


def search_key(text: str) -> str:
    """Space-separated tokens of ``text`` for a full-text index with a whitespace tokenizer."""
    return " ".join(tokens(fold(text)))


@dataclass(slots=True)
class QueryTerm:
    """One thing the user asked for: a word or phrase (folded), matched as a whole."""

    text: str  # folded; what must occur contiguously in the folded document
    tokens: list[str]
    prefix: bool = False  # one CJK character: matches any token starting with it
    negated: bool = False


@dataclass(slots=True)
class ParsedQuery:
    terms: list[QueryTerm] = field(default_factory=list)

    @property
    def positive(self) -> list[QueryTerm]:
        return [t for t in self.terms if not t.negated]

    def is_empty(self) -> bool:
        return not self.positive


def parse_query(query: str) -> ParsedQuery:
    """Whitespace separates terms (all required); "quoted phrases" stay together;
    a leading minus excludes a term. Each term is folded like the documents."""
    parsed = ParsedQuery()
    for match in _QUERY_PART.finditer(query):
        negated = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        # Chinese is written without spaces, so spaces inside a phrase between two CJK
        # characters are the user's, not the text's.
        folded = fold(_SPACE_BETWEEN_CJK.sub("", raw)).strip()
        term_tokens = tokens(folded, for_query=True)
        if not term_tokens:
            continue
        prefix = len(term_tokens) == 1 and len(term_tokens[0]) == 1 and bool(_CJK_RUN.match(term_tokens[0]))
        parsed.terms.append(QueryTerm(folded, term_tokens, prefix=prefix, negated=negated))
    return parsed


def _fts5_phrase(term: QueryTerm) -> str:
    phrase = '"' + " ".join(t.replace('"', '""') for t in term.tokens) + '"'
    return phrase + "*" if term.prefix else phrase


def fts5_match(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression: every positive term as a phrase, AND-ed, then NOT the rest.
    Tokens are always quoted, so no user input is read as FTS5 syntax."""
    positive = " AND ".join(_fts5_phrase(t) for t in parsed.positive)
    negative = "".join(f" NOT {_fts5_phrase(t)}" for t in parsed.terms if t.negated)
    return positive + negative if positive else ""


def _fold_aligned(text: str) -> str:
    """``fold`` with one output character per input character, so offsets carry over.
    Phrase conversions that change the length (網際網路 -> 互联网) fall back to per-character."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join(ch if len(f := fold(ch)) != 1 else f for ch in text)


def match_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of a positive term in ``text`` (original script),
    sorted and non-overlapping: for highlighting and snippets."""
    folded = _fold_aligned(text)
    spans: list[tuple[int, int]] = []
    for term in parsed.positive:
        needle = term.text
        if not needle:
            continue
        start = folded.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, parsed: ParsedQuery, width: int = 120) -> str:
    """A window of ``text`` around the first match (or its start), in the original script."""
    text = " ".join(text.split())
    spans = match_spans(text, parsed)
    if not spans:
        return text[:width] + ("…" if len(text) > width else "")
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
