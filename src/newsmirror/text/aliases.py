"""Region-dependent names (普京/蒲亭, 特朗普/川普, 悉尼/雪梨 ...) folded to one form.

The table is packaged data (``aliases.tsv``); folding is for matching and search keys only,
never for stored or displayed text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsmirror.errors import NewsmirrorError
from newsmirror.text.script import convert, to_simplified_key


class AliasTableError(NewsmirrorError):
    """The packaged alias table is malformed."""


@dataclass(frozen=True, slots=True)
class Alias:
    kind: str  # person | place | org | term
    canonical: str
    variants: tuple[str, ...]


def _key(text: str) -> str:
    return to_simplified_key(unicodedata.normalize("NFKC", text)).lower()


def _keys(text: str) -> tuple[str, ...]:
    """Every form a name takes in a normalized text: its characters converted (the name inside
    Simplified text, which gets no phrase conversion), and its Taiwan-phrase form, which a
    Traditional text around it gets (布林肯 there becomes 布尔肯, 紐西蘭 新西兰)."""
    text = unicodedata.normalize("NFKC", text)
    return tuple(dict.fromkeys((convert(text, "t2s").lower(), convert(text, "tw2sp").lower())))


def parse_aliases(text: str) -> list[Alias]:
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise AliasTableError(f"alias table line {number}: expected kind, canonical, variants; got {line!r}")
        kind, canonical, variants = fields
        entries.append(Alias(kind, canonical.strip(), tuple(v.strip() for v in variants.split("|") if v.strip())))
    return entries


@cache
def load_aliases() -> tuple[Alias, ...]:
    data = resources.files("newsmirror.text").joinpath("aliases.tsv").read_text(encoding="utf-8")
    return tuple(parse_aliases(data))


@cache
def alias_map() -> dict[str, str]:
    """Normalized variant -> normalized canonical form (canonical forms map to themselves)."""
    mapping: dict[str, str] = {}
    for alias in load_aliases():
        canonical = _key(alias.canonical)
        mapping.setdefault(canonical, canonical)
        for name in (alias.canonical, *alias.variants):
            for key in _keys(name):
                mapping.setdefault(key, canonical)
    return mapping


@cache
def _pattern() -> re.Pattern[str]:
    """Every name, longest first at each position (小布什 wins over 布什, and a canonical 沙特阿拉伯
    is kept whole instead of its prefix 沙特 being folded again); Latin names must stand alone
    as words.

    The names are laid out as a trie (one branch per next character) behind a look-ahead on
    their first characters: Python's engine would otherwise try every one of the few hundred
    names at every character of the text (a tenth of an import's time). The trie tries longer
    branches before ending a name, so the match at each position is the longest valid name,
    as with an alternation sorted longest first (``tests/text/test_aliases.py`` compares them).
    """
    names = alias_map()
    first = "".join(sorted({re.escape(name[0]) for name in names}))
    return re.compile(f"(?=[{first}])" + _trie_pattern(names))


def _trie_pattern(names: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for character in name:
            node = node.setdefault(character, {})
        node[""] = name  # a name ends here

    def branch(node: dict[str, Any]) -> str:
        alternatives = [re.escape(character) + branch(node[character]) for character in sorted(node) if character]
        if "" in node:  # ending here is tried last, after every longer name through this node
            name = node[""]
            # (?<![a-z0-9]...) looks behind the name's first character: a Latin name is a word
            alternatives.append(rf"(?<![a-z0-9][\s\S]{{{len(name)}}})(?![a-z0-9])" if name.isascii() else "")
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return branch(trie)


# Characters of text jieba sees on each side of a name to decide where words begin (a long name
# such as 北京钓鱼台国宾馆 fits; the cut of a window is the cut of the text but at its edges).
_CONTEXT = 8
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether a name matched at ``start:end`` begins a word (``_starts_word``) and ends one
    (``_ends_word``), both read from one cut of the text around it: a side with no Han character
    next to the name needs no cut."""
    free_start = start == 0 or not _HAN.match(text[start - 1])
    free_end = end == len(text) or not _HAN.match(text[end])
    if free_start and free_end:
        return True
    # tokenize imports this module (its dictionaries add the canonical names)
    from newsmirror.text.tokenize import name_cut

    at = max(0, start - _CONTEXT)
    words = name_cut(text[at : end + _CONTEXT])
    return ((free_start or _starts_word(words, at, start))
            and (free_end or _ends_word(text, words, at, start, end)))


def _starts_word(words: list[str], at: int, start: int) -> bool:
    """Whether jieba (dictionary words only) begins a word where a name matched at ``start``;
    ``words`` is the cut of the text from ``at`` on.

    A variant is often the tail of a longer word or name: 中央通讯社 (CNA) in 朝鲜中央通讯社 (KCNA),
    油管 (YouTube) in 输油管道, 里奇 in 布里奇, 强生 in 加强生产, 汉城 in 武汉城市. Its fold there made
    another name (朝鲜中央社) or nonsense. jieba's dictionary knows most such words; it weighs them
    against the names, every one as strong as the canonical names are in ``tokenize`` (so a rare
    dictionary entry such as 和维尔 does not swallow 维尔新尼's start), with its HMM for unknown words
    off, so that a name is never glued to what precedes by a guess.
    """
    for word in words:
        at += len(word)
        if at >= start:
            return at == start
    return True


def _ends_word(text: str, words: list[str], at: int, start: int, end: int) -> bool:
    """Whether a name matched at ``start:end`` ends a word, as ``_starts_word`` asks of its start
    (``words``: the cut of ``text`` from ``at`` on).

    A variant is often the first part of a longer name: 鲍尔 (Powell) in 鲍尔丁 (Balding), whose fold
    made 鲍威尔丁, a Powell to matching and search. jieba's dictionary seldom knows the longer
    transliteration, so it cuts the variant off and leaves the rest in single characters; a
    transliteration (every character one of ``TRANSLITERATION_CHARS``) followed by such a single
    character that is one too, and not a function word (因, 比, 本: 普丁因病 is still Putin), is
    read as the start of a longer name. A dictionary word that begins inside the variant and runs
    past its end (生物 in 更强生物: 强生, Johnson, is not there) ends no word either, unless the
    canonical form ends with the variant's part of that word, so that folding leaves the word whole
    (北|朝鲜劳动党 folds to 朝鲜劳动党: 北朝鲜 is 朝鲜 there); a word holding the whole variant and more
    is a compound of the name and folds as before (加萨走廊, 澳洲籍), but for a longer
    transliteration the dictionary knows (鲍尔森, Paulson).
    """
    for number, word in enumerate(words):
        begins, at = at, at + len(word)
        if at > end:  # a word across the end: a longer name, a compound of the name, or its tail glued on
            if begins > start:  # it begins inside the variant: the fold may keep it whole
                return alias_map()[text[start:end]].endswith(text[begins:end])
            return not _transliteration(word)
        if at == end:
            following = words[number + 1] if number + 1 < len(words) else ""
            return not (len(following) == 1 and _continues_name(text[start:end], following))
    return True


def _continues_name(name: str, following: str) -> bool:
    """Whether the single character ``following`` after ``name`` carries a transliteration on."""
    from newsmirror.text.tokenize import pos_tokenizer

    return (_transliteration(name + following)
            and pos_tokenizer().word_tag_tab.get(following, "x")[0] not in _FUNCTION_TAGS)


def _transliteration(word: str) -> bool:
    from newsmirror.text.phonetic import TRANSLITERATION_CHARS

    return all(c in TRANSLITERATION_CHARS for c in word)


# jieba's tags of function words (prepositions, conjunctions, particles, pronouns, adverbs): a
# character of a name's tail is none of them.
_FUNCTION_TAGS = frozenset("pcurd")


def _fold_match(match: re.Match[str]) -> str:
    name = match.group(0)
    canonical = alias_map()[name]
    if canonical == name or name.isascii() or _whole_word(match.string, match.start(), match.end()):
        return canonical
    return name


def fold_aliases(normalized: str) -> str:
    """Replace every known variant by its canonical form, where the variant is a whole word: it
    begins one (``_starts_word``) and ends one (``_ends_word``: 鲍尔丁 is not 鲍尔 + 丁); a name's
    whole form in the table is tried first, so 小布希 folds as one.

    ``normalized`` must already be Simplified and lower case (see ``text.normalize``).
    """
    return _pattern().sub(_fold_match, normalized)


def canonical_names() -> list[str]:
    """Every canonical name, for tokenizer dictionaries."""
    return sorted(set(alias_map().values()))
