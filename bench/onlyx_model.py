"""Fit the "only X names N" confidence model (``newsmirror.stories.onlyx_confidence``) on the judged claims.

    python bench/onlyx_model.py collect --root ARCHIVE --out CLAIMS.json   # every tuning sample's claims + features
    python bench/onlyx_model.py cv --claims CLAIMS.json                     # leave-one-sample-out table per threshold
    python bench/onlyx_model.py fit --claims CLAIMS.json --threshold T      # writes src/newsmirror/stories/onlyx_model.toml

``collect`` compares every story of the tuning samples (``bench/days/onlyx_samples.TUNING``: never the held sample
K nor the fresh one) with the model off (every rule and reading on: the claims the rules let reach the model) and
records, per claim (story, outlet, match key), its verdict in ``bench/days/onlyx-judged.toml``, the features of each
fact it is made in, and the packaged model's probability (the best of its facts). Labels: "true" = 1, "false" and
"not-a-name" = 0; unjudged claims are left out. A claim is withheld when every fact it is made in scores below the
threshold. Threshold rule (onlyx114, session 68, written before any refit figure): the lowest threshold whose
pooled leave-one-sample-out false-claim cut is >= 50 % while true claims withheld are <= 20 % (onlyx28's and
onlyx29's rule counted false and not-a-name together).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402

# The tuning samples only: never the held sample nor the fresh one (their verdicts live in files of their own).
SAMPLES = {name: onlyx_samples.file_name(name) for name in onlyx_samples.TUNING}
assert not set(SAMPLES) & set(onlyx_samples.HELD + onlyx_samples.FRESH)
L2 = 1.0  # ridge penalty on the weights (not the intercept)
THRESHOLDS = [round(0.05 * n, 2) for n in range(1, 20)]
FALSE_CUT, TRUE_LOST = 0.5, 0.2


def collect(args: argparse.Namespace) -> None:
    import newsmirror.stories.compare as compare
    from bench.onlyx_audit import claims_of, load
    from newsmirror.stories.onlyx_confidence import claim_features, confidence_model
    from newsmirror.text.names import organisation_head
    from newsmirror.text.normalize import match_key

    packaged = confidence_model()

    recorded: list[tuple[str, str, list[float]]] = []

    def record(term: str, giver: str, fact_texts: dict[str, str], outlet_texts: dict[str, str]) -> bool:
        features = claim_features(term, giver, fact_texts, outlet_texts)
        recorded.append((giver, match_key(term), [*features, *candidate_features(term, giver, fact_texts)]))
        return True

    compare.likely_true = record  # type: ignore[assignment]
    with (REPO / "bench" / "days" / "onlyx-judged.toml").open("rb") as handle:
        judged = {(c["story"], c["outlet"], match_key(c["name"])): c["verdict"] for c in tomllib.load(handle)["claim"]}
    rows: list[dict[str, Any]] = []
    unjudged = unmatched = 0
    for which, file in SAMPLES.items():
        if args.samples and which not in args.samples:
            continue
        for story, articles in load(REPO / "bench" / "days" / file, which, args.root):
            recorded.clear()
            claims, _where = claims_of(compare.compare_story(articles))
            for outlet, terms in claims.items():
                for key, term in terms.items():
                    verdict = judged.get((story["id"], outlet, key))
                    # The model is asked about an organisation's head for its whole name (compare_story).
                    asked = {key, match_key(organisation_head(term) or term)}
                    vectors = [f for g, k, f in recorded if g == outlet and k in asked]
                    unjudged += verdict is None
                    unmatched += verdict is not None and not vectors
                    if verdict is None or not vectors:
                        continue
                    shown = max(packaged.probability(tuple(f[:len(packaged.weights)])) for f in vectors) if packaged else 1.0
                    rows.append({"sample": which, "story": story["id"], "outlet": outlet, "name": term,
                                 "verdict": verdict, "features": vectors, "packaged": shown})
        print(which, sum(r["sample"] == which for r in rows), "judged claims", file=sys.stderr)
    print(f"{len(rows)} judged claims; {unjudged} unjudged and {unmatched} judged without features left out",
          file=sys.stderr)
    args.out.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


_LATIN_WORD = re.compile(r"[a-z]{3,}")
CANDIDATES = ("fact_others_other_script",)  # tried as a 13th feature (collected after the packaged ones)


def candidate_features(term: str, giver: str, fact_texts: dict[str, str]) -> list[float]:
    """A feature tried (session 68, onlyx114): a silent outlet's sentence of the fact writes a name in the other
    script that the giver's sentences do not: a Latin word (3+ letters) against a Han claim, a run of two or more
    transliteration characters against a Latin claim (Canalys against 科纳仕: the other outlet may name it so)."""
    from newsmirror.text.phonetic import TRANSLITERATION_CHARS

    own = fact_texts.get(giver, "")
    others = [text for outlet, text in fact_texts.items() if outlet != giver]
    if term.isascii():
        runs = {m for text in others for m in re.findall(f"[{TRANSLITERATION_CHARS}]{{2,}}", text)}
        return [float(any(run not in own for run in runs))]
    words = {m for text in others for m in _LATIN_WORD.findall(text)}
    return [float(any(word not in own for word in words))]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Weights and intercept on standardized features (Newton's method), and the mean and scale used."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = z.T @ (z * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    # Back to the raw features, so the packaged model needs no scaling step.
    weights = w[1:] / scale
    return weights, float(w[0] - (weights * mean).sum()), mean, scale


def _claim_probability(row: dict[str, Any], weights: np.ndarray, intercept: float) -> float:
    return max(float(1 / (1 + np.exp(-(np.asarray(f) @ weights + intercept)))) for f in row["features"])


def _dataset(rows: list[dict[str, Any]], features: list[int]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[r["features"][0][i] for i in features] for r in rows])
    y = np.array([1.0 if r["verdict"] == "true" else 0.0 for r in rows])
    return x, y


def cross_validated(rows: list[dict[str, Any]], features: list[int]) -> list[tuple[str, float]]:
    """(verdict, held-out probability) per claim, each sample scored by a model fitted on the others."""
    scored: list[tuple[str, float]] = []
    for held in dict.fromkeys(r["sample"] for r in rows):
        train = [r for r in rows if r["sample"] != held]
        x, y = _dataset(train, features)
        weights, intercept, _m, _s = fit_logistic(x, y)
        for row in rows:
            if row["sample"] == held:
                sub = {**row, "features": [[f[i] for i in features] for f in row["features"]]}
                scored.append((row["verdict"], _claim_probability(sub, weights, intercept)))
    return scored


def _counts(scored: list[tuple[str, float]], threshold: float) -> dict[str, int]:
    """Claims withheld (probability below ``threshold``) and shown, per verdict."""
    counts = {f"{kind} {v}": 0 for kind in ("withheld", "shown") for v in ("true", "false", "not-a-name")}
    for verdict, p in scored:
        counts[f"{'withheld' if p < threshold else 'shown'} {verdict}"] += 1
    return counts


def table(rows: list[dict[str, Any]], features: list[int]) -> tuple[list[str], float | None]:
    scored = cross_validated(rows, features)
    total = _counts(scored, 0.0)
    false, true = total["shown false"], total["shown true"]
    lines = [f"claims {len(scored)}: false {false}, not-a-name {total['shown not-a-name']}, true {true}",
             "| threshold | false withheld | not-a-name withheld | true withheld |", "|---|---|---|---|"]
    chosen = None
    for t in THRESHOLDS:
        c = _counts(scored, t)
        lines.append(f"| {t:.2f} | {c['withheld false']} ({c['withheld false'] / max(false, 1):.0%}) | "
                     f"{c['withheld not-a-name']} | {c['withheld true']} ({c['withheld true'] / max(true, 1):.0%}) |")
        if chosen is None and c["withheld false"] >= FALSE_CUT * false and c["withheld true"] <= TRUE_LOST * true:
            chosen = t
    return lines, chosen


def packaged_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """The packaged model's (as collected) withheld and shown claims, per verdict."""
    from newsmirror.stories.onlyx_confidence import confidence_model

    model = confidence_model()
    return _counts([(r["verdict"], r["packaged"]) for r in rows], model.threshold if model else 0.0)


def cv(args: argparse.Namespace) -> None:
    from newsmirror.stories.onlyx_confidence import FEATURES

    rows = json.loads(args.claims.read_text(encoding="utf-8"))
    names = (*FEATURES, *CANDIDATES)
    features = [names.index(f) for f in (args.features.split(",") if args.features else FEATURES)]
    lines, chosen = table(rows, features)
    print("features:", ",".join(names[i] for i in features))
    print("\n".join(lines))
    print("chosen threshold:", chosen)
    print("packaged model (collected with it):", packaged_counts(rows))
    if chosen is not None:
        print(f"refit at {chosen} (leave-one-sample-out):", _counts(cross_validated(rows, features), chosen))


def fit(args: argparse.Namespace) -> None:
    from newsmirror.stories.onlyx_confidence import FEATURES, MODEL_PATH
    from newsmirror.stories.pairscore import PairModel

    rows = json.loads(args.claims.read_text(encoding="utf-8"))
    x, y = _dataset(rows, list(range(len(FEATURES))))
    samples = [name for name in onlyx_samples.DRAWN if any(r["sample"] == name for r in rows)]
    left_out = [name for name in onlyx_samples.DRAWN[:onlyx_samples.DRAWN.index(samples[-1])] if name not in samples]
    weights, intercept, _m, _s = fit_logistic(x, y)
    model = PairModel(tuple(round(float(w), 6) for w in weights), round(intercept, 6), args.threshold, FEATURES)
    text = model.to_toml(
        'The "only X names N" confidence model (stories/onlyx_confidence.py): logistic regression, written by\n'
        "bench/onlyx_model.py fit; bias is the intercept, threshold the probability a one-outlet detail needs to be\n"
        "claimed as that outlet's alone (chosen leave-one-sample-out, bench/days_results.md, session 68, onlyx114).\n"
        f"Fitted on {len(rows)} judged claims ({sum(y == 1)} true, {sum(y == 0)} false or not a name) of samples"
        f" {samples[0]}-{samples[-1]}" + (f" but {', '.join(left_out)}" if left_out else "")
        + f"\n(bench/days/onlyx-judged.toml; the claims the rules let reach the model), L2 {L2}.")
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    collecting = commands.add_parser("collect")
    collecting.add_argument("--root", type=Path, required=True)
    collecting.add_argument("--out", type=Path, required=True)
    collecting.add_argument("--samples", type=onlyx_samples.names_of, default=(),
                            help="only these tuning samples (A,B,AA; default every tuning sample)")
    checking = commands.add_parser("cv")
    checking.add_argument("--claims", type=Path, required=True)
    checking.add_argument("--features", default="", help="comma-separated subset of the features (default all)")
    fitting = commands.add_parser("fit")
    fitting.add_argument("--claims", type=Path, required=True)
    fitting.add_argument("--threshold", type=float, required=True)
    args = parser.parse_args()
    {"collect": collect, "cv": cv, "fit": fit}[args.command](args)


if __name__ == "__main__":
    main()
