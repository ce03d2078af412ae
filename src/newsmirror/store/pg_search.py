"""PostgreSQL's form of the shared search key (newsmirror.text.search_key): a weighted tsvector.

PostgreSQL's text-search parsers do not segment Chinese (and depend on the server's locale), so
the store builds the tsvector itself from the same tokens SQLite's FTS5 index gets (folded to
Simplified, CJK bigrams plus each run's last character, Latin words), with positions so that a
term's bigrams must be adjacent (``<->``), as in an FTS5 phrase. Titles are weight A, bodies D.
"""

from __future__ import annotations

from newsmirror.text.search_key import ParsedQuery, QueryTerm, fold, tokens

# tsvector limits: positions above 16383 are clamped by PostgreSQL and a lexeme keeps at most
# 256 positions; past those, phrase matching is approximate in very long articles.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def document_vector(title: str, body: str) -> str:
    """A tsvector literal of the title (weight A) and body (weight D) search keys."""
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, text in (("A", title), ("D", body)):
        for token in tokens(fold(text)):
            position = min(position + 1, MAX_POSITION)
            kept = positions.setdefault(token, [])
            if len(kept) < MAX_POSITIONS_PER_LEXEME:
                kept.append(f"{position}{weight}")
        position = min(position + 1, MAX_POSITION)  # the body's first word does not follow the title's last
    return " ".join(f"{_quote(lexeme)}:{','.join(marks)}" for lexeme, marks in positions.items())


def _term(term: QueryTerm) -> str:
    if term.prefix:
        return f"{_quote(term.tokens[0])}:*"
    return "(" + " <-> ".join(_quote(t) for t in term.tokens) + ")"


def tsquery(parsed: ParsedQuery) -> str:
    """A tsquery literal: all positive terms as phrases, AND NOT the negated ones. Every token
    is quoted, so nothing the user typed is read as tsquery syntax."""
    positive = " & ".join(_term(t) for t in parsed.positive)
    negative = "".join(f" & !{_term(t)}" for t in parsed.terms if t.negated)
    return positive + negative
