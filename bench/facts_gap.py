"""Same-fact link recall by how alike the labelled wordings are (tuning fact files only; test and fresh
files are refused).

    PYTHONPATH=src python3 bench/facts_gap.py --days ARCHIVED --facts F [F ...] [--reference R [R ...]]

Each gold pair's two quotes are put in a band by the plain share of character bigrams they have in
common (bigrams shared / bigrams of the shorter quote's match key): ``other words`` (< .12), ``some``
(.12-.3), ``much`` (.3-.6) and ``near copy`` (>= .6). A file whose outlets wrote the story independently
has more pairs in the low bands, where any bigram matcher finds few, so its recall is low for a reason
that lies in the data, not in the matcher. Printed per file and pooled: gold pairs, recall, each band's
share and recall, and, with ``--reference``, the recall the files would have if each band were found as
often as in the reference files (the part of a recall gap the wordings explain).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import _key, load_stories, refuse_never_tuned_on, score  # noqa: E402

BANDS = ((0.0, "other words"), (0.12, "some"), (0.3, "much"), (0.6, "near copy"))


def wording_share(quote_a: str, quote_b: str) -> float:
    """Bigrams the two quotes' match keys share, over the bigrams of the shorter one."""
    first, second = (_bigrams(_key(q)) for q in (quote_a, quote_b))
    return len(first & second) / max(min(len(first), len(second)), 1)


def _bigrams(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)}


def band(share: float) -> str:
    """The band of a pair's wording share (``BANDS``: each band from its floor up to the next)."""
    return [name for floor, name in BANDS if share >= floor][-1]


def band_counts(pairs: Iterable[tuple[str, str, str, bool]]) -> dict[str, tuple[int, int]]:
    """Per band: (gold pairs, pairs the comparison links)."""
    counts = {name: (0, 0) for _floor, name in BANDS}
    for _fact, quote_a, quote_b, linked in pairs:
        name = band(wording_share(quote_a, quote_b))
        gold, found = counts[name]
        counts[name] = (gold + 1, found + linked)
    return counts


def expected_recall(counts: dict[str, tuple[int, int]], reference: dict[str, tuple[int, int]]) -> float:
    """The recall ``counts``' pairs would have if each band were found as often as in ``reference``."""
    gold = sum(g for g, _f in counts.values())
    expected = sum(g * (reference[name][1] / reference[name][0] if reference[name][0] else 0.0)
                   for name, (g, _f) in counts.items())
    return expected / max(gold, 1)


def _pairs(paths: Sequence[Path], days: Path) -> dict[str, list[tuple[str, str, str, bool]]]:
    pairs: dict[str, list[tuple[str, str, str, bool]]] = {}
    for path in paths:
        pairs[path.stem] = []
        score(load_stories(path, days), pairs=pairs[path.stem])
    return pairs


def _row(name: str, counts: dict[str, tuple[int, int]], reference: dict[str, tuple[int, int]] | None) -> str:
    gold = sum(g for g, _f in counts.values())
    found = sum(f for _g, f in counts.values())
    cells = [f"{n} {g / max(gold, 1):.2f} ({f / g:.2f})" if g else f"{n} 0" for n, (g, f) in counts.items()]
    line = f"{name}: {gold} pairs, recall {found / max(gold, 1):.3f}; share (recall): " + "; ".join(cells)
    if reference is not None:
        line += f"; recall expected from the reference's bands {expected_recall(counts, reference):.3f}"
    return line


def _pooled(groups: Iterable[list[tuple[str, str, str, bool]]]) -> dict[str, tuple[int, int]]:
    return band_counts(pair for group in groups for pair in group)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=Path, nargs="+", required=True)
    parser.add_argument("--reference", type=Path, nargs="*", default=[])
    parser.add_argument("--days", type=Path, required=True)
    args = parser.parse_args()
    refuse_never_tuned_on([*args.facts, *args.reference], "read pair by pair")
    reference = _pooled(_pairs(args.reference, args.days).values()) if args.reference else None
    if reference is not None:
        print(_row("reference, pooled", reference, None))
    pairs = _pairs(args.facts, args.days)
    for name, group in pairs.items():
        print(_row(name, band_counts(group), reference))
    if len(pairs) > 1:
        print(_row("pooled", _pooled(pairs.values()), reference))


if __name__ == "__main__":
    main()
