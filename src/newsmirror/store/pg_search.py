"""PostgreSQL's form of the shared search key (newsmirror.text.search_key): tsvector rows.

PostgreSQL's text-search parsers do not segment Chinese (and depend on the server's locale), so
the store builds each tsvector itself from exactly the tokens SQLite's FTS5 index gets
(``search_key``: folded to Simplified, CJK bigrams plus each run's last character, Latin words),
with positions so that a term's bigrams must be adjacent (``<->``), as in an FTS5 phrase.

One article is several rows of ``search_index``: part 0 is the title, parts 1.. the body in
chunks. Chunks keep every match findable despite two tsvector limits: positions above 16,383 are
clamped, and a lexeme keeps at most 256 positions (both would silently break phrase matching in
long articles). A chunk ends before either limit is reached, and consecutive chunks overlap by
``OVERLAP`` tokens, so any term of up to ``OVERLAP`` tokens (a Chinese phrase of up to
``OVERLAP + 1`` characters) lies whole inside one chunk. Only a longer quoted phrase that
crosses a chunk boundary can be missed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from newsmirror.text.script import to_simplified
from newsmirror.text.search_key import ParsedQuery, QueryTerm, fold, search_key, snippet

CHUNK_TOKENS = 2000  # small chunks keep phrase rechecks (which read the whole tsvector) cheap
OVERLAP = 63
MAX_POSITIONS_PER_LEXEME = 256  # PostgreSQL's limit per lexeme and tsvector


def quote(lexeme: str) -> str:
    """A lexeme as a tsvector/tsquery literal."""
    return _quote(lexeme)


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


_NUMBERS = [str(n) for n in range(CHUNK_TOKENS + 1)]  # positions as text, made once


def _vector(tokens: list[str]) -> str:
    """A tsvector literal with every token at its position (1-based). Built for speed: it runs
    for every chunk of every stored article."""
    positions: dict[str, list[str]] = {}
    for position, token in enumerate(tokens, 1):
        marks = positions.get(token)
        if marks is None:
            positions[token] = [_NUMBERS[position]]
        else:
            marks.append(_NUMBERS[position])
    return " ".join(
        ("'" + lexeme + "':" if "'" not in lexeme and "\\" not in lexeme else _quote(lexeme) + ":") + ",".join(marks)
        for lexeme, marks in positions.items()
    )


def chunks(tokens: list[str]) -> list[list[str]]:
    """Overlapping runs of tokens, each short enough that no position and no lexeme's position
    list hits a tsvector limit."""
    if not tokens:
        return []
    if len(tokens) <= CHUNK_TOKENS and max(Counter(tokens).values()) <= MAX_POSITIONS_PER_LEXEME:
        return [tokens]  # most articles: one chunk, found without the token-by-token walk
    found: list[list[str]] = []
    start = 0
    while True:
        counts: dict[str, int] = {}
        end = start
        while end < len(tokens) and end - start < CHUNK_TOKENS:
            seen = counts.get(tokens[end], 0)
            if seen == MAX_POSITIONS_PER_LEXEME:
                break
            counts[tokens[end]] = seen + 1
            end += 1
        found.append(tokens[start:end])
        if end >= len(tokens):
            return found
        # The next chunk starts OVERLAP tokens back, but always moves forward.
        start = max(end - OVERLAP, start + 1)


def document_rows(title: str, body: str) -> list[tuple[int, str]]:
    """(part, tsvector literal) for an article: part 0 the title, 1.. the body's chunks."""
    rows = [(0, _vector(search_key(title).split()))]
    rows += [(n, _vector(chunk)) for n, chunk in enumerate(chunks(search_key(body).split()), 1)]
    return rows


def _phrase(tokens: list[str], prefix: bool) -> str:
    if prefix:
        return f"{_quote(tokens[0])}:*"
    return "(" + " <-> ".join(_quote(t) for t in tokens) + ")"


def _term(term: QueryTerm) -> str:
    """Any form of the term (as written, Simplified, Taiwan phrase folded, alias), OR-ed: the
    index holds each form a document was written or folded in (``search_key.index_tokens``)."""
    phrases = list(dict.fromkeys(_phrase(t, term.prefix) for t in term.variant_tokens or [term.tokens]))
    return phrases[0] if len(phrases) == 1 else "(" + " | ".join(phrases) + ")"


def term_query(term: QueryTerm) -> str:
    """A tsquery literal for one term, as a phrase. Every token is quoted, so nothing the user
    typed is read as tsquery syntax."""
    return _term(term)


def tsquery(parsed: ParsedQuery) -> str:
    """A tsquery literal: all positive terms as phrases, AND NOT the negated ones."""
    positive = " & ".join(_term(t) for t in parsed.positive)
    negative = "".join(f" & !{_term(t)}" for t in parsed.terms if t.negated)
    return positive + negative


SNIPPET_BLOCK = 1000
_ALIGN_BLOCK = 200


def window_snippet(text: str, parsed: ParsedQuery, width: int = 120) -> str:
    """The same window as ``search_key.snippet`` (around the first match, in the original
    script) at a cost bounded by the text before the first match: the exact per-character
    folding that snippet() falls back to costs ~0.1 ms a character once the alias table is in."""
    text = " ".join(text.split())
    needles = list(dict.fromkeys(v for t in parsed.positive for v in (t.variants or [t.text]) if v))
    # Most matches are found by the cheap part of folding (width, case, script); the alias
    # table, the costly part, is only applied block by block when that finds nothing.
    # (the start first: the first match of a common word is usually near it)
    for prefix in (text[:4 * width], text):
        quick = _quick_fold(prefix)
        found = [i for i in (quick.find(n) for n in needles) if i != -1]
        if found:
            return _cut(text, _original_offset(text, min(found)), width)
        if len(prefix) == len(text):
            break
    reach = max((len(n) for n in needles), default=0)
    for start in range(0, len(text), SNIPPET_BLOCK):
        block = text[start:start + SNIPPET_BLOCK + reach]
        folded = fold(block)
        hits = [i for i in (folded.find(n) for n in needles) if i != -1]
        if hits:
            at = start + min(hits) * len(block) // max(len(folded), 1)
            left = max(0, at - width)
            piece = snippet(text[left:at + 2 * width + reach], parsed, width)
            return ("…" if left and not piece.startswith("…") else "") + piece
    return _cut(text, None, width)


def _quick_fold(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text).lower())


def _original_offset(text: str, folded_offset: int) -> int:
    """Where in ``text`` the character at ``folded_offset`` of ``_quick_fold(text)`` comes from:
    block by block, character by character only inside the block that changed length."""
    consumed = 0  # folded characters before this block
    for start in range(0, len(text), _ALIGN_BLOCK):
        block = text[start:start + _ALIGN_BLOCK]
        folded = _quick_fold(block)
        if folded_offset < consumed + len(folded):
            if len(folded) == len(block):
                return start + folded_offset - consumed
            for n, char in enumerate(block):
                consumed += len(_quick_fold(char))
                if consumed > folded_offset:
                    return start + n
            return start + len(block) - 1
        consumed += len(folded)
    return max(0, len(text) - 1)


def _cut(text: str, first: int | None, width: int) -> str:
    """snippet()'s window: from a third of ``width`` before the first match, ``width`` long."""
    if first is None:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
