"""One name written two ways read as one term, for grouping's term vectors (``stories.cluster``, ``name_forms``).

Two reports of one event may write one name differently: a Latin name in one (WHO, Carrie Lam, an English report's
Joe Biden), its Han name in the other (世卫组织, 林郑月娥, 拜登); or two transliterations of one person (史达伟 and
史迪威 for David Stilwell, 佛奇 and 福奇 for Anthony Fauci) that the alias table (``text.aliases``) does not list.
Their term vectors then share nothing of the name. The archive's mined glosses (``glosses.tsv``, ``text.glosses``:
Han names and the Latin names outlets write beside them) say which forms are one name, with no list read from
labelled reports:

* a Han name's *class* is the set of Han names glossed with one Latin full name or its other writings (2+ words:
  a person's or an organisation's name; an acronym such as CDC glosses names of several bodies); each class reads as one
  canonical Han form (an alias table's canonical name if one is in the class, else the form most posts write);
  a Han form folds only when ``ONE_NAME_SHARE`` of its posts gloss it with one name (特朗普, glossed Donald,
  Ivanka and Melania Trump, is no one name's; 鲁卡申柯, glossed Alexander Lukashenko 61 times and Viktor twice,
  is), a name by jieba's dictionary
  (``tokenize.is_name``: 上市, glossed IPO, is a verb), is glossed in ``GLOSSED_SHARE`` of the posts that write it
  (美国, glossed New America in 4 of 21,750, is a piece of 新美国), shares a character with the class's form (two
  transliterations of one name share some sound: 史达伟 and 史迪威; a mined fragment or a title glossed with the
  same name, 小姐 or 顾问, shares none as a rule), and every class it is in reads as the same form;
* a Latin name folds to its class's form, or, for a name of one word, to the Han form of most of its posts
  (at least ``LATIN_SHARE``: WHO -> 世卫组织, 781 of 781; CDC's posts split between bodies, so it stays) when
  jieba's dictionary (with the alias names) knows that form as a name: a form it does not know is as a rule a
  mined compound (抖音海外版 for TikTok, 中国制造业采购经理人指数 for PMI, a company's officer for CEO), and a
  word most outlets write in Latin letters (TikTok, PMI) would become a heavy Han name only where folded;
  written as a name: every word capitalised (connectives aside), and a word of up to 4 letters all in capitals
  (WHO, not the English "Who are ...").

Matching keys only (a term of the vector): stored and displayed text is never changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from newsmirror.text.aliases import canonical_names
from newsmirror.text.fold import nfkc
from newsmirror.text.packaged import packaged_rows

# The share of a one-word Latin name's posts its Han form must have to stand for it.
LATIN_SHARE = 0.5
# The share of a Han form's posts that must gloss it with one name for it to be that name's form.
ONE_NAME_SHARE = 0.9
# The share of the posts writing a Han form that must gloss it for it to join a full name's class: a form written far
# more often than glossed is a common word or a piece of one, not the name's (美国, glossed New America in four posts
# of 21,750 that write it: 新美国 cut after 新; 克兰 of 乌克兰; 特斯 of 彼得斯). Set by reading the table's shares
# (session 56, mined without the fresh and unseen days): the class members under 1 % (美国 .0002, 加州大学, 美国智库,
# 伊拉, 克兰, 特斯, 卡罗: .007-.009) are all pieces or common words, the names over it (中国科兴 .013, 彭博 .021,
# 欧盟委员会 .024 ...) are names. Session 55's table folded 美国 into 美国基金会, a rare and heavy term, in every report
# that names the country: one story of the whole archive grew from 118 to 158 reports.
GLOSSED_SHARE = 0.01
# Longest Latin name read, in words (the table's longest names are titles with a name: "president donald trump").
_MOST_WORDS = 5
# Words a Latin name may hold in lower case (Bank of America, Johns Hopkins University and the like).
_CONNECTIVES = frozenset({"of", "and", "the", "for", "de", "du", "la", "le", "von", "van", "der", "da", "al", "bin"})
# A run of Latin words (letters, digits, inner apostrophes, points, ampersands and hyphens) with single spaces.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.&\-]*(?: [A-Za-z0-9][A-Za-z0-9'’.&\-]*)*")
_SEPARATORS = re.compile(r"[\W_]+")
_NOT_LETTER = re.compile(r"[^A-Za-z]+")
_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# jieba's dictionary tags of names (``tokenize.is_name``'s), which a one-word Latin name's Han form must have.
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


def _same_name(a: str, b: str) -> bool:
    """Whether two Latin keys are writings of one name: one holds the other's words (Alex Azar, Alex Azar II), or
    they end in one word and begin with the same three letters (Alexander, Aleksandr Lukashenko; not Ivanka and
    Donald Trump)."""
    wa, wb = a.split(), b.split()
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and wa[0][:3] == wb[0][:3]


def _latin_key(words: list[str]) -> str:
    """The table's form of a Latin name (``glosses.latin_key`` without the alias folding: Latin aliases are not
    in the table's Latin column, which was written after alias folding)."""
    key = _SEPARATORS.sub(" ", " ".join(words).lower()).strip()
    return key[4:] if key.startswith("the ") else key


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(Han form -> its class's form, Latin key -> Han form), as the module's docstring says."""
    return forms_of_rows(packaged_rows("glosses.tsv"))


def forms_of_rows(rows: Iterable[Sequence[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """(Han form -> its class's form, Latin key -> Han form) of the rows of a glosses table (Han name, Latin name,
    posts glossing it, outlets, posts writing the Han name: ``bench/mine_glosses.py``)."""
    from newsmirror.text.tokenize import dictionary_tag, is_name  # jieba's dictionary, loaded on first use

    posts: dict[str, dict[str, int]] = defaultdict(dict)  # Latin key -> Han form -> posts
    glossed: dict[str, dict[str, int]] = defaultdict(dict)  # Han form -> Latin key -> posts
    written: dict[str, int] = {}  # Han form -> posts writing it, glossed or not
    for han, latin, count, _outlets, writing in rows:
        posts[latin][han] = posts[latin].get(han, 0) + int(count)
        glossed[han][latin] = glossed[han].get(latin, 0) + int(count)
        written[han] = int(writing)
    canonical = set(canonical_names())

    def glossed_enough(han: str) -> bool:
        """Whether ``GLOSSED_SHARE`` of the posts writing a Han form gloss it (``GLOSSED_SHARE``'s comment)."""
        return sum(glossed[han].values()) >= GLOSSED_SHARE * written[han]

    def one_name(han: str) -> bool:
        """Whether ``ONE_NAME_SHARE`` of a Han form's posts gloss it with one name (its most posted gloss or a
        writing of that name: ``_same_name``); 特朗普 is glossed Donald, Ivanka, Melania Trump ...: not one name's."""
        latins = glossed[han]
        top = max(latins, key=lambda g: (latins[g], g))
        return sum(n for g, n in latins.items() if _same_name(g, top)) >= ONE_NAME_SHARE * sum(latins.values())

    # Full names (2+ words) and their Han forms; two full names that are one name's writings and share a Han form
    # are one class (David Stilwell, David R Stilwell; Alexander, Aleksandr Lukashenko).
    named = {latin: {h for h in hans if one_name(h) and is_name(h)}
             for latin, hans in posts.items() if latin.isascii() and len(latin.split()) >= 2}
    members = {latin: hans for latin, hans in named.items() if hans}
    group = {latin: latin for latin in members}

    def root(latin: str) -> str:
        while group[latin] != latin:
            latin = group[latin]
        return latin

    by_han: dict[str, list[str]] = defaultdict(list)
    for latin, hans in members.items():
        for han in hans:
            by_han[han].append(latin)
    for latins in by_han.values():
        for k, a in enumerate(latins):
            for b in latins[k + 1:]:
                if _same_name(a, b) and root(a) != root(b):
                    group[root(a)] = root(b)
    classes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for latin, hans in members.items():
        for han in hans:
            classes[root(latin)][han] += posts[latin][han]
    # A form glossed too rarely (``GLOSSED_SHARE``) is a class's form only when no other is glossed enough: a Latin
    # name may still read as it (Jack Ma as 马云, written in 435 posts, glossed in 3), no Han name folds into it.
    form_of = {key: min(counts, key=lambda h: (not glossed_enough(h), h not in canonical, -counts[h], h))
               for key, counts in classes.items()}
    latin_form = {latin: form_of[root(latin)] for latin in members}
    han_form: dict[str, str] = {}
    for han in by_han:  # a Han form is of its most posted gloss's class
        top = max(glossed[han], key=lambda g: (glossed[han][g], g))
        form = form_of[root(top)] if top in members else han
        if form != han and set(han) & set(form) and glossed_enough(han) and glossed_enough(form):
            han_form[han] = form
    for latin, writings in posts.items():  # not ``written``: glossed_enough reads that one
        if not latin.isascii() or latin in latin_form:
            continue
        top = max(writings, key=lambda h: (writings[h], h))
        if writings[top] >= LATIN_SHARE * sum(writings.values()) and dictionary_tag(top) in _NAME_TAGS:
            latin_form[latin] = top
    # A Latin name's form is itself folded where its class reads as another.
    latin_form = {latin: han_form.get(han, han) for latin, han in latin_form.items()}
    return han_form, latin_form


def han_forms() -> dict[str, str]:
    """Han form -> the form its class reads as (only forms that read as another)."""
    return _tables()[0]


def latin_forms() -> dict[str, str]:
    """Latin key (lower case, words one space apart) -> the Han form it reads as."""
    return _tables()[1]


def _written_as_name(words: list[str]) -> bool:
    if len(words) == 1 and len(words[0]) <= 4:
        return words[0].isupper()
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTIVES for w in words) and \
        words[0].lower() not in _CONNECTIVES


def mostly_latin(text: str) -> bool:
    """Whether ``text`` has more Latin letters than Han characters (an English report)."""
    # Counted as what is left once every other character is deleted (C-level passes; ``findall`` made a
    # one-character string per letter and per Han character, run on every report's title and body).
    letters = len(_NOT_LETTER.sub("", text))
    return letters > 0 and letters > len(_NOT_HAN.sub("", text))


@cache
def _key_words() -> frozenset[str]:
    """Every word of every Latin key of the table, and "the" (``_latin_key`` drops a leading one)."""
    return frozenset(word for key in latin_forms() for word in key.split(" ")) | {"the"}


@lru_cache(maxsize=1 << 16)
def _in_keys(word: str) -> bool:
    """Whether every piece ``_latin_key`` makes of ``word`` is a word of some key (else no key holds ``word``)."""
    return all(piece in _key_words() for piece in _SEPARATORS.split(word.lower()) if piece)


def fold_latin_names(text: str) -> str:
    """``text`` (raw: any script, any case) with each Latin name the table reads as a Han form replaced by that
    form, spaced off; the longest name first, left to right."""
    table = latin_forms()
    text = nfkc(text)

    def run(match: re.Match[str]) -> str:
        words = match.group(0).split(" ")
        known = list(map(_in_keys, words))
        out: list[str] = []
        at = 0
        while at < len(words):
            # A name holds only words whose pieces some key holds: the words tried from ``at`` end before the
            # first other one (most Latin words of a report are in no key, and each try built a key).
            last = at
            while last < min(len(words), at + _MOST_WORDS) and known[last]:
                last += 1
            for stop in range(last, at, -1):
                part = words[at:stop]
                form = table.get(_latin_key(part))
                if form is not None and _written_as_name(part):
                    out.append(f" {form} ")
                    at = stop
                    break
            else:
                out.append(words[at])
                at += 1
        return " ".join(out)

    return _LATIN_RUN.sub(run, text)
