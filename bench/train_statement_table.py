"""Learn a statement translation table (a TSV: word, other word, days, strength) from statements
two outlets aligned in the archive: which word of one outlet's telling stands for which word of
another's (IBM model 1, Brown et al. 1993, on distantly supervised sentence pairs).

1-4. The paraphrase miner's steps (``bench/mine_paraphrases.py``): posts dated within
     ``--exclude-margin`` days of a day of ``bench.days_eval.LABELLED_DAYS`` are left out; the
     rest are cut into words as the comparison normalizes them; event pairs (two outlets, same or
     next day, sharing ``--anchors`` rare words); in each, sentence pairs that are each other's
     best match on word Dice (>= ``--dice``) and share a rare word or a figure. Such a pair is two
     outlets' tellings of one statement.
5.   Of each pair, the content words (2+ Han characters) one side has and the other lacks: what
     the rewrite changed. IBM model 1 with a NULL word (``--iterations`` EM rounds, both
     directions) learns t(b|a) on these residues; the words both sides share are left out, so
     that the table holds substitutions, not identity.
6.   A row a, b is kept when sqrt(t(b|a) t(a|b)) >= ``--floor`` (both directions agree), the two
     were in one pair's residues on ``--min-days`` days (days are the independent evidence, as the
     miner counts), and neither word is in more than ``--max-share`` of the posts (hubs).

    python bench/train_statement_table.py ARCHIVE_ROOT --out TSV [--cache POSTS.pkl]

Session 26 (para22, bench/days_results.md) measured the table in a comparison round and refused it;
nothing in the package reads it. Deterministic: posts in sorted order, pairs and words sorted before counting.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import LABELLED_DAYS  # noqa: E402
from bench.mine_paraphrases import _DIGIT, Post, _aligned, cached_posts, event_pairs  # noqa: E402
from bench.train_vectors import excluded_dates  # noqa: E402

_CONTENT = re.compile(r"[\u4e00-\u9fff]{2,}")
_NULL = ""


def content(sentence: list[str]) -> set[str]:
    """The sentence's content words: Han words of two or more characters."""
    return {w for w in sentence if _CONTENT.fullmatch(w)}


def aligned_residues(posts: list[Post], pairs: list[tuple[int, int]], rare_df: int, dice: float,
                     df: Counter[str]) -> list[tuple[int, tuple[str, ...], tuple[str, ...]]]:
    """(day, the words only the first telling has, the words only the second has) of each aligned pair."""
    out = []
    for a, b in pairs:
        first, second = posts[a], posts[b]
        day = int(first.day.replace("-", ""))
        for i, j, common in _aligned(first.sentences, second.sentences, dice):
            if not any(df[w] <= rare_df or _DIGIT.search(w) for w in common):
                continue
            left, right = content(first.sentences[i]), content(second.sentences[j])
            only_left, only_right = tuple(sorted(left - right)), tuple(sorted(right - left))
            if only_left and only_right:
                out.append((day, only_left, only_right))
    return out


def ibm1(pairs: list[tuple[tuple[str, ...], tuple[str, ...]]], iterations: int) -> dict[tuple[str, str], float]:
    """t(target | source) of IBM model 1 with a NULL source word, over co-occurring words only."""
    table: dict[tuple[str, str], float] = {}
    for source, target in pairs:
        for t in target:
            for s in (*source, _NULL):
                table[s, t] = 1.0
    for _ in range(iterations):
        counts: dict[tuple[str, str], float] = defaultdict(float)
        totals: dict[str, float] = defaultdict(float)
        for source, target in pairs:
            sources = (*source, _NULL)
            for t in target:
                norm = sum(table[s, t] for s in sources)
                for s in sources:
                    share = table[s, t] / norm
                    counts[s, t] += share
                    totals[s] += share
        table = {(s, t): c / totals[s] for (s, t), c in counts.items()}
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, help="pickle of the cut posts (read if present, else written)")
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--rare-df", type=int, default=100)
    parser.add_argument("--anchors", type=int, default=3)
    parser.add_argument("--partners", type=int, default=10)
    parser.add_argument("--dice", type=float, default=0.35)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--floor", type=float, default=0.1)
    parser.add_argument("--min-days", type=int, default=3)
    parser.add_argument("--max-share", type=float, default=0.05)
    args = parser.parse_args(argv)

    started = time.time()
    posts = cached_posts(args.archive, args.cache, excluded_dates(args.exclude_margin, LABELLED_DAYS), 4000, 0)
    df: Counter[str] = Counter(w for p in posts for w in p.vocabulary)
    pairs = event_pairs(posts, args.rare_df, args.anchors, args.partners)
    residues = aligned_residues(posts, pairs, args.rare_df, args.dice, df)
    print(f"{len(posts)} posts, {len(pairs)} event pairs, {len(residues)} aligned statement pairs with a rewrite, "
          f"{time.time() - started:.0f} s", file=sys.stderr)
    forward = ibm1([(a, b) for _d, a, b in residues], args.iterations)
    backward = ibm1([(b, a) for _d, a, b in residues], args.iterations)
    days: dict[tuple[str, str], set[int]] = defaultdict(set)
    for day, left, right in residues:
        for a in left:
            for b in right:
                days[min(a, b), max(a, b)].add(day)
    limit = args.max_share * len(posts)
    rows = []
    for (a, b), seen in days.items():
        if len(seen) < args.min_days or df[a] > limit or df[b] > limit:
            continue
        # Either word may have stood on either side of a pair: both orders' probabilities count.
        ab = max(forward.get((a, b), 0.0), backward.get((a, b), 0.0))
        ba = max(forward.get((b, a), 0.0), backward.get((b, a), 0.0))
        strength = math.sqrt(ab * ba)
        if strength >= args.floor:
            rows.append((a, b, len(seen), strength))
    rows.sort(key=lambda r: (-r[3], r[0], r[1]))
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write("# word\tother_word\tdays\tstrength\n")
        for a, b, count, strength in rows:
            handle.write(f"{a}\t{b}\t{count}\t{strength:.3f}\n")
    print(f"kept {len(rows)} rows -> {args.out}, {time.time() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
