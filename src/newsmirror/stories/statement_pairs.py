"""A whole-pair same-statement classifier trained on the archive without fact labels (session 26,
pairclf23 in bench/days_results.md).

Distant supervision chosen without regard to wording: in two outlets' reports of one event, two
sentences sharing a rare figure and a rare name are taken as one statement, two sharing neither as
two (``bench/train_pair_classifier.py`` builds the pairs and fits ``statement_pairs.json``). The
features read wording only (figures and names chose the labels, so they are left out): what two
tellings of one statement look like when their wording differs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FEATURES = ("containment", "dice", "trigram_dice", "length_ratio", "short_length", "position_gap")
MODEL_PATH = Path(__file__).with_name("statement_pairs.json")


def _grams(key: str, n: int) -> frozenset[str]:
    return frozenset(key[i : i + n] for i in range(len(key) - n + 1))


def pair_features(first: str, second: str, weight: Mapping[str, float], first_position: float,
                  second_position: float) -> list[float]:
    """The features of two units' match keys: weighted bigram containment (of the smaller) and
    Dice (``weight``: the story's bigram weights, as the rules read them), unweighted trigram Dice,
    length ratio, the shorter length (log), and how far apart the two sit in their reports (0-1)."""
    a, b = _grams(first, 2), _grams(second, 2)
    mass_a = sum(weight.get(g, 0.0) for g in a)
    mass_b = sum(weight.get(g, 0.0) for g in b)
    common = sum(weight.get(g, 0.0) for g in a & b)
    containment = common / max(min(mass_a, mass_b), 1e-9)
    dice = 2 * common / max(mass_a + mass_b, 1e-9)
    ta, tb = _grams(first, 3), _grams(second, 3)
    trigram = 2 * len(ta & tb) / max(len(ta) + len(tb), 1)
    short, long = sorted((len(first), len(second)))
    return [containment, dice, trigram, short / max(long, 1), math.log(1 + short), abs(first_position - second_position)]


@dataclass(frozen=True, slots=True)
class StatementModel:
    intercept: float
    coefficients: tuple[float, ...]  # on standardised features, one per ``FEATURES``
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def probability(self, features: list[float]) -> float:
        logit = self.intercept + sum(c * (f - m) / s for c, f, m, s in
                                     zip(self.coefficients, features, self.means, self.scales, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, logit))))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> StatementModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: fitted on features {data['features']}, not {FEATURES}")
    return StatementModel(float(data["intercept"]), tuple(data["coefficients"]), tuple(data["means"]),
                          tuple(data["scales"]))
