"""Fragments among facts: units a comparison shows as one outlet's own fact that state nothing.

Issue 14 asks for no fragments among facts. A unit of ``Comparison.unique`` (a fact one outlet
alone reports) is counted as a fragment when jieba's full part-of-speech tagger (``jieba.posseg``
with the project's word list, HMM on) finds no verb-like word in it (a tag v*, or a predicate
adjective a, ad, ag: one fixed definition, whatever ``text.statement`` is set to); also printed,
for information, the units whose verb-like words all sit inside a modifier closed by 的
(被冻结的户口); and the one-outlet facts whose units together have no verb-like word (a clause
shown with the clause of its sentence that completes it is no fragment). Over the stories of the
tuning fact files (test and fresh files are refused).

    PYTHONPATH=src python3 bench/facts_fragments.py --days ARCHIVED [--facts F ...] [--show N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

_ADJECTIVES = frozenset({"a", "ad", "ag"})


def verb_like(tags: list[str]) -> bool:
    return any(t.startswith("v") or t in _ADJECTIVES for t in tags)


def kind(text: str) -> str:
    """'none' (no verb-like word), 'modifier' (verb-like words only before the last 的), or ''."""
    from newsmirror.text.script import to_simplified_key
    from newsmirror.text.tokenize import tagged_words

    tags = [flag for _word, flag in tagged_words(to_simplified_key(text)) if flag != "x"]
    if not verb_like(tags):
        return "none"
    if "uj" in tags and not verb_like(tags[len(tags) - tags[::-1].index("uj"):]):
        return "modifier"
    return ""


def count(facts: list[Path], days: Path) -> tuple[int, int, int, int, int, list[str]]:
    """(own-fact units, with no verb-like word, with verb-like words only inside a modifier, one-outlet
    facts, whose units together have no verb-like word, examples)."""
    from days_facts_eval import load_stories
    from newsmirror.stories.compare import compare_story

    units = none = modifier = facts_shown = facts_none = 0
    examples: list[str] = []
    for path in facts:
        for story, articles in load_stories(path, days):
            comparison = compare_story(list({a.id: a for a in articles.values()}.values()))
            for outlet, own in comparison.unique.items():
                for fact in own:
                    facts_shown += 1
                    facts_none += kind("，".join(ref.text for ref in fact.sentences)) == "none"
                    for ref in fact.sentences:
                        units += 1
                        found = kind(ref.text)
                        none += found == "none"
                        modifier += found == "modifier"
                        if found:
                            examples.append(f"{path.stem} {story['event']} {outlet} [{found}]: {ref.text[:80]}")
    return units, none, modifier, facts_shown, facts_none, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print this many fragments")
    args = parser.parse_args()
    from days_facts_eval import never_tuned_on, tuning_fact_paths

    facts = args.facts or tuning_fact_paths()
    if any(never_tuned_on(path) for path in facts):
        sys.exit("test and fresh fact files are never read unit by unit")
    units, none, modifier, facts_shown, facts_none, examples = count(facts, args.days)
    for line in examples[: args.show]:
        print(line)
    print(f"{len(facts)} files: {units} units shown as one outlet's own fact; no verb-like word {none}; "
          f"verb-like words only inside a modifier (的) {modifier}; {facts_shown} one-outlet facts, "
          f"their units together with no verb-like word {facts_none}")


if __name__ == "__main__":
    main()
