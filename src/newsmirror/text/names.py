"""Whether a word a sentence was cut into is a name a reader could look up, or junk.

A comparison's "details" are the names one outlet gives and another leaves out. jieba's words
are a poor stand-in for names on their own: its dictionary tags many phrases as names (经济繁荣
nr, 中美关系 nt, 达成协议 nz), and where two outlets spell a foreign name differently it cuts
one of them into pieces (林德梅耶 -> 林德梅 + 耶, 林德梅尔 -> 林 + 德梅尔). The test here asks
for positive evidence of a name and rejects pieces, using only the dictionary, its tags and
counts, the alias table and the sentence the word comes from (no list of bad words).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import combinations
from pathlib import Path

from newsmirror.text.aliases import canonical_names
from newsmirror.text.dictionary_glosses import (
    dictionary_forms,
    dictionary_holds,
    only_common_word,
    proper_name,
)
from newsmirror.text.name_usage import used_as_common_word
from newsmirror.text.phonetic import TRANSLITERATION_CHARS, reads_as, same_sound, transliterated_names
from newsmirror.text.table_cache import cached_table, source_of
from newsmirror.text.tokenize import in_dictionary, pos_tokenizer, tagged_words
from newsmirror.text.transliteration import foreign_by_characters

# Tags of names in jieba's dictionary and tagger.
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
# Tags of a word of two or more characters that a name does not begin with: adverbs,
# prepositions, times, numerals, localisers, pronouns (重新安装, 上周…). Not verbs: 支付宝.
_PHRASE_START = frozenset({"d", "ad", "p", "c", "u", "r", "t", "m", "mq", "q", "f"})
# One-character words a name does not begin with: prepositions, conjunctions, particles
# (由北向南; a word jieba does not know does not end with one either). Other single characters
# say nothing: 莫里森 begins with the adverb 莫, 克莱顿 with the measure 克, 西太平洋 with a
# localiser. And the kinds of word of two or more characters a name does not end with (上周四).
_FUNCTION_WORDS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud"})
_TIME_OR_COUNT = frozenset({"t", "m", "mq", "q"})
# A name not in the alias table has at least this many characters, unless it is a place the
# dictionary attests (斐济, 台北) that does not begin with a localiser, numeral or time (上台,
# 四国, 中加): other two-character words it tags as names are mostly common words or given
# names alone (延后 nr, 许诺 nr, 高阶 nr, 对华 nz, 约翰 nrt; 多国 ns from the bulk list).
MIN_CHARS = 3
_PLACE_NOT_START = frozenset({"f", "m", "mq", "t"})
# Most of jieba's dictionary entries carry its floor count (3); their tags are a bulk list's
# and no better than guesses. Counts above it come from tagged text.
_BULK_COUNT = 3
# A dictionary word ending in a common noun is a name when most attested words with that
# ending are names (…电信, …群岛, …卫视), a phrase when they are not (…关系: 人际关系).
NAME_ENDING_SHARE = 0.5
# A one-character ending (网, 云, 部) says less: the dictionary's tags of attested words made
# alike (a common word + that character: 交通网, 对流云, 人事部 not names; 交通部, 新闻网 names)
# are noisy, so a word is read as a phrase only when such words are seldom names (网 0.20, 云
# 0.20, 团 0.15, 性 0.03) and not when the tags are split (部 0.30, 局 0.29): set on the tuning
# stories' examples (新闻网, 蘑菇云 against 外交部, 国防部).
ONE_CHAR_NAME_SHARE = 0.25
# Kinds of word that do not make a common-word compound with a one-character ending (三十七部,
# 一两处, 这部): numerals, measures, times, pronouns, adverbs, prepositions, conjunctions,
# localisers.
_NOT_MODIFIER = frozenset({"m", "mq", "q", "t", "r", "d", "p", "c", "f"})
# Fragments: a word that a dictionary word of the sentence crosses, when that is this long or
# longer (对华|盛顿 against 华盛顿) or an attested name (宙|斯盾舰 against 宙斯); other
# two-character words cross by chance too often.
CROSSING_CHARS = 3
_HAN = re.compile(r"[\u4e00-\u9fff]")
_RUN = re.compile(f"[{TRANSLITERATION_CHARS}]{{3,}}")


def is_name_detail(word: str, sentence: str) -> bool:
    """Whether ``word`` (normalized: Simplified, from jieba's cut of ``sentence``, normalized
    too) is a whole name: in the alias table; or not a piece of a longer name or word of the
    sentence and either an attested place, or a word of ``MIN_CHARS`` or more that the
    dictionary tags as a name and does not analyse as a phrase, or an unknown word that the
    tagger reads as one name or that is a transliteration. A tagged word that news text uses
    like a common word (``text.name_usage``) is no name, nor one the bilingual dictionary holds only
    as a common word, unless the sentence glosses it with a Latin name (``_common_by_dictionary``)."""
    if word in _aliases():
        return True
    if is_fragment(word, sentence):
        return False
    if _common_by_dictionary(word, sentence):
        return False
    if _head_of_common_compound(word, sentence):
        return False
    tokenizer = pos_tokenizer()
    tag = tokenizer.word_tag_tab.get(word)
    if len(word) < MIN_CHARS:
        return (tag == "ns" and _attested_name(word) and tokenizer.word_tag_tab.get(word[0]) not in _PLACE_NOT_START
                and not _common_in_use(word, sentence) and not _short_place_unheld(word))
    if tokenizer.tokenizer.FREQ.get(word, 0) <= _BULK_COUNT and _function_edge(word):
        return False
    if tag is None:
        return _unknown_is_name(word)
    if tag == "nr" and _person_tag_wrong(word):
        return False
    if _common_compound_tagged(word, tag, sentence):
        return False
    return tag in NAME_TAGS and not is_phrase(word) and not _common_in_use(word, sentence)


# A place's name of two characters is read as one only where the dictionary attests it (``MIN_CHARS``); of those, the
# ones CC-CEDICT holds no entry of and that are no transliteration are mostly two words of the language jieba's bulk
# list tags as a place (新旧, 以利, 广达, 北区: session 60, onlyx98): a country, city or region of two characters has an
# entry (斐济, 台北, 澳门), a foreign one is written in transliteration characters (华纳, 巴尔).
SHORT_PLACES_HELD = True


def _short_place_unheld(word: str) -> bool:
    """Whether a two-character place word is no name by ``SHORT_PLACES_HELD``: CC-CEDICT has no entry of it and it
    is not written in transliteration characters."""
    return SHORT_PLACES_HELD and not dictionary_holds(word) and not foreign_by_characters(word)


# jieba's dictionary tags many compounds of common words as names, and which of its entries those are shows in two
# places (session 60, onlyx98): "other proper nouns" (nz) counted in its tagged text, which are mostly terms (反潜巡逻机,
# 无线电报, 国家机器: its bulk-list nz entries are mostly titles of papers and works, 苹果日报), and organisations (nt)
# known from its bulk list alone, which are mostly an organisation's generic head (驻华使馆, 邮电大学, 中级法院,
# 秘密组织, 劳工局). Such a word is no name when CC-CEDICT holds no entry of it (a name of any standing has one:
# 南华早报, 大阪府), its cut begins with no proper name of CC-CEDICT's (中共 of 中共军队, 潇湘 of 潇湘晨报: a name
# qualifies the head), it is two words of jieba's cut, no enterprise's name with its legal form, and no transliteration.
COMMON_TERMS = True  # nz with a count of tagged text
GENERIC_BODIES = True  # nt with the bulk list's count
COMPOUND_WORDS = 2
_LEGAL_FORMS = ("公司", "集团")


def _common_compound_tagged(word: str, tag: str, sentence: str) -> bool:
    """Whether ``word``, tagged ``tag`` by jieba's dictionary, is a compound of common words the dictionary tags as a
    name (``COMMON_TERMS``, ``GENERIC_BODIES``): not where the sentence glosses it with a Latin name (a text writing
    it so uses it as a name) nor where a name qualifies it there (``longer_name``: the whole name is the detail)."""
    count = pos_tokenizer().tokenizer.FREQ.get(word, 0)
    if not ((COMMON_TERMS and tag == "nz" and count > _BULK_COUNT)
            or (GENERIC_BODIES and tag == _ORGANISATION_TAG and count <= _BULK_COUNT)):
        return False
    if dictionary_holds(word) or foreign_by_characters(word):
        return False
    # A generic compound is a qualifier and a head, two words; a name of three words or more is specific (国家|烟草|
    # 专卖局), and an enterprise's name is a trade name of common words with its legal form (浪潮集团, 标准普尔公司).
    parts = split(word)
    if len(parts) != COMPOUND_WORDS or proper_name(parts[0]) or word.endswith(_LEGAL_FORMS):
        return False
    if re.search(re.escape(word) + _LATIN_AFTER, sentence):
        return False
    return longer_name(word, sentence) is None


def _person_tag_wrong(word: str) -> bool:
    """Whether a word jieba's dictionary tags as a person (nr) begins with a common word: its cut (``split``) begins
    with a word of two characters or more that CC-CEDICT holds only as a common word (道德 of 道德风尚, 麻醉 of
    麻醉品), and CC-CEDICT does not hold the word itself as a proper name. A person's name begins with a surname or
    a foreign name's first syllables, never with a common word; jieba's tags of such first parts are no evidence
    (it tags 道德 and 顾问 nr too), so the dictionary's entries are asked. Organisations' and papers' names are made
    of common words (苹果日报, 国家环保局): the test is for the person's tag alone."""
    first = split(word)[0]
    return len(first) >= 2 and first != word and only_common_word(first) and not proper_name(word)


# A Latin name right after a word in a normalized sentence (its brackets and capitals left out by normalizing:
# 北门（North Gate） reads 北门 north gate): the text glosses the word as a name.
_LATIN_AFTER = r"\s*[a-z][a-z.'\-]{2,}"


def _common_by_dictionary(word: str, sentence: str) -> bool:
    """Whether CC-CEDICT holds ``word`` only as a common word (``text.dictionary_glosses.only_common_word``:
    jieba tags 攸关 and 麻醉品 as names, the dictionary knows them only with lower-case pinyin) and the sentence
    does not gloss it with a Latin name (a text writing 北门 (North Gate) uses it as a place's name). Not an
    organisation's head a name qualifies in ``sentence`` (商学院 of 汇丰|商学院): the whole name is the detail there
    (``longer_name``), as ``_common_in_use`` has it."""
    if not only_common_word(word) or re.search(re.escape(word) + _LATIN_AFTER, sentence):
        return False
    return longer_name(word, sentence) is None


def is_fragment(word: str, sentence: str) -> bool:
    """Whether every occurrence of ``word`` in ``sentence`` is a piece of something longer: a
    transliteration inside a longer run of transliteration characters (林德梅 in 林德梅耶,
    德梅尔 in 林德梅尔), a piece of a name a Latin gloss follows (新海 of 新海芬（New Haven）,
    ``_glossed_piece``), or a word that a dictionary word of ``CROSSING_CHARS`` or more
    crosses (对华 against 华盛顿 in 对华盛顿; ``CROSSING_CHARS``), or a word the dictionary
    knows only from its bulk list with a character glued to it (文攻武|吓, ``_glued``), or a word the
    dictionary lacks that the tagger's cut of the sentence reads otherwise everywhere (``_cut_otherwise``: 布琼次
    of 布琼次仁; the two models disagree on where the unknown word ends), or a name the cut parted from a
    transliteration character glued to it (安|托诺夫: ``CUT_FROM_TRANSLITERATION``)."""
    starts = [k for k in range(len(sentence)) if sentence.startswith(word, k)]
    if not starts:
        return False
    transliterated = all(c in TRANSLITERATION_CHARS for c in word)
    # Only a word the dictionary knows from its bulk list alone is tested for a glued
    # character: its tag is a guess, and a known or tagged-text name says 宋忠平|说.
    guessed = 0 < pos_tokenizer().tokenizer.FREQ.get(word, 0) <= _BULK_COUNT
    if not in_dictionary(word) and all(_cut_otherwise(sentence, start, start + len(word)) for start in starts):
        return True
    dag = _dag(sentence)
    for start in starts:
        end = start + len(word)
        run = next((m for m in _RUN.finditer(sentence) if m.start() <= start and end <= m.end()), None)
        inside_run = transliterated and run is not None and run.end() - run.start() > len(word)
        if not inside_run and not _crossed(dag, start, end, sentence) and not (
                guessed and _glued(dag, start, end, sentence)) and not _glossed_piece(sentence, start, end) and not (
                CUT_FROM_TRANSLITERATION and _cut_from_transliteration(sentence, start, end)):
            return False
    return True


# A foreign name jieba's dictionary reads from a longer transliteration (安|托诺夫 of 安托诺夫26式运输机, Antonov 26:
# 托诺夫 is a dictionary name, so the cut leaves 安 as a word of its own): the name's first (last) character is a
# transliteration character and the word of the cut right before (after) it is one transliteration character too,
# no function word, numeral, measure, time, localiser, pronoun, adverb or name of its own (美|英|法 are names). The
# word is then a proper part of a longer name-like run of the sentence, never a name to list alone (session 69,
# copy69: reader68's "只有中央社提到：托諾夫" on tuning day 2020-09-25). Off (False) = main's claims. Off: on, it moved
# no claim of the only-X tuning samples A-AT but K (1,499 claims) nor of the 66 tuning fact files (257), so it did
# not pass copy69's rule (false + not-a-name down); it removes the one claim it was made for (bench/days_results.md).
CUT_FROM_TRANSLITERATION = False
_NOT_GLUE = frozenset({*_FUNCTION_WORDS, *_TIME_OR_COUNT, "f", "r", "d", "j", *NAME_TAGS})


def _cut_from_transliteration(sentence: str, start: int, end: int) -> bool:
    """Whether the word at ``sentence[start:end]`` (a word of jieba's cut of the normalized sentence) has a
    transliteration character glued to it by ``CUT_FROM_TRANSLITERATION``'s test."""
    tokens = _placed(sentence)
    at = next((k for k, (where, piece, _flag) in enumerate(tokens) if where == start and len(piece) == end - start),
              None)
    if at is None:
        return False
    for neighbour, edge in ((at - 1, sentence[start]), (at + 1, sentence[end - 1])):
        if 0 <= neighbour < len(tokens):
            _where, piece, flag = tokens[neighbour]
            if (len(piece) == 1 and piece in TRANSLITERATION_CHARS and edge in TRANSLITERATION_CHARS
                    and flag not in _NOT_GLUE):
                return True
    return False


def _cut_otherwise(sentence: str, start: int, end: int) -> bool:
    """Whether the tagger's cut of the sentence (``_tagged``: its own joint model of unknown runs) reads the unknown
    word at ``start:end`` (jieba-rs's HMM guess) otherwise than as one word: inside a longer word (布琼次 of
    布琼次仁), across its edge, or cut into pieces one of which it does not tag as a name (抗冠|毒 of 抗冠毒). Pieces
    all tagged as names (林克维/nr|丘斯/nr of 林克维丘斯) are the same name read in parts: not otherwise."""
    inside: list[str] = []
    for position, piece, flag in _placed(sentence):
        stop = position + len(piece)
        if position < end and start < stop:
            if position < start or end < stop:
                return True
            inside.append(flag)
    return len(inside) > 1 and not all(flag in NAME_TAGS for flag in inside)


def _placed(sentence: str) -> list[tuple[int, str, str]]:
    """The tagger's cut of the sentence (``_tagged``) as (where each word starts, the word, its tag)."""
    placed: list[tuple[int, str, str]] = []
    position = 0
    for piece, flag in _tagged(sentence):
        placed.append((position, piece, flag))
        position += len(piece)
    return placed


# In a normalized sentence a Latin gloss's brackets are spaces: 新海芬 new haven. The transliteration characters
# running from a word to the gloss right after it, and those running into a word the gloss follows.
_TO_GLOSS = re.compile(f"([{TRANSLITERATION_CHARS}]+) +([a-z][a-z .'-]*)")
_INTO_WORD = re.compile(f"[{TRANSLITERATION_CHARS}]+$")
_GLOSS_START = re.compile(r" +([a-z][a-z .'-]*)")


def _glossed_piece(sentence: str, start: int, end: int) -> bool:
    """Whether the word at ``sentence[start:end]`` (normalized) is a piece jieba cut from the one name a Latin gloss
    right after it glosses: the name runs on from the word in transliteration characters to the gloss (新海|芬 new
    haven: New Haven, 新 translated, 海芬 transliterated), or begins in transliteration characters before the word,
    which ends right at the gloss (维沙哈巴|南港 visakhapatnam). The name's claim is then its gloss's, not the piece's.
    The rest is a piece too, no name of its own: no word of the dictionary but a single character (沙特 of 沙特利雅得
    riyadh is a name; 利雅得 is one too), not read as the gloss by itself, and, right before the gloss, shorter than
    a run of transliteration characters that is a foreign name (``_RUN``: 博索纳罗 of 巴西博索纳罗 jair bolsonaro is
    the glossed name, 巴西 another); a syllable or two jieba could not join to the word (芬). Not an organisation's
    head a name qualifies (彭博|新闻社 bloomberg news): the whole name is the detail there (``longer_name``)."""
    after = _TO_GLOSS.match(sentence, end)
    if after:
        rest, gloss = after.group(1), after.group(2)
        if _RUN.fullmatch(rest):
            return False
    else:
        into = _INTO_WORD.search(sentence, 0, start)
        gloss_after = _GLOSS_START.match(sentence, end)
        if into is None or gloss_after is None:
            return False
        rest, gloss = into.group(0), gloss_after.group(1)
    return ((len(rest) == 1 or not in_dictionary(rest)) and not reads_as(rest, gloss)
            and longer_name(sentence[start:end], sentence) is None)


# An organisation's name that jieba cuts into pieces is a name ending in the organisation's head
# (俄罗斯|卫星|通讯社): at most this many nominal words before the head, the first of them a name.
ORGANISATION_PIECES = 3
_ORGANISATION_TAG = "nt"
_PLACE_TAG = "ns"
_NOMINAL_TAGS = ("n", "j")  # jieba's noun tags (n, ns, nr, ...) and abbreviations (j)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def longer_name(word: str, sentence: str) -> str | None:
    """The whole name a word the dictionary tags as an organisation (``nt``: 通讯社, 外交部) is
    only the head of in ``sentence`` (normalized), when every occurrence of it there ends such a
    name (``_qualified_from``), less a place it begins with: 卫星通讯社 of 俄罗斯|卫星|通讯社. The
    head alone is no name of its own there: "only X names 通讯社" would claim a word every news
    report may use. None when the word stands alone once, or only a place qualifies it."""
    if pos_tokenizer().word_tag_tab.get(word) != _ORGANISATION_TAG:
        return None
    tokens = _tagged(sentence)
    found: str | None = None
    for k, (piece, _flag) in enumerate(tokens):
        if piece != word:
            continue
        start = _qualified_from(tokens, k)
        # A place before the name is where the body is, not its name (台湾|外交部 is 外交部 of Taiwan,
        # 俄罗斯|卫星|通讯社 is 卫星通讯社): other outlets may name it without the place.
        while start is not None and start < k and tokens[start][1] == _PLACE_TAG:
            start += 1
        if start is None or start == k:
            return None
        found = found or "".join(p for p, _f in tokens[start : k + 1])
    return found


def _qualified_from(tokens: tuple[tuple[str, str], ...], head: int) -> int | None:
    """Where the qualifier of the organisation's head ``tokens[head]`` begins: the earliest of up
    to ``ORGANISATION_PIECES`` nominal words right before it that is a name of two characters or
    more (俄罗斯 of 俄罗斯|卫星|通讯社), not crossing another organisation (商务部|农业部 is a list of
    two bodies); None when no name qualifies it."""
    start = None
    for j in range(head - 1, max(head - 1 - ORGANISATION_PIECES, -1), -1):
        before, flag = tokens[j]
        if flag == _ORGANISATION_TAG or not (flag.startswith(_NOMINAL_TAGS) and _HAN_RUN.fullmatch(before)):
            break
        if len(before) >= 2 and flag in NAME_TAGS:
            start = j
    return start


# Tags of a common noun that may qualify an organisation's head in a name jieba's dictionary lacks (国土 n of
# 国土|安全部, 卫生 an of 卫生|福利部, 规划 n of 规划|财务司); names, places and bodies are not among them.
_COMMON_QUALIFIER_TAGS = frozenset({"n", "vn", "an"})


def _head_of_common_compound(word: str, sentence: str) -> bool:
    """Whether ``word``, a word jieba's dictionary tags as an organisation (``nt``: 安全部, 福利部), is at each of its
    occurrences in the tagger's cut of ``sentence`` (normalized) the head of a body's name the dictionary lacks,
    written right after a common noun of two Han characters or more (国土|安全部, 卫生|福利部, 规划|财务司): a body's
    name is modifier + head, and the head alone (a ministry of security of no one) names no body any report about
    such bodies could not write. Not when ``longer_name`` reads the whole name (a name qualifies the head: 俄罗斯|卫星|
    通讯社), nor after a place (台湾|外交部: where the body is) or another body, nor a head CC-CEDICT holds as a proper
    name or whose first part (``split``) it holds as one: a name of its own, which a common noun before it stands in
    apposition to (执政党|民进党, 官媒|新华社, 制造商|波音公司), not qualifies."""
    if pos_tokenizer().word_tag_tab.get(word) != _ORGANISATION_TAG or longer_name(word, sentence) is not None:
        return False
    if len(word) < 2 or proper_name(word) or proper_name(split(word)[0]):
        return False
    tokens = _tagged(sentence)
    seen = False
    for k, (piece, _flag) in enumerate(tokens):
        if piece != word:
            continue
        before, flag = tokens[k - 1] if k else ("", "")
        if not (flag in _COMMON_QUALIFIER_TAGS and len(before) >= 2 and _HAN_RUN.fullmatch(before)):
            return False
        seen = True
    return seen


def organisation_head(name: str) -> str | None:
    """The head of an organisation's name that jieba cuts into a qualifier and that head
    (``longer_name``'s kind: 通讯社 of 俄罗斯卫星通讯社); None for any other name."""
    if in_dictionary(name):
        return None
    tokens = _tagged(name)
    if len(tokens) < 2 or tokens[-1][1] != _ORGANISATION_TAG or _qualified_from(tokens, len(tokens) - 1) != 0:
        return None
    return tokens[-1][0]


@lru_cache(maxsize=256)
def _tagged(sentence: str) -> tuple[tuple[str, str], ...]:
    """jieba's tagged words of a sentence, once per sentence for all its detail words."""
    return tuple(tagged_words(sentence))


@lru_cache(maxsize=256)
def _dag(sentence: str) -> dict[int, list[int]]:
    """jieba's dictionary words of ``sentence`` (start -> last indices): every detail word of one
    sentence is tested against the same one."""
    return pos_tokenizer().tokenizer.get_DAG(sentence)


def _glued(dag: dict[int, list[int]], start: int, end: int, sentence: str) -> bool:
    """Whether the word at ``start:end`` has, between it and the edge of its run of Han
    characters, one character that no dictionary word of the sentence covers and that is no
    function word: the word and that character are one unit the dictionary lacks (文攻武|吓 of
    the idiom 文攻武吓)."""
    tags = pos_tokenizer().word_tag_tab
    for k, beyond in ((end, end + 1), (start - 1, start - 2)):
        if not (0 <= k < len(sentence) and _HAN.match(sentence[k])):
            continue
        if 0 <= beyond < len(sentence) and _HAN.match(sentence[beyond]):
            continue
        covered = any(j <= k <= last for j in range(max(0, k - 8), k + 1) for last in dag.get(j, ()) if last > j)
        if not covered and tags.get(sentence[k]) not in _FUNCTION_WORDS:
            return True
    return False


def _crossed(dag: dict[int, list[int]], start: int, end: int, sentence: str) -> bool:
    """Whether a dictionary word of the sentence (``dag``: jieba's start -> last indices)
    starts before ``start`` and ends inside the word, or starts inside it and ends after."""
    for k in range(max(0, start - 8), end):
        for last in dag.get(k, ()):
            stop = last + 1
            if (k < start < stop < end or start < k < end < stop) and (
                    stop - k >= CROSSING_CHARS or _attested_name(sentence[k:stop])):
                return True
    return False


def is_phrase(word: str) -> bool:
    """Whether a dictionary word is a phrase of common words despite a name tag: it begins with
    an adverb, preposition, time or numeral (重新安装, 由北向南), ends in a time or
    count (上周四) or in a common noun that attested dictionary words seldom end names with
    (中美关系: 人际关系, 两岸关系), or, that ending unattested, no part of it is a name
    (经济繁荣, 重大进展)."""
    parts = split(word)
    if all(len(p) == 1 for p in parts):
        return False  # nothing to analyse: 夏威夷, 罗伯特
    tags = pos_tokenizer().word_tag_tab
    first, head = parts[0], parts[-1]
    if tags.get(first) in (_PHRASE_START if len(first) > 1 else _FUNCTION_WORDS):
        return True
    if len(head) == 1:
        return _common_compound(word)  # not by its tag: 云 is ns (云南) in 蘑菇云
    if tags.get(head) in NAME_TAGS:
        return False
    if tags.get(head) in _TIME_OR_COUNT:
        return True  # 上周四
    if tags.get(word) == "nr" and all(len(p) > 1 and tags.get(p) not in NAME_TAGS for p in parts):
        # A person's name is no string of common words, none a name (明显增加, 采取措施: the
        # dictionary's person tags on such strings are mostly wrong, 体格检查, 严守纪律).
        return True
    named, attested = _endings(head)
    if attested:
        return named / attested < NAME_ENDING_SHARE
    return not any(tags.get(p) in NAME_TAGS for p in parts if len(p) > 1)


def _common_compound(word: str) -> bool:
    """Whether ``word`` is a common word plus a one-character ending (新闻 + 网, 蘑菇 + 云) that
    attested dictionary words made alike seldom make a name with (``ONE_CHAR_NAME_SHARE``); a
    name plus the ending (朝鲜人, 台北市) or an unknown first part say nothing."""
    tags = pos_tokenizer().word_tag_tab
    modifier = word[:-1]
    if len(modifier) < 2 or tags.get(modifier) is None or tags[modifier] in NAME_TAGS | _NOT_MODIFIER:
        return False
    alike = [named for other, named in _common_compounds().get(word[-1], ()) if other != word]
    return bool(alike) and sum(alike) / len(alike) < ONE_CHAR_NAME_SHARE


def _common_compounds() -> dict[str, list[tuple[str, bool]]]:
    """Attested dictionary words of three or more characters that are a common dictionary word
    plus one character, by that character, each with whether it is a name."""
    return _attested_index()[1]


def _common_in_use(word: str, sentence: str) -> bool:
    """Whether news text uses the name-tagged ``word`` like a common word (治安 ns, 黑名单 nr:
    ``text.name_usage``), the tag being the dictionary's guess. Not a word built on an attested name
    (朝鲜|人, 温州|人): a people's name is used as common nouns are, and names all the same. Nor an
    organisation's head that a name qualifies in ``sentence`` (新闻社, a common noun, of 彭博|新闻社): the
    whole name is the detail there (``longer_name``)."""
    if not used_as_common_word(word) or any(len(part) > 1 and _attested_name(part) for part in split(word)):
        return False
    return longer_name(word, sentence) is None


def _attested_name(word: str) -> bool:
    tokenizer = pos_tokenizer()
    return tokenizer.word_tag_tab.get(word) in NAME_TAGS and tokenizer.tokenizer.FREQ.get(word, 0) > _BULK_COUNT


# Bounded: one entry per word tested, and a worker runs for weeks.
@lru_cache(maxsize=1 << 14)
def split(word: str) -> tuple[str, ...]:
    """The most likely cut of ``word`` into shorter dictionary words (jieba's own choice with
    the word itself left out of the dictionary)."""
    freq = pos_tokenizer().tokenizer.FREQ
    total = math.log(pos_tokenizer().tokenizer.total)
    n = len(word)
    best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            piece = word[i:j]
            if piece == word:
                continue
            count = freq.get(piece) or (1 if j == i + 1 else 0)
            if count:
                options.append((math.log(count) - total + best[j][0], j))
        best[i] = max(options)
    parts = []
    i = 0
    while i < n:
        j = best[i][1]
        parts.append(word[i:j])
        i = j
    return tuple(parts)


def _endings(ending: str) -> tuple[int, int]:
    """How many attested dictionary words (count above the bulk floor) longer than ``ending``
    (two or more characters) end in it and are names, and how many end in it at all."""
    words = [named for word, named in _attested_by_ending().get(ending[-2:], ())
             if len(word) > len(ending) and word.endswith(ending)]
    return sum(words), len(words)


def _attested_by_ending() -> dict[str, list[tuple[str, bool]]]:
    """Attested dictionary words of three or more characters by their last two, each with
    whether it is a name."""
    return _attested_index()[0]


AttestedIndex = tuple[dict[str, list[tuple[str, bool]]], dict[str, list[tuple[str, bool]]]]


@cache
def _attested_index() -> AttestedIndex:
    """``_build_attested_index``, kept in the user's cache folder (``text.table_cache``) under a key
    of all it is built from: the scan took 0.2-0.4 s of every process's first comparison."""
    import jieba

    from newsmirror.text import tokenize
    from newsmirror.text.aliases import load_aliases

    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME  # the words and tags the tagger reads
    pos_tokenizer()  # its tag table is read before the key is made, as the build reads it
    stat = dictionary.stat()
    inputs: list[bytes | str] = [
        source_of(__file__), source_of(tokenize.__file__), repr(sorted(canonical_names())),
        repr([(alias.canonical, alias.kind) for alias in load_aliases()]),
        f"{jieba.__version__}|{dictionary}|{stat.st_size}|{stat.st_mtime_ns}",
    ]
    return cached_table("attested-index", inputs, _build_attested_index)


def _build_attested_index() -> AttestedIndex:
    """The attested dictionary words (count above the bulk floor) of three or more characters, each
    with whether it is a name, by their last two characters, and those that are a common word plus
    one character by that character: one scan of the whole dictionary builds both."""
    tokenizer = pos_tokenizer()
    freq, tags = tokenizer.tokenizer.FREQ, tokenizer.word_tag_tab
    by_ending: dict[str, list[tuple[str, bool]]] = {}
    compounds: dict[str, list[tuple[str, bool]]] = {}
    for word, tag in tags.items():
        if len(word) <= 2 or freq.get(word, 0) <= _BULK_COUNT:
            continue
        entry = (word, tag in NAME_TAGS)
        by_ending.setdefault(word[-2:], []).append(entry)
        modifier = word[:-1]
        if freq.get(modifier, 0) > 0 and tags.get(modifier) not in NAME_TAGS | _NOT_MODIFIER:
            compounds.setdefault(word[-1], []).append(entry)
    return by_ending, compounds


def _function_edge(word: str) -> bool:
    """Whether a word begins or ends with a one-character function word that jieba glued to a
    neighbour (于军演 of 用于军演, 和斯帕 of 和斯帕弗): asked only of words that
    jieba's dictionary does not know or knows only from its bulk list."""
    tags = pos_tokenizer().word_tag_tab
    return tags.get(word[0]) in _FUNCTION_WORDS or tags.get(word[-1]) in _FUNCTION_WORDS


def _unknown_is_name(word: str) -> bool:
    """A word jieba's dictionary does not know: a transliteration (all its characters are
    transliteration characters: 克瑞布斯), or one name to jieba's tagger (胡锡进 nr), not
    several words (发推文称 -> 发推 + 文称)."""
    if transliterated_names(word) == [word]:
        return True
    cut = pos_tokenizer().lcut(word)
    return len(cut) == 1 and cut[0].flag in NAME_TAGS


@cache
def _aliases() -> frozenset[str]:
    return frozenset(n for n in canonical_names() if not n.isascii())


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is a Chinese abbreviation (简称) of the name ``full``: its characters in
    order, the first kept (新州 of 新南威尔士州, 北约 of 北大西洋公约组织). The first may be another
    character of the same sound: a short form keeps the first syllable of the name as one region
    transliterates it (麻州 of 麻萨诸塞州, written 马萨诸塞州 in the PRC). A short form of four
    characters or more is read only as ``_long_abbreviation`` says."""
    if len(short) >= LONG_SHORT_FORM:
        return _long_abbreviation(short, full)
    if not 2 <= len(short) <= 3 or len(full) < len(short) + 2 or not same_sound(short[0], full[0]):
        return False
    rest = iter(full[1:])
    return all(char in rest for char in short[1:]) and not _nested(short, full)


# A short form this long keeps enough characters to be read without a dictionary of short forms.
LONG_SHORT_FORM = 4


def _long_abbreviation(short: str, full: str) -> bool:
    """Whether a short form of four characters or more abbreviates ``full`` (全国人大常委会 of
    全国人民代表大会常务委员会, 国际奥委会 of 国际奥林匹克委员会): its characters in order with the
    first and last kept, two characters or more left out, and not only one stretch left out of the
    middle. A name with one stretch left out is mostly another body of the same kind (北京大学 and
    北京师范大学, 中国银行 and 中国建设银行), while a short form shortens several words of the name."""
    if len(full) < len(short) + 2 or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full[1:])
    if not all(char in rest for char in short[1:]):
        return False
    return not any(full.startswith(short[:k]) and full.endswith(short[k:]) for k in range(1, len(short)))


# A name's first word of two characters that a short form may keep by its second character alone (香港: 港, 中共: 共):
# jieba's dictionary tags it a place, an organisation, another proper noun or an abbreviation (not 光明 n, whose
# 明 does not stand for it: 明报 is no short form of 光明日报).
_FIRST_WORD_TAGS = frozenset({"ns", "nt", "nz", "j"})
# jieba's tags a short form may have: a noun's (n, ns, nt, ...), an abbreviation's (j); or none (a word it does not know).
_SHORT_FORM_TAGS = ("n", "j")


def abbreviates_first_word(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of the name ``full`` that keeps the name's first word by that word's
    second character (港交所 of 香港联交所, 共军 of 中共军队, 港大 of 香港大学), the form ``abbreviates`` does not read
    (it keeps the first character): ``full`` (four characters or more) begins with a two-character word of
    ``_FIRST_WORD_TAGS``; ``short`` (two or three characters) begins with that word's second character and has its
    other characters in order in the rest of ``full``, and is no piece of the rest (国务院 of 美国国务院 is the name
    without its qualifier, not a short form). ``short`` is a noun or abbreviation to jieba (or unknown to it) and no
    common word (CC-CEDICT holds it only so, or news text uses it so: 国会 of 中国人大常委会 is another body)."""
    if not 2 <= len(short) <= 3 or len(full) < 4 or short[0] != full[1] or short in full[2:]:
        return False
    tags = pos_tokenizer().word_tag_tab
    if tags.get(full[:2]) not in _FIRST_WORD_TAGS or any(full[:end] in tags for end in range(3, len(full))):
        return False  # the first word is longer (白俄罗斯 of 白俄罗斯通讯社: 俄罗斯 is another country)
    tag = tags.get(short)
    if (tag is not None and not tag.startswith(_SHORT_FORM_TAGS)) or only_common_word(short) or used_as_common_word(short):
        return False
    rest = iter(full[2:])
    return all(char in rest for char in short[1:]) and _glossed_as_first_word(short, full[:2])


# The longest long name (characters) and short form ``keeps_head_of_each_word`` reads.
HEAD_KEPT_LONG = 12
HEAD_KEPT_SHORT = range(2, 5)


def keeps_head_of_each_word(short: str, long_words: Sequence[str]) -> bool:
    """Whether ``short`` is a short form of the name jieba cuts into ``long_words`` that keeps the name's last
    character (its head: 司, 局, 会, 州) and at least one character of each of its words, in order (美大司 of
    北美|大洋洲|司, 国安局 of 国家|安全局, 宾州 of 宾西法尼亚|州, 维园 of 维多利亚|公园), its first character the
    name's first, or the second of a two-character first word tagged a place, body, proper noun or abbreviation
    (美 of 北美, as ``abbreviates_first_word`` reads 港 of 香港). Two words or more, the name two characters longer
    than ``short`` at least and ``short`` no stretch of it. A word left out whole (美国政府 of 美国|特朗普|政府, 中金公司
    of 中国|国际金融公司) says the two are different names, not one shortened."""
    full = "".join(long_words)
    if (len(short) not in HEAD_KEPT_SHORT or len(long_words) < 2 or not 2 + len(short) <= len(full) <= HEAD_KEPT_LONG
            or short in full or short[-1] != full[-1] or not _HAN_RUN.fullmatch(short) or not _HAN_RUN.fullmatch(full)):
        return False
    starts = [0]
    if len(long_words[0]) == 2 and pos_tokenizer().word_tag_tab.get(long_words[0]) in _FIRST_WORD_TAGS:
        starts.append(1)
    word_of = [n for n, word in enumerate(long_words) for _char in word]
    for first in starts:
        if full[first] != short[0]:
            continue
        for middle in combinations(range(first + 1, len(full) - 1), len(short) - 2):
            places = (first, *middle, len(full) - 1)
            if (all(full[at] == char for at, char in zip(places, short, strict=True))
                    and {word_of[at] for at in places} == set(range(len(long_words)))):
                return True
    return False


def _glossed_as_first_word(short: str, first: str) -> bool:
    """Whether CC-CEDICT's English names of a short form, where it has any, hold what the name's first word names
    (港交所: hong kong stock exchange, of 香港: hong kong; 共党: communist party, of 中共: chinese communist party), or
    one is held in the other: a short form the dictionary glosses as something else is a name of its own (国会:
    congress, diet, parliament, whose 国 does not stand for 中国)."""
    theirs = [form for form in dictionary_forms(short) if form.isascii()]
    if not theirs:
        return True
    ours = [form for form in dictionary_forms(first) if form.isascii()]
    return any(mine in their or their in mine for mine in ours for their in theirs)


def _nested(short: str, full: str) -> bool:
    """Whether ``full`` holds a dictionary name one character longer than ``short`` that has the
    short form's characters in order, its first first (联合早报 of 联合报 in 联合早报记者): another
    name that nests the short one, not its full form (a short form leaves out two characters or
    more, and a name the dictionary knows is a name of its own)."""
    size = len(short) + 1
    tags = pos_tokenizer().word_tag_tab
    for start in range(len(full) - size + 1):
        word = full[start : start + size]
        if word != short and tags.get(word) in NAME_TAGS and same_sound(short[0], word[0]):
            rest = iter(word[1:])
            if all(char in rest for char in short[1:]):
                return True
    return False


def preload() -> None:
    """Build the attested-word index now (a scan of jieba's whole dictionary, ~0.2-0.4 s)
    instead of inside the first name test that needs it; see ``text.tokenize.preload``."""
    _attested_index()
