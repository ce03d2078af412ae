"""Train the small Chinese word vectors of ``newsmirror/text/vectors.npz`` offline from a public
Jekyll feed archive (zhouxiang93123/waimei, MIT licence), leaving out the labelled days.

Method: each post's title and the first ``--body-chars`` characters of its text, normalized as the
grouping normalizes (Simplified, region aliases folded, lower case) and cut into jieba words
(``text.tokenize.words``); a vocabulary of the ``--vocab`` most frequent words of 2+ characters
(no bare numbers); word-word co-occurrence counts in a +-``--window`` window (weight 1/distance);
positive PMI with context-distribution smoothing (alpha 0.75); truncated SVD
(``scipy.sparse.linalg.svds``) to ``--dims`` dimensions; vectors U * sqrt(S), unit length,
stored as float16 with the words and their document frequencies (for IDF weights).

Posts dated within +-``--exclude-margin`` days of a labelled day (every day of
``bench.days_eval.LABELLED_DAYS``) are skipped (by folder and by file-name date), so no labelled
day's text shapes the vectors (``--also-exclude DATE``: a day drawn to be labelled that has no role
yet). The shipped vectors were trained without the days labelled then (``SHIPPED_WITHOUT``);
``--as-shipped`` rebuilds them so. The archive folder is an argument;
nothing is downloaded.

    python bench/train_vectors.py ARCHIVE_ROOT [--out src/newsmirror/text/vectors.npz] [--as-shipped]

ARCHIVE_ROOT is a checkout of the archive: ``archived/<date>/*.md`` and ``_posts/*.md`` are read.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import LABELLED_DAYS  # noqa: E402
from newsmirror.text.fold import quick_normalize  # noqa: E402
from newsmirror.text.tokenize import words  # noqa: E402

# The days the shipped vectors.npz was trained without (session 25: every day labelled by then, and
# 2020-08-15, drawn that session to be labelled, by ``--also-exclude``): pinned, so that the shipped
# file can be rebuilt as it was (``--as-shipped``); every later build leaves out ``LABELLED_DAYS``.
SHIPPED_WITHOUT = ("2020-07-22", "2020-08-04", "2020-08-09", "2020-08-15", "2020-08-23", "2020-08-29", "2020-09-06",
                   "2020-09-16", "2020-09-27", "2020-10-14", "2020-10-25", "2020-11-08", "2020-11-15", "2020-11-18",
                   "2020-11-21", "2020-11-29", "2020-12-02", "2020-12-19", "2020-12-27", "2021-01-02", "2021-01-06")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")


def excluded_dates(margin: int, labelled: tuple[str, ...] = LABELLED_DAYS) -> set[str]:
    """The dates within ``margin`` days of a labelled day (by default every one of them)."""
    days = set()
    for day in labelled:
        base = date.fromisoformat(day)
        days.update((base + timedelta(days=d)).isoformat() for d in range(-margin, margin + 1))
    return days


def dated_post_files(root: Path, skip: set[str]) -> Iterator[tuple[str | None, Path]]:
    """Each post of the archive once (by file name) with the date its name starts with (None when
    it starts with none), leaving out the folders and dates in ``skip``."""
    seen: set[str] = set()
    folders = sorted(p for p in (root / "archived").iterdir() if p.is_dir()) if (root / "archived").is_dir() else []
    for folder in [*folders, root / "_posts"]:
        if folder.name in skip or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            match = _DATE.match(path.name)
            if (match and match.group(1) in skip) or path.name in seen:
                continue
            seen.add(path.name)
            yield (match.group(1) if match else None), path


def post_files(root: Path, skip: set[str]) -> Iterator[Path]:
    return (path for _, path in dated_post_files(root, skip))


def front_matter(raw: str) -> tuple[str, str]:
    """A post's front matter (between its opening ``---`` and the next line that starts with ``---``) and its body;
    ("", the whole post) when it has none."""
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        if end > 0:
            return raw[3:end], raw[end + 4:]
    return "", raw


def header_value(header: str, key: str) -> str:
    """The value of the front matter's last ``key:`` line, stripped ("" when it has none)."""
    value = ""
    for line in header.splitlines():
        if line.startswith(key + ":"):
            value = line[len(key) + 1:].strip()
    return value


def title_and_text(raw: str, body_chars: int) -> str:
    header, body = front_matter(raw)
    title = header_value(header, "title").strip('"')
    body = _URL.sub(" ", _LINK.sub(r"\1", _TAG.sub(" ", body)))
    body = html.unescape(body)
    return title + "\n" + body[:body_chars]


def _is_vocab_word(word: str) -> bool:
    return len(word) >= 2 and not word.isdigit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "newsmirror" / "text" / "vectors.npz")
    parser.add_argument("--body-chars", type=int, default=2000)
    parser.add_argument("--vocab", type=int, default=25000)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="read at most this many posts (0: all)")
    parser.add_argument("--as-shipped", action="store_true",
                        help="leave out only the days the shipped vectors were trained without (SHIPPED_WITHOUT)")
    parser.add_argument("--also-exclude", action="append", default=[], metavar="DATE",
                        help="also leave out this day (+-margin): a day drawn to be labelled, not yet in LABELLED_DAYS")
    args = parser.parse_args(argv)

    started = time.time()
    labelled = SHIPPED_WITHOUT if args.as_shipped else (*LABELLED_DAYS, *args.also_exclude)
    skip = excluded_dates(args.exclude_margin, labelled)
    docs: list[list[str]] = []
    frequency: Counter[str] = Counter()
    doc_frequency: Counter[str] = Counter()
    for path in post_files(args.archive, skip):
        try:
            raw = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
            continue
        tokens = [w for w in words(quick_normalize(title_and_text(raw, args.body_chars)), normalized=True)
                  if _is_vocab_word(w)]
        frequency.update(tokens)
        doc_frequency.update(set(tokens))
        docs.append(tokens)
        if len(docs) % 5000 == 0:
            print(f"{len(docs)} posts cut, {time.time() - started:.0f} s", file=sys.stderr)
        if args.limit and len(docs) >= args.limit:
            break
    vocab = [w for w, _ in frequency.most_common(args.vocab)]
    index = {w: i for i, w in enumerate(vocab)}
    size = len(vocab)
    print(f"{len(docs)} posts, {sum(frequency.values())} words, vocabulary {size}", file=sys.stderr)

    counts = sparse.csr_matrix((size, size), dtype=np.float64)
    batch: list[np.ndarray] = []

    def flush() -> sparse.csr_matrix:
        ids = np.concatenate(batch)
        doc = np.concatenate([np.full(len(b), n, dtype=np.int32) for n, b in enumerate(batch)])
        rows, cols, vals = [], [], []
        for distance in range(1, args.window + 1):
            same = doc[:-distance] == doc[distance:]
            left, right = ids[:-distance][same], ids[distance:][same]
            rows += [left, right]
            cols += [right, left]
            vals.append(np.full(2 * len(left), 1.0 / distance))
        matrix = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                                   shape=(size, size))
        return matrix.tocsr()

    tokens_in_batch = 0
    for tokens in docs:
        ids = np.fromiter((index.get(w, -1) for w in tokens), dtype=np.int32)
        batch.append(ids[ids >= 0])  # out-of-vocabulary words dropped before windowing
        tokens_in_batch += len(batch[-1])
        if tokens_in_batch >= 4_000_000:
            counts = counts + flush()
            batch, tokens_in_batch = [], 0
    if batch:
        counts = counts + flush()
    print(f"co-occurrence {counts.nnz} cells, {time.time() - started:.0f} s", file=sys.stderr)

    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    context = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    context /= context.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data * 1.0 / (row[coo.row] / total) / context[coo.col] / total)
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=(size, size))
    u, s, _ = svds(ppmi, k=args.dims, random_state=0)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    df = np.array([doc_frequency[w] for w in vocab], dtype=np.int32)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, words=np.array(vocab), vectors=vectors.astype(np.float16), df=df,
                        docs=np.array([len(docs)], dtype=np.int32))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB), {time.time() - started:.0f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
