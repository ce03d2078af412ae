"""Mine ``newsmirror/text/outlet_furniture.tsv``: the sentences an outlet writes in its reports of many different
stories (its standing furniture: a copyright tail, a disclaimer, a programme's promo, a newsletter's call, a hotline
footer, a columnist's bio, the titles of its related-reading links), from a public Jekyll archive of Chinese news feeds
(zhouxiang93123/waimei, MIT licence), leaving out the data nobody may read.

A sentence two reports of one story share is often the story's fact (a wire's paragraph two outlets both carry, one
outlet's follow-up repeating its lead): within one story nothing tells furniture from a shared fact. Across an
archive it is told by what else the reports say: furniture stands in reports whose other sentences have nothing to
do with each other.

1. Reports: every post of the archive (``bench/train_vectors.dated_post_files``: each file name once) read as the
   importer reads it (``read_archive_file``, ``extract_article``: the outlet and body the comparison sees), leaving
   out every file of every only-X sample and the posts dated within +-``--exclude-margin`` days of the held-out,
   test and fresh days. A report's sentences are the comparison's (``compare._body_sentences``: a file photo's
   caption, an embedded post or a writer's bio left out; ``compare.is_furniture``'s left out too: they are no units
   already), each read as its match key (``text.normalize.match_key``: one script, lower case, no separators), as
   the comparison reads it.
2. Recurring: a key one outlet writes in two reports or more. A report's **rest** is its sentences that no other
   report of its outlet repeats; two reports are of one story when their rests' character bigrams (tf-idf, the
   idf over every report read) have a cosine of ``SAME_STORY`` or more. Counted per key: its reports, its dates
   (the file names' days), and its **stories**: its reports taken in date order, a report opening a new story
   when its rest is like no story's first report's rest (a report whose rest is under ``REST_CHARS`` characters, a
   copy of another report, opens none).
3. Kept: a key written in ``MIN_STORIES`` stories or more on ``MIN_DATES`` dates or more, in a **block** of at
   most ``MAX_BLOCK`` sentences: the keys of its outlet written in ``BLOCK_SHARE`` of its reports or more (and in
   not many more reports than it) are its block. Furniture is one to three lines (a copyright tail, a newsletter's
   two calls); a longer block recurring with it is a document the outlet appends to many reports (a picture
   gallery of other events, an explainer, a list of prisoners reposted for days), whose sentences are statements.
   A run of reports of one series (a daily exchange-rate report and its standing background, a count of military
   flights and its list of earlier ones) is few stories: their rests are alike.

The thresholds were set by reading (session 69, boiler69; bench/days_results.md): every key read that the rule keeps
at ``MIN_STORIES`` 5 and more, ``SAME_STORY`` .1 to .25; at 10 stories and more no statement is kept, at 8-9 a third
were statements; ``SAME_STORY`` .15 is the largest that keeps a daily series' background below 10 stories with margin.

    python bench/mine_furniture.py ARCHIVE_ROOT [--out src/newsmirror/text/outlet_furniture.tsv]
    python bench/mine_furniture.py ARCHIVE_ROOT --as-shipped     # the shipped table, byte for byte

Deterministic: files in sorted order, rows written sorted.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402
from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, TEST_DAYS  # noqa: E402
from bench.mine_name_usage import held_files, sample_letters  # noqa: E402
from bench.train_vectors import dated_post_files, excluded_dates  # noqa: E402

MIN_STORIES = 10
MIN_DATES = 8
SAME_STORY = 0.15  # rests' cosine from which two reports are of one story
REST_CHARS = 40  # a rest shorter than this says nothing of its report's story
MAX_BLOCK = 3
BLOCK_SHARE = 0.8
# Never read, never scored by a helper: their days +-margin are left out.
UNSEEN_DAYS = (HELD_OUT_DAY, *TEST_DAYS, *FRESH_DAYS)
SAMPLES = onlyx_samples.file_names(onlyx_samples.DRAWN)  # every sample drawn
# The unseen days and samples of the shipped table's build (session 75's re-mine, 2020-08-31 and BA fresh; first
# built in session 69 by boiler69): ``--as-shipped`` rebuilds it byte for byte once these lists grow.
SHIPPED_UNSEEN = ("2020-11-18", "2020-12-02", "2020-11-21", "2020-11-29", "2020-11-15", "2020-08-31")
SHIPPED_SAMPLES = onlyx_samples.file_names((*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB", "AC", "AD", "AE", "AF", "AG",
                                            "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP", "AQ", "AR", "AS",
                                            "AT", "AU", "AV", "AW", "AX", "AY", "AZ", "BA"))


@dataclass(frozen=True, slots=True)
class Report:
    date: str
    outlet: str
    keys: tuple[str, ...]  # match keys of its units' sentences, in order, each once


def report_of(path: Path, date: str) -> Report | None:
    """The report a post is read as (None when the importer reads no article from it)."""
    from newsmirror.extract import extract_article
    from newsmirror.ingest.archives import read_archive_file
    from newsmirror.stories import compare
    from newsmirror.text.normalize import match_key

    try:
        found = read_archive_file(path)
        if found.raw is None:
            return None
        article = extract_article(found.raw)
    except Exception:  # noqa: BLE001 - a post the importer refuses is no report, as the import skips it
        return None
    sentences, pictured = compare._body_sentences(article)
    keys = (match_key(s.strip()) for k, s in enumerate(sentences) if k not in pictured and not compare.is_furniture(s))
    return Report(date, article.outlet, tuple(dict.fromkeys(k for k in keys if k)))


def read_reports(root: Path, skip: set[str], held: set[str], every: int = 5000) -> Iterator[Report]:
    """Each post's report in the walk's order (``dated_post_files``), the ``held`` files left out."""
    started = time.time()
    read = 0
    for date, path in dated_post_files(root, skip):
        if path.name in held:
            continue
        report = report_of(path, date or "")
        if report is not None:
            yield report
        read += 1
        if read % every == 0:
            print(f"{read} posts, {time.time() - started:.0f} s", file=sys.stderr)


def recurring_keys(reports: list[Report]) -> dict[tuple[str, str], list[int]]:
    """(outlet, key) -> the reports writing it, for the keys an outlet writes in two reports or more."""
    writers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, report in enumerate(reports):
        for key in report.keys:
            writers[report.outlet, key].append(n)
    return {item: ns for item, ns in writers.items() if len(ns) >= 2}


def rest_vectors(reports: list[Report], recurring: dict[tuple[str, str], list[int]]
                 ) -> tuple[sparse.csr_matrix, list[int]]:
    """Each report's rest (its keys no other report of its outlet writes) as a unit-length tf-idf vector of character
    bigrams, and each rest's length."""
    rests = ["".join(k for k in r.keys if (r.outlet, k) not in recurring) for r in reports]
    vocabulary: dict[str, int] = {}
    counted = [Counter(rest[i:i + 2] for i in range(len(rest) - 1)) for rest in rests]
    for grams in counted:
        for gram in grams:
            vocabulary.setdefault(gram, len(vocabulary))
    document_frequency = np.zeros(len(vocabulary))
    for grams in counted:
        document_frequency[[vocabulary[g] for g in grams]] += 1
    idf = np.log(len(reports) / (1 + document_frequency))
    rows, columns, values = [], [], []
    for n, grams in enumerate(counted):
        for gram, count in grams.items():
            rows.append(n)
            columns.append(vocabulary[gram])
            values.append((1 + math.log(count)) * idf[vocabulary[gram]])
    matrix = sparse.csr_matrix((values, (rows, columns)), shape=(len(reports), len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix), [len(rest) for rest in rests]


def story_count(writers: list[int], reports: list[Report], vectors: sparse.csr_matrix, lengths: list[int]) -> int:
    """The stories of a key's reports: in date order, a report with a rest of ``REST_CHARS`` or more opens a new story
    when its rest's cosine with each story's first report's is under ``SAME_STORY``."""
    known = sorted((n for n in writers if lengths[n] >= REST_CHARS), key=lambda n: (reports[n].date, n))
    if not known:
        return 0
    similar = (vectors[known] @ vectors[known].T).toarray()
    firsts: list[int] = []
    for j in range(len(known)):
        if not firsts or similar[j, firsts].max() < SAME_STORY:
            firsts.append(j)
    return len(firsts)


def block_size(item: tuple[str, str], recurring: dict[tuple[str, str], list[int]], reports: list[Report]) -> int:
    """How many keys of the outlet (the key itself among them) are written in ``BLOCK_SHARE`` of its reports or more,
    and in at most a quarter more reports than it (one report more when it has few)."""
    writers = recurring[item]
    outlet = item[0]
    together = Counter(k for n in writers for k in reports[n].keys if (outlet, k) in recurring)
    return sum(1 for k, n in together.items()
               if n >= BLOCK_SHARE * len(writers) and len(recurring[outlet, k]) <= 1.25 * len(writers) + 1)


def kept_rows(reports: list[Report]) -> list[tuple[str, str, int, int, int]]:
    """The table's rows (outlet, key, stories, dates, reports), sorted: the keys of ``MIN_STORIES`` stories or more on
    ``MIN_DATES`` dates or more, in a block of at most ``MAX_BLOCK``."""
    recurring = recurring_keys(reports)
    dates = {item: len({reports[n].date for n in writers}) for item, writers in recurring.items()}
    candidates = [item for item, count in dates.items() if count >= MIN_DATES]
    if not candidates:
        return []
    vectors, lengths = rest_vectors(reports, recurring)
    rows = []
    for item in sorted(candidates):
        stories = story_count(recurring[item], reports, vectors, lengths)
        if stories >= MIN_STORIES and block_size(item, recurring, reports) <= MAX_BLOCK:
            rows.append((item[0], item[1], stories, dates[item], len(recurring[item])))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "newsmirror" / "text" / "outlet_furniture.tsv")
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--as-shipped", action="store_true",
                        help="leave out the unseen days and samples of the shipped table's build, not today's")
    args = parser.parse_args(argv)

    skip = excluded_dates(args.exclude_margin, SHIPPED_UNSEEN if args.as_shipped else UNSEEN_DAYS)
    held_samples = SHIPPED_SAMPLES if args.as_shipped else SAMPLES
    reports = list(read_reports(args.archive, skip, held_files(held_samples)))
    rows = kept_rows(reports)
    lines = [
        "# Sentences an outlet writes in its reports of many different stories: its standing furniture (a copyright",
        "# tail, a disclaimer, a programme's promo, a hotline footer, a columnist's bio, related links), no unit of a",
        f"# comparison. Mined by bench/mine_furniture.py from {len(reports)} reports of zhouxiang93123/waimei (MIT",
        f"# licence) without the held-out, test and fresh days +-{args.exclude_margin} and every file of only-X samples"
        f" A-{sample_letters(held_samples)[-1]};",
        f"# kept: {MIN_STORIES}+ stories (reports whose other sentences' bigram cosine is under {SAME_STORY}) on"
        f" {MIN_DATES}+ dates, in a block of at most {MAX_BLOCK} sentences.",
        "# key: the sentence's match key (text.normalize.match_key); stories, dates, reports: where the outlet writes it.",
        "# outlet\tkey\tstories\tdates\treports",
    ]
    lines += [f"{outlet}\t{key}\t{stories}\t{days}\t{count}" for outlet, key, stories, days, count in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(reports)} reports; {len(rows)} keys written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
