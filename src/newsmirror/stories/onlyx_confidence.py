"""How likely an "only X names N" claim is true: a small logistic model instead of more rules.

Five rounds of hand-made checks (sessions 24-27) cut the bad claims of held samples (another outlet
does name N in some form, or N is no name) by 6-33 % only: each sample's bad claims are a few of many
classes. A reader must not be told something false about a source, and withholding a claim in doubt is
cheap, so the comparison drops a one-outlet detail whose estimated chance of being true is below
``THRESHOLD``. The weights (``onlyx_model.toml``, read as the grouping's models are: ``pairscore.load_pair_model``) are
fitted by ``bench/onlyx_model.py`` on the claims
judged by reading (``bench/days/onlyx-judged.toml``); features and threshold were chosen by
leave-one-sample-out over the judged samples (bench/days_results.md, session 27, onlyx28).

The features use only what the comparison has for any claim (no word lists): the word's shape
(script, length, share of transliteration characters), jieba's dictionary (known, count, tag, IDF),
how often the giving outlet writes it, and how many of its characters the silent outlets' texts share.
Chosen by leave-one-sample-out from a wider set: a share of character pairs and a share of uses glued to a
name mark (爱德华 of 爱德华-斯诺登) were dropped (dropping each withheld fewer true claims at the same cut).
Session 28 (onlyx30) adds a veto before the model: a claim is withheld outright when a silent outlet names
the same thing otherwise, by the Latin original the giver glosses it with (科纳仕（Canalys）against Canalys) or a
Latin word it reads as (所罗门 against Solomon), or in a short or long form (卫健局 of 卫生健康局: onlyx29's
``abbreviated_in``). As a feature the short form was outweighed (onlyx29: 卫健局 scored .62); as vetoes before the
unchanged model (A-E, .60) they withhold 12 more of A-G's 108 bad claims for 3 more of its 242 true ones
(leave-one-sample-out; bench/days_results.md, session 28, onlyx30).
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

from newsmirror.stories.pairscore import PairModel, load_pair_model
from newsmirror.text.phonetic import TRANSLITERATION_CHARS, han_reads_as_latin
from newsmirror.text.tokenize import idf, pos_tokenizer

MODEL_PATH = Path(__file__).with_name("onlyx_model.toml")
_TRANSLITERATION = frozenset(TRANSLITERATION_CHARS)
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
_NAME_TAGS = frozenset({"ns", "nt", "nz"})
# The features, in the order of the model's weights.
FEATURES = (
    "latin",  # a Latin word (a gloss or an English name)
    "log_chars",  # log of the number of characters (Latin: of words + 1)
    "transliteration_share",  # share of the Han characters that are transliteration characters
    "known",  # jieba's dictionary knows the word
    "log_count",  # log of its dictionary count (0 unknown; bulk-list words carry 3)
    "person_tag",  # dictionary tag nr/nrt/nrfg
    "other_name_tag",  # dictionary tag ns/nt/nz
    "idf",  # background IDF / 10
    "own_repeats",  # log of how often the giving outlet writes the word
    "others_chars",  # best share of the word's Han characters one silent outlet's text holds
    "fact_others_chars",  # best share of its Han characters one silent outlet's sentence of the fact holds
    "outlets",  # log of the number of compared outlets
)
# The vetoes, in the order ``veto_evidence`` gives them (recorded with the features by bench/onlyx_model.py).
VETOES = (
    "latin_elsewhere",  # a silent outlet writes the claim's Latin original (its gloss, or a word it reads as)
    "abbreviated_elsewhere",  # a silent outlet writes a short or long form of it (国新办 of 国务院新闻办公室)
)

_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
# A gloss as normalized text writes it (brackets become spaces): the Latin words right after the name.
_LATIN_AFTER = r" ([a-z][a-z.'\-]*(?: [a-z][a-z.'\-]*){0,3})"
# A Latin word shorter than this is too often an initialism or a common word to stand for one name.
MIN_GLOSS_LETTERS = 4


def _han(word: str) -> str:
    return "".join(c for c in word if "\u4e00" <= c <= "\u9fff")


def _share_chars(han: str, text: str) -> float:
    chars = set(han)
    return sum(c in text for c in chars) / len(chars) if chars else 0.0


def _writes_word(word: str, text: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None


def latin_original_in(han: str, own_text: str, text: str) -> bool:
    """Whether ``text`` (a silent outlet's normalized text) names the Han name ``han`` by its Latin
    original: a Latin word the giver glosses ``han`` with in ``own_text`` (科纳仕（Canalys）, normalized
    科纳仕 canalys), or a Latin word ``han`` reads as by sound (所罗门 of Dick Solomon). An outlet
    quoting a foreign name often writes only the original, so the Han form's absence says nothing."""
    if not han:
        return False
    for gloss in re.findall(re.escape(han) + _LATIN_AFTER, own_text):
        if any(len(w) >= MIN_GLOSS_LETTERS and _writes_word(w, text) for w in gloss.split()[-1:]):
            return True
    return han_reads_as_latin(han, text)


def _subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


def abbreviated_in(han: str, text: str) -> bool:
    """Whether ``text`` writes ``han`` in a short form (its characters in order, not all in a row:
    国新办, 共军 of 中共军队) or ``han`` is such a short form of a word ``text`` writes (人大会堂 of
    人民大会堂). A general test of how Chinese shortens names, with no list of short forms
    (onlyx29, 1644238)."""
    if len(han) < 2:
        return False
    in_name = "[" + re.escape("".join(sorted(set(han)))) + "]{2,}"
    for run in re.findall(in_name, text):
        # A run of the name's characters may hold the short form and more (国新办|新闻发布会): every
        # piece of three or more is tried; a piece of two only as a whole run (two characters of a
        # long name meet by chance too often).
        pieces = [run] if len(run) == 2 else [run[i:j] for i in range(len(run)) for j in range(i + 3, len(run) + 1)]
        if any(len(p) < len(han) and p not in han and _subsequence(p, han) for p in pieces):
            return True
    # The long form is one word: a window of Han characters only, so no clause boundary is crossed.
    for start in (m.start() for m in re.finditer(re.escape(han[0]), text)):
        window = _HAN_RUN.match(text, start, start + 2 * len(han) + 2)
        if window is None:
            continue
        for end in range(len(han) + 1, len(window[0]) + 1):
            if window[0][end - 1] == han[-1] and han not in window[0][:end] and _subsequence(han, window[0][:end]):
                return True
    return False


def claim_features(term: str, giver: str, fact_texts: dict[str, str], outlet_texts: dict[str, str]) -> list[float]:
    """The features of the claim "only ``giver`` names ``term``" (``term`` normalized, as a fact's
    detail), from the fact's normalized text per outlet and each compared outlet's normalized text."""
    latin = term.isascii()
    han = _han(term)
    tag = pos_tokenizer().word_tag_tab.get(term)
    count = pos_tokenizer().tokenizer.FREQ.get(term, 0) if not latin else 0
    own = outlet_texts.get(giver, "")
    others = [text for outlet, text in outlet_texts.items() if outlet != giver]
    fact_others = [text for outlet, text in fact_texts.items() if outlet != giver]
    return [
        float(latin),
        math.log(len(term.split()) + 1 if latin else max(len(term), 1)),
        sum(c in _TRANSLITERATION for c in han) / len(han) if han else 0.0,
        float(tag is not None),
        math.log1p(count),
        float(tag in _PERSON_TAGS),
        float(tag in _NAME_TAGS),
        idf(term) / 10,
        math.log1p(own.count(term)),
        max((_share_chars(han, t) for t in others), default=0.0),
        max((_share_chars(han, t) for t in fact_others), default=0.0),
        math.log(max(len(outlet_texts), 1)),
    ]


def veto_evidence(term: str, giver: str, outlet_texts: dict[str, str]) -> list[bool]:
    """Per veto of ``VETOES``, whether a silent outlet names the Han claim ``term`` otherwise (a claim
    with Latin or digits in it is left to the model: its forms are compared by the rules)."""
    if _han(term) != term:
        return [False] * len(VETOES)
    own = outlet_texts.get(giver, "")
    others = [text for outlet, text in outlet_texts.items() if outlet != giver]
    return [any(latin_original_in(term, own, t) for t in others), any(abbreviated_in(term, t) for t in others)]


@cache
def confidence_model() -> PairModel | None:
    """The packaged model (weights, bias, threshold), or None when none is packaged."""
    if not MODEL_PATH.exists():
        return None
    return load_pair_model(MODEL_PATH, FEATURES, refit="refit it with bench/onlyx_model.py fit")


def likely_true(term: str, giver: str, fact_texts: dict[str, str], outlet_texts: dict[str, str]) -> bool:
    """Whether the claim "only ``giver`` names ``term``" is likely enough true to be shown: no silent
    outlet names it otherwise (``veto_evidence``) and the model finds it likely enough true."""
    if any(veto_evidence(term, giver, outlet_texts)):
        return False
    model = confidence_model()
    if model is None:
        return True
    return model.probability(tuple(claim_features(term, giver, fact_texts, outlet_texts))) >= model.threshold
