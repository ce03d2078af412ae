"""Mine the paraphrase lexicon ``newsmirror/text/paraphrases.tsv`` from a public Jekyll archive of
Chinese news feeds (zhouxiang93123/waimei, MIT licence), leaving out the labelled days.

Paraphrase acquisition from comparable news (Barzilay & McKeown 2001; Shinyama & Sekine 2003;
the counting of PPDB): outlets telling one event write many sentences alike but for a word.

1. Posts: title and text (tags, links, URLs removed), outlet from the Jekyll ``author``; posts
   dated within +-``--exclude-margin`` days of a labelled day are skipped (folder and file-name
   date), as ``bench/train_vectors.py`` does.
2. Sentences normalized as the comparison reads them (Simplified, region aliases folded, lower
   case, figures in one form: ``text.fold.quick_normalize``, ``text.numbers.fold_numbers``) and
   cut into jieba words (``text.tokenize.words``).
3. Event pairs: two posts of different outlets, dated the same or the next day, sharing at least
   ``--anchors`` rare words (names, figures: archive document frequency <= ``--rare-df``); each
   post keeps its ``--partners`` best partners.
4. Sentence pairs: in an event pair, sentences that are each other's best match on word Dice,
   at least ``--dice``, sharing a rare word or a figure, and not identical.
5. Slots: the sentence pair's word sequences are aligned (difflib); a run of 1-``--slot-words``
   words replaced by such a run between identical words on both sides is a candidate pair
   (figures, Latin and two names never: they differ in fact, not in wording).
6. Counting: a pair counts once per day it is seen on (one day's reports of one event repeat
   each other's wording, so days, not post pairs, are the independent evidence). It is kept
   when seen on at least ``--min-events`` days, in at least two distinct outlet pairs, strongly
   associated both ways (of the days either word filled a slot, the share the other filled
   it: at least ``--assoc`` each way), both words of ``--min-chars``+ characters and neither in
   more than ``--max-share`` of the posts (function words and hubs: folding 中方 and 大陆 into
   中国 joined statements of different actors), and filling the slot between at least
   ``--min-contexts`` distinct pairs of identical words (one story retold on several days fills
   one context again and again: 长毛 for 胡志伟朱凯迪 around the same names, 部长 for 司法部长
   before the same surname; a paraphrase fills many).

    python bench/mine_paraphrases.py ARCHIVE_ROOT [--out src/newsmirror/text/paraphrases.tsv]

ARCHIVE_ROOT is a checkout (or ``git archive``) of the archive: ``archived/<date>/*.md`` and
``_posts/*.md`` are read. Deterministic: files are read in sorted order, ties broken by text.
"""

from __future__ import annotations

import argparse
import difflib
import html
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from scipy import sparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import LABELLED_DAYS  # noqa: E402
from bench.train_vectors import (  # noqa: E402
    _LINK,
    _TAG,
    _URL,
    dated_post_files,
    excluded_dates,
    front_matter,
    header_value,
)
from newsmirror.text.fold import quick_normalize  # noqa: E402
from newsmirror.text.numbers import fold_numbers  # noqa: E402
from newsmirror.text.sentences import split_sentences  # noqa: E402
from newsmirror.text.tokenize import is_name, words  # noqa: E402

# The days the shipped paraphrases.tsv was mined without (session 25: every day labelled by then, and
# 2020-08-15, drawn that session to be labelled, by ``--also-exclude``): pinned, so that the shipped
# lexicon can be rebuilt as it was (``--as-shipped``); every later build leaves out ``LABELLED_DAYS``
# (bench.days_eval), which has every day labelled since.
SHIPPED_WITHOUT = ("2020-07-22", "2020-08-04", "2020-08-09", "2020-08-15", "2020-08-23", "2020-08-29", "2020-09-06",
                   "2020-09-16", "2020-09-27", "2020-10-14", "2020-10-25", "2020-11-08", "2020-11-15", "2020-11-18",
                   "2020-11-21", "2020-11-29", "2020-12-02", "2020-12-19", "2020-12-27", "2021-01-02", "2021-01-06")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Post:
    day: str
    outlet: str
    sentences: list[list[str]]  # each sentence's words
    vocabulary: frozenset[str]


def read_post(raw: str, body_chars: int) -> tuple[str, str]:
    """(outlet, title and text)."""
    header, body = front_matter(raw)
    title, author = header_value(header, "title").strip('"'), header_value(header, "author")
    body = html.unescape(_URL.sub(" ", _LINK.sub(r"\1", _TAG.sub("\n", body))))
    return author, title + "。\n" + body[:body_chars]


def cut_posts(root: Path, skip: set[str], body_chars: int, limit: int) -> list[Post]:
    posts = []
    started = time.time()
    for day, path in dated_post_files(root, skip):
        if day is None:  # an undated post cannot be paired with another outlet's of the same day
            continue
        outlet, text = read_post(path.read_text(encoding="utf-8", errors="replace"), body_chars)
        if not outlet or len(_HAN.findall(text)) < 200:
            continue
        sentences = []
        for sentence in split_sentences(text):
            cut = words(fold_numbers(quick_normalize(sentence)), normalized=True)
            if 6 <= len(cut) <= 120:
                sentences.append(cut)
        if sentences:
            posts.append(Post(day, outlet, sentences, frozenset(w for s in sentences for w in s)))
        if len(posts) % 5000 == 0:
            print(f"{len(posts)} posts cut, {time.time() - started:.0f} s", file=sys.stderr)
        if limit and len(posts) >= limit:
            break
    return posts


def cached_posts(root: Path, cache: Path | None, skip: set[str], body_chars: int, limit: int) -> list[Post]:
    """``cut_posts``, read from the pickle ``cache`` when it exists (else written there, if given)."""
    if cache and cache.exists():
        with cache.open("rb") as handle:
            posts: list[Post] = pickle.load(handle)
        # a cache cut before a day was labelled still holds it and its neighbours: ``skip`` applies again
        return [post for post in posts if post.day not in skip]
    posts = cut_posts(root, skip, body_chars, limit)
    if cache:
        with cache.open("wb") as handle:
            pickle.dump(posts, handle)
    return posts


def _is_anchor(word: str, df: int, rare_df: int) -> bool:
    """A rare Han word of 2+ characters (names mostly) or a rare figure of 3+ characters."""
    if df > rare_df or len(word) < 2:
        return False
    return bool(_DIGIT.search(word)) and len(word) >= 3 if word.isascii() else True


def event_pairs(posts: list[Post], rare_df: int, anchors: int, partners: int) -> list[tuple[int, int]]:
    """Posts of different outlets, same or next day, sharing ``anchors`` rare words: each post's
    ``partners`` best, kept when both sides chose or either did (a union)."""
    df: Counter[str] = Counter(w for p in posts for w in p.vocabulary)
    rare = [frozenset(w for w in p.vocabulary if df[w] >= 2 and _is_anchor(w, df[w], rare_df)) for p in posts]
    by_day: dict[str, list[int]] = defaultdict(list)
    for n, p in enumerate(posts):
        by_day[p.day].append(n)
    chosen: set[tuple[int, int]] = set()
    for day in sorted(by_day):
        following = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        pool = by_day[day] + by_day.get(following, [])
        index: dict[str, list[int]] = defaultdict(list)
        for n in pool:
            for w in rare[n]:
                index[w].append(n)
        for n in by_day[day]:
            shared: Counter[int] = Counter()
            for w in rare[n]:
                shared.update(m for m in index[w] if m != n and posts[m].outlet != posts[n].outlet)
            best = sorted(((c, m) for m, c in shared.items() if c >= anchors), key=lambda x: (-x[0], x[1]))
            for _c, m in best[:partners]:
                chosen.add((min(n, m), max(n, m)))
    return sorted(chosen)


def _aligned(first: list[list[str]], second: list[list[str]], floor: float) -> Iterator[tuple[int, int, set[str]]]:
    """Sentence pairs that are each other's best match on word Dice, at least ``floor``, not
    identical: (index in first, index in second, shared words)."""
    vocabulary: dict[str, int] = {}
    matrices = []
    for sentences in (first, second):
        rows, cols = [], []
        for row, sentence in enumerate(sentences):
            for w in set(sentence):
                rows.append(row)
                cols.append(vocabulary.setdefault(w, len(vocabulary)))
        matrices.append((rows, cols, len(sentences)))
    size = len(vocabulary)
    a, b = (sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, size)) for r, c, n in matrices)
    shared = (a @ b.T).toarray()
    length_a = np.asarray(a.sum(axis=1)).ravel()
    length_b = np.asarray(b.sum(axis=1)).ravel()
    dice = 2 * shared / np.maximum(length_a[:, None] + length_b[None, :], 1)
    best_b = dice.argmax(axis=1)
    best_a = dice.argmax(axis=0)
    for i, j in enumerate(best_b.tolist()):
        if best_a[j] == i and dice[i, j] >= floor and first[i] != second[j]:
            yield i, j, set(first[i]) & set(second[j])


def _slot_word(phrase: str) -> bool:
    return bool(_HAN_WORD.fullmatch(phrase)) and len(phrase) <= 8


def slots(a: list[str], b: list[str], most: int = 2) -> Iterator[tuple[str, str, tuple[str, str]]]:
    """Runs of 1-``most`` words replaced by runs of 1-``most`` words between identical words on
    both sides, with those words (the slot's context)."""
    codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag != "replace" or k == 0 or k == len(codes) - 1:
            continue
        if not (1 <= i2 - i1 <= most and 1 <= j2 - j1 <= most):
            continue
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        if left == right or not _slot_word(left) or not _slot_word(right):
            continue
        if is_name(left) and is_name(right) and len(left) >= 2 and len(right) >= 2:
            continue
        yield left, right, (a[i1 - 1], a[i2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "newsmirror" / "text" / "paraphrases.tsv")
    parser.add_argument("--body-chars", type=int, default=4000)
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--rare-df", type=int, default=100)
    parser.add_argument("--anchors", type=int, default=3)
    parser.add_argument("--partners", type=int, default=10)
    parser.add_argument("--dice", type=float, default=0.35)
    parser.add_argument("--slot-words", type=int, default=3, help="longest run of words a slot holds")
    parser.add_argument("--min-events", type=int, default=3)
    parser.add_argument("--assoc", type=float, default=0.2)
    parser.add_argument("--max-share", type=float, default=0.05,
                        help="leave out pairs with a word in more than this share of posts (function words, hubs)")
    parser.add_argument("--min-chars", type=int, default=2, help="shortest word kept")
    parser.add_argument("--min-contexts", type=int, default=2,
                        help="least number of distinct contexts (the words either side of the slot) a pair fills")
    parser.add_argument("--limit", type=int, default=0, help="read at most this many posts (0: all)")
    parser.add_argument("--cache", type=Path, help="pickle of the cut posts (read if present, else written)")
    parser.add_argument("--as-shipped", action="store_true",
                        help="leave out only the days the shipped lexicon was mined without (SHIPPED_WITHOUT)")
    parser.add_argument("--candidates", type=Path, help="also write every counted pair here (to read)")
    parser.add_argument("--also-exclude", action="append", default=[], metavar="DATE",
                        help="also leave out this day (+-margin): a day drawn to be labelled, not yet in LABELLED_DAYS")
    args = parser.parse_args(argv)

    started = time.time()
    labelled = SHIPPED_WITHOUT if args.as_shipped else (*LABELLED_DAYS, *args.also_exclude)
    posts = cached_posts(args.archive, args.cache, excluded_dates(args.exclude_margin, labelled), args.body_chars,
                         args.limit)
    print(f"{len(posts)} posts, {time.time() - started:.0f} s", file=sys.stderr)
    df: Counter[str] = Counter(w for p in posts for w in p.vocabulary)
    pairs = event_pairs(posts, args.rare_df, args.anchors, args.partners)
    # Independent evidence: one day's reports of one event repeat each other's wording, so a
    # pair counts once per day it is seen on (days, not post pairs).
    event = [int(p.day.replace("-", "")) for p in posts]
    print(f"{len(pairs)} event pairs, {len(set(event[a] for a, _ in pairs))} days, "
          f"{time.time() - started:.0f} s", file=sys.stderr)

    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    outlet_pairs: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    filled: dict[str, set[int]] = defaultdict(set)
    contexts: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    aligned = 0
    for a, b in pairs:
        first, second = posts[a], posts[b]
        for i, j, common in _aligned(first.sentences, second.sentences, args.dice):
            if not any(df[w] <= args.rare_df or _DIGIT.search(w) for w in common):
                continue
            aligned += 1
            for left, right, context in slots(first.sentences[i], second.sentences[j], args.slot_words):
                key = (left, right) if left < right else (right, left)
                contexts[key].add(context)
                seen[key].add(event[a])
                outlet_pairs[key].add(tuple(sorted((first.outlet, second.outlet))))  # type: ignore[arg-type]
                filled[left].add(event[a])
                filled[right].add(event[a])
    print(f"{aligned} aligned sentence pairs, {len(seen)} slot pairs, {time.time() - started:.0f} s",
          file=sys.stderr)

    rows = []
    for (left, right), events in seen.items():
        count = len(events)
        rows.append((count, left, right, count / len(filled[left]), count / len(filled[right]),
                     len(outlet_pairs[left, right]), max(df[left], df[right]) / len(posts), len(contexts[left, right])))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    if args.candidates:
        with args.candidates.open("w", encoding="utf-8") as handle:
            for count, left, right, ab, ba, op, share, ctx in rows:
                handle.write(f"{left}\t{right}\t{count}\t{ab:.3f}\t{ba:.3f}\t{op}\t{share:.4f}\t{ctx}\n")
    kept = [r for r in rows if r[0] >= args.min_events and r[5] >= 2 and min(r[3], r[4]) >= args.assoc
            and r[6] <= args.max_share and min(len(r[1]), len(r[2])) >= args.min_chars and r[7] >= args.min_contexts]
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write("# word\tparaphrase\tdays\tshare_of_word_slots\tshare_of_paraphrase_slots\n")
        for count, left, right, ab, ba, _op, _share, _contexts in kept:
            handle.write(f"{left}\t{right}\t{count}\t{ab:.3f}\t{ba:.3f}\n")
    print(f"kept {len(kept)} pairs -> {args.out}, {time.time() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
