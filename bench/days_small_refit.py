"""The small pass's model (``small_join_model.toml``) against refits on the other tuning days, replayed on
``days_join_refit.py --capture`` captures leaving one day out (session 70, recall70).

``days_small_join.py lodo`` judges a small-model refit by grouping every held day again in production (two groupings
a day); ``days_join_small.py`` replays a small pass of session 28 that scores pairs production never scores (two
stories with an outlet in both) after a refit join pass. Here both passes are replayed **as shipped** on the capture
(``days_join_fit.capture_day``: the day grouped with the event layer, no join yet):

1. the join pass with the packaged join model at its threshold (pairs whose larger story holds ``join_least`` 3
   reports, first reports within ``join_gap`` 24 h; star);
2. the small pass on the pairs production scores: both stories under 3 reports, first reports within 24 h, **no
   outlet in both** (the outlets read from the day folder: an article's id is ``stable_id`` of its post's ``from``
   address, its outlet the post's ``author``), neither touched by the join pass, the cores' meaning and lede
   cosines (``JOIN_FEATURES`` ``meaning`` and ``lede``) at least ``small_join_floor`` 0.6; most probable first,
   star.

Arms of the small pass: none; **shipped** (the packaged small model at its threshold); the packaged weights with the
threshold chosen on the other days; **refit, L2 x**: fitted (``days_pair_fit.fit``) on the other days' in-scope
small pairs, its threshold chosen on them. A fold's threshold: the best mean B³ F1 on its training days among
``THRESHOLDS`` whose pooled pure share of multi-report stories stays within ``PURE_SLACK`` of the join pass alone
there (``days_join_small``'s rule). Not replayed: the figure path (``figure_join_probability``: a pair from .7 joins
when the two stories state one figure and share a name) reads the reports' text; so the shipped row is production
without that path, and a refit's figure joins are not counted either.

    python bench/days_small_refit.py --cache FOLDER --days PATH/archived [--per-day]

Only captured days are read; a capture holds tuning days only (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import purity  # noqa: E402
from bench.days_join_fit import THRESHOLDS, Captured, fit_days, probability, same_event, scoped  # noqa: E402
from bench.days_join_refit import load  # noqa: E402
from bench.days_join_small import star  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.model import stable_id  # noqa: E402
from newsmirror.stories.joincomplete import (  # noqa: E402
    JOIN_FEATURES,
    JOIN_MODEL_FILE,
    SMALL_JOIN_MODEL_FILE,
    load_join_model,
    load_small_join_model,
)
from newsmirror.stories.pairscore import PairModel  # noqa: E402

LEAST = 3  # ClusterConfig.join_least
GAP_HOURS = 24.0  # ClusterConfig.join_gap
FLOOR = 0.6  # ClusterConfig.small_join_floor
PURE_SLACK = 0.005
L2S = (0.3, 1.0, 3.0)
_GAP, _MEANING, _LEDE = (JOIN_FEATURES.index(n) for n in ("gap", "meaning", "lede"))
_FROM = re.compile(r"^from:\s*(.+?)\s*$", re.M)
_AUTHOR = re.compile(r"^author:\s*(.+?)\s*$", re.M)


def outlets_of(folder: Path) -> dict[str, str]:
    """Article id -> outlet of a day folder's posts (their front matter: ``from`` and ``author``)."""
    found: dict[str, str] = {}
    for post in sorted(folder.glob("*.md")):
        head = post.read_text(encoding="utf-8", errors="replace")[:4000]
        url, author = _FROM.search(head), _AUTHOR.search(head)
        if url and author:
            found.setdefault(stable_id(url.group(1).strip('"')), author.group(1).strip('"'))
    return found


def story_outlets(day: Captured, outlet: dict[str, str]) -> dict[str, frozenset[str]]:
    got: dict[str, set[str]] = {}
    for article, story in day.assigned.items():
        if article in outlet:
            got.setdefault(story, set()).add(outlet[article])
    return {k: frozenset(v) for k, v in got.items()}


def small_scope(day: Captured, outlets: dict[str, frozenset[str]]) -> Captured:
    """The pairs the small pass scores (before the join pass's touched stories are left out): both stories under
    ``LEAST`` reports, first reports within the gap, no outlet in both, meaning and lede cosines at the floor."""
    x = day.features
    keep = [i for i, (a, b) in enumerate(day.pairs)
            if max(day.sizes[a], day.sizes[b]) < LEAST and x[i, _GAP] <= np.log1p(GAP_HOURS)
            and not (outlets.get(a, frozenset()) & outlets.get(b, frozenset()))
            and x[i, _MEANING] >= FLOOR and x[i, _LEDE] >= FLOOR]
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep], x[keep], day.truth)


def both(main: Captured, main_p: np.ndarray, main_threshold: float, small: Captured, small_p: np.ndarray | None,
         small_threshold: float) -> dict[str, str]:
    into: dict[str, str] = {}
    role: dict[str, str] = {}
    star(main.pairs, main_p, main_threshold, main.sizes, into, role)
    if small_p is not None:
        star(small.pairs, small_p, small_threshold, small.sizes, into, role, untouched=set(role))
    return into


Scores = tuple[float, float, float, int, int]  # F1, P, R, pure, multi


def scored(day: Captured, into: dict[str, str]) -> Scores:
    predicted = {k: into.get(v, v) for k, v in day.assigned.items()}
    precision, recall, f1 = bcubed(day.truth, predicted)
    pure, multi = purity(day.truth, predicted)
    return f1, precision, recall, pure, multi


def choose(days: list[tuple[Captured, np.ndarray, Captured]], main_threshold: float, weights: np.ndarray,
           bias: float) -> float:
    """The small pass's threshold on ``days`` ((join pairs, their shipped probabilities, small pairs)): the best mean
    F1 among ``THRESHOLDS`` whose pooled pure share stays within ``PURE_SLACK`` of the join pass alone."""
    def pooled(threshold: float | None) -> list[Scores]:
        return [scored(m, both(m, mp, main_threshold, s, None if threshold is None else
                               probability(weights, bias, s.features), threshold or 1.0)) for m, mp, s in days]

    return best_threshold(pooled)


def best_threshold(pooled: Callable[[float | None], list[Scores]]) -> float:
    """The best mean F1 among ``THRESHOLDS`` whose pooled pure share stays within ``PURE_SLACK`` of ``pooled(None)``'s
    (the pass left out), 1.01 (none) when no threshold beats it; ``pooled(t)``: each day's scores at ``t``."""
    def f1_and_pure(threshold: float | None) -> tuple[float, float]:
        got = pooled(threshold)
        return float(np.mean([g[0] for g in got])), sum(g[3] for g in got) / max(sum(g[4] for g in got), 1)

    base_f1, base_pure = f1_and_pure(None)
    best = (base_f1, 1.01)
    for threshold in THRESHOLDS:
        f1, pure = f1_and_pure(threshold)
        if pure >= base_pure - PURE_SLACK and f1 > best[0]:
            best = (f1, threshold)
    return best[1]


def shipped_models() -> tuple[PairModel, PairModel, np.ndarray, np.ndarray]:
    """The shipped join and small models, and their weights in ``JOIN_FEATURES``' order (the captures' columns; a
    feature a model does not read weighs 0)."""
    join_model, small_model = load_join_model(JOIN_MODEL_FILE), load_small_join_model(SMALL_JOIN_MODEL_FILE)
    jw = dict(zip(join_model.features, join_model.weights, strict=True))
    sw = dict(zip(small_model.features, small_model.weights, strict=True))
    join_w = np.array([jw.get(n, 0.0) for n in JOIN_FEATURES])
    small_w = np.array([sw.get(n, 0.0) for n in JOIN_FEATURES])
    return join_model, small_model, join_w, small_w


def arms(cache: dict[str, Captured], outlets: dict[str, dict[str, str]]
         ) -> tuple[dict[str, list[Scores]], dict[str, Counter[str]], int, int]:
    join_model, small_model, join_w, small_w = shipped_models()
    names = list(cache)
    mains = {n: scoped(cache[n], LEAST, GAP_HOURS) for n in names}
    main_ps = {n: probability(join_w, join_model.bias, mains[n].features) for n in names}
    smalls = {n: small_scope(cache[n], story_outlets(cache[n], outlets[n])) for n in names}
    jt = join_model.threshold
    rows: dict[str, list[Scores]] = {"join pass alone (no small pass)": [], "shipped": [],
                                     "shipped weights, threshold per fold": []}
    rows.update({f"refit, L2 {l2:g}": [] for l2 in L2S})
    fixed = f"refit, L2 1, at the shipped {small_model.threshold:g} (information)"
    rows[fixed] = []
    chosen: dict[str, Counter[str]] = {k: Counter() for k in rows}
    for name in names:
        m, mp, s = mains[name], main_ps[name], smalls[name]
        train = [(mains[n], main_ps[n], smalls[n]) for n in names if n != name]
        rows["join pass alone (no small pass)"].append(scored(m, both(m, mp, jt, s, None, 1.0)))
        rows["shipped"].append(scored(m, both(m, mp, jt, s, probability(small_w, small_model.bias, s.features),
                                              small_model.threshold)))
        t = choose(train, jt, small_w, small_model.bias)
        chosen["shipped weights, threshold per fold"][f"{t:g}"] += 1
        rows["shipped weights, threshold per fold"].append(
            scored(m, both(m, mp, jt, s, probability(small_w, small_model.bias, s.features), t)))
        for l2 in L2S:
            w, b = fit_days([smalls[n] for n in names if n != name], l2)
            t = choose(train, jt, w, b)
            chosen[f"refit, L2 {l2:g}"][f"{t:g}"] += 1
            rows[f"refit, L2 {l2:g}"].append(scored(m, both(m, mp, jt, s, probability(w, b, s.features), t)))
            if l2 == 1.0:
                rows[fixed].append(scored(m, both(m, mp, jt, s, probability(w, b, s.features),
                                                  small_model.threshold)))
        print(f"  {name}: " + "; ".join(f"{arm} {v[-1][0]:.4f}" for arm, v in rows.items()), file=sys.stderr,
              flush=True)
    in_scope = sum(len(s.pairs) for s in smalls.values())
    positive = int(sum(same_event(s).sum() for s in smalls.values() if s.pairs))
    return rows, chosen, in_scope, positive


def table(names: list[str], rows: dict[str, list[Scores]], chosen: dict[str, Counter[str]],
          replayed: str = "join + small pass", base_arm: str = "shipped") -> str:
    out = [f"| {len(names)} tuning days (tuned on), {replayed} replayed | mean B³ F1 | P | R | pooled pure | "
           "days up / down vs shipped (> .001) | thresholds chosen |", "|---|---|---|---|---|---|---|"]
    base = [r[0] for r in rows[base_arm]]
    for arm, values in rows.items():
        f1, p, r = (float(np.mean([v[i] for v in values])) for i in range(3))
        pure, multi = sum(v[3] for v in values), sum(v[4] for v in values)
        moved = [v[0] - b for v, b in zip(values, base, strict=True)]
        up, down = sum(d > .001 for d in moved), sum(d < -.001 for d in moved)
        picks = ", ".join(f"{k} x{v}" for k, v in sorted(chosen.get(arm, Counter()).items()))
        out.append(f"| {arm} | {f1:.5f} | {p:.4f} | {r:.4f} | {pure}/{multi} = {pure / max(multi, 1):.4f} | "
                   f"{up} / {down} | {picks} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, required=True, help="days_join_refit.py --capture's folder or pickle")
    parser.add_argument("--days", type=Path, required=True, help="the day folders (to read each post's outlet)")
    parser.add_argument("--per-day", action="store_true")
    args = parser.parse_args()
    cache = load(args.cache)
    outlets = {n: outlets_of(args.days / n) for n in cache}
    rows, chosen, in_scope, positive = arms(cache, outlets)
    print(f"{len(cache)} tuning days: {', '.join(cache)}; small pairs in scope {in_scope} ({positive} of one event)")
    print(table(list(cache), rows, chosen))
    if args.per_day:
        for i, name in enumerate(cache):
            print(name, " ".join(f"{arm}={values[i][0]:.4f}" for arm, values in rows.items()))


if __name__ == "__main__":
    main()
