"""Tuning days grouped as production groups them: in many runs, not one.

``bench/days_eval.py`` groups a day in one ``jobs.grouping.group_articles`` run. In production the ``group`` job
runs every five minutes, each run over the reports that arrived since the last one (the earlier stories restored
from the store), and each run ends with ``save(final=True)``. This replays a day that way: the day is imported
whole, and each run sees only the first ``--step`` more reports in time order (the others are held back from
``unassigned_article_ids``). It prints the day's B-cubed F1 and pure share in one run and in runs of ``--step``,
with the settings given and without them (session 26, join22: the complete-story join judged every live story at
a run's end). The last run closes (``close=True``, as the one-run evaluation): the day read as it will stand once
every window has passed (join23).

    python bench/days_runs.py --step 20 --set join_complete=true --day 2020-11-08 --day 2021-01-06

Tuning days only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

import newsmirror.jobs.grouping as grouping  # noqa: E402
from bench import days_eval  # noqa: E402
from bench.days_eval import DEFAULT_DAYS, TUNING_DAYS, evaluate_day, load_day_labels, parse_setting  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig  # noqa: E402

_one_run = grouping.group_articles


def in_runs(step: int) -> Any:
    """A ``group_articles`` that groups the store's unassigned reports in runs of ``step`` (0: one run)."""
    def group(store: Any, config: Any = None, **options: Any) -> None:
        if not step:
            _one_run(store, config, **options)
            return
        arriving = store.unassigned_article_ids()
        unassigned = store.unassigned_article_ids
        try:
            ends = range(step, len(arriving) + step, step)
            for end in ends:
                arrived = set(arriving[:end])
                store.unassigned_article_ids = lambda limit=None, arrived=arrived: [
                    i for i in unassigned() if i in arrived][:limit]
                # The last run reads the day as it will stand once every window has passed (as one run does).
                _one_run(store, config, **{**options, "close": options.get("close", False) and end == ends[-1]})
        finally:
            store.unassigned_article_ids = unassigned
    return group


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, default=DEFAULT_DAYS, help="folder of <date>/ day folders")
    parser.add_argument("--day", action="append", required=True, help="tuning days (repeatable)")
    parser.add_argument("--step", type=int, default=20, help="reports arriving per run")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="as days_eval --set")
    parser.add_argument("--only", choices=("main", "set"), help="group with the defaults only, or with --set only")
    parser.add_argument("--runs-only", action="store_true", help="leave out the one-run figures (days_eval gives them)")
    args = parser.parse_args()
    for day in args.day:
        if day not in TUNING_DAYS:
            raise SystemExit(f"{day} is not a tuning day")
    settings: dict[str, Any] = {}
    for item in args.set:
        settings.update(parse_setting(item))
    days_eval._clusterer_cpu = lambda store, config=None: 0.0  # type: ignore[assignment]  # not timed here
    configs = [(name, config) for name, config in (("main", ClusterConfig()), ("with --set", ClusterConfig(**settings)))
               if args.only is None or name.endswith(args.only)]
    for step in (args.step,) if args.runs_only else (0, args.step):
        grouping.group_articles = in_runs(step)
        for name, config in configs:
            f1s, pures, counts = [], [], [0, 0]
            for day in args.day:
                labels = load_day_labels(REPO / "bench" / "days" / f"labels-{day}.toml")
                result = evaluate_day(args.days / day, labels, config)
                f1s.append(result.f1)
                pures.append(result.pure / max(result.multi, 1))
                counts[0] += result.pure
                counts[1] += result.multi
            print(f"{'one run' if not step else f'runs of {step}':>12} {name:10}: F1 "
                  + " ".join(f"{x:.4f}" for x in f1s) + f"  mean {sum(f1s) / len(f1s):.4f}"
                  f"  pure " + " ".join(f"{x:.3f}" for x in pures) + f"  mean {sum(pures) / len(pures):.4f}"
                  f"  pooled {counts[0]}/{counts[1]} {counts[0] / max(counts[1], 1):.4f}",
                  flush=True)
    grouping.group_articles = _one_run


if __name__ == "__main__":
    main()
