"""The join pass's model refit with each candidate pair weighed by its B³ gain or cost, left one day out and grouped
by the production code (session 48, group64).

The join pass (``StoryClusterer.join_complete``; ``join_model.toml``) judges a finished side against a finished core
of ``join_least`` (3) reports or more: the layer where a big event's sides (analyses, reactions, follow-ups) meet its
core once neither can change. Its model was fitted in session 26 on 15 tuning days' pairs, each counting 1.
``bench/days_join_fit.py --capture`` keeps every tuning day's candidate pairs of finished stories (no join yet);
here each pair is weighed as ``days_small_join.costs`` weighs the small pass's (session 47, group62/group63): a
right pair by the recall its join gains, 2|A_E||B_E|/|E| in reports (A_E, B_E: the two stories' labelled members of
their majority event E), a wrong pair by the precision a join of its sizes costs, 2·s1·s2/(s1+s2); scaled to a
mean of 1.

``lodo``: for each tuning day, the model fitted on the other days' pairs (``days_join_fit.scoped``: larger story
>= 3 reports, first reports within 24 hours, as shipped; L2 1.0), its threshold chosen on those days by
``days_join_fit.choose`` (star; the best mean F1 whose mean pure share stays within ``PURE_SLACK`` of no joins);
the held day then **grouped by the production code** with that fold's model as the join model, beside main (the
packaged model) in the same run; the unweighed refit by the same folds is a third arm (information: it separates
the weighting from the 24 days the shipped model never saw). ``--write``: the weighted refit on every day, written
to ``join_model.toml``.

    python bench/days_join_fit.py --days PATH/archived --capture CAPTURE.pickle
    python bench/days_join_weighted.py --days PATH/archived --cache CAPTURE.pickle [--write | --write-only]

Only ``TUNING_DAYS`` are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_event_refit import grouped_by, score  # noqa: E402
from bench.days_join_fit import Captured, choose, same_event, scoped  # noqa: E402
from bench.days_pair_fit import Day, add_days_arguments, fit, tuning_days  # noqa: E402
from bench.days_small_join import summary  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer  # noqa: E402
from newsmirror.stories.joincomplete import JOIN_FEATURES, JOIN_MODEL_FILE, as_complete  # noqa: E402
from newsmirror.stories.pairscore import PairModel  # noqa: E402

LEAST = 3  # ClusterConfig.join_least as shipped
MAX_GAP = 24.0  # hours: ClusterConfig.join_gap as shipped


def pair_costs(day: Captured) -> np.ndarray:
    """Each pair's B³ weight in reports (unscaled): a right pair (``same_event``) the recall its join gains,
    2|A_E||B_E|/|E|; a wrong one the precision a join of its sizes costs, 2·s1·s2/(s1+s2)."""
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for article, story in day.assigned.items():
        if article in day.truth:
            members[story][day.truth[article]] += 1
    sizes = Counter(day.truth.values())
    right = same_event(day)
    out = []
    for (a, b), same in zip(day.pairs, right, strict=True):
        if same:
            event = members[a].most_common(1)[0][0]
            out.append(2 * members[a][event] * members[b][event] / sizes[event])
        else:
            s1, s2 = day.sizes[a], day.sizes[b]
            out.append(2 * s1 * s2 / (s1 + s2))
    return np.array(out, dtype=float)


def fitted(days: list[Captured], weighted: bool) -> tuple[np.ndarray, float]:
    """The join model on ``days``' pairs; ``weighted``: each pair weighed by ``pair_costs``, scaled to a mean of 1."""
    x = np.vstack([d.features for d in days])
    y = np.concatenate([same_event(d) for d in days])
    weight = None
    if weighted:
        weight = np.concatenate([pair_costs(d) for d in days])
        weight = weight / weight.mean()
    return fit(x, y, 1.0, sample_weight=weight)


def grouped(day: Day, join_model: PairModel | None) -> tuple[StoryClusterer, dict[str, str], float]:
    """The day grouped by the production code (shipped settings), with ``join_model`` as the join pass's model
    (None: the packaged one)."""
    return grouped_by(day, lambda: StoryClusterer(ClusterConfig(), join_model=join_model))


def lodo(days: list[Day], cache: dict[str, Captured], write: bool) -> None:
    arms = (("weighted refit (LODO)", True), ("unweighed refit (LODO)", False))
    rows: dict[str, list] = {"main": [], **{name: [] for name, _ in arms}}
    chosen: dict[str, dict[str, float | None]] = {name: {} for name, _ in arms}
    scope = {name: scoped(c, LEAST, MAX_GAP) for name, c in cache.items()}
    for day in days:
        train = [scope[d.name] for d in days if d.name != day.name]
        _, predicted, cpu = grouped(day, None)
        rows["main"].append(score(day, predicted, cpu))
        line = [f"{day.name}: main F1 {rows['main'][-1].f1:.4f} pure {rows['main'][-1].pure}/{rows['main'][-1].multi} "
                f"CPU {cpu:.2f} s"]
        for name, weigh in arms:
            weights, bias = fitted(train, weigh)
            threshold = choose(train, weights, bias, star=True)
            chosen[name][day.name] = threshold
            model = PairModel(tuple(float(w) for w in weights), float(bias), threshold, JOIN_FEATURES)
            _, predicted, cpu = grouped(day, model)
            c = score(day, predicted, cpu)
            rows[name].append(c)
            line.append(f"{name} ({threshold}) F1 {c.f1:.4f} pure {c.pure}/{c.multi} glued {c.glued} CPU {cpu:.2f} s")
        print("; ".join(line), flush=True)
    summary(days, rows, chosen)
    if write:
        write_model([scope[d.name] for d in days])


def write_model(every: list[Captured]) -> None:
    """The weighted refit on every day's scoped pairs, threshold by ``choose`` (star), written to ``join_model.toml``."""
    weights, bias = fitted(every, True)
    threshold = choose(every, weights, bias, star=True)
    model = PairModel(tuple(round(float(w), 4) for w in weights), round(float(bias), 4), threshold, JOIN_FEATURES)
    note = (f"Fitted by bench/days_join_weighted.py --write (logistic regression, L2 1.0) on the candidate pairs of\n"
            f"finished stories (larger side >= {LEAST} reports, first reports within {MAX_GAP:.0f} hours; "
            "bench/days_join_fit.py --capture)\n"
            f"of the {len(every)} tuning days, each pair weighed by its B-cubed gain or cost (a right pair the "
            "recall its join gains,\na wrong pair the precision its join costs): "
            f"{sum(len(d.pairs) for d in every)} pairs, {int(sum(same_event(d).sum() for d in every))} same "
            "event. Threshold by days_join_fit's rule (star)\non the same days. No held-out, test or fresh day "
            "was read to fit it.")
    JOIN_MODEL_FILE.write_text(as_complete(model).to_toml(note), encoding="utf-8")  # the outlet features weighed 0
    print(f"wrote {JOIN_MODEL_FILE} (threshold {threshold})")
    for name, weight in zip(JOIN_FEATURES, model.weights, strict=True):
        print(f"  {name} {weight:+.4f}")
    print(f"  bias {model.bias:+.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_days_arguments(parser)
    parser.add_argument("--cache", type=Path, required=True, help="days_join_fit.py --capture's pickle")
    parser.add_argument("--write", action="store_true", help="after the LODO, write the weighted refit on every day")
    parser.add_argument("--write-only", action="store_true", help="write the weighted refit without the LODO")
    args = parser.parse_args()
    days = tuning_days(args)
    with args.cache.open("rb") as handle:
        cache = pickle.load(handle)
    missing = [d.name for d in days if d.name not in cache]
    if missing:
        raise SystemExit(f"the capture lacks {', '.join(missing)}: capture again")
    if args.write_only:
        write_model([scoped(cache[d.name], LEAST, MAX_GAP) for d in days])
        return
    lodo(days, cache, args.write)


if __name__ == "__main__":
    main()
