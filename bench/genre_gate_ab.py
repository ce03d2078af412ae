"""Two settings of the clusterer on the tuning days, in one process (session 67, genre116): each day imported once,
grouped by a fresh ``StoryClusterer`` per arm as ``days_eval._clusterer_cpu`` groups it (its reports in grouping
order, then the event layer's pass and the final complete-story join; not ``group_articles``' store path), and scored
as ``days_eval.score_grouped`` scores (B-cubed over the labelled reports, multi-event reports left out; pure stories;
glued multi-event reports), with each arm's clusterer CPU (process time). The arms alternate which runs first by day.

    python -m bench.genre_gate_ab --days PATH/archived --b genre_body_check=true [--a NAME=VALUE ...] [--day D ...]

Only tuning days are read (``days_eval.census_days``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402


def grouped(documents: list[Any], config: Any) -> tuple[dict[str, str], float]:
    from newsmirror.stories.cluster import StoryClusterer

    clusterer = StoryClusterer(config)
    started = time.process_time()
    story_of = {d.id: clusterer.add(d).story_id for d in documents}
    clusterer.link_events()
    clusterer.join_complete(final=True)
    cpu = time.process_time() - started
    return {a: clusterer.resolve(s) for a, s in story_of.items()}, cpu


def score(predicted: dict[str, str], file_of: dict[str, str], labels: Any) -> dict[str, float]:
    truth = {a: labels.events.get(f, "solo:" + f) for a, f in file_of.items() if f not in labels.multi and a in predicted}
    by_story = days_eval.members_of(predicted)
    glued = 0
    for a, f in file_of.items():
        if f in labels.multi and a in predicted:
            mates = {truth[m] for m in by_story[predicted[a]] if m in truth}
            glued += len({m for m in mates if not m.startswith("solo:")}) >= 2
    p, r, f1 = bcubed(truth, predicted)
    pure, multi = days_eval.purity(truth, {a: predicted[a] for a in truth})
    return {"p": p, "r": r, "f1": f1, "pure": pure, "multi": multi, "glued": glued}


def main() -> None:
    from newsmirror.stories.stored import document_of

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    parser.add_argument("--a", action="append", default=[], metavar="NAME=VALUE", help="arm A's settings")
    parser.add_argument("--b", action="append", default=[], metavar="NAME=VALUE", help="arm B's settings")
    args = parser.parse_args()
    args.set = []
    totals = {"A": {"f1": 0.0, "pure": 0, "multi": 0, "glued": 0, "cpu": 0.0, "n": 0},
              "B": {"f1": 0.0, "pure": 0, "multi": 0, "glued": 0, "cpu": 0.0, "n": 0}}
    up = down = 0
    print("| day | A P / R / F1 | B P / R / F1 | ΔF1 | pure A / B | glued A / B |")
    print("|---|---|---|---|---|---|")
    for index, day in enumerate(days_eval.census_days(args)):
        labels = days_eval.load_day_labels(day.labels)
        with days_eval.imported_day(day.folder) as (store, file_of):
            documents = [document_of(a) for a in (store.get_article(i) for i in store.unassigned_article_ids()) if a]
        results = {}
        if documents:  # load dictionaries and compile patterns outside the timing, as ``_clusterer_cpu``
            for settings in (args.a, args.b):
                grouped(documents[:1], days_eval.apply_settings(type(day.config)(), settings))
        for arm in (("A", "B") if index % 2 == 0 else ("B", "A")):
            config = days_eval.apply_settings(type(day.config)(), args.a if arm == "A" else args.b)
            predicted, cpu = grouped(documents, config)
            results[arm] = score(predicted, file_of, labels)
            totals[arm]["cpu"] += cpu
        for arm in ("A", "B"):
            for key in ("f1", "pure", "multi", "glued"):
                totals[arm][key] += results[arm][key]
            totals[arm]["n"] += 1
        a, b = results["A"], results["B"]
        delta = b["f1"] - a["f1"]
        up += delta > 1e-9
        down += delta < -1e-9
        print(f"| {day.name} | {a['p']:.4f} / {a['r']:.4f} / {a['f1']:.4f} | {b['p']:.4f} / {b['r']:.4f} / "
              f"{b['f1']:.4f} | {delta:+.4f} | {a['pure']}/{a['multi']} / {b['pure']}/{b['multi']} | "
              f"{a['glued']} / {b['glued']} |", flush=True)
    n = totals["A"]["n"]
    for arm in ("A", "B"):
        t = totals[arm]
        print(f"{arm} ({', '.join(args.a if arm == 'A' else args.b) or 'defaults'}): {n} days, mean F1 {t['f1'] / n:.4f}, "
              f"pure {t['pure']}/{t['multi']} ({100 * t['pure'] / max(t['multi'], 1):.2f} %), glued {t['glued']}, "
              f"cluster CPU {t['cpu']:.1f} s")
    print(f"days up {up}, down {down}; CPU B/A {totals['B']['cpu'] / max(totals['A']['cpu'], 1e-9):.3f}")


if __name__ == "__main__":
    main()
