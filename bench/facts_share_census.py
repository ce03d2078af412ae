"""The pair model's under-threshold misses by what the two units share, beside how often the round's pairs of each
kind are one fact (tuning fact files only; test and fresh files are refused). Session 71, facts71.

    PYTHONPATH=src python3 bench/facts_share_census.py --days ARCHIVED --census census.json [--facts F ...]

``census.json`` is ``facts_stage_census.py --out``'s; its ``model-under`` misses are placed on their two units as the
rules path cuts them (by match key). The rescue round's residual pairs (``facts_lofo.residual_pairs``: units the
rules leave apart, no conflicting figure, labelled) under ``fact_model.RESCUE``'s threshold are counted by the same
kinds: how many of each kind the round sees and how many of them are one fact (the precision a feature naming that
kind could reach). A pair's kind is the first that holds (most specific first; ``KINDS``):

``rare-figure``    a figure both units give (as the figure veto reads it, with its kind), given by at most
                   max(2, outlets) units of the story (about one statement per outlet);
``rare-name``      one of the comparison's ``names`` (the story's spellings folded one way: scripts, glosses) both give,
                   given by at most max(2, outlets) units;
``rare-word``      a content word (jieba, 2+ characters, background IDF >= ``CONTENT_IDF``, not a name) both use,
                   used by at most max(2, outlets) units: the predicate side;
``common-figure``  figures agreeing (``ranges.figures_agreeing``), each repeated by the story;
``common-name``    only names the story repeats;
``content-word``   only content words the story repeats;
``nothing``        none of these. The tag ``date`` (a shared figure of a day, month or year) is counted beside.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import load_stories, refuse_never_tuned_on, tuning_fact_paths  # noqa: E402
from facts_lofo import rules_leftovers  # noqa: E402
from newsmirror.stories import compare as _compare  # noqa: E402
from newsmirror.stories.fact_model import RESCUE  # noqa: E402
from newsmirror.text.ranges import figures_agreeing  # noqa: E402
from newsmirror.text.tokenize import idf, words  # noqa: E402

# A content word: background IDF at least this (facts71's rare_words column, left on its branch, used the same).
CONTENT_IDF = 5.0

KINDS = ("rare-figure", "rare-name", "rare-word", "common-figure", "common-name", "content-word", "nothing")
_DATE = ("日", "月", "Y")


@dataclass(frozen=True, slots=True)
class Shown:
    """What one unit gives: its figures, names and content words (outside its names)."""

    figures: frozenset[str]
    names: frozenset[str]
    words: frozenset[str]


def content_words(key: str, names: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words(key, normalized=True) if len(w) >= 2 and w not in names and idf(w) >= CONTENT_IDF)


def shared_kinds(one: Shown, other: Shown, units: Sequence[Shown], outlets: int) -> set[str]:
    """Every kind (and the tag ``date``) that holds for two units of a story of ``units`` told by ``outlets`` outlets."""
    most = max(2, outlets)

    def rare(item: str, field: str) -> bool:
        return sum(1 for u in units if item in getattr(u, field)) <= most

    tags: set[str] = set()
    figures = one.figures & other.figures
    if any(rare(f, "figures") for f in figures):
        tags.add("rare-figure")
    elif figures or (one.figures and other.figures and figures_agreeing(one.figures, other.figures)):
        tags.add("common-figure")
    if any(f.endswith(_DATE) for f in figures):
        tags.add("date")
    names = one.names & other.names
    if any(rare(n, "names") for n in names):
        tags.add("rare-name")
    elif names:
        tags.add("common-name")
    shared = one.words & other.words
    if any(rare(w, "words") for w in shared):
        tags.add("rare-word")
    elif shared:
        tags.add("content-word")
    return tags


def first_kind(tags: set[str]) -> str:
    return next((k for k in KINDS if k in tags), "nothing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--census", type=Path, required=True, help="facts_stage_census.py --out's file")
    parser.add_argument("--facts", nargs="*", type=Path, default=tuning_fact_paths())
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "read pair by pair here")
    misses = [m for m in json.loads(args.census.read_text())["misses"] if m.get("stage") == "model-under"]
    wanted = {p.stem for p in args.facts}
    misses = [m for m in misses if m["file"] in wanted]
    _compare.RESCUE_ROUND = False  # the rules alone, as the round is asked about their leftovers
    missed: Counter[str] = Counter()
    missed_tags: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    one_fact: Counter[str] = Counter()
    seen_tags: Counter[str] = Counter()
    one_fact_tags: Counter[str] = Counter()
    placed = 0
    for path in args.facts:
        for story, articles in load_stories(path, args.days):
            sentences, pairs, features, labels = rules_leftovers(story, articles)
            units = [Shown(s.figures, s.names, content_words(s.key, s.names)) for s in sentences]
            count = len({s.ref.outlet for s in sentences})
            probability = RESCUE.probability(features)
            for (i, j), p, label in zip(pairs.tolist(), probability.tolist(), labels.tolist(), strict=True):
                if p >= RESCUE.threshold or label < 0:
                    continue  # the round links it, or is not asked about it, or neither unit is quoted
                tags = shared_kinds(units[i], units[j], units, count)
                seen[first_kind(tags)] += 1
                one_fact[first_kind(tags)] += label
                for tag in tags or {"nothing"}:
                    seen_tags[tag] += 1
                    one_fact_tags[tag] += label
            at = {s.key: k for k, s in enumerate(sentences)}
            for m in misses:
                if m["file"] != path.stem or m["story"] != story["event"] or any(k not in at for k in m["keys"]):
                    continue
                placed += 1
                tags = shared_kinds(units[at[m["keys"][0]]], units[at[m["keys"][1]]], units, count)
                missed[first_kind(tags)] += 1
                for tag in tags or {"nothing"}:
                    missed_tags[tag] += 1
        print(f"{path.stem}: placed {placed} of {len(misses)}", file=sys.stderr, flush=True)
    print(f"model-under misses {len(misses)}, placed on their units {placed}; round's pairs under "
          f"{RESCUE.threshold}: {sum(seen.values())}, one fact {sum(one_fact.values())}")
    print("kind | misses (first kind) | share | misses (any tag) | round's one-fact pairs (first) | round's pairs "
          "(first) | one fact among them")
    for kind in (*KINDS[:3], "date", *KINDS[3:]):
        if kind == "date":
            print(f"date (tag) | | | {missed_tags[kind]} | {one_fact_tags[kind]} | {seen_tags[kind]} | "
                  f"{one_fact_tags[kind] / max(seen_tags[kind], 1):.3f}")
            continue
        print(f"{kind} | {missed[kind]} | {missed[kind] / max(placed, 1):.3f} | {missed_tags[kind]} | {one_fact[kind]} | "
              f"{seen[kind]} | {one_fact[kind] / max(seen[kind], 1):.3f}")


if __name__ == "__main__":
    main()
