"""The PostgreSQL search key: Chinese text as overlapping bigrams, in a weighted tsvector.

PostgreSQL's text-search parsers do not segment Chinese (and depend on the server's locale), so
the store builds the tsvector itself, the way SQLite's FTS5 index is fed: the text is converted
to Simplified (so 臺灣 finds 台湾), lower-cased and NFKC-normalized; every run of Han characters
becomes its overlapping bigrams, with the run's last character as a unigram so one-character
queries still match; Latin words and numbers stay whole. A query is cut the same way, and the
bigrams of one run must be adjacent (``<->``), so 中国人 does not match 中国 ... 国人 far apart.
"""

from __future__ import annotations

import re
import unicodedata

from newsmirror.text.script import to_simplified

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+|[0-9a-z]+(?:[.'_-][0-9a-z]+)*")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")

# tsvector limits: positions above 16383 are clamped by PostgreSQL and a lexeme keeps at most
# 256 positions; past those, phrase matching becomes approximate for very long articles.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256


def normalize(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


def runs(text: str) -> list[list[str]]:
    """Each Han run as [bigram, ..., last char]; each other word as [word]."""
    result = []
    for match in _TOKEN.finditer(normalize(text)):
        run = match.group()
        if _HAN.match(run):
            result.append([run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]])
        else:
            result.append([run])
    return result


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def document_vector(title: str, body: str) -> str:
    """A tsvector literal: title lexemes weighted A, body lexemes D, with positions."""
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, text in (("A", title), ("D", body)):
        for run in runs(text):
            for lexeme in run:
                position = min(position + 1, MAX_POSITION)
                kept = positions.setdefault(lexeme, [])
                if len(kept) < MAX_POSITIONS_PER_LEXEME:
                    kept.append(f"{position}{weight}")
            position = min(position + 1, MAX_POSITION)  # runs are never adjacent to each other
    return " ".join(f"{_quote(lexeme)}:{','.join(marks)}" for lexeme, marks in positions.items())


def query_text(text: str) -> str | None:
    """A tsquery literal for what the user typed, or None if it holds nothing searchable."""
    parts = []
    for run in runs(text):
        if len(run) == 1:
            # A lone Han character: any bigram starting with it, or a run ending in it.
            parts.append(f"{_quote(run[0])}:*" if _HAN.match(run[0]) else _quote(run[0]))
        else:
            # Bigrams of a run are adjacent; the trailing unigram is implied by the last bigram.
            parts.append("(" + " <-> ".join(_quote(b) for b in run[:-1]) + ")")
    return " & ".join(parts) if parts else None


def snippet(text: str, query: str, width: int = 60) -> str:
    """A short excerpt of ``text`` around the first place the query's first word occurs."""
    found = runs(query)
    flat = normalize(text)
    start = -1
    if found:
        first = found[0]
        needle = first[0] if len(first) == 1 else first[0][0] + "".join(b[1] for b in first[:-1])
        start = flat.find(needle)
    # NFKC rarely changes lengths in news text, so an offset in ``flat`` is near enough in ``text``.
    start = max(start, 0)
    begin = max(0, start - width // 3)
    excerpt = " ".join(text[begin:begin + width].split())
    return ("…" if begin > 0 else "") + excerpt + ("…" if begin + width < len(text) else "")
