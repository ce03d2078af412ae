"""Where a labelled event's reports are split apart (issue 14 item 2: the recall census).

Groups each tuning day with the shipped defaults while recording (1) every candidate story offered to
each report, with the pair model's features and probability, as shipped and with the topic guard off,
and (2) every story pair the event layer scored, with its probability and whether it merged. Then, for
each labelled event whose reports end in two or more stories ("fragments"), every pair of fragments is
put in one class, by the first stage that could have joined them:

report stage (at arrival, a report of one fragment offered a story holding a report of the other):

- ``genre``: one fragment is a story closed as multi-subject (digest, daily programme): never a candidate;
- ``never offered``: no report of either fragment was offered a story holding the other's reports
  (candidate generation: the term index, the window, a daily series);
- ``lost to another story``: an offer passed the threshold but the report joined a better story;
- ``guard``: refused, but would pass with the topic guard off;
- ``under threshold``: refused even without the guard (by how much: the best probability);

event layer (end-of-day pass over whole stories), for the same pair:

- ``not scored`` (neither story of ``event_core`` reports, or not a candidate of the other),
- ``under``: scored below the layer's threshold, ``refused``: above it but not merged (window, closed).

Counted both as fragment pairs and as the same-event report pairs they keep apart (|A| x |B|: what
B-cubed recall loses). ``--features`` also prints the pair model's mean feature contributions (weight x
value) of the best refused offers against the offers that joined a report to its own event.

    python bench/days_split_census.py --days PATH/archived [--day D] [--list]

Only tuning days are read; held-out and test days never are.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402

_GUARD_OFF = frozenset({"(no story)"})  # a near set that names no live story


@contextmanager
def guard_off(clusterer: Any) -> Iterator[None]:
    """Within it, the clusterer's pair features count every shared term as event evidence (the topic
    guard off). ``pair_features`` counts the other stories inline unless some story is near, so a
    stand-in near set routes the count to the stub."""
    clusterer._other_stories = lambda *_: 0
    clusterer._near_stories = lambda *_: _GUARD_OFF
    try:
        yield
    finally:
        del clusterer._other_stories
        del clusterer._near_stories


@dataclass
class Offer:
    members: frozenset[str]  # article ids of the offered story then
    probability: float
    unguarded: float
    values: tuple[float, ...]


@dataclass
class Record:
    offers: dict[str, list[Offer]] = field(default_factory=lambda: defaultdict(list))
    order: dict[str, int] = field(default_factory=dict)
    closed: set[str] = field(default_factory=set)  # reports remembered into a closed story
    links: list[tuple[float, frozenset[str], frozenset[str], bool]] = field(default_factory=list)


def record_grouping(store: Any, config: Any) -> tuple[Record, Any]:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.stories.cluster import StoryClusterer, _title_grams, _title_terms

    record = Record()
    found, kept, pairs, link = (StoryClusterer._find_story, StoryClusterer._remember,
                                StoryClusterer.event_pairs, StoryClusterer.link_events)
    model_of: list[Any] = []

    def find_story(self: StoryClusterer, doc: Any, vector: dict[str, float], meaning: Any = None) -> Any:
        if self.model is not None:
            if not model_of:
                model_of.append(self.model)
            titles = _title_grams(doc.title)
            names = frozenset(t for t in _title_terms(doc.title) if self._is_name(t))
            for story in self.candidate_stories(doc, vector, meaning):
                values = self.pair_features(vector, [titles], names, doc.time, {doc.outlet}, story, meaning)
                with guard_off(self):
                    bare = self.pair_features(vector, [titles], names, doc.time, {doc.outlet}, story, meaning)
                record.offers[doc.id].append(Offer(frozenset(m.article_id for m in story.members),
                                                   self.model.probability(values), self.model.probability(bare),
                                                   values))
        return found(self, doc, vector, meaning)

    def remember(self: StoryClusterer, doc: Any, assignment: Any, *args: Any, **kwargs: Any) -> None:
        record.order.setdefault(doc.id, len(record.order))
        kept(self, doc, assignment, *args, **kwargs)
        story = self.stories.get(self.resolve(assignment.story_id))
        if story is not None and story.closed:
            record.closed.add(doc.id)

    scored: list[tuple[float, str, str]] = []

    def event_pairs(self: StoryClusterer, story_ids: set[str]) -> list[tuple[float, str, str]]:
        result = pairs(self, story_ids)
        scored.extend(result)
        return result

    def link_events(self: StoryClusterer) -> int:
        scored.clear()
        before = {sid: frozenset(m.article_id for m in s.members) for sid, s in self.stories.items()}
        merges = link(self)
        for probability, a, b in scored:
            if a in before and b in before:
                merged = self.resolve(a) == self.resolve(b)
                record.links.append((probability, before[a], before[b], merged))
        return merges

    StoryClusterer._find_story = find_story  # type: ignore[method-assign]
    StoryClusterer._remember = remember  # type: ignore[method-assign]
    StoryClusterer.event_pairs = event_pairs  # type: ignore[method-assign]
    StoryClusterer.link_events = link_events  # type: ignore[method-assign]
    try:
        group_articles(store, config, close=True)  # as days_eval: every window passed
    finally:
        StoryClusterer._find_story = found  # type: ignore[method-assign]
        StoryClusterer._remember = kept  # type: ignore[method-assign]
        StoryClusterer.event_pairs = pairs  # type: ignore[method-assign]
        StoryClusterer.link_events = link  # type: ignore[method-assign]
    return record, (model_of[0] if model_of else None)


@dataclass
class Split:
    day: str
    event: str
    size: int  # labelled reports of the event
    a: list[str]
    b: list[str]
    stage: str
    layer: str
    best: Offer | None
    best_link: float | None


def census(folder: Path, labels_path: Path, config: Any, threshold: float, layer_threshold: float
           ) -> tuple[list[Split], list[Offer], dict[str, str], Any]:
    """The day's fragment pairs, the offers that joined a report to its event's story, and titles."""
    labels = days_eval.load_day_labels(labels_path)
    with days_eval.imported_day(folder) as (store, file_of):
        record, model = record_grouping(store, config)
        predicted = days_eval.stories_of(store, file_of)
        titles = days_eval.titles_of(store, file_of)
    event_of = {a: labels.events[f] for a, f in file_of.items() if f in labels.events}
    by_event = days_eval.members_of(event_of)
    joined = [max((o for o in record.offers.get(a, []) if o.members & (set(by_event[e]) - {a})),
                  key=lambda o: o.probability, default=None) for a, e in event_of.items()]
    good = [o for o in joined if o is not None and o.probability >= threshold]
    splits: list[Split] = []
    for event, members in by_event.items():
        fragments: dict[str, list[str]] = defaultdict(list)
        for a in members:
            fragments[predicted[a]].append(a)
        parts = sorted(fragments.values(), key=lambda f: (-len(f), min(record.order.get(x, 0) for x in f)))
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                splits.append(_classify(day=folder.name, event=event, size=len(members), a=a, b=b,
                                        record=record, threshold=threshold, layer_threshold=layer_threshold))
    return splits, good, titles, model


def _classify(*, day: str, event: str, size: int, a: list[str], b: list[str], record: Record,
              threshold: float, layer_threshold: float) -> Split:
    sa, sb = set(a), set(b)
    cross = [o for r in a for o in record.offers.get(r, []) if o.members & sb]
    cross += [o for r in b for o in record.offers.get(r, []) if o.members & sa]
    best = max(cross, key=lambda o: o.probability, default=None)
    if sa & record.closed or sb & record.closed:
        stage = "genre (closed story)"
    elif best is None:
        stage = "never offered"
    elif best.probability >= threshold:
        stage = "lost to another story"
    elif max(o.unguarded for o in cross) >= threshold:
        stage = "guard"
    else:
        stage = "under threshold"
    links = [(p, merged) for p, x, y, merged in record.links if (x & sa and y & sb) or (x & sb and y & sa)]
    best_link = max((p for p, _ in links), default=None)
    if best_link is None:
        layer = "not scored"
    elif best_link < layer_threshold:
        layer = "under"
    else:
        layer = "refused"
    return Split(day, event, size, a, b, stage, layer, best, best_link)


def _band(split: Split, threshold: float) -> str:
    if split.stage != "under threshold" or split.best is None:
        return split.stage
    gap = threshold - split.best.probability
    return "under threshold " + ("< .1" if gap < 0.1 else "< .3" if gap < 0.3 else ">= .3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    parser.add_argument("--list", action="store_true", help="one line per fragment pair")
    parser.add_argument("--features", action="store_true", help="mean feature contributions, refused vs joined")
    days_eval.add_setting_argument(parser)
    args = parser.parse_args()
    from newsmirror.stories.cluster import StoryClusterer

    rows: Counter[tuple[str, str]] = Counter()
    weight: Counter[tuple[str, str]] = Counter()
    refused: list[Offer] = []
    joined: list[Offer] = []
    model = None
    for day, folder, labels, config in days_eval.census_days(args):
        probe = StoryClusterer(config)
        threshold, layer_threshold = probe.join_probability, probe.event_probability
        splits, good, titles, day_model = census(folder, labels, config, threshold, layer_threshold)
        model = model or day_model
        joined.extend(good)
        day_rows: Counter[str] = Counter()
        for split in splits:
            kind = (_band(split, threshold), split.layer)
            rows[kind] += 1
            weight[kind] += len(split.a) * len(split.b)
            day_rows[split.stage] += len(split.a) * len(split.b)
            if split.stage == "under threshold" and split.best is not None:
                refused.append(split.best)
            if args.list:
                p = f"{split.best.probability:.2f}/{split.best.unguarded:.2f}" if split.best else "-"
                link = f"{split.best_link:.2f}" if split.best_link is not None else "-"
                print(f"{day} {split.event[:28]:28} {split.size:3} |A| {len(split.a):2} |B| {len(split.b):2} "
                      f"{split.stage:22} p {p:9} layer {split.layer:10} {link:5} "
                      f"A: {titles[split.a[0]][:40]} | B: {titles[split.b[0]][:40]}")
        print(f"{day}: {len(splits)} fragment pairs, {sum(day_rows.values())} report pairs: "
              + ", ".join(f"{k} {n}" for k, n in day_rows.most_common()))
    print("\n| report stage | event layer | fragment pairs | report pairs |\n|---|---|---|---|")
    for kind, n in sorted(rows.items(), key=lambda kv: -weight[kv[0]]):
        print(f"| {kind[0]} | {kind[1]} | {n} | {weight[kind]} |")
    print(f"| all | | {sum(rows.values())} | {sum(weight.values())} |")
    if args.features and model is not None and refused and joined:
        print("\nmean weight x value: best refused cross offers (under threshold) vs offers that joined a mate")
        print("| feature | weight | refused | joined | gap |\n|---|---|---|---|---|")
        for i, name in enumerate(model.features):
            r = sum(o.values[i] for o in refused) / len(refused) * model.weights[i]
            j = sum(o.values[i] for o in joined) / len(joined) * model.weights[i]
            print(f"| {name} | {model.weights[i]:+.2f} | {r:+.3f} | {j:+.3f} | {j - r:+.3f} |")
        print(f"({len(refused)} refused, {len(joined)} joined offers)")


if __name__ == "__main__":
    main()
