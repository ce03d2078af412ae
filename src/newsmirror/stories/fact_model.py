"""Two logistic models over the same pair features, each saying whether two units of two outlets state one fact.

``RESCUE`` runs in every default comparison: ``compare_story``'s last round (``compare.RESCUE_ROUND``, on since
facts48) asks it about the pairs the rules left in different facts; its fit is described where it is defined below.
``FITTED``, described here, decides every pair only with ``compare_story(..., same_fact="model")``, an option that is
not the default.

``FITTED``'s features: ``stories.fact_pairs.FEATURES``. Fitted by ``bench/days_fact_model.py`` on the fact
labels of the tuning days only (``bench/days/facts.toml``: 14 stories of 2020-08-04, 2020-10-14
and 2020-11-18; 2,336 labelled unit pairs, 226 same-fact): L2-penalised logistic regression
(lambda 1) on standardised features. The threshold is the highest whose leave-one-story-out
recall (each story compared with a model fitted on the other 13) is within 0.015 of the best:
0.3, where leaving one story out gives recall 0.825 and precision 0.980 and leaving one day out
the same. The test day's labels were never used. To refit, run the script and paste its
printout below. Results: bench/days_results.md (Comparison, session 14).

``FITTED`` is used only with ``compare_story(..., same_fact="model")``, not by default: on the test day,
scored once, it gave recall .663 and precision .851 where the rules gave .673 and .985; the
leave-one-out estimates above did not carry over to an unseen day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsmirror.stories.fact_pairs import CONTENT_FEATURES, FEATURES


@dataclass(frozen=True, slots=True)
class PairModel:
    intercept: float
    coefficients: tuple[float, ...]  # one per feature, on standardised features
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float  # a pair with at least this probability is one fact

    def __post_init__(self) -> None:
        if not len(self.coefficients) == len(self.means) == len(self.scales) in (len(FEATURES), len(CONTENT_FEATURES)):
            raise ValueError(f"a pair model needs one coefficient per feature: {', '.join(FEATURES)} (and content_dice)")

    def probability(self, features: np.ndarray) -> np.ndarray:
        """The model's probability of each row; a row may hold more columns than the model was fitted on (the
        ``content_dice`` column when ``fact_pairs.CONTENT_FEATURE`` is on): it reads the first ones."""
        if not len(features):
            return np.zeros(0)
        if features.shape[1] < len(self.coefficients):
            raise ValueError(f"{features.shape[1]} feature columns for a model of {len(self.coefficients)}")
        z = (features[:, : len(self.coefficients)] - np.asarray(self.means)) / np.asarray(self.scales)
        logit = self.intercept + z @ np.asarray(self.coefficients)
        return 1 / (1 + np.exp(-np.clip(logit, -30, 30)))


# Fitted on the tuning labels by bench/days_fact_model.py (its printout pasted here):
# feature: (coefficient on the standardised feature, mean, standard deviation).
_INTERCEPT = -4.1268
_FIT = {
    "dice": (-0.7189, 0.1270, 0.1694),
    "char_cosine": (0.9696, 0.1866, 0.1826),
    "best_ratio": (1.5635, 0.3097, 0.2768),
    "shared_numbers": (-0.0763, 0.0801, 0.3272),
    "number_conflict": (-0.5442, 0.0818, 0.2740),
    "length_ratio": (0.4206, 0.6476, 0.2127),
    "position_gap": (-0.4367, 0.3400, 0.2544),
    "neighbours": (0.2255, 0.1082, 0.2232),
}
THRESHOLD = 0.3

def _fitted() -> PairModel:
    """The fitted model; a feature the fit did not know counts nothing."""
    fit = [_FIT.get(name, (0.0, 0.0, 1.0)) for name in FEATURES]
    return PairModel(_INTERCEPT, tuple(c for c, _, _ in fit), tuple(m for _, m, _ in fit),
                     tuple(s for _, _, s in fit), THRESHOLD)


FITTED = _fitted()


# The last round after the rules (``compare_story``'s rescue round; session 38, facts44; session 41, facts47): the
# same features fitted by ``bench/facts_lofo.py --rescue --fit residual`` on all 38 tuning fact files, only on the
# pairs the round is asked about (units the rules leave in different facts, figures agreeing; L2 1); the threshold is
# the one 33 of the 38 leave-one-file-out folds choose (5 choose .15). Used when ``compare.RESCUE_ROUND`` is
# true (on since facts48, with the only-X withholding). Results: bench/days_results.md (session 41, facts47, facts48).
_RESCUE_INTERCEPT = -4.1302
_RESCUE_FIT = {
    "dice": (-0.6930, 0.0773, 0.0513),
    "char_cosine": (0.9062, 0.1385, 0.0808),
    "best_ratio": (0.8250, 0.2520, 0.1722),
    "shared_numbers": (0.1828, 0.1130, 0.3569),
    "number_conflict": (-0.0121, 0.1052, 0.3069),
    "length_ratio": (0.2442, 0.6398, 0.2036),
    "position_gap": (-0.2198, 0.3436, 0.2523),
    "neighbours": (0.1552, 0.0452, 0.1017),
}
RESCUE_THRESHOLD = 0.2
_RESCUE_ROWS = [_RESCUE_FIT[name] for name in FEATURES]
RESCUE = PairModel(_RESCUE_INTERCEPT, tuple(c for c, _, _ in _RESCUE_ROWS), tuple(m for _, m, _ in _RESCUE_ROWS),
                   tuple(s for _, _, s in _RESCUE_ROWS), RESCUE_THRESHOLD)
