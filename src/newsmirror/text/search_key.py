"""The search key: what full-text indexes store and what queries are turned into.

Chinese has no spaces, and word segmenters (jieba) split the same name differently in
different contexts, so a segmented index misses queries like 马朝旭 when the segmenter cut
马/朝旭. Overlapping character bigrams find every substring of two or more characters:
a query becomes the phrase of its bigrams, which matches exactly where the text contains it.

Folding only ever *adds* forms, it never removes what was written (a search for a word must
find every article that contains it):

* the text is indexed in its character-by-character Simplified form (NFKC, lower case, OpenCC
  ``t2s``), so 馬朝旭 and 马朝旭 meet. This changes characters, never words: every word written
  is found by the same word (queries are converted the same way);
* text that is mostly Traditional (decided per text) also gets its Taiwan-phrase form
  (``tw2sp``: 軟體 -> 软件, 影片 -> 视频) for the runs it changes. Text already in Simplified never
  does: there, 拜登出任 is not 拜注销任 and 影片 is not 视频;
* the alias table (蒲亭/普丁 -> 普京, 新冠肺炎 -> 新冠) adds its canonical names for the runs it
  changes, beside the words it matched (新冠肺炎 still holds 肺炎 and is found by it).

A query term is folded the same way into one or more *forms* (its Simplified form, its
Taiwan-phrase form when the query is written in Traditional, its alias form); an article
matches when any form occurs. Every backend (SQLite FTS5, PostgreSQL) must index
``search_key`` (or its tokens, ``index_tokens``) and query with ``parse_query`` (every form of
a term, OR-ed) so that both find the same articles. Changing any of this changes the keys:
bump ``KEY_VERSION`` so stores rebuild their index.

A query typed without spaces (习近平访俄) is cut into words by jieba, as ``text.tokenize`` cuts
text, each word a term of its own (``parse_query``): that is the query's side only, the keys
do not change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from newsmirror.text.invisible import drop_invisible
from newsmirror.text.script import convert, is_traditional

# Stores compare it with the version their index was built with. 4: alias names keyed in both
# scripts' forms, a Simplified name no longer phrase-converted (布林肯 was 布尔肯), and the name
# transliterations of OpenCC's Taiwan phrases folded in every script (密西根 -> 密歇根). 5: Taiwan
# phrases no longer rewrite words both scripts write in their own sense (立法程序 was 立法进程;
# ``text.taiwan_phrases``). 6: an alias variant folds only where it begins a word (朝鲜中央通讯社 was
# 朝鲜中央社; ``text.aliases``). 7: ... and only where it ends one (鲍尔丁, Balding, was 鲍威尔丁, a Powell),
# a word beginning inside it blocking the fold only where folding would cut that word (北|朝鲜劳动党 folds).
# 8: invisible format characters (zero-width space, joiners, soft hyphen, BOM) are left out of keys and queries.
# 9: Taiwan phrases no longer extend a word inside its compounds (哈薩克族 was 哈萨克斯坦族; ``text.taiwan_phrases``).
# 10: ... nor break a word they reach into (拜登入主 was 拜登录主; ``text.taiwan_phrases.to_mainland``).
KEY_VERSION = 10

# CJK ideographs (BMP blocks and extension A) plus the compatibility block.
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK_CLASS}]+|[0-9a-z\u00c0-\u024f]+")
_CJK_RUN = re.compile(rf"^[{_CJK_CLASS}]+$")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK_CLASS}])\s+(?=[{_CJK_CLASS}])")
# Invisible characters (text.invisible) are left out of the index tokens and the queries: a zero-width space
# between two characters cut a run in two. The stored text and what the reader shows keep them.
# A _TOKEN run is all CJK or all Latin/digits: its first character tells which (every
# character of the Latin class sorts before every CJK one).
_FIRST_CJK = "\u3400"


@cache
def _alias_folder() -> Callable[[str], str] | None:
    try:
        from newsmirror.text import aliases
    except ImportError:
        return None
    folder = getattr(aliases, "fold_aliases", None)
    return folder if callable(folder) else None


def fold_aliases(text: str) -> str:
    """Map alternative renderings of a name to one (蒲亭/普丁 -> 普京).

    The single plug-in point for the alias table of ``newsmirror.text.aliases``, used when that
    module is present. Input is already Simplified and lower case. Changing the table changes
    the keys: rebuild the index (POST /api/admin/reindex or ``Store.rebuild_search_index``).
    """
    folder = _alias_folder()
    return folder(text) if folder is not None else text


def normalize(text: str) -> str:
    """Compatibility forms unified (full-width Latin, ...) and lower case: the text as written."""
    return unicodedata.normalize("NFKC", text).lower()


def forms(text: str, *, traditional: bool | None = None) -> list[str]:
    """Equivalent forms of normalized ``text``, each different from the others: its
    character-level Simplified form first, then (Traditional text only) Taiwan phrases folded,
    then aliases folded. ``traditional``: whether the text is Traditional, when decided on a
    longer text it is part of (a word of a query typed without spaces: ``parse_query``)."""
    simplified = convert(text, "t2s")
    found = [simplified]
    if traditional is None:
        traditional = is_traditional(text, simplified)
    phrased = convert(text, "tw2sp") if traditional else simplified
    if phrased not in found:
        found.append(phrased)
    aliased = fold_aliases(phrased)
    if aliased not in found:
        found.append(aliased)
    return found


def fold(text: str) -> str:
    """The most folded form (Simplified, Taiwan phrases and aliases folded): for matching
    whole texts against each other. The index also keeps every less folded form (``forms``)."""
    return forms(normalize(text))[-1]


def _run_tokens(run: str, *, for_query: bool) -> list[str]:
    if len(run) == 1 or run[0] < _FIRST_CJK:  # one character, or a Latin word / number
        return [run]
    bigrams = list(map(str.__add__, run, run[1:]))
    # The last character of every run is also indexed alone, so a one-character query
    # (prefix query X*) finds it whether it starts a bigram or ends the run. A query of
    # two or more characters must not ask for it: the text may continue after the match.
    if not for_query:
        bigrams.append(run[-1])
    return bigrams


def tokens(text: str, *, for_query: bool = False) -> list[str]:
    """Index tokens of one form of a text: CJK bigrams, Latin words and numbers."""
    found: list[str] = []
    for run in _TOKEN.findall(text):
        if len(run) == 1 or run[0] < _FIRST_CJK:
            found.append(run)
        else:
            found.extend(map(str.__add__, run, run[1:]))
            if not for_query:
                found.append(run[-1])  # see _run_tokens
    return found


def index_tokens(text: str) -> list[str]:
    """Tokens of the Simplified form, then those of each run another form changed (only those:
    runs every form shares are indexed once). Runs are separated by their one-character
    tokens, so a phrase never matches across two of them."""
    written, *others = forms(normalize(drop_invisible(text)))
    found = tokens(written)
    if others:
        seen = {match.group() for match in _TOKEN.finditer(written)}
        for other in others:
            for match in _TOKEN.finditer(other):
                run = match.group()
                if run not in seen:
                    seen.add(run)
                    found.extend(_run_tokens(run, for_query=False))
    return found


_primed: dict[str, str] = {}


def prime_search_keys(keys: dict[str, str] | None) -> None:
    """Hand over keys computed elsewhere (an import's worker processes) so that the next
    ``search_key`` of the same text returns them instead of folding it again; None forgets
    every key not yet used."""
    if keys is None:
        _primed.clear()
    else:
        _primed.update(keys)


def search_key(text: str) -> str:
    """Space-separated ``index_tokens`` of ``text`` for a full-text index with a whitespace tokenizer."""
    primed = _primed.pop(text, None)
    return primed if primed is not None else " ".join(index_tokens(text))


@dataclass(slots=True)
class QueryTerm:
    """One thing the user asked for: a word or phrase, matched as a whole in any of its forms."""

    text: str  # the term's first form; what must occur contiguously (in some form) in the document
    tokens: list[str]  # query tokens of ``text``
    prefix: bool = False  # one CJK character: matches any token starting with it
    negated: bool = False
    variants: list[str] = field(default_factory=list)  # every form, ``text`` first (see ``forms``)
    variant_tokens: list[list[str]] = field(default_factory=list)  # query tokens of each form


@dataclass(slots=True)
class ParsedQuery:
    terms: list[QueryTerm] = field(default_factory=list)
    # What was typed without spaces and cut into words (``parse_query``), each as one phrase: not required
    # (its words are, among ``terms``), but the articles holding every one of them come first.
    phrases: list[QueryTerm] = field(default_factory=list)
    # Words typed past the bounds of one query (``MAX_QUERY_WORDS``, ``MAX_SINGLE_CHARACTERS``, ``MAX_PHRASES``),
    # as written: not searched for. The search page says which.
    left_out: list[str] = field(default_factory=list)

    @property
    def positive(self) -> list[QueryTerm]:
        return [t for t in self.terms if not t.negated]

    def is_empty(self) -> bool:
        return not self.positive


def _query_term(written: str, *, negated: bool = False, traditional: bool | None = None) -> QueryTerm | None:
    """The term for normalized ``written`` with every form a document may hold it in; None when it has no token."""
    variants: list[str] = []
    variant_tokens: list[list[str]] = []
    for form in forms(written, traditional=traditional):
        form_tokens = tokens(form, for_query=True)
        if form_tokens and form_tokens not in variant_tokens:
            variants.append(form)
            variant_tokens.append(form_tokens)
    if not variant_tokens:
        return None
    first = variant_tokens[0]
    prefix = len(first) == 1 and len(first[0]) == 1 and bool(_CJK_RUN.match(first[0]))
    return QueryTerm(variants[0], first, prefix=prefix, negated=negated, variants=variants,
                     variant_tokens=variant_tokens)


# A run of Han characters this long or longer typed without spaces is cut into words; a shorter
# one is at most one word (a cut of two characters into two single ones is undone below anyway).
_CUT_FROM = 3


# jieba's dictionary tags of function words: prepositions, conjunctions, particles, adverbs, pronouns, modal
# particles, interjections, onomatopoeia (在, 和, 的, 将, 这, 吗, ...).
_FUNCTION_TAGS = frozenset({"p", "c", "d", "r", "y", "e", "o"})


def _function_character(character: str) -> bool:
    from newsmirror.text.tokenize import dictionary_tag  # jieba's dictionary, loaded with the cut

    tag = dictionary_tag(character) or ""
    return tag in _FUNCTION_TAGS or tag.startswith("u")


def _run_words(run: str) -> list[str]:
    """The words a reader means by a run of Han characters typed without spaces (习近平访俄: 习近平, 访俄).

    Cut by jieba as ``text.tokenize.words`` cuts text for grouping, on the run's character-level
    Simplified form (jieba's dictionary and the alias table's names are Simplified; the index is in
    that form too), so a query in either script is cut the same way; the pieces are taken from the
    run as typed, so each word keeps its own script's forms. Single characters next to each other
    are one word again (jieba cuts a run it does not know into characters: 访|俄). A function word
    of one character left between words (在, 和, 对 of 习近平在莫斯科) is not required: it says nothing
    of what an article is about, and asking for it anywhere would cost a walk over every bigram it
    begins while finding almost every article; it stays in the phrase of the whole run, which ranks
    first. Another single character (副 of 外交部|副|部长, 美 of 美|对华|制裁) is required anywhere, as if
    typed alone."""
    from newsmirror.text.tokenize import segment  # jieba: loaded by the first query that needs a cut

    simplified = convert(run, "t2s")
    cut = segment(simplified if len(simplified) == len(run) else run)
    pieces: list[str] = []
    at = 0
    single = False  # whether the last word cut was a single character
    for word in cut:
        piece = run[at : at + len(word)]
        at += len(word)
        if len(piece) == 1 and single:
            pieces[-1] += piece
        else:
            pieces.append(piece)
        single = len(piece) == 1
    words = [piece for piece in pieces if len(piece) > 1 or not _function_character(convert(piece, "t2s"))]
    return words or [run]


def _words(written: str) -> list[str]:
    """The words of an unquoted term typed without spaces: ``_run_words`` of each run of Han characters; the
    term itself (one word) when it holds a Latin word or number (COVID-19, iPhone16: those stay phrases) or
    no run long enough to cut."""
    runs = _TOKEN.findall(written)
    if not runs or any(run[0] < _FIRST_CJK for run in runs) or all(len(run) < _CUT_FROM for run in runs):
        return [written]
    return [word for run in runs for word in (_run_words(run) if len(run) >= _CUT_FROM else [run])]


# The bounds of one query. Every word is a term each backend looks up on its own (FTS5: a phrase in the MATCH
# expression, evaluated once per rank of the ranking; PostgreSQL: one join per word, one more per phrase, its plan
# growing with them), and a single character is a prefix walk over every bigram it begins. A 500-character query
# made of many could take seconds: on the 62,920-article archive, 60 common single characters typed with spaces
# 7 s on SQLite, a run typed without spaces that jieba cut into 130 words (101 single characters) 25 s; on
# PostgreSQL 120 three-character words 2.5 s of planning on an empty store (safety71). Past the bounds a word is
# left out (``ParsedQuery.left_out``), the first ones kept as typed: a reader's query has a few words.
MAX_QUERY_WORDS = 12  # required or excluded words (a word of a cut run counts as one)
MAX_SINGLE_CHARACTERS = 1  # of them, single characters (美 of 美对华制裁)
MAX_PHRASES = 3  # runs typed without spaces, ranked as typed


def _add_term(parsed: ParsedQuery, term: QueryTerm, written: str) -> None:
    """``term`` searched for, unless the query already has as many words (or single characters) as one may."""
    singles = sum(t.prefix for t in parsed.terms)
    if len(parsed.terms) >= MAX_QUERY_WORDS or (term.prefix and singles >= MAX_SINGLE_CHARACTERS):
        parsed.left_out.append(written)
    else:
        parsed.terms.append(term)


def parse_query(query: str) -> ParsedQuery:
    """Whitespace separates terms (all required); "quoted phrases" stay together;
    a leading minus excludes a term. Each term gets every form a document may hold it in.

    Chinese readers type without spaces: an unquoted term of Han characters is cut into words
    (``_words``), each one required wherever it stands, and the articles holding the term as typed
    (``ParsedQuery.phrases``) are ranked first. A quoted or excluded term is never cut."""
    parsed = ParsedQuery()
    for match in _QUERY_PART.finditer(query):
        negated = bool(match.group(1) or match.group(3))
        quoted = match.group(2) is not None
        raw = match.group(2) if quoted else match.group(4)
        # Chinese is written without spaces, so spaces inside a phrase between two CJK
        # characters are the user's, not the text's.
        written = normalize(_SPACE_BETWEEN_CJK.sub("", drop_invisible(raw))).strip()
        whole = _query_term(written, negated=negated)
        if whole is None:
            continue
        words = [written] if quoted or negated else _words(written)
        if words == [written]:
            _add_term(parsed, whole, f"-{raw}" if negated else raw)
            continue
        # Each word takes the script of the whole term: 影片 of a Traditional query is a Taiwan phrase (视频).
        traditional = is_traditional(written, convert(written, "t2s"))
        for word in words:
            term = _query_term(word, traditional=traditional)
            if term is not None and all(term.variant_tokens != t.variant_tokens for t in parsed.terms):
                _add_term(parsed, term, word)
        if len(parsed.phrases) < MAX_PHRASES:
            parsed.phrases.append(whole)
    return parsed


def _fts5_phrase(term_tokens: list[str], prefix: bool) -> str:
    phrase = '"' + " ".join(t.replace('"', '""') for t in term_tokens) + '"'
    return phrase + "*" if prefix else phrase


def fts5_term(term: QueryTerm) -> str:
    """Any form of the term, as FTS5 phrases OR-ed."""
    phrases = [_fts5_phrase(t, term.prefix) for t in term.variant_tokens or [term.tokens]]
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def fts5_match(parsed: ParsedQuery, *, column: str = "") -> str:
    """An FTS5 MATCH expression: every positive term (any of its forms) AND-ed, then NOT the rest.
    Tokens are always quoted, so no user input is read as FTS5 syntax. With ``column``, the
    positive terms must all occur in that column."""
    positive = " AND ".join(fts5_term(t) for t in parsed.positive)
    if positive and column:
        positive = f"{{{column}}} : ({positive})"
    negative = "".join(f" NOT {fts5_term(t)}" for t in parsed.terms if t.negated)
    return positive + negative if positive else ""


def _aligned_simplified(text: str) -> str:
    """``text`` normalized and in character-level Simplified, one output character per input
    character so offsets carry over. The whole text is converted at once (OpenCC is fast);
    only where a conversion changed the length is it redone run by run."""
    normalized = normalize(text)
    if len(normalized) != len(text):
        normalized = "".join(n if len(n := normalize(ch)) == 1 else ch for ch in text)
    simplified = convert(normalized, "t2s")
    if len(simplified) == len(normalized):
        return simplified
    parts = []
    for piece in re.split(rf"([^{_CJK_CLASS}]+)", normalized):
        converted = convert(piece, "t2s") if piece else piece
        parts.append(converted if len(converted) == len(piece) else piece)
    return "".join(parts)


def _needles(parsed: ParsedQuery) -> list[str]:
    needles: list[str] = []
    for term in parsed.positive:
        for variant in term.variants or [term.text]:
            for needle in {variant, convert(variant, "t2s")}:
                if needle and needle not in needles:
                    needles.append(needle)
    return needles


def match_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of a positive term in ``text`` (original script),
    sorted and non-overlapping: for highlighting."""
    folded = _aligned_simplified(text)
    spans: list[tuple[int, int]] = []
    # A query typed without spaces: its whole phrase too, so what lies between its words (在 of 习近平在莫斯科) is marked where it stands so.
    for needle in _needles(ParsedQuery(parsed.phrases)) + _needles(parsed):
        start = folded.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked_pieces(text: str, parsed: ParsedQuery | None) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a match) in order, the matches those of :func:`match_spans`: what the reader
    wraps in <mark> and ``newsmirror search`` styles, so both show the same words."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for start, end in match_spans(text, parsed) if parsed else []:
        if start > last:
            pieces.append((text[last:start], False))
        pieces.append((text[start:end], True))
        last = end
    if last < len(text) or not pieces:
        pieces.append((text[last:], False))
    return pieces


def snippet_query(parsed: ParsedQuery, holds_phrases: bool) -> ParsedQuery:
    """What a hit's snippet is cut around: for a hit whose body holds a query typed without spaces as typed (its
    rank says so: ``Store.search``), that phrase, so the window shows why it ranks there; else every positive term
    (the first of its words may stand far from the phrase)."""
    return ParsedQuery(list(parsed.phrases)) if holds_phrases and parsed.phrases else parsed


_SNIPPET_CHUNK = 2000


def snippet(text: str, parsed: ParsedQuery, width: int = 120) -> str:
    """A window of ``text`` around the first match (or its start), in the original script.

    Only the text up to the first match is folded, a chunk at a time, so a long body whose
    match is near the top costs little."""
    text = " ".join(text.split())
    needles = _needles(parsed)
    longest = max((len(n) for n in needles), default=0)
    first = -1
    position = 0
    while needles and position < len(text):
        # Chunks overlap by the longest needle, so a match across a chunk edge is still seen.
        chunk = _aligned_simplified(text[position : position + _SNIPPET_CHUNK + longest])
        found = [index for n in needles if (index := chunk.find(n)) != -1]
        if found:
            first = position + min(found)
            break
        position += _SNIPPET_CHUNK
    if first == -1:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
