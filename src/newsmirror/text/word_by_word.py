"""A Latin name of several words read word by word in a Han text: Fox Business Network in 福克斯|商业|频道, ASEAN Summit
in 东盟|峰会 (``reads_word_by_word``).

Outlets translate an organisation's or event's Latin name word by word, each word by its dictionary word or, a name,
by its sound; another outlet keeps the Latin name as its gloss. Nothing else says the two are one: the archive's
glosses (``glosses.tsv``) and CC-CEDICT's proper names hold a name only where someone glossed it whole. Here each word
is read by CC-CEDICT's senses of one or two English words (``dictionary_glosses.translations``), or by the fitted
transliteration model (``transliteration``: 福克斯 and 福斯 read Fox); the Han words must follow one another in the
Latin words' order, with nothing between them. A name's head is often translated loosely (Network: 频道, 新闻, 网),
so the last word of a name of three words or more may stand unread when its place holds a Han word and another word
read is a name (a transliteration, or a word CC-CEDICT writes with capitalized pinyin: 福克斯, 东盟): the name's own
word, which the generic words around it then place. A name of two words is read whole (Fox Business is no Fox News).
A text holding no dictionary translation of any of the name's words is not read: a name all of whose words are read by
sound is a person's, which the transliteration tests read (and most Latin glosses are people's: the check stays cheap).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from newsmirror.text.dictionary_glosses import proper_name, translations
from newsmirror.text.phonetic import TRANSLITERATION_CHARS
from newsmirror.text.tokenize import begins_word, placed_words
from newsmirror.text.transliteration import WORD_LETTERS, latin_letters, transliterates_word

READ_WORDS = range(2, 7)  # names of two to six words (not counting the words below)
# English words that join a name's words and that translations leave out or render by a particle (of: 的, and: 与).
_JOINING = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "a", "an"})
_WORD = re.compile(r"[a-z]+")
_TRANSLITERATED_CHARS = range(2, 7)  # the length of a word's transliteration
_FILLER_CHARS = 2  # the unread head's place: a Han word of this many characters or more


def name_words(name: str) -> list[str]:
    """A Latin name's words as read here: lower case, the joining words left out."""
    return [word for word in _WORD.findall(name.lower()) if word not in _JOINING]


def _readings(words: list[str], at: int, text: str) -> Iterator[tuple[int, int, bool]]:
    """Each way the text at ``at`` reads the name's first word (or first two, one dictionary word for both): (Latin words
    read, where the text goes on, whether the reading is a name's: a transliteration or a proper name's entry)."""
    for count in (2, 1) if len(words) >= 2 else (1,):
        for han in translations(" ".join(words[:count])):
            if text.startswith(han, at):
                yield count, at + len(han), proper_name(han)
    for size in _TRANSLITERATED_CHARS:
        han = text[at:at + size]
        if len(han) == size and transliterates_word(han, words[0]):
            yield 1, at + size, True


_UNREAD_HEAD_FROM = 3  # a name of this many words or more may leave its head unread


def _read_from(words: list[str], at: int, text: str, named: bool, read: int = 0) -> bool:
    """Whether the text at ``at`` goes on to read the name's ``words`` left (``read`` of its words read before, ``named``
    whether one of those readings was a name's)."""
    if not words:
        return True
    for count, end, proper in _readings(words, at, text):
        if _read_from(words[count:], end, text, named or proper, read + count):
            return True
    if len(words) == 1 and named and read + 1 >= _UNREAD_HEAD_FROM:
        # The head unread: its place holds a Han word of jieba's cut.
        return any(position == at and len(piece) >= _FILLER_CHARS and piece.isalpha() and not piece.isascii()
                   for position, piece in placed_words(text, at, at + 8))
    return False


def _starts(word: str, text: str) -> list[int]:
    """Where a reading of the name's first word may begin in a normalized text: its translations' places, and where a
    run of two transliteration characters or more begins."""
    found: set[int] = set()
    for han in translations(word):
        start = text.find(han)
        while start >= 0:
            found.add(start)
            start = text.find(han, start + 1)
    if len(latin_letters(word)) >= WORD_LETTERS:
        found.update(_foreign_starts(text))
    return sorted(found)


_FOREIGN_RUN = re.compile(f"[{TRANSLITERATION_CHARS}]{{2,}}")


@lru_cache(maxsize=64)
def _foreign_starts(text: str) -> tuple[int, ...]:
    return tuple(match.start() for match in _FOREIGN_RUN.finditer(text))


def reads_word_by_word(name: str, text: str) -> bool:
    """Whether a normalized Han ``text`` writes a Latin ``name`` of ``READ_WORDS`` words translated word by word (the
    module's reading), the reading beginning a word of jieba's cut."""
    if not name.isascii():
        return False
    words = name_words(name)
    if len(words) not in READ_WORDS or not any(han in text for word in words for han in translations(word)):
        return False  # a name no word of which the text translates (a person's, all by sound: other tests read it)
    return any(_read_from(words, start, text, False, 0) and begins_word(text, start) for start in _starts(words[0], text))
