"""A comparison setting (a module constant of ``stories.compare``) chosen leaving one fact file out (tuning files only).

    PYTHONPATH=src python3 bench/facts_setting_lofo.py --days ARCHIVED --name CONSTANT \\
        --values off 1.0 0.9 ... [--fixed OTHER=VALUE ...] [--out per-file.json] [--from per-file.json]

(session 39, facts45: TELLING_SCORE and TELLING_SELF of branch facts45-tellings; ``--from`` reads the per-file
figures of earlier runs, whose setting labels may be any words, the baseline first.)

Every tuning fact file is scored at every value (``off`` sets None); then, for each file, the value chosen on
the other files: the highest pooled recall among the values whose pooled judged precision there is at least
the first value's (the baseline, normally ``off``) minus ``--precision-slack`` and whose false only-X there is
not above the baseline's; a tie keeps the value listed first (list the strictest first). With ``--objective
precision`` (a setting that removes links: session 43, facts52), the highest pooled judged precision among the values
whose pooled recall there is at least the baseline's minus ``--recall-slack`` and whose false only-X there is not
above the baseline's; a tie keeps the value listed first (list ``off`` first, then strictest to loosest). With ``--objective
balance`` (session 54, recall79: issue 14 asks recall and precision each to reach .85), the highest pooled min(recall,
judged precision) among the values whose pooled judged precision there is at least ``--min-precision`` and whose false
only-X there is not above the baseline's; a tie keeps the value listed first. The file is scored at
its fold's value; the pooled leave-one-file-out figures are printed with every value's pooled figures.
Test files (bench/days/test/) and the fresh files (``days_facts_eval.FRESH_FACT_FILES``) are refused.

With ``--also OTHER`` (session 45, facts56: a threshold and a floor chosen together), a value written ``V/W`` sets
the constant to V and OTHER to W; a plain value leaves OTHER as the module has it. ``--fixed`` takes ``true`` and
``false`` as well as numbers and ``off``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import (  # noqa: E402
    load_stories,
    never_tuned_on,
    score,
    tuning_fact_paths,
)

KEYS = ("gold_pairs", "found_pairs", "judged_links", "right_links", "only_claims", "false_only", "seconds")


def _value(text: str) -> float | bool | None:
    if text in ("true", "false"):
        return text == "true"
    return None if text == "off" else float(text)


def _pooled(per_file: dict[str, dict[str, dict[str, float]]], value: str, files: list[str]) -> dict[str, float]:
    return {k: sum(per_file[f][value][k] for f in files) for k in KEYS}


def _line(label: str, totals: dict[str, float]) -> str:
    g, f, j, r = totals["gold_pairs"], totals["found_pairs"], totals["judged_links"], totals["right_links"]
    return (f"{label:>8}: R {f / g:.4f} ({int(f)}/{int(g)}) P {r / max(j, 1):.4f} ({int(r)}/{int(j)}) "
            f"only-X {int(totals['only_claims'])} false {int(totals['false_only'])} compare s {totals['seconds']:.1f}")


def choose(per_file: dict[str, dict[str, dict[str, float]]], values: list[str], rest: list[str], objective: str, *,
           precision_slack: float = 0.005, recall_slack: float = 0.003, min_precision: float = 0.85) -> str:
    """The value chosen on the files ``rest`` (the module docstring's rule for each objective; values[0] is the
    baseline; a value whose pooled false only-X there is above the baseline's is never chosen)."""
    baseline = values[0]
    base = _pooled(per_file, baseline, rest)
    floor = base["right_links"] / max(base["judged_links"], 1) - precision_slack
    recall_floor = base["found_pairs"] / base["gold_pairs"] - recall_slack
    best_value, best_score = baseline, -1.0
    for value in values:
        totals = _pooled(per_file, value, rest)
        precision = totals["right_links"] / max(totals["judged_links"], 1)
        recall = totals["found_pairs"] / totals["gold_pairs"]
        if totals["false_only"] > base["false_only"]:
            continue
        if objective == "balance":
            if precision >= min_precision and min(recall, precision) > best_score:
                best_value, best_score = value, min(recall, precision)
        elif objective == "precision":
            if recall >= recall_floor and precision > best_score:
                best_value, best_score = value, precision
        elif precision >= floor and recall > best_score:
            best_value, best_score = value, recall
    return best_value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--name", required=True, help="a module constant of newsmirror.stories.compare")
    parser.add_argument("--values", nargs="+", required=True, help="the baseline first, then strictest to loosest")
    parser.add_argument("--fixed", nargs="*", default=[], help="other constants set for every value: NAME=VALUE")
    parser.add_argument("--also", help="a second constant, set by values written V/W")
    parser.add_argument("--precision-slack", type=float, default=0.005)
    parser.add_argument("--objective", choices=("recall", "precision", "balance"), default="recall")
    parser.add_argument("--min-precision", type=float, default=0.85, help="with --objective balance")
    parser.add_argument("--recall-slack", type=float, default=0.003)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--from", dest="source", type=Path, help="per-file figures of an earlier run")
    args = parser.parse_args()
    from newsmirror.stories import compare

    for name in [args.name, *(setting.partition("=")[0] for setting in args.fixed), *([args.also] if args.also else [])]:
        if not args.source and not hasattr(compare, name):
            sys.exit(f"stories.compare has no constant {name}")
    for setting in args.fixed:
        name, _, value = setting.partition("=")
        setattr(compare, name, _value(value))
    also_default = getattr(compare, args.also) if args.also and not args.source else None
    paths = tuning_fact_paths()
    for path in paths:
        if never_tuned_on(path):
            sys.exit(f"{path}: test and fresh fact files are never scored here")
    if args.source:
        per_file = json.loads(args.source.read_text())
    else:
        per_file = {}
        for path in paths:
            loaded: list[Any] = load_stories(path, args.days)
            per_file[path.stem] = {}
            for value in args.values:
                first, _, second = value.partition("/")
                if second and not args.also:
                    sys.exit(f"{value}: a value V/W needs --also")
                setattr(compare, args.name, _value(first))
                if args.also:
                    setattr(compare, args.also, _value(second) if second else also_default)
                totals = score(loaded)
                per_file[path.stem][value] = {k: float(totals[k]) for k in KEYS}
            print(path.stem, " ".join(f"{v}:{int(per_file[path.stem][v]['found_pairs'])}/"
                                      f"{int(per_file[path.stem][v]['right_links'])}/{int(per_file[path.stem][v]['judged_links'])}"
                                      f"/{int(per_file[path.stem][v]['false_only'])}" for v in args.values), flush=True)
        if args.out:
            args.out.write_text(json.dumps(per_file, indent=1))
    files = list(per_file)
    for value in args.values:
        print(_line(value, _pooled(per_file, value, files)))
    lofo = {k: 0.0 for k in KEYS}
    choices = {}
    for held in files:
        best_value = choose(per_file, args.values, [f for f in files if f != held], args.objective,
                            precision_slack=args.precision_slack, recall_slack=args.recall_slack,
                            min_precision=args.min_precision)
        choices[held] = best_value
        for k in KEYS:
            lofo[k] += per_file[held][best_value][k]
    print(_line("LOFO", lofo))
    print("fold choices:", json.dumps(choices))


if __name__ == "__main__":
    main()
