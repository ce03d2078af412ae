"""The complete-story join's own feature list (``joincomplete.COMPLETE_JOIN_FEATURES``: ``JOIN_FEATURES`` with the cheap
outlet features ``OUTLET_FEATURES``), refitted on the tuning days and judged leaving one day out in production
(session 61, join106; group97's replay in session 60 found the four move the F1-purity curve).

``--capture FOLDER``: each tuning day's candidate pairs of finished stories (no join yet) with their
``COMPLETE_JOIN_FEATURES`` (``days_join_fit.capture_day``), one pickle per day. Then:

* ``lodo``: for each tuning day (``--tuning-day`` to run some), the model fitted on the other captured days' pairs
  (``days_join_fit.scoped``: larger story >= 3 reports, first reports within 24 hours, as shipped; plain logistic
  regression, L2 1.0), its threshold chosen on them by ``days_join_fit.choose`` (star); the held day then **grouped
  by the production code** (``days_event_refit.grouped_by``: the event layer's passes, the join pass, the small pass)
  with that fold's model as the join model, beside main (the packaged model) in the same run. ``--plain``: a third
  arm, the same refit on ``JOIN_FEATURES`` only (what the refit alone does); ``--fixed T``: the outlets refit at
  threshold T instead of the threshold chosen (information: group97's replay read the curve at .8); ``--guard``: the
  refit arms grouped with ``ClusterConfig.join_guard`` on (session 61, join107; main stays as shipped), its reader of
  multi-event reports the packaged one, or with ``--reader FILE`` (a ``bench/days_multi_reader.py`` capture) the
  reader fitted on the other days' open reports (session 62, join108); ``--packaged T [T ...]``: instead of the refit, the
  packaged join model at threshold T (one arm per value, beside the same main), no refit and no capture needed
  (session 62, join109; several values: session 63, join110); ``--alternate``: main grouped after the arms on every
  other day, so that the cold caches of a day's first grouping fall on each side alike (session 64, join112);
* ``--write``: the model fitted on every captured day, threshold by the same rule, written to ``join_model.toml``.

    python bench/days_join_outlets.py --days PATH/archived --capture FOLDER
    python bench/days_join_outlets.py --days PATH/archived --cache FOLDER lodo [--plain] [--fixed T] [--tuning-day D]
        [--guard [--reader FILE]]
    python bench/days_join_outlets.py --days PATH/archived lodo --packaged T [T ...] [--guard [--reader FILE]]
        [--alternate]
    python bench/days_join_outlets.py --days PATH/archived --cache FOLDER --write

Only tuning days are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_event_refit import grouped_by, score  # noqa: E402
from bench.days_join_fit import Captured, capture_day, choose, fit_days, same_event, scoped  # noqa: E402
from bench.days_multi_reader import Rows, fit_reader  # noqa: E402
from bench.days_multi_reader import load as load_rows  # noqa: E402
from bench.days_pair_fit import Day, add_days_arguments, tuning_days  # noqa: E402
from bench.days_small_join import summary  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer  # noqa: E402
from newsmirror.stories.joincomplete import (  # noqa: E402
    COMPLETE_JOIN_FEATURES,
    JOIN_FEATURES,
    JOIN_MODEL_FILE,
    default_join_model,
)
from newsmirror.stories.pairscore import PairModel  # noqa: E402

LEAST = 3  # ClusterConfig.join_least as shipped
MAX_GAP = 24.0  # hours: ClusterConfig.join_gap as shipped
L2 = 1.0
# ``JOIN_FEATURES``' columns of a ``COMPLETE_JOIN_FEATURES`` capture (the ``--plain`` arm).
PLAIN = [COMPLETE_JOIN_FEATURES.index(name) for name in JOIN_FEATURES]


def load(folder: Path) -> dict[str, Captured]:
    """The captured days (``<day>.pickle``), scoped as the pass judges; each must hold ``COMPLETE_JOIN_FEATURES``."""
    if not folder.is_dir() or not any(folder.glob("*.pickle")):
        raise SystemExit(f"{folder}: no captured day (<day>.pickle): make them with --capture {folder} (and --days)")
    cache = {}
    for path in sorted(folder.glob("*.pickle")):
        day = pickle.loads(path.read_bytes())
        if day.features.shape[1] != len(COMPLETE_JOIN_FEATURES):
            raise SystemExit(f"{path}: {day.features.shape[1]} columns, not COMPLETE_JOIN_FEATURES' "
                             f"{len(COMPLETE_JOIN_FEATURES)}: capture again into an empty folder")
        cache[path.stem] = scoped(day, LEAST, MAX_GAP)
    return cache


def plain(day: Captured) -> Captured:
    """The day's pairs with ``JOIN_FEATURES``' columns only."""
    return Captured(day.name, day.assigned, day.sizes, day.pairs, day.features[:, PLAIN], day.truth)


def refit(train: list[Captured], features: tuple[str, ...], fixed: float | None = None) -> PairModel:
    """The join model fitted on ``train``'s pairs, its threshold chosen on them (star), or ``fixed``."""
    weights, bias = fit_days(train, L2)
    threshold = fixed if fixed is not None else choose(train, weights, bias, star=True)
    return PairModel(tuple(float(w) for w in weights), float(bias), threshold, features)


def grouped(day: Day, join_model: PairModel | None, guard: bool = False,
            reader: PairModel | None = None) -> tuple[StoryClusterer, dict[str, str], float]:
    """The day grouped by the production code (shipped settings), ``join_model`` the join pass's (None: packaged);
    ``guard``: with ``ClusterConfig.join_guard`` on, ``reader`` its reader of multi-event reports (None: packaged)."""
    return grouped_by(day, lambda: StoryClusterer(ClusterConfig(join_guard=guard), join_model=join_model,
                                                  multi_model=reader))


def fold_reader(rows: Rows | None, day: str) -> PairModel | None:
    """The reader of multi-event reports fitted on the other days' open reports of ``rows`` (None without rows)."""
    if rows is None:
        return None
    train = (rows.days != day) & rows.open
    return fit_reader(rows.features[train], rows.multi[train])


def lodo(days: list[Day], cache: dict[str, Captured], with_plain: bool, fixed: float | None = None,
         guard: bool = False, readers: Rows | None = None, packaged: list[float] | None = None,
         alternate: bool = False, save: Path | None = None) -> None:
    missing = [d.name for d in days if d.name not in cache] if packaged is None else []
    if missing:
        raise SystemExit(f"the capture lacks {', '.join(missing)}: capture them")
    outlets = "outlets refit (LODO)" if fixed is None else f"outlets refit (LODO) at {fixed:g}"
    plain_arm = "plain refit (LODO)"
    suffix = " guard" if guard else ""
    arms = [outlets + suffix] + ([plain_arm + suffix] if with_plain else [])
    # no refit: the packaged join model at each threshold of ``packaged``, one arm each, beside the same main
    # (session 62, join109; several thresholds in one run: session 63, join110)
    at = {f"packaged join model at {t:g}{suffix}": t for t in packaged or ()}
    if at:
        arms = list(at)
    outlets = arms[0]
    rows: dict[str, list] = {"main": [], **{arm: [] for arm in arms}}
    chosen: dict[str, dict[str, float | None]] = {arm: {} for arm in arms}
    saved: dict[str, dict[str, dict[str, str]]] = {arm: {} for arm in ["main", *arms]}
    for number, day in enumerate(days):
        train = [c for name, c in cache.items() if name != day.name]
        reader = fold_reader(readers, day.name) if guard else None
        line = [f"{day.name}:"] + ([f"reader threshold {reader.threshold:g}"] if reader is not None else [])
        # ``alternate``: main grouped after the arms on every other day (session 64, join112: the first grouping of a
        # day in a process runs with cold caches, so A-then-B biases the CPU, group110)
        order = ["main", *arms] if not alternate or number % 2 == 0 else [*arms, "main"]
        for arm in order:
            if arm == "main":
                # main as shipped: the join guard as ``ClusterConfig`` defaults it (on since session 64), with the arms'
                # reader when it is on, so that only the join model differs (session 66, join115: main was grouped
                # with the guard off, the default of ``grouped``)
                shipped = ClusterConfig().join_guard
                _, predicted, cpu = grouped(day, None, shipped, reader if shipped else None)
                threshold = None
            else:
                model = (replace(default_join_model(), threshold=at[arm]) if arm in at
                         else refit(train, COMPLETE_JOIN_FEATURES, fixed) if arm == outlets
                         else refit([plain(c) for c in train], JOIN_FEATURES))
                threshold = chosen[arm][day.name] = model.threshold
                _, predicted, cpu = grouped(day, model, guard, reader)
            c = score(day, predicted, cpu)
            rows[arm].append(c)
            saved[arm][day.name] = predicted
            line.append(f"{arm}{f' ({threshold})' if threshold is not None else ''} F1 {c.f1:.4f} P {c.precision:.4f} "
                        f"pure {c.pure}/{c.multi} impure {c.multi - c.pure} glued {c.glued} CPU {cpu:.2f} s")
        print("; ".join(line), flush=True)
        if save is not None:  # each arm's grouping of the days so far (report id -> story), for a later reading
            save.write_bytes(pickle.dumps(saved))
    summary(days, rows, chosen)


def write_model(cache: dict[str, Captured]) -> None:
    """The model fitted on every captured day, threshold by ``choose`` (star), written to ``join_model.toml``."""
    every = list(cache.values())
    fitted = refit(every, COMPLETE_JOIN_FEATURES)
    model = PairModel(tuple(round(w, 4) for w in fitted.weights), round(fitted.bias, 4), fitted.threshold,
                      COMPLETE_JOIN_FEATURES)
    note = (f"Fitted by bench/days_join_outlets.py --write (logistic regression, L2 {L2:g}) on the candidate pairs of\n"
            f"finished stories (larger side >= {LEAST} reports, first reports within {MAX_GAP:.0f} hours; "
            "COMPLETE_JOIN_FEATURES)\n"
            f"of the {len(every)} tuning days {', '.join(cache)}\n"
            f"(shipped grouping, no join yet): {sum(len(d.pairs) for d in every)} pairs, "
            f"{int(sum(same_event(d).sum() for d in every))} same event. Threshold by days_join_fit's rule (star) "
            "on the same days.\nNo held-out, test or fresh day was read to fit it.")
    JOIN_MODEL_FILE.write_text(model.to_toml(note), encoding="utf-8")
    print(f"wrote {JOIN_MODEL_FILE} (threshold {model.threshold})")
    for name, weight in zip(COMPLETE_JOIN_FEATURES, model.weights, strict=True):
        print(f"  {name} {weight:+.4f}")
    print(f"  bias {model.bias:+.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_days_arguments(parser)
    parser.add_argument("command", nargs="?", choices=("lodo",))
    parser.add_argument("--cache", type=Path, help="the capture folder (one <day>.pickle per tuning day)")
    parser.add_argument("--capture", type=Path, metavar="FOLDER", help="capture the tuning days into FOLDER")
    parser.add_argument("--plain", action="store_true", help="lodo: also the refit on JOIN_FEATURES only")
    parser.add_argument("--fixed", type=float, metavar="T", help="lodo: the outlets refit at threshold T")
    parser.add_argument("--packaged", type=float, nargs="+", metavar="T",
                        help="lodo: instead of the refit, the packaged join model at threshold T (no capture needed); "
                             "several values: one arm each, beside the same main")
    parser.add_argument("--guard", action="store_true", help="lodo: the refits grouped with ClusterConfig.join_guard")
    parser.add_argument("--reader", type=Path, metavar="FILE",
                        help="lodo --guard: the reader fitted per fold on this bench/days_multi_reader.py capture")
    parser.add_argument("--alternate", action="store_true",
                        help="lodo: main grouped after the arms on every other day (the CPU of a same-run comparison)")
    parser.add_argument("--save", type=Path, metavar="FILE",
                        help="lodo: each arm's grouping of each day (report id -> story id), pickled into FILE")
    parser.add_argument("--write", action="store_true", help="write the model fitted on every captured day")
    args = parser.parse_args()
    if args.capture:
        args.capture.mkdir(parents=True, exist_ok=True)
        for day in tuning_days(args):
            captured = capture_day(day, features=COMPLETE_JOIN_FEATURES)
            (args.capture / f"{day.name}.pickle").write_bytes(pickle.dumps(captured))
            print(day.name, len(captured.pairs), "pairs", flush=True)
        return
    if args.command == "lodo" and args.packaged is not None:
        rows = load_rows(args.reader) if args.reader else None
        lodo(tuning_days(args), {}, False, None, args.guard, rows, args.packaged, args.alternate, args.save)
        return
    if args.cache is None:
        raise SystemExit("--cache FOLDER (made by --capture) is needed for lodo and --write")
    cache = load(args.cache)
    if args.command == "lodo":
        rows = load_rows(args.reader) if args.reader else None
        lodo(tuning_days(args), cache, args.plain, args.fixed, args.guard, rows, alternate=args.alternate,
             save=args.save)
    if args.write:
        write_model(cache)


if __name__ == "__main__":
    main()
