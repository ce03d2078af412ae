"""Joining two stories once both are complete (issue 14 item 2: recall on unseen days).

The event layer (``eventlink``) judges a story pair at each save, while the stories still grow: a link
judged while one side held a report or two let it grow into a wrong join (session 24, gate17/gate18). This
pass judges a pair only once neither story can change by report grouping any more (``StoryClusterer
.complete``: the clock is beyond its window, or the run has ended), so the evidence read is the evidence
there will be. A logistic regression over ``JOIN_FEATURES`` of the two finished stories, fitted on the
candidate pairs of the tuning days' shipped grouping (``bench/days_join_fit.py``, coefficients in
``join_model.toml``), decides. Only pairs whose larger story holds ``ClusterConfig.join_least`` reports are
judged (two single reports were most of the wrong joins, as they were for the event layer), and only pairs whose
first reports lie within ``ClusterConfig.join_gap`` (a day: the range of the fitted pairs; beyond it the model's
``gap`` and size weights extrapolate, session 26), each judged against the core as it stood before its first side
(as fitted: the replay scores stories before any join, production passes run at each save). A join never makes
a story span more than ``ClusterConfig.max_span``, and there are no chains: a pair's probability describes two
stories, not the merge a third would carry it into. So a story absorbed once is never joined again and a story
that absorbed is never absorbed; it may take several sides (``ClusterConfig.join_star``, each judged against it
as it stood; off: each story joins once).

The features: ``eventlink.EVENT_FEATURES_COVER`` of the pair, then

* ``side_cover``: the same cover read the other way (the core's titles-and-ledes restating the side's
  common lede terms beyond the names both use): two halves of one event restate each other;
* ``core_pair_max`` / ``core_pair_min``: the report-story pair model's probability that one story's core,
  read as one report, belongs to the other, the larger and the smaller of the two directions (the
  evidence that joined each report, applied to the finished stories).

Those two cost most (a pair-model reading each way) and are probabilities in [0, 1], so ``join_probability``
reads them only when the model could still reach the pass's threshold with them at their most favourable value
(an exact bound: the same joins; session 25, merge21: most candidate pairs are far below it).

The join pass's model reads ``COMPLETE_JOIN_FEATURES``: ``JOIN_FEATURES`` with ``OUTLET_FEATURES`` before the two
readings (session 61, join106, after group97's replay in session 60), of the core (the story a join keeps: more
members, then the earlier) and the side:

* ``outlets_shared``: the share of the side's outlets the core already has; ``any_outlet_shared``: whether it has one;
* ``core_outlets``: the core's outlets (log);
* ``after_core``: the hours from the core's last report to the side's first (log1p; 0 when the side begins earlier).

The guard (``ClusterConfig.join_guard``; session 61, join107; session 62, join108): a pair whose side (the smaller
story: fewer members, then the later) holds a report the reader of multi-event reports (``stories.multireport``: title
and body) calls one is not judged by the join pass (``kept_out``): join106's refits glued such reports (a market
report, a column's bulletin) into a big event's story as sides. A core holding one may still take sides (join107's
guard on both, with a title-only reader, lost the refit's gain).

The small pass's model (``small_join_model.toml``) reads ``JOIN_FEATURES``; ``join_probability`` computes what the
model it is given names (a model of either list).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING

from newsmirror.stories.eventlink import EVENT_FEATURES_COVER, StoryWeights, event_features, lede_cover
from newsmirror.stories.pairscore import PairModel, load_pair_model

if TYPE_CHECKING:
    from newsmirror.stories.cluster import _StoryState

JOIN_FEATURES = (*EVENT_FEATURES_COVER, "side_cover", "core_pair_max", "core_pair_min")
_COSTLY = 2  # the last features: probabilities, read by the pair model
OUTLET_FEATURES = ("outlets_shared", "any_outlet_shared", "core_outlets", "after_core")
COMPLETE_JOIN_FEATURES = (*JOIN_FEATURES[:-_COSTLY], *OUTLET_FEATURES, *JOIN_FEATURES[-_COSTLY:])
_SLACK = 1e-9  # against rounding: the bound is summed in another order than ``PairModel.probability``
JOIN_MODEL_FILE = Path(__file__).with_name("join_model.toml")
# The small pass's model (``ClusterConfig.small_join``): the same features, fitted on pairs of two stories both under
# ``join_least`` reports from outlets none of which is in both (``bench/days_small_join.py``; session 46, group60).
SMALL_JOIN_MODEL_FILE = Path(__file__).with_name("small_join_model.toml")


def kept_out(a: _StoryState, b: _StoryState) -> bool:
    """The guard: whether the side of a pair (the smaller story, as ``cluster._rank`` orders them: fewer members,
    then the later first report) holds a report read as about several events (``_StoryState.mixed``, counted only
    under ``ClusterConfig.join_guard``); then the join pass does not judge it. A tie of the two makes ``a`` the side,
    as ``join_complete`` takes it (``big, small = (a, b) if _rank(a) > _rank(b) else (b, a)``)."""
    side = b if (len(a.members), -a.first.timestamp()) > (len(b.members), -b.first.timestamp()) else a
    return bool(side.mixed)


def join_features(a: _StoryState, b: _StoryState, is_name: Callable[[str], int],
                  dice: Callable[[frozenset[str], frozenset[str]], float],
                  weights: Callable[[_StoryState], StoryWeights],
                  core_probability: Callable[[_StoryState, _StoryState], float],
                  features: tuple[str, ...] = JOIN_FEATURES) -> tuple[float, ...]:
    """``features`` (``JOIN_FEATURES`` or ``COMPLETE_JOIN_FEATURES``) of two finished stories (order does not
    matter); ``weights``: ``story_weights`` kept by the caller; ``core_probability(x, y)``: the pair model's
    probability of x's core as a report in y."""
    return (*_cheap_features(a, b, is_name, dice, weights, _reads_outlets(features)),
            *_core_readings(a, b, core_probability))


def join_probability(model: PairModel, floor: float, a: _StoryState, b: _StoryState,
                     is_name: Callable[[str], int], dice: Callable[[frozenset[str], frozenset[str]], float],
                     weights: Callable[[_StoryState], StoryWeights],
                     core_probability: Callable[[_StoryState, _StoryState], float], bar: float = 0.0,
                     evidence: Callable[[], bool] | None = None) -> float | None:
    """``model``'s probability of two finished stories (``join_features`` of ``model.features``), or None when it
    is below ``floor`` whatever the two pair-model readings are (then they are not computed). With a ``bar`` under
    ``floor`` and ``evidence`` (a cheap test of the pair), a pair that may reach ``bar`` but not ``floor`` is read
    in full only when ``evidence()`` holds: the costly readings are asked of the few pairs the test lets through."""
    cheap = _cheap_features(a, b, is_name, dice, weights, _reads_outlets(model.features))
    if floor > 0.0:
        ceiling = model.bias + sum(map(mul, model.weights, cheap)) + sum(max(w, 0.0) for w in model.weights[-_COSTLY:])
        under = floor >= 1.0 or ceiling < math.log(floor / (1.0 - floor)) - _SLACK
        if under and (evidence is None or not 0.0 < bar < min(floor, 1.0)
                      or ceiling < math.log(bar / (1.0 - bar)) - _SLACK or not evidence()):
            return None
    return model.probability((*cheap, *_core_readings(a, b, core_probability)))


def _core_readings(a: _StoryState, b: _StoryState,
                   core_probability: Callable[[_StoryState, _StoryState], float]) -> tuple[float, float]:
    """``core_pair_max`` and ``core_pair_min``: the pair model read each way."""
    one, other = core_probability(a, b), core_probability(b, a)
    return max(one, other), min(one, other)


def _reads_outlets(features: tuple[str, ...]) -> bool:
    """Whether a model of ``features`` reads ``OUTLET_FEATURES`` (``COMPLETE_JOIN_FEATURES``) or not
    (``JOIN_FEATURES``); any other list is refused."""
    if features == COMPLETE_JOIN_FEATURES:
        return True
    if features == JOIN_FEATURES:
        return False
    raise ValueError(f"a join model reads JOIN_FEATURES or COMPLETE_JOIN_FEATURES, not {features}")


def _cheap_features(a: _StoryState, b: _StoryState, is_name: Callable[[str], int],
                    dice: Callable[[frozenset[str], frozenset[str]], float],
                    weights: Callable[[_StoryState], StoryWeights], outlets: bool = False) -> tuple[float, ...]:
    """``JOIN_FEATURES`` but the pair-model readings (``outlets``: then ``OUTLET_FEATURES``)."""
    values = event_features(a, b, is_name, dice, weights, cover=True)
    a_is_core = (len(a.members), b.first) > (len(b.members), a.first)
    core, side = (a, b) if a_is_core else (b, a)
    side_weights = weights(side)
    cover = lede_cover(side_weights[4], core, side_weights[3])
    if not outlets:
        return (*values, cover)
    return (*values, cover, *outlet_features(core, side))


def outlet_features(core: _StoryState, side: _StoryState) -> tuple[float, float, float, float]:
    """``OUTLET_FEATURES`` of a core and a side: the share of the side's outlets the core has, whether it has any,
    the core's outlets (log) and the hours from the core's last report to the side's first (log1p, 0 when earlier or
    when either has no time: bench stories without times, review62)."""
    shared = len(side.outlets & core.outlets)
    after = max(0.0, (side.first - core.last).total_seconds() / 3600) if side.first and core.last else 0.0
    return (shared / max(len(side.outlets), 1), float(shared > 0), math.log(max(len(core.outlets), 1)),
            math.log1p(after))


def as_complete(model: PairModel) -> PairModel:
    """A ``JOIN_FEATURES`` model as a ``COMPLETE_JOIN_FEATURES`` one that weighs ``OUTLET_FEATURES`` 0 (the same
    probabilities: what ``join_model.toml`` must name); a ``COMPLETE_JOIN_FEATURES`` model as it is."""
    if _reads_outlets(model.features):
        return model
    weights = dict(zip(model.features, model.weights, strict=True))
    return PairModel(tuple(weights.get(name, 0.0) for name in COMPLETE_JOIN_FEATURES), model.bias, model.threshold,
                     COMPLETE_JOIN_FEATURES)


def load_join_model(path: Path = JOIN_MODEL_FILE) -> PairModel:
    return load_pair_model(path, COMPLETE_JOIN_FEATURES,
                           "refit it with bench/days_join_fit.py (or group with ClusterConfig(join_complete=False))")


@cache
def default_join_model() -> PairModel:
    """The packaged join model, read once per process."""
    return load_join_model()


def load_small_join_model(path: Path = SMALL_JOIN_MODEL_FILE) -> PairModel:
    return load_pair_model(path, JOIN_FEATURES,
                           "refit it with bench/days_small_join.py (or group with ClusterConfig(small_join=False))")


@cache
def default_small_join_model() -> PairModel:
    """The packaged small-join model, read once per process."""
    return load_small_join_model()
