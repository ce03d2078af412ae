"""Fit the same-fact pair model (``newsmirror.stories.fact_model``) on the tuning fact labels.

For every story of ``bench/days/facts.toml`` (tuning days only), the candidate unit pairs of
``compare.story_pair_features`` are labelled from the gold groups: a pair of units that hold
quotes of one gold fact is positive; a pair where one unit holds a gold quote and the pair is no
gold pair is negative; other pairs (neither unit quoted) are not used. A logistic regression
(L2, Newton steps, numpy) is fitted on standardised features. The threshold is chosen by
leave-one-story-out: each story is compared end to end with a model fitted on the other
stories; pooled over the held-out stories, the highest threshold whose recall is within
``--recall-slack`` of the best recall at precision >= ``--min-precision`` is kept (the curve is
flat at low thresholds; when in doubt, do not link). The final model is fitted on all tuning stories and
printed as Python to paste into ``src/newsmirror/stories/fact_model.py``.

    python bench/days_fact_model.py [--facts bench/days/facts.toml] [--l2 1.0]

Never run it on the test day's labels. The model is an option of ``compare_story`` (``same_fact="model"``),
not its default: it did worse than the rules on the test day (bench/days_results.md, session 14).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import DEFAULT_DAYS, _covered_units, load_stories, never_tuned_on, score  # noqa: E402
from newsmirror.stories.compare import compare_story, story_pair_features  # noqa: E402
from newsmirror.stories.fact_model import PairModel  # noqa: E402
from newsmirror.stories.fact_pairs import FEATURES  # noqa: E402
from newsmirror.text.normalize import match_key  # noqa: E402

THRESHOLDS = (0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def _quoted_units(story: dict[str, Any], articles: dict[str, Any], refs: list[Any],
                  covered: bool = False) -> dict[int, set[str]]:
    """unit -> the gold facts quoted in it (the first unit holding the quote, as the scorer does).
    With ``covered`` (session 58, recall83) a quote over two or more units marks every unit it covers
    (``days_facts_eval._covered_units``): a later clause of a quote is that fact too, not a unit
    outside it, so its pairs with the fact's other quotes are labelled one fact, not different facts."""
    keys = [match_key(r.text) for r in refs]
    unit_keys = {(r.article_id, r.outlet, r.index): keys[u] for u, r in enumerate(refs)}
    number = {(r.article_id, r.outlet, r.index): u for u, r in enumerate(refs)}
    groups_of: dict[int, set[str]] = defaultdict(set)
    for fact in story.get("fact", []):
        for quote in fact["sentences"]:
            article = articles.get(quote["file"])
            if article is None:
                continue
            key = match_key(quote["text"])
            where = [u for u, r in enumerate(refs) if r.article_id == article.id and key in keys[u]]
            if not where:
                where = [u for u, r in enumerate(refs) if r.article_id == article.id and key[:12] in keys[u]]
            for u in where[:1]:
                groups_of[u].add(fact["id"])
                if covered:
                    first = (refs[u].article_id, refs[u].outlet, refs[u].index)
                    for unit in _covered_units(key, first, unit_keys)[1:]:
                        groups_of[number[unit]].add(fact["id"])
    return groups_of


def labelled_pairs(story: dict[str, Any], articles: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, int]:
    """(features, labels, gold pairs with no candidate pair) of one story."""
    reports = list({a.id: a for a in articles.values()}.values())
    refs, pairs, features = story_pair_features(reports)
    groups_of = _quoted_units(story, articles, refs)
    labels = np.full(len(pairs), -1)
    covered = set()
    for k, (i, j) in enumerate(pairs.tolist()):
        if groups_of.get(i, set()) & groups_of.get(j, set()):
            labels[k] = 1
            covered.add((i, j))
        elif i in groups_of or j in groups_of:
            labels[k] = 0
    quoted = sorted(groups_of)
    uncovered = sum(1 for a in quoted for b in quoted if a < b and refs[a].outlet != refs[b].outlet
                    and groups_of[a] & groups_of[b] and (a, b) not in covered)
    used = labels >= 0
    return features[used], labels[used], uncovered


def why_missed(loaded: list[tuple[dict[str, Any], dict[str, Any]]], model: PairModel) -> Counter[str]:
    """Each gold pair of units the comparison leaves in two facts, by why."""
    reasons: Counter[str] = Counter()
    for story, articles in loaded:
        reports = list({a.id: a for a in articles.values()}.values())
        refs, pairs, features = story_pair_features(reports)
        probability = dict(zip(map(tuple, pairs.tolist()), model.probability(features).tolist(), strict=True))
        comparison = compare_story(reports, same_fact="model", model=model)
        fact_of = {(r.article_id, r.index): n for n, fact in enumerate(
            [*comparison.shared, *comparison.partial, *(f for fs in comparison.unique.values() for f in fs)])
            for r in fact.sentences}
        groups_of = _quoted_units(story, articles, refs)
        quoted = sorted(groups_of)
        for a in quoted:
            for b in quoted:
                if a >= b or refs[a].outlet == refs[b].outlet or not groups_of[a] & groups_of[b]:
                    continue
                if fact_of.get((refs[a].article_id, refs[a].index)) == fact_of.get((refs[b].article_id, refs[b].index)):
                    continue
                p = probability.get((a, b))
                if p is None:
                    reasons["no candidate: shares less than the bigram floor (paraphrase)"] += 1
                elif p < model.threshold:
                    reasons["candidate below the threshold (paraphrase, different framing)"] += 1
                else:
                    reasons["linkable, kept apart by one statement per outlet per fact"] += 1
        located = {fact["id"]: sum(1 for units in groups_of.values() if fact["id"] in units)
                   for fact in story.get("fact", [])}
        for fact in story.get("fact", []):
            if located[fact["id"]] < len(fact["sentences"]):
                reasons["a quote in no unit, or two quotes in one unit"] += len(fact["sentences"]) - located[fact["id"]]
    return reasons


def fit(features: np.ndarray, labels: np.ndarray, l2: float, threshold: float = 0.5,
        dropped: tuple[str, ...] = ()) -> PairModel:
    """L2-penalised logistic regression by Newton's method on standardised features; a dropped
    feature gets coefficient 0."""
    spread = features.std(axis=0)
    for name in dropped:
        features = features.copy()
        features[:, FEATURES.index(name)] = features[:, FEATURES.index(name)].mean()
    w, means, scales = logistic(features, labels, l2)
    for name in dropped:  # the dropped feature's own spread is kept (its coefficient is 0)
        scales[FEATURES.index(name)] = spread[FEATURES.index(name)] or 1.0
    return PairModel(float(w[0]), tuple(float(c) for c in w[1:]), tuple(float(m) for m in means),
                     tuple(float(s) for s in scales), threshold)


def logistic(features: np.ndarray, labels: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(intercept and coefficients, means, scales) of an L2-penalised logistic regression fitted by
    Newton's method on the standardised features."""
    means = features.mean(axis=0)
    scales = features.std(axis=0)
    scales[scales == 0] = 1.0
    x = np.column_stack([np.ones(len(features)), (features - means) / scales])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - labels) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w, means, scales


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=Path, default=REPO / "bench" / "days" / "facts.toml")
    parser.add_argument("--days", type=Path, default=DEFAULT_DAYS)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--min-precision", type=float, default=0.9)
    parser.add_argument("--recall-slack", type=float, default=0.015)
    parser.add_argument("--by", choices=("story", "day"), default="story", help="what to leave out")
    parser.add_argument("--drop", nargs="*", default=[], choices=FEATURES, help="features left out")
    args = parser.parse_args()
    if never_tuned_on(args.facts):  # a test file or a fresh one (FRESH_FACT_FILES)
        sys.exit(f"{args.facts.name}: the model is fitted on tuning labels only (test and fresh files are refused)")
    loaded = load_stories(args.facts, args.days)
    data = [labelled_pairs(story, articles) for story, articles in loaded]
    print(f"{len(loaded)} stories; labelled pairs: {sum(len(y) for _, y, _ in data)} "
          f"({sum(int(y.sum()) for _, y, _ in data)} positive); gold pairs with no candidate: "
          f"{sum(u for _, _, u in data)}")
    # Leave one story (or one day) out: fit on the others, compare the held-out ones end to end.
    pooled = {t: {"gold_pairs": 0, "found_pairs": 0, "judged_links": 0, "right_links": 0, "false_only": 0}
              for t in THRESHOLDS}
    held_out = ([[k for k, (story, _) in enumerate(loaded) if story["day"] == day]
                 for day in sorted({story["day"] for story, _ in loaded})]
                if args.by == "day" else [[k] for k in range(len(loaded))])
    for held in held_out:
        rest = [d for k, d in enumerate(data) if k not in held]
        model = fit(np.vstack([x for x, _, _ in rest]), np.concatenate([y for _, y, _ in rest]), args.l2,
                    dropped=tuple(args.drop))
        for t in THRESHOLDS:
            totals = score([loaded[k] for k in held], same_fact="model", model=PairModel(model.intercept, model.coefficients,
                                                                     model.means, model.scales, t))
            for key in pooled[t]:
                pooled[t][key] += totals[key]
    print(f"leave-one-{args.by}-out (tuning stories), end to end:")
    print("threshold  recall  precision  false-only")
    scores = {}
    for t in THRESHOLDS:
        p = pooled[t]
        recall = p["found_pairs"] / max(p["gold_pairs"], 1)
        precision = p["right_links"] / max(p["judged_links"], 1)
        print(f"{t:9.2f}  {recall:6.3f}  {precision:9.3f}  {p['false_only']:10d}")
        if precision >= args.min_precision and p["false_only"] == 0:
            scores[t] = recall
    # The curve is flat at low thresholds: take the most cautious threshold whose recall is
    # within --recall-slack of the best (when in doubt, do not link).
    best = max(scores.values(), default=0.0)
    threshold = max((t for t, r in scores.items() if r >= best - args.recall_slack), default=0.5)
    final = fit(np.vstack([x for x, _, _ in data]), np.concatenate([y for _, y, _ in data]), args.l2, threshold,
                dropped=tuple(args.drop))
    print(f"\n# threshold {threshold}: the highest with leave-one-{args.by}-out recall within {args.recall_slack} "
          f"of the best at precision >= {args.min_precision}; L2 {args.l2}; {len(loaded)} tuning stories")
    print("# missed gold pairs of the tuning stories, in-sample, by why:")
    for reason, count in why_missed(loaded, final).most_common():
        print(f"#   {count:4d}  {reason}")
    print(f"_INTERCEPT = {final.intercept:.4f}")
    print("_FIT = {")
    for feature, c, m, sd in zip(FEATURES, final.coefficients, final.means, final.scales, strict=True):
        print(f'    "{feature}": ({c:.4f}, {m:.4f}, {sd:.4f}),')
    print("}")
    print(f"THRESHOLD = {threshold}")


if __name__ == "__main__":
    main()
