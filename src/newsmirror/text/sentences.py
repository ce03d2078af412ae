"""Chinese sentence splitting: on 。！？；!? and line breaks, keeping closing quotes attached."""

from __future__ import annotations

import re

# A sentence ends at terminal punctuation (with any closing quotes/brackets that follow it),
# or at a paragraph break. Ellipses (…… / ...) end a sentence only when followed by a break; a
# Latin full stop ends one between Han text (说". 他), never inside Latin text (U.S.).
_END = re.compile(r"([。！？!?；;]+|…{2,}|\.{3,}|(?<=[\u4e00-\u9fff」』”’\"'）)])\.(?=\s*[\u4e00-\u9fff]))"
                  r"([」』”’\"'）)\]]*)")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def split_sentences(text: str, min_chars: int = 2) -> list[str]:
    """The sentences of a plain-text body, in order, stripped; fragments shorter than
    ``min_chars`` (stray punctuation, lone numbers) are dropped."""
    sentences: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        start = 0
        for match in _END.finditer(paragraph):
            sentences.append(paragraph[start : match.end()])
            start = match.end()
        sentences.append(paragraph[start:])
    cleaned = (s.strip() for s in sentences)
    return [s for s in cleaned if len(s) >= min_chars]


# Clause ends inside a sentence: comma, semicolon-like and colon marks (with closing quotes).
_CLAUSE_END = re.compile(r"([，,：:]+)([」』”’\"'）)\]]*)")
_LETTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_GLOSS = re.compile(r"[（(][^（）()\u3400-\u4dbf\u4e00-\u9fff]*[）)]")
# A clause that only says who speaks (“外交部声明说，”) belongs to what is said.
_SAYS = re.compile(r"(说|說|称|稱|表示|指出|透露|宣布|宣佈|认为|認為|强调|強調|报道|報導|写道|寫道|引述)[，,：:]\W*$")


def split_clauses(sentence: str, long_chars: int = 40, min_chars: int = 14) -> list[str]:
    """A long sentence cut at its clause marks (，：) into parts of at least ``min_chars``
    letters each, in order; a sentence of at most ``long_chars`` letters stays whole.

    News sentences often pack two or three facts (the blast, then the toll), which other
    outlets write as sentences of their own; aligning the parts lets each fact find its match.
    Short clauses (“今年5月8日，”) and who-said-it clauses (“他说，”) stay attached to the next
    clause, so no part is a fragment."""
    if _letters(sentence) <= long_chars:
        return [sentence]
    pieces: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(sentence):
        pieces.append(sentence[start : match.end()])
        start = match.end()
    pieces.append(sentence[start:])
    # A short clause leads into the next one (a time, a place, "他说，"), so it goes with it.
    parts: list[str] = []
    carry = ""
    for piece in pieces:
        carry += piece
        if _letters(piece) >= min_chars and not _SAYS.search(piece):
            parts.append(carry)
            carry = ""
    if carry and parts and _letters(carry) < min_chars:
        parts[-1] += carry
    elif carry:
        parts.append(carry)
    return [p.strip() for p in parts if p.strip()]


def _letters(text: str) -> int:
    """Han characters plus Latin words and numbers (one each), not counting a gloss in brackets
    (“拉夫羅夫（Sergei Lavrov）” is one name, whatever the length of its Latin form)."""
    return len(_LETTER.findall(_GLOSS.sub("", text)))
