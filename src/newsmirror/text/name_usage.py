"""Whether news text uses a word jieba's dictionary tags as a name like a common word (``name_usage.tsv``).

jieba's dictionary tags many common words as names (治安 ns with count 1761, 嘉宾 ns, 波及 ns, 黑名单 nr): its
tags come from a corpus where they were mis-tagged, and neither the tag nor the count tells 治安 from 华山.
How the words are used does: ``bench/mine_name_usage.py`` gives each name-tagged dictionary word the
probability that a word standing where it stands in news text (the frequent words right before and after its
uses) is a name, by a logistic model fitted on the dictionary's tags, out of fold (so a word's own tag does
not vouch for it). The table holds the name-tagged words used often enough to judge whose probability is low;
a word not in it keeps its tag.
"""

from __future__ import annotations

from functools import cache

from newsmirror.text.packaged import packaged_rows

# A name-tagged word whose usage gives it a lower probability of being a name is read as a common word.
# Chosen on only-X samples A-E (bench/days_results.md, session 32, onlyx35), checked on F-J.
COMMON_BELOW = 0.15


@cache
def _probabilities() -> dict[str, float]:
    return {word: float(probability) for word, _uses, probability in packaged_rows("name_usage.tsv")}


def name_probability(word: str) -> float | None:
    """The mined probability that the normalized ``word`` is used as a name, or None when the table has no
    reading of it (not name-tagged, too seldom used, or used as names are)."""
    return _probabilities().get(word)


def used_as_common_word(word: str) -> bool:
    """Whether news text uses the name-tagged ``word`` like a common word (probability below ``COMMON_BELOW``)."""
    probability = name_probability(word)
    return probability is not None and probability < COMMON_BELOW
