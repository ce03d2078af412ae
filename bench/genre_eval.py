"""Multi-subject reports on the labelled tuning days: how grouping recognises and places them.

The labels list reports about several events (briefings, market wrap-ups, live pages, roundups,
weekly reviews) under ``[[multi]]`` (bench/days/GUIDE.md rule 6). Per tuning day this prints:

* labelled multi reports by kind, and how many of them the clusterer recognises (its digest
  flag: ``StoryClusterer.features``), with precision/recall of that flag against the labels;
* recognised reports the labels put in an event (false alarms: such a report is kept out of its
  event) and labelled singletons recognised (harmless: a story of one either way);
* how many labelled multi reports end in a story of 2+ reports, and in one holding 2+ labelled
  events (glue).

Each day is grouped alone, as ``bench/days_eval.py`` does, so what needs several days of an
outlet's titles (daily programmes, daily series: ``stories.genre``) cannot show here; the
whole-archive grouping does (``bench/genre_scale.py``, which also scores these days in context).

Only tuning days (``days_eval.TUNING_DAYS``) are read; the held-out and test days are refused.

    PYTHONPATH=src python3 -m bench.genre_eval --days ../extra-days/archived [--day D] [--list]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.days_eval import REPO, TUNING_DAYS, available_tuning_days, import_day, load_day_labels
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from newsmirror.stories.stored import document_of


@dataclass
class GenreResult:
    day: str
    kinds: Counter[str] = field(default_factory=Counter)  # labelled multi reports by kind
    found: Counter[str] = field(default_factory=Counter)  # of those, recognised, by kind
    false_event: list[str] = field(default_factory=list)  # recognised, labelled in an event
    false_solo: int = 0  # recognised, labelled singleton
    missed: list[str] = field(default_factory=list)  # labelled multi, not recognised
    in_story: int = 0  # labelled multi reports in a story of 2+ reports
    glued: int = 0  # ... in a story holding 2+ labelled events


def day_documents(folder: Path) -> tuple[list[Document], dict[str, str]]:
    """The day's documents in grouping order, and each one's file name."""
    from newsmirror.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
        file_of = import_day(store, folder)
        articles = (store.get_article(i) for i in store.unassigned_article_ids())
        documents = [document_of(a) for a in articles if a is not None]
    return documents, file_of


def group(documents: list[Document], config: ClusterConfig) -> tuple[dict[str, str], dict[str, bool]]:
    """Each document's story (after the event layer's pass) and its digest flag."""
    clusterer = StoryClusterer(config)
    story_of: dict[str, str] = {}
    flags: dict[str, bool] = {}
    for document in documents:
        flags[document.id] = clusterer.features(document.title, document.text)[1]
        story_of[document.id] = clusterer.add(document).story_id
    clusterer.link_events()
    return {i: clusterer.resolve(s) for i, s in story_of.items()}, flags


def evaluate(day: str, folder: Path, labels_path: Path, config: ClusterConfig) -> GenreResult:
    labels = load_day_labels(labels_path)
    kinds = _multi_kinds(labels_path)
    documents, file_of = day_documents(folder)
    story_of, flags = group(documents, config)
    members: dict[str, list[str]] = defaultdict(list)
    for article_id, story in story_of.items():
        members[story].append(article_id)
    titles = {d.id: f"{d.outlet}: {d.title}" for d in documents}
    result = GenreResult(day)
    for document in documents:
        file = file_of.get(document.id, "")
        flagged = flags[document.id]
        if file in labels.multi:
            kind = kinds.get(file, "?")
            result.kinds[kind] += 1
            result.found[kind] += flagged
            if not flagged:
                result.missed.append(f"[{kind}] {titles[document.id]}")
            mates = members[story_of[document.id]]
            if len(mates) >= 2:
                result.in_story += 1
                events = {labels.events[file_of[m]] for m in mates if file_of.get(m) in labels.events}
                result.glued += len(events) >= 2
        elif flagged:
            if file in labels.events:
                result.false_event.append(f"[{labels.events[file]}] {titles[document.id]}")
            else:
                result.false_solo += 1
    return result


def _multi_kinds(path: Path) -> dict[str, str]:
    import tomllib

    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {Path(str(t["file"])).name: str(t.get("kind", "?")) for t in data.get("multi", [])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True, help="folder of <date>/ day folders")
    parser.add_argument("--labels-dir", type=Path, default=REPO / "bench" / "days")
    parser.add_argument("--day", action="append", help="only these tuning days (repeatable)")
    parser.add_argument("--list", action="store_true", help="print the missed and falsely recognised titles")
    args = parser.parse_args()
    days = available_tuning_days(args.days, args.labels_dir, args.day)
    config = ClusterConfig()
    results = [evaluate(d, args.days / d, args.labels_dir / f"labels-{d}.toml", config) for d in days]
    print(f"multi-subject reports on the tuning days ({', '.join(days)}; tuned on: these are TUNING_DAYS "
          f"{', '.join(d for d in TUNING_DAYS)})")
    header = ("day", "multi", "found", "missed", "false(event)", "false(solo)", "P", "R", "in story>=2", "glued")
    print("  ".join(f"{h:>12}" for h in header))
    total = GenreResult("all")
    for r in [*results, total]:
        if r is total:
            for x in results:
                total.kinds.update(x.kinds)
                total.found.update(x.found)
                total.false_event += x.false_event
                total.false_solo += x.false_solo
                total.missed += x.missed
                total.in_story += x.in_story
                total.glued += x.glued
        multi, found = sum(r.kinds.values()), sum(r.found.values())
        flagged = found + len(r.false_event) + r.false_solo
        row = (r.day, multi, found, len(r.missed), len(r.false_event), r.false_solo,
               f"{found / flagged:.2f}" if flagged else "-", f"{found / multi:.2f}" if multi else "-",
               r.in_story, r.glued)
        print("  ".join(f"{x:>12}" for x in row))
    print("by kind (found/labelled): " + ", ".join(f"{k} {total.found[k]}/{n}" for k, n in total.kinds.most_common()))
    if args.list:
        print("missed:")
        for title in total.missed:
            print("   ", title[:110])
        print("recognised but labelled in an event:")
        for title in total.false_event:
            print("   ", title[:110])


if __name__ == "__main__":
    main()
