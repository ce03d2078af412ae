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
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

from newsmirror.stories.pairscore import PairModel, load_pair_model
from newsmirror.text.phonetic import TRANSLITERATION_CHARS
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


def _han(word: str) -> str:
    return "".join(c for c in word if "\u4e00" <= c <= "\u9fff")


def _share_chars(han: str, text: str) -> float:
    chars = set(han)
    return sum(c in text for c in chars) / len(chars) if chars else 0.0


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


@cache
def confidence_model() -> PairModel | None:
    """The packaged model (weights, bias, threshold), or None when none is packaged."""
    if not MODEL_PATH.exists():
        return None
    return load_pair_model(MODEL_PATH, FEATURES, refit="refit it with bench/onlyx_model.py fit")


def likely_true(term: str, giver: str, fact_texts: dict[str, str], outlet_texts: dict[str, str]) -> bool:
    """Whether the claim "only ``giver`` names ``term``" is likely enough true to be shown."""
    model = confidence_model()
    if model is None:
        return True
    return model.probability(tuple(claim_features(term, giver, fact_texts, outlet_texts))) >= model.threshold
