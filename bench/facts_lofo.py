"""The same-fact pair model fitted leaving one fact file out, against the rules (tuning files only).

For each tuning fact file F: the model (``days_fact_model.fit``, L2 1) is fitted on the labelled
pairs of the other files; its threshold is chosen on those files alone (scored with that model:
the highest threshold whose pooled recall is within ``--recall-slack`` of the best at pooled
precision >= ``--min-precision``, as ``days_fact_model.py`` does); then F is compared end to end
with it. Printed per file: the rules, the model at every threshold, and the model at the
threshold chosen without F (the leave-one-file-out figure).

    PYTHONPATH=src python3 bench/facts_lofo.py --days ARCHIVED [--facts F ...]

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

TUNING = ("facts", "facts-s16", "facts-s17", "facts-s17b", "facts-s17c", "facts-s18", "facts-s18b", "facts-s19",
          "facts-s20", "facts-s21", "facts-s22", "facts-s23", "facts-s24", "facts-s25", "facts-s26", "facts-s27",
          "facts-s28", "facts-s29", "facts-s30", "facts-s31", "facts-s32", "facts-s33", "facts-s34",
          "facts-s35", "facts-s36", "facts-s37", "facts-s38", "facts-s39", "facts-s40",
          "facts-s41", "facts-s42", "facts-s43", "facts-s44", "facts-s45",
          "facts-s46", "facts-s47", "facts-s48", "facts-s49")
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)


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
    args = parser.parse_args()
    for path in args.facts:
        if never_tuned_on(path):
            sys.exit(f"{path}: test and fresh fact files are never fitted or scored here")
    loaded = {path.stem: load_stories(path, args.days) for path in args.facts}
    data = {name: [labelled_pairs(story, articles) for story, articles in stories] for name, stories in loaded.items()}
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


if __name__ == "__main__":
    main()
