"""Judged same-fact links (right and wrong) and gold pairs of the tuning fact files, by the two units' marking as
foreseen or done (tuning fact files only; test and fresh files are refused).

Each unit is read by ``bench/modality.py``'s ``marking`` (a closed list of Chinese future/plan/expectation
markers and of perfective/completive markers, taken from grammar, not from labelled text): ``foreseen`` (only
foreseen markers), ``done`` (only done markers), ``both``, or ``none``. A pair is counted under the two markings
(``foreseen~done`` is the conflict the mechanism reads). Judged links: ``facts_wrong_kinds.judged_links``
(the comparison's facts, component-wise: two units in one fact); gold pairs: every two quotes of one gold fact of
two outlets, each located in its unit (``facts_misses._Story.locate``), found or not.

    PYTHONPATH=src python3 bench/facts_modality.py --days ARCHIVED [--facts F ...] [--list KIND]

``--list foreseen~done`` prints the pairs of that marking (judged wrong, judged right, gold).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import load_stories, tuning_or_given  # noqa: E402
from facts_misses import _Story  # noqa: E402
from facts_wrong_kinds import judged_links  # noqa: E402
from modality import marking  # noqa: E402
from newsmirror.text.normalize import normalize  # noqa: E402


def pair_kind(first: str, second: str) -> str:
    return "~".join(sorted((marking(first), marking(second))))


def census(path: Path, days: Path) -> list[dict[str, Any]]:
    """Every judged link and gold pair of one fact file: kind ("right", "wrong", "gold found", "gold missed"),
    the pair's marking and both texts."""
    rows: list[dict[str, Any]] = []
    for link in judged_links(path, days):
        rows.append({"file": path.stem, "story": link["story"], "kind": "right" if link["right"] else "wrong",
                     "round": link["round"], "marking": pair_kind(normalize(link["a"][1]), normalize(link["b"][1])),
                     "a": link["a"][1], "b": link["b"][1]})
    for story, articles in load_stories(path, days):
        view = _Story(articles)
        seen: set[tuple[int, int]] = set()
        for fact in story.get("fact", []):
            located = []
            for quote in fact["sentences"]:
                article = articles.get(quote["file"])
                where = view.locate(article.id, quote["text"]) if article is not None else None
                if where is not None:
                    located.append(where)
            for n, i in enumerate(located):
                for j in located[n + 1:]:
                    if view.units[i].ref.outlet == view.units[j].ref.outlet or (min(i, j), max(i, j)) in seen:
                        continue
                    seen.add((min(i, j), max(i, j)))
                    first, second = view.units[i], view.units[j]
                    rows.append({"file": path.stem, "story": story["event"],
                                 "kind": "gold found" if view.linked(i, j) else "gold missed", "round": "",
                                 "marking": pair_kind(first.normalized, second.normalized),
                                 "a": first.ref.text, "b": second.ref.text})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, help="every row as JSON")
    parser.add_argument("--list", default="", help="list the pairs of this marking (e.g. foreseen~done)")
    args = parser.parse_args()
    facts = tuning_or_given(args.facts, "read link by link")
    rows = [row for path in facts for row in census(path, args.days)]
    kinds = ("right", "wrong", "gold found", "gold missed")
    table: Counter[tuple[str, str]] = Counter((row["marking"], row["kind"]) for row in rows)
    markings = sorted({row["marking"] for row in rows})
    print(f"{'marking':<20} " + " ".join(f"{k:>12}" for k in kinds) + f" {'judged P':>9}")
    for m in [*markings, "all"]:
        counts = [sum(v for (mm, k), v in table.items() if k == kind and (m == "all" or mm == m)) for kind in kinds]
        judged = counts[0] + counts[1]
        print(f"{m:<20} " + " ".join(f"{n:12d}" for n in counts) + f" {counts[0] / judged if judged else 0:9.3f}")
    rounds: Counter[tuple[str, str, str]] = Counter((row["marking"], row["round"], row["kind"]) for row in rows
                                                    if row["kind"] in ("right", "wrong"))
    print("\njudged links by marking and the round that joined them (right / wrong)")
    for (m, r) in sorted({(m, r) for m, r, _ in rounds}):
        print(f"{m:<20} {r:<14} {rounds[m, r, 'right']:6d} {rounds[m, r, 'wrong']:6d}")
    if args.out:
        import json

        args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    if args.list:
        for row in sorted(rows, key=lambda r: r["kind"]):
            if row["marking"] == args.list:
                print(f"[{row['kind']} {row['round']}] {row['file']} {row['story']}\n    {row['a'][:120]}\n    {row['b'][:120]}")


if __name__ == "__main__":
    main()
