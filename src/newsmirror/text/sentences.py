"""Chinese sentence splitting: on 。！？；!? and line breaks, keeping closing quotes attached."""

from __future__ import annotations

import re

# A sentence ends at terminal punctuation (with any closing quotes/brackets that follow it),
# or at a paragraph break. Ellipses (…… / ...) end a sentence only when followed by a break.
_END = re.compile(r"([。！？!?；;]+|…{2,}|\.{3,})([」』”’\"'）)\]]*)")
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
