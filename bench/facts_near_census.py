"""Missed gold same-fact pairs by how alike the two units are, and for the alike ones why the linker did not link them
(tuning fact files only; test and fresh files are refused). Session 48, facts64.

    PYTHONPATH=src python3 bench/facts_near_census.py --days ARCHIVED --facts F [F ...] [--list-from 0.5] [--rows R]

A gold pair is placed and counted missed as ``facts_miss_census.py`` does. Each miss is binned by the **bigram Dice of
its two units** as the comparison matches them (``_Sentence.grams``: match keys after NFKC, the script and alias folding
of ``normalize``, figures and paraphrases folded, the story's names folded; every bigram counted once, unweighted), and
given beside it the weighted containment and Dice the rules read, the quote texts' own Dice (quotes' match keys), and
one **stage** (the first that holds):

``unlocated``           a quote in no unit (furniture, a caption, a fragment: the unit never exists);
``no-grams``            a unit too short to align (``MIN_KEY_CHARS``);
``split-found``         a quote over two or more units, another unit of it linked to the other quote's;
``figures``             vetoed: the two give figures of one kind sharing none;
``rules-not-best``      passes both overlap thresholds, not nearly the best of its two units (lost in the assignment
                        to a stronger partner of one unit in the other's outlet);
``rules-blocked``       passes both, kept apart by the one-statement rule (a unit's outlet already in the other's fact);
``rules-other``         passes both, neither of the above;
``below-dice``          containment passes, Dice does not (one unit much longer: the sentences are cut differently);
``below-containment``   Dice passes, containment does not (cannot happen: containment >= Dice) — kept for the count;
``below-both``          neither threshold passes;
then for the pairs below the rules, the later rounds as ``facts_miss_census``: ``continuity-topic``, ``model-above-*``,
``model-under*``, ``never-candidate`` (suffixed to ``below-*``).
For ``rules-not-best`` the pair's place in the linker's one-to-one choice (``assignment``), with the chooser ``u`` (the
unit whose best the pair nearly is), its partner ``v`` and ``v``'s own best ``w`` (a unit of ``u``'s outlet):
``shorter-chooses/other-part`` (the shipped one-sided offer: ``v`` packs two statements and is offered to ``u``'s fact;
``/offered-outlet-in-fact``, ``/offered-shown-elsewhere``, ``/offered-not-alike`` say why it was not shown),
``shorter-chooses/same-part`` (``u`` and ``w`` match the same part of ``v``: ``u``'s outlet tells it twice; no offer),
``longer-chooses/other-part`` and ``longer-chooses/same-part`` (the same with the longer unit choosing: no offer),
``neither-chooses`` (each unit has a better partner in the other's outlet).
Also per miss: ``held`` (a unit of the pair already in a fact with the other's outlet), ``len-ratio`` (the shorter
unit's bigrams over the longer's) and ``quote-in-unit`` (the shorter quote's share of its unit's key).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import add_fact_file_arguments, load_stories, refuse_never_tuned_on  # noqa: E402
from facts_miss_census import _Instrumented, cross_outlet_quotes, gold_units  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402
from newsmirror.text.normalize import match_key  # noqa: E402

BINS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01)


def set_dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def key_bigrams(key: str) -> frozenset[str]:
    return frozenset(key[k:k + 2] for k in range(len(key) - 1))


def bin_of(value: float) -> str:
    for low, high in zip(BINS, BINS[1:], strict=False):
        if value < high:
            return f"[{low:.1f},{min(high, 1.0):.1f})"
    return "[1.0]"


def stage(view: _Instrumented, i: int, j: int, spans_i: list[int], spans_j: list[int]) -> str:
    first, second = view.units[i], view.units[j]
    if not first.grams or not second.grams:
        return "no-grams"
    layer = view.lost(i, j, spans_i, spans_j)
    if layer == "split-found" or layer.startswith(("figures", "rules")):
        return layer
    containment, dice = view.score(i, j)
    below = ("below-dice" if containment >= c.CONTAINMENT else "below-containment" if dice >= c.DICE
             else "below-both")
    return f"{below}/{layer}"


def assignment(view: _Instrumented, scores: dict[tuple[int, int], float], i: int, j: int) -> str:
    """Where a ``rules-not-best`` pair stands in the linker's one-to-one choice (the module's ``assignment``)."""
    linker, units = view.linker, view.units
    best_in: dict[tuple[int, str], tuple[float, int]] = {}
    for (a, b), score in scores.items():
        for one, other in ((a, b), (b, a)):
            where = (one, units[other].ref.outlet)
            if where not in best_in or best_in[where][0] < score:
                best_in[where] = (score, other)
    score = scores.get((i, j), scores.get((j, i), 0.0))
    small, large = (i, j) if linker.mass[i] <= linker.mass[j] else (j, i)
    for u, v, kind in ((small, large, "shorter-chooses"), (large, small, "longer-chooses")):
        best_u = best_in[u, units[v].ref.outlet][0]
        best_v, w = best_in[v, units[u].ref.outlet]
        if score >= c.BEST_RATIO * best_u and score < c.BEST_RATIO * best_v:
            with_u, with_w = units[v].grams & units[u].grams, units[v].grams & units[w].grams
            if linker._common(with_u, with_w) > c.SECOND_PART * linker._common(with_u, with_u):
                return f"{kind}/same-part"
            if kind == "longer-chooses":
                return f"{kind}/other-part"
            target = linker.links.find(u)
            return ("shorter-chooses/other-part/" + (
                "offered-shown-elsewhere" if v in linker.shown_by else
                "offered-outlet-in-fact" if units[v].ref.outlet in linker.members_of[target] else
                "offered-not-alike" if not linker._alike_each(v, target) else "offered"))
    return "neither-chooses"


def _instrumented(articles: dict[str, Any]) -> tuple[_Instrumented, dict[tuple[int, int], float]]:
    """``facts_miss_census``' view of a story, and the rules' pair scores its linker saw."""
    captured: dict[str, Any] = {}
    linked = c._linked

    def linked_kept(*args: Any, **kwargs: Any) -> Any:
        result = linked(*args, **kwargs)
        captured["scores"] = result[2]
        return result

    c._linked = linked_kept  # type: ignore[assignment]
    try:
        view = _Instrumented(articles)
    finally:
        c._linked = linked  # type: ignore[assignment]
    return view, captured["scores"]


def story_rows(stem: str, story: dict[str, Any], articles: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per gold pair of the story (found or not)."""
    rows: list[dict[str, Any]] = []
    view, scores = _instrumented(articles)
    units = view.units
    gold_of = gold_units(view, story, articles)

    def facts_of(k: int) -> set[int]:
        return view.facts_of.get((units[k].ref.article_id, units[k].ref.index), set())

    def alone(k: int) -> bool:
        return all(len({units[m].ref.outlet for m in view.members.get(f, [])}) == 1 for f in facts_of(k))

    for fact in story.get("fact", []):
        for one, one_text, other, other_text in cross_outlet_quotes(fact, articles):
            i, spans_i = view.place(one.id, one_text)
            j, spans_j = view.place(other.id, other_text)
            quote_dice = set_dice(key_bigrams(match_key(one_text)), key_bigrams(match_key(other_text)))
            row: dict[str, Any] = {"file": stem, "event": story["event"], "fact": fact["id"],
                                   "quote_dice": round(quote_dice, 3), "qa": one_text, "qb": other_text}
            if i is None or j is None:
                rows.append(dict(row, found=False, stage="unlocated", dice=0.0))
                continue
            a, b = units[i], units[j]
            if view.linked(i, j):
                rows.append(dict(row, found=True, dice=round(set_dice(a.grams, b.grams), 3)))
                continue
            containment, wdice = view.score(i, j)
            short, long_ = sorted((len(a.grams), len(b.grams)))
            holders = [k for x, y in ((i, j), (j, i)) for f in facts_of(x) for k in view.members.get(f, [])
                       if units[k].ref.outlet == units[y].ref.outlet and k != y]
            where = stage(view, i, j, spans_i, spans_j)
            rows.append(dict(
                row, found=False, stage=where,
                assignment=assignment(view, scores, i, j) if where == "rules-not-best" else None,
                dice=round(set_dice(a.grams, b.grams), 3), wcont=round(containment, 3), wdice=round(wdice, 3),
                held=view.held(i, j), len_ratio=round(short / long_, 3) if long_ else 0.0,
                spans=max(len(spans_i), len(spans_j)), ua=a.ref.text, ub=b.ref.text,
                oa=a.ref.outlet, ob=b.ref.outlet,
                holders=sorted({"same" if fact["id"] in gold_of[k] else "other" if gold_of[k] else "unquoted"
                                for k in holders}),
                alone=[alone(i), alone(j)], score=round(containment + wdice, 3),
                p=view.probability.get(frozenset((i, j)))))
    return rows


def rows_of(path: Path, days: Path) -> list[dict[str, Any]]:
    return [row for story, articles in load_stories(path, days) for row in story_rows(path.stem, story, articles)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fact_file_arguments(parser)
    parser.add_argument("--rows", type=Path, help="write every gold pair's row here (JSON)")
    parser.add_argument("--list-from", type=float, help="list the misses whose unit Dice is at least this")
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "read pair by pair")
    rows: list[dict[str, Any]] = []
    for path in args.facts:
        rows.extend(rows_of(path, args.days))
        print(path.stem, len(rows), file=sys.stderr, flush=True)
    if args.rows:
        args.rows.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    by_bin: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        b = bin_of(row["dice"])
        by_bin[b]["gold"] += 1
        by_bin[b]["found" if row["found"] else "missed"] += 1
        if not row["found"]:
            by_bin[b][row["stage"].split("/")[0]] += 1
            by_bin[b]["held" if row.get("held") else "free"] += 1
    for b in sorted(by_bin):
        print(b, " ".join(f"{k} {v}" for k, v in by_bin[b].most_common()))
    print("rules-not-best by assignment:", " ".join(
        f"{k} {v}" for k, v in Counter(row["assignment"] for row in rows if row.get("assignment")).most_common()))
    if args.list_from is not None:
        for row in rows:
            if not row["found"] and row["dice"] >= args.list_from:
                print(f"{row['file']} {row['event']}/{row['fact']} {row['stage']} dice {row['dice']} "
                      f"c {row.get('wcont')} d {row.get('wdice')} held {row.get('held')} len {row.get('len_ratio')}")
                print(f"    {row['oa']}: {row['ua'][:90]}\n    {row['ob']}: {row['ub'][:90]}")


if __name__ == "__main__":
    main()
