"""Characters a page may carry without showing them, in one set for every stage that drops them.

A soft hyphen, a zero-width space or joiner, a left-to-right or right-to-left mark, a word joiner or an
invisible operator (U+2061-2064) and a byte-order mark take no room on the screen, yet each one cuts a
word in two for anything that reads the text: a search key (大纪元's 美军人员\\u200b\\u200b在斯里兰卡), a
column label, a paragraph's words. Until session 43 extraction, the column-label reader and the search
key each listed their own set and the three differed.
"""

from __future__ import annotations

import re

INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")


def drop_invisible(text: str) -> str:
    """``text`` without its invisible characters (most texts have none: a substring test per
    character is much faster than the regex scan, so it is tried first)."""
    if any(character in text for character in INVISIBLE_CHARACTERS):
        return INVISIBLE.sub("", text)
    return text
