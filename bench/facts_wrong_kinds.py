"""Every judged same-fact link of the tuning fact files, right and wrong, by the round that made it and by
what its two units share (tuning fact files only; test and fresh files are refused).

A judged link is two units of two outlets, each holding a fact quote, that the comparison puts in one fact;
it is wrong when the two hold quotes of no common gold fact (``days_facts_eval.score``). Each link is counted
by: the linker's round that first put the two units in one fact (``facts_misses._Story.joined_in``; ``round-5``
is the pair model's round, ``second-fact`` a second telling) and whether the pair itself passes the first
round's thresholds (``direct``); whether both units give figures and share one; whether they share a name;
and the share of their common bigram weight spent on the story's topic bigrams (bigrams in the reports of at
least three outlets and three quarters of the story's): ``topic-only`` when nothing else is shared.

    PYTHONPATH=src python3 bench/facts_wrong_kinds.py --days ARCHIVED [--facts F ...] [--list KIND]

Without ``--facts``: the files of ``days_facts_eval.TUNING_FACT_FILES``. Prints, for each kind, judged links,
wrong links and the kind's precision; ``--list`` prints the wrong links of the kinds whose name contains the word.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import judged_stories, tuning_or_given  # noqa: E402
from facts_misses import _Story  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402


def judged_links(path: Path, days: Path) -> list[dict[str, Any]]:
    """Every judged link of one fact file, with its round and what its two units share."""
    found = []
    for _story, articles, judged in judged_stories(path, days):
        view = _Story(articles)
        index_of = {(s.ref.article_id, s.ref.index): k for k, s in enumerate(view.units)}
        outlets = {s.ref.outlet for s in view.units}
        reach: dict[str, set[str]] = {}
        for s in view.units:
            for gram in s.grams:
                reach.setdefault(gram, set()).add(s.ref.outlet)
        topic = {g for g, by in reach.items() if len(by) >= max(3, 0.75 * len(outlets))}
        for event, a, b, facts_a, facts_b, right in judged:
            i, j = index_of[a[0], a[2]], index_of[b[0], b[2]]
            first, second = view.units[i], view.units[j]
            containment, dice = view.score(i, j)
            shared = first.grams & second.grams
            common = sum(view.weight[g] for g in shared)
            beyond = sum(view.weight[g] for g in shared - topic)
            found.append({
                "file": path.stem, "story": event, "right": right, "round": view.joined_in(i, j),
                "direct": containment >= c.CONTAINMENT and dice >= c.DICE,
                "containment": containment, "dice": dice, "topic_share": 1 - beyond / common if common else 1.0,
                "names": sorted(first.names & second.names),
                "figures": (sorted(first.figures), sorted(second.figures)),
                "figure_shared": bool(first.figures & second.figures),
                "a": (a[1], first.ref.text, facts_a), "b": (b[1], second.ref.text, facts_b)})
    return found


def kinds(link: dict[str, Any]) -> list[str]:
    """The census's kinds of one link (each link counts once in each of its lines)."""
    rounds = link["round"] + (" direct" if link["direct"] else "")
    first, second = link["figures"]
    figures = ("figures shared" if link["figure_shared"] else "figures, none shared") if first and second else (
        "figures on one side" if first or second else "no figures")
    share = link["topic_share"]
    topic = "topic-only" if share >= 0.999 else "topic >= .5" if share >= 0.5 else "topic < .5"
    return [f"round: {rounds}", f"figures: {figures}", f"names: {'shared' if link['names'] else 'none shared'}",
            f"shared bigrams: {topic}",
            f"round x topic: {link['round']} / {topic}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path)
    parser.add_argument("--list", default="", help="list the wrong links of the kinds containing this")
    args = parser.parse_args()
    facts = tuning_or_given(args.facts, "read link by link")
    links = [link for path in facts for link in judged_links(path, args.days)]
    judged, wrong = Counter(), Counter()
    for link in links:
        for kind in kinds(link):
            judged[kind] += 1
            wrong[kind] += not link["right"]
    print(f"{len(links)} judged links, {sum(not link['right'] for link in links)} wrong")
    print(f"{'kind':<52} {'judged':>6} {'wrong':>6} {'P':>6}")
    for kind in sorted(judged):
        print(f"{kind:<52} {judged[kind]:6d} {wrong[kind]:6d} {1 - wrong[kind] / judged[kind]:6.3f}")
    if args.list:
        for link in links:
            if not link["right"] and any(args.list in kind for kind in kinds(link)):
                print(f"{link['file']} {link['story']} [{link['round']}{' direct' if link['direct'] else ''}] "
                      f"c {link['containment']:.2f} d {link['dice']:.2f} topic {link['topic_share']:.2f} "
                      f"names {' '.join(link['names'])} figures {link['figures'][0]} {link['figures'][1]}")
                for outlet, text, gold in (link["a"], link["b"]):
                    print(f"      {outlet} {','.join(gold)}: {text[:160]}")


if __name__ == "__main__":
    main()
