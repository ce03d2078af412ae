"""A measured reader of transliterations: how likely a Han name's pinyin and a Latin word are one name.

The hand rules of ``phonetic`` (``reads_as``: consonant classes in order, four at least) miss names whose
letters and pinyin differ more than a class allows (克里斯托弗 ke-li-si-tuo-fu and Christopher: ch read as k,
ph as f; 特恩布尔 and Turnbull, the r written as 恩's vowel). This reader is a stochastic edit distance
(Ristad and Yianilos's memoryless transducer) between the toneless pinyin letters of a Han name and the
letters of a Latin word: each step emits a pinyin letter and a Latin letter together (a substitution), a
pinyin letter alone or a Latin letter alone, with probabilities learned by EM from the archive's own
glosses (``glosses.tsv``'s rows whose Han name transliterates one of its Latin words): the shipped table
``transliteration.tsv``, mined by ``bench/mine_transliteration.py`` (which also fits ``THRESHOLD`` on
held-out folds of glossed pairs against other rows' Latin words).

A pair's score is the log-likelihood ratio of the transducer's joint probability (summed over every
alignment) against the two strings drawn apart (each letter by its own frequency, the pinyin's and the
Latin's), per letter of the two. Used only to keep the comparison from claiming that one outlet alone
names someone (``stories.compare``), so a false match costs a missing claim, never a wrong one.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from newsmirror.text.packaged import packaged_rows
from newsmirror.text.phonetic import TRANSLITERATION_CHARS, may_transliterate, phonetic_key, same_first_sound
from newsmirror.text.tokenize import pos_tokenizer

# Fitted by ``bench/mine_transliteration.py --evaluate``: the mean of its five folds' thresholds, each the lowest whose rate of
# false matches against other rows' Latin words is at most ``bench/mine_transliteration.FALSE_RATE`` on the fold's training part.
THRESHOLD = 0.476

# The shorter strings match by chance: a Han name of this many syllables at least, a Latin word of this many letters.
MIN_SYLLABLES = 3
MIN_LETTERS = 5

END = "$"  # the transducer's end symbol in the table


@dataclass(frozen=True)
class Model:
    """The transducer's probabilities (substitutions, pinyin letters alone, Latin letters alone, the end) and
    the two strings' letter frequencies apart (with each string's end)."""

    sub: Mapping[tuple[str, str], float]
    pinyin_only: Mapping[str, float]
    latin_only: Mapping[str, float]
    end: float
    pinyin_apart: Mapping[str, float]
    latin_apart: Mapping[str, float]


def pinyin_letters(han: str) -> str:
    """The toneless pinyin of a name's Han characters, run together (ü as v); other characters left out."""
    return "".join(lazy_pinyin("".join(c for c in han if "\u3400" <= c <= "\u9fff"), errors="ignore")).lower()


def latin_letters(word: str) -> str:
    """A Latin word's letters, accents taken off, lower case."""
    bare = unicodedata.normalize("NFKD", word)
    return "".join(c for c in bare.lower() if "a" <= c <= "z")


def log_joint(x: str, y: str, model: Model) -> float:
    """The natural log of the transducer's probability of emitting ``x`` (pinyin) and ``y`` (Latin) together,
    summed over every alignment (the forward algorithm)."""
    sub, xo, yo = model.sub, model.pinyin_only, model.latin_only
    previous = [0.0] * (len(y) + 1)
    previous[0] = 1.0
    for j in range(1, len(y) + 1):
        previous[j] = previous[j - 1] * yo.get(y[j - 1], 0.0)
    for i in range(1, len(x) + 1):
        a = x[i - 1]
        alone = xo.get(a, 0.0)
        row = [previous[0] * alone] + [0.0] * len(y)
        for j in range(1, len(y) + 1):
            b = y[j - 1]
            row[j] = previous[j] * alone + row[j - 1] * yo.get(b, 0.0) + previous[j - 1] * sub.get((a, b), 0.0)
        previous = row
    total = previous[len(y)] * model.end
    return math.log(total) if total > 0 else -math.inf


def log_apart(s: str, letters: Mapping[str, float]) -> float:
    """The natural log of a string's probability drawn letter by letter by its own frequencies (``END`` closing it)."""
    total = math.log(letters.get(END, 1e-9))
    for c in s:
        total += math.log(letters.get(c, 1e-9))
    return total


def score(x: str, y: str, model: Model) -> float:
    """The log-likelihood ratio of ``x`` and ``y`` being one name against their being drawn apart, per letter."""
    if not x or not y:
        return -math.inf
    return (log_joint(x, y, model) - log_apart(x, model.pinyin_apart) - log_apart(y, model.latin_apart)) / (len(x) + len(y))


def read_model(rows: list[list[str]]) -> Model:
    """A model from a table's rows: ``kind, a, b, probability`` (kind: sub, pinyin, latin, end, pinyin-apart, latin-apart)."""
    sub: dict[tuple[str, str], float] = {}
    xo: dict[str, float] = {}
    yo: dict[str, float] = {}
    xa: dict[str, float] = {}
    ya: dict[str, float] = {}
    end = 0.0
    for kind, a, b, p in rows:
        value = float(p)
        if kind == "sub":
            sub[(a, b)] = value
        elif kind == "pinyin":
            xo[a] = value
        elif kind == "latin":
            yo[b] = value
        elif kind == "end":
            end = value
        elif kind == "pinyin-apart":
            xa[a] = value
        elif kind == "latin-apart":
            ya[b] = value
    return Model(sub, xo, yo, end, xa, ya)


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    return read_model(list(packaged_rows("transliteration.tsv")))


@lru_cache(maxsize=1 << 14)
def _pair_score(pinyin: str, word: str) -> float:
    return score(pinyin, word, shipped_model())


def read_alike(a: str, b: str) -> bool:
    """Whether the transducer reads one Han transliteration's toneless pinyin as the other's, either way round, at
    ``THRESHOLD`` (蓬佩奥 peng-pei-ao and 庞皮欧 pang-pi-ou: .98; 希特勒 and 斯坦利: .59; 中央社 and 显微镜: .05). The
    transducer is fitted on pinyin against the Latin letters of the name transliterated, and a transliteration's pinyin
    stays close to those letters, so two spellings of one name read as each other as each reads as the original: a
    weaker test than a Latin word's (``phonetic.spelt_alike`` asks it only of names whose sound classes agree and which
    share no character)."""
    pinyin_a, pinyin_b = pinyin_letters(a), pinyin_letters(b)
    return bool(pinyin_a and pinyin_b) and max(_pair_score(pinyin_a, pinyin_b), _pair_score(pinyin_b, pinyin_a)) >= THRESHOLD


def latin_candidates(latin: str) -> list[str]:
    """The words of a Latin name a Han name may transliterate: a one-word name itself; of several words the last
    (the surname, which outlets write alone: 特恩布尔 of Malcolm Turnbull) and all of them run together (the full
    name, 克里斯托弗雷 of Christopher Wray once the name's dot is folded), never a given name alone (博雷尔 is no
    Boris); each of ``MIN_LETTERS`` letters or more."""
    words = [w for w in (latin_letters(word) for word in latin.split()) if w]
    if len(words) > 1:
        words = [words[-1], "".join(words)]
    return [w for w in dict.fromkeys(words) if len(w) >= MIN_LETTERS]


def may_be_person(han: str) -> bool:
    """``phonetic.may_transliterate`` (a run of transliteration characters or a word tagged nrt, nr or ns) but no word
    the dictionary tags as a place (ns: 立陶宛, 布鲁塞尔): the check asks about people's names, and places have their
    standard forms (the dictionaries' glosses) that a reader by sound only confuses with people (布拉格 and Borut)."""
    return may_transliterate(han) and pos_tokenizer().word_tag_tab.get(han) != "ns"


def reads_by_sound(han: str, latin: str) -> bool:
    """Whether a Han name of ``MIN_SYLLABLES`` characters or more that may be a person's (``may_be_person``) is, by
    the fitted transducer, one of a Latin name's candidates (``latin_candidates``) beginning with the same sound
    (``phonetic.same_first_sound``: a transliteration keeps a name's first consonant, or its lack of one):
    克里斯托弗 of Christopher Wray, 特恩布尔 of Malcolm Turnbull."""
    pinyin = _person_pinyin(han)
    return bool(pinyin) and any(same_first_sound(han, word) and _pair_score(pinyin, word) >= THRESHOLD
                                for word in latin_candidates(latin))


@lru_cache(maxsize=1 << 14)
def _person_pinyin(han: str) -> str:
    """``pinyin_letters`` of a Han name ``reads_by_sound`` reads ("" for any other): asked once a name, as the
    comparison asks a name against every Latin word of an outlet's text."""
    syllables = sum("\u3400" <= c <= "\u9fff" for c in han)
    return pinyin_letters(han) if syllables >= MIN_SYLLABLES and may_be_person(han) else ""


# Two writings of one foreign name in one fact (session 55, onlyx83): a Han name is read as a transliteration there by its
# characters, most of them transliteration characters (奥黑尔, 奥夫拉多尔: jieba's dictionary knows neither whole), and
# then from two syllables on (贝利), as ``reads_by_sound`` reads no name anywhere in a text.
FOREIGN_SHARE = 0.5
_FOREIGN_CHARS = frozenset(TRANSLITERATION_CHARS)


def foreign_by_characters(han: str) -> bool:
    """Whether a Han name of two characters or more is written mostly (over ``FOREIGN_SHARE``) in transliteration
    characters: a foreign name's spelling, not a Chinese name (李运腾) nor a word of the language (白宫, 脸书)."""
    if len(han) < 2 or not all("\u3400" <= c <= "\u9fff" for c in han):
        return False
    return sum(c in _FOREIGN_CHARS for c in han) > FOREIGN_SHARE * len(han)


def spelt_otherwise_in_fact(a: str, b: str) -> bool:
    """Whether two Han names written in one fact by two outlets are one foreign name spelt two ways by the transducer
    (``read_alike``: 奥黑尔 and 奥哈拉, O'Hare; 福斯 and 福克斯, Fox): both foreign by their characters, neither inside
    the other, their first syllables of one sound class (a transliteration keeps a name's first sound). Only for the
    names of one fact: anywhere in a text two short names read alike by chance."""
    if a == b or a in b or b in a or not (foreign_by_characters(a) and foreign_by_characters(b)):
        return False
    return phonetic_key(a[:1]) == phonetic_key(b[:1]) and read_alike(a, b)


def reads_in_fact(han: str, latin: str) -> bool:
    """Whether a Han name written in one fact, foreign by its characters (two syllables or more), is by the transducer
    one of a Latin name's candidates (``latin_candidates``: its last word, or all its words run together; never a given
    name alone), beginning with the same sound: 奥夫拉多尔 of Lopez Obrador (the second surname only), 贝利 of Nabih
    Berri. Only for the names of one fact, as ``spelt_otherwise_in_fact``."""
    if not foreign_by_characters(han):
        return False
    pinyin = pinyin_letters(han)
    return any(same_first_sound(han, word) and _pair_score(pinyin, word) >= THRESHOLD for word in latin_candidates(latin))


def transliterates_word(han: str, word: str) -> bool:
    """Whether a Han run, foreign by its characters, is by the transducer one Latin word's transliteration (a word of
    ``min_letters`` letters or more), beginning with its sound: ``reads_in_fact``'s test of one word, for a name read
    word by word (``text.word_by_word``: 福克斯 and 福斯 of Fox)."""
    letters = latin_letters(word)
    return (len(letters) >= WORD_LETTERS and foreign_by_characters(han) and same_first_sound(han, letters)
            and _pair_score(pinyin_letters(han), letters) >= THRESHOLD)


WORD_LETTERS = 3  # a shorter Latin word (US, EU) is not read by its sound
