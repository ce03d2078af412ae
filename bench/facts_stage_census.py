"""Same-fact links missed and made wrong, by the stage of the comparison that lost or made them (tuning fact files
only; test and fresh files are refused). Session 59, recall84.

    PYTHONPATH=src python3 bench/facts_stage_census.py --days ARCHIVED [--facts F ...] --out census.json
    PYTHONPATH=src python3 bench/facts_stage_census.py --from census.json --draw-misses 60 --draw-wrong 30 --seed S

The first form runs ``compare_story`` on every story (``facts_miss_census._Instrumented``) and writes every missed
gold pair and every judged-wrong link (first-unit placement, as ``days_facts_eval.score`` judges) with what each
stage saw: the miss's layer (``facts_miss_census`` kinds), the pair model's probability, containment and Dice, whether
a unit of the pair is already in a fact with the other's outlet (held) and by what, the quotes' cover, the units'
texts; for a wrong link the linker's round that joined the two units. The second form counts the stages over all of
them and prints a seeded random sample of each (drawn before anything is read) for reading by hand.

Stages (a miss gets the stage its layer says, ``facts_miss_census.lost``; a quote cut over several units is judged
on the pair of its units that got furthest: assignment, then a veto, then the model's highest probability):
``unit-cleaned``       a quote in no unit (cut away or cleaned);
``scorer-later-unit``  a quote over several units, found on a later unit (the first-unit scorer's miss only);
``never-candidate``    the pair shares less than ``fact_pairs.FLOOR`` of the smaller unit's bigram weight;
``model-under``        a candidate under the model's threshold (the rules' bars not passed);
``veto``               vetoed: figures that differ, or a continuity round's topic veto;
``assignment``         the rules' bars passed or the model above its threshold, and a one-to-one step (nearly best,
                       mutual best, one statement per outlet) kept it apart.
Each miss also gets a shape: ``cut`` (a quote over two or more units), ``merged`` (a unit with more than
``MERGED_BEYOND`` times its quote's characters outside the quote: it packs another statement) or ``whole``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import load_stories, tuning_or_given  # noqa: E402
from facts_miss_census import _Instrumented, cross_outlet_quotes  # noqa: E402
from newsmirror.stories.fact_model import RESCUE  # noqa: E402
from newsmirror.text.normalize import match_key  # noqa: E402

MERGED_BEYOND = 2.0  # a unit with more than this many times the quote's characters outside it packs more

_ROUND_NAMES = ("rules", "repetitions", "continuity-1", "continuity-2", "amount", "model")


_RANK = {"never-candidate": 0, "model-under": 1, "veto": 2, "assignment": 3}


def _stage(kind: str) -> str:
    if kind == "unlocated":
        return "unit-cleaned"
    if kind == "split-found":
        return "scorer-later-unit"
    if kind.startswith("figures") or kind == "continuity-topic":
        return "veto"
    if kind == "never-candidate":
        return "never-candidate"
    if kind.startswith("model-under"):
        return "model-under"
    return "assignment"


def _shape(quote_chars: tuple[int, int], unit_chars: tuple[int, int], spans: tuple[int, int]) -> str:
    """``cut``: a quote over two or more units; ``merged``: a unit with more than ``MERGED_BEYOND`` times its quote's
    characters outside it (it packs another statement); else ``whole``."""
    if max(spans) > 1:
        return "cut"
    if any(u - q > MERGED_BEYOND * q for q, u in zip(quote_chars, unit_chars, strict=True)):
        return "merged"
    return "whole"


def _progress(view: _Instrumented, pair: tuple[int, int]) -> tuple[int, float]:
    """How far a pair of units got: its stage's rank, then the model's probability."""
    stage = _stage(view.lost(pair[0], pair[1], [pair[0]], [pair[1]]))
    return _RANK.get(stage, -1), view.probability.get(frozenset(pair), 0.0)


def _holder(view: _Instrumented, i: int, j: int, gold_of: dict[int, set[str]], fact: str) -> str:
    """What holds a held pair's slot: the outlet's other telling of the same gold fact, a unit of another gold fact,
    or an unquoted unit; '' when the pair is free."""
    if not view.held(i, j):
        return ""
    holder = view.holder(i, j)[1]
    facts = gold_of.get(holder, set()) if holder is not None else set()
    return "same-fact" if fact in facts else "other-fact" if facts else "unquoted"


def census(path: Path, days: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    misses: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    gold = 0
    for story, articles in load_stories(path, days):
        view = _Instrumented(articles)
        first_of: dict[int, set[str]] = {}  # first-unit placement, as the scorer judges links
        gold_of: dict[int, set[str]] = {}
        for fact in story.get("fact", []):
            for quote in fact["sentences"]:
                if quote["file"] in articles:
                    first, spans = view.place(articles[quote["file"]].id, quote["text"])
                    if first is not None:
                        first_of.setdefault(first, set()).add(fact["id"])
                    for k in spans or ([] if first is None else [first]):
                        gold_of.setdefault(k, set()).add(fact["id"])
        for fact in story.get("fact", []):
            for one, one_text, other, other_text in cross_outlet_quotes(fact, articles):
                gold += 1
                i, spans_i = view.place(one.id, one_text)
                j, spans_j = view.place(other.id, other_text)
                if i is not None and j is not None and view.linked(i, j):
                    continue
                entry: dict[str, Any] = {
                    "file": path.stem, "story": story["event"], "fact": fact["id"],
                    "outlets": [one.outlet, other.outlet], "quotes": [one_text, other_text]}
                if i is None or j is None:
                    entry.update(kind="unlocated", stage="unit-cleaned", units=["", ""])
                    misses.append(entry)
                    continue
                kind = view.lost(i, j, spans_i, spans_j)
                if kind != "split-found" and (len(spans_i) > 1 or len(spans_j) > 1):
                    # A quote cut over several units: the stage that lost the pair of its units that got furthest.
                    i, j = max(((a, b) for a in spans_i for b in spans_j), key=lambda pair, v=view: _progress(v, pair))
                    kind = view.lost(i, j, [i], [j])
                containment, dice = view.score(i, j)
                quote_chars = (len(match_key(one_text)), len(match_key(other_text)))
                unit_chars = (len(view.keys[i]), len(view.keys[j]))
                entry.update(
                    kind=kind, stage=_stage(kind), shape=_shape(quote_chars, unit_chars, (len(spans_i), len(spans_j))),
                    p=view.probability.get(frozenset((i, j))), containment=containment, dice=dice,
                    held=_holder(view, i, j, gold_of, fact["id"]), spans=[len(spans_i), len(spans_j)],
                    units=[view.units[i].ref.text, view.units[j].ref.text],
                    keys=[view.units[i].key, view.units[j].key],
                    figures=[sorted(view.units[i].figures), sorted(view.units[j].figures)])
                misses.append(entry)
        quoted = sorted(first_of)
        for at, i in enumerate(quoted):
            for j in quoted[at + 1:]:
                ui, uj = view.units[i], view.units[j]
                if ui.ref.outlet == uj.ref.outlet or not view.linked(i, j) or first_of[i] & first_of[j]:
                    continue
                joined = view.joined_in(i, j)
                if joined.startswith("round-"):
                    joined = _ROUND_NAMES[int(joined[6:])] if int(joined[6:]) < len(_ROUND_NAMES) else joined
                elif joined == "first":
                    joined = "rules"
                containment, dice = view.score(i, j)
                wrong.append({
                    "file": path.stem, "story": story["event"], "round": joined,
                    "outlets": [ui.ref.outlet, uj.ref.outlet], "gold": [sorted(first_of[i]), sorted(first_of[j])],
                    "p": view.probability.get(frozenset((i, j))), "containment": containment, "dice": dice,
                    "units": [ui.ref.text, uj.ref.text], "figures": [sorted(ui.figures), sorted(uj.figures)]})
    return misses, wrong, gold


def _show_miss(n: int, m: dict[str, Any]) -> None:
    p = m.get("p")
    print(f"M{n:02d} {m['file']} {m['story']}/{m['fact']} [{m['stage']} / {m['kind']} / {m.get('shape')}] "
          f"{'held by ' + m['held'] if m.get('held') else 'free'} c {m.get('containment', 0):.2f} "
          f"d {m.get('dice', 0):.2f} p {'-' if p is None else f'{p:.3f}'} spans {m.get('spans')}")
    for outlet, quote, unit in zip(m["outlets"], m["quotes"], m["units"], strict=True):
        print(f"     {outlet} Q: {quote[:160]}")
        if unit and match_key(unit) != match_key(quote):
            print(f"     {' ' * len(outlet)} U: {unit[:200]}")


def _show_wrong(n: int, w: dict[str, Any]) -> None:
    p = w.get("p")
    print(f"W{n:02d} {w['file']} {w['story']} [{w['round']}] gold {w['gold'][0]} / {w['gold'][1]} "
          f"c {w['containment']:.2f} d {w['dice']:.2f} p {'-' if p is None else f'{p:.3f}'}")
    for outlet, unit in zip(w["outlets"], w["units"], strict=True):
        print(f"     {outlet}: {unit[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path)
    parser.add_argument("--facts", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, help="write every miss and wrong link here")
    parser.add_argument("--from", dest="source", type=Path, help="read a census written by --out")
    parser.add_argument("--draw-misses", type=int, default=0)
    parser.add_argument("--draw-wrong", type=int, default=0)
    parser.add_argument("--seed", type=int, default=8484)
    args = parser.parse_args()
    if args.source is None and args.days is None:
        # Said before a fact file is opened: the first story's folder was `None / day`, a TypeError naming neither.
        parser.error("--days ARCHIVED is needed to run the census (or --from a census written by --out)")
    if args.source:
        data = json.loads(args.source.read_text())
    else:
        misses: list[dict[str, Any]] = []
        wrong: list[dict[str, Any]] = []
        gold = 0
        for path in tuning_or_given(args.facts, "read pair by pair"):
            m, w, g = census(path, args.days)
            misses += m
            wrong += w
            gold += g
            print(f"{path.stem}: gold {g} missed {len(m)} wrong {len(w)}", file=sys.stderr, flush=True)
        data = {"gold": gold, "misses": misses, "wrong": wrong}
        if args.out:
            args.out.write_text(json.dumps(data, ensure_ascii=False))
    misses, wrong = data["misses"], data["wrong"]
    for m in misses:  # the stage again from the layer (a census written before a stage was renamed)
        m["stage"] = _stage(m["kind"])
    print(f"gold pairs {data['gold']}, missed {len(misses)}, judged-wrong links {len(wrong)}")
    stages = Counter(m["stage"] for m in misses)
    for stage, count in stages.most_common():
        held = Counter(m.get("held") or "free" for m in misses if m["stage"] == stage)
        shapes = Counter(m.get("shape", "-") for m in misses if m["stage"] == stage)
        print(f"  {stage:18s} {count:5d} ({count / len(misses):.1%}); {dict(held)}; {dict(shapes)}")
    under = [m["p"] for m in misses if m["stage"] == "model-under" and m.get("p") is not None]
    bands = Counter(min(int(p / 0.05), 3) for p in under)
    print(f"  model-under by probability (threshold {RESCUE.threshold:.2f}): "
          + ", ".join(f"{b * .05:.2f}-{'' if b == 3 else f'{(b + 1) * .05:.2f}'}: {bands[b]}" for b in range(4)))
    rounds = Counter(w["round"] for w in wrong)
    print("  wrong links by round: " + ", ".join(f"{k} {v}" for k, v in rounds.most_common()))
    rng = random.Random(args.seed)
    if args.draw_misses:
        for n, m in enumerate(rng.sample(misses, min(args.draw_misses, len(misses))), 1):
            _show_miss(n, m)
    if args.draw_wrong:
        for n, w in enumerate(rng.sample(wrong, min(args.draw_wrong, len(wrong))), 1):
            _show_wrong(n, w)


if __name__ == "__main__":
    main()
