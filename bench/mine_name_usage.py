"""Mine ``newsmirror/text/name_usage.tsv``: how much each word jieba's dictionary tags as a name is
used as one in news text, from a public Jekyll archive of Chinese news feeds (zhouxiang93123/waimei,
MIT licence), leaving out the labelled days and the held only-X sample.

jieba's dictionary tags many common words as names (治安 ns, count 1761; 嘉宾 ns; 黑名单 nr): its tags
come from a corpus where they were mis-tagged, and the tag alone cannot tell 治安 from 华山. Words of one
part of speech stand in the same places among the most frequent words (distributional part-of-speech
induction: Redington, Chater & Finch 1998; Schütze 1995), so usage can overrule the tag:

1. Posts: title and text (tags, links, URLs removed), normalized as the comparison reads them
   (``text.fold.quick_normalize``) and cut by jieba (``text.tokenize``'s segmenter). Posts dated within
   +-``--exclude-margin`` days of a labelled day are skipped (folder and file-name date, as
   ``bench/train_vectors.py`` does), and so is every file of ``--held`` samples (only-X samples K to R).
2. Contexts: for every dictionary word of 2+ Han characters, the word right before and right after each
   of its uses, counted when it is one of the ``--contexts`` most frequent words of jieba's dictionary
   (by its counts, not the archive's), else as "other" or "edge" (a punctuation or script boundary).
3. A word's profile: the share of each context on each side (square roots: Hellinger), for words used
   at least ``--min-uses`` times.
4. A logistic model tells names (dictionary tags nr, nrt, nrfg, ns, nt, nz) from words of other tags by
   their profile; each word's probability of being a name is the model's out-of-fold estimate
   (``--folds`` folds by a hash of the word), so its own tag does not vouch for it. A mis-tagged common
   word stands where common words stand and gets a low probability despite its tag.
5. Written: the name-tagged words whose probability is below ``--keep-below`` (the only ones a test can
   act on), with their uses and probability.

    python bench/mine_name_usage.py ARCHIVE_ROOT [--out src/newsmirror/text/name_usage.tsv]

ARCHIVE_ROOT is a checkout of the archive: ``archived/<date>/*.md`` and ``_posts/*.md`` are read.
Deterministic: files in sorted order, folds by a fixed hash (crc32).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
import tomllib
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402
from bench.days_eval import LABELLED_DAYS  # noqa: E402
from bench.train_vectors import dated_post_files, excluded_dates, title_and_text  # noqa: E402
from newsmirror.text.fold import quick_normalize  # noqa: E402
from newsmirror.text.names import NAME_TAGS  # noqa: E402
from newsmirror.text.tokenize import _segmenter, pos_tokenizer  # noqa: E402

_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
# Held K and every sample drawn after it (L-Q were fresh or held when earlier tables were mined: still left out, as
# the shipped table was built; the fresh one, if any, is among them).
_HELD = onlyx_samples.file_names(onlyx_samples.MINED_WITHOUT)


def sample_letters(names: tuple[str, ...]) -> list[str]:
    """The letters of only-X sample files (``onlyx-sample.toml`` holds A and B), for a table's provenance line."""
    letters: list[str] = []
    for name in names:
        suffix = name.removeprefix("onlyx-sample").removesuffix(".toml").lstrip("-")
        letters += ["A", "B"] if not suffix else [suffix.upper()]
    return letters


def held_files(names: tuple[str, ...]) -> set[str]:
    """File names of every story of the held samples (only their ``files`` are read)."""
    held: set[str] = set()
    for name in names:
        with open(REPO / "bench" / "days" / name, "rb") as handle:
            held |= {f.split("/")[-1] for story in tomllib.load(handle)["story"] for f in story["files"]}
    return held


def kept_posts(root: Path, skip: set[str], held: set[str], every: int) -> Iterator[str]:
    """The raw text of each post of the archive (``dated_post_files``) but the ``held`` files, in the walk's
    order; the posts read so far and the time on stderr every ``every`` posts. Shared by the archive miners."""
    started = time.time()
    posts = 0
    for _date, path in dated_post_files(root, skip):
        if path.name in held:
            continue
        yield path.read_text(encoding="utf-8", errors="replace")
        posts += 1
        if posts % every == 0:
            print(f"{posts} posts, {time.time() - started:.0f} s", file=sys.stderr)


def count_contexts(root: Path, skip: set[str], held: set[str], contexts: int) -> tuple[dict[str, list[int]], int]:
    """Per dictionary word of 2+ Han characters, its uses and counts of its neighbours: slots
    0..K-1 the K context words before it, K "other", K+1 "edge"; then the same after it."""
    tokenizer = pos_tokenizer()
    freq = tokenizer.tokenizer.FREQ
    top = sorted((w for w, c in freq.items() if c > 0), key=lambda w: (-freq[w], w))[:contexts]
    index = {w: k for k, w in enumerate(top)}
    other, edge, width = contexts, contexts + 1, contexts + 2
    targets = {w for w in tokenizer.word_tag_tab if _HAN_WORD.fullmatch(w)}
    counts: dict[str, list[int]] = {}
    segmenter = _segmenter()
    posts = 0
    for raw in kept_posts(root, skip, held, 5000):
        tokens = segmenter.cut(quick_normalize(title_and_text(raw, 10**9)))
        last = len(tokens) - 1
        for k, word in enumerate(tokens):
            if word not in targets:
                continue
            row = counts.get(word)
            if row is None:
                row = counts[word] = [0] * (2 * width + 1)
            row[-1] += 1
            before = tokens[k - 1] if k else " "
            after = tokens[k + 1] if k < last else " "
            row[index.get(before, edge if not before.strip() else other)] += 1
            row[width + index.get(after, edge if not after.strip() else other)] += 1
        posts += 1
    return counts, posts


def profiles(counts: dict[str, list[int]], min_uses: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Words used ``min_uses`` times or more, their Hellinger profiles and log uses."""
    words = sorted(w for w, row in counts.items() if row[-1] >= min_uses)
    raw = np.array([counts[w][:-1] for w in words], dtype=np.float64)
    half = raw.shape[1] // 2
    left, right = raw[:, :half], raw[:, half:]
    x = np.hstack([np.sqrt(left / left.sum(1, keepdims=True)), np.sqrt(right / right.sum(1, keepdims=True))])
    uses = np.array([counts[w][-1] for w in words], dtype=np.float64)
    return words, x, uses


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-penalized logistic regression (intercept free) by L-BFGS."""
    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        value = float(np.sum(np.logaddexp(0, z) - y * z) + 0.5 * l2 * w @ w)
        grad = np.append(x.T @ (p - y) + l2 * w, np.sum(p - y))
        return value, grad
    result = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x[:-1], float(result.x[-1])


def out_of_fold(words: list[str], x: np.ndarray, y: np.ndarray, folds: int, l2: float) -> np.ndarray:
    fold = np.array([zlib.crc32(w.encode()) % folds for w in words])
    p = np.zeros(len(words))
    for k in range(folds):
        train = fold != k
        w, b = fit_logistic(x[train], y[train], l2)
        p[~train] = 1 / (1 + np.exp(-(x[~train] @ w + b)))
    return p


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "newsmirror" / "text" / "name_usage.tsv")
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--contexts", type=int, default=150)
    parser.add_argument("--min-uses", type=int, default=5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--keep-below", type=float, default=0.2)
    parser.add_argument("--counts", type=Path, help="cache of the context counts (read if present, else written)")
    args = parser.parse_args(argv)

    if args.counts and args.counts.exists():
        with open(args.counts, "rb") as handle:
            counts, posts = pickle.load(handle)
    else:
        skip = excluded_dates(args.exclude_margin, LABELLED_DAYS)
        counts, posts = count_contexts(args.archive, skip, held_files(_HELD), args.contexts)
        if args.counts:
            with open(args.counts, "wb") as handle:
                pickle.dump((counts, posts), handle)
    tags = pos_tokenizer().word_tag_tab
    words, x, uses = profiles(counts, args.min_uses)
    y = np.array([tags[w] in NAME_TAGS for w in words], dtype=np.float64)
    p = out_of_fold(words, x, y, args.folds, args.l2)
    named = y == 1
    print(f"{posts} posts, {len(words)} words used {args.min_uses}+ times ({int(named.sum())} name-tagged); "
          f"out-of-fold accuracy {np.mean((p >= 0.5) == named):.3f}", file=sys.stderr)
    kept = sorted((w for k, w in enumerate(words) if named[k] and p[k] < args.keep_below))
    prob = dict(zip(words, p, strict=True))
    lines = [
        "# Words jieba's dictionary tags as names that news text uses like common words: out-of-fold probability",
        "# that a word with these neighbours is a name (bench/mine_name_usage.py; logistic model on the words right",
        f"# before and after, the {args.contexts} most frequent dictionary words as contexts). Mined from {posts} posts",
        "# of zhouxiang93123/waimei (MIT licence) without the labelled days +-"
        f"{args.exclude_margin} and the held only-X samples {', '.join(sample_letters(_HELD))};",
        f"# words used {args.min_uses}+ times, {args.folds} folds, l2 {args.l2}; kept below {args.keep_below}.",
        "# word\tuses\tname_probability",
    ]
    used = dict(zip(words, uses, strict=True))
    lines += [f"{w}\t{int(used[w])}\t{prob[w]:.3f}" for w in kept]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} name-tagged words below {args.keep_below} written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
