"""Why the tuning days' impure stories are impure (issue 14: the purity census; session 29, pure30).

Groups each tuning day as ``days_eval`` does (shipped defaults, ``close=True``) while recording every join the
clusterer makes and the layer that made it:

- ``report``: a report joined a live story at arrival (the pair model, ``_find_story``);
- ``copy``: a report joined its near copy's story (``_find_duplicate``);
- ``story merge``: a grown story absorbed another at arrival (``_merge_similar``: event similarity or the pair
  model reading one core as a report; ``_merge_same_keys``);
- ``event (arrival)`` / ``event (pass)``: the event layer, at a member's arrival (``_link_event``) or in the
  pass at the save (``link_events``);
- ``complete join``: the complete-story join (``join_complete``).

Each pair of labelled reports of different labels (another event or a labelled singleton) that ends in one story
is charged to the join that first put them together. A wrong pair (a, b) in a story holding n labelled reports
costs B-cubed precision 2 / n over the day's N labelled items (a's and b's share); summed over the day it is
exactly 1 - precision. A story's layer is the layer charged most of its wrong pairs. ``--sample K --seed S``
draws K impure stories (``random.Random(S)``, before any is read) and prints their members by label, with the
ledes, for reading; ``--json`` writes every impure story for the kinds table.

    python bench/days_glue_kinds.py --days PATH/archived [--day D] [--sample 15 --seed 30] [--json OUT]

Only tuning days are read; held-out, test and fresh days never are.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402

# The clusterer's methods that join, and the layer each stands for (the innermost one running names a join).
LAYERS = {
    "_merge_similar": "story merge",
    "_merge_same_keys": "story merge",
    "_link_event": "event (arrival)",
    "link_events": "event (pass)",
    "join_complete": "complete join",
}


@dataclass
class Join:
    layer: str
    a: frozenset[str]  # article ids on either side, as the join found them
    b: frozenset[str]
    score: float = 0.0


@dataclass
class Glue:
    """One impure story: its labelled members by label, and what its wrong pairs cost, by layer."""

    day: str
    size: int  # labelled members
    labels: dict[str, list[str]]  # label -> titles of its members here
    label_sizes: dict[str, int]  # label -> labelled reports of the day
    layers: dict[str, float]  # layer -> B-cubed precision sum charged (a day's 1 - P is the sum / N)
    pairs: dict[str, int]  # layer -> wrong report pairs charged
    layer: str = ""
    scores: list[tuple[str, float]] = field(default_factory=list)  # wrong joins' layer and score (report, copy)
    ledes: dict[str, str] = field(default_factory=dict)


@contextmanager
def recording(joins: list[Join]) -> Iterator[None]:
    """Within it, every StoryClusterer join is appended to ``joins`` with its layer."""
    from newsmirror.stories.cluster import StoryClusterer

    stack: list[str] = []
    saved: dict[str, Any] = {}

    def members(story: Any) -> frozenset[str]:
        return frozenset(m.article_id for m in story.members)

    def layered(name: str, layer: str) -> Callable[..., Any]:
        inner = getattr(StoryClusterer, name)

        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            stack.append(layer)
            try:
                return inner(self, *args, **kwargs)
            finally:
                stack.pop()
        return run

    def placed(name: str, layer: str) -> Callable[..., Any]:
        inner = getattr(StoryClusterer, name)

        def run(self: Any, doc: Any, *args: Any, **kwargs: Any) -> Any:
            assignment = inner(self, doc, *args, **kwargs)
            if assignment is not None:
                story = self.stories.get(self.resolve(assignment.story_id))
                if story is not None:
                    joins.append(Join(layer, members(story), frozenset({doc.id}), assignment.score))
            return assignment
        return run

    absorb = StoryClusterer._absorb

    def absorbed(self: Any, big: Any, small: Any) -> None:
        joins.append(Join(stack[-1] if stack else "other", members(big), members(small)))
        absorb(self, big, small)

    wrappers = {name: layered(name, layer) for name, layer in LAYERS.items()}
    wrappers["_find_story"] = placed("_find_story", "report")
    wrappers["_find_duplicate"] = placed("_find_duplicate", "copy")
    wrappers["_absorb"] = absorbed
    for name, wrapper in wrappers.items():
        saved[name] = getattr(StoryClusterer, name)
        setattr(StoryClusterer, name, wrapper)
    try:
        yield
    finally:
        for name, method in saved.items():
            setattr(StoryClusterer, name, method)


def charge(members: list[str], truth: dict[str, str], joins: list[Join]
           ) -> tuple[dict[str, float], dict[str, int], list[tuple[str, float]]]:
    """What one story's wrong pairs cost, by the layer of the join that first put each pair together: the B-cubed
    precision sum (2 / n per pair, n the story's labelled members), the pair count, and each wrong join's layer and
    score once (``joins`` in the order made; a pair no recorded join explains is charged to ``unseen``)."""
    cost: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    scores: list[tuple[str, float]] = []
    seen: set[int] = set()
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if truth[a] == truth[b]:
                continue
            index, join = next(((k, j) for k, j in enumerate(joins)
                                if (a in j.a and b in j.b) or (a in j.b and b in j.a)),
                               (-1, Join("unseen", frozenset(), frozenset())))
            cost[join.layer] += 2 / len(members)
            pairs[join.layer] += 1
            if index not in seen:
                seen.add(index)
                scores.append((join.layer, join.score))
    return dict(cost), dict(pairs), scores


def day_glues(folder: Path, labels_path: Path, config: Any) -> tuple[list[Glue], int, int, int]:
    """The day's impure stories, its labelled count, and its (pure, multi) counts."""
    from newsmirror.jobs.grouping import group_articles

    labels = days_eval.load_day_labels(labels_path)
    joins: list[Join] = []
    with days_eval.imported_day(folder) as (store, file_of):
        with recording(joins):
            group_articles(store, config, close=True)
        predicted = days_eval.stories_of(store, file_of)
        titles, ledes = {}, {}
        for a in file_of:
            article = store.get_article(a)
            titles[a] = f"{article.outlet}: {article.title}" if article else a
            ledes[a] = " ".join((article.body_text or "").split())[:160] if article else ""
    # As days_eval: multi-event reports are left out; every other unlabelled file is a singleton.
    truth = days_eval.scored_truth(labels, file_of)
    label_sizes = Counter(truth.values())
    by_story = days_eval.members_of({a: predicted[a] for a in truth})
    multi = [m for m in by_story.values() if len(m) >= 2]
    glues = []
    for members in multi:
        if len({truth[m] for m in members}) == 1:
            continue
        cost, pairs, scores = charge(members, truth, joins)
        by_label: dict[str, list[str]] = defaultdict(list)
        for m in members:
            by_label[truth[m]].append(titles[m])
        glues.append(Glue(folder.name, len(members), dict(by_label), {k: label_sizes[k] for k in by_label},
                          cost, pairs, max(cost, key=cost.__getitem__), scores,
                          {truth[m]: ledes[m] for m in members}))
    pure = len(multi) - len(glues)
    return glues, len(truth), pure, len(multi)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    parser.add_argument("--sample", type=int, default=0, help="draw this many impure stories to read")
    parser.add_argument("--seed", type=int, default=30)
    parser.add_argument("--json", type=Path, help="write every impure story here")
    days_eval.add_setting_argument(parser)
    args = parser.parse_args()
    glues: list[Glue] = []
    days = days_eval.census_days(args)
    precision_loss = 0.0
    pure_total = multi_total = 0
    for day, folder, labels, config in days:
        found, labelled, pure, multi = day_glues(folder, labels, config)
        glues.extend(found)
        pure_total, multi_total = pure_total + pure, multi_total + multi
        loss = sum(sum(g.layers.values()) for g in found) / labelled
        precision_loss += loss / len(days)
        print(f"{day}: pure {pure}/{multi}, impure {len(found)}, B3 P lost {loss:.4f}")
    print(f"\n{len(days)} days: pure {pure_total}/{multi_total}; mean B3 precision lost {precision_loss:.4f}")
    by_layer: Counter[str] = Counter()
    stories: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for g in glues:
        stories[g.layer] += 1
        for layer, cost in g.layers.items():
            by_layer[layer] += cost
            pairs[layer] += g.pairs[layer]
    print("\n| layer | impure stories (most of their wrong pairs) | wrong report pairs | B3 precision sum |")
    print("|---|---|---|---|")
    for layer, cost in by_layer.most_common():
        print(f"| {layer} | {stories[layer]} | {pairs[layer]} | {cost:.2f} |")
    if args.json:
        args.json.write_text(json.dumps([asdict(g) for g in glues], ensure_ascii=False, indent=1), encoding="utf-8")
    if args.sample:
        drawn = random.Random(args.seed).sample(range(len(glues)), min(args.sample, len(glues)))
        for n, index in enumerate(drawn, 1):
            g = glues[index]
            print(f"\n#{n} [{index}] {g.day} {g.size} labelled, layer {g.layer} "
                  f"({', '.join(f'{k} {v}' for k, v in g.pairs.items())}), joins {g.scores}")
            for label, titles in g.labels.items():
                print(f"  {label} ({len(titles)} here of {g.label_sizes[label]})")
                for title in titles:
                    print(f"      {title[:90]}")
                print(f"      lede: {g.ledes[label][:150]}")


if __name__ == "__main__":
    main()
