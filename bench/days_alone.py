"""Why do a labelled event's reports end up alone? (issue 14: "later reports stay alone")

Groups each tuning day with the shipped defaults and records, for every report the clusterer
placed, the candidate stories it was offered and the pair model's probability for each, both as
shipped and with the topic guard off (every shared term counted as event evidence). A labelled
report whose event has other labelled reports but which ends as a story of its own is then put in
one of these classes:

- ``first``: no other report of its event had arrived yet (it founded a story nobody joined);
- ``no candidate``: no candidate story held a report of its event when it arrived;
- ``topic guard``: a candidate of its event was refused, but would pass the threshold with the
  guard off;
- ``threshold``: a candidate of its event was refused even with the guard off (with the best
  probability, to see how near it came);
- ``other``: joined at arrival, then left alone by later moves (rare: merges only grow stories).

    python bench/days_alone.py --days PATH/archived            # every tuning day
    python bench/days_alone.py --days PATH/archived --day 2020-07-22 --list

Only tuning days are read; held-out and test days never are.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402
from bench.days_split_census import guard_off  # noqa: E402


@dataclass
class Offer:
    """One candidate story offered to a report on arrival."""

    members: frozenset[str]  # article ids in the story then
    probability: float
    unguarded: float  # the same with the topic guard off


@dataclass
class Arrival:
    offers: list[Offer] = field(default_factory=list)


def record_arrivals(store: Any, config: Any) -> dict[str, Arrival]:
    """Group the store's articles (``jobs.grouping``) while recording every report's offers."""
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.stories.cluster import Assignment, Document, StoryClusterer, _title_grams, _title_terms

    arrivals: dict[str, Arrival] = {}
    original = StoryClusterer._find_story

    def find_story(self: StoryClusterer, doc: Document, vector: dict[str, float],
                   meaning: Any = None) -> Assignment | None:
        if self.model is not None:
            arrival = arrivals.setdefault(doc.id, Arrival())
            titles = _title_grams(doc.title)
            names = frozenset(t for t in _title_terms(doc.title) if self._is_name(t))
            guard = self._other_stories
            for story in self.candidate_stories(doc, vector, meaning):
                values = self.pair_features(vector, [titles], names, doc.time, {doc.outlet}, story, meaning)
                with guard_off(self):
                    bare = self.pair_features(vector, [titles], names, doc.time, {doc.outlet}, story, meaning)
                assert self._other_stories == guard
                arrival.offers.append(Offer(frozenset(m.article_id for m in story.members),
                                            self.model.probability(values), self.model.probability(bare)))
        return original(self, doc, vector, meaning)

    StoryClusterer._find_story = find_story  # type: ignore[method-assign]
    try:
        group_articles(store, config, close=True)  # as days_eval: every window passed
    finally:
        StoryClusterer._find_story = original  # type: ignore[method-assign]
    return arrivals


def diagnose(folder: Path, labels_path: Path, config: Any, threshold: float) -> tuple[Counter[str], list[str]]:
    labels = days_eval.load_day_labels(labels_path)
    with days_eval.imported_day(folder) as (store, file_of):
        arrivals = record_arrivals(store, config)
        predicted = days_eval.stories_of(store, file_of)
        titles = days_eval.titles_of(store, file_of)
    event_of = {a: labels.events[f] for a, f in file_of.items() if f in labels.events}
    by_event = days_eval.members_of(event_of)
    size: Counter[str] = Counter(predicted.values())
    classes: Counter[str] = Counter()
    lines: list[str] = []
    for a, e in event_of.items():
        mates = set(by_event[e]) - {a}
        if not mates or size[predicted[a]] > 1:
            continue
        offers = [o for o in arrivals.get(a, Arrival()).offers if o.members & mates]
        if a not in arrivals:
            kind = "copy or not grouped"
        elif not offers:
            earlier = any(m in arrivals and _before(arrivals, m, a) for m in mates)
            kind = "no candidate" if earlier else "first"
        elif max(o.probability for o in offers) >= threshold:
            kind = "other"
        elif max(o.unguarded for o in offers) >= threshold:
            kind = "topic guard"
        else:
            kind = "threshold"
        classes[kind] += 1
        best = max(offers, key=lambda o: o.unguarded, default=None)
        detail = f"p {best.probability:.2f} unguarded {best.unguarded:.2f}" if best else ""
        lines.append(f"{kind:14} {len(by_event[e]):3} in event  {detail:28} {titles[a][:70]}")
    return classes, lines


_ORDER: dict[str, int] = {}


def _before(arrivals: dict[str, Arrival], a: str, b: str) -> bool:
    """Whether ``a`` arrived before ``b`` (dicts keep insertion order: the grouping order)."""
    if not _ORDER or a not in _ORDER:
        _ORDER.clear()
        _ORDER.update({key: i for i, key in enumerate(arrivals)})
    return _ORDER.get(a, 1 << 30) < _ORDER.get(b, 1 << 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    parser.add_argument("--list", action="store_true", help="one line per lone report")
    days_eval.add_setting_argument(parser)
    args = parser.parse_args()
    from newsmirror.stories.cluster import StoryClusterer

    total: Counter[str] = Counter()
    for day, folder, labels, config in days_eval.census_days(args):
        threshold = StoryClusterer(config).join_probability
        _ORDER.clear()
        classes, lines = diagnose(folder, labels, config, threshold)
        total.update(classes)
        print(f"{day}: {sum(classes.values())} lone labelled reports of events with 2+ reports: "
              + ", ".join(f"{k} {n}" for k, n in classes.most_common()))
        if args.list:
            print("\n".join(sorted(lines)))
    print("all: " + ", ".join(f"{k} {n}" for k, n in total.most_common()))


if __name__ == "__main__":
    main()
