"""Features of candidate unit pairs (sentences or clauses of two outlets' reports of one story).

Whether two units state one fact is decided by a logistic model over these general features
(``stories.fact_model``), not by hand-set thresholds on one score: weighted Dice of the units'
character bigrams (weighted by rarity in the story), IDF-weighted cosine of single characters (word
order and segmentation free: 下市/摘牌 aside, paraphrase keeps many characters), how close the
pair comes to each unit's best match in the other outlet, shared and conflicting figures (read as the figure veto
reads them, ``compare._figures``: 3万 = 30000, 71万多 holds 71.6万; a toll of 50 is not a toll of 27), length ratio,
distance of their positions in the two reports, and how well the neighbouring units match
(reports keep the story's order). They are computed, with sparse matrix products, for every
pair of units of different outlets sharing at least ``FLOOR`` of the smaller unit's bigram
weight. Tried and left out (no gain leaving one story out, bench/days_results.md): bigram
containment, trigram cosine, bigrams outside names, shared and conflicting names, mutual best,
both lead sentences; the weighted Dice of the bigrams outside the story's names (``content_dice``, session 70: a
switched ninth column, off).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsmirror.text.ranges import figures_agreeing, figures_differ

FEATURES = (
    "dice", "char_cosine", "best_ratio", "shared_numbers", "number_conflict", "length_ratio",
    "position_gap", "neighbours",
)
# Session 70 (facts70): ``content_dice``, the units' weighted Dice of the bigrams outside the story's names (what the
# two units say beside whom they name: the predicate side of "shared entities + a predicate overlap"), appended as a
# ninth column when true. Off by default: measured leaving one file out and refused (bench/days_results.md, facts70).
CONTENT_FEATURE = False
CONTENT_FEATURES = (*FEATURES, "content_dice")


def feature_names() -> tuple[str, ...]:
    """The columns ``pair_features`` gives now: ``FEATURES``, and ``content_dice`` when ``CONTENT_FEATURE`` is on."""
    return CONTENT_FEATURES if CONTENT_FEATURE else FEATURES
# A best match scoring (bigram containment + Dice) below this counts as this: being the best of
# weak matches (a two-sentence story naming one person twice) is weak evidence. Chosen leaving
# one story out among 0, 0.3, 0.4, 0.5, 0.6, 0.8 (recall .786, .812, .808, .825, .821, .808).
BEST_FLOOR = 0.5
FLOOR = 0.05  # pairs sharing less weighted bigram mass than this are never one fact
_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # 19.5 is one figure (match keys keep a decimal point)
# ``number_conflict`` is the figure veto's (``text.ranges.figures_differ`` on ``PairUnit.figures``: kinds, and the range a
# hedge states, outside a dateline and a name's digits), so that the model never calls a conflict what the veto lets
# through (71万多 against 71.6万: 710000~719999 holds 716000). ``shared_numbers`` is the larger of the figures agreeing
# as the veto reads them and the digit strings the match keys share: the veto reads a figure only where it knows what
# it counts (48小时 is none; 2起/2次, 25个/25座 are figures of two kinds, neither one nor in conflict), a veto's caution
# that would take evidence of agreement away (the veto's figures alone dropped 45 links, most of 15 read right; session
# 59, recall85).


@dataclass(slots=True)
class PairUnit:
    """What the features need of one unit."""

    key: str  # match key with figures folded and names of the story written one way
    grams: frozenset[str]  # its character bigrams (empty: too short to align)
    article: str
    outlet: str
    position: float  # 0 for the article's first unit, 1 for its last
    figures: frozenset[str] = frozenset()  # its figures as the figure veto reads them (``compare._figures``)
    names: frozenset[str] = frozenset()  # the story's names it gives (``compare._Sentence.names``): ``content_dice``


def _matrix(items: Sequence[Sequence[str]], weighted: bool, normalise: bool) -> sparse.csr_matrix:
    """Units x features (characters): present or not, or log-IDF weighted (over the story's
    units); rows L2 normalised or not."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, grams in enumerate(items):
        for gram in set(grams):
            rows.append(row)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    data = np.ones(len(rows), dtype=np.float64)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(items), max(len(vocabulary), 1)))
    if weighted:
        frequency = np.asarray((matrix > 0).sum(axis=0)).ravel()
        idf = np.log1p(len(items) / np.maximum(frequency, 1))
        matrix = matrix.multiply(idf.reshape(1, -1)).tocsr()
    if normalise:
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix = sparse.diags(1 / np.maximum(norms, 1e-12)) @ matrix
    return matrix


def pair_features(units: Sequence[PairUnit], weight: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """(pairs: k x 2 unit indices, i < j, different outlets; features: k x len(feature_names()))."""
    n = len(units)
    empty = (np.zeros((0, 2), dtype=np.int64), np.zeros((0, len(feature_names()))))
    if n < 2:
        return empty
    common_matrix, mass = _weighted_common([u.grams for u in units], weight)
    common = common_matrix.tocoo()
    outlet_ids = {o: k for k, o in enumerate(dict.fromkeys(u.outlet for u in units))}
    outlet = np.array([outlet_ids[u.outlet] for u in units])
    i, j, shared = common.row, common.col, common.data
    keep = (i < j) & (outlet[i] != outlet[j]) & (shared > 0)
    i, j, shared = i[keep], j[keep], shared[keep]
    smaller = np.maximum(np.minimum(mass[i], mass[j]), 1e-12)
    containment = shared / smaller
    keep = containment >= FLOOR
    i, j, shared, containment = i[keep], j[keep], shared[keep], containment[keep]
    if not len(i):
        return empty
    dice = 2 * shared / np.maximum(mass[i] + mass[j], 1e-12)
    score = containment + dice

    chars = _matrix([list(u.key) for u in units], True, True)
    char_cosine = _pick(chars @ chars.T, i, j)

    # How close the pair comes to each unit's best match among the other outlet's units.
    n_outlets = len(outlet_ids)
    best = np.zeros(n * n_outlets)
    np.maximum.at(best, i * n_outlets + outlet[j], score)
    np.maximum.at(best, j * n_outlets + outlet[i], score)
    # Being the best of weak matches is weak evidence: a best below BEST_FLOOR counts as BEST_FLOOR.
    best = np.maximum(best, BEST_FLOOR)
    best_i, best_j = best[i * n_outlets + outlet[j]], best[j * n_outlets + outlet[i]]
    best_ratio = np.minimum(score / best_i, score / best_j)

    shared_numbers = np.zeros(len(i))
    number_conflict = np.zeros(len(i))
    digits = [frozenset(_NUMBER.findall(u.key)) for u in units]
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        first, second = units[a].figures, units[b].figures
        if first and second:
            shared_numbers[k] = figures_agreeing(first, second)
            number_conflict[k] = figures_differ(first, second)
        if digits[a] and digits[b]:
            shared_numbers[k] = max(shared_numbers[k], len(digits[a] & digits[b]))
    shared_numbers = np.minimum(shared_numbers, 3)
    lengths = np.array([max(len(u.key), 1) for u in units], dtype=float)
    length_ratio = np.minimum(lengths[i], lengths[j]) / np.maximum(lengths[i], lengths[j])
    position = np.array([u.position for u in units])
    position_gap = np.abs(position[i] - position[j])

    # Neighbours: the containment of the previous units' pair and of the next units' pair.
    pair_containment = {(a, b): c for a, b, c in zip(i.tolist(), j.tolist(), containment.tolist(), strict=True)}
    article = [u.article for u in units]
    neighbours = np.zeros(len(i))
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        found = 0.0
        for step in (-1, 1):
            na, nb = a + step, b + step
            if 0 <= na < n and 0 <= nb < n and article[na] == article[a] and article[nb] == article[b]:
                found = max(found, pair_containment.get((na, nb), 0.0))
        neighbours[k] = found
    columns = [dice, char_cosine, best_ratio, shared_numbers, number_conflict, length_ratio, position_gap, neighbours]
    if CONTENT_FEATURE:
        columns.append(_content_dice(units, weight, i, j))
    features = np.column_stack(columns)
    return np.column_stack([i, j]).astype(np.int64), features


def _content_dice(units: Sequence[PairUnit], weight: dict[str, float], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Weighted Dice of the pairs' bigrams that lie inside none of the story's names (a name's bigrams weigh 0)."""
    inside = {name[k : k + 2] for u in units for name in u.names for k in range(len(name) - 1)}
    outside = {g: w for g, w in weight.items() if g not in inside}
    common, mass = _weighted_common([u.grams for u in units], outside)
    return 2 * _pick(common, i, j) / np.maximum(mass[i] + mass[j], 1e-9)


def _weighted_common(grams: Sequence[frozenset[str]], weight: dict[str, float]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """(units x units: the summed weight of the bigrams two units share; each unit's weight)."""
    vocabulary: dict[str, int] = {}
    for unit in grams:
        for g in unit:
            vocabulary.setdefault(g, len(vocabulary))
    rows = [r for r, unit in enumerate(grams) for _ in unit]
    cols = [vocabulary[g] for unit in grams for g in unit]
    binary = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(grams), max(len(vocabulary), 1)))
    gram_weight = np.zeros(max(len(vocabulary), 1))
    for g, col in vocabulary.items():
        gram_weight[col] = weight.get(g, 0.0)
    weighted = binary.multiply(gram_weight.reshape(1, -1)).tocsr()
    return (binary @ weighted.T).tocsr(), np.asarray(weighted.sum(axis=1)).ravel()


def _pick(matrix: sparse.spmatrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """matrix[i[k], j[k]] for every k (zero where the sparse matrix holds nothing)."""
    csr = sparse.csr_matrix(matrix)
    return np.asarray(csr[i, j]).ravel()


def story_weights(grams: Sequence[frozenset[str]]) -> dict[str, float]:
    """log(1 + units / units holding the bigram): a bigram every report uses says little."""
    frequency: Counter[str] = Counter()
    for g in grams:
        frequency.update(g)
    total = max(len(grams), 1)
    return {g: math.log(1 + total / df) for g, df in frequency.items()}
