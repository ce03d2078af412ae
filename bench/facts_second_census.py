"""The judged links the second-telling layer makes (``compare.SECOND_REPEAT``: a unit repeating its own outlet's
telling, shown in that fact), right and wrong, by the features the layer uses and by what could separate them
(session 47, facts63; tuning fact files only: test and fresh files are refused).

For every repeat ``second_facts`` shows (unit R of outlet X in fact F, X's telling T in F), each judged link R ~ P
(P another outlet's unit in F) is counted with: the repeat's share beyond the topic against T (the layer's bar), the
floor ratio (the smaller unit's weight over the larger's), best-in-fact (R's best containment with a unit of F's
other outlets, and its best outside F), R's own likeness to P (containment and Dice over all bigrams and beyond the
topic), the two units' modality (``bench/modality.py``) and R's against T's, R's figures, whether R and T are in one
report and how far apart, and whether R is a clause cut at a comma.

    PYTHONPATH=src python3 bench/facts_second_census.py --days ARCHIVED [--facts F ...] [--out links.json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import judged_stories, tuning_or_given  # noqa: E402
from facts_misses import _Story  # noqa: E402
from modality import marking  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402

_CAPTURED: list[tuple[dict[int, dict[str, Any]], dict[int, Any]]] = []


def _details(linker: Any) -> dict[int, dict[str, Any]]:
    """Each repeat unit -> what the layer saw of it (its fact, its own outlet's telling, shares)."""
    sentences, mass, weight = linker.sentences, linker.mass, linker.weight
    found: dict[int, dict[str, Any]] = {}
    for root, units in linker.repeats.items():
        for unit in units:
            s = sentences[unit]
            outlet = s.ref.outlet
            best_own, own = -1.0, -1
            for k in linker.members_of[root].get(outlet, ()):
                smaller = min(mass[unit], mass[k])
                shared = s.grams & sentences[k].grams
                if c.SECOND_REPEAT_BEYOND:
                    shared = shared - linker.topic - {n[m:m + 2] for n in s.names & sentences[k].names
                                                      for m in range(len(n) - 1)}
                share = math.fsum(weight[g] for g in shared) / smaller if smaller else 0.0
                if share > best_own:
                    best_own, own = share, k
            others = set(linker.members_of[root]) - {outlet}
            best_in = best_out = 0.0
            for k, t in enumerate(sentences):
                if t.ref.outlet not in others or not mass[k]:
                    continue
                share = math.fsum(weight[g] for g in s.grams & t.grams) / min(mass[unit], mass[k])
                if linker.links.find(k) == root:
                    best_in = max(best_in, share)
                else:
                    best_out = max(best_out, share)
            t = sentences[own]
            found[unit] = {
                "root": root, "own": own, "share": best_own,
                "floor": min(mass[unit], mass[own]) / max(mass[unit], mass[own]),
                "best_in": best_in, "best_out": best_out,
                "same_report": s.ref.article_id == t.ref.article_id,
                "gap": abs(s.sentence - t.sentence) if s.ref.article_id == t.ref.article_id else 99,
                "repeat_index": s.ref.index, "own_index": t.ref.index,
                "comma": s.ref.text.rstrip().endswith(("，", ",", "、", "：", ":")),
                "figures": bool(s.figures), "mark": marking(s.normalized), "own_mark": marking(t.normalized),
                "text": s.ref.text, "own_text": t.ref.text,
            }
    return found


def _capture() -> Any:
    original = c._Linker.second_facts

    def second_facts(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        _CAPTURED.append((_details(self), dict(self.shown_by)))
        return result

    c._Linker.second_facts = second_facts  # type: ignore[method-assign]
    return original


def census(path: Path, days: Path) -> list[dict[str, Any]]:
    """Every judged link of one file the second-telling layer made, with its features."""
    found = []
    for _story, articles, judged in judged_stories(path, days):
        _CAPTURED.clear()
        view = _Story(articles)
        repeats, shown_by = _CAPTURED[0] if _CAPTURED else ({}, {})  # the story's linker (then the rules' copy)
        index_of = {(s.ref.article_id, s.ref.index): k for k, s in enumerate(view.units)}
        for event, a, b, _facts_a, _facts_b, right in judged:
            i, j = index_of[a[0], a[2]], index_of[b[0], b[2]]
            if view.joined_in(i, j) != "second-fact":
                continue
            roots = view.rounds[-1]
            link: dict[str, Any] = {"file": path.stem, "story": event, "right": right, "kind": "other"}
            for unit, partner in ((i, j), (j, i)):
                info = repeats.get(unit)
                shown = shown_by.get(unit)
                if info is not None and roots[partner] == info["root"]:
                    link.update({k: v for k, v in info.items() if k != "root"}, kind="repeat")
                elif shown is not None and roots[partner] == roots[shown[2]]:
                    link.update(kind=shown[0], score=shown[1], offered_with=shown[2] == partner)
                else:
                    continue
                containment, dice = view.score(unit, partner)
                s, p = view.units[unit], view.units[partner]
                link.update(shown=unit, containment=containment, dice=dice, mark=marking(s.normalized),
                            partner_mark=marking(p.normalized), text=s.ref.text, partner_text=p.ref.text,
                            outlet=s.ref.outlet, partner_outlet=p.ref.outlet, unit_figures=bool(s.figures),
                            comma=s.ref.text.rstrip().endswith(("，", ",", "、", "：", ":")),
                            weight_ratio=min(view.mass[unit], view.mass[partner]) / max(view.mass[unit], view.mass[partner], 1e-9),
                            shown_heavier=view.mass[unit] > view.mass[partner])
                break
            found.append(link)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    facts = tuning_or_given(args.facts, "read link by link")
    _capture()
    links = [link for path in facts for link in census(path, args.days)]
    print(f"{len(links)} judged second-fact links, {sum(link['right'] for link in links)} right")
    for kind in ("repeat", "blocked", "one-sided", "rescued", "other"):
        these = [link for link in links if link["kind"] == kind]
        right = sum(link["right"] for link in these)
        print(f"  {kind:<10} {len(these):4d} judged, {right:4d} right, {len(these) - right:4d} wrong")
    if args.out:
        args.out.write_text(json.dumps(links, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
