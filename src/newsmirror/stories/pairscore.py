"""A measured score for "is this report about the event of that story": a logistic regression over
a few features of the pair (report, story core), fitted on labelled days instead of hand thresholds.

The features (``FEATURES``, computed by ``StoryClusterer`` for each candidate story):

* ``cosine``: TF-IDF cosine of the report's term vector and the story core's centroid;
* ``who`` / ``what``: the same cosine over names only (people, places, organisations) and over the
  other words only (what happened);
* ``event`` / ``topic``: the cosine split by how many *other live stories* use each shared term.
  A shared term that only this story uses is event evidence; one that many distinct stories of the
  day use (澳大利亚, 疫苗, 美国大选) is the day's topic, which alone must not glue two events. Each
  shared term's share of the cosine counts as event evidence in proportion 1 / (1 + other stories);
  ``topic`` is the rest. (Counted across stories, not reports, so ten reports of one big event do
  not make its own words "topic".)
* ``title``: Dice of title character bigrams, the best match among the core's titles;
* ``new_names``: share of the names in the report's title that the story core never uses (a vaccine
  approval in another country, another company);
* ``gap``: log(1 + hours) between the report and the story's first report;
* ``same_outlet``: the outlet already has a report in the story (outlets update, seldom refile);
* ``size``: log of the story's member count (a story many reports joined is a confirmed event);
* ``meaning``: cosine of the report's meaning vector and the core's (``text.vectors``: weighted means
  of word vectors trained on a public news archive), which sees the same event told in other words;
* ``members`` / ``agreeing``: the mean of the report's three best term cosines to the story's latest
  members (not only its core), and log(1 + how many of them reach ``ClusterConfig.agree_cosine``): a
  reaction or a later angle that agrees with several members is one event even when the core told it first.

The coefficients live in ``pair_model.toml`` beside this module, written by
``bench/days_pair_fit.py`` with how they were fitted (which days, how many pairs).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from operator import mul
from pathlib import Path

from newsmirror.errors import ConfigError

FEATURES = ("cosine", "who", "what", "event", "topic", "title", "new_names", "gap", "same_outlet", "size",
            "meaning", "members", "agreeing")

MODEL_FILE = Path(__file__).with_name("pair_model.toml")


@dataclass(frozen=True, slots=True)
class PairModel:
    weights: tuple[float, ...]  # one per name in ``features``
    bias: float
    threshold: float  # probability a report needs to join a story
    features: tuple[str, ...] = FEATURES

    def probability(self, values: tuple[float, ...]) -> float:
        if len(values) != len(self.weights):
            raise ValueError(f"{len(values)} feature values for {len(self.weights)} weights")
        # The products summed in order by C-level loops: the same float as a generator's sum.
        z = self.bias + sum(map(mul, self.weights, values))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def to_toml(self, note: str) -> str:
        """The model as ``pair_model.toml`` text, with a comment on how it was fitted."""
        lines = [f"# {line}" for line in note.splitlines()]
        lines.append(f"threshold = {self.threshold!r}")
        lines.append(f"bias = {self.bias!r}")
        lines.append("[weights]")
        lines.extend(f"{name} = {weight!r}" for name, weight in zip(self.features, self.weights, strict=True))
        return "\n".join(lines) + "\n"


class PairModelError(ConfigError):
    pass


def load_pair_model(path: Path = MODEL_FILE, features: tuple[str, ...] = FEATURES,
                    refit: str = "refit it with bench/days_pair_fit.py (or group with ClusterConfig.hand_settings())",
                    ) -> PairModel:
    """A fitted model (by default the report-story one); every name of ``features`` must have a weight."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PairModelError(f"cannot read the grouping model {path}: {exc}; {refit}") from exc
    weights = data.get("weights", {})
    missing = [name for name in features if name not in weights]
    missing += [name for name in ("bias", "threshold") if name not in data]
    if missing:
        raise PairModelError(f"{path} has no value for {', '.join(missing)}: {refit}")
    return PairModel(tuple(float(weights[name]) for name in features), float(data["bias"]), float(data["threshold"]),
                     features)


@cache
def default_pair_model() -> PairModel:
    """The packaged model, read once per process."""
    return load_pair_model()
