"""Census of open-quotation fragments: units that open a quotation and end at a clause mark inside it.

Issue 14 asks for no fragments among facts. ``split_clauses`` cuts a long sentence at its clause marks, so a
quotation of two or more clauses (他称：“我们的领导人……越来越清楚地看到，…”) gave a unit that opens the quotation
and stops at a comma inside it, shown alone as a fact. Counted here on the stories of the tuning fact files and the
tuning only-X samples (test and fresh files, held sample K refused): every unit a comparison is made of, and the
units shown in the comparison's facts (reported by several, or by one outlet alone); and (quote44) the shown units
the outputs follow with the rest of their quotation (``stories.quoted``), and the shown fragments left without one.

    PYTHONPATH=src python3 bench/quote_fragments.py --days ARCHIVED --root WHOLE [--show N] [--no-samples]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

OPENS, CLOSES = "“「『", "”」』"
CLAUSE_MARKS = "，,：:、"


def open_fragment(text: str) -> bool:
    """Whether a unit opens a quotation that it leaves open and ends at a clause mark (他称：“我们……看到，)."""
    text = text.strip()
    opened = sum(text.count(c) for c in OPENS) > sum(text.count(c) for c in CLOSES)
    return opened and text.rstrip("".join(CLOSES)).endswith(tuple(CLAUSE_MARKS)) and not text.endswith(tuple(CLOSES))


def _units(article: Any) -> list[str]:
    from newsmirror.stories.compare import _clauses, is_furniture
    from newsmirror.text.sentences import split_sentences

    return [part for sentence in split_sentences(article.body_text) if not is_furniture(sentence)
            for part in _clauses(sentence)]


def census(stories: list[tuple[str, list[Any]]], show: int) -> dict[str, int]:
    from newsmirror.stories.compare import compare_story
    from newsmirror.stories.quoted import quotation_rests

    counts = {"stories": 0, "units": 0, "fragments": 0, "shown units": 0, "shown fragments": 0,
              "own-fact fragments": 0, "units with a rest": 0, "shown fragments without a rest": 0}
    shown_examples = 0
    for name, articles in stories:
        counts["stories"] += 1
        for article in articles:
            units = _units(article)
            counts["units"] += len(units)
            counts["fragments"] += sum(open_fragment(u) for u in units)
        comparison = compare_story(articles)
        rests = quotation_rests(comparison, {a.id: a.body_text for a in articles})
        counts["units with a rest"] += len(rests)
        for fact in comparison.facts():
            for ref in fact.sentences:
                counts["shown units"] += 1
                if open_fragment(ref.text):
                    counts["shown fragments"] += 1
                    alone = len(fact.outlets) == 1
                    counts["own-fact fragments"] += alone
                    counts["shown fragments without a rest"] += (ref.article_id, ref.index) not in rests
                    if shown_examples < show:
                        shown_examples += 1
                        print(f"  {name} {ref.outlet} {len(fact.outlets)}/{len(comparison.outlets)}: {ref.text[:120]}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True, help="folder of exported day folders")
    parser.add_argument("--root", type=Path, help="the whole archive export (archived/, _posts/) for the samples")
    parser.add_argument("--show", type=int, default=0, help="print this many shown fragments per set")
    args = parser.parse_args()
    from bench.days import onlyx_samples
    from bench.onlyx_audit import load
    from days_facts_eval import load_stories, never_tuned_on, tuning_fact_paths

    files = tuning_fact_paths()
    if any(never_tuned_on(path) for path in files):
        raise SystemExit("refused: a test or fresh fact file")
    stories = [(f"{path.stem}/{story['event']}", list({a.id: a for a in articles.values()}.values()))
               for path in files for story, articles in load_stories(path, args.days)]
    print(f"fact files ({len(files)}): {census(stories, args.show)}", flush=True)
    if args.root:
        letters = onlyx_samples.TUNING
        sampled = [(story["id"], articles) for letter in letters
                   for story, articles in load(onlyx_samples.path(letter), letter, args.root)]
        print(f"samples {onlyx_samples.spelled(letters)}: {census(sampled, args.show)}")


if __name__ == "__main__":
    main()
