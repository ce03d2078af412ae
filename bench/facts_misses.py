"""Why labelled same-fact pairs are missed: the rules' evidence for each gold pair the comparison
does not link (tuning fact files only; test and fresh files are refused).

    PYTHONPATH=src python3 bench/facts_misses.py --days ARCHIVED --facts bench/days/facts-s17b.toml [--quiet]

For each missed pair: weighted bigram containment and Dice of the two units (the rules need
``CONTAINMENT`` and ``DICE``), each unit's best score in the other outlet, figures, shared
names, and a kind: ``figures`` (a conflict of figures vetoes it), ``threshold`` (below
containment or Dice), ``not-best`` (passes both, but another unit matches better), ``linker``
(a candidate that the one-statement rule or a later round dropped), ``unlocated`` (a quote in no
aligned unit). A missed pair whose units the comparison pairs with no unit of the other's outlet
at all is ``free``; otherwise ``held`` (one of them is already in a fact with that outlet). Below
the thresholds a pair shares ``little`` (containment < ``AMOUNT_CONTAINMENT`` or Dice <
``AMOUNT_DICE``) or is ``near``; a held pair is held by a unit of the next (or the same) sentence
of the other unit's article (``held-by-next``), by one 2-3 sentences away (``held-by-2-3``) or
farther (``held-by-farther``); the unit holding it is quoted in the same gold fact
(``holder-same-fact``: the outlet states the fact twice), in another (``holder-other-fact``) or in
none (``holder-unquoted``); the linker's round that joined the holder to the pair's other unit
(``holder-joined-first``, ``-repetitions``, ``-continuity-1``, ``-continuity-2``, ``-amount``,
``-second-fact``) and whether the holder shares less with that unit (containment + Dice) than the
missed partner does (``holder-weaker``: a weaker match holds the slot) or not (``holder-stronger``). Several fact files are counted one after another, then in total.
Listed pairs also show the unit holding a held pair, how far it is (``held-by-same`` when it is
another clause of the same sentence; counted as ``held-by-next``) and how many other outlets each
unit of the pair is linked with.

    PYTHONPATH=src python3 bench/facts_misses.py --days ARCHIVED --facts F [F ...] --quiet
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import add_fact_file_arguments, load_stories, refuse_never_tuned_on  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402
from newsmirror.text.normalize import match_key  # noqa: E402

# The linker's rounds in compare_story's order (rules path).
_ROUNDS = ("first", "repetitions", "continuity-1", "continuity-2", "amount")


class _Story:
    """A story's units as the rules see them, and where the comparison put them."""

    def __init__(self, articles: dict[str, Any]) -> None:
        reports = list({a.id: a for a in articles.values()}.values())
        # Which round put two units in one fact: the facts after each of the linker's rounds.
        self.rounds: list[list[int]] = []
        link, repeat = c._Linker.link, c._Linker.join_repetitions

        def snapshot(linker: Any) -> None:
            self.rounds.append([linker.links.find(k) for k in range(len(linker.sentences))])

        def linked_then(linker: Any, pairs: Any) -> None:
            link(linker, pairs)
            snapshot(linker)

        def repeated_then(linker: Any, scores: Any) -> None:
            repeat(linker, scores)
            snapshot(linker)

        c._Linker.link, c._Linker.join_repetitions = linked_then, repeated_then
        try:
            comparison = c.compare_story(reports)
        finally:
            c._Linker.link, c._Linker.join_repetitions = link, repeat
        facts = [*comparison.shared, *comparison.partial, *(f for fs in comparison.unique.values() for f in fs)]
        self.facts_of: dict[tuple[str, int], set[int]] = {}
        self.outlets_of: dict[tuple[str, int], set[str]] = {}
        for n, fact in enumerate(facts):
            for ref in fact.sentences:
                self.facts_of.setdefault((ref.article_id, ref.index), set()).add(n)
                self.outlets_of.setdefault((ref.article_id, ref.index), set()).update(fact.outlets)
        _outlets, self.units, self.weight = c._story_units(reports, True)
        self.mass = [sum(self.weight[g] for g in s.grams) for s in self.units]
        self.keys = [match_key(s.ref.text) for s in self.units]

    def locate(self, article_id: str, text: str) -> int | None:
        key = match_key(text)
        for size in range(len(key), 5, -1):
            for i, s in enumerate(self.units):
                if s.ref.article_id == article_id and key[:size] in self.keys[i]:
                    return i
        return None

    def score(self, i: int, j: int) -> tuple[float, float]:
        if not self.mass[i] or not self.mass[j]:
            return 0.0, 0.0
        common = sum(self.weight[g] for g in self.units[i].grams & self.units[j].grams)
        return common / min(self.mass[i], self.mass[j]), 2 * common / (self.mass[i] + self.mass[j])

    def best(self, i: int, outlet: str) -> float:
        return max((sum(self.score(i, k)) for k, s in enumerate(self.units)
                    if s.ref.outlet == outlet and min(self.score(i, k)) >= c.CONTAINMENT), default=0.0)

    def linked(self, i: int, j: int) -> bool:
        ri, rj = self.units[i].ref, self.units[j].ref
        return bool(self.facts_of.get((ri.article_id, ri.index), set()) & self.facts_of.get((rj.article_id, rj.index), set()))

    def held(self, i: int, j: int) -> bool:
        ri, rj = self.units[i].ref, self.units[j].ref
        return (rj.outlet in self.outlets_of.get((ri.article_id, ri.index), set())
                or ri.outlet in self.outlets_of.get((rj.article_id, rj.index), set()))

    def held_distance(self, i: int, j: int) -> str:
        """How far (in sentences) the unit holding the fact with each outlet is from the labelled one
        (counted as in session 21's census: another clause of the same sentence counts as next)."""
        distance = self.holder(i, j)[0]
        return "held-by-next" if distance == "held-by-same" else distance

    def holder(self, i: int, j: int) -> tuple[str, int | None]:
        """``held_distance``, and the nearest unit holding the fact (None when none does)."""
        gaps: list[tuple[int, int]] = []
        for one, other in ((i, j), (j, i)):
            facts = self.facts_of.get((self.units[one].ref.article_id, self.units[one].ref.index), set())
            for k, unit in enumerate(self.units):
                if (unit.ref.outlet == self.units[other].ref.outlet and k != other
                        and self.facts_of.get((unit.ref.article_id, unit.ref.index), set()) & facts):
                    same = unit.ref.article_id == self.units[other].ref.article_id
                    gaps.append((abs(unit.sentence - self.units[other].sentence) if same else 99, k))
        gap, unit_index = min(gaps, default=(99, None))
        return ("held-by-same" if gap == 0 else "held-by-next" if gap <= 1 else "held-by-2-3" if gap <= 3
                else "held-by-farther"), unit_index

    def joined_in(self, i: int, j: int) -> str:
        """The linker's round that put units ``i`` and ``j`` in one fact (``second-fact``: shown there
        as a second telling, ``none``: never)."""
        for n, roots in enumerate(self.rounds):
            if roots[i] == roots[j]:
                return _ROUNDS[n] if n < len(_ROUNDS) else f"round-{n}"
        return "second-fact" if self.linked(i, j) else "none"

    def kind(self, i: int, j: int) -> str:
        first, second = self.units[i], self.units[j]
        containment, dice = self.score(i, j)
        if c._figures_differ(first.figures, second.figures):
            return "figures"
        if containment < c.CONTAINMENT or dice < c.DICE:
            return "threshold"
        if containment + dice < c.BEST_RATIO * max(self.best(i, second.ref.outlet), self.best(j, first.ref.outlet)):
            return "not-best"
        return "linker"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fact_file_arguments(parser)
    parser.add_argument("--quiet", action="store_true", help="counts only")
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "read pair by pair")
    total: Counter[str] = Counter()
    for path in args.facts:
        kinds = _census(path, args.days, args.quiet)
        print(path.stem, dict(kinds), flush=True)
        total.update(kinds)
    if len(args.facts) > 1:
        print("total", dict(total))


def located_gold_pairs(story: dict[str, Any], articles: dict[str, Any], view: _Story
                       ) -> Iterator[tuple[dict[str, Any], str, str, int | None, int | None]]:
    """Each gold same-fact pair of a story (two quotes of one fact, different outlets), in order: the fact, the two
    quotes and the comparison units holding them (None where a quote is not found)."""
    for fact in story.get("fact", []):
        quotes = [(articles[q["file"]], q["text"]) for q in fact["sentences"] if q["file"] in articles]
        for at, (first, first_text) in enumerate(quotes):
            for second, second_text in quotes[at + 1:]:
                if first.outlet != second.outlet:
                    yield (fact, first_text, second_text, view.locate(first.id, first_text),
                           view.locate(second.id, second_text))


def _census(path: Path, days: Path, quiet: bool) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for story, articles in load_stories(path, days):
        view = _Story(articles)
        # The gold facts each unit holds a quote of: a held pair's holder quoted in the same fact means
        # the outlet states the fact twice and the comparison has one telling; in another fact, the
        # comparison linked the wrong unit.
        gold_of: dict[int, set[str]] = {}
        for fact in story.get("fact", []):
            for quote in fact["sentences"]:
                if quote["file"] in articles:
                    unit = view.locate(articles[quote["file"]].id, quote["text"])
                    if unit is not None:
                        gold_of.setdefault(unit, set()).add(fact["id"])
        for fact, _, _, i, j in located_gold_pairs(story, articles, view):
            if i is None or j is None:
                kinds["unlocated"] += 1
                continue
            if view.linked(i, j):
                continue
            kind = view.kind(i, j)
            kinds[kind] += 1
            held = view.held(i, j)
            kinds["held" if held else "free"] += 1
            containment, dice = view.score(i, j)
            if kind == "threshold":
                little = containment < c.AMOUNT_CONTAINMENT or dice < c.AMOUNT_DICE
                kinds[f"{'held' if held else 'free'}-{'little' if little else 'near'}"] += 1
            if held:
                kinds[view.held_distance(i, j)] += 1
                holder = view.holder(i, j)[1]
                holder_facts = gold_of.get(holder, set()) if holder is not None else set()
                kinds["holder-same-fact" if fact["id"] in holder_facts
                      else "holder-other-fact" if holder_facts else "holder-unquoted"] += 1
                if holder is not None:
                    # The unit whose fact the holder is in, and whether the holder matches it
                    # less well than the missed partner does (a weaker match took the slot).
                    one = i if view.units[holder].ref.outlet == view.units[j].ref.outlet else j
                    joined = view.joined_in(one, holder)
                    kinds[f"holder-joined-{joined}"] += 1
                    weaker = sum(view.score(one, holder)) < containment + dice
                    kinds["holder-weaker" if weaker else "holder-stronger"] += 1
                    if weaker:
                        kinds[f"holder-weaker-joined-{joined}"] += 1
            if not quiet:
                print(f"{story['event']}/{fact['id']} {kind} {'held' if view.held(i, j) else 'free'} "
                      f"containment {containment:.2f} dice {dice:.2f} figures "
                      f"{sorted(view.units[i].figures)}/{sorted(view.units[j].figures)}")
                print(f"    {view.units[i].key[:70]}\n    {view.units[j].key[:70]}")
                distance, holder = view.holder(i, j) if held else ("", None)
                if holder is not None:
                    ui, uj = view.units[i].ref, view.units[j].ref
                    free = (f"{len(view.outlets_of.get((ui.article_id, ui.index), set()) - {ui.outlet})}/"
                            f"{len(view.outlets_of.get((uj.article_id, uj.index), set()) - {uj.outlet})} other outlets")
                    print(f"    {distance} ({free}) by: {view.units[holder].key[:70]}")
    return kinds


if __name__ == "__main__":
    main()
