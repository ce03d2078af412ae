"""Fact-link recall as a reader gets it: each labelled story compared as production compares it (tuning fact
files only; test and fresh files are refused).

    PYTHONPATH=src python3 bench/facts_grouped.py --days ARCHIVED --facts F [F ...]

``days_facts_eval.py`` compares exactly the files a story's labels name. Production compares what the
grouping put together: the stored story's own reports, republished copies left out (shown as copies).
For each labelled story this groups its whole day with the tree's code (``group_articles``, every window
closed, as ``days_eval.py`` does), takes the grouped story holding most of the story's files and scores
the comparison of its reports (copies left out) against the labels. A gold pair is lost to the grouping
when its two files sit in different stories (``split``), or set aside when one of them is a copy of the
other's story (``copy``: the reader sees it as a copy, not as a fact told twice). Printed per file and in
total: gold pairs, split, copy, and recall and precision of the production comparison.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import add_fact_file_arguments, refuse_never_tuned_on, score  # noqa: E402


@dataclass
class GroupedDay:
    """One day grouped: each file's article, the story each article is in, and each story's members."""

    article_of: dict[str, str]  # file name -> article id
    story_of: dict[str, str]  # article id -> story id (its own id when it is in no story)
    members: dict[str, list[tuple[str, str]]]  # story id -> (article id, role)
    articles: dict[str, Any]  # article id -> Article


def group_day(folder: Path) -> GroupedDay:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
        article_of: dict[str, str] = {}
        for result in import_paths(store, [folder]).results:
            if result.article_id:
                article_of.setdefault(Path(result.path).name, result.article_id)
        group_articles(store, None, close=True)
        story_of = {a: store.story_of(a) or a for a in article_of.values()}
        members = {s: [(m.article_id, m.role) for m in store.story_members(s)]
                   for s in set(story_of.values()) if store.get_story(s) is not None}
        articles = {a: store.get_article(a) for a in article_of.values()}
    return GroupedDay(article_of, story_of, members, articles)


def production_view(story: dict[str, Any], day: GroupedDay) -> tuple[Counter[str], dict[str, Any]]:
    """The story's gold pairs counted as split or copy, and the reports production compares for it
    (file name -> article; reports no label names keep their article id as name)."""
    counts: Counter[str] = Counter()
    where = {name: day.story_of[day.article_of[name]] for name in story["files"]}
    role = {a: r for members in day.members.values() for a, r in members}
    outlet = {name: day.articles[day.article_of[name]].outlet for name in story["files"]}
    for fact in story.get("fact", []):
        quotes = fact["sentences"]
        for i, first in enumerate(quotes):
            for second in quotes[i + 1:]:
                a, b = first["file"], second["file"]
                if outlet[a] == outlet[b]:
                    continue
                counts["pairs"] += 1
                if where[a] != where[b]:
                    counts["split"] += 1
                elif "duplicate" in (role.get(day.article_of[a]), role.get(day.article_of[b])):
                    counts["copy"] += 1
    grouped = Counter(where.values()).most_common(1)[0][0]
    name_of = {a: name for name, a in day.article_of.items() if name in story["files"]}
    compared = {name_of.get(a, a): day.articles[a]
                for a, r in day.members.get(grouped, [(grouped, "member")])
                if r != "duplicate" and day.articles.get(a) is not None}
    return counts, compared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fact_file_arguments(parser)
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "scored here")
    stories = {path.stem: tomllib.loads(path.read_text(encoding="utf-8"))["story"] for path in args.facts}
    grouped = {day: group_day(args.days / day) for day in sorted({s["day"] for ss in stories.values() for s in ss})}
    total: Counter[str] = Counter()
    print(f"{'file':12} {'pairs':>5} {'split':>5} {'copy':>5} {'prod R':>7} {'prod P':>7}")
    for name, labelled in stories.items():
        counts: Counter[str] = Counter()
        loaded = []
        for story in labelled:
            story_counts, compared = production_view(story, grouped[story["day"]])
            counts.update(story_counts)
            loaded.append((story, compared))
        totals = score(loaded)
        counts.update(found=totals["found_pairs"], judged=totals["judged_links"], right=totals["right_links"])
        total.update(counts)
        _print(name, counts)
    if len(stories) > 1:
        _print("total", total)


def _print(name: str, counts: Counter[str]) -> None:
    print(f"{name:12} {counts['pairs']:5} {counts['split']:5} {counts['copy']:5} "
          f"{counts['found'] / max(counts['pairs'], 1):7.3f} {counts['right'] / max(counts['judged'], 1):7.3f}")


if __name__ == "__main__":
    main()
