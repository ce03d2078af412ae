"""The same-fact pair model fitted leaving one fact file out, against the rules (tuning files only).

For each tuning fact file F: the model (``days_fact_model.fit``, L2 1) is fitted on the labelled
pairs of the other files; its threshold is chosen on those files alone (scored with that model:
the highest threshold whose pooled recall is within ``--recall-slack`` of the best at pooled
precision >= ``--min-precision``, as ``days_fact_model.py`` does); then F is compared end to end
with it. Printed per file: the rules, the model at every threshold, and the model at the
threshold chosen without F (the leave-one-file-out figure).

    PYTHONPATH=src python3 bench/facts_lofo.py --days ARCHIVED [--facts F ...] [--rescue]

With ``--rescue`` (session 38, facts44; session 18's variant C again), the model is measured as a last
round after the rules (``compare_story(..., rescue=model)``: two units the rules left in different
facts, mutual best, no conflicting figures) instead of in their place: each file is compared with the
rules plus the model fitted on the other files at each of ``RESCUE_THRESHOLDS``; its setting (off or
a threshold) is the one with the highest pooled recall over the other files (each scored with its
own model, fitted without it) whose pooled judged precision there is at least the rules' there -
.005 and whose false only-X there is not above the rules'; a tie keeps the stricter setting (off,
then the higher threshold).

With ``--rescue --fit residual`` (session 41, facts47) each fold's model is fitted only on the pairs the
round is asked about: labelled pairs of units that the rules (every round, the pair model off) leave in
different facts and whose figures do not conflict (``residual_pairs``), not on every candidate pair
(``days_fact_model.labelled_pairs``, most of them pairs the rules link anyway). ``--out`` writes every
file's totals at every setting in ``facts_setting_lofo.py``'s form (``--label`` prefixes the settings),
so that runs of the two fits can be chosen among together there (``--from``).

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

from days_fact_model import _quoted_units, fit, labelled_pairs  # noqa: E402
from days_facts_eval import TUNING_FACT_FILES, load_stories, never_tuned_on, score, tuning_fact_paths  # noqa: E402
from newsmirror.stories import compare as _compare  # noqa: E402
from newsmirror.stories.fact_model import PairModel  # noqa: E402
from newsmirror.stories.fact_pairs import FEATURES, pair_features  # noqa: E402

TUNING = TUNING_FACT_FILES  # the list lives in days_facts_eval, beside FRESH_FACT_FILES
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
RESCUE_THRESHOLDS = (0.8, 0.7, 0.6, 0.5, 0.4, 0.3)  # strictest first


def _rates(totals: dict[str, Any]) -> tuple[float, float]:
    return totals["found_pairs"] / max(totals["gold_pairs"], 1), totals["right_links"] / max(totals["judged_links"], 1)


def _pair(rates: tuple[float, float]) -> str:
    return f"{rates[0]:.3f}/{rates[1]:.3f}"


def _score(loaded: list[Any], model: PairModel | None) -> dict[str, Any]:
    return score(loaded, same_fact="model" if model else "rules", model=model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path, default=tuning_fact_paths())
    parser.add_argument("--min-precision", type=float, default=0.9)
    parser.add_argument("--recall-slack", type=float, default=0.015)
    parser.add_argument("--rescue", action="store_true", help="the model as a last round after the rules")
    parser.add_argument("--out", type=Path, help="with --rescue: every file's totals at every setting, as JSON")
    parser.add_argument("--fit", choices=("all", "residual"), default="all",
                        help="with --rescue: fit on every candidate pair (facts44) or on those the rules leave apart")
    parser.add_argument("--thresholds", nargs="+", type=float, default=list(RESCUE_THRESHOLDS),
                        help="with --rescue: the round's thresholds, strictest first")
    parser.add_argument("--label", default="", help="with --out: a prefix for the settings' names")
    parser.add_argument("--covered-labels", action="store_true",
                        help="with --fit residual: a spanning quote labels every unit it covers (session 58, recall83)")
    parser.add_argument("--held", nargs="*", default=None,
                        help="with --rescue: hold out only these files (stems), each fitted on all the others, so "
                             "that the folds can run in two processes; merge their --out files")
    args = parser.parse_args()
    for path in args.facts:
        if never_tuned_on(path):
            sys.exit(f"{path}: test and fresh fact files are never fitted or scored here")
    loaded = {path.stem: load_stories(path, args.days) for path in args.facts}
    if args.rescue:  # "off" is the rules alone, and each fold's model is its own (not the shipped one)
        _compare.RESCUE_ROUND = False
    if args.rescue and args.fit == "residual":
        data = {name: [residual_pairs(story, articles, args.covered_labels) for story, articles in stories]
                for name, stories in loaded.items()}
    else:
        data = {name: [labelled_pairs(story, articles) for story, articles in stories] for name, stories in loaded.items()}
    labels = np.concatenate([y for ds in data.values() for _x, y, _u in ds])
    print(f"training pairs: {int(labels.sum())} one fact, {int((labels == 0).sum())} not", flush=True)
    if args.rescue:
        _rescue(loaded, data, args.out, args.label, tuple(args.thresholds), args.held)
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


def residual_pairs(story: dict[str, Any], articles: dict[str, Any], covered: bool = False
                   ) -> tuple[np.ndarray, np.ndarray, int]:
    """(features, labels, 0) of the candidate pairs the rescue round is asked about: units (as the rules
    path cuts them) that the rules leave in different facts, with no conflicting figures, labelled as
    ``labelled_pairs`` labels (1: quotes of one gold fact, 0: one of them quoted, the other not in that
    fact; pairs of two unquoted units are left out). ``covered``: a spanning quote marks every unit it
    covers (``_quoted_units``), as the covered-units scorer places it."""
    _sentences, _pairs, features, labels = rules_leftovers(story, articles, covered)
    used = labels >= 0
    return features[used], labels[used], 0


def rules_leftovers(story: dict[str, Any], articles: dict[str, Any], covered: bool = False
                    ) -> tuple[list[Any], np.ndarray, np.ndarray, np.ndarray]:
    """(units as the rules path cuts them, candidate pairs, their features, labels) of a story: a pair's label 1 or 0
    as ``residual_pairs`` reads it, -1 where the rescue round is not asked (the rules joined the two, their figures
    conflict) or neither unit is quoted."""
    reports = list({a.id: a for a in articles.values()}.values())
    outlets, sentences, weight = _compare._story_units(reports, dateline_matched=True)
    topic = _compare._topic_grams(sentences) if _compare.CONTINUITY_TOPIC is not None else None
    linker, _blocked, _scores = _compare._linked(sentences, outlets, weight, "rules", None, topic=topic)
    pairs, features = pair_features(_compare._pair_units(sentences), weight)
    groups_of = _quoted_units(story, articles, [s.ref for s in sentences], covered)
    labels = np.full(len(pairs), -1)
    find = linker.links.find
    for k, (i, j) in enumerate(pairs.tolist()):
        if find(i) == find(j) or _compare._figures_differ(sentences[i].figures, sentences[j].figures):
            continue
        if groups_of.get(i, set()) & groups_of.get(j, set()):
            labels[k] = 1
        elif i in groups_of or j in groups_of:
            labels[k] = 0
    return sentences, pairs, features, labels


def _rescue(loaded: dict[str, list[Any]], data: dict[str, list[Any]], out: Path | None, label: str = "",
            thresholds: tuple[float, ...] = RESCUE_THRESHOLDS, held_out: list[str] | None = None) -> None:
    """Rules plus the model's last round, each file with a model fitted without it; the setting of
    each file chosen on the others (the rule in the module's docstring)."""
    import json

    keys = ("found_pairs", "gold_pairs", "right_links", "judged_links", "false_only", "only_claims")
    at: dict[str, dict[str, dict[str, Any]]] = {}
    for held in loaded:
        if held_out is not None and held not in held_out:
            continue
        rest = [d for name, ds in data.items() if name != held for d in ds]
        base = fit(np.vstack([x for x, _, _ in rest]), np.concatenate([y for _, y, _ in rest]), 1.0)
        at[held] = {"off": score(loaded[held])}
        for t in thresholds:
            at[held][str(t)] = score(loaded[held], rescue=PairModel(base.intercept, base.coefficients, base.means,
                                                                    base.scales, t))
        print(f"{held:11s} " + "  ".join(f"{s} {_pair(_rates(v))} {v['false_only']}" for s, v in at[held].items()),
              flush=True)
    if out:  # facts_setting_lofo.py's form: file -> setting -> totals
        every = (*keys, "seconds", "found_any_unit", "covered_judged_links", "covered_right_links")
        out.write_text(json.dumps({n: {(s if s == "off" else f"{label}{s}"): {k: float(v[k]) for k in every}
                                       for s, v in d.items()} for n, d in at.items()}, indent=1))
    settings = ["off", *map(str, thresholds)]  # strictest first

    def pooled(names: list[str], setting: str | dict[str, str]) -> dict[str, float]:
        return {k: sum(at[n][setting if isinstance(setting, str) else setting[n]][k] for n in names) for k in keys}

    choice: dict[str, str] = {}
    for held in at:  # (with --held, among the files held out here alone; merge the --out files to choose over all)
        others = [n for n in at if n != held]
        base_totals = pooled(others, "off")
        floor = _rates(base_totals)[1] - 0.005
        best = "off"
        for setting in settings:
            totals = pooled(others, setting)
            recall, precision = _rates(totals)
            if (precision >= floor and totals["false_only"] <= base_totals["false_only"]
                    and recall > _rates(pooled(others, best))[0]):
                best = setting
        choice[held] = best
    names = list(at)
    print("setting  R  P  false  claims (all files at one setting)")
    for setting in settings:
        totals = pooled(names, setting)
        recall, precision = _rates(totals)
        print(f"{setting:5s} {recall:.4f} ({int(totals['found_pairs'])}) {precision:.4f} "
              f"({int(totals['right_links'])}/{int(totals['judged_links'])}) {int(totals['false_only'])} "
              f"{int(totals['only_claims'])}")
    totals = pooled(names, choice)
    recall, precision = _rates(totals)
    from collections import Counter
    print(f"LOFO ({dict(Counter(choice.values()))}) {recall:.4f} ({int(totals['found_pairs'])}/{int(totals['gold_pairs'])}) "
          f"{precision:.4f} ({int(totals['right_links'])}/{int(totals['judged_links'])}) false {int(totals['false_only'])} "
          f"claims {int(totals['only_claims'])}")
    every = [d for ds in data.values() for d in ds]
    final = fit(np.vstack([x for x, _, _ in every]), np.concatenate([y for _, y, _ in every]), 1.0)
    print(f"# the model fitted on all {len(loaded)} files:")
    print(f"_RESCUE_INTERCEPT = {final.intercept:.4f}")
    print("_RESCUE_FIT = {")
    for feature, c, m, sd in zip(FEATURES, final.coefficients, final.means, final.scales, strict=True):
        print(f'    "{feature}": ({c:.4f}, {m:.4f}, {sd:.4f}),')
    print("}")


if __name__ == "__main__":
    main()
