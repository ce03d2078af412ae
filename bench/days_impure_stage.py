"""Which grouping stage first mixed two labelled events in each impure multi-article story (issue 14 item 2;
session 38, group44).

Groups each tuning day as ``days_eval`` does (shipped defaults or ``--set``, ``close=True``) and records every decision
that puts reports of two labelled events into one story for the first time: a report joining a story on arrival
(``report join``, by the pair model), a copy joining its original's story (``copy``), the report stage's merge check
(``merge (model)`` or ``merge (event evidence)``: ``StoryClusterer._merge_similar``), the event layer's link
(``event layer``) and the complete-story join (``complete join``). Each story that ends impure (its labelled reports of
two or more events, as ``days_eval.purity`` counts: a file in no event is a single of its own, multi-event reports are
left out) is put under the first such decision whose story it ended in, with the sizes of the two sides (the story,
what joined it). The counts add up to ``days_eval``'s impure multi-article stories.

    python3 bench/days_impure_stage.py --days PATH/archived [--day D ...] [--set NAME=VALUE]

Only tuning days are read; held-out, test and fresh days never are.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402


@dataclass(frozen=True)
class Mix:
    """A decision that put reports of two events into one story for the first time."""

    stage: str
    members: frozenset[str]  # the story's articles just after the decision
    story: int  # reports in the story before
    joining: int  # reports that joined it


def first_mixes(mixes: Iterable[Mix], truth: Mapping[str, str],
                predicted: Mapping[str, str]) -> list[tuple[Mix | None, int]]:
    """For each final story whose labelled articles hold two or more events: the first recorded ``Mix`` among its
    articles (stories only grow, so a mix's articles all end in one story) and the story's labelled size."""
    by_story: dict[str, set[str]] = defaultdict(set)
    for article, story in predicted.items():
        if article in truth:
            by_story[story].add(article)
    ordered = list(mixes)
    found: list[tuple[Mix | None, int]] = []
    for members in by_story.values():
        if len(members) >= 2 and len({truth[m] for m in members}) > 1:
            found.append((next((mix for mix in ordered if mix.members & members), None), len(members)))
    return found


def record_mixes(store: Any, config: Any, truth: Mapping[str, str]) -> list[Mix]:
    """Group the store's articles (``jobs.grouping``) while recording each decision that first mixes two events."""
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.stories.cluster import StoryClusterer

    mixes: list[Mix] = []
    context: dict[str, Any] = {"stage": None, "model": False}

    def events(articles: Iterable[str]) -> set[str]:
        return {truth[a] for a in articles if a in truth}

    def staged(method: Callable[..., Any], stage: str) -> Callable[..., Any]:
        def run(self: StoryClusterer, *args: Any, **kwargs: Any) -> Any:
            before, context["stage"] = context["stage"], stage
            try:
                return method(self, *args, **kwargs)
            finally:
                context["stage"] = before
        return run

    originals = {name: getattr(StoryClusterer, name) for name in
                 ("_merge_similar", "link_events", "join_complete", "_model_merges", "_absorb", "_find_story",
                  "_find_duplicate")}

    def model_merges(self: StoryClusterer, *args: Any, **kwargs: Any) -> bool:
        merges = originals["_model_merges"](self, *args, **kwargs)
        context["model"] = merges
        return bool(merges)

    def absorb(self: StoryClusterer, big: Any, small: Any) -> None:
        big_events = events(m.article_id for m in big.members)
        small_events = events(m.article_id for m in small.members)
        stage = context["stage"] or "other"
        if stage == "merge":
            stage = "merge (model)" if context["model"] else "merge (event evidence)"
        context["model"] = False
        sizes = (len(big.members), len(small.members))
        originals["_absorb"](self, big, small)
        if len(big_events) == 1 and len(small_events) == 1 and big_events != small_events:
            mixes.append(Mix(stage, frozenset(m.article_id for m in big.members), *sizes))

    def placed(method: str, stage: str) -> Callable[..., Any]:
        def run(self: StoryClusterer, doc: Any, *args: Any) -> Any:
            assignment = originals[method](self, doc, *args)
            story = self.stories.get(assignment.story_id) if assignment is not None else None
            if story is not None and doc.id in truth:
                mates = events(m.article_id for m in story.members)
                if len(mates) == 1 and truth[doc.id] not in mates:
                    mixes.append(Mix(stage, frozenset([m.article_id for m in story.members] + [doc.id]),
                                     len(story.members), 1))
            return assignment
        return run

    replaced: dict[str, Callable[..., Any]] = {"_merge_similar": staged(originals["_merge_similar"], "merge"),
                "link_events": staged(originals["link_events"], "event layer"),
                "join_complete": staged(originals["join_complete"], "complete join"),
                "_model_merges": model_merges, "_absorb": absorb,
                "_find_story": placed("_find_story", "report join"),
                "_find_duplicate": placed("_find_duplicate", "copy")}
    for name, method in replaced.items():
        setattr(StoryClusterer, name, method)
    try:
        group_articles(store, config, close=True)  # as days_eval: every window passed
    finally:
        for name, method in originals.items():
            setattr(StoryClusterer, name, method)
    return mixes


def diagnose(folder: Path, labels_path: Path, config: Any) -> list[tuple[Mix | None, int]]:
    labels = days_eval.load_day_labels(labels_path)
    with days_eval.imported_day(folder) as (store, file_of):
        truth = days_eval.scored_truth(labels, file_of)
        mixes = record_mixes(store, config, truth)
        predicted = days_eval.stories_of(store, file_of)
    return first_mixes(mixes, truth, predicted)


def _size(count: int) -> str:
    return str(count) if count < 3 else "3+"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    days_eval.add_setting_argument(parser)
    args = parser.parse_args()
    stages: Counter[str] = Counter()
    sides: dict[str, Counter[str]] = defaultdict(Counter)
    for day, folder, labels, config in days_eval.census_days(args):
        found = diagnose(folder, labels, config)
        counted = Counter(mix.stage if mix else "not found" for mix, _ in found)
        print(f"{day}: {len(found)} impure: " + ", ".join(f"{k} {v}" for k, v in counted.most_common()), flush=True)
        stages.update(counted)
        for mix, _ in found:
            if mix is not None:
                sides[mix.stage][f"{_size(mix.story)} + {_size(mix.joining)}"] += 1
    print(f"\nall: {sum(stages.values())} impure multi-article stories")
    print("| stage that first mixed two events | impure stories | story + what joined it (reports) |")
    print("|---|---|---|")
    for stage, count in stages.most_common():
        print(f"| {stage} | {count} | " + ", ".join(f"{k}: {v}" for k, v in sorted(sides[stage].items())) + " |")


if __name__ == "__main__":
    main()
