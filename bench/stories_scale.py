"""Scale benchmark: stream articles into the story clusterer and show that the cost of assigning
one article stays flat as the archive grows (state is bounded by the time window).

By default the text is real: the four whole days of ``../shared/days`` (1,730 real reports of
20+ outlets, real lengths) are imported with the normal importer and replayed day after day with
shifted dates, as many times as needed, so a growing archive means a longer timeline, not a denser
one (synthetic text of a few hundred characters cost a third of what real reports cost).

    python bench/stories_scale.py --articles 20000           # real reports replayed
    python bench/stories_scale.py --archive FOLDER [--articles N]
        # the real articles of any archive folder (e.g. some day folders of a feed archive), in
        # time order, replayed if N is larger than the folder
    python bench/stories_scale.py --db sqlite:PATH           # every article of an imported store
    python bench/stories_scale.py --synthetic --articles 1000000
        # synthetic reports built from real Chinese words (jieba's dictionary): each event has its
        # own rare words mixed with common ones over about a day, one report in ten a republished
        # copy (converted to Traditional); B-cubed against the generator's truth

With --archive or --db the truth is unknown: the table ends with the largest stories and their
time spans instead of B-cubed (``--dump FILE`` keeps every story's members for
``bench/stories_read.py``, which prints them for reading).

Prints, per 10% slice: CPU and wall milliseconds per article (the shared machine's load shows
in wall time, less in CPU time), live stories/fingerprints kept, peak RSS; then, for real text,
the largest stories with their time spans (no truth), or, for synthetic text, B-cubed
precision/recall/F1 against the generator's truth.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jieba
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from days_eval import apply_settings  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer, event_figures  # noqa: E402
from newsmirror.text.script import to_traditional  # noqa: E402
from stories_eval import bcubed  # noqa: E402

DEFAULT_ARCHIVE = Path(__file__).resolve().parent.parent.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived"


@dataclass(slots=True)
class Vocabulary:
    common: list[str]
    rare: list[str]


def load_vocabulary(seed: int) -> Vocabulary:
    common, rare = [], []
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, tag = line.split()
            if not all("\u4e00" <= c <= "\u9fff" for c in word) or len(word) < 2:
                continue
            count = int(freq)
            if count >= 20000:
                common.append(word)
            elif 30 <= count <= 300 and tag in {"n", "nr", "ns", "nt", "nz", "v"} and len(word) <= 4:
                rare.append(word)
    random.Random(seed).shuffle(rare)
    return Vocabulary(common, rare)


def synthetic_stream(total: int, vocabulary: Vocabulary, seed: int,
                     per_hour: int = 40) -> Iterator[tuple[Document, int]]:
    """(document, true event number), in time order; ``per_hour`` reports arrive each simulated hour."""
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    open_events: list[tuple[int, list[str], datetime, str, str]] = []  # id, words, start, last title, body
    next_event = 0
    for n in range(total):
        now = start + timedelta(hours=n / per_hour)
        open_events = [e for e in open_events if now - e[2] < timedelta(hours=30)]
        if not open_events or rng.random() < 0.35:
            event_words = [vocabulary.rare[(next_event * 7 + k) % len(vocabulary.rare)] for k in range(7)]
            open_events.append((next_event, event_words, now, "", ""))
            next_event += 1
        index = rng.randrange(len(open_events))
        event, event_words, began, last_title, last_body = open_events[index]
        if last_body and rng.random() < 0.1:  # a republished copy of the event's latest report
            yield Document(f"a{n}", f"outlet{rng.randrange(50)}", now, to_traditional(last_title),
                           to_traditional(last_body)), event
            continue
        title = "".join(rng.sample(event_words, 3)) + rng.choice(vocabulary.common)
        sentences = []
        for _ in range(6):
            picked = rng.sample(event_words, 2) + rng.sample(vocabulary.common, 8)
            rng.shuffle(picked)
            sentences.append("".join(picked) + "。")
        body = "\n\n".join(sentences)
        open_events[index] = (event, event_words, began, title, body)
        yield Document(f"a{n}", f"outlet{rng.randrange(50)}", now, title, body), event


def _documents_of_store(store: object) -> list[Document]:
    from newsmirror.stories.stored import document_of

    documents = [document_of(article) for article in store.iter_articles()]  # type: ignore[attr-defined]
    documents.sort(key=lambda d: d.time)
    return documents


def store_stream(db: str) -> Iterator[tuple[Document, int]]:
    """Every article of an imported store, oldest first (truth unknown: -1)."""
    from newsmirror.store import open_store

    with open_store(db) as store:
        documents = _documents_of_store(store)
    for document in documents:
        yield document, -1


def replayed_stream(folder: Path, total: int | None) -> Iterator[tuple[Document, int]]:
    """The real articles of ``folder`` replayed until ``total`` (None: once): each distinct
    publication day of the folder becomes the next simulated day, and each replay starts after the
    previous one, so reports of one day meet again only as different events days later."""
    import tempfile

    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "replay.sqlite") as store:
        import_paths(store, [folder])
        documents = _documents_of_store(store)
    if not documents:
        raise SystemExit(f"no articles in {folder}")
    total = len(documents) if total is None else total
    days = sorted({d.time.date() for d in documents})
    day_index = {day: i for i, day in enumerate(days)}
    # The first pass keeps the real dates (of a folder of consecutive days); replays follow it.
    start = datetime.combine(days[0], datetime.min.time(), UTC)
    n = 0
    replay = 0
    while n < total:
        for document in documents:
            if n >= total:
                return
            offset = timedelta(days=replay * len(days) + day_index[document.time.date()])
            moment = start + offset + (document.time - datetime.combine(document.time.date(), datetime.min.time(),
                                                                         document.time.tzinfo))
            yield Document(f"r{replay}-{document.id}", document.outlet, moment, document.title, document.text), -1
            n += 1
        replay += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int,
                        help="how many (default: 100,000 synthetic; 20,000 of the four days; a given archive or "
                             "store once; with --db, the oldest N of the store)")
    parser.add_argument("--per-hour", type=int, default=40, help="arrival rate in simulated time")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE,
                        help="replay the real articles of this archive folder (default: the four whole days)")
    parser.add_argument("--synthetic", action="store_true", help="synthetic text instead of real reports")
    parser.add_argument("--members", type=int, default=0, help="list the titles of the N largest stories' members")
    parser.add_argument("--no-event-layer", action="store_true",
                        help="the event layer off (ClusterConfig(event_link=False)); on (the default), a "
                             "link_events pass every 500 articles as jobs.grouping makes one at each save")
    parser.add_argument("--db", help="stream every article of this store (sqlite:PATH, postgresql://...)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a ClusterConfig setting (repeatable), as bench/days_eval.py --set")
    parser.add_argument("--dump", type=Path,
                        help="write the stories (article ids, largest first) as JSON here, for bench/stories_read.py")
    args = parser.parse_args()

    if args.db:
        stream = store_stream(args.db)
        documents = list(stream)[: args.articles]  # --articles N: the oldest N (a slice of the archive)
        args.articles = len(documents)
        stream, source = iter(documents), f"the store's {args.articles:,} oldest real articles"
    elif not args.synthetic:
        if not args.archive.is_dir():
            raise SystemExit(f"no archive folder {args.archive}: pass --archive, or --synthetic")
        if args.articles is None and args.archive == DEFAULT_ARCHIVE:
            args.articles = 20_000
        documents = list(replayed_stream(args.archive, args.articles))
        args.articles = len(documents)
        stream, source = iter(documents), f"{args.articles:,} real articles of {args.archive.name}"
    else:
        args.articles = args.articles or 100_000
        stream = synthetic_stream(args.articles, load_vocabulary(args.seed), args.seed, args.per_hour)
        source = f"{args.articles:,} synthetic articles ({args.per_hour}/simulated hour)"
    config = apply_settings(ClusterConfig(event_link=not args.no_event_layer), args.set)
    clusterer = StoryClusterer(config)
    if not args.synthetic and documents:
        # Dictionaries, tables and converters load on first use (a few seconds, once per process): load
        # them before the clock starts, as bench/cluster_identity.py does, so the figure is the cost per
        # article. ``features`` changes no state (it reads the first report, and its Traditional form).
        warm = time.process_time()
        first = documents[0][0]
        clusterer.features(first.title, first.text)
        clusterer.features(to_traditional(first.title), to_traditional(first.text))
        event_figures([first.title])  # the small join pass's figure reader imports ``stories.compare`` (speed75)
        print(f"warm-up {time.process_time() - warm:.1f}s CPU (not in the figures)", file=sys.stderr)
    slice_size = max(args.articles // 10, 1)
    console = Console(width=160)
    table = Table(title=f"stories: streaming {source}")
    for column in ("slice", "articles", "CPU ms/article", "wall ms/article", "live stories", "live fingerprints",
                   "peak RSS MB"):
        table.add_column(column, justify="right")

    truth: dict[str, int] = {}
    predicted: dict[str, str] = {}
    spent = 0.0
    slice_started_at = 0.0
    cpu = 0.0
    slice_cpu_at = 0.0
    overall = time.perf_counter()
    members: dict[str, list[Document]] = {}
    for n, (document, event) in enumerate(stream, 1):
        began, began_cpu = time.perf_counter(), time.process_time()
        assignment = clusterer.add(document)
        if n % 500 == 0:
            clusterer.link_events()
            clusterer.join_complete()  # the complete-story join (when on), as jobs.grouping's save
        if n == args.articles:
            clusterer.join_complete(final=True)  # the run's end: every story complete
        spent += time.perf_counter() - began
        cpu += time.process_time() - began_cpu
        truth[document.id] = event
        predicted[document.id] = assignment.story_id
        members.setdefault(assignment.story_id, []).append(document)
        for small, big in clusterer.drain_merges():
            members.setdefault(big, []).extend(members.pop(small, []))
        if n % slice_size == 0 or n == args.articles:
            in_slice = n - (n - 1) // slice_size * slice_size
            cost = (spent - slice_started_at) / in_slice
            cpu_cost = (cpu - slice_cpu_at) / in_slice
            slice_started_at, slice_cpu_at = spent, cpu
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            table.add_row(f"{(n - 1) // slice_size + 1}", f"{n:,}", f"{cpu_cost * 1e3:.2f}", f"{cost * 1e3:.2f}",
                          f"{len(clusterer.stories):,}", f"{len(clusterer._fingerprints):,}", f"{rss:,.0f}")
            console.print(f"[dim]{n:,} articles, {time.perf_counter() - overall:,.0f}s[/]")
    console.print(table)
    if not args.synthetic:
        console.print(f"assignment time {spent:,.0f}s wall, {cpu:,.0f}s CPU ({1000 * cpu / max(args.articles, 1):.2f} "
                      "ms/article CPU); largest stories:")
        ranked = sorted(members.values(), key=len, reverse=True)
        if args.dump:
            args.dump.write_text(json.dumps({"source": source, "stories": [[d.id for d in story] for story in ranked]}))
        for rank, story in enumerate(ranked[:max(10, args.members)]):
            times = [d.time for d in story]
            span = (max(times) - min(times)).total_seconds() / 86400
            first = min(story, key=lambda d: d.time)
            console.print(f"   {len(story):5d} articles {len({d.outlet for d in story}):3d} outlets "
                          f"{span:5.1f} days  {first.time:%Y-%m-%d} {first.outlet}: {first.title[:60]}", markup=False)
            if rank < args.members:
                for member in sorted(story, key=lambda d: d.time):
                    console.print(f"         {member.time:%m-%d %H:%M} {member.outlet[:8]}: {member.title[:70]}",
                                  markup=False)
        return
    precision, recall, f1 = bcubed(truth, predicted)
    console.print(f"synthetic truth: B-cubed precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}; "
                  f"assignment time {spent:,.0f}s wall, {cpu:,.0f}s CPU, of {time.perf_counter() - overall:,.0f}s total")


if __name__ == "__main__":
    main()
