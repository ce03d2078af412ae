"""Several grouping settings on the tuning days, each day imported once (``days_eval`` per point, cheaper).

``days_eval`` imports a day's folder into a throw-away store for every run; a grid of settings run point by point
pays the import (about three quarters of a run) once per point. Here each day is imported once, the store file is
copied for each point and grouped with that point's ``ClusterConfig`` settings (as ``days_eval``: ``close=True``),
and each point's table is written to ``OUT/<point>/days.txt`` in ``days_eval``'s format, so ``daysum.py`` and
``days_setting_lodo.py`` read it as a ``days_eval`` run. The figures equal ``days_eval``'s with the same settings
(grouping is deterministic); ``--cpu`` also times each point's clusterer alone as ``days_eval`` does (one more
grouping per point and day), else that column is 0.

    python3 bench/days_grid.py --days PATH/archived --out OUT --point main --point band=lede_join_floor=0.5 ...

A point is ``NAME`` or ``NAME=SETTING=VALUE[,SETTING=VALUE...]``. Only tuning days are run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import (  # noqa: E402
    DayResult,
    _clusterer_cpu,
    add_tuning_day_arguments,
    available_tuning_days,
    import_day,
    load_day_labels,
    parse_setting,
    print_table,
    score_grouped,
)


def parse_point(text: str) -> tuple[str, dict[str, Any]]:
    """``NAME`` or ``NAME=SETTING=VALUE[,SETTING=VALUE...]`` -> (name, settings)."""
    name, _, rest = text.partition("=")
    settings: dict[str, Any] = {}
    for item in filter(None, rest.split(",")):
        settings.update(parse_setting(item))
    return name, settings


def config_of(settings: dict[str, Any]) -> Any:
    from newsmirror.stories.cluster import ClusterConfig

    config = ClusterConfig()
    for name, value in settings.items():
        if not hasattr(config, name):
            raise SystemExit(f"ClusterConfig has no setting {name}")
        setattr(config, name, value)
    return config


def run_day(folder: Path, labels_path: Path, points: list[tuple[str, dict[str, Any]]], cpu: bool
            ) -> dict[str, DayResult]:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.store import open_store
    from newsmirror.text.tokenize import idf, words

    labels = load_day_labels(labels_path)
    results: dict[str, DayResult] = {}
    with tempfile.TemporaryDirectory() as tmp:
        imported = Path(tmp) / "day.sqlite"
        with open_store(imported) as store:
            file_of = import_day(store, folder)
        words("预热"), idf("预热")
        for name, settings in points:
            copy = Path(tmp) / f"{name}.sqlite"
            shutil.copyfile(imported, copy)
            config = config_of(settings)
            with open_store(copy) as store:
                cluster_cpu = _clusterer_cpu(store, config) if cpu else 0.0
                started = time.perf_counter()
                group_articles(store, config, close=True, compare=False)
                seconds = time.perf_counter() - started
                results[name] = score_grouped(store, file_of, folder.name, labels, seconds, cluster_cpu)
            copy.unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tuning_day_arguments(parser)
    parser.add_argument("--point", action="append", required=True, help="NAME or NAME=SETTING=VALUE[,...]")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cpu", action="store_true", help="also time each point's clusterer alone")
    args = parser.parse_args()
    from rich.console import Console

    points = [parse_point(text) for text in args.point]
    for _, settings in points:
        config_of(settings)  # refuse an unknown setting before any day is read
    by_point: dict[str, list[tuple[str, DayResult]]] = {name: [] for name, _ in points}
    for day in available_tuning_days(args.days, args.labels_dir, args.day):
        for name, result in run_day(args.days / day, args.labels_dir / f"labels-{day}.toml", points,
                                    args.cpu).items():
            by_point[name].append(("tuning", result))
            print(f"{day} {name}: F1 {result.f1:.3f} pure {result.pure}/{result.multi} glued {result.glued}",
                  flush=True)
    for name, settings in points:
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "days.txt").open("w", encoding="utf-8") as handle:
            described = ", ".join(f"{k}={v}" for k, v in settings.items()) or "defaults"
            print_table(Console(file=handle, width=180), by_point[name], f"days_grid point {name}: {described}")


if __name__ == "__main__":
    main()
