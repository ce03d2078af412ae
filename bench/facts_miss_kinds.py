"""Each missed gold same-fact pair by what kind of miss it is, beside the layer refusing it (tuning fact files only;
test and fresh files are refused). Session 46, facts60.

    PYTHONPATH=src python3 bench/facts_miss_kinds.py --days ARCHIVED --facts F [F ...] [--rows rows.json]

A pair is placed and counted missed as ``facts_miss_census.py`` does, whose kind (``lost``) is the layer. Its content
kind is the first that holds, in this order:

``split``               a quote over two or more units;
``figures``             vetoed: figures of one kind sharing none;
``held-own-telling``    a unit of the pair already in a fact with the other's outlet, through a unit quoted in the same
                        gold fact (the outlet tells the fact twice and its other telling holds the slot);
``held-wrong``          the same through a unit quoted in another gold fact or in none;
``two-facts``           each unit in a fact holding another quote of the gold fact;
then, for free pairs: ``name-otherwise`` (after the story's names are folded, each unit gives a transliterated run the
other lacks, the two sounding alike or sharing two characters at an end), ``over-bar-lost`` (passes the rules or the
model's threshold, lost to a rival pair or the one-statement rule), ``no-shared-word`` (no content word in common:
jieba words of the match keys, two characters or more, background IDF >= ``STOP_IDF``), ``topic-words-only`` (each
shared content word is a story topic word, one given by units of >= 3/4 of the outlets and >= 3), ``paraphrase`` (a
shared content word beyond the topic, and still below every round).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import add_fact_file_arguments, load_stories, refuse_never_tuned_on  # noqa: E402
from facts_miss_census import _Instrumented, cross_outlet_quotes, gold_units  # noqa: E402
from newsmirror.text.phonetic import sounds_alike, transliterated_names  # noqa: E402
from newsmirror.text.tokenize import idf, words  # noqa: E402

STOP_IDF = 5.0  # words commoner than this in jieba's background are function words here
TOPIC_OUTLETS = 0.75
KINDS = ("split", "figures", "held-own-telling", "held-wrong", "two-facts", "name-otherwise", "over-bar-lost",
         "no-shared-word", "topic-words-only", "paraphrase")


def _content(key: str) -> set[str]:
    return {w for w in words(key, normalized=True) if len(w) >= 2 and not w.isdigit() and idf(w) >= STOP_IDF}


def story_rows(story: dict[str, Any], articles: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per missed gold pair of the story (a quote in no unit: kind ``unlocated``)."""
    view = _Instrumented(articles)
    units = view.units
    gold_of = gold_units(view, story, articles)
    content = [_content(u.key) if u.grams else set() for u in units]
    outlets_of: dict[str, set[str]] = defaultdict(set)
    for k, unit in enumerate(units):
        for word in content[k]:
            outlets_of[word].add(unit.ref.outlet)
    count = len({u.ref.outlet for u in units})
    topic = {w for w, by in outlets_of.items() if len(by) >= max(3.0, TOPIC_OUTLETS * count)}

    def facts_of(k: int) -> set[int]:
        return view.facts_of.get((units[k].ref.article_id, units[k].ref.index), set())

    def others_quoted(k: int, fact_id: str, pair: set[int]) -> bool:
        return any(fact_id in gold_of[m] for f in facts_of(k) for m in view.members.get(f, []) if m not in pair)

    for fact in story.get("fact", []):
        for one, one_text, other, other_text in cross_outlet_quotes(fact, articles):
            i, spans_i = view.place(one.id, one_text)
            j, spans_j = view.place(other.id, other_text)
            if i is None or j is None:
                yield {"event": story["event"], "fact": fact["id"], "kind": "unlocated", "layer": "unlocated",
                       "held": False}
                continue
            if view.linked(i, j):
                continue
            layer = view.lost(i, j, spans_i, spans_j)
            held = view.held(i, j)
            holders = [k for a, b in ((i, j), (j, i)) for f in facts_of(a) for k in view.members.get(f, [])
                       if units[k].ref.outlet == units[b].ref.outlet and k != b]
            shared = content[i] & content[j]
            if len(spans_i) > 1 or len(spans_j) > 1:
                kind = "split"
            elif layer.startswith("figures"):
                kind = "figures"
            elif held:
                kind = "held-own-telling" if any(fact["id"] in gold_of[k] for k in holders) else "held-wrong"
            elif others_quoted(i, fact["id"], {i, j}) and others_quoted(j, fact["id"], {i, j}):
                kind = "two-facts"
            else:
                names_i, names_j = set(transliterated_names(units[i].key)), set(transliterated_names(units[j].key))
                if any(sounds_alike(a, b) or a[:2] == b[:2] or a[-2:] == b[-2:]
                       for a in names_i - names_j for b in names_j - names_i):
                    kind = "name-otherwise"
                elif layer.startswith(("rules", "model-above", "continuity")):
                    kind = "over-bar-lost"
                elif not shared:
                    kind = "no-shared-word"
                elif not shared - topic:
                    kind = "topic-words-only"
                else:
                    kind = "paraphrase"
            yield {"event": story["event"], "fact": fact["id"], "kind": kind, "layer": layer, "held": held,
                   "holders": ["same" if fact["id"] in gold_of[k] else "other" if gold_of[k] else "unquoted"
                               for k in holders],
                   "a": units[i].ref.text, "b": units[j].ref.text, "shared": sorted(shared),
                   "topic": sorted(shared & topic)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fact_file_arguments(parser)
    parser.add_argument("--rows", type=Path, help="write every missed pair's row here (JSON)")
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "read pair by pair")
    rows = [dict(row, file=path.stem) for path in args.facts for story, articles in load_stories(path, args.days)
            for row in story_rows(story, articles)]
    if args.rows:
        args.rows.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    kinds: Counter[str] = Counter(row["kind"] for row in rows)
    layers: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        layers[row["kind"]][row["layer"]] += 1
        layers[row["kind"]]["held" if row["held"] else "free"] += 1
    for kind, n in kinds.most_common():
        print(kind, n, " ".join(f"{k} {v}" for k, v in layers[kind].most_common()))
    print("missed", len(rows))


if __name__ == "__main__":
    main()
