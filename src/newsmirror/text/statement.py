"""Whether a clause states something by itself, by jieba's part-of-speech tags.

A clause with no predicate (a topic or subject the next clause completes, 这位前议员和家人在港被冻结
的户口，; a time or place frame, 在美国大选结束后，) is no statement: shown alone it is a fragment of
the sentence, and another outlet's telling of the fact matches the clause that completes it.
"""

from __future__ import annotations

from typing import Literal

from newsmirror.text.script import to_simplified_key
from newsmirror.text.tokenize import dictionary_tags, tagged_words

Definition = Literal["verb", "verb-noun", "head", "frame", "never"]
# Tags of words that can be a clause's predicate: verbs, predicate adjectives and idioms (jieba's
# tag set: 举行会谈 and 适得其反 are tagged i).
PREDICATE_TAGS = frozenset({"v", "vd", "vi", "vg", "vq", "vf", "vx", "a", "ad", "ag", "i"})
# A verbal noun (调查, 合作) is a predicate as often as a noun: counted in "verb-noun" only.
VERBAL_NOUN = "vn"
# The particle that closes a modifier: a verb before it (被冻结的户口) describes the noun after it.
_MODIFIER = "uj"
# "frame": a clause opening on a preposition and ending on a localizer (在…后, 在…期间) sets when
# or where; its verb (结束) is inside the frame.
_PREPOSITION = "p"
_LOCALIZER = "f"

DEFINITION: Definition = "verb-noun"
# "dictionary": jieba-rs's dictionary tags (an unknown word is 'x'); "hmm": jieba's full tagger,
# which also tags the words its HMM finds (跟监, 下井).
TAGGER: Literal["dictionary", "hmm"] = "hmm"


def states_something(clause: str, definition: Definition | None = None) -> bool:
    """Whether ``clause`` (either script) has a predicate of its own: a verb-like word ("verb"; a
    verbal noun too, "verb-noun"), outside a modifier closed by 的 ("head": 被冻结的户口 is a noun
    phrase), and not only inside a time or place frame ("frame")."""
    kind = definition or DEFINITION
    if kind == "never":  # for measuring only: every clause counts as no statement
        return False
    tag = dictionary_tags if TAGGER == "dictionary" else tagged_words
    tags = [flag for _word, flag in tag(to_simplified_key(clause)) if flag != "x"]
    predicates = PREDICATE_TAGS | {VERBAL_NOUN} if kind == "verb-noun" else PREDICATE_TAGS
    if kind in ("head", "frame") and _MODIFIER in tags:
        # Only what follows the last 的 can hold the clause's own predicate.
        tags = tags[len(tags) - tags[::-1].index(_MODIFIER):]
    if kind == "frame" and tags and tags[0] == _PREPOSITION and tags[-1] == _LOCALIZER:
        return False
    return any(flag in predicates for flag in tags)
