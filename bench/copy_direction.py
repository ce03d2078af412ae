"""Which report of a copy group is the original: measured over the whole archive (session 69, copy69).

Three steps, each its own command:

    python bench/copy_direction.py docs --store COPY.sqlite --root WAIMEI --out docs.pkl
        # the store's reports as the clusterer reads them, oldest first, leaving out every report of the fresh
        # day +-3 days and of the held-out and test days +-1 (by its file's date and by its time, UTC) and the
        # files of the held and fresh only-X samples (only their file names are read, to skip them); a report is
        # kept only when an allowed archive file holds its address
    PYTHONPATH=TREE/src python bench/copy_direction.py run docs.pkl --out roles.json
        # group them as bench/stories_scale.py does (event layer on, a link and join pass every 500) with the
        # code on the path; write each report's final (role, original, story)
    python bench/copy_direction.py diff before.json after.json docs.pkl [--sample 20 --seed 69]
        # copy groups whose original changed; a seeded sample of changed pairs printed for reading

The store must be a copy: opening it may migrate it.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_FROM = re.compile(r"^from:\s*(\S+)", re.M)
FRESH_MARGIN = 3  # days either side of a fresh day left out (its +-3 days' posts are fresh data too)
UNSEEN_MARGIN = 1  # days either side of a held-out or test day left out (as bench/big_eval.py's)


def _margins() -> list[tuple[str, int]]:
    from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, TEST_DAYS

    return [(day, UNSEEN_MARGIN) for day in (HELD_OUT_DAY, *TEST_DAYS)] + [(day, FRESH_MARGIN) for day in FRESH_DAYS]


def _unseen_spans() -> list[tuple[datetime, datetime]]:
    """The UTC times of the days left out (a day folder holds its UTC day's reports)."""
    spans = []
    for day, margin in _margins():
        start = datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC)
        spans.append((start - timedelta(days=margin), start + timedelta(days=margin + 1)))
    return spans


def docs(args: argparse.Namespace) -> None:
    from bench.days import onlyx_samples
    from bench.mine_name_usage import held_files
    from bench.train_vectors import dated_post_files, excluded_dates
    from newsmirror.store import open_store
    from newsmirror.stories.stored import document_of

    skip = set().union(*(excluded_dates(margin, (day,)) for day, margin in _margins()))
    held = held_files(onlyx_samples.file_names((*onlyx_samples.HELD, *onlyx_samples.FRESH)))
    allowed: dict[str, str] = {}
    for _day, path in dated_post_files(args.root, skip):
        if path.name in held:
            continue
        with path.open(encoding="utf-8", errors="replace") as handle:
            match = _FROM.search(handle.read(2000))
        if match:
            allowed.setdefault(match[1], str(path.relative_to(args.root)))
    spans = _unseen_spans()
    documents, files = [], {}
    with open_store(f"sqlite:{args.store}") as store:
        for article in store.iter_articles():
            where = allowed.get(article.original_url)
            if where is None:
                continue
            document = document_of(article)
            if any(start <= document.time < end for start, end in spans):
                continue
            documents.append(document)
            files[document.id] = where
    documents.sort(key=lambda d: (d.time, d.id))
    with open(args.out, "wb") as handle:
        pickle.dump((documents, files), handle)
    print(f"{len(documents):,} reports of {len(allowed):,} allowed files -> {args.out}", file=sys.stderr)


def run(args: argparse.Namespace) -> None:
    from newsmirror.stories.cluster import ClusterConfig, StoryClusterer

    with open(args.docs, "rb") as handle:
        documents, _files = pickle.load(handle)
    clusterer = StoryClusterer(ClusterConfig())
    assignments = []
    for n, document in enumerate(documents, 1):
        assignments.append(clusterer.add(document))
        if n % 500 == 0:
            clusterer.link_events()
            clusterer.join_complete()
            print(f"{n:,} of {len(documents):,}", file=sys.stderr)
    clusterer.join_complete(final=True)
    roles = {a.article_id: [a.role, a.duplicate_of, clusterer.resolve(a.story_id)] for a in assignments}
    Path(args.out).write_text(json.dumps(roles), encoding="utf-8")


def _groups(roles: dict[str, list]) -> dict[str, str]:
    """Each copy and each original of a copy group -> the group's original."""
    original: dict[str, str] = {}
    for article, (role, duplicate_of, _story) in roles.items():
        if role == "duplicate" and duplicate_of:
            original[article] = duplicate_of
            original.setdefault(duplicate_of, duplicate_of)
    return original


def diff(args: argparse.Namespace) -> None:
    before = json.loads(Path(args.before).read_text(encoding="utf-8"))
    after = json.loads(Path(args.after).read_text(encoding="utf-8"))
    with open(args.docs, "rb") as handle:
        documents, files = pickle.load(handle)
    by_id = {d.id: d for d in documents}
    old, new = _groups(before), _groups(after)
    copies_before = sum(1 for r in before.values() if r[0] == "duplicate")
    copies_after = sum(1 for r in after.values() if r[0] == "duplicate")
    # A pair changed direction: the original of a report's group is another report than before, in both runs the
    # two reports one group (the grouping of copies left alone, only which is the original moved).
    changed = sorted(a for a in set(old) & set(new) if old[a] != new[a] and old.get(new[a]) == old[a])
    groups = {old[a] for a in changed}
    turned = sorted({(old[a], new[a]) for a in changed})
    moved_role = Counter((before[a][0], after[a][0]) for a in before if a in after and before[a][0] != after[a][0])
    print(f"reports {len(before):,}; copies before {copies_before:,}, after {copies_after:,}; copy groups before "
          f"{len(set(old.values())):,}, after {len(set(new.values())):,}")
    print(f"groups whose original changed: {len(groups):,} ({len(turned):,} original -> original pairs); "
          f"reports whose role moved: {dict(moved_role)}")
    pairs = Counter((by_id[o].outlet, by_id[n].outlet) for o, n in turned)
    print("old original's outlet -> new original's outlet:", pairs.most_common())
    rng = random.Random(args.seed)
    sample = rng.sample(turned, min(args.sample, len(turned)))
    for k, (was, now) in enumerate(sample, 1):
        print(f"\n=== {k}. was original: {by_id[was].outlet} {by_id[was].time:%Y-%m-%d %H:%M} {files[was]}")
        print(f"    now original: {by_id[now].outlet} {by_id[now].time:%Y-%m-%d %H:%M} {files[now]}")
        for label, key in (("was", was), ("now", now)):
            text = by_id[key].text
            print(f"  [{label}] {by_id[key].title}\n    head: {text[:args.chars]!r}\n    tail: {text[-args.chars:]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("docs", help="the allowed reports of a store copy, as a pickle")
    make.add_argument("--store", type=Path, required=True)
    make.add_argument("--root", type=Path, required=True, help="the whole archive (archived/<date>/, _posts/)")
    make.add_argument("--out", type=Path, required=True)
    make.set_defaults(func=docs)
    group = commands.add_parser("run", help="group the pickle, write the final roles")
    group.add_argument("docs", type=Path)
    group.add_argument("--out", type=Path, required=True)
    group.set_defaults(func=run)
    compare = commands.add_parser("diff", help="copy groups whose original changed between two runs")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    compare.add_argument("docs", type=Path)
    compare.add_argument("--sample", type=int, default=20)
    compare.add_argument("--seed", type=int, default=69)
    compare.add_argument("--chars", type=int, default=120)
    compare.set_defaults(func=diff)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
