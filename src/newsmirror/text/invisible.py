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


# A name (a Jekyll post's file name, a channel's folder) drops more: every format character (Unicode's category Cf, as
# of Unicode 14) and the variation selectors. In a name they make two names that look alike ("标题" and "标\u200b题" as
# two Jekyll posts, two channel folders) and a URL of invisible %E2%80%8B (safety68 counted 24 titles of the waimei
# archive with one). Text keeps the smaller set above: what the grouping and search read does not change. One class,
# not a category test per character: every build names every post.
FORMAT_CHARACTERS = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180b-\u180f\u200b-\u200f"
                               "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff\ufff9-\ufffb\U000110bd"
                               "\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                               "\U000e0020-\U000e007f\U000e0100-\U000e01ef]")


def drop_format_characters(text: str) -> str:
    """``text`` without any format character or variation selector (for names: ``publish.paths.safe_filename``)."""
    return FORMAT_CHARACTERS.sub("", text)
