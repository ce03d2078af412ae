"""Multi-subject reports and series in whole-archive groupings (dumps of ``bench/stories_scale.py``).

For each dump (``--dump NAME=FILE``, same store) prints:

* the sizes of the 20 largest stories, and how many stories have >= 5 reports;
* reports recognised as about several events (a genre title, ``genre.multi_event_title``, a
  daily programme's report, ``genre.DailyProgrammes`` replayed over the store in time order, or a
  column's bulletin, ``genre.ColumnLabels`` and ``genre.leaves_title``) that sit in a story of >= 5
  reports;
* stories holding items of one daily series (``genre.DailySeries``) of 2+ different days (GUIDE
  rule 7: those are different events);
* the tuning days in context: the labelled reports of ``days_eval.TUNING_DAYS`` as the whole-archive
  grouping placed them (files matched to stored articles by their SHA-1, as the importer does):
  B-cubed over the event and singleton labels, pure stories, and the labelled multi reports that
  share a story with a labelled event's report. Held-out and test days are never read.

    PYTHONPATH=src python3 -m bench.genre_scale --db sqlite:STORE --days ../extra-days/archived \\
        --dump main=MAIN.json --dump new=NEW.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.days_eval import REPO, available_tuning_days, load_day_labels, purity
from bench.stories_eval import bcubed
from newsmirror.store.sqlite import BODY_COLUMNS, unpack_bodies
from newsmirror.stories.genre import (
    SERIES_DAYS,
    SERIES_LOOKBACK,
    ColumnLabels,
    DailyProgrammes,
    DailySeries,
    leaves_title,
    multi_event_title,
)


def read_store(path: str) -> list[tuple[str, str, str, datetime]]:
    """(id, outlet, title, time) of every article, oldest first (the clusterer's time: published, else fetched)."""
    con = sqlite3.connect(path.removeprefix("sqlite:"))
    rows = [(i, o, t, datetime.fromisoformat(p)) for i, o, t, p in
            con.execute("SELECT id, outlet, title, COALESCE(published_at, fetched_at) FROM articles")]
    con.close()
    return sorted(rows, key=lambda r: (r[3].timestamp(), r[0]))


def body_texts(path: str, ids: set[str]) -> dict[str, str]:
    """The body text of the articles ``ids`` (read from the columns, as the clusterer's documents are)."""
    con = sqlite3.connect(path.removeprefix("sqlite:"))
    column = BODY_COLUMNS.index("body_text")
    texts = {i: unpack_bodies(z)[column] if z is not None else text
             for i, text, z in con.execute("SELECT id, body_text, body_z FROM articles") if i in ids}
    con.close()
    return texts


def recognise(rows: list[tuple[str, str, str, datetime]], store: str | None = None,
              ) -> tuple[dict[str, str], dict[str, tuple[str, str, str]]]:
    """Per article: why it reads as a multi-event report ('title', 'programme' or, with the ``store`` to
    read bodies from, 'bulletin': a column's report whose body leaves its title), and, for the items of
    a daily series, its series key and day. A series item is known in hindsight here: its template is used
    on ``SERIES_DAYS`` days of a look-back ending on its day or on a later day (grouping knows the first
    items of a series only once it is recognised)."""
    programmes, series, columns = DailyProgrammes(), DailySeries(), ColumnLabels()
    multi: dict[str, str] = {}
    keyed: list[tuple[str, tuple[str, str], date]] = []
    labelled: dict[str, tuple[str, str]] = {}
    for article_id, outlet, title, time in rows:
        programme = programmes.add(outlet, title, time)
        label = columns.add(outlet, title, time)
        if programme:
            multi[article_id] = "programme"
        elif multi_event_title(title):
            multi[article_id] = "title"
        elif label is not None:
            labelled[article_id] = (title, label)
        key = series.add(outlet, title, time)
        if key is not None:
            keyed.append((article_id, key, time.date()))
    if store is not None:
        texts = body_texts(store, set(labelled))
        multi.update((a, "bulletin") for a, (title, label) in labelled.items()
                     if leaves_title(title, texts.get(a, ""), label))
    days: dict[tuple[str, str], set[date]] = defaultdict(set)
    for _, key, day in keyed:
        days[key].add(day)
    span = timedelta(days=SERIES_LOOKBACK - 1)
    items = {article_id: (*key, day.isoformat()) for article_id, key, day in keyed
             if any(sum(1 for d in days[key] if end - span <= d <= end) >= SERIES_DAYS
                    for end in days[key] if day <= end <= day + span)}
    return multi, items


def tuning_files(store: str, days: Path, labels_dir: Path) -> dict[str, tuple[str, str]]:
    """Article id -> (day, label) for the tuning days' files: an event id, 'solo:' or 'multi:'."""
    con = sqlite3.connect(store.removeprefix("sqlite:"))
    found: dict[str, tuple[str, str]] = {}
    for day in available_tuning_days(days, labels_dir):
        labels = load_day_labels(labels_dir / f"labels-{day}.toml")
        by_hash = {hashlib.sha1(f.read_bytes()).hexdigest(): f.name for f in (days / day).iterdir() if f.is_file()}
        marks = ",".join("?" * len(by_hash))
        for digest, article_id in con.execute(f"SELECT hash, article_id FROM imported_files WHERE hash IN ({marks})",
                                              list(by_hash)):
            name = by_hash[digest]
            label = ("multi:" + name if name in labels.multi else labels.events.get(name, "solo:" + name))
            if article_id:
                found[article_id] = (day, label)
    con.close()
    return found


def report(name: str, stories: list[list[str]], multi: dict[str, str], items: dict[str, tuple[str, str, str]],
           tuning: dict[str, tuple[str, str]]) -> None:
    sizes = sorted((len(s) for s in stories), reverse=True)
    big = [s for s in stories if len(s) >= 5]
    print(f"== {name}: {len(stories):,} stories, {len(big):,} of >= 5 reports; 20 largest: {sizes[:20]}")
    why = Counter(multi[a] for s in big for a in s if a in multi)
    print(f"   recognised multi-event reports in stories of >= 5: {sum(why.values())} "
          f"(genre title {why['title']}, daily programme {why['programme']}, bulletin {why['bulletin']}); "
          f"in the 20 largest: {sum(1 for s in sorted(stories, key=len, reverse=True)[:20] for a in s if a in multi)}")
    mixed = held = 0
    for story in stories:
        days: dict[tuple[str, str], set[str]] = defaultdict(set)
        for a in story:
            if a in items:
                outlet, template, day = items[a]
                days[(outlet, template)].add(day)
        apart = [k for k, d in days.items() if len(d) >= 2]
        mixed += bool(apart)
        held += sum(1 for a in story if a in items and items[a][:2] in apart)
    print(f"   stories holding one series' items of 2+ days: {mixed} ({held} items); series items in all: {len(items)}")
    story_of = {a: i for i, s in enumerate(stories) for a in s}
    truth = {a: label for a, (_, label) in tuning.items() if not label.startswith("multi:") and a in story_of}
    predicted = {a: story_of[a] for a in truth}
    precision, recall, f1 = bcubed(truth, predicted)
    pure, total = purity(truth, predicted)
    members: dict[int, list[str]] = defaultdict(list)
    for a, s in predicted.items():
        members[s].append(a)
    strays = sum(1 for a, (_, label) in tuning.items() if label.startswith("multi:") and a in story_of
                 and any(not truth[m].startswith("solo:") for m in members[story_of[a]]))
    labelled_multi = sum(1 for _, label in tuning.values() if label.startswith("multi:"))
    print(f"   tuning days in context ({len(truth)} labelled reports; tuned on): B3 P {precision:.3f} R {recall:.3f} "
          f"F1 {f1:.3f}; pure {pure}/{total} ({pure / max(total, 1):.0%}); labelled multi reports in a story "
          f"with an event's reports: {strays}/{labelled_multi}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the store the dumps were grouped from (sqlite:PATH)")
    parser.add_argument("--dump", action="append", required=True, metavar="NAME=FILE")
    parser.add_argument("--days", type=Path, required=True, help="folder of <date>/ day folders (tuning days)")
    parser.add_argument("--labels-dir", type=Path, default=REPO / "bench" / "days")
    args = parser.parse_args()
    rows = read_store(args.db)
    multi, items = recognise(rows, args.db)
    tuning = tuning_files(args.db, args.days, args.labels_dir)
    print(f"{len(rows):,} articles; recognised as multi-event: {len(multi):,} "
          f"({Counter(multi.values())}); series items: {len(items):,}")
    for item in args.dump:
        name, _, path = item.partition("=")
        report(name, json.loads(Path(path).read_text())["stories"], multi, items, tuning)


if __name__ == "__main__":
    main()
