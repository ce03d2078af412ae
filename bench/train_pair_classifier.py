"""Statement pairs of the archive chosen without regard to wording, and a whole-pair classifier
fitted on them (distant supervision; session 26, pairclf23 in bench/days_results.md: measured as a
comparison round and refused, nothing in the package reads the model).

1-3. The paraphrase miner's steps (``bench/mine_paraphrases.py``): posts dated within
     ``--exclude-margin`` days of a day of ``bench.days_eval.LABELLED_DAYS`` are left out; the rest
     are cut into words as the comparison normalizes them; event pairs (two outlets, same or next
     day, sharing ``--anchors`` rare words).
4.   In each event pair, a positive is a pair of sentences (one of each post) sharing at least one
     rare figure (a word holding a digit, 3+ characters) **and** one rare name (``is_name``, 2+ Han
     characters), both of archive document frequency <= ``--rare-df``, whatever their word overlap;
     a negative is a pair of the same two posts sharing neither, or sharing a rare name while both
     give rare figures and none is shared ("hard"; the rest "easy", ``--easy-share`` of them kept).
5.   Logistic regression (``bench.days_fact_model.logistic``, L2 ``--l2``) on ``pair_features`` of
     each pair, the bigram weights taken over the two posts' sentences as the comparison takes them
     over a story's units; written as JSON (features, intercept, coefficients, means, scales).

    python bench/train_pair_classifier.py ARCHIVE_ROOT --cache POSTS.pkl --sample 30 --seed 23
    python bench/train_pair_classifier.py ARCHIVE_ROOT --cache POSTS.pkl --out MODEL.json [--easy-share 0]

``--sample`` prints that many positives and negatives of each kind drawn at random, to be read.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import LABELLED_DAYS  # noqa: E402
from bench.days_fact_model import logistic  # noqa: E402
from bench.mine_paraphrases import _DIGIT, Post, cached_posts, event_pairs  # noqa: E402
from bench.train_vectors import excluded_dates  # noqa: E402
from newsmirror.stories.fact_pairs import story_weights  # noqa: E402
from newsmirror.text.tokenize import is_name  # noqa: E402

Pair = tuple[int, int, int, int]  # (post, sentence of it, other post, sentence of that)
FEATURES = ("containment", "dice", "trigram_dice", "length_ratio", "short_length", "position_gap")


def _grams(key: str, n: int) -> frozenset[str]:
    return frozenset(key[i : i + n] for i in range(len(key) - n + 1))


def pair_features(first: str, second: str, weight: Mapping[str, float], first_position: float,
                  second_position: float) -> list[float]:
    """The features of two units' match keys (wording only: figures and names chose the labels):
    weighted bigram containment (of the smaller) and Dice (``weight``: the story's bigram weights,
    as the comparison's rules read them), unweighted trigram Dice, length ratio, the shorter length
    (log), and how far apart the two sit in their reports (0-1)."""
    a, b = _grams(first, 2), _grams(second, 2)
    mass_a = sum(weight.get(g, 0.0) for g in a)
    mass_b = sum(weight.get(g, 0.0) for g in b)
    common = sum(weight.get(g, 0.0) for g in a & b)
    containment = common / max(min(mass_a, mass_b), 1e-9)
    dice = 2 * common / max(mass_a + mass_b, 1e-9)
    ta, tb = _grams(first, 3), _grams(second, 3)
    trigram = 2 * len(ta & tb) / max(len(ta) + len(tb), 1)
    short, long = sorted((len(first), len(second)))
    return [containment, dice, trigram, short / max(long, 1), math.log(1 + short),
            abs(first_position - second_position)]


def rare_figures(sentence: list[str], df: Counter[str], rare_df: int) -> set[str]:
    return {w for w in sentence if w.isascii() and len(w) >= 3 and _DIGIT.search(w) and df[w] <= rare_df}


def rare_names(sentence: list[str], df: Counter[str], rare_df: int) -> set[str]:
    return {w for w in sentence if len(w) >= 2 and not w.isascii() and df[w] <= rare_df and is_name(w)}


def labelled_pairs(posts: list[Post], pairs: list[tuple[int, int]], df: Counter[str],
                   rare_df: int) -> Iterator[tuple[Pair, str]]:
    """Each positive and negative sentence pair of each event pair: ((a, i, b, j), kind), kind
    "positive", "hard" (a shared rare name, rare figures on both sides, none shared) or "easy"."""
    for a, b in pairs:
        left = [(rare_figures(s, df, rare_df), rare_names(s, df, rare_df)) for s in posts[a].sentences]
        right = [(rare_figures(s, df, rare_df), rare_names(s, df, rare_df)) for s in posts[b].sentences]
        for i, (figures_a, names_a) in enumerate(left):
            for j, (figures_b, names_b) in enumerate(right):
                if posts[a].sentences[i] == posts[b].sentences[j]:
                    continue
                shares_figure, shares_name = bool(figures_a & figures_b), bool(names_a & names_b)
                if shares_figure and shares_name:
                    yield (a, i, b, j), "positive"
                elif not shares_figure and shares_name and figures_a and figures_b:
                    yield (a, i, b, j), "hard"
                elif not shares_figure and not shares_name:
                    yield (a, i, b, j), "easy"


def features_of(posts: list[Post], chosen: list[Pair]) -> np.ndarray:
    """``statement_pairs.pair_features`` of each pair, the bigram weights taken over the two posts'
    sentences as the comparison takes them over a story's units."""
    rows = []
    weights: dict[tuple[int, int], dict[str, float]] = {}
    for a, i, b, j in chosen:
        if (a, b) not in weights:
            keys = ["".join(s) for s in (*posts[a].sentences, *posts[b].sentences)]
            weights[a, b] = story_weights([frozenset(k[n : n + 2] for n in range(len(k) - 1)) for k in keys])
        first, second = posts[a].sentences, posts[b].sentences
        rows.append(pair_features("".join(first[i]), "".join(second[j]), weights[a, b],
                                  i / max(len(first) - 1, 1), j / max(len(second) - 1, 1)))
    return np.array(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--cache", type=Path, help="pickle of the cut posts (read if present, else written)")
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--rare-df", type=int, default=100)
    parser.add_argument("--anchors", type=int, default=3)
    parser.add_argument("--partners", type=int, default=10)
    parser.add_argument("--sample", type=int, default=0, help="print this many positives and negatives to read")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--easy-share", type=float, default=0.0005,
                        help="share of the easy negatives kept (they are tens of millions)")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--out", type=Path, help="the fitted model (JSON); without it, only counts are printed")
    args = parser.parse_args(argv)

    started = time.time()
    skip = excluded_dates(args.exclude_margin, LABELLED_DAYS)
    posts = cached_posts(args.archive, args.cache, skip, 4000, 0)
    df: Counter[str] = Counter(w for p in posts for w in p.vocabulary)
    pairs = event_pairs(posts, args.rare_df, args.anchors, args.partners)
    rng = random.Random(args.seed)
    kinds: dict[str, list[Pair]] = {"positive": [], "hard": [], "easy": []}
    easy_seen = 0
    for pair, kind in labelled_pairs(posts, pairs, df, args.rare_df):
        if kind == "easy":
            easy_seen += 1
            if rng.random() >= args.easy_share:
                continue
        kinds[kind].append(pair)
    positives, negatives = kinds["positive"], kinds["hard"] + kinds["easy"]
    print(f"{len(posts)} posts, {len(pairs)} event pairs, {len(positives)} positives, {len(kinds['hard'])} hard "
          f"negatives, {len(kinds['easy'])} of {easy_seen} easy negatives, {time.time() - started:.0f} s",
          file=sys.stderr)
    if args.sample:
        for name, chosen in (("positive", positives), ("hard negative", kinds["hard"]), ("easy negative", kinds["easy"])):
            for n, (a, i, b, j) in enumerate(rng.sample(chosen, min(args.sample, len(chosen))), 1):
                print(f"{name} {n} [{posts[a].outlet} / {posts[b].outlet}, {posts[a].day}]")
                print("   ", "".join(posts[a].sentences[i]))
                print("   ", "".join(posts[b].sentences[j]))
        return 0
    if not args.out:
        return 0
    x = np.vstack([features_of(posts, positives), features_of(posts, negatives)])
    y = np.concatenate([np.ones(len(positives)), np.zeros(len(negatives))])
    # The intercept follows the sample's mix (the easy negatives are a sample): the round's threshold is
    # chosen on the fact files, the output is a score, not a calibrated probability.
    w, means, scales = logistic(x, y, args.l2)
    with args.out.open("w", encoding="utf-8") as handle:
        json.dump({"features": FEATURES, "intercept": round(float(w[0]), 6),
                   "coefficients": [round(float(c), 6) for c in w[1:]],
                   "means": [round(float(m), 6) for m in means], "scales": [round(float(s), 6) for s in scales],
                   "positives": len(positives), "negatives": len(negatives)}, handle, indent=1)
        handle.write("\n")
    print(f"model -> {args.out}: " + ", ".join(f"{n} {c:+.3f}" for n, c in zip(FEATURES, w[1:], strict=True)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
