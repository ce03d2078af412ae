"""Paraphrases written one way for matching: 开除 and 解雇, 摘牌 and 下市 (``paraphrases.tsv``).

The lexicon is mined from outlets telling the same events (``bench/mine_paraphrases.py``,
``text/PARAPHRASES.md``): word pairs that fill the same slot between identical words in aligned
sentences, on many days and both ways. Words linked by kept pairs form one group, written as its
most attested member. Matching keys only: stored and displayed text is never changed.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from newsmirror.text.tokenize import segment

# A longer phrase is tried before a shorter one: the lexicon's sides are one or two jieba words.
_MAX_WORDS = 2


def parse_lexicon(text: str) -> dict[str, str]:
    """Each word of the lexicon's TSV rows (word, paraphrase, events, ...; '#' comments) -> the
    one form of its group: the member seen in most events (then the shorter, then the first in
    code-point order), so the choice does not depend on the rows' order."""
    parent: dict[str, str] = {}
    weight: dict[str, int] = {}

    def find(word: str) -> str:
        parent.setdefault(word, word)
        while parent[word] != word:
            parent[word] = parent[parent[word]]
            word = parent[word]
        return word

    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            raise ValueError(f"paraphrase row needs word, paraphrase and events: {line!r}")
        left, right, events = fields[0].strip(), fields[1].strip(), int(fields[2])
        if not left or not right or left == right:
            raise ValueError(f"paraphrase row needs two different words: {line!r}")
        for word in (left, right):
            weight[word] = weight.get(word, 0) + events
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for word in parent:
        groups.setdefault(find(word), []).append(word)
    mapping = {}
    for members in groups.values():
        one = min(members, key=lambda w: (-weight[w], len(w), w))
        mapping.update({w: one for w in members if w != one})
    return mapping


@cache
def paraphrase_map() -> dict[str, str]:
    """The packaged lexicon: word -> the one form of its group (words already in it left out)."""
    data = resources.files("newsmirror.text").joinpath("paraphrases.tsv").read_text(encoding="utf-8")
    return parse_lexicon(data)


def fold_paraphrases(normalized: str, mapping: dict[str, str] | None = None) -> str:
    """``normalized`` (``text.normalize`` form) with each paraphrase of the lexicon, a jieba word
    or two, written as its group's form. Only whole words are replaced: 下市 inside 下市场 is not
    the verb."""
    table = paraphrase_map() if mapping is None else mapping
    if not table:
        return normalized
    tokens = segment(normalized)
    out: list[str] = []
    k = 0
    while k < len(tokens):
        for size in range(min(_MAX_WORDS, len(tokens) - k), 0, -1):
            phrase = "".join(tokens[k : k + size])
            if phrase in table:
                out.append(table[phrase])
                k += size
                break
        else:
            out.append(tokens[k])
            k += 1
    return "".join(out)
