"""The same-fact pair model fitted leaving one fact file out, against the rules (tuning files only).

For each tuning fact file F: the model (``days_fact_model.fit``, L2 1) is fitted on the labelled
pairs of the other files; its threshold is chosen on those files alone (scored with that model:
the highest threshold whose pooled recall is within ``--recall-slack`` of the best at pooled
precision >= ``--min-precision``, as ``days_fact_model.py`` does); then F is compared end to end
with it. Printed per file: the rules, the model at every threshold, and the model at the
threshold chosen without F (the leave-one-file-out figure).

    PYTHONPATH=src python3 bench/facts_lofo.py --days ARCHIVED [--facts F ...]

With ``--rescue``, the model is measured as a last round after the rules (``compare_story(...,
rescue=model)``: units the rules left free) instead of in their place: each file is compared with the
rules plus the model fitted on the other files at each of ``RESCUE_THRESHOLDS``; its threshold is
the highest whose pooled recall over the other files (each scored with its own model, fitted
without it) is within ``--recall-slack`` of the best at pooled judged precision at most .005 below
the rules' there. ``--drop`` leaves features out of the fit.

Test files (bench/days/test/) and the fresh files (``days_facts_eval.FRESH_FACT_FILES``) are refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_fact_model import fit, labelled_pairs  # noqa: E402
from days_facts_eval import load_stories, never_tuned_on, score  # noqa: E402
from newsmirror.stories.fact_model import PairModel  # noqa: E402
from newsmirror.stories.fact_pairs import FEATURES  # noqa: E402

TUNING = ("facts", "facts-s16", "facts-s17", "facts-s17b", "facts-s17c", "facts-s18", "facts-s18b", "facts-s19",
          "facts-s20", "facts-s21", "facts-s23", "facts-s24")
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
RESCUE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def _rates(totals: dict[str, Any]) -> tuple[float, float]:
    return totals["found_pairs"] / max(totals["gold_pairs"], 1), totals["right_links"] / max(totals["judged_links"], 1)


def _pair(rates: tuple[float, float]) -> str:
    return f"{rates[0]:.3f}/{rates[1]:.3f}"


def _score(loaded: list[Any], model: PairModel | None) -> dict[str, Any]:
    return score(loaded, same_fact="model" if model else "rules", model=model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path,
                        default=[REPO / "bench" / "days" / f"{name}.toml" for name in TUNING])
    parser.add_argument("--min-precision", type=float, default=0.9)
    parser.add_argument("--recall-slack", type=float, default=0.015)
    parser.add_argument("--rescue", action="store_true", help="the model as a last round after the rules")
    parser.add_argument("--drop", nargs="*", default=[], choices=FEATURES, help="features left out of the fit")
    parser.add_argument("--not-free", action="store_true", help="the rescue round for any pair the rules left apart")
    args = parser.parse_args()
    if args.not_free:
        import newsmirror.stories.compare as compare

        compare.RESCUE_FREE_ONLY = False
    for path in args.facts:
        if never_tuned_on(path):
            sys.exit(f"{path}: test and fresh fact files are never fitted or scored here")
    loaded = {path.stem: load_stories(path, args.days) for path in args.facts}
    data = {name: [labelled_pairs(story, articles) for story, articles in stories] for name, stories in loaded.items()}
    if args.rescue:
        _rescue(loaded, data, tuple(args.drop), args.recall_slack)
        return
    print("file         rules R/P      " + "  ".join(f"model@{t:.1f} R/P " for t in THRESHOLDS) + "  LOFO t  LOFO R/P  false")
    for held in loaded:
        rest = [d for name, ds in data.items() if name != held for d in ds]
        base = fit(np.vstack([x for x, _, _ in rest]), np.concatenate([y for _, y, _ in rest]), 1.0)
        others = [s for name, stories in loaded.items() if name != held for s in stories]
        chosen: dict[float, float] = {}
        for t in THRESHOLDS:
            model = PairModel(base.intercept, base.coefficients, base.means, base.scales, t)
            recall, precision = _rates(_score(others, model))
            if precision >= args.min_precision:
                chosen[t] = recall
        best = max(chosen.values(), default=0.0)
        threshold = max((t for t, r in chosen.items() if r >= best - args.recall_slack), default=max(THRESHOLDS))
        row = [f"{held:11s}", _pair(_rates(_score(loaded[held], None)))]
        at: dict[float, dict[str, Any]] = {}
        for t in THRESHOLDS:
            at[t] = _score(loaded[held], PairModel(base.intercept, base.coefficients, base.means, base.scales, t))
            row.append(_pair(_rates(at[t])))
        row += [f"{threshold:.1f}", _pair(_rates(at[threshold])), str(at[threshold]["false_only"])]
        print("  ".join(row), flush=True)


def _rescue(loaded: dict[str, list[Any]], data: dict[str, list[Any]], drop: tuple[str, ...], slack: float) -> None:
    """Rules plus the model's round for free units, each file with a model fitted without it."""
    rules = {name: _score(stories, None) for name, stories in loaded.items()}
    at: dict[str, dict[float, dict[str, Any]]] = {}
    for held in loaded:
        rest = [d for name, ds in data.items() if name != held for d in ds]
        base = fit(np.vstack([x for x, _, _ in rest]), np.concatenate([y for _, y, _ in rest]), 1.0, dropped=drop)
        at[held] = {t: score(loaded[held], rescue=PairModel(base.intercept, base.coefficients, base.means,
                                                              base.scales, t)) for t in RESCUE_THRESHOLDS}
        print(f"{held:11s} rules {_pair(_rates(rules[held]))}  "
              + "  ".join(f"@{t:.1f} {_pair(_rates(at[held][t]))}" for t in RESCUE_THRESHOLDS), flush=True)

    def pooled(totals: list[dict[str, Any]]) -> tuple[float, float]:
        return _rates({key: sum(t[key] for t in totals) for key in ("found_pairs", "gold_pairs", "right_links",
                                                                       "judged_links")})

    # The threshold of the model fitted on every file: the same choice over all files' LOFO figures.
    floor = pooled(list(rules.values()))[1] - 0.005
    every = {t: pooled([at[n][t] for n in loaded]) for t in RESCUE_THRESHOLDS}
    passing = {t: r for t, (r, p) in every.items() if p >= floor}
    top = max(passing.values(), default=0.0)
    final_threshold = max((t for t, r in passing.items() if r >= top - slack), default=max(RESCUE_THRESHOLDS))
    print("file         rules R/P     LOFO t  LOFO R/P     false only-X rules -> LOFO")
    chosen_rates, rule_rates = [], []
    for held in loaded:
        others = [name for name in loaded if name != held]
        floor = pooled([rules[n] for n in others])[1] - 0.005
        rates = {t: pooled([at[n][t] for n in others]) for t in RESCUE_THRESHOLDS}
        ok = {t: r for t, (r, p) in rates.items() if p >= floor}
        best = max(ok.values(), default=0.0)
        threshold = max((t for t, r in ok.items() if r >= best - slack), default=max(RESCUE_THRESHOLDS))
        chosen = at[held][threshold]
        chosen_rates.append(_rates(chosen))
        rule_rates.append(_rates(rules[held]))
        print(f"{held:11s}  {_pair(_rates(rules[held]))}  {threshold:.1f}  {_pair(_rates(chosen))}  "
              f"{rules[held]['false_only']} -> {chosen['false_only']}", flush=True)
    mean = np.mean(np.array(rule_rates), axis=0), np.mean(np.array(chosen_rates), axis=0)
    print(f"mean         {mean[0][0]:.3f}/{mean[0][1]:.3f}       {mean[1][0]:.3f}/{mean[1][1]:.3f}")
    every_pair = [d for ds in data.values() for d in ds]
    final = fit(np.vstack([x for x, _, _ in every_pair]), np.concatenate([y for _, y, _ in every_pair]), 1.0,
                dropped=drop)
    print(f"\n# the rescue model fitted on all {len(loaded)} files (paste into stories/fact_model.py):")
    print(f"_RESCUE_INTERCEPT = {final.intercept:.4f}")
    print("_RESCUE_FIT = {")
    for feature, c, m, sd in zip(FEATURES, final.coefficients, final.means, final.scales, strict=True):
        print(f'    "{feature}": ({c:.4f}, {m:.4f}, {sd:.4f}),')
    print("}")
    print(f"RESCUE_THRESHOLD = {final_threshold}")


if __name__ == "__main__":
    main()
