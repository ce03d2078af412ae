"""The judged-wrong same-fact links of the tuning fact files, with the linker's round that made each one
(tuning fact files only; test and fresh files are refused).

A judged link is two units of two outlets, each holding a fact quote, that the comparison puts in one
fact; it is wrong when the two units hold quotes of no common gold fact (``days_facts_eval.score``).
For each wrong link: the round of ``compare_story``'s linker that first put the two units in one fact
(``first``, ``repetitions``, ``continuity-1``, ``continuity-2``, ``amount``; ``second-fact``: shown there
as a second telling; ``facts_misses._Story.joined_in``), the two units' weighted containment and Dice
(``direct``: the pair itself passes the first round's thresholds, else it was joined through a chain or
a weaker round), the names both give, and both texts.

    PYTHONPATH=src python3 bench/facts_wrong_links.py --days ARCHIVED [--facts F ...] [--draw N --seed S]

Without ``--facts``: the files of ``days_facts_eval.TUNING_FACT_FILES``. The table of rounds is printed last; with
``--draw`` a random sample of the wrong links (drawn before reading) is listed, else all of them.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import load_stories, score, tuning_or_given  # noqa: E402
from facts_misses import _Story  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402

Unit = tuple[str, str, int]  # article id, outlet, unit index


def wrong_links(path: Path, days: Path) -> list[dict[str, Any]]:
    """Every judged-wrong link of one fact file, with its round and evidence."""
    found = []
    for story, articles in load_stories(path, days):
        wrong: list[tuple[str, Unit, Unit, list[str], list[str]]] = []
        score([(story, articles)], wrong=wrong)
        if not wrong:
            continue
        view = _Story(articles)
        index_of = {(s.ref.article_id, s.ref.index): k for k, s in enumerate(view.units)}
        for event, a, b, facts_a, facts_b in wrong:
            i, j = index_of[a[0], a[2]], index_of[b[0], b[2]]
            containment, dice = view.score(i, j)
            direct = containment >= c.CONTAINMENT and dice >= c.DICE
            found.append({"file": path.stem, "story": event, "round": view.joined_in(i, j),
                          "direct": direct, "containment": containment, "dice": dice,
                          "names": sorted(view.units[i].names & view.units[j].names),
                          "a": (a[1], view.units[i].ref.text, facts_a), "b": (b[1], view.units[j].ref.text, facts_b)})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path)
    parser.add_argument("--draw", type=int, default=0, help="list a random sample of this many (0: all)")
    parser.add_argument("--seed", type=int, default=43)
    args = parser.parse_args()
    facts = tuning_or_given(args.facts, "read link by link")
    links = [link for path in facts for link in wrong_links(path, args.days)]
    shown = random.Random(args.seed).sample(links, min(args.draw, len(links))) if args.draw else links
    for n, link in enumerate(shown, 1):
        print(f"{n:3d} {link['file']} {link['story']} [{link['round']}{' direct' if link['direct'] else ''}] "
              f"c {link['containment']:.2f} d {link['dice']:.2f} names {' '.join(link['names'])}")
        for outlet, text, gold in (link["a"], link["b"]):
            print(f"      {outlet} {','.join(gold)}: {text[:200]}")
    rounds = Counter((link["round"], link["direct"]) for link in links)
    print(f"{len(links)} judged-wrong links; by round (direct: the pair passes the first round's thresholds):")
    for (round_name, direct), count in sorted(rounds.items(), key=lambda item: -item[1]):
        print(f"  {round_name}{' direct' if direct else ''}: {count}")


if __name__ == "__main__":
    main()
