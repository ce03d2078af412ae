"""Where each missed gold same-fact pair was lost, one kind per pair, in the comparison's order (tuning fact files
only; test and fresh files are refused).

    PYTHONPATH=src python3 bench/facts_miss_census.py --days ARCHIVED --facts F [F ...] [--list KIND] [--quiet]

A gold pair (two quotes of one fact, two outlets) is placed as ``days_facts_eval.score`` places it (the unit holding
the quote, else the one holding its longest beginning) and counted missed when the two units share no fact. Each
miss gets the first kind that holds, in this order (session 44, facts53):

``unlocated``            a quote in no unit;
``split-found``          a quote over two or more units, and another unit of it shares a fact with the other quote's
                         (the main figure places a quote on the unit holding its beginning);
``figures``              the two units give figures of one kind and share none: vetoed before any round
                         (``figures-shared-number``: they share a number written under another measure or date kind);
``rules-not-best``       passes both overlap thresholds, not nearly the best of its two units;
``rules-blocked``        passes both and was kept apart by the one-statement rule (one unit's outlet already in the
                         other's fact: ``held``);
``rules-other``          passes both, neither of the above (a later round took a unit);
``continuity-topic``     offered by a continuity round only without the topic veto (facts52);
``model-above``          the pair model (``fact_model.RESCUE``) gives it its threshold or more: lost to another pair
                         of one of its units (``-not-mutual``) or to the one-statement rule (``-blocked``);
``model-under``          a candidate of the pair model (containment >= ``fact_pairs.FLOOR``) below its threshold
                         (``-near``: probability >= half the threshold);
``never-candidate``      sharing less than ``fact_pairs.FLOOR`` of the smaller unit's bigram weight: no round ever
                         sees the pair.

Also counted over all misses (not exclusive): ``held`` / ``free`` (facts_misses.py's sense: a unit of the pair already
in a fact with the other's outlet), ``quote-spans`` (either quote over two or more units), ``told-twice`` (the gold
fact quotes one of the two outlets twice: it tells the fact over two units), ``short-side`` (one unit has less than
half the other's characters: one side a clause, the other a sentence packing more).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import (  # noqa: E402
    _covered_units,
    add_fact_file_arguments,
    load_stories,
    refuse_never_tuned_on,
)
from facts_misses import _Story  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402
from newsmirror.stories import fact_pairs  # noqa: E402
from newsmirror.stories.fact_model import RESCUE  # noqa: E402
from newsmirror.text.normalize import match_key  # noqa: E402

KINDS = ("unlocated", "split-found", "figures", "figures-shared-number", "rules-not-best", "rules-blocked",
         "rules-other", "continuity-topic", "model-above-not-mutual", "model-above-blocked", "model-under-near",
         "model-under", "never-candidate")


class _Instrumented(_Story):
    """facts_misses' view of a story, with what the linker's rounds offered and dropped."""

    def __init__(self, articles: dict[str, Any]) -> None:
        captured: dict[str, Any] = {"vetoed": set()}
        linked, continuing = c._linked, c._continuing

        def linked_kept(*args: Any, **kwargs: Any) -> Any:
            result = linked(*args, **kwargs)
            captured["linker"], captured["blocked"] = result[0], result[1]
            return result

        def continuing_both(sentences: Any, links: Any, weight: Any, mass: Any, topic: Any = None) -> Any:
            kept = continuing(sentences, links, weight, mass, topic)
            if topic is not None:
                loose = continuing(sentences, links, weight, mass, None)
                captured["vetoed"].update({(i, j) for _, i, j in loose} - {(i, j) for _, i, j in kept})
            return kept

        c._linked, c._continuing = linked_kept, continuing_both  # type: ignore[assignment]
        try:
            super().__init__(articles)
        finally:
            c._linked, c._continuing = linked, continuing  # type: ignore[assignment]
        self.linker = captured["linker"]
        self.first_blocked = {frozenset((i, j)) for _, i, j in captured["blocked"]}
        self.all_blocked = {frozenset((i, j)) for _, i, j in self.linker.blocked}
        self.vetoed = {frozenset(p) for p in captured["vetoed"]}
        pairs, features = fact_pairs.pair_features(c._pair_units(self.units), self.weight)
        probability = RESCUE.probability(features) if len(features) else []
        self.probability = {frozenset((int(i), int(j))): float(p)
                            for (i, j), p in zip(pairs.tolist(), list(probability), strict=True)}
        self.index_of = {(s.ref.article_id, s.ref.outlet, s.ref.index): n for n, s in enumerate(self.units)}
        self.sentence_keys = {where: match_key(self.units[n].ref.text) for where, n in self.index_of.items()}
        self.members: dict[int, list[int]] = {}  # fact number -> the units shown in it
        for n, s in enumerate(self.units):
            for fact in self.facts_of.get((s.ref.article_id, s.ref.index), ()):
                self.members.setdefault(fact, []).append(n)

    def own_repeat(self, i: int, j: int) -> tuple[float, int | None]:
        """How nearly a unit of the pair repeats its own outlet's unit already in the other's fact (session 44,
        facts54), and that unit: the largest containment (the smaller unit's bigram weight the two share, the linker's
        ``together`` measure) of ``i`` with a unit of its outlet in ``j``'s facts or of ``j`` with one of its
        outlet in ``i``'s facts (not a clause of the same sentence); -1 when neither outlet is there."""
        best: tuple[float, int | None] = (-1.0, None)
        for one, other in ((i, j), (j, i)):
            ref = self.units[one].ref
            for fact in self.facts_of.get((self.units[other].ref.article_id, self.units[other].ref.index), ()):
                for k in self.members.get(fact, []):
                    theirs = self.units[k]
                    if k == one or theirs.ref.outlet != ref.outlet or (
                            theirs.ref.article_id, theirs.sentence) == (ref.article_id, self.units[one].sentence):
                        continue
                    best = max(best, (self.score(one, k)[0], k), key=lambda b: b[0])
        return best

    def place(self, article_id: str, text: str) -> tuple[int | None, list[int]]:
        """The unit ``days_facts_eval.score`` places a quote on, and every unit the quote covers."""
        key = match_key(text)
        where = next((s for s, k in self.sentence_keys.items() if s[0] == article_id and key in k), None)
        for size in range(len(key) - 1, 5, -1):
            if where is not None:
                break
            where = next((s for s, k in self.sentence_keys.items() if s[0] == article_id and key[:size] in k), None)
        if where is None:
            return None, []
        return self.index_of[where], [self.index_of[w] for w in _covered_units(key, where, self.sentence_keys)]

    def lost(self, i: int, j: int, spans_i: list[int], spans_j: list[int]) -> str:
        first, second = self.units[i], self.units[j]
        if any(self.linked(a, b) for a in spans_i for b in spans_j):
            return "split-found"
        if c._figures_differ(first.figures, second.figures):
            numbers = {c._number(f) for f in first.figures} & {c._number(f) for f in second.figures}
            return "figures-shared-number" if numbers else "figures"
        containment, dice = self.score(i, j)
        pair = frozenset((i, j))
        if containment >= c.CONTAINMENT and dice >= c.DICE:
            if containment + dice < c.BEST_RATIO * max(self.best(i, second.ref.outlet), self.best(j, first.ref.outlet)):
                return "rules-not-best"
            return "rules-blocked" if pair in self.first_blocked else "rules-other"
        if pair in self.vetoed:
            return "continuity-topic"
        p = self.probability.get(pair)
        if p is None:
            return "never-candidate"
        if p >= RESCUE.threshold:
            return "model-above-blocked" if pair in self.all_blocked else "model-above-not-mutual"
        return "model-under-near" if p >= RESCUE.threshold / 2 else "model-under"


def cross_outlet_quotes(fact: dict[str, Any], articles: dict[str, Any]) -> Iterator[tuple[Any, str, Any, str]]:
    """Every pair of a gold fact's quotes from two outlets (the pairs link recall counts): article and text of each."""
    quotes = [(articles[q["file"]], q["text"]) for q in fact["sentences"] if q["file"] in articles]
    for at, (one, one_text) in enumerate(quotes):
        for other, other_text in quotes[at + 1:]:
            if one.outlet != other.outlet:
                yield one, one_text, other, other_text


def gold_units(view: _Instrumented, story: dict[str, Any], articles: dict[str, Any]) -> dict[int, set[str]]:
    """Each unit of ``view`` a gold quote lies on (every unit of a quote over several) -> the gold facts it is in."""
    gold_of: dict[int, set[str]] = defaultdict(set)
    for fact in story.get("fact", []):
        for quote in fact["sentences"]:
            if quote["file"] in articles:
                first, spans = view.place(articles[quote["file"]].id, quote["text"])
                for k in spans or ([] if first is None else [first]):
                    gold_of[k].add(fact["id"])
    return gold_of


def census(path: Path, days: Path, listed: str | None, quiet: bool) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for story, articles in load_stories(path, days):
        view = _Instrumented(articles)
        for fact in story.get("fact", []):
            per_outlet = Counter(articles[q["file"]].outlet for q in fact["sentences"] if q["file"] in articles)
            for one, one_text, other, other_text in cross_outlet_quotes(fact, articles):
                kinds["gold"] += 1
                i, spans_i = view.place(one.id, one_text)
                j, spans_j = view.place(other.id, other_text)
                if i is None or j is None:
                    kinds["missed"] += 1
                    kinds["unlocated"] += 1
                    continue
                if view.linked(i, j):
                    continue
                kinds["missed"] += 1
                kind = view.lost(i, j, spans_i, spans_j)
                kinds[kind] += 1
                held = view.held(i, j)
                tags = ["held" if held else "free"]
                if len(spans_i) > 1 or len(spans_j) > 1:
                    tags.append("quote-spans")
                if per_outlet[one.outlet] > 1 or per_outlet[other.outlet] > 1:
                    tags.append("told-twice")
                short, long_ = sorted((len(view.keys[i]), len(view.keys[j])))
                if short * 2 < long_:
                    tags.append("short-side")
                if held:
                    repeat, _unit = view.own_repeat(i, j)
                    tags.append("own-none" if repeat < 0 else "own-near" if repeat >= c.REPEATED
                                else "own-words" if repeat >= c.ECHO_REPEATED else "own-other")
                for tag in tags:
                    kinds[tag] += 1
                    kinds[f"{kind}/{tag}"] += 1
                if not quiet and (listed is None or listed == kind or listed in tags):
                    containment, dice = view.score(i, j)
                    p = view.probability.get(frozenset((i, j)))
                    repeat, unit = view.own_repeat(i, j)
                    print(f"{story['event']}/{fact['id']} {kind} {' '.join(tags)} c {containment:.2f} d {dice:.2f} "
                          f"p {'-' if p is None else f'{p:.2f}'} own {repeat:.2f}")
                    print(f"    {view.keys[i][:80]}\n    {view.keys[j][:80]}")
                    if unit is not None:
                        print(f"    own: {view.keys[unit][:80]}")
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fact_file_arguments(parser)
    parser.add_argument("--list", help="list the misses of this kind only")
    parser.add_argument("--quiet", action="store_true", help="counts only")
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "read pair by pair")
    total: Counter[str] = Counter()
    for path in args.facts:
        kinds = census(path, args.days, args.list, args.quiet)
        total.update(kinds)
        print(path.stem, " ".join(f"{k} {kinds[k]}" for k in ("gold", "missed", *KINDS, "held", "free") if kinds[k]),
              flush=True)
    if len(args.facts) > 1:
        print("total", " ".join(f"{k} {total[k]}" for k in ("gold", "missed", *KINDS) if total[k]))
    print("tags", " ".join(f"{k} {v}" for k, v in sorted(total.items()) if k not in ("gold", "missed", *KINDS)))


if __name__ == "__main__":
    main()
