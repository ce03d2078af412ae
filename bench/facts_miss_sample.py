"""A seeded random draw of the missed same-fact pairs, with what a reader needs to sort them into kinds
(tuning fact files only; test and fresh files are refused).

    PYTHONPATH=src python3 bench/facts_miss_sample.py --days ARCHIVED [--facts F ...] [--draw 72] [--seed 38]

Every gold pair of two outlets that the comparison does not put in one fact is listed in file, story,
fact and quote order (the census of ``bench/facts_misses.py``, whose ``_Story`` it uses); ``--draw`` of
them are picked with ``random.Random(seed).sample`` before anything is read, and printed with both
quotes, the units the quotes were located in, containment and Dice, figures, ``facts_misses``' kind,
the other outlets each unit is linked with, and the unit that holds the fact with the other outlet
(a held pair). Default files: ``days_facts_eval.TUNING_FACT_FILES``. Session 34 (facts38) read 72 drawn with seed 38.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import (  # noqa: E402
    load_stories,
    refuse_never_tuned_on,
    tuning_fact_paths,
)
from facts_misses import _Story, located_gold_pairs  # noqa: E402


def missed(path: Path, days: Path) -> list[dict[str, Any]]:
    """The missed pairs of one fact file, each a dict of what ``show`` prints."""
    found: list[dict[str, Any]] = []
    for story, articles in load_stories(path, days):
        view = _Story(articles)
        for fact, first_text, second_text, i, j in located_gold_pairs(story, articles, view):
            where = f"{path.stem} / {story['event']} / {fact['id']}"
            if i is None or j is None:
                found.append({"where": where, "kind": "unlocated", "quotes": (first_text, second_text)})
                continue
            if view.linked(i, j):
                continue
            found.append(_pair(view, where, i, j, first_text, second_text))
    return found


def _pair(view: _Story, where: str, i: int, j: int, first_text: str, second_text: str) -> dict[str, Any]:
    containment, dice = view.score(i, j)
    units = (view.units[i], view.units[j])
    linked_with = [sorted(view.outlets_of.get((u.ref.article_id, u.ref.index), set()) - {u.ref.outlet}) for u in units]
    holder = view.holder(i, j)[1] if view.held(i, j) else None
    return {"where": where, "kind": view.kind(i, j), "held": view.held(i, j), "containment": containment, "dice": dice,
            "quotes": (first_text, second_text), "units": tuple(u.ref.text for u in units),
            "outlets": tuple(u.ref.outlet for u in units), "figures": tuple(sorted(u.figures) for u in units),
            "linked_with": linked_with, "holder": view.units[holder].ref.text if holder is not None else None}


def show(number: int, pair: dict[str, Any]) -> None:
    print(f"#{number} {pair['where']} kind={pair['kind']}", end="")
    if pair["kind"] == "unlocated":
        print(f"\n   Q1 {pair['quotes'][0]}\n   Q2 {pair['quotes'][1]}")
        return
    print(f" {'held' if pair['held'] else 'free'} containment {pair['containment']:.3f} dice {pair['dice']:.3f} "
          f"figures {pair['figures'][0]}/{pair['figures'][1]} linked with {pair['linked_with'][0]}/{pair['linked_with'][1]}")
    for n in (0, 1):
        print(f"   Q{n + 1} {pair['outlets'][n]}: {pair['quotes'][n]}")
        if pair["units"][n] != pair["quotes"][n]:
            print(f"   U{n + 1} {pair['units'][n]}")
    if pair["holder"]:
        print(f"   held by: {pair['holder']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path,
                        default=tuning_fact_paths())
    parser.add_argument("--draw", type=int, default=72)
    parser.add_argument("--seed", type=int, default=38)
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "read pair by pair")
    pairs = [pair for path in args.facts for pair in missed(path, args.days)]
    drawn = sorted(random.Random(args.seed).sample(range(len(pairs)), min(args.draw, len(pairs))))
    print(f"{len(pairs)} missed pairs; {len(drawn)} drawn with random.Random({args.seed}).sample")
    for number, index in enumerate(drawn, 1):
        show(number, pairs[index])


if __name__ == "__main__":
    main()
